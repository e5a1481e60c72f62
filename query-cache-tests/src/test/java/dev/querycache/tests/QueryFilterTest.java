package dev.querycache.tests;

import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.internal.key.KeyMap;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link QueryFilter}: which queries a filter selects, observed through
 * {@link QueryClient#getQueries(QueryFilter)}, {@link QueryClient#invalidateQueries(QueryFilter)}
 * and {@link QueryClient#isFetching(QueryFilter)}.
 */
@DisplayName("QueryFilter")
class QueryFilterTest {
  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).build();

  /** Caches a query with data under a key built from {@code parts}. */
  QueryKey<String> put(Object... parts) {
    QueryKey<String> key = QueryKey.of(parts);
    client.setQueryData(key, "data of " + key);
    return key;
  }

  /** The keys of the queries {@code filter} selects. */
  List<QueryKey<?>> keys(QueryFilter filter) {
    return client.getQueries(filter).stream().map(CachedQuery::key).collect(Collectors.toList());
  }

  /** Makes {@code key}'s query active with a passive observer. */
  QueryObserver<String> observePassively(QueryKey<String> key) {
    return client.observe(QueryOptions.builder(key).enabled(false).build(), result -> {});
  }

  static Map<String, Object> mapWithNull(String name) {
    Map<String, Object> map = new HashMap<>();
    map.put(name, null);
    return map;
  }

  @Nested
  @DisplayName("by key")
  class ByKey {
    @Test
    void allSelectsEveryQuery() {
      QueryKey<String> a = put("a");
      QueryKey<String> b = put("b", 1);

      assertThat(keys(QueryFilter.all())).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void exactSelectsOnlyTheEqualKey() {
      QueryKey<String> todos = put("todos");
      put("todos", 1);
      put("todo");

      assertThat(keys(QueryFilter.exact(QueryKey.of("todos")))).containsExactly(todos);
    }

    @Test
    void exactSelectsNothingForAMiss() {
      put("todos", 1);

      assertThat(keys(QueryFilter.exact(QueryKey.of("todos")))).isEmpty();
    }

    @Test
    void prefixSelectsTheKeyItselfAndLongerKeys() {
      QueryKey<String> todos = put("todos");
      QueryKey<String> one = put("todos", 1);
      QueryKey<String> detail = put("todos", 1, "detail");
      put("users", 1);

      assertThat(keys(QueryFilter.prefix("todos")))
          .containsExactlyInAnyOrder(todos, one, detail);
    }

    @Test
    void prefixComparesWholePartsNotStringPrefixes() {
      put("todosArchive", 1);
      put("todo");

      assertThat(keys(QueryFilter.prefix("todos"))).isEmpty();
    }

    @Test
    void prefixOfSeveralPartsRequiresEveryPart() {
      QueryKey<String> one = put("todos", 1, "detail");
      put("todos", 2, "detail");
      put("todos");

      assertThat(keys(QueryFilter.prefix("todos", 1))).containsExactly(one);
    }

    @Test
    void prefixMatchesNumbersByValue() {
      QueryKey<String> one = put("todos", 1L);

      assertThat(keys(QueryFilter.prefix("todos", 1))).containsExactly(one);
      assertThat(keys(QueryFilter.prefix("todos", 1.0))).containsExactly(one);
    }

    @Test
    void nestedListPrefixSelectsKeysWhoseFirstListStartsWithIt() {
      QueryKey<String> procedure =
          put(
              List.of("notification", "getNotifications"),
              Map.of("input", Map.of("limit", 20), "type", "query"));
      put(List.of("notifications"));
      put("notification");

      QueryFilter filter = QueryFilter.prefix(QueryKey.of(List.of("notification")));

      assertThat(keys(filter)).containsExactly(procedure);
    }

    @Test
    void nestedListPrefixWithANestedListInside() {
      QueryKey<String> deep = put(List.of("a", List.of("b", "c"), "d"));
      QueryKey<String> exact = put(List.of("a", List.of("b")));
      put(List.of("a", List.of("c")));
      put(List.of("a", "b"));
      put("a");

      QueryFilter filter = QueryFilter.prefix(QueryKey.of(List.of("a", List.of("b"))));

      assertThat(keys(filter)).containsExactlyInAnyOrder(deep, exact);
    }

    @Test
    void nestedListPrefixFollowedByMoreParts() {
      QueryKey<String> longer = put(List.of("a", "b"), "x", 1);
      QueryKey<String> same = put(List.of("a"), "x");
      put(List.of("a", "b"), "y");
      put(List.of("b"), "x");

      QueryFilter filter = QueryFilter.prefix(QueryKey.of(List.of("a"), "x"));

      assertThat(keys(filter)).containsExactlyInAnyOrder(longer, same);
    }

    @Test
    void mapPartSelectsKeysWhoseMapHoldsItsEntries() {
      QueryKey<String> donePage1 = put("todos", Map.of("status", "done", "page", 1));
      QueryKey<String> done = put("todos", Map.of("status", "done"));
      put("todos", Map.of("status", "open", "page", 1));
      put("todos", Map.of("page", 1));
      put("todos");

      QueryFilter filter = QueryFilter.prefix("todos", Map.of("status", "done"));

      assertThat(keys(filter)).containsExactlyInAnyOrder(donePage1, done);
    }

    @Test
    void emptyMapPartSelectsEveryMapAtThatPosition() {
      QueryKey<String> withMap = put("todos", Map.of("status", "done"));
      QueryKey<String> emptyMap = put("todos", Map.of());
      put("todos", "list");
      put("todos");

      assertThat(keys(QueryFilter.prefix("todos", Map.of())))
          .containsExactlyInAnyOrder(withMap, emptyMap);
    }

    @Test
    void nestedMapPartMatchesBySubsetRecursively() {
      QueryKey<String> match =
          put("search", Map.of("input", Map.of("text", "milk", "limit", 20), "type", "query"));
      put("search", Map.of("input", Map.of("text", "bread", "limit", 20), "type", "query"));

      QueryFilter filter = QueryFilter.prefix("search", Map.of("input", Map.of("text", "milk")));

      assertThat(keys(filter)).containsExactly(match);
    }

    @Test
    void filterMapWithNullValueDoesNotSelectAKeyMissingThatEntry() {
      Map<String, Object> withNullStatus = mapWithNull("status");
      withNullStatus.put("page", 1);
      QueryKey<String> explicitNull = put("todos", withNullStatus);
      put("todos", Map.of("page", 1));

      QueryFilter filter = QueryFilter.prefix("todos", mapWithNull("status"));

      assertThat(keys(filter)).containsExactly(explicitNull);
    }

    @Test
    void prefixWithMorePartsThanAnyKeyFindsNothing() {
      put("todos");
      put("todos", 1);
      put("todos", 1, "detail");

      assertThat(keys(QueryFilter.prefix("todos", 1, "detail", "more"))).isEmpty();
    }

    @Test
    void prefixLongerThanTheIndexDepthStillMatchesExactly() {
      QueryKey<String> longKey = put("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
      put("a", "b", "c", "d", "e", "f", "g", "h", "i", "other");

      assertThat(keys(QueryFilter.prefix("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")))
          .containsExactly(longKey);
    }

    @Test
    void keyWhoseFirstPartIsAMapIsFoundByAllAndExact() {
      QueryKey<String> mapFirst = put(Map.of("scope", "global"), "settings");

      assertThat(keys(QueryFilter.all())).containsExactly(mapFirst);
      assertThat(keys(QueryFilter.exact(QueryKey.of(Map.of("scope", "global"), "settings"))))
          .containsExactly(mapFirst);
    }

    @Test
    void keyWhoseFirstPartIsAMapIsFoundByAMapPrefix() {
      QueryKey<String> mapFirst = put(Map.of("scope", "global", "v", 2), "settings");
      put(Map.of("scope", "local"), "settings");
      put("scope");

      assertThat(keys(QueryFilter.prefix(Map.of("scope", "global")))).containsExactly(mapFirst);
    }

    @Test
    void keyWhoseFirstPartIsNullIsFoundByAllAndExact() {
      QueryKey<String> nullFirst = put(null, "settings");

      assertThat(keys(QueryFilter.all())).containsExactly(nullFirst);
      assertThat(keys(QueryFilter.exact(QueryKey.of(null, "settings"))))
          .containsExactly(nullFirst);
    }

    @Test
    void keyWhoseFirstPartIsNullIsFoundByANullPrefix() {
      QueryKey<String> nullFirst = put(null, "settings");
      put("null", "settings");

      assertThat(keys(QueryFilter.prefix(QueryKey.of(null, "settings"))))
          .containsExactly(nullFirst);
    }
  }

  @Nested
  @DisplayName("by activity")
  class ByActivity {
    @Test
    void activeSelectsObservedQueries() {
      QueryKey<String> observed = put("todos", 1);
      put("todos", 2);
      observePassively(observed);

      assertThat(keys(QueryFilter.prefix("todos").type(QueryFilter.Type.ACTIVE)))
          .containsExactly(observed);
      assertThat(keys(QueryFilter.prefix("todos").active())).containsExactly(observed);
    }

    @Test
    void inactiveSelectsUnobservedQueries() {
      QueryKey<String> observed = put("todos", 1);
      QueryKey<String> unobserved = put("todos", 2);
      observePassively(observed);

      assertThat(keys(QueryFilter.prefix("todos").type(QueryFilter.Type.INACTIVE)))
          .containsExactly(unobserved);
      assertThat(keys(QueryFilter.prefix("todos").inactive())).containsExactly(unobserved);
    }

    @Test
    void typeAllSelectsBoth() {
      QueryKey<String> observed = put("todos", 1);
      QueryKey<String> unobserved = put("todos", 2);
      observePassively(observed);

      assertThat(keys(QueryFilter.prefix("todos").active().type(QueryFilter.Type.ALL)))
          .containsExactlyInAnyOrder(observed, unobserved);
    }

    @Test
    void closingTheLastObserverMakesAQueryInactive() {
      QueryKey<String> key = put("todos", 1);
      QueryObserver<String> observer = observePassively(key);

      observer.close();

      assertThat(keys(QueryFilter.all().active())).isEmpty();
      assertThat(keys(QueryFilter.all().inactive())).containsExactly(key);
    }
  }

  @Nested
  @DisplayName("by staleness")
  class ByStaleness {
    QueryKey<String> fetchWithStaleTime(String name, Duration staleTime) {
      QueryKey<String> key = QueryKey.of(name);
      client
          .fetchQuery(
              QueryOptions.builder(key).fetcher(ctx -> "fetched").staleTime(staleTime).build())
          .join();
      return key;
    }

    @Test
    void freshDataIsNotStale() {
      QueryKey<String> key = fetchWithStaleTime("todos", Duration.ofMinutes(1));

      assertThat(keys(QueryFilter.all().stale(false))).containsExactly(key);
      assertThat(keys(QueryFilter.all().stale(true))).isEmpty();
    }

    @Test
    void dataTurnsStaleOnceItsStaleTimeHasPassed() {
      QueryKey<String> key = fetchWithStaleTime("todos", Duration.ofMinutes(1));

      time.advance(Duration.ofSeconds(61));

      assertThat(keys(QueryFilter.all().stale(true))).containsExactly(key);
      assertThat(keys(QueryFilter.all().stale(false))).isEmpty();
    }

    @Test
    void eachQueryIsJudgedByItsOwnStaleTime() {
      QueryKey<String> shortLived = fetchWithStaleTime("short", Duration.ofSeconds(10));
      QueryKey<String> longLived = fetchWithStaleTime("long", Duration.ofMinutes(10));

      time.advance(Duration.ofSeconds(30));

      assertThat(keys(QueryFilter.all().stale(true))).containsExactly(shortLived);
      assertThat(keys(QueryFilter.all().stale(false))).containsExactly(longLived);
    }

    @Test
    void dataWithTheDefaultStaleTimeIsStaleAtOnce() {
      QueryKey<String> key = put("todos");

      assertThat(keys(QueryFilter.all().stale(true))).containsExactly(key);
    }

    @Test
    void aQueryWithoutDataIsStale() {
      QueryKey<String> key = QueryKey.of("todos");
      client.observe(
          QueryOptions.builder(key).enabled(false).staleTime(QuerySettings.FOREVER).build(),
          result -> {});

      assertThat(keys(QueryFilter.all().stale(true))).containsExactly(key);
    }

    @Test
    void invalidatedQueriesCountAsStale() {
      QueryKey<String> key = fetchWithStaleTime("todos", Duration.ofMinutes(10));
      QueryKey<String> other = fetchWithStaleTime("users", Duration.ofMinutes(10));

      client.invalidateQueries(QueryFilter.exact(key));

      assertThat(keys(QueryFilter.all().stale(true))).containsExactly(key);
      assertThat(keys(QueryFilter.all().stale(false))).containsExactly(other);
    }

    @Test
    void invalidateQueriesMarksOnlyTheSelectedQueries() {
      QueryKey<String> one = put("todos", 1);
      QueryKey<String> two = put("todos", 2);
      QueryKey<String> other = put("users", 1);

      client.invalidateQueries(QueryFilter.prefix("todos"));

      assertThat(client.getQueryState(one).orElseThrow().isInvalidated()).isTrue();
      assertThat(client.getQueryState(two).orElseThrow().isInvalidated()).isTrue();
      assertThat(client.getQueryState(other).orElseThrow().isInvalidated()).isFalse();
    }
  }

  @Nested
  @DisplayName("by fetch status")
  class ByFetchStatus {
    @Test
    void fetchingSelectsQueriesWithAFetchInFlight() {
      QueryKey<String> pending = QueryKey.of("todos", 1);
      CompletableFuture<String> response = new CompletableFuture<>();
      client.fetchQuery(QueryOptions.builder(pending).asyncFetcher(ctx -> response).build());
      QueryKey<String> idle = put("todos", 2);

      assertThat(keys(QueryFilter.all().fetchStatus(FetchStatus.FETCHING)))
          .containsExactly(pending);
      assertThat(keys(QueryFilter.all().fetchStatus(FetchStatus.IDLE))).containsExactly(idle);
      assertThat(client.isFetching(QueryFilter.prefix("todos"))).isEqualTo(1);
    }

    @Test
    void aFinishedFetchIsNoLongerSelectedAsFetching() {
      QueryKey<String> key = QueryKey.of("todos", 1);
      CompletableFuture<String> response = new CompletableFuture<>();
      client.fetchQuery(QueryOptions.builder(key).asyncFetcher(ctx -> response).build());

      response.complete("done");

      assertThat(keys(QueryFilter.all().fetchStatus(FetchStatus.FETCHING))).isEmpty();
      assertThat(client.isFetching(QueryFilter.all())).isZero();
    }

    @Test
    void isFetchingCountsOnlySelectedQueries() {
      CompletableFuture<String> response = new CompletableFuture<>();
      client.fetchQuery(
          QueryOptions.builder(QueryKey.<String>of("todos", 1)).asyncFetcher(ctx -> response).build());
      client.fetchQuery(
          QueryOptions.builder(QueryKey.<String>of("todos", 2)).asyncFetcher(ctx -> response).build());
      client.fetchQuery(
          QueryOptions.builder(QueryKey.<String>of("users", 1)).asyncFetcher(ctx -> response).build());

      assertThat(client.isFetching(QueryFilter.all())).isEqualTo(3);
      assertThat(client.isFetching(QueryFilter.prefix("todos"))).isEqualTo(2);
      assertThat(client.isFetching(QueryFilter.exact(QueryKey.of("users", 1)))).isEqualTo(1);
      assertThat(client.isFetching(QueryFilter.prefix("nothing"))).isZero();
    }
  }

  @Nested
  @DisplayName("by predicate")
  class ByPredicate {
    @Test
    void whereSelectsQueriesSatisfyingThePredicate() {
      QueryKey<String> one = put("todos", 1);
      put("todos", 2);

      QueryFilter filter = QueryFilter.all().where(q -> q.key().parts().contains(1L));

      assertThat(keys(filter)).containsExactly(one);
    }

    @Test
    void wherePredicateSeesASnapshotOfTheQuery() {
      QueryKey<String> observed = put("todos", 1);
      observePassively(observed);
      List<CachedQuery<?>> seen = new ArrayList<>();

      client.getQueries(QueryFilter.exact(observed).where(q -> seen.add(q)));

      assertThat(seen).hasSize(1);
      CachedQuery<?> snapshot = seen.get(0);
      assertThat(snapshot.key()).isEqualTo(observed);
      assertThat(snapshot.state().data()).isEqualTo("data of " + observed);
      assertThat(snapshot.observerCount()).isEqualTo(1);
      assertThat(snapshot.isActive()).isTrue();
      assertThat(snapshot.isStale()).isTrue();
    }

    @Test
    void twoWhereCallsMustBothHold() {
      QueryKey<String> both = put("todos", 1, "open");
      put("todos", 1, "done");
      put("todos", 2, "open");

      QueryFilter filter =
          QueryFilter.prefix("todos")
              .where(q -> q.key().parts().contains(1L))
              .where(q -> q.key().parts().contains("open"));

      assertThat(keys(filter)).containsExactly(both);
    }

    @Test
    void whereCombinesWithTheOtherConditions() {
      QueryKey<String> observedOne = put("todos", 1);
      QueryKey<String> unobservedOne = put("todos", 1, "x");
      put("users", 1);
      observePassively(observedOne);

      QueryFilter filter = QueryFilter.prefix("todos").inactive().where(q -> q.key().parts().contains(1L));

      assertThat(keys(filter)).containsExactly(unobservedOne);
    }
  }

  @Nested
  @DisplayName("index consistency")
  class IndexConsistency {
    @Test
    void removedQueryIsNoLongerFound() {
      QueryKey<String> one = put("todos", 1);
      QueryKey<String> two = put("todos", 2);

      client.removeQueries(QueryFilter.exact(one));

      assertThat(keys(QueryFilter.prefix("todos"))).containsExactly(two);
      assertThat(keys(QueryFilter.all())).containsExactly(two);
      assertThat(keys(QueryFilter.exact(one))).isEmpty();
      assertThat(client.getQueryData(one)).isEmpty();
    }

    @Test
    void removingQueriesFromTheMiddleOfAFamilyKeepsTheRestFindable() {
      List<QueryKey<String>> family = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        family.add(put("todos", i));
      }

      client.removeQueries(QueryFilter.exact(family.get(1)));
      client.removeQueries(QueryFilter.exact(family.get(0)));
      client.removeQueries(QueryFilter.exact(family.get(4)));

      assertThat(keys(QueryFilter.prefix("todos")))
          .containsExactlyInAnyOrder(family.get(2), family.get(3), family.get(5));
      client.setQueryData(family.get(1), "back");
      assertThat(keys(QueryFilter.prefix("todos")))
          .containsExactlyInAnyOrder(family.get(1), family.get(2), family.get(3), family.get(5));
    }

    @Test
    void aCreatedQuerysKeySharesTheStringsItsFamilyAlreadyHolds() {
      String first = new String("plugin-7");
      String second = new String("plugin-7");
      client.setQueryData(QueryKey.of(first, "item", 1), "one");

      client.setQueryData(QueryKey.of(second, "item", 2), "two");

      List<Object> heads = new ArrayList<>();
      for (CachedQuery<?> query : client.getQueries(QueryFilter.prefix("plugin-7"))) {
        heads.add(query.key().parts().get(0));
      }
      assertThat(heads).hasSize(2);
      assertThat(heads.get(0)).isSameAs(heads.get(1)).isSameAs(first);
    }

    @Test
    void aCreatedQuerysMapPartSharesTheNamesOfItsFamilysFirstMap() {
      client.setQueryData(QueryKey.of("plugin-7", "item", Map.of("id", 1, "page", 0)), "one");

      client.setQueryData(QueryKey.of("plugin-7", "item", Map.of("page", 1, "id", 2)), "two");
      client.setQueryData(QueryKey.of("plugin-7", "item", Map.of("id", 3)), "other shape");

      Map<Object, String[]> names = new HashMap<>();
      for (CachedQuery<?> query : client.getQueries(QueryFilter.prefix("plugin-7"))) {
        KeyMap map = (KeyMap) query.key().parts().get(2);
        names.put(map.get("id"), map.names());
      }
      assertThat(names.get(2L)).isSameAs(names.get(1L));
      assertThat(names.get(3L)).containsExactly("id");
    }

    @Test
    void removingByPrefixRemovesEveryMatch() {
      put("todos", 1);
      put("todos", 2, "detail");
      QueryKey<String> other = put("users", 1);

      client.removeQueries(QueryFilter.prefix("todos"));

      assertThat(keys(QueryFilter.prefix("todos"))).isEmpty();
      assertThat(keys(QueryFilter.all())).containsExactly(other);
    }

    @Test
    void reAddingARemovedKeyIsFoundAgain() {
      QueryKey<String> key = put(List.of("notification", "list"), Map.of("page", 1));
      client.removeQueries(QueryFilter.prefix(QueryKey.of(List.of("notification"))));
      assertThat(keys(QueryFilter.all())).isEmpty();

      client.setQueryData(key, "again");

      assertThat(keys(QueryFilter.prefix(QueryKey.of(List.of("notification")))))
          .containsExactly(key);
      assertThat(keys(QueryFilter.exact(key))).containsExactly(key);
      assertThat(client.getQueryData(key)).contains("again");
    }

    @Test
    void garbageCollectedQueryIsNoLongerFound() {
      QueryKey<String> key = put("todos", 1);

      time.advance(Duration.ofMinutes(5).plusSeconds(1));

      assertThat(keys(QueryFilter.prefix("todos"))).isEmpty();
      client.setQueryData(key, "again");
      assertThat(keys(QueryFilter.prefix("todos"))).containsExactly(key);
    }

    @Test
    void queryPastItsGcTimeIsNoLongerSelected() {
      QueryClient shortLived =
          time.clientBuilder().fetchExecutor(Runnable::run)
              .defaults(QuerySettings.builder().gcTime(Duration.ofMinutes(1)).build())
              .build();
      QueryKey<String> key = QueryKey.of("todos", 1);
      shortLived.setQueryData(key, "x");

      time.advance(Duration.ofMinutes(1).plusMillis(1));

      // Caffeine's timer wheel evicts up to ~1 s late; filters must not see the expired query.
      assertThat(shortLived.getQueryState(key)).isEmpty();
      assertThat(shortLived.getQueries(QueryFilter.exact(key))).isEmpty();
      assertThat(shortLived.getQueries(QueryFilter.prefix("todos"))).isEmpty();
      assertThat(shortLived.getQueries(QueryFilter.all())).isEmpty();
    }

    @Test
    void prefixFindsExactlyOneFamilyAmongManyQueries() {
      int families = 200;
      int perFamily = 100;
      for (int f = 0; f < families; f++) {
        for (int i = 0; i < perFamily; i++) {
          client.setQueryData(QueryKey.<Integer>of("plugin-" + f, "item", Map.of("id", i)), i);
        }
      }

      List<CachedQuery<?>> family = client.getQueries(QueryFilter.prefix("plugin-7"));

      assertThat(family).hasSize(perFamily);
      assertThat(family).allSatisfy(q -> assertThat(q.key().parts().get(0)).isEqualTo("plugin-7"));
      assertThat(family.stream().map(q -> q.state().data()).collect(Collectors.toSet()))
          .hasSize(perFamily);
      assertThat(client.getQueries(QueryFilter.all())).hasSize(families * perFamily);
      assertThat(client.getQueries(QueryFilter.prefix("plugin-7", "item", Map.of("id", 42))))
          .hasSize(1);
    }
  }

  @Nested
  @DisplayName("as plain data")
  class AsPlainData {
    @Test
    void aFilterReadsBackWhatItSelectsBy() {
      QueryKey<String> key = QueryKey.of("todos", 1);
      java.util.function.Predicate<CachedQuery<?>> withData = q -> q.state().data() != null;

      QueryFilter filter = QueryFilter.exact(key).active().stale(true).fetchStatus(FetchStatus.IDLE).where(withData);

      assertThat(filter.key()).isEqualTo(key);
      assertThat(filter.isExact()).isTrue();
      assertThat(filter.type()).isEqualTo(QueryFilter.Type.ACTIVE);
      assertThat(filter.stale()).isTrue();
      assertThat(filter.fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(filter.predicate()).isSameAs(withData);
    }

    @Test
    void theFilterOfAllQueriesSetsNothing() {
      QueryFilter all = QueryFilter.all();

      assertThat(all.key()).isNull();
      assertThat(all.isExact()).isFalse();
      assertThat(all.type()).isEqualTo(QueryFilter.Type.ALL);
      assertThat(all.stale()).isNull();
      assertThat(all.fetchStatus()).isNull();
      assertThat(all.predicate()).isNull();
    }

    @Test
    void aMutationFilterReadsBackWhatItSelectsBy() {
      QueryKey<Void> key = QueryKey.of("todos");
      java.util.function.Predicate<MutationState<?, ?, ?>> paused = MutationState::isPaused;

      MutationFilter filter = MutationFilter.key(key).pending().where(paused);

      assertThat(filter.mutationKey()).isEqualTo(key);
      assertThat(filter.status()).isEqualTo(MutationStatus.PENDING);
      assertThat(filter.predicate()).isSameAs(paused);
      assertThat(MutationFilter.all().mutationKey()).isNull();
      assertThat(MutationFilter.all().status()).isNull();
      assertThat(MutationFilter.all().predicate()).isNull();
    }
  }
}
