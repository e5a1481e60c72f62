package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.test.FxStages;
import dev.querycache.test.FxThread;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Specification of {@link QueryList}: one change per run of the keyed diff, counted exactly;
 * a flip and its rollback are one replacement each; a refetch replaces only changed rows;
 * equal data fires nothing; a {@code TableView} keeps its selection and focus through them,
 * also sorted through a {@code SortedList}, which never shows a stale row.
 */
class QueryListTest {
  /** A row of the mailbox: its key is the id. */
  public record Mail(String id, String subject, boolean starred) {
    Mail star(boolean on) {
      return new Mail(id, subject, on);
    }
  }

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder()
      .notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread)
      .toaster(new RecordingToaster())
      .build();
  private final QueryKey<List<Mail>> inbox = QueryKey.of("mail", "inbox");
  private final QueryOptions<List<Mail>> options = QueryOptions.builder(inbox).build();
  private final QueryList<Mail> mails = new QueryList<>(Mail::id);
  /** Each change the list fired, as text: "removed 2..3", "added 0..0", "replaced 1..1". */
  private final List<String> changes = new ArrayList<>();
  @RegisterExtension final FxStages stages = new FxStages();

  @AfterEach
  void close() {
    stages.hideAll();
    client.close();
  }

  private static List<Mail> inbox(int count) {
    List<Mail> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new Mail("m" + i, "Subject " + i, false));
    }
    return rows;
  }

  private static List<Mail> starred(List<Mail> rows, int index) {
    List<Mail> next = new ArrayList<>(rows);
    next.set(index, rows.get(index).star(true));
    return next;
  }

  /** A table of the list in a showing window, bound to the inbox, with every change recorded. */
  private TableView<Mail> table(javafx.collections.ObservableList<Mail> items) {
    return FxThread.call(() -> {
      TableView<Mail> table = new TableView<>(items);
      TableColumn<Mail, String> subject = new TableColumn<>("Subject");
      subject.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().subject()));
      table.getColumns().add(subject);
      stages.show(table, 300, 200);
      mails.bind(table, client, options);
      mails.addListener(this::record);
      return table;
    });
  }

  private void record(ListChangeListener.Change<? extends Mail> change) {
    int runs = 0;
    while (change.next()) {
      runs++;
      if (change.wasReplaced()) {
        changes.add("replaced " + change.getFrom() + ".." + (change.getTo() - 1));
      } else if (change.wasRemoved()) {
        changes.add("removed " + change.getFrom() + ".." + (change.getFrom() + change.getRemovedSize() - 1));
      } else if (change.wasAdded()) {
        changes.add("added " + change.getFrom() + ".." + (change.getTo() - 1));
      } else {
        changes.add("other");
      }
    }
    assertThat(runs).as("runs in one change").isEqualTo(1);
  }

  private Mutation<String, Boolean, Void> star(ControllableMutation<String, Boolean> server) {
    return client.asyncMutation(server)
        .name("star")
        .optimistic(inbox, (rows, id) -> rows.stream()
            .map(mail -> mail.id().equals(id) ? mail.star(true) : mail)
            .collect(Collectors.toList()))
        .errorMessage("Could not star")
        .build();
  }

  // ---- changes -------------------------------------------------------------------------------

  @Test
  void theFirstDataIsOneAddition() {
    table(mails);

    client.setQueryData(inbox, inbox(3));
    FxThread.flush();

    assertThat(changes).containsExactly("added 0..2");
    assertThat(FxThread.call(() -> new ArrayList<>(mails))).isEqualTo(inbox(3));
  }

  @Test
  void aChangedRowIsOneReplacementOfOneElement() {
    client.setQueryData(inbox, inbox(5));
    table(mails);

    client.setQueryData(inbox, starred(inbox(5), 2));
    FxThread.flush();

    assertThat(changes).containsExactly("replaced 2..2");
  }

  @Test
  void equalDataFiresNothing() {
    client.setQueryData(inbox, inbox(5));
    table(mails);

    client.setQueryData(inbox, inbox(5));
    FxThread.flush();

    assertThat(changes).isEmpty();
  }

  @Test
  void eachRunIsItsOwnChangeRemovalsThenAdditionsThenReplacements() {
    client.setQueryData(inbox, inbox(6));
    table(mails);
    List<Mail> next = inbox(6);
    next.remove(4);                                 // a row gone below
    next.add(0, new Mail("new", "Hello", false));   // a row added above
    next.set(3, next.get(3).star(true));            // m2 changed

    client.setQueryData(inbox, next);
    FxThread.flush();

    assertThat(changes).containsExactly("removed 4..4", "added 0..0", "replaced 3..3");
    assertThat(FxThread.call(() -> new ArrayList<>(mails))).isEqualTo(next);
  }

  @Test
  void rowsWithEqualKeysAreRefusedAndTheListKeepsItsRows() {
    client.setQueryData(inbox, inbox(2));
    table(mails);
    List<Mail> twice = List.of(new Mail("m0", "a", false), new Mail("m0", "b", false));

    assertThatThrownBy(() -> FxThread.run(() -> mails.show(twice))).isInstanceOf(IllegalArgumentException.class);

    assertThat(FxThread.call(() -> new ArrayList<>(mails))).isEqualTo(inbox(2));
    assertThat(changes).isEmpty();
  }

  @Test
  void noDataIsNoRows() {
    client.setQueryData(inbox, inbox(2));
    table(mails);

    client.removeQueries(QueryFilter.exact(inbox));
    client.resetQueries(QueryFilter.exact(inbox));
    FxThread.flush();

    assertThat(FxThread.call(mails::size)).isZero();
  }

  @Test
  void theListCannotBeChangedByItsUsers() {
    assertThatThrownBy(() -> mails.add(new Mail("x", "x", false))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aListIsBoundOnce() {
    TableView<Mail> table = table(mails);

    assertThatThrownBy(() -> FxThread.run(() -> mails.bind(table, client, options)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bound already");
  }

  // ---- indexOf by key ------------------------------------------------------------------------

  @Test
  void aChangedVersionOfARowIsFoundWhereTheRowIs() {
    FxThread.run(() -> mails.show(inbox(3)));

    assertThat(FxThread.call(() -> mails.indexOf(new Mail("m1", "other subject", true)))).isEqualTo(1);
    assertThat(FxThread.call(() -> mails.contains("not a mail"))).isFalse();
    assertThat(FxThread.call(() -> mails.indexOf(null))).isEqualTo(-1);
  }

  // ---- a table's selection and focus ---------------------------------------------------------

  @Test
  void theSelectionAndFocusStayOnARowThroughItsFlipAndRollback() {
    client.setQueryData(inbox, inbox(5));
    TableView<Mail> table = table(mails);
    FxThread.run(() -> {
      table.getSelectionModel().select(2);
      table.getFocusModel().focus(2);
    });
    ControllableMutation<String, Boolean> server = new ControllableMutation<>();

    FxThread.run(() -> star(server).fire("m2"));
    FxThread.flush();
    FxThread.run(() -> {
      assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(new Mail("m2", "Subject 2", true));
      assertThat(table.getFocusModel().getFocusedIndex()).isEqualTo(2);
    });

    server.fail(new IOException("down"));
    FxThread.flush();

    assertThat(changes).containsExactly("replaced 2..2", "replaced 2..2");
    FxThread.run(() -> {
      assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(new Mail("m2", "Subject 2", false));
      assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(2);
      assertThat(table.getFocusModel().getFocusedIndex()).isEqualTo(2);
    });
  }

  @Test
  void theSelectionStaysOnItsRowWhenARefetchAddsRowsAbove() {
    client.setQueryData(inbox, inbox(5));
    TableView<Mail> table = table(mails);
    FxThread.run(() -> table.getSelectionModel().select(2));
    List<Mail> next = inbox(5);
    next.add(0, new Mail("new", "Hello", false));

    client.setQueryData(inbox, next);
    FxThread.flush();

    FxThread.run(() -> assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo("m2"));
  }

  @Test
  void aSortedTableShowsTheChangedRowAndKeepsItsSelection() {
    client.setQueryData(inbox, inbox(5));
    SortedList<Mail> sorted = FxThread.call(() -> new SortedList<>(mails, Comparator.comparing(Mail::subject).reversed()));
    TableView<Mail> table = table(sorted);
    FxThread.run(() -> table.getSelectionModel().select(new Mail("m2", "Subject 2", false)));

    client.setQueryData(inbox, starred(inbox(5), 2));
    FxThread.flush();

    FxThread.run(() -> {
      assertThat(sorted.get(2)).as("the sorted view is not stale").isEqualTo(new Mail("m2", "Subject 2", true));
      assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(new Mail("m2", "Subject 2", true));
    });
  }
}
