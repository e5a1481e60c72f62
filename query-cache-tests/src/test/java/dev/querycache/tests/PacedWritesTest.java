package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.CallDroppedException;
import dev.querycache.collection.ChangeType;
import dev.querycache.collection.DependentTransactionException;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.Pacing;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionRolledBackException;
import dev.querycache.collection.TransactionState;
import dev.querycache.collection.TransactionWrites;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Specification of paced writes (TanStack DB's {@code createPacedMutations}): every call shows
 * at once; a debounce or a throttle gathers a burst of calls into one transaction sent once, a
 * queue sends each call's transaction in turn; one transaction persists at a time, and calls
 * made meanwhile join the one that waits; a failed queued write fails the later queued writes
 * of the same row and lets the others go on. All in virtual time.
 */
class PacedWritesTest {
  /** A call: the task and its new title. */
  record TitleEdit(String id, String title) {}

  static final TodoRow A = new TodoRow("a", "Write specs", false);
  static final TodoRow B = new TodoRow("b", "Ship", false);

  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final ControllableQuery<List<TodoRow>> taskServer = new ControllableQuery<>();
  /** The server of the paced writes: each call is one transaction sent. */
  final ControllableMutation<Transaction, String> server = new ControllableMutation<>();
  /** What each send carried: the variables it was given, and its changes' titles. */
  final List<String> sent = Collections.synchronizedList(new ArrayList<>());
  QueryCollection<String, TodoRow> tasks;

  @BeforeEach
  void loadTheTasks() {
    tasks = client.collection(
        QueryOptions.builder(QueryKey.<List<TodoRow>>of("tasks")).asyncFetcher(taskServer).retry(0).build(), TodoRow::id).build();
    taskServer.resolve(List.of(A, B));
    time.runDue();
  }

  @AfterEach
  void close() {
    client.close();
  }

  PacedWrites<TitleEdit> editTitle(Pacing pacing) {
    return client.pacedWrites(pacing,
            (TitleEdit edit, TransactionWrites write) -> write.update(tasks, edit.id(), task -> task.titled(edit.title())))
        .name("edit title")
        .errorMessage("Could not save the title")
        .persistAsync((edit, tx) -> {
          StringBuilder titles = new StringBuilder();
          tx.changes().forEach(change -> titles.append(' ').append(((TodoRow) change.modified()).title()));
          sent.add(edit.title() + " |" + titles);
          return server.mutate(tx);
        })
        .build();
  }

  String title(String id) {
    return tasks.get(id).orElseThrow().title();
  }

  /** The server answers the transaction it has, and what follows runs. */
  void serverSaves() {
    server.resolve("ok");
    time.runDue();
  }

  /** {@code call} is sent at once, and the server saves it. */
  void sentAtOnceAndSaved(Transaction call) {
    time.runDue();
    assertThat(call.state()).as("sent at once").isEqualTo(TransactionState.PERSISTING);
    serverSaves();
  }

  void advanceMillis(long millis) {
    time.advance(Duration.ofMillis(millis));
  }

  @Nested
  class Debounce {
    final PacedWrites<TitleEdit> edit = editTitle(Pacing.debounce(Duration.ofMillis(500)));

    @Test
    void aBurstOfCallsIsOneTransactionSentOnceAfterThePause() {
      Transaction first = edit.apply(new TitleEdit("a", "W"));
      advanceMillis(100);
      Transaction second = edit.apply(new TitleEdit("a", "Wr"));
      advanceMillis(100);
      Transaction third = edit.apply(new TitleEdit("a", "Wri"));

      assertThat(second).isSameAs(first);
      assertThat(third).isSameAs(first);
      assertThat(title("a")).as("every call shows at once").isEqualTo("Wri");
      assertThat(first.state()).isEqualTo(TransactionState.PENDING);

      advanceMillis(499);
      assertThat(sent).as("499 ms after the last call").isEmpty();
      advanceMillis(1);
      assertThat(sent).as("one send, with the last call's variables and the merged change").containsExactly("Wri | Wri");
      assertThat(first.state()).isEqualTo(TransactionState.PERSISTING);

      serverSaves();
      assertThat(first.state()).isEqualTo(TransactionState.COMPLETED);
      assertThat(title("a")).isEqualTo("Wri");
      assertThat(toaster.toasts()).isEmpty();
    }

    @Test
    void callsOnSeveralRowsJoinTheSameTransaction() {
      Transaction first = edit.apply(new TitleEdit("a", "A2"));
      Transaction second = edit.apply(new TitleEdit("b", "B2"));
      advanceMillis(500);

      assertThat(second).isSameAs(first);
      assertThat(first.changes()).extracting(change -> String.valueOf(change.key())).containsExactly("a", "b");
      assertThat(sent).containsExactly("B2 | A2 B2");
    }

    @Test
    void aCallAfterTheSendBeginsANewTransaction() {
      Transaction first = edit.apply(new TitleEdit("a", "one"));
      advanceMillis(500);
      serverSaves();

      Transaction second = edit.apply(new TitleEdit("a", "two"));

      assertThat(second).isNotSameAs(first);
      assertThat(second.state()).isEqualTo(TransactionState.PENDING);
      advanceMillis(500);
      assertThat(sent).containsExactly("one | one", "two | two");
    }

    @Test
    void oneTransactionPersistsAtATimeAndCallsMadeMeanwhileJoinTheOneThatWaits() {
      Transaction first = edit.apply(new TitleEdit("a", "1"));
      advanceMillis(500);
      assertThat(sent).containsExactly("1 | 1");

      Transaction second = edit.apply(new TitleEdit("a", "2"));
      advanceMillis(600);
      assertThat(sent).as("the pause is over, but the first still persists").hasSize(1);
      Transaction third = edit.apply(new TitleEdit("a", "3"));
      assertThat(third).as("it still waits: the call joins it").isSameAs(second);
      assertThat(second.state()).isEqualTo(TransactionState.PENDING);

      serverSaves();
      assertThat(first.state()).isEqualTo(TransactionState.COMPLETED);
      advanceMillis(500);
      assertThat(sent).as("TanStack DB 0.15.2 sends [1, 3] too").containsExactly("1 | 1", "3 | 3");
      assertThat(title("a")).isEqualTo("3");
    }

    @Test
    void aLeadingEdgeSendsTheFirstCallOfABurstAtOnce() {
      PacedWrites<TitleEdit> leading = editTitle(Pacing.debounce(Duration.ofMillis(500)).withLeading(true));

      Transaction first = leading.apply(new TitleEdit("a", "1"));
      sentAtOnceAndSaved(first);

      advanceMillis(100);
      Transaction second = leading.apply(new TitleEdit("a", "2"));
      advanceMillis(100);
      leading.apply(new TitleEdit("a", "3"));
      assertThat(second).isNotSameAs(first);
      advanceMillis(499);
      assertThat(sent).hasSize(1);
      advanceMillis(1);
      assertThat(sent).as("the rest of the burst, on the trailing edge").containsExactly("1 | 1", "3 | 3");
    }

    @Test
    void withoutATrailingEdgeACallInsideTheWaitIsDroppedWithNothingShownOrSent() {
      PacedWrites<TitleEdit> leadingOnly =
          editTitle(Pacing.debounce(Duration.ofMillis(500)).withLeading(true).withTrailing(false));
      sentAtOnceAndSaved(leadingOnly.apply(new TitleEdit("a", "1")));

      advanceMillis(100);
      Transaction dropped = leadingOnly.apply(new TitleEdit("a", "2"));

      assertThat(dropped.state()).isEqualTo(TransactionState.FAILED);
      assertThat(dropped.error()).get().isInstanceOf(CallDroppedException.class);
      assertThat(dropped.error().orElseThrow()).hasMessage("edit title dropped a call: its debounce(PT0.5S, leading)"
          + " sends only the calls on its leading edge, and this one came within the wait; nothing of it was shown or"
          + " sent (give the pacing a trailing edge to send such calls)");
      assertThat(title("a")).isEqualTo("1");
      advanceMillis(1_000);
      assertThat(sent).containsExactly("1 | 1");
      assertThat(toaster.toasts()).as("a drop is the pacing's choice, not a failure to tell").isEmpty();
    }

    @Test
    void aFailedSendTakesItsChangesAwayWithTheErrorToast() {
      Transaction tx = edit.apply(new TitleEdit("a", "draft"));
      advanceMillis(500);

      server.fail(new IOException("503"));
      time.runDue();

      assertThat(tx.state()).isEqualTo(TransactionState.FAILED);
      assertThat(title("a")).isEqualTo(A.title());
      assertThat(toaster.messages()).containsExactly("Could not save the title");
    }

    @Test
    void aLaterBurstOnTheSameRowOutlivesTheFailureOfTheOneBefore() {
      Transaction first = edit.apply(new TitleEdit("a", "ab"));
      advanceMillis(500);
      Transaction second = edit.apply(new TitleEdit("a", "abc"));

      server.fail(new IOException("503"));
      time.runDue();

      assertThat(first.state()).isEqualTo(TransactionState.FAILED);
      assertThat(second.state()).as("its change is whole: the title the user typed").isEqualTo(TransactionState.PENDING);
      assertThat(title("a")).isEqualTo("abc");
      advanceMillis(500);
      assertThat(sent).containsExactly("ab | ab", "abc | abc");
    }

    @Test
    void commitOnAPacedTransactionIsRefusedWithTheFix() {
      Transaction tx = edit.apply(new TitleEdit("a", "x"));

      assertThatThrownBy(tx::commit)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(tx.id() + " is paced by edit title, which commits it; call flush() on edit title to send it now,"
              + " or rollback() to drop it");
      assertThat(tx.state()).isEqualTo(TransactionState.PENDING);
    }

    @Test
    void flushSendsTheWaitingTransactionWithoutWaitingForThePause() {
      edit.apply(new TitleEdit("a", "closing"));

      edit.flush();
      time.runDue();

      assertThat(sent).containsExactly("closing | closing");
    }

    @Test
    void aRollbackOfTheWaitingTransactionTakesItsChangesAwayAndSendsNothing() {
      Transaction tx = edit.apply(new TitleEdit("a", "oops"));

      tx.rollback();
      advanceMillis(1_000);

      assertThat(title("a")).isEqualTo(A.title());
      assertThat(tx.error()).get().isInstanceOf(TransactionRolledBackException.class);
      assertThat(sent).isEmpty();
      assertThat(toaster.toasts()).isEmpty();
      Transaction next = edit.apply(new TitleEdit("a", "again"));
      assertThat(next).isNotSameAs(tx);
      advanceMillis(500);
      assertThat(sent).containsExactly("again | again");
    }

    @Test
    void aTransactionThatLaterCallsEmptiedIsSettledWithoutCallingTheHandler() {
      PacedWrites<String> addThenRemove = client.pacedWrites(Pacing.debounce(Duration.ofMillis(500)),
              (String id, TransactionWrites write) -> {
                if (tasks.get(id).isPresent()) {
                  write.delete(tasks, id);
                } else {
                  write.insert(tasks, new TodoRow(id, "new", false));
                }
              })
          .persistAsync((id, tx) -> server.mutate(tx))
          .build();

      Transaction tx = addThenRemove.apply("c");
      addThenRemove.apply("c");
      advanceMillis(500);

      assertThat(tx.changes()).isEmpty();
      assertThat(server.callCount()).isZero();
      assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
      assertThat(tasks.get("c")).isEmpty();
    }
  }

  @Nested
  class Throttle {
    final PacedWrites<TitleEdit> edit = editTitle(Pacing.throttle(Duration.ofMillis(1_000)));

    @Test
    void theFirstCallIsSentAtOnceAndTheCallsOfTheIntervalOnceWhenItEnds() {
      Transaction first = edit.apply(new TitleEdit("a", "1"));
      sentAtOnceAndSaved(first);

      advanceMillis(200);
      Transaction second = edit.apply(new TitleEdit("a", "2"));
      advanceMillis(500);
      Transaction third = edit.apply(new TitleEdit("a", "3"));
      assertThat(third).isSameAs(second).isNotSameAs(first);
      advanceMillis(299);
      assertThat(sent).hasSize(1);
      advanceMillis(1);
      assertThat(sent).as("at the end of the interval that began with the first send").containsExactly("1 | 1", "3 | 3");
    }

    @Test
    void aCallDoesNotPushTheSendBack() {
      sentAtOnceAndSaved(edit.apply(new TitleEdit("a", "1")));
      for (int i = 2; i <= 9; i++) {
        advanceMillis(100);
        edit.apply(new TitleEdit("a", String.valueOf(i)));
      }
      assertThat(sent).hasSize(1);
      advanceMillis(200);
      assertThat(sent).containsExactly("1 | 1", "9 | 9");
    }

    @Test
    void withoutALeadingEdgeTheFirstCallIsSentAfterTheWaitNotAtOnce() {
      PacedWrites<TitleEdit> trailing = editTitle(Pacing.throttle(Duration.ofMillis(1_000)).withLeading(false));

      trailing.apply(new TitleEdit("a", "1"));
      advanceMillis(999);
      assertThat(sent).as("TanStack DB 0.5.29 sent it after about 1 ms").isEmpty();
      advanceMillis(1);
      assertThat(sent).containsExactly("1 | 1");
    }

    @Test
    void withoutATrailingEdgeTheCallsInsideTheIntervalAreDropped() {
      PacedWrites<TitleEdit> leadingOnly = editTitle(Pacing.throttle(Duration.ofMillis(1_000)).withTrailing(false));
      sentAtOnceAndSaved(leadingOnly.apply(new TitleEdit("a", "1")));

      advanceMillis(500);
      Transaction dropped = leadingOnly.apply(new TitleEdit("a", "2"));
      assertThat(dropped.error()).get().isInstanceOf(CallDroppedException.class);
      assertThat(title("a")).isEqualTo("1");

      advanceMillis(500);
      Transaction next = leadingOnly.apply(new TitleEdit("a", "3"));
      time.runDue();
      assertThat(next.state()).as("outside the interval again").isEqualTo(TransactionState.PERSISTING);
      assertThat(sent).containsExactly("1 | 1", "3 | 3");
    }
  }

  @Nested
  class Queue {
    final PacedWrites<TitleEdit> edit = editTitle(Pacing.queue());

    @Test
    void everyCallIsATransactionOfItsOwnSentInOrderOnceTheOneBeforeSettled() {
      Transaction one = edit.apply(new TitleEdit("a", "1"));
      Transaction two = edit.apply(new TitleEdit("a", "2"));
      Transaction three = edit.apply(new TitleEdit("b", "3"));
      time.runDue();

      assertThat(List.of(one, two, three)).doesNotHaveDuplicates();
      assertThat(title("a")).isEqualTo("2");
      assertThat(sent).containsExactly("1 | 1");
      serverSaves();
      assertThat(sent).containsExactly("1 | 1", "2 | 2");
      serverSaves();
      serverSaves();
      assertThat(sent).containsExactly("1 | 1", "2 | 2", "3 | 3");
      assertThat(List.of(one.state(), two.state(), three.state())).containsOnly(TransactionState.COMPLETED);
    }

    @Test
    void aFailedWriteFailsTheLaterQueuedWritesOfTheSameRowAndLetsTheOthersGoOn() {
      Transaction q1 = edit.apply(new TitleEdit("a", "x"));
      Transaction q2 = edit.apply(new TitleEdit("a", "y"));
      Transaction q3 = edit.apply(new TitleEdit("b", "z"));
      time.runDue();

      IOException refused = new IOException("409 Conflict");
      server.fail(refused);
      time.runDue();

      assertThat(q1.state()).isEqualTo(TransactionState.FAILED);
      assertThat(q2.state()).isEqualTo(TransactionState.FAILED);
      assertThat(q2.error()).get().isInstanceOf(DependentTransactionException.class);
      DependentTransactionException dependent = (DependentTransactionException) q2.error().orElseThrow();
      assertThat(dependent.failedTransaction()).isEqualTo(q1.id());
      assertThat(dependent).hasCause(refused).hasMessage(q2.id() + " relied on " + q1.id() + ", which failed: it was"
          + " queued after " + q1.id() + " with changes to the same rows, so it was not sent and its changes left the rows too");
      assertThat(title("a")).isEqualTo(A.title());
      assertThat(title("b")).isEqualTo("z");

      serverSaves();
      assertThat(sent).as("TanStack DB 0.15.2 sends ['1:x', '2:z'] too").containsExactly("x | x", "z | z");
      assertThat(q3.state()).isEqualTo(TransactionState.COMPLETED);
      assertThat(toaster.messages()).as("one toast: the failure, not its consequence").containsExactly("Could not save the title");
    }

    @Test
    void aGapSpacesTheSends() {
      PacedWrites<TitleEdit> spaced = editTitle(Pacing.queue(Duration.ofMillis(300)));
      spaced.apply(new TitleEdit("a", "1"));
      spaced.apply(new TitleEdit("b", "2"));
      time.runDue();
      serverSaves();

      advanceMillis(299);
      assertThat(sent).containsExactly("1 | 1");
      advanceMillis(1);
      assertThat(sent).containsExactly("1 | 1", "2 | 2");
    }
  }

  @Test
  void aCallThatWritesNothingIsRefusedAndNothingIsSent() {
    PacedWrites<String> nothing = client.pacedWrites(Pacing.queue(), (String v, TransactionWrites write) -> {})
        .name("noop").persistAsync((v, tx) -> server.mutate(tx)).build();

    assertThatThrownBy(() -> nothing.apply("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("noop wrote nothing for x: a call's writes are made inside the call, through its handle, not later"
            + " (from a stage, another thread or a callback); nothing was sent");
    time.runUntilIdle();
    assertThat(server.callCount()).isZero();
  }

  @Test
  void aRefusedWriteLeavesNothingAndTheNextCallGoesOn() {
    PacedWrites<TitleEdit> edit = editTitle(Pacing.debounce(Duration.ofMillis(500)));

    assertThatThrownBy(() -> edit.apply(new TitleEdit("zzz", "ghost"))).hasMessageContaining("zzz");
    edit.apply(new TitleEdit("a", "fine"));
    advanceMillis(500);

    assertThat(sent).containsExactly("fine | fine");
    assertThat(tasks.rows()).extracting(TodoRow::id).containsExactly("a", "b");
  }

  @Test
  void pacingsAreCheckedWhenMade() {
    assertThatThrownBy(() -> Pacing.debounce(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("wait is negative: PT-0.001S");
    assertThatThrownBy(() -> Pacing.queue(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("gap is negative: PT-0.001S");
    assertThatThrownBy(() -> Pacing.queue().withLeading(true))
        .isInstanceOf(IllegalStateException.class).hasMessage("a queue has no edges: it sends every call in turn");
    assertThatThrownBy(() -> Pacing.throttle(Duration.ofSeconds(1)).withLeading(false).withTrailing(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a throttle(PT1S, trailing) with neither a leading nor a trailing edge would never send");
    assertThat(Pacing.debounce(Duration.ofMillis(500))).hasToString("debounce(PT0.5S, trailing)")
        .isEqualTo(Pacing.debounce(Duration.ofMillis(500)));
    assertThat(Pacing.queue()).hasToString("queue()");
  }

  @Test
  void eightThreadsWritingAtOnceAllShowAtOnceAndAreSentOneTransactionAtATime() throws Exception {
    AtomicInteger sentWhilePersisting = new AtomicInteger();
    List<String> rowsSent = Collections.synchronizedList(new ArrayList<>());
    PacedWrites<TitleEdit> edit = client.pacedWrites(Pacing.throttle(Duration.ofMillis(100)),
            (TitleEdit e, TransactionWrites write) -> write.update(tasks, e.id(), task -> task.titled(e.title())))
        .persistAsync((e, tx) -> {
          if (!server.pendingCalls().isEmpty()) {
            sentWhilePersisting.incrementAndGet();
          }
          tx.changes().forEach(change -> rowsSent.add(change.key() + "=" + ((TodoRow) change.modified()).title()));
          return server.mutate(tx);
        })
        .build();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add("t" + i);
    }
    client.setQueryData(QueryKey.<List<TodoRow>>of("tasks"), ids.stream().map(id -> new TodoRow(id, "0", false)).toList());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (String id : ids) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        for (int n = 1; n <= 50; n++) {
          edit.apply(new TitleEdit(id, String.valueOf(n)));
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(tasks.rows()).filteredOn(task -> ids.contains(task.id())).extracting(TodoRow::title).containsOnly("50");
    for (int round = 0; round < 20; round++) {
      advanceMillis(100);
      time.runUntilIdle();
      server.pendingCalls().forEach(call -> call.resolve("ok"));
      time.runUntilIdle();
    }
    assertThat(server.callCount()).as("a burst and its tail").isGreaterThan(1);
    assertThat(sentWhilePersisting).hasValue(0);
    assertThat(rowsSent).as("each row's last title was sent").containsAll(ids.stream().map(id -> id + "=50").toList());
  }
}
