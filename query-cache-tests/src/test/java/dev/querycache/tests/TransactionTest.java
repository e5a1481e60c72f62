package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.ChangeType;
import dev.querycache.collection.DependentTransactionException;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowChange;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionNotPendingException;
import dev.querycache.collection.TransactionRolledBackException;
import dev.querycache.collection.TransactionState;
import dev.querycache.collection.TransactionWrites;
import dev.querycache.collection.UnknownKeyException;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Specification of transactions from {@code QueryClient.transaction()}: writes to rows of
 * several collections and to plain queries, shown at once, merged row by row, persisted
 * together on commit; refused when no longer pending; a refused {@code mutate} call undone; a
 * rollback or a failure that takes only this transaction's changes away.
 */
class TransactionTest {
  record Project(String id, int open) {}

  static final TodoRow A = new TodoRow("a", "Write specs", false);
  static final TodoRow B = new TodoRow("b", "Ship", false);
  static final TodoRow C = new TodoRow("c", "Rest", false);
  static final Project P = new Project("p", 2);

  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final ControllableQuery<List<TodoRow>> taskServer = new ControllableQuery<>();
  final ControllableQuery<List<Project>> projectServer = new ControllableQuery<>();
  final QueryKey<Integer> badge = QueryKey.of("badge");
  /** The transactions' server: each call is one commit. */
  final ControllableMutation<Transaction, String> saves = new ControllableMutation<>();
  final List<List<RowChange<String, TodoRow>>> heard = new ArrayList<>();
  QueryCollection<String, TodoRow> tasks;
  QueryCollection<String, Project> projects;

  @BeforeEach
  void loadTheCollections() {
    tasks = client.collection(
        QueryOptions.builder(QueryKey.<List<TodoRow>>of("tasks")).asyncFetcher(taskServer).retry(0).build(), TodoRow::id).build();
    projects = client.collection(
        QueryOptions.builder(QueryKey.<List<Project>>of("projects")).asyncFetcher(projectServer).retry(0).build(),
        Project::id).build();
    taskServer.resolve(List.of(A, B));
    projectServer.resolve(List.of(P));
    client.setQueryData(badge, 2);
    tasks.onChange(heard::add);
  }

  @AfterEach
  void close() {
    client.close();
  }

  Transaction manual() {
    return client.transaction().name("plan").errorMessage("Could not save the plan").persistAsync(saves::mutate)
        .autoCommit(false).build();
  }

  @Test
  void writesShowAtOnceAndArePersistedTogetherOnCommit() {
    Transaction tx = manual();

    tx.mutate(write -> write.update(tasks, "a", task -> task.done(true)));
    tx.mutate(write -> {
      write.insert(tasks, C);
      write.update(projects, "p", project -> new Project("p", project.open() + 1));
    });
    assertThat(tasks.rows()).containsExactly(A.done(true), B, C);
    assertThat(projects.get("p")).contains(new Project("p", 3));
    assertThat(tx.state()).isEqualTo(TransactionState.PENDING);
    assertThat(saves.callCount()).as("nothing sent before the commit").isZero();

    tx.commit();

    assertThat(tx.state()).isEqualTo(TransactionState.PERSISTING);
    assertThat(saves.latestCall().variables()).isSameAs(tx);
    assertThat(tx.changes()).extracting(PendingChange::type)
        .containsExactly(ChangeType.UPDATE, ChangeType.INSERT, ChangeType.UPDATE);
    saves.resolve("saved");
    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(tx.isPersisted()).isCompletedWithValue(tx);
  }

  @Test
  void byDefaultTheFirstMutateCommits() {
    Transaction tx = client.transaction().persistAsync(saves::mutate).build();

    tx.mutate(write -> write.delete(tasks, "b"));

    assertThat(tx.state()).isEqualTo(TransactionState.PERSISTING);
    assertThat(saves.callCount()).isEqualTo(1);
  }

  @Test
  void aWriteOrACommitAfterTheTransactionLeftPendingIsRefusedNamingTheWayOut() {
    Transaction tx = manual();
    tx.mutate(write -> write.update(tasks, "a", task -> task.done(true)));
    tx.commit();

    assertThatThrownBy(() -> tx.mutate(write -> write.delete(tasks, "b")))
        .isInstanceOf(TransactionNotPendingException.class)
        .hasMessage("mutate on " + tx.id() + ", which is persisting: a transaction takes writes only while pending;"
            + " write in a new transaction, or build it with autoCommit(false) and commit it after its last mutate;"
            + " nothing was applied");
    assertThatThrownBy(tx::commit).isInstanceOf(TransactionNotPendingException.class);
    assertThat(tasks.get("b")).contains(B);
  }

  @Test
  void theHandleRefusesWritesOnceItsMutateCallReturnedAndItsTransactionFails() {
    Transaction tx = manual();
    AtomicReference<TransactionWrites> kept = new AtomicReference<>();
    tx.mutate(kept::set);

    assertThatThrownBy(() -> kept.get().delete(tasks, "a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after its mutate call returned");
    assertThat(tasks.get("a")).contains(A);
    assertThat(tx.state()).as("the transaction whose handle escaped").isEqualTo(TransactionState.FAILED);
  }

  @Test
  void aMutateCallThatThrowsIsUndoneWholeAndTheTransactionStaysPending() {
    Transaction tx = manual();
    tx.mutate(write -> write.update(tasks, "b", task -> task.titled("Ship it")));
    heard.clear();

    assertThatThrownBy(() -> tx.mutate(write -> {
      write.update(tasks, "a", task -> task.done(true));
      write.update(tasks, "b", task -> task.done(true));
      write.update(tasks, "z", task -> task.done(true));
    })).isInstanceOf(UnknownKeyException.class);

    assertThat(tasks.rows()).containsExactly(A, B.titled("Ship it"));
    assertThat(tx.state()).isEqualTo(TransactionState.PENDING);
    assertThat(tx.changes()).singleElement().satisfies(change -> assertThat(change.modified()).isEqualTo(B.titled("Ship it")));
    assertThat(heard).as("nothing showed").isEmpty();
  }

  @Test
  void aRollbackTakesItsChangesAwayAndFailsItsFutureWithATypedCause() {
    Transaction tx = manual();
    tx.mutate(write -> {
      write.update(tasks, "a", task -> task.done(true));
      write.updateQueryData(badge, count -> count + 1);
    });
    assertThat(client.getQueryData(badge)).contains(3);

    tx.rollback();

    assertThat(tasks.get("a")).contains(A);
    assertThat(client.getQueryData(badge)).contains(2);
    assertThat(tx.state()).isEqualTo(TransactionState.FAILED);
    assertThatThrownBy(() -> tx.isPersisted().join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(TransactionRolledBackException.class);
  }

  @Test
  void aRollbackLeavesAnotherTransactionsChangesToTheSameRow() {
    Transaction titles = manual();
    Transaction done = manual();
    titles.mutate(write -> write.update(tasks, "a", task -> task.titled("Write more specs")));
    done.mutate(write -> write.update(tasks, "a", task -> task.done(true)));
    done.commit();

    titles.rollback();

    assertThat(tasks.get("a")).as("the persisting transaction's change, without the rolled-back one's")
        .contains(A.done(true));
  }

  @Test
  void aFailedHandlerTakesEveryChangeAwayAcrossCollectionsAndQueriesWithTheErrorToast() {
    Transaction tx = manual();
    tx.mutate(write -> {
      write.insert(tasks, C);
      write.update(projects, "p", project -> new Project("p", 3));
      write.updateQueryData(badge, count -> count + 1);
    });
    tx.commit();

    saves.fail(new IOException("503 Service Unavailable"));

    assertThat(tasks.rows()).containsExactly(A, B);
    assertThat(projects.get("p")).contains(P);
    assertThat(client.getQueryData(badge)).contains(2);
    assertThat(toaster.messages()).containsExactly("Could not save the plan");
    assertThat(tx.error()).get().extracting(Throwable::getMessage).isEqualTo("503 Service Unavailable");
  }

  @Test
  void aSuccessRefetchesEveryQueryItWrote() {
    Transaction tx = manual();
    tx.mutate(write -> {
      write.update(tasks, "a", task -> task.done(true));
      write.update(projects, "p", project -> new Project("p", 3));
    });
    tx.commit();

    saves.resolve("saved");

    assertThat(taskServer.callCount()).isEqualTo(2);
    assertThat(projectServer.callCount()).isEqualTo(2);
  }

  @Test
  void aTransactionWithoutChangesCompletesAtOnce() {
    Transaction tx = manual();

    tx.commit();

    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(saves.callCount()).isZero();
  }

  @Test
  void aCompletedTransactionCannotBeRolledBack() {
    Transaction tx = manual();
    tx.commit();

    assertThatThrownBy(tx::rollback).isInstanceOf(IllegalStateException.class)
        .hasMessage(tx.id() + " is completed: its changes are the server's now; undo them with a new write");
  }

  @Test
  void aTransactionNeedsAHandler() {
    assertThatThrownBy(() -> client.transaction().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a transaction needs persist(...) or persistAsync(...): what sends its changes to the server");
  }

  @Test
  void aCollectionOfAnotherClientIsRefused() {
    QueryClient other = time.clientBuilder().build();
    QueryCollection<String, TodoRow> foreign =
        other.collection(QueryOptions.builder(QueryKey.<List<TodoRow>>of("tasks")).asyncFetcher(taskServer).build(), TodoRow::id)
            .build();
    Transaction tx = manual();

    assertThatThrownBy(() -> tx.mutate(write -> write.delete(foreign, "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a collection of this transaction's client");
    other.close();
  }

  /** A transaction that wrote a row another one inserted relies on it. */
  @Nested
  class Reliance {
    final Transaction inserting = manual();
    final Transaction relying = manual();

    @BeforeEach
    void insertAndCommit() {
      inserting.mutate(write -> write.insert(tasks, C));
      inserting.commit();
    }

    @Test
    void anUpdateOfARowAFailedTransactionInsertedFailsNamingIt() {
      relying.mutate(write -> {
        write.update(tasks, "c", task -> task.done(true));
        write.update(tasks, "a", task -> task.done(true));
      });

      saves.fail(new IOException("refused"));

      assertThat(relying.state()).isEqualTo(TransactionState.FAILED);
      assertThat(relying.error()).get().isInstanceOfSatisfying(DependentTransactionException.class, failure -> {
        assertThat(failure.failedTransaction()).isEqualTo(inserting.id());
        assertThat(failure).hasMessage(relying.id() + " relied on " + inserting.id() + ", which failed: it wrote a row "
            + inserting.id() + " inserted, so its changes left the rows too");
        assertThat(failure.getCause()).hasMessage("refused");
      });
      assertThat(tasks.rows()).as("both transactions' changes are gone").containsExactly(A, B);
      assertThat(toaster.messages()).as("one toast: the failure's").hasSize(1);
    }

    @Test
    void aDeleteOfARowARolledBackTransactionInsertedFailsToo() {
      Transaction pending = manual();
      pending.mutate(write -> write.insert(tasks, new TodoRow("d", "Plan", false)));
      relying.mutate(write -> write.delete(tasks, "d"));

      pending.rollback();

      assertThat(relying.error()).get().isInstanceOf(DependentTransactionException.class);
      assertThatThrownBy(() -> relying.mutate(write -> write.delete(tasks, "a")))
          .isInstanceOf(TransactionNotPendingException.class);
    }

    @Test
    void aTransactionThatWroteOtherRowsDoesNotRelyOnIt() {
      relying.mutate(write -> write.update(tasks, "a", task -> task.done(true)));

      saves.fail(new IOException("refused"));

      assertThat(relying.state()).isEqualTo(TransactionState.PENDING);
      assertThat(tasks.get("a")).contains(A.done(true));
    }

    @Test
    void aRowTheServerConfirmedIsNobodysToRelyOn() {
      saves.resolve("saved");
      tasks.writeRows(List.of(C), List.of());
      relying.mutate(write -> write.update(tasks, "c", task -> task.done(true)));
      Transaction later = manual();
      later.mutate(write -> write.insert(tasks, new TodoRow("e", "Later", false)));
      later.rollback();

      assertThat(relying.state()).isEqualTo(TransactionState.PENDING);
      assertThat(tasks.get("c")).contains(C.done(true));
    }
  }

  /** How a transaction's writes to one row merge (TanStack DB's rules). */
  @Nested
  class Merging {
    final Transaction tx = manual();

    PendingChange<?, ?> onlyChange() {
      assertThat(tx.changes()).hasSize(1);
      return tx.changes().get(0);
    }

    @Test
    void anInsertThenAnUpdateIsAnInsertOfTheUpdatedRow() {
      tx.mutate(write -> write.insert(tasks, C));
      tx.mutate(write -> write.update(tasks, "c", task -> task.done(true)));

      assertThat(onlyChange().type()).isEqualTo(ChangeType.INSERT);
      assertThat(onlyChange().modified()).isEqualTo(C.done(true));
      assertThat(tasks.get("c")).contains(C.done(true));
    }

    @Test
    void anInsertThenADeleteIsNothing() {
      tx.mutate(write -> write.insert(tasks, C));
      tx.mutate(write -> write.delete(tasks, "c"));

      assertThat(tx.changes()).isEmpty();
      assertThat(tasks.rows()).containsExactly(A, B);
    }

    @Test
    void updatesMergeIntoOneFromTheOriginalToTheLatest() {
      tx.mutate(write -> write.update(tasks, "a", task -> task.done(true)));
      tx.mutate(write -> write.update(tasks, "a", task -> task.titled("Write more specs")));

      assertThat(onlyChange().type()).isEqualTo(ChangeType.UPDATE);
      assertThat(onlyChange().original()).isEqualTo(A);
      assertThat(onlyChange().modified()).isEqualTo(new TodoRow("a", "Write more specs", true));
      assertThat(onlyChange().changedFields()).containsExactly("title", "done");
    }

    @Test
    void anUpdateThenADeleteIsADeleteOfTheOriginal() {
      tx.mutate(write -> write.update(tasks, "a", task -> task.done(true)));
      tx.mutate(write -> write.delete(tasks, "a"));

      assertThat(onlyChange().type()).isEqualTo(ChangeType.DELETE);
      assertThat(onlyChange().original()).isEqualTo(A);
      assertThat(tasks.rows()).containsExactly(B);
    }

    @Test
    void aDeleteThenAnInsertOfAnotherRowIsAnUpdate() {
      tx.mutate(write -> write.delete(tasks, "a"));
      tx.mutate(write -> write.insert(tasks, A.titled("Write specs again")));

      assertThat(onlyChange().type()).isEqualTo(ChangeType.UPDATE);
      assertThat(onlyChange().modified()).isEqualTo(A.titled("Write specs again"));
      assertThat(tasks.get("a")).contains(A.titled("Write specs again"));
    }

    @Test
    void aDeleteThenAnInsertOfTheSameRowIsNothing() {
      tx.mutate(write -> write.delete(tasks, "a"));
      tx.mutate(write -> write.insert(tasks, A));

      assertThat(tx.changes()).isEmpty();
      assertThat(tasks.rows()).containsExactly(A, B);
    }

    @Test
    void aMergedUpdateIsAppliedAgainOverServerDataThatLandsBeforeItIsSent() {
      tx.mutate(write -> write.update(tasks, "a", task -> task.done(true)));
      tx.mutate(write -> write.update(tasks, "a", task -> task.titled(task.title() + "!")));

      client.refetchQueries(dev.querycache.QueryFilter.exact(tasks.key()));
      taskServer.resolve(List.of(A.titled("Write specs today"), B)); // cannot hold what was not sent

      assertThat(tasks.get("a")).contains(new TodoRow("a", "Write specs today!", true));
    }

    @Test
    void aMergedUpdateShowsTheValuesItSetOverServerDataThatLandsOnceItIsSent() {
      tx.mutate(write -> write.update(tasks, "a", task -> task.titled(task.title() + "!")));
      tx.mutate(write -> write.update(tasks, "a", task -> task.titled(task.title() + "!")));
      tx.commit();

      tasks.writeRows(List.of(A.titled("Write specs!!")), List.of()); // the handler's answer: it holds both
      assertThat(tasks.get("a")).as("not applied again over its own answer").contains(A.titled("Write specs!!"));
      tasks.writeRows(List.of(new TodoRow("a", "Write specs", true)), List.of()); // older news, and another field
      assertThat(tasks.get("a")).contains(new TodoRow("a", "Write specs!!", true));
    }
  }
}
