package dev.querycache.internal.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryKey;
import dev.querycache.collection.RowChange;
import dev.querycache.tests.TodoRow;
import dev.querycache.internal.layer.LayerOwner;
import dev.querycache.internal.runtime.Notifier;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link RowStore} on its own, without a client: rows in the server's order; intents per row
 * over the confirmed rows, by owner; server data landing under pending intents; a rollback
 * that takes one owner's intents and leaves another's; succeeded intents leaving with data
 * that includes them, or folding once settled.
 */
@DisplayName("RowStore")
class RowStoreTest {
  /** An owner of intents, as a transaction is. */
  record Owner(String name) implements LayerOwner {
    @Override
    public void layerFailed(QueryKey<?> key, Throwable error) {}
  }

  private final RowStore<String, TodoRow> store = new RowStore<>("todos", new Notifier(Runnable::run), TodoRow::id);
  private final Owner first = new Owner("first");
  private final Owner second = new Owner("second");
  private RowChanges<String, TodoRow> changes = new RowChanges<>();

  private static final TodoRow A = new TodoRow("a", "Write specs", false);
  private static final TodoRow B = new TodoRow("b", "Ship", false);
  private static final TodoRow C = new TodoRow("c", "Rest", false);

  /** An update intent: {@code change} applied to the row, no row left alone. */
  private static UnaryOperator<Object> update(UnaryOperator<TodoRow> change) {
    return row -> RowStore.isAbsent(row) ? row : change.apply((TodoRow) row);
  }

  private @Nullable TodoRow paint(Owner owner, long order, String key, UnaryOperator<Object> patch, boolean constant) {
    return store.paint(owner, order, key, patch, constant, false, changes);
  }

  private void fetched(long sequence, TodoRow... rows) {
    store.landAll(List.of(rows), sequence, changes);
  }

  @Test
  void aFetchedListBecomesTheRowsInItsOrder() {
    fetched(1, B, A, C);

    assertThat(store.rows()).containsExactly(B, A, C);
    assertThat(store.get("a")).isEqualTo(A);
    assertThat(store.size()).isEqualTo(3);
    assertThat(changes.changes()).extracting(RowChange::key).containsExactly("b", "a", "c");
  }

  @Test
  void anUpdateShowsAtOnceInItsRowAndOnlyThere() {
    fetched(1, A, B);
    changes = new RowChanges<>();

    TodoRow shown = paint(first, 10, "a", update(todo -> todo.done(true)), false);

    assertThat(shown).isEqualTo(A.done(true));
    assertThat(store.rows()).containsExactly(A.done(true), B);
    assertThat(store.confirmed("a")).isEqualTo(A);
    assertThat(changes.changes()).containsExactly(new RowChange<>("a", A, A.done(true)));
  }

  @Test
  void anOwnersSecondWriteToARowReplacesItsIntentThere() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);

    paint(first, 10, "a", update(todo -> todo.done(true).titled("Write more specs")), false);
    store.remove(first, Set.of("a"), false, changes);

    assertThat(store.get("a")).as("one intent, gone with its owner").isEqualTo(A);
    assertThat(store.hasIntents("a")).isFalse();
  }

  @Test
  void serverDataLandsUnderAPendingIntentAndTheIntentIsAppliedOverIt() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    changes = new RowChanges<>();

    fetched(20, A.titled("Write specs today"));

    assertThat(store.get("a")).isEqualTo(new TodoRow("a", "Write specs today", true));
    assertThat(store.confirmed("a")).isEqualTo(A.titled("Write specs today"));
    assertThat(changes.changes()).as("one step: the pending flip never flashes back")
        .containsExactly(new RowChange<>("a", A.done(true), new TodoRow("a", "Write specs today", true)));
  }

  @Test
  void aRollbackTakesItsOwnersIntentsAndLeavesAnotherOwnersOnTheSameRow() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    paint(second, 11, "a", update(todo -> todo.titled("Write specs today")), false);

    store.remove(first, Set.of("a"), false, changes);

    assertThat(store.get("a")).isEqualTo(A.titled("Write specs today"));
  }

  @Test
  void anInsertAddsARowAtTheEndAndItsRollbackTakesItAway() {
    fetched(1, A, B);

    paint(first, 10, "c", row -> C, true);
    assertThat(store.rows()).containsExactly(A, B, C);
    assertThat(store.contains("c")).isTrue();

    store.remove(first, Set.of("c"), false, changes);
    assertThat(store.rows()).containsExactly(A, B);
    assertThat(store.contains("c")).isFalse();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void aDeleteHidesTheRowUntilItIsRolledBack() {
    fetched(1, A, B);

    paint(first, 10, "a", row -> RowStore.absent(), true);
    assertThat(store.rows()).containsExactly(B);
    assertThat(store.get("a")).isNull();

    store.remove(first, Set.of("a"), false, changes);
    assertThat(store.rows()).containsExactly(A, B);
  }

  @Test
  void anInsertedRowTheFetchDoesNotListYetKeepsItsPlaceAfterTheFetchedRows() {
    fetched(1, A);
    paint(first, 10, "c", row -> C, true);

    fetched(20, B, A);

    assertThat(store.rows()).containsExactly(B, A, C);
  }

  @Test
  void anUpdateOfARowTheServerDeletedShowsNoRow() {
    fetched(1, A, B);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);

    fetched(20, B);

    assertThat(store.get("a")).isNull();
    assertThat(store.rows()).containsExactly(B);
  }

  @Test
  void aSucceededIntentLeavesWhenAFetchStartedAfterTheSuccessLands() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.titled("Mine")), false);
    store.succeeded(first, Set.of("a"), 30);

    fetched(31, A.titled("Theirs"));

    assertThat(store.get("a")).as("the server's word, which includes the write").isEqualTo(A.titled("Theirs"));
    assertThat(store.hasIntents("a")).isFalse();
  }

  @Test
  void aSucceededIntentStaysOverAFetchThatStartedBeforeTheSuccess() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    store.succeeded(first, Set.of("a"), 30);

    fetched(25, A.titled("Older"));

    assertThat(store.get("a")).isEqualTo(new TodoRow("a", "Older", true));
    assertThat(store.hasIntents("a")).isTrue();
  }

  @Test
  void rowsWrittenBackAfterTheSuccessIncludeTheIntent() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    store.succeeded(first, Set.of("a"), 30);

    store.landRows(List.of(A.done(true)), List.of(), changes);

    assertThat(store.get("a")).isEqualTo(A.done(true));
    assertThat(store.hasIntents("a")).isFalse();
  }

  @Test
  void anEchoEqualToTheRowShownIsNoChange() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    changes = new RowChanges<>();

    store.landRows(List.of(new TodoRow("a", "Write specs", true)), List.of(), changes);

    assertThat(changes.changes()).isEmpty();
    assertThat(store.get("a")).isEqualTo(A.done(true));
  }

  @Test
  void aSettledSucceededIntentFoldsIntoTheConfirmedRowWhenNoFetchIsInFlight() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    store.succeeded(first, Set.of("a"), 30);

    store.settled(first, Set.of("a"), false, changes);

    assertThat(store.hasIntents("a")).isFalse();
    assertThat(store.confirmed("a")).isEqualTo(A.done(true));
    assertThat(store.get("a")).isEqualTo(A.done(true));
  }

  @Test
  void aSettledIntentWaitsForAFetchInFlight() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    store.succeeded(first, Set.of("a"), 30);

    store.settled(first, Set.of("a"), true, changes);

    assertThat(store.hasIntents("a")).isTrue();
    assertThat(store.confirmed("a")).isEqualTo(A);
  }

  @Test
  void aSettledIntentThatWaitedForAnEarlierFetchFoldsWhenThatFetchEndsWithoutData() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    store.succeeded(first, Set.of("a"), 30);
    store.settled(first, Set.of("a"), true, changes); // a fetch started at 20 is in flight
    changes = new RowChanges<>();

    store.fetchEndedWithoutData(20, changes);

    assertThat(store.hasIntents("a")).isFalse();
    assertThat(store.confirmed("a")).isEqualTo(A.done(true));
    assertThat(changes.changes()).as("nothing visible changed").isEmpty();
  }

  @Test
  void aSucceededIntentAFailedFetchWasToConfirmStaysUntilDataThatIncludesItLands() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> todo.done(true)), false);
    store.succeeded(first, Set.of("a"), 30);
    store.settled(first, Set.of("a"), true, changes); // the settle refetch, started at 40, is in flight

    store.fetchEndedWithoutData(40, changes);

    assertThat(store.hasIntents("a")).as("the server never said so").isTrue();
    assertThat(store.get("a")).isEqualTo(A.done(true));
    fetched(50, A.done(true));
    assertThat(store.hasIntents("a")).isFalse();
  }

  @Test
  void aPatchThatThrowsTheFirstTimeChangesNothing() {
    fetched(1, A);

    assertThatThrownBy(() -> paint(first, 10, "a", row -> {
      throw new IllegalArgumentException("bad draft");
    }, false)).isInstanceOf(IllegalArgumentException.class).hasMessage("bad draft");
    assertThatThrownBy(() -> paint(first, 10, "new", row -> {
      throw new IllegalArgumentException("bad row");
    }, true)).isInstanceOf(IllegalArgumentException.class);

    assertThat(store.rows()).containsExactly(A);
    assertThat(store.hasIntents("a")).isFalse();
    assertThat(store.contains("new")).isFalse();
  }

  @Test
  void aPatchThatThrowsWhenAppliedAgainIsSkippedAndItsOwnerNamed() {
    fetched(1, A);
    paint(first, 10, "a", update(todo -> {
      if (todo.title().isEmpty()) {
        throw new IllegalStateException("no title");
      }
      return todo.done(true);
    }), false);
    changes = new RowChanges<>();

    fetched(20, A.titled(""));

    assertThat(store.get("a")).isEqualTo(A.titled(""));
    assertThat(changes.failed()).singleElement().satisfies(failed -> {
      assertThat(failed.key()).isEqualTo("a");
      assertThat(failed.owner()).isSameAs(first);
      assertThat(failed.error()).hasMessage("no title");
    });
  }

  @Test
  void anInsertedRowNamesItsInserterUntilTheServerConfirmsIt() {
    fetched(1, A);
    paint(first, 10, "c", row -> RowStore.isAbsent(row) ? C : row, false);
    paint(second, 11, "c", update(todo -> todo.done(true)), false);

    assertThat(store.insertedBy("c")).isSameAs(first);
    assertThat(store.insertedBy("a")).as("confirmed").isNull();

    store.landRows(List.of(C), List.of(), changes);
    assertThat(store.insertedBy("c")).isNull();
  }

  @Test
  void aRowWithNothingLeftIsForgotten() {
    paint(first, 10, "c", row -> C, true);

    store.remove(first, Set.of("c"), false, changes);

    assertThat(store.rows()).isEmpty();
    assertThat(store.confirmed("c")).isNull();
    assertThat(store.size()).isZero();
  }
}
