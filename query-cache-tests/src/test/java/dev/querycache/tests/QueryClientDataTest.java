package dev.querycache.tests;

import com.google.common.collect.ImmutableList;
import dev.querycache.FetchStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of reading and writing cached data by hand: {@link QueryClient#getQueryData},
 * {@link QueryClient#getQueryState}, {@link QueryClient#setQueryData},
 * {@link QueryClient#updateQueryData}, {@link QueryClient#getQueriesData} and
 * {@link QueryClient#setQueriesData}, including structural sharing.
 */
@DisplayName("QueryClient data")
class QueryClientDataTest {

  /** A value that is equal by content but distinct by identity across instances. */
  record Item(String id, int version) {}

  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().build();

  /** Opens a passive observer (no function, disabled) that records every result it gets. */
  static <T> QueryObserver<T> watch(QueryClient client, QueryKey<T> key, List<QueryResult<T>> sink) {
    return client.observe(QueryOptions.builder(key).enabled(false).build(), sink::add);
  }

  @Nested
  @DisplayName("reading")
  class Reading {
    @Test
    void getQueryDataIsEmptyForAMiss() {
      assertThat(client.getQueryData(QueryKey.<String>of("nothing", "here"))).isEmpty();
    }

    @Test
    void getQueryStateIsEmptyForAMiss() {
      assertThat(client.getQueryState(QueryKey.<String>of("nothing", "here"))).isEmpty();
    }

    @Test
    void getQueryDataIsEmptyForAQueryWithoutData() {
      QueryKey<String> key = QueryKey.of("observed");
      watch(client, key, new ArrayList<>());

      assertThat(client.getQueryState(key)).isPresent();
      assertThat(client.getQueryData(key)).isEmpty();
    }
  }

  @Nested
  @DisplayName("setQueryData")
  class SetQueryData {
    @Test
    void createsTheQueryAndStoresTheData() {
      QueryKey<String> key = QueryKey.of("todos", 1);

      String stored = client.setQueryData(key, "buy milk");

      assertThat(stored).isEqualTo("buy milk");
      assertThat(client.getQueryData(key)).contains("buy milk");
      QueryState<String> state = client.getQueryState(key).orElseThrow();
      assertThat(state.status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(state.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(state.dataUpdateCount()).isEqualTo(1);
    }

    @Test
    void returnsTheStoredInstance() {
      QueryKey<Item> key = QueryKey.of("item");
      Item item = new Item("a", 1);

      assertThat(client.setQueryData(key, item)).isSameAs(item);
      assertThat(client.getQueryData(key).orElseThrow()).isSameAs(item);
    }

    @Test
    void replacesDifferentData() {
      QueryKey<String> key = QueryKey.of("todos");
      client.setQueryData(key, "one");

      String stored = client.setQueryData(key, "two");

      assertThat(stored).isEqualTo("two");
      assertThat(client.getQueryData(key)).contains("two");
      assertThat(client.getQueryState(key).orElseThrow().dataUpdateCount()).isEqualTo(2);
    }

    @Test
    void dataUpdatedAtIsTheVirtualTimeOfTheWrite() {
      QueryKey<String> key = QueryKey.of("todos");
      time.advance(Duration.ofSeconds(5));

      client.setQueryData(key, "one");

      assertThat(client.getQueryState(key).orElseThrow().dataUpdatedAt())
          .isEqualTo(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void dataUpdatedAtMovesWithEachChangingWrite() {
      QueryKey<Integer> key = QueryKey.of("counter");
      client.setQueryData(key, 1);
      time.advance(Duration.ofSeconds(7));

      client.updateQueryData(key, v -> v + 1);

      assertThat(client.getQueryState(key).orElseThrow().dataUpdatedAt())
          .isEqualTo(Duration.ofSeconds(7).toNanos());
    }

    @Test
    void notifiesAnObserverOfNewData() {
      QueryKey<String> key = QueryKey.of("todos");
      List<QueryResult<String>> seen = new ArrayList<>();
      watch(client, key, seen);
      int before = seen.size();

      client.setQueryData(key, "one");

      assertThat(seen).hasSize(before + 1);
      assertThat(seen.get(seen.size() - 1).data()).isEqualTo("one");
    }

    @Test
    void duringAnInFlightFetchReplacesDataAndKeepsFetching() {
      QueryKey<String> key = QueryKey.of("todos");
      CompletableFuture<String> response = new CompletableFuture<>();
      QueryOptions<String> options =
          QueryOptions.builder(key).asyncFetcher(ctx -> response).build();
      CompletableFuture<String> fetched = client.fetchQuery(options);
      assertThat(client.getQueryState(key).orElseThrow().fetchStatus())
          .isEqualTo(FetchStatus.FETCHING);

      client.setQueryData(key, "local");

      QueryState<String> during = client.getQueryState(key).orElseThrow();
      assertThat(during.data()).isEqualTo("local");
      assertThat(during.status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(during.fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      assertThat(fetched).isNotDone();
    }

    @Test
    void aFetchThatCompletesAfterAManualWriteLandsItsResult() {
      QueryKey<String> key = QueryKey.of("todos");
      CompletableFuture<String> response = new CompletableFuture<>();
      QueryOptions<String> options =
          QueryOptions.builder(key).asyncFetcher(ctx -> response).build();
      CompletableFuture<String> fetched = client.fetchQuery(options);
      client.setQueryData(key, "local");
      time.advance(Duration.ofSeconds(3));

      response.complete("server");

      QueryState<String> after = client.getQueryState(key).orElseThrow();
      assertThat(after.data()).isEqualTo("server");
      assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(after.dataUpdatedAt()).isEqualTo(Duration.ofSeconds(3).toNanos());
      assertThat(fetched).isCompletedWithValue("server");
    }
  }

  @Nested
  @DisplayName("updateQueryData")
  class UpdateQueryData {
    @Test
    void updaterReceivesTheCurrentData() {
      QueryKey<Integer> key = QueryKey.of("counter");
      client.setQueryData(key, 41);

      assertThat(client.updateQueryData(key, v -> v + 1)).contains(42);
      assertThat(client.getQueryData(key)).contains(42);
    }

    @Test
    void updaterReceivesNullOnAMiss() {
      QueryKey<String> key = QueryKey.of("todos");
      AtomicReference<String> received = new AtomicReference<>("not called");

      client.updateQueryData(
          key,
          current -> {
            received.set(current);
            return "created";
          });

      assertThat(received.get()).isNull();
    }

    @Test
    void updaterResultOnAMissCreatesTheQuery() {
      QueryKey<String> key = QueryKey.of("todos");

      assertThat(client.updateQueryData(key, current -> "created")).contains("created");

      assertThat(client.getQueryData(key)).contains("created");
    }

    @Test
    void updaterReturningNullCreatesNothing() {
      QueryKey<String> key = QueryKey.of("todos");

      assertThat(client.updateQueryData(key, current -> null)).isEmpty();

      assertThat(client.getQueryState(key)).isEmpty();
      assertThat(client.getQueries(QueryFilter.all())).isEmpty();
    }

    @Test
    void updaterReturningNullLeavesExistingDataUnchanged() {
      QueryKey<String> key = QueryKey.of("todos");
      client.setQueryData(key, "kept");
      QueryState<String> before = client.getQueryState(key).orElseThrow();
      List<QueryResult<String>> seen = new ArrayList<>();
      watch(client, key, seen);
      int calls = seen.size();

      assertThat(client.updateQueryData(key, current -> null)).contains("kept");

      assertThat(client.getQueryState(key).orElseThrow()).isSameAs(before);
      assertThat(seen).hasSize(calls);
    }

    @Test
    void concurrentIncrementsAreNeverLost() throws Exception {
      QueryKey<Integer> key = QueryKey.of("counter");
      client.setQueryData(key, 0);
      int threads = 8;
      int increments = 1000;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          workers.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < increments; i++) {
                      client.updateQueryData(key, v -> v + 1);
                    }
                    return null;
                  }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<?> worker : workers) {
          worker.get(); // rethrows a worker's failure
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(client.getQueryData(key)).contains(threads * increments);
    }
  }

  @Nested
  @DisplayName("structural sharing")
  class StructuralSharingSpec {
    @Test
    void setQueryDataWithEqualDataReturnsTheOldInstance() {
      QueryKey<Item> key = QueryKey.of("item");
      Item first = new Item("a", 1);
      client.setQueryData(key, first);

      Item stored = client.setQueryData(key, new Item("a", 1));

      assertThat(stored).isSameAs(first);
      assertThat(client.getQueryData(key).orElseThrow()).isSameAs(first);
    }

    @Test
    void equalDataDoesNotNotifyObservers() {
      QueryKey<Item> key = QueryKey.of("item");
      List<QueryResult<Item>> seen = new ArrayList<>();
      watch(client, key, seen);
      client.setQueryData(key, new Item("a", 1));
      int calls = seen.size();

      client.setQueryData(key, new Item("a", 1));

      assertThat(seen).hasSize(calls);
    }

    @Test
    void equalDataWriteStillCountsAsFreshFromNow() {
      QueryKey<Item> key = QueryKey.of("item");
      client.observe(
          QueryOptions.builder(key).enabled(false).staleTime(Duration.ofMinutes(1)).build(),
          result -> {});
      client.setQueryData(key, new Item("a", 1));
      time.advance(Duration.ofMinutes(2));

      client.setQueryData(key, new Item("a", 1));

      assertThat(client.getQueryState(key).orElseThrow().dataUpdatedAt())
          .isEqualTo(Duration.ofMinutes(2).toNanos());
      assertThat(client.getQueries(QueryFilter.exact(key)).get(0).isStale()).isFalse();
    }

    @Test
    void updateQueryDataWithEqualResultKeepsTheOldInstance() {
      QueryKey<Item> key = QueryKey.of("item");
      Item first = new Item("a", 1);
      client.setQueryData(key, first);

      assertThat(client.updateQueryData(key, old -> new Item(old.id(), old.version())))
          .containsSame(first);
    }

    @Test
    void jdkImmutableListKeepsUnchangedElements() {
      QueryKey<List<Item>> key = QueryKey.of("items");
      Item a = new Item("a", 1);
      Item b = new Item("b", 1);
      Item c = new Item("c", 1);
      client.setQueryData(key, List.of(a, b, c));
      Item changed = new Item("b", 2);

      List<Item> stored =
          client.setQueryData(key, List.of(new Item("a", 1), changed, new Item("c", 1)));

      assertThat(stored).containsExactly(a, changed, c);
      assertThat(stored.get(0)).isSameAs(a);
      assertThat(stored.get(1)).isSameAs(changed);
      assertThat(stored.get(2)).isSameAs(c);
      assertThat(stored.getClass()).isSameAs(List.of(1, 2, 3).getClass());
    }

    @Test
    void listOfNewButEqualElementsKeepsTheOldList() {
      QueryKey<List<Item>> key = QueryKey.of("items");
      List<Item> first = List.of(new Item("a", 1), new Item("b", 1));
      client.setQueryData(key, first);

      List<Item> stored = client.setQueryData(key, List.of(new Item("a", 1), new Item("b", 1)));

      assertThat(stored).isSameAs(first);
    }

    @Test
    void shorterListSharesTheCommonLeadingElements() {
      QueryKey<List<Item>> key = QueryKey.of("items");
      Item a = new Item("a", 1);
      client.setQueryData(key, List.of(a, new Item("b", 1)));

      List<Item> stored = client.setQueryData(key, List.of(new Item("a", 1)));

      assertThat(stored).containsExactly(a);
      assertThat(stored.get(0)).isSameAs(a);
    }

    @Test
    void shortJdkImmutableListKeepsItsFamily() {
      QueryKey<List<Item>> key = QueryKey.of("items");
      Item a = new Item("a", 1);
      client.setQueryData(key, List.of(a, new Item("b", 1)));

      List<Item> stored = client.setQueryData(key, List.of(new Item("a", 1), new Item("b", 2)));

      assertThat(stored.get(0)).isSameAs(a);
      assertThat(stored.get(1)).isEqualTo(new Item("b", 2));
      assertThat(stored.getClass()).isSameAs(List.of(1, 2).getClass());
    }

    @Test
    void guavaImmutableListKeepsUnchangedElementsAndStaysImmutableList() {
      QueryKey<ImmutableList<Item>> key = QueryKey.of("items");
      Item a = new Item("a", 1);
      Item c = new Item("c", 1);
      client.setQueryData(key, ImmutableList.of(a, new Item("b", 1), c));
      Item changed = new Item("b", 2);

      ImmutableList<Item> stored =
          client.setQueryData(key, ImmutableList.of(new Item("a", 1), changed, new Item("c", 1)));

      assertThat(stored).isInstanceOf(ImmutableList.class);
      assertThat(stored.get(0)).isSameAs(a);
      assertThat(stored.get(1)).isSameAs(changed);
      assertThat(stored.get(2)).isSameAs(c);
      assertThat(client.getQueryData(key).orElseThrow()).isSameAs(stored);
    }

    @Test
    void longerListSharesTheCommonLeadingElements() {
      QueryKey<List<Item>> key = QueryKey.of("items");
      Item a = new Item("a", 1);
      client.setQueryData(key, List.of(a));
      Item added = new Item("b", 1);

      List<Item> stored = client.setQueryData(key, List.of(new Item("a", 1), added));

      assertThat(stored).hasSize(2);
      assertThat(stored.get(0)).isSameAs(a);
      assertThat(stored.get(1)).isSameAs(added);
    }

    @Test
    void mutableListIsStoredAsGiven() {
      QueryKey<List<Item>> key = QueryKey.of("items");
      client.setQueryData(key, new ArrayList<>(List.of(new Item("a", 1), new Item("b", 1))));
      Item sameAsBefore = new Item("a", 1);
      ArrayList<Item> next = new ArrayList<>(List.of(sameAsBefore, new Item("b", 2)));

      List<Item> stored = client.setQueryData(key, next);

      assertThat(stored).isSameAs(next);
      assertThat(stored.get(0)).isSameAs(sameAsBefore);
      assertThat(client.getQueryData(key).orElseThrow()).isSameAs(next);
    }

    @Test
    void disabledByClientDefaultsStoresEqualDataAsGiven() {
      QueryClient unshared =
          time.clientBuilder()
              .defaults(QuerySettings.builder().structuralSharing(false).build())
              .build();
      QueryKey<Item> key = QueryKey.of("item");
      unshared.setQueryData(key, new Item("a", 1));
      Item second = new Item("a", 1);

      assertThat(unshared.setQueryData(key, second)).isSameAs(second);
      assertThat(unshared.getQueryData(key).orElseThrow()).isSameAs(second);
    }

    @Test
    void disabledByClientDefaultsStoresListElementsAsGiven() {
      QueryClient unshared =
          time.clientBuilder()
              .defaults(QuerySettings.builder().structuralSharing(false).build())
              .build();
      QueryKey<List<Item>> key = QueryKey.of("items");
      unshared.setQueryData(key, List.of(new Item("a", 1), new Item("b", 1)));
      List<Item> next = List.of(new Item("a", 1), new Item("b", 2));

      List<Item> stored = unshared.setQueryData(key, next);

      assertThat(stored).isSameAs(next);
    }

    @Test
    void disabledByQueryOptionsStoresEqualDataAsGiven() {
      QueryKey<Item> key = QueryKey.of("item");
      List<QueryResult<Item>> seen = new ArrayList<>();
      client.observe(
          QueryOptions.builder(key).enabled(false).structuralSharing(false).build(), seen::add);
      client.setQueryData(key, new Item("a", 1));
      Item second = new Item("a", 1);

      assertThat(client.setQueryData(key, second)).isSameAs(second);
    }
  }

  @Nested
  @DisplayName("getQueriesData and setQueriesData")
  class ManyQueries {
    @Test
    void getQueriesDataReturnsTheDataOfMatchingQueriesThatHaveData() {
      QueryKey<String> one = QueryKey.of("todos", 1);
      QueryKey<String> two = QueryKey.of("todos", 2);
      client.setQueryData(one, "first");
      client.setQueryData(two, "second");
      client.setQueryData(QueryKey.<String>of("users", 1), "someone");
      watch(client, QueryKey.<String>of("todos", 3), new ArrayList<>()); // no data

      Map<QueryKey<?>, Object> data = client.getQueriesData(QueryFilter.prefix("todos"));

      assertThat(data).containsOnly(Map.entry(one, "first"), Map.entry(two, "second"));
    }

    @Test
    void getQueriesDataIsEmptyWhenNothingMatches() {
      client.setQueryData(QueryKey.<String>of("users", 1), "someone");

      assertThat(client.getQueriesData(QueryFilter.prefix("todos"))).isEmpty();
    }

    @Test
    void setQueriesDataUpdatesEveryMatchingQuery() {
      QueryKey<String> one = QueryKey.of("todos", 1);
      QueryKey<String> two = QueryKey.of("todos", 2);
      QueryKey<String> other = QueryKey.of("users", 1);
      client.setQueryData(one, "a");
      client.setQueryData(two, "b");
      client.setQueryData(other, "c");

      Map<QueryKey<?>, String> changed =
          client.setQueriesData(QueryFilter.prefix("todos"), (String s) -> s.toUpperCase());

      assertThat(changed).containsOnly(Map.entry(one, "A"), Map.entry(two, "B"));
      assertThat(client.getQueryData(one)).contains("A");
      assertThat(client.getQueryData(two)).contains("B");
      assertThat(client.getQueryData(other)).contains("c");
    }

    @Test
    void setQueriesDataSkipsQueriesWithoutData() {
      QueryKey<String> empty = QueryKey.of("todos", 1);
      watch(client, empty, new ArrayList<>());
      AtomicInteger calls = new AtomicInteger();

      Map<QueryKey<?>, String> changed =
          client.setQueriesData(
              QueryFilter.prefix("todos"),
              (String s) -> {
                calls.incrementAndGet();
                return s + "!";
              });

      assertThat(changed).isEmpty();
      assertThat(calls).hasValue(0);
      assertThat(client.getQueryData(empty)).isEmpty();
    }

    @Test
    void setQueriesDataNotifiesEachObserverOnce() {
      QueryKey<Integer> one = QueryKey.of("counts", 1);
      QueryKey<Integer> two = QueryKey.of("counts", 2);
      client.setQueryData(one, 1);
      client.setQueryData(two, 2);
      List<QueryResult<Integer>> seenOne = new ArrayList<>();
      List<QueryResult<Integer>> seenTwo = new ArrayList<>();
      watch(client, one, seenOne);
      watch(client, two, seenTwo);
      int beforeOne = seenOne.size();
      int beforeTwo = seenTwo.size();

      client.setQueriesData(QueryFilter.prefix("counts"), (Integer v) -> v * 10);

      assertThat(seenOne).hasSize(beforeOne + 1);
      assertThat(seenTwo).hasSize(beforeTwo + 1);
      assertThat(seenOne.get(seenOne.size() - 1).data()).isEqualTo(10);
      assertThat(seenTwo.get(seenTwo.size() - 1).data()).isEqualTo(20);
    }

    @Test
    void setQueriesDataDeliversOnlyAfterEveryQueryIsUpdated() {
      QueryKey<Integer> one = QueryKey.of("counts", 1);
      QueryKey<Integer> two = QueryKey.of("counts", 2);
      client.setQueryData(one, 1);
      client.setQueryData(two, 2);
      List<Integer> seenByOneOfTwo = new ArrayList<>();
      client.observe(
          QueryOptions.builder(one).enabled(false).build(),
          result -> seenByOneOfTwo.add(client.getQueryData(two).orElseThrow()));
      seenByOneOfTwo.clear();

      client.setQueriesData(QueryFilter.prefix("counts"), (Integer v) -> v * 10);

      // Whatever order the queries are updated in, the listener runs after both changed.
      assertThat(seenByOneOfTwo).containsExactly(20);
    }
  }
}
