package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionState;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.MutationCall;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.RowLog;
import dev.querycache.test.TransitionRecorder;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specification of transactions that overlap on one row: whatever order their handlers
 * answer in, and whichever of them fail, the row shows the server's row with the changes of
 * those that did not fail, and nothing else (TanStack DB shows a failed transaction's fields
 * through a persisting sibling); server data landing mid-transaction, fetched or written back,
 * lands under the changes; eight threads writing at once lose nothing.
 */
class OverlappingTransactionsTest {
  static final TodoRow A = new TodoRow("a", "Write specs", false);
  static final TodoRow B = new TodoRow("b", "Ship", false);

  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final TransitionRecorder recorder = new TransitionRecorder(client);
  final ControllableQuery<List<TodoRow>> server = new ControllableQuery<>();
  final ControllableMutation<List<PendingChange<String, TodoRow>>, String> saves = new ControllableMutation<>();
  QueryCollection<String, TodoRow> todos;
  RowLog<String, TodoRow> table;

  @BeforeEach
  void loadTheList() {
    todos = client.collection(
            QueryOptions.builder(QueryKey.<List<TodoRow>>of("todos")).asyncFetcher(server).retry(0).build(), TodoRow::id)
        .onUpdateAsync(saves::mutate)
        .build();
    server.resolve(List.of(A, B));
    table = recorder.rows(todos, row -> row.title() + (row.done() ? " (done)" : ""));
  }

  @AfterEach
  void close() {
    recorder.close();
    client.close();
  }

  /** Every order of two answers, and every outcome of each. */
  static Stream<Arguments> outcomes() {
    List<Arguments> all = new ArrayList<>();
    for (boolean retitleFirst : new boolean[] {true, false}) {
      for (boolean retitleFails : new boolean[] {false, true}) {
        for (boolean completeFails : new boolean[] {false, true}) {
          all.add(Arguments.of(retitleFirst, retitleFails, completeFails));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "retitle answered first: {0}, retitle fails: {1}, completion fails: {2}")
  @MethodSource("outcomes")
  void theRowShowsTheChangesOfTheTransactionsThatDidNotFailInAnyOrder(
      boolean retitleFirst, boolean retitleFails, boolean completeFails) {
    Transaction retitle = todos.update("a", row -> row.titled("Write more specs"));
    Transaction complete = todos.update("a", row -> row.done(true));
    assertThat(todos.get("a")).contains(new TodoRow("a", "Write more specs", true));
    MutationCall<List<PendingChange<String, TodoRow>>, String> retitleCall = saves.call(0);
    MutationCall<List<PendingChange<String, TodoRow>>, String> completeCall = saves.call(1);

    answer(retitleFirst ? retitleCall : completeCall, retitleFirst ? retitleFails : completeFails);
    answer(retitleFirst ? completeCall : retitleCall, retitleFirst ? completeFails : retitleFails);

    TodoRow expected = new TodoRow("a", retitleFails ? A.title() : "Write more specs", !completeFails);
    assertThat(todos.get("a")).contains(expected);
    assertThat(retitle.state()).isEqualTo(retitleFails ? TransactionState.FAILED : TransactionState.COMPLETED);
    assertThat(complete.state()).isEqualTo(completeFails ? TransactionState.FAILED : TransactionState.COMPLETED);
    assertThat(toaster.errors()).hasSize((retitleFails ? 1 : 0) + (completeFails ? 1 : 0));

    server.resolve(List.of(expected, B)); // the settle refetch: the server holds what succeeded
    assertThat(todos.get("a")).contains(expected);
    assertThat(todos.rows()).containsExactly(expected, B);
  }

  private void answer(MutationCall<List<PendingChange<String, TodoRow>>, String> call, boolean fails) {
    if (fails) {
      call.fail(new IOException("409 Conflict"));
    } else {
      call.resolve("saved");
    }
  }

  @Test
  void aRefetchLandingMidTransactionLandsUnderTheChange() {
    todos.update("a", row -> row.done(true));
    table.clear();
    client.refetchQueries(dev.querycache.QueryFilter.exact(todos.key()));

    server.resolve(List.of(A.titled("Write specs today"), B));

    table.assertSequence("changed a: Write specs (done) -> Write specs today (done)");
    saves.resolve("saved");
    server.resolve(List.of(new TodoRow("a", "Write specs today", true), B));
    table.assertRows("Write specs today (done)", "Ship");
    assertThat(table.entries()).hasSize(1);
  }

  @Test
  void aWriteBackLandingMidTransactionLandsUnderTheChangeAndAFailureShowsIt() {
    todos.update("a", row -> row.done(true));
    table.clear();

    todos.writeRows(List.of(A.titled("Renamed on the server")), List.of());
    saves.fail(new IOException("503"));

    table.assertSequence(
        "changed a: Write specs (done) -> Renamed on the server (done)",
        "changed a: Renamed on the server (done) -> Renamed on the server");
  }

  @Test
  void eightThreadsWritingAtOnceLoseNoChange() throws Exception {
    List<TodoRow> rows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rows.add(new TodoRow("t" + i, "0", false));
    }
    client.setQueryData(todos.key(), rows);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String own = "t" + i;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int n = 1; n <= 50; n++) {
          int count = n;
          todos.update(own, row -> row.titled(String.valueOf(count)));
          todos.update("t0", row -> row.done(!row.done())); // every thread also flips one shared row
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(todos.rows()).extracting(TodoRow::title).containsOnly("50");
    assertThat(todos.get("t0").orElseThrow().done()).as("400 flips of t0: back where it began").isFalse();
    assertThat(saves.callCount()).isEqualTo(800);
    saves.resolveUntilIdle("saved");
    assertThat(todos.rows()).extracting(TodoRow::title).containsOnly("50");
    assertThat(todos.get("t0").orElseThrow().done()).isFalse();
  }
}
