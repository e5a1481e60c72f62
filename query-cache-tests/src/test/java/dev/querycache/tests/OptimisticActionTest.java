package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.DuplicateKeyException;
import dev.querycache.collection.OptimisticAction;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionState;
import dev.querycache.collection.TransactionWrites;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of optimistic actions (TanStack DB's {@code createOptimisticAction}): each call
 * shows its writes at once and persists them with its variables in a transaction of its own;
 * the mutation cycle's outcomes and toast voice hold; writes that escape the call are refused
 * and fail the call's transaction.
 */
class OptimisticActionTest {
  record Task(String id, String title) {}

  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final ControllableQuery<List<Task>> server = new ControllableQuery<>();
  final List<String> created = new ArrayList<>();
  final AtomicBoolean refuse = new AtomicBoolean();
  QueryCollection<String, Task> tasks;
  OptimisticAction<String> addTask;

  @BeforeEach
  void build() {
    tasks = client.collection(QueryOptions.builder(QueryKey.<List<Task>>of("tasks")).asyncFetcher(server).build(), Task::id)
        .build();
    server.resolve(List.of(new Task("t1", "Write specs")));
    addTask = client.optimisticAction((String title, TransactionWrites write) -> write.insert(tasks, new Task("new-" + title, title)))
        .name("add task")
        .errorMessage("Could not add the task")
        .persist((title, tx) -> {
          if (refuse.get()) {
            throw new IOException("503 Service Unavailable");
          }
          created.add(title + " (" + tx.changes().size() + " change)");
        })
        .build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aCallShowsItsWritesAtOnceAndPersistsThemWithItsVariables() {
    Transaction tx = addTask.apply("Buy milk");
    assertThat(tasks.get("new-Buy milk")).isPresent();
    assertThat(created).as("the handler runs on the fetch executor").isEmpty();

    time.runDue();

    assertThat(created).containsExactly("Buy milk (1 change)");
    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(toaster.toasts()).as("no success toast").isEmpty();
  }

  @Test
  void aFailedCallTakesItsChangesAwayWithTheErrorToastAndLeavesAnotherCallsChanges() {
    refuse.set(true);
    Transaction refused = addTask.apply("Buy milk");
    time.runDue();
    refuse.set(false);
    addTask.apply("Call Bob");

    assertThat(refused.state()).isEqualTo(TransactionState.FAILED);
    assertThat(tasks.get("new-Buy milk")).isEmpty();
    assertThat(tasks.get("new-Call Bob")).isPresent();
    assertThat(toaster.messages()).containsExactly("Could not add the task");
  }

  @Test
  void aCallWhoseWritesAreRefusedAppliesNothing() {
    addTask.apply("Buy milk");

    assertThatThrownBy(() -> addTask.apply("Buy milk")).isInstanceOf(DuplicateKeyException.class);
    time.runDue();

    assertThat(created).containsExactly("Buy milk (1 change)");
  }

  @Test
  void aCallThatWritesNothingInsideItIsRefusedAtOnce() {
    List<Runnable> later = new ArrayList<>();
    OptimisticAction<String> escaping = client.optimisticAction(
            (String title, TransactionWrites write) -> later.add(() -> write.insert(tasks, new Task("late", title))))
        .name("add later")
        .persist((title, tx) -> created.add(title))
        .build();

    assertThatThrownBy(() -> escaping.apply("Buy milk"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("add later wrote nothing for Buy milk: an action's writes are made inside the call, through its"
            + " handle, not later (from a stage, another thread or a callback); nothing was sent");
    assertThatThrownBy(() -> later.get(0).run()).isInstanceOf(IllegalStateException.class);
    time.runDue();

    assertThat(tasks.get("late")).isEmpty();
    assertThat(created).isEmpty();
  }

  @Test
  void aWriteThatEscapesTheCallIsRefusedAndFailsItsTransaction() {
    List<Runnable> later = new ArrayList<>();
    OptimisticAction<String> halfLate = client.optimisticAction((String title, TransactionWrites write) -> {
      write.insert(tasks, new Task("now", title));
      later.add(() -> write.insert(tasks, new Task("late", title)));
    }).persist((title, tx) -> created.add(title)).build();
    Transaction tx = halfLate.apply("Buy milk");

    assertThatThrownBy(() -> later.get(0).run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after its mutate call returned");

    assertThat(tx.state()).isEqualTo(TransactionState.FAILED);
    assertThat(tx.error()).get().isInstanceOf(IllegalStateException.class);
    assertThat(tasks.get("now")).as("its changes left").isEmpty();
    assertThat(tasks.get("late")).isEmpty();
  }

  @Test
  void anActionNeedsAHandler() {
    assertThatThrownBy(() -> client.optimisticAction((String title, TransactionWrites write) -> {}).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an optimistic action needs persist(...) or persistAsync(...): what sends a call to the server");
    assertThatThrownBy(() -> client.optimisticAction((String title, TransactionWrites write) -> {})
            .persist((title, tx) -> {})
            .persistAsync((title, tx) -> CompletableFuture.completedFuture(null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a handler was given to the action already: give one, with persist or persistAsync");
  }

  @Test
  void anAsyncHandlerPersistsACallWithAStageAndItsFailureTakesTheCallAway() {
    ControllableMutation<String, String> api = new ControllableMutation<>();
    OptimisticAction<String> add = client.optimisticAction(
            (String title, TransactionWrites write) -> write.insert(tasks, new Task("async-" + title, title)))
        .errorMessage("Could not add the task")
        .persistAsync((title, tx) -> api.mutate(title))
        .build();

    Transaction kept = add.apply("Kept");
    Transaction refused = add.apply("Refused");
    assertThat(api.variables()).as("called at once, with each call's variables").containsExactly("Kept", "Refused");
    api.call(0).resolve("created");
    api.call(1).fail(new IOException("409 Conflict"));
    time.runDue();

    assertThat(kept.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(refused.state()).isEqualTo(TransactionState.FAILED);
    assertThat(tasks.get("async-Kept")).isPresent();
    assertThat(tasks.get("async-Refused")).isEmpty();
    assertThat(toaster.messages()).containsExactly("Could not add the task");
  }
}
