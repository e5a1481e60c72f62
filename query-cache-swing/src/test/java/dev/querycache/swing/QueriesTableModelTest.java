package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryStatus;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of the inspector's "Queries" table model: one row per cached query with its
 * key, status, fetch status, staleness, observers, optimistic layers and relative update
 * time; rows kept in place by key across updates, with events only for what changed. Uses a
 * client with synchronous executors, the kit's virtual clock, moved by hand
 * (nothing it schedules is due within the moves).
 */
class QueriesTableModelTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client =
      QueryClient.builder()
          .notifyExecutor(Runnable::run)
          .fetchExecutor(Runnable::run)
          .ticker(time)
          .scheduler(time)
          .build();
  private final QueriesTableModel model = new QueriesTableModel();
  private final List<TableModelEvent> events = new ArrayList<>();
  private final List<CompletableFuture<String>> fetches = new ArrayList<>();

  QueriesTableModelTest() {
    model.addTableModelListener(events::add);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  private void update() {
    model.update(client.getQueries(QueryFilter.all()), time.read());
  }

  private void advance(Duration amount) {
    time.advance(amount);
  }

  private QueryOptions<String> fetched(QueryKey<String> key) {
    return QueryOptions.builder(key)
        .asyncFetcher(ctx -> {
          CompletableFuture<String> call = new CompletableFuture<>();
          fetches.add(call);
          return call;
        })
        .retry(0)
        .build();
  }

  private Object cell(QueryKey<?> key, int column) {
    int row = model.rowOf(key);
    assertThat(row).as("row of %s", key).isNotNegative();
    return model.getValueAt(row, column);
  }

  @Test
  void columnsAreNamedForWhatTheyShow() {
    List<String> names = new ArrayList<>();
    for (int column = 0; column < model.getColumnCount(); column++) {
      names.add(model.getColumnName(column));
    }

    assertThat(names)
        .containsExactly("Key", "State", "Status", "Fetch status", "Stale", "Observers", "Optimistic layers", "Updated");
  }

  @Test
  void queryWrittenByHandIsASuccessWithItsKeyAndNoObservers() {
    QueryKey<String> key = QueryKey.of("greeting", 1);
    client.setQueryData(key, "hello");

    update();

    assertThat(model.getRowCount()).isEqualTo(1);
    assertThat(cell(key, QueriesTableModel.KEY)).isEqualTo(key.toString());
    assertThat(cell(key, QueriesTableModel.STATUS)).isEqualTo(QueryStatus.SUCCESS);
    assertThat(cell(key, QueriesTableModel.FETCH_STATUS)).isEqualTo(FetchStatus.IDLE);
    assertThat(cell(key, QueriesTableModel.OBSERVERS)).isEqualTo(0);
    assertThat(cell(key, QueriesTableModel.LAYERS)).isEqualTo(0);
  }

  @Test
  void observedQueryLoadingIsPendingFetchingAndCountsItsObserver() {
    QueryKey<String> key = QueryKey.of("loading");
    client.observe(fetched(key), result -> { });

    update();

    assertThat(cell(key, QueriesTableModel.STATUS)).isEqualTo(QueryStatus.PENDING);
    assertThat(cell(key, QueriesTableModel.FETCH_STATUS)).isEqualTo(FetchStatus.FETCHING);
    assertThat(cell(key, QueriesTableModel.OBSERVERS)).isEqualTo(1);
    assertThat(cell(key, QueriesTableModel.STALE)).isEqualTo(true);
    assertThat(cell(key, QueriesTableModel.UPDATED)).isEqualTo(QueriesTableModel.NEVER);
  }

  @Test
  void failedQueryIsAnError() {
    QueryKey<String> key = QueryKey.of("broken");
    client.observe(fetched(key), result -> { });
    fetches.get(0).completeExceptionally(new IOException("refused"));

    update();

    assertThat(cell(key, QueriesTableModel.STATUS)).isEqualTo(QueryStatus.ERROR);
    assertThat(cell(key, QueriesTableModel.FETCH_STATUS)).isEqualTo(FetchStatus.IDLE);
  }

  @Test
  void freshDataIsNotStaleAndInvalidatedDataIs() {
    QueryKey<String> key = QueryKey.of("fresh");
    client.observe(fetched(key).toBuilder().staleTime(Duration.ofMinutes(1)).build(), result -> { });
    fetches.get(0).complete("data");
    update();
    assertThat(cell(key, QueriesTableModel.STALE)).isEqualTo(false);

    client.invalidateQueries(QueryFilter.exact(key)); // refetches: leave that fetch pending
    update();

    assertThat(cell(key, QueriesTableModel.STALE)).isEqualTo(true);
  }

  @Test
  void pendingOptimisticWriteCountsAsALayer() {
    QueryKey<String> key = QueryKey.of("title");
    client.setQueryData(key, "old");
    Mutation<String, Boolean, Void> rename =
        client.asyncMutation((String title) -> new CompletableFuture<Boolean>())
            .optimistic(key, (current, title) -> title)
            .errorMessage("Failed to rename")
            .build();
    rename.fire("new");

    update();

    assertThat(cell(key, QueriesTableModel.LAYERS)).isEqualTo(1);
  }

  @Test
  void updatedColumnSaysHowLongAgoTheDataLanded() {
    QueryKey<String> key = QueryKey.of("greeting");
    client.setQueryData(key, "hello");

    advance(Duration.ofSeconds(3));
    update();

    assertThat(cell(key, QueriesTableModel.UPDATED)).isEqualTo("3 s ago");
  }

  @Test
  void relativeTimesUseSecondsMinutesAndHours() {
    assertThat(QueriesTableModel.ago(Duration.ofMillis(59_999).toNanos())).isEqualTo("59 s ago");
    assertThat(QueriesTableModel.ago(Duration.ofSeconds(150).toNanos())).isEqualTo("2 min ago");
    assertThat(QueriesTableModel.ago(Duration.ofMinutes(125).toNanos())).isEqualTo("2 h ago");
    assertThat(QueriesTableModel.ago(-5)).isEqualTo("0 s ago");
  }

  @Test
  void newQueriesAreAppendedInKeyOrder() {
    client.setQueryData(QueryKey.of("b"), "b");
    update();
    client.setQueryData(QueryKey.of("d"), "d");
    client.setQueryData(QueryKey.of("a"), "a");

    update();

    assertThat(model.rowOf(QueryKey.of("b"))).isEqualTo(0);
    assertThat(model.rowOf(QueryKey.of("a"))).isEqualTo(1);
    assertThat(model.rowOf(QueryKey.of("d"))).isEqualTo(2);
  }

  @Test
  void changedQueryIsUpdatedInPlaceWithOneRowEvent() {
    QueryKey<String> first = QueryKey.of("first");
    QueryKey<String> second = QueryKey.of("second");
    client.setQueryData(first, "1");
    client.setQueryData(second, "2");
    update();
    events.clear();

    client.setQueryData(second, "two");
    update();

    assertThat(model.rowOf(second)).isEqualTo(1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getType()).isEqualTo(TableModelEvent.UPDATE);
    assertThat(events.get(0).getFirstRow()).isEqualTo(1);
    assertThat(events.get(0).getLastRow()).isEqualTo(1);
  }

  @Test
  void unchangedCacheFiresNoEvents() {
    client.setQueryData(QueryKey.of("first"), "1");
    update();
    events.clear();

    update();

    assertThat(events).isEmpty();
  }

  @Test
  void removedQueryLosesItsRowAndTheOthersMoveUp() {
    QueryKey<String> first = QueryKey.of("first");
    QueryKey<String> second = QueryKey.of("second");
    client.setQueryData(first, "1");
    client.setQueryData(second, "2");
    update();

    client.removeQueries(QueryFilter.exact(first));
    update();

    assertThat(model.getRowCount()).isEqualTo(1);
    assertThat(model.rowOf(first)).isEqualTo(-1);
    assertThat(model.rowOf(second)).isEqualTo(0);
  }

  @Test
  void observerCountFollowsObserversClosing() {
    QueryKey<String> key = QueryKey.of("watched");
    client.setQueryData(key, "data");
    QueryObserver<String> observer = client.observe(QueryOptions.builder(key).build(), result -> { });
    update();
    assertThat(cell(key, QueriesTableModel.OBSERVERS)).isEqualTo(1);

    observer.close();
    update();

    assertThat(cell(key, QueriesTableModel.OBSERVERS)).isEqualTo(0);
  }
}
