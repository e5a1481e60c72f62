package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.ChangeType;
import dev.querycache.collection.DuplicateKeyException;
import dev.querycache.collection.KeyChangedException;
import dev.querycache.collection.MissingHandlerException;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowChange;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionState;
import dev.querycache.collection.UnknownKeyException;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link QueryCollection} with its writes in transactions of their own: rows
 * by key from the query; a write shown at once and persisted by its handler; a failure that
 * takes only its own change away, with the error toast; server data landing under pending
 * changes; refusals before anything is shown.
 */
class QueryCollectionTest {
  static final TodoRow A = new TodoRow("a", "Write specs", false);
  static final TodoRow B = new TodoRow("b", "Ship", false);
  static final TodoRow C = new TodoRow("c", "Rest", false);

  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final ControllableQuery<List<TodoRow>> server = new ControllableQuery<>();
  final QueryOptions<List<TodoRow>> todoList =
      QueryOptions.builder(QueryKey.<List<TodoRow>>of("todos")).asyncFetcher(server).retry(0).build();
  /** The handlers' server: each call is one transaction's changes of one operation. */
  final ControllableMutation<List<PendingChange<String, TodoRow>>, String> saves = new ControllableMutation<>();
  final List<List<RowChange<String, TodoRow>>> heard = new ArrayList<>();
  QueryCollection<String, TodoRow> todos;

  @BeforeEach
  void loadTheList() {
    todos = client.collection(todoList, TodoRow::id)
        .name("todos")
        .errorMessage("Could not save the task")
        .onInsertAsync(saves::mutate)
        .onUpdateAsync(saves::mutate)
        .onDeleteAsync(saves::mutate)
        .build();
    server.resolve(List.of(A, B));
    todos.onChange(heard::add);
  }

  @AfterEach
  void close() {
    todos.close();
    client.close();
  }

  @Test
  void theRowsAreTheFetchedListByKey() {
    assertThat(todos.rows()).containsExactly(A, B);
    assertThat(todos.get("a")).contains(A);
    assertThat(todos.get("z")).isEmpty();
    assertThat(todos.size()).isEqualTo(2);
    assertThat(todos.key()).isEqualTo(QueryKey.of("todos"));
  }

  @Test
  void anUpdateShowsAtOnceAndItsHandlerGetsTheChange() {
    Transaction tx = todos.update("a", todo -> todo.done(true));

    assertThat(todos.get("a")).contains(A.done(true));
    assertThat(tx.state()).isEqualTo(TransactionState.PERSISTING);
    PendingChange<String, TodoRow> change = saves.latestCall().variables().get(0);
    assertThat(change.type()).isEqualTo(ChangeType.UPDATE);
    assertThat(change.key()).isEqualTo("a");
    assertThat(change.original()).isEqualTo(A);
    assertThat(change.modified()).isEqualTo(A.done(true));
    assertThat(change.changedFields()).containsExactly("done");
    assertThat(change.collection()).isSameAs(todos);
    assertThat(tx.changes()).containsExactly(change);
  }

  @Test
  void theListenerHearsOfTheOneRowThatChanged() {
    todos.update("a", todo -> todo.done(true));

    assertThat(heard).containsExactly(List.of(new RowChange<>("a", A, A.done(true))));
  }

  @Test
  void aSuccessCompletesTheTransactionWithoutAToastAndRefetchesTheQuery() {
    Transaction tx = todos.update("a", todo -> todo.done(true));

    saves.resolve("saved");

    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(tx.isPersisted()).isCompletedWithValue(tx);
    assertThat(toaster.toasts()).isEmpty();
    assertThat(server.callCount()).as("the settle invalidation refetched the list").isEqualTo(2);
  }

  @Test
  void aSucceededChangeStaysShownUntilDataThatIncludesItLandsSoNothingFlashes() {
    todos.update("a", todo -> todo.done(true));
    saves.resolve("saved");
    assertThat(todos.get("a")).as("the refetch has not landed").contains(A.done(true));

    server.resolve(List.of(A.done(true), B));

    assertThat(todos.get("a")).contains(A.done(true));
    assertThat(heard).as("one change: the flip").hasSize(1);
  }

  @Test
  void aSucceededChangeStaysShownWhenTheRefetchThatWasToConfirmItFails() {
    todos.update("a", todo -> todo.done(true));
    saves.resolve("saved");

    server.fail(new IOException("502 Bad Gateway"));

    assertThat(todos.get("a")).as("no flash back to the old row").contains(A.done(true));
    assertThat(heard).as("one change: the flip").hasSize(1);
    client.refetchQueries(QueryFilter.exact(todos.key()));
    server.resolve(List.of(A.done(true), B));
    assertThat(todos.get("a")).contains(A.done(true));
    assertThat(heard).hasSize(1);
  }

  @Test
  void aFailureTakesTheChangeAwayAndShowsTheErrorToast() {
    Transaction tx = todos.update("a", todo -> todo.done(true));

    saves.fail(new IOException("503 Service Unavailable"));

    assertThat(todos.get("a")).contains(A);
    assertThat(tx.state()).isEqualTo(TransactionState.FAILED);
    assertThat(tx.error()).get().extracting(Throwable::getMessage).isEqualTo("503 Service Unavailable");
    assertThat(tx.isPersisted()).isCompletedExceptionally();
    assertThat(toaster.messages()).containsExactly("Could not save the task");
    assertThat(heard).containsExactly(
        List.of(new RowChange<>("a", A, A.done(true))), List.of(new RowChange<>("a", A.done(true), A)));
  }

  @Test
  void aFailureLeavesAnotherTransactionsChangeToTheSameRow() {
    todos.update("a", todo -> todo.titled("Write more specs"));
    todos.update("a", todo -> todo.done(true));

    saves.call(0).fail(new IOException("refused"));

    assertThat(todos.get("a")).contains(A.done(true));
  }

  @Test
  void serverDataLandsUnderAPendingChangeAndTheServersOtherFieldsShow() {
    todos.update("a", todo -> todo.done(true));
    client.refetchQueries(QueryFilter.exact(todos.key()));

    server.resolve(List.of(A.titled("Write specs today"), B));

    assertThat(todos.get("a")).contains(new TodoRow("a", "Write specs today", true));
  }

  @Test
  void aWriteCancelsTheRefetchInFlight() {
    client.refetchQueries(QueryFilter.exact(todos.key()));
    assertThat(server.latestCall().isPending()).isTrue();

    todos.update("a", todo -> todo.done(true));

    assertThat(server.latestCall().signal().isCancelled()).isTrue();
  }

  @Test
  void anInsertShowsTheRowAfterTheOthersAndItsHandlerGetsIt() {
    Transaction tx = todos.insert(C);

    assertThat(todos.rows()).containsExactly(A, B, C);
    assertThat(tx.changes()).singleElement().satisfies(change -> {
      assertThat(change.type()).isEqualTo(ChangeType.INSERT);
      assertThat(change.original()).isNull();
      assertThat(change.modified()).isEqualTo(C);
    });
  }

  @Test
  void anInsertedRowTheServerEchoesIsTheServersRowAndStaysOneRow() {
    todos.insert(C);

    todos.writeRows(List.of(C.titled("Rest (from the server)")), List.of());

    assertThat(todos.rows()).containsExactly(A, B, C.titled("Rest (from the server)"));
    assertThat(heard.get(1)).containsExactly(new RowChange<>("c", C, C.titled("Rest (from the server)")));
  }

  @Test
  void aFailedInsertTakesTheRowAway() {
    todos.insert(C);

    saves.fail(new IOException("refused"));

    assertThat(todos.rows()).containsExactly(A, B);
  }

  @Test
  void aDeleteHidesTheRowAndAFailureBringsItBack() {
    todos.delete("a");
    assertThat(todos.rows()).containsExactly(B);

    saves.fail(new IOException("refused"));

    assertThat(todos.rows()).containsExactly(A, B);
  }

  @Test
  void aListenerAddedAfterUnheardWritesHearsTheNextChangeFromTheRowShown() {
    ControllableQuery<List<TodoRow>> quietServer = new ControllableQuery<>();
    QueryCollection<String, TodoRow> quiet = client.collection(
            QueryOptions.builder(QueryKey.<List<TodoRow>>of("quiet todos")).asyncFetcher(quietServer).retry(0).build(),
            TodoRow::id)
        .onUpdateAsync(saves::mutate)
        .build();
    quietServer.resolve(List.of(A));
    quiet.update("a", todo -> todo.done(true)); // nobody listens: the change is not collected
    List<List<RowChange<String, TodoRow>>> late = new ArrayList<>();
    quiet.onChange(late::add);

    quiet.update("a", todo -> todo.titled("Review specs"));

    assertThat(late).containsExactly(List.of(new RowChange<>("a", A.done(true), A.done(true).titled("Review specs"))));
    quiet.close();
  }

  @Test
  void rowsWrittenBackEqualToWhatIsShownChangeNothing() {
    todos.update("a", todo -> todo.done(true));

    todos.writeRows(List.of(new TodoRow("a", "Write specs", true)), List.of());

    assertThat(heard).hasSize(1);
  }

  @Test
  void anInsertOfAKeyAlreadyThereIsRefusedAndNothingIsApplied() {
    assertThatThrownBy(() -> todos.insert(List.of(C, A.titled("again"))))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessageStartingWith("todos already has a row a: insert rows with new keys");
    assertThatThrownBy(() -> todos.insert(List.of(C, C))).isInstanceOf(DuplicateKeyException.class);

    assertThat(todos.rows()).containsExactly(A, B);
    assertThat(saves.callCount()).isZero();
  }

  @Test
  void anUpdateOfAnUnknownKeyIsRefusedAndNothingIsApplied() {
    assertThatThrownBy(() -> todos.update(List.of("a", "z"), todo -> todo.done(true)))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageStartingWith("todos has no row z");

    assertThat(todos.get("a")).contains(A);
    assertThat(saves.callCount()).isZero();
  }

  @Test
  void anUpdateThatChangesTheKeyIsRefusedAndNothingIsApplied() {
    assertThatThrownBy(() -> todos.update("a", todo -> new TodoRow("a2", todo.title(), true)))
        .isInstanceOf(KeyChangedException.class)
        .hasMessageContaining("a key never changes; delete the row and insert one with the new key");

    assertThat(todos.get("a")).contains(A);
    assertThat(saves.callCount()).isZero();
  }

  @Test
  void aWriteWithoutItsHandlerIsRefusedNamingTheHandlerToGive() {
    QueryCollection<String, TodoRow> readOnly =
        client.collection(QueryOptions.builder(QueryKey.<List<TodoRow>>of("done")).asyncFetcher(server).build(), TodoRow::id)
            .name("done todos")
            .build();
    server.resolve(List.of(A));

    assertThatThrownBy(() -> readOnly.update("a", todo -> todo.done(true)))
        .isInstanceOf(MissingHandlerException.class)
        .hasMessage("done todos has no onUpdate handler, so it cannot persist an update: give the collection's builder"
            + " onUpdate(...) or onUpdateAsync(...); nothing was applied");
    assertThat(readOnly.get("a")).contains(A);
    readOnly.close();
  }

  @Test
  void anUpdateOfSeveralRowsIsOneTransactionWithAChangePerRow() {
    Transaction tx = todos.update(List.of("a", "b", "a"), todo -> todo.done(true));

    assertThat(tx.changes().stream().map(change -> (Object) change.key()).toList()).containsExactly("a", "b");
    assertThat(saves.callCount()).isEqualTo(1);
    assertThat(heard).containsExactly(List.of(new RowChange<>("a", A, A.done(true)), new RowChange<>("b", B, B.done(true))));
  }

  @Test
  void anUpdateWhoseFunctionThrowsIsRefusedAndNothingIsApplied() {
    assertThatThrownBy(() -> todos.update(List.of("a", "b"), todo -> {
      if (todo.id().equals("b")) {
        throw new IllegalArgumentException("no title");
      }
      return todo.done(true);
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("no title");

    assertThat(todos.rows()).containsExactly(A, B);
    assertThat(saves.callCount()).isZero();
    assertThat(heard).isEmpty();
  }

  @Test
  void aBlockingHandlerRunsOnTheFetchExecutorAndMayWriteTheServersRowsBack() {
    List<List<PendingChange<String, TodoRow>>> persisted = new ArrayList<>();
    AtomicReference<QueryCollection<String, TodoRow>> self = new AtomicReference<>();
    ControllableQuery<List<TodoRow>> doneServer = new ControllableQuery<>();
    QueryCollection<String, TodoRow> done =
        client.collection(QueryOptions.builder(QueryKey.<List<TodoRow>>of("done")).asyncFetcher(doneServer).build(), TodoRow::id)
            .onUpdate(changes -> {
              persisted.add(changes);
              self.get().writeRows(List.of(changes.get(0).original().titled("Saved")), List.of()); // the server's answer
            })
            .build();
    self.set(done);
    doneServer.resolve(List.of(A));

    Transaction tx = done.update("a", todo -> todo.done(true));
    assertThat(persisted).as("not on the calling thread").isEmpty();
    time.runDue();

    assertThat(persisted).hasSize(1);
    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(done.get("a")).as("the server's title, and the change over it").contains(new TodoRow("a", "Saved", true));
    done.close();
  }

  @Test
  void aSecondCollectionOfOneQueryIsRefused() {
    assertThatThrownBy(() -> client.collection(todoList, TodoRow::id).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has a collection already");
  }

  @Test
  void afterCloseTheListenersHearNothing() {
    todos.close();

    todos.writeRows(List.of(A.titled("later")), List.of());

    assertThat(heard).isEmpty();
  }
}
