package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of the inspector's "Mutations" table model: one row per remembered run, with
 * its id, mutation key, status, variables, paused flag and failure count, kept in place by
 * run id. Mutation functions hand out futures the test completes.
 */
class MutationsTableModelTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client =
      QueryClient.builder()
          .notifyExecutor(Runnable::run)
          .fetchExecutor(Runnable::run)
          .ticker(time)
          .scheduler(time)
          .toaster(new RecordingToaster())
          .build();
  private final MutationsTableModel model = new MutationsTableModel();
  private final List<CompletableFuture<Boolean>> writes = new ArrayList<>();
  private final Mutation<String, Boolean, Void> archive =
      client.asyncMutation((String id) -> {
            CompletableFuture<Boolean> call = new CompletableFuture<>();
            writes.add(call);
            return call;
          })
          .mutationKey(QueryKey.of("mail", "archive"))
          .scope("mail")
          .build();

  @AfterEach
  void closeClient() {
    client.close();
  }

  private void update() {
    model.update(client.getMutations(MutationFilter.all()), time.read());
  }

  @Test
  void columnsAreNamedForWhatTheyShow() {
    List<String> names = new ArrayList<>();
    for (int column = 0; column < model.getColumnCount(); column++) {
      names.add(model.getColumnName(column));
    }

    assertThat(names).containsExactly(
        "ID", "Name", "Key", "Status", "Variables", "Paused", "Failures", "Result", "Error", "Submitted");
  }

  @Test
  void pendingRunShowsItsIdKeyStatusAndVariables() {
    archive.fire("m1");

    update();

    assertThat(model.getRowCount()).isEqualTo(1);
    assertThat(model.getValueAt(0, MutationsTableModel.ID)).isEqualTo(archive.state().id());
    assertThat(model.getValueAt(0, MutationsTableModel.NAME)).isEqualTo(QueryKey.of("mail", "archive").toString());
    assertThat(model.getValueAt(0, MutationsTableModel.KEY)).isEqualTo(QueryKey.of("mail", "archive").toString());
    assertThat(model.getValueAt(0, MutationsTableModel.STATUS)).isEqualTo(MutationStatus.PENDING);
    assertThat(model.getValueAt(0, MutationsTableModel.VARIABLES)).isEqualTo("m1");
    assertThat(model.getValueAt(0, MutationsTableModel.PAUSED)).isEqualTo(false);
    assertThat(model.getValueAt(0, MutationsTableModel.FAILURES)).isEqualTo(0);
  }

  @Test
  void runWaitingForItsScopeIsPaused() {
    archive.fire("m1");
    archive.fire("m2");

    update();

    assertThat(model.getValueAt(1, MutationsTableModel.VARIABLES)).isEqualTo("m2");
    assertThat(model.getValueAt(1, MutationsTableModel.PAUSED)).isEqualTo(true);
  }

  @Test
  void failedRunShowsErrorAndItsFailure() {
    archive.fire("m1");
    writes.get(0).completeExceptionally(new IOException("refused"));

    update();

    assertThat(model.getValueAt(0, MutationsTableModel.STATUS)).isEqualTo(MutationStatus.ERROR);
    assertThat(model.getValueAt(0, MutationsTableModel.FAILURES)).isEqualTo(1);
    assertThat(model.getValueAt(0, MutationsTableModel.ERROR)).isEqualTo("java.io.IOException: refused");
    assertThat(model.getValueAt(0, MutationsTableModel.RESULT)).isEqualTo(QueriesTableModel.NEVER);
  }

  @Test
  void succeededRunShowsItsResult() {
    archive.fire("m1");
    writes.get(0).complete(true);

    update();

    assertThat(model.getValueAt(0, MutationsTableModel.RESULT)).isEqualTo("true");
    assertThat(model.getValueAt(0, MutationsTableModel.ERROR)).isEqualTo(QueriesTableModel.NEVER);
  }

  @Test
  void submittedSaysHowLongAgoTheRunStartedAndMovesWithTheClock() {
    archive.fire("m1");
    update();
    List<TableModelEvent> events = new ArrayList<>();
    model.addTableModelListener(events::add);

    time.advance(java.time.Duration.ofSeconds(3));
    update();

    assertThat(model.getValueAt(0, MutationsTableModel.SUBMITTED)).isEqualTo("3 s ago");
    assertThat(events).extracting(TableModelEvent::getType).containsOnly(TableModelEvent.UPDATE);
  }

  @Test
  void settledRunIsUpdatedInPlace() {
    archive.fire("m1");
    archive.fire("m2");
    update();
    List<TableModelEvent> events = new ArrayList<>();
    model.addTableModelListener(events::add);

    writes.get(0).complete(true);
    update();

    assertThat(model.getValueAt(0, MutationsTableModel.STATUS)).isEqualTo(MutationStatus.SUCCESS);
    assertThat(model.getValueAt(1, MutationsTableModel.PAUSED)).isEqualTo(false);
    assertThat(events).extracting(TableModelEvent::getType).containsOnly(TableModelEvent.UPDATE);
  }

  @Test
  void runOfAMutationWithoutKeyShowsADash() {
    Mutation<String, Boolean, Void> keyless =
        client.asyncMutation((String id) -> new CompletableFuture<Boolean>()).build();
    keyless.fire("x");

    update();

    assertThat(model.getValueAt(0, MutationsTableModel.KEY)).isEqualTo(QueriesTableModel.NEVER);
  }
}
