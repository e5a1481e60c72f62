package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.RecordingToaster;
import java.awt.Component;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@link QueryTableModel#markWrites} and {@link WriteMarkRenderer}: which rows
 * have a write in flight or a failed last write, the row events that repaint them, and how the
 * renderer draws them. Runs on the EDT with synchronous executors.
 */
@ExtendWith(RunOnEdt.class)
class WriteMarksTest {
  record Mail(String id, String subject, boolean starred) {}

  record Star(String id, boolean starred) {}

  private final QueryClient client =
      QueryClient.builder().fetchExecutor(Runnable::run).toaster(new RecordingToaster()).build();
  private final QueryKey<List<Mail>> inbox = QueryKey.of("mail", "inbox");
  private final ControllableMutation<Star, Boolean> server = new ControllableMutation<>();
  private final Mutation<Star, Boolean, Void> star = client.asyncMutation(server)
      .optimistic(inbox, (rows, s) -> rows.stream()
          .map(m -> m.id().equals(s.id()) ? new Mail(m.id(), m.subject(), s.starred()) : m).toList())
      .mutationKey(QueryKey.of("mail", "star"))
      .errorMessage("Could not star")
      .build();
  private final QueryTableModel<Mail> model = new QueryTableModel<>(Mail::id, List.of(
      QueryTableModel.Column.of("Subject", String.class, Mail::subject),
      QueryTableModel.Column.of("Starred", Boolean.class, Mail::starred)));
  private final List<String> events = new ArrayList<>();

  WriteMarksTest() {
    client.setQueryData(inbox, List.of(new Mail("m1", "Hello", false), new Mail("m2", "Invoice", false)));
    shown(model);
    model.addTableModelListener(event -> events.add("update " + event.getFirstRow() + ".." + event.getLastRow()));
    model.markWrites(client, MutationFilter.key(QueryKey.of("mail")), variables -> ((Star) variables).id());
  }

  /** Binds {@code rows} to the inbox through a displayable component, as a shown window would. */
  private void shown(QueryTableModel<Mail> rows) {
    JPanel window = new JPanel();
    JTable table = new JTable(rows);
    window.add(table);
    rows.bind(table, client, QueryOptions.builder(inbox).enabled(false).build());
    window.addNotify();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aRowWithAWriteInFlightIsMarkedPending() {
    star.mutate(new Star("m2", true));

    assertThat(model.writeStatus(0)).isNull();
    assertThat(model.writeStatus(1)).isEqualTo(MutationStatus.PENDING);
  }

  @Test
  void theMarkGoesWhenTheWriteSucceeds() {
    star.mutate(new Star("m2", true));
    events.clear();

    server.resolve(true);

    assertThat(model.writeStatus(1)).isNull();
    assertThat(events).contains("update 1..1");
  }

  @Test
  void aRowWhoseLastWriteFailedIsMarkedUntilAWriteSucceeds() {
    star.mutate(new Star("m1", true));
    server.fail(new IOException("503"));
    assertThat(model.writeStatus(0)).isEqualTo(MutationStatus.ERROR);

    star.mutate(new Star("m1", true));
    assertThat(model.writeStatus(0)).isEqualTo(MutationStatus.PENDING);
    server.resolve(true);

    assertThat(model.writeStatus(0)).isNull();
  }

  @Test
  void aPendingWriteOutranksAnEarlierFailureAndALaterSuccessOfAnother() {
    CompletableFuture<Boolean> first = star.mutate(new Star("m1", true));
    star.mutate(new Star("m1", false));
    server.call(1).resolve(true);

    assertThat(first).isNotDone();
    assertThat(model.writeStatus(0)).isEqualTo(MutationStatus.PENDING);
    server.call(0).resolve(true);
  }

  @Test
  void closingStopsTheMarkingAndUnmarksEveryRow() throws Exception {
    QueryTableModel<Mail> other = new QueryTableModel<>(Mail::id, model.columns());
    shown(other);
    AutoCloseable marking = other.markWrites(client, MutationFilter.all(), variables -> ((Star) variables).id());
    star.mutate(new Star("m1", true));
    assertThat(other.writeStatus(0)).isEqualTo(MutationStatus.PENDING);

    marking.close();

    assertThat(other.writeStatus(0)).isNull();
    server.resolve(true);
  }

  @Test
  void markingTwiceIsRefused() {
    assertThatThrownBy(() -> model.markWrites(client, MutationFilter.all(), variables -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("marks writes already");
  }

  @Test
  void theRendererDrawsAPendingRowInItalicsWithATooltip() {
    JTable table = new JTable(model);
    WriteMarkRenderer.install(table);
    star.mutate(new Star("m2", true));

    Component pending = render(table, 1); // renderers reuse their component: read it at once
    assertThat(pending.getFont().isItalic()).isTrue();
    assertThat(((JComponent) pending).getToolTipText()).isEqualTo(WriteMarkRenderer.PENDING_TIP);
    Component plain = render(table, 0);
    assertThat(plain.getFont().isItalic()).isFalse();
    assertThat(((JComponent) plain).getToolTipText()).isNull();
    server.resolve(true);
  }

  @Test
  void theRendererDrawsAFailedRowInRed() {
    JTable table = new JTable(model);
    WriteMarkRenderer.install(table);
    star.mutate(new Star("m1", true));
    server.fail(new IOException("503"));

    Component failed = render(table, 0);

    assertThat(failed.getForeground()).isNotEqualTo(table.getForeground());
    assertThat(failed.getForeground().getRed()).isGreaterThan(failed.getForeground().getBlue());
    assertThat(((JComponent) failed).getToolTipText()).isEqualTo(WriteMarkRenderer.FAILED_TIP);
    assertThat(failed.getFont().getStyle()).isEqualTo(Font.PLAIN);
  }

  private static Component render(JTable table, int row) {
    return table.prepareRenderer(table.getCellRenderer(row, 0), row, 0);
  }
}
