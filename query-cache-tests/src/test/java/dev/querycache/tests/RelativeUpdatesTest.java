package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowChange;
import dev.querycache.collection.RowPush;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionState;
import dev.querycache.test.CapturedLog;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of an update that depends on the row it is given, such as a toggle
 * ({@code done -> !done}), while server data that may already hold it lands: the handler's
 * own write-back (before the handler returns, or after), a refetch, a push. A pending update
 * shows over newer data as the fields it changed, with the values it gave them, never as its
 * function applied a second time: each test ends on the server's row, and the listener hears
 * the toggle once, never a flash back.
 */
class RelativeUpdatesTest {
  static final TodoRow A = new TodoRow("a", "Write specs", false);
  static final TodoRow B = new TodoRow("b", "Ship", false);

  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().build();
  final ControllableQuery<List<TodoRow>> server = new ControllableQuery<>();
  final ControllableMutation<List<PendingChange<String, TodoRow>>, String> saves = new ControllableMutation<>();
  final List<RowChange<String, TodoRow>> heard = new ArrayList<>();
  QueryCollection<String, TodoRow> todos;

  @BeforeEach
  void loadTheList() {
    todos = client.collection(
            QueryOptions.builder(QueryKey.<List<TodoRow>>of("todos")).asyncFetcher(server).retry(0).build(), TodoRow::id)
        .onUpdateAsync(saves::mutate)
        .build();
    server.resolve(List.of(A, B));
    todos.onChange(heard::addAll);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aToggleTheHandlerWritesBackBeforeItSucceedsIsShownOnce() {
    todos.update("a", TodoRow::toggled);

    todos.writeRows(List.of(A.toggled()), List.of()); // the server's answer, before the handler's future completes
    saves.resolve("saved");

    assertThat(todos.get("a")).contains(A.toggled());
    assertThat(heard).containsExactly(new RowChange<>("a", A, A.toggled()));
  }

  @Test
  void aToggleTheHandlerWritesBackStaysTheServersRowAfterTheSettleRefetch() {
    todos.update("a", TodoRow::toggled);
    todos.writeRows(List.of(A.toggled()), List.of());
    saves.resolve("saved");

    server.resolve(List.of(A.toggled(), B)); // the refetch the settle started

    assertThat(todos.get("a")).contains(A.toggled());
    assertThat(heard).containsExactly(new RowChange<>("a", A, A.toggled()));
  }

  @Test
  void aToggleWrittenBackByABlockingHandlerEndsOnTheServersRowWithNoRefetchLanding() {
    AtomicReference<QueryCollection<String, TodoRow>> self = new AtomicReference<>();
    ControllableQuery<List<TodoRow>> doneServer = new ControllableQuery<>();
    QueryCollection<String, TodoRow> done = client.collection(
            QueryOptions.builder(QueryKey.<List<TodoRow>>of("done")).asyncFetcher(doneServer).build(), TodoRow::id)
        .onUpdate(changes -> {
          TodoRow saved = Objects.requireNonNull(changes.get(0).modified()).titled("Write specs (saved)");
          self.get().writeRows(List.of(saved), List.of()); // the server's row: the toggle, and a field it fills
        })
        .build();
    self.set(done);
    doneServer.resolve(List.of(A));
    List<RowChange<String, TodoRow>> seen = new ArrayList<>();
    done.onChange(seen::addAll);

    Transaction tx = done.update("a", TodoRow::toggled);
    time.runDue();

    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    TodoRow saved = new TodoRow("a", "Write specs (saved)", true);
    assertThat(done.get("a")).as("the server's row, not toggled back over it").contains(saved);
    assertThat(seen).containsExactly(new RowChange<>("a", A, A.toggled()), new RowChange<>("a", A.toggled(), saved));
  }

  @Test
  void aToggleWrittenBackAfterTheHandlerSucceededIsShownOnce() {
    todos.update("a", TodoRow::toggled);
    saves.resolve("saved");

    todos.writeRows(List.of(A.toggled()), List.of());

    assertThat(todos.get("a")).contains(A.toggled());
    assertThat(heard).containsExactly(new RowChange<>("a", A, A.toggled()));
  }

  @Test
  void aRefetchThatAlreadyHoldsAPendingToggleShowsItOnce() {
    todos.update("a", TodoRow::toggled);
    client.refetchQueries(QueryFilter.exact(todos.key()));

    server.resolve(List.of(A.toggled(), B)); // the server had the write before it answered the fetch

    assertThat(todos.get("a")).contains(A.toggled());
    assertThat(heard).containsExactly(new RowChange<>("a", A, A.toggled()));
  }

  @Test
  void aPushThatAlreadyHoldsAPendingToggleShowsItOnce() {
    todos.update("a", TodoRow::toggled);

    todos.applyPush(RowPush.upsert(A.toggled(), 1)); // no write key: the server's stream does not say whose it is

    assertThat(todos.get("a")).contains(A.toggled());
    assertThat(heard).containsExactly(new RowChange<>("a", A, A.toggled()));
  }

  @Test
  void serverDataWithoutAPendingToggleShowsTheServersOtherFieldsWithTheToggleOnTop() {
    todos.update("a", TodoRow::toggled);
    client.refetchQueries(QueryFilter.exact(todos.key()));

    server.resolve(List.of(A.titled("Write specs today"), B));

    assertThat(todos.get("a")).contains(new TodoRow("a", "Write specs today", true));
  }

  @Test
  void twoQuickTogglesEndOnTheSecondWhenTheFirstOnesAnswerLandsBetween() {
    todos.update("a", TodoRow::toggled); // on
    todos.update("a", TodoRow::toggled); // off again, before the first is saved

    todos.writeRows(List.of(A.toggled()), List.of()); // the first one's answer
    saves.call(0).resolve("saved");

    assertThat(todos.get("a")).as("the second toggle stays on top of the first one's answer").contains(A);
    todos.writeRows(List.of(A), List.of()); // the second one's answer
    saves.call(1).resolve("saved");
    assertThat(todos.get("a")).contains(A);
    assertThat(heard).containsExactly(new RowChange<>("a", A, A.toggled()), new RowChange<>("a", A.toggled(), A));
  }

  @Test
  void aToggleThatIsRefusedAfterItsRowWasWrittenBackLeavesTheServersRow() {
    todos.update("a", TodoRow::toggled);
    todos.writeRows(List.of(A.titled("Write specs today")), List.of()); // someone else's edit, without the toggle

    saves.fail(new IOException("refused"));

    assertThat(todos.get("a")).contains(A.titled("Write specs today"));
  }

  /** A row that is not a record: a class with the same fields, equal by them. */
  static final class Task {
    final String id;
    final String title;
    final boolean done;

    Task(String id, String title, boolean done) {
      this.id = id;
      this.title = title;
      this.done = done;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Task that && id.equals(that.id) && title.equals(that.title) && done == that.done;
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, title, done);
    }

    @Override
    public String toString() {
      return id + ": " + title + (done ? " (done)" : "");
    }
  }

  @Test
  void anUpdateOfARowThatIsNotARecordIsAppliedAgainOverNewerServerData() {
    ControllableQuery<List<Task>> taskServer = new ControllableQuery<>();
    QueryCollection<String, Task> tasks = client.collection(
            QueryOptions.builder(QueryKey.<List<Task>>of("tasks")).asyncFetcher(taskServer).retry(0).build(), (Task task) -> task.id)
        .onUpdateAsync(changes -> new CompletableFuture<Void>())
        .build();
    taskServer.resolve(List.of(new Task("a", "Write specs", false)));

    tasks.update("a", task -> new Task(task.id, task.title, true)); // sets a value: right however often applied
    client.refetchQueries(QueryFilter.exact(tasks.key()));
    taskServer.resolve(List.of(new Task("a", "Write specs today", false)));

    assertThat(tasks.get("a")).contains(new Task("a", "Write specs today", true));
  }

  /** A row whose constructor refuses a start after its end. */
  record Slot(String id, int start, int end) {
    Slot {
      if (start > end) {
        throw new IllegalArgumentException("a slot starts before it ends: " + start + " > " + end);
      }
    }
  }

  @Test
  void aPendingUpdateWhoseValuesTheRecordRefusesOverNewerDataComesOffAndTheServersRowShows(CapturedLog log) {
    ControllableQuery<List<Slot>> slotServer = new ControllableQuery<>();
    QueryCollection<String, Slot> slots = client.collection(
            QueryOptions.builder(QueryKey.<List<Slot>>of("slots")).asyncFetcher(slotServer).retry(0).build(), Slot::id)
        .onUpdateAsync(changes -> new CompletableFuture<Void>())
        .build();
    slotServer.resolve(List.of(new Slot("a", 0, 10)));
    slots.update("a", slot -> new Slot(slot.id(), slot.start(), 5)); // ends earlier

    client.refetchQueries(QueryFilter.exact(slots.key()));
    slotServer.resolve(List.of(new Slot("a", 7, 10))); // someone moved its start past the new end

    assertThat(slots.get("a")).as("the end 5 over the start 7 is refused: the server's row").contains(new Slot("a", 7, 10));
    assertThat(log.messages()).anyMatch(message -> message.contains("an optimistic patch applied again threw (for row a"));
    assertThat(log.thrown()).anyMatch(thrown -> thrown.getMessage().equals("a slot starts before it ends: 7 > 5"));
  }
}
