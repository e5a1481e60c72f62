package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryStatus;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of default query functions (TanStack Query's default {@code queryFn}): set in
 * the client's defaults or for a key prefix with {@code setQueryDefaults}, a function serves
 * every query whose options give none, reading what to fetch from the key. Time is virtual.
 */
class DefaultQueryFunctionTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).build();
  private final List<QueryKey<?>> asked = new CopyOnWriteArrayList<>();
  private final List<QueryResult<Object>> results = new ArrayList<>();

  @AfterEach
  void close() {
    client.close();
  }

  /** A default that answers with the path of the key it was asked for. */
  private QuerySettings rest(String server) {
    return QuerySettings.builder().fetcher(context -> {
      asked.add(context.key());
      return server + context.key().parts().stream().map(String::valueOf).collect(Collectors.joining("/"));
    }).build();
  }

  private QueryResult<Object> last() {
    return results.get(results.size() - 1);
  }

  @Test
  void anObserverWhoseOptionsGiveNoFunctionFetchesWithThePrefixsDefault() {
    client.setQueryDefaults(QueryKey.of("api"), rest("a:"));

    client.observe(QueryOptions.builder(QueryKey.<Object>of("api", "users", 1)).build(), results::add);

    assertThat(last().data()).isEqualTo("a:api/users/1");
    assertThat(asked).containsExactly(QueryKey.of("api", "users", 1));
  }

  @Test
  void aKeyOutsideThePrefixIsNotServed() {
    client.setQueryDefaults(QueryKey.of("api"), rest("a:"));

    client.observe(QueryOptions.builder(QueryKey.<Object>of("local", "draft")).build(), results::add);

    assertThat(last().isPending()).isTrue();
    assertThat(last().isFetching()).isFalse();
    assertThat(asked).isEmpty();
  }

  @Test
  void theOptionsOwnFunctionWinsOverTheDefault() {
    client.setQueryDefaults(QueryKey.of("api"), rest("a:"));

    Object data = client.fetchQuery(
        QueryOptions.builder(QueryKey.<Object>of("api", "me")).fetcher(context -> "own").build()).join();

    assertThat(data).isEqualTo("own");
    assertThat(asked).isEmpty();
  }

  @Test
  void theClientsDefaultsServeEveryKey() {
    QueryClient withDefault = time.clientBuilder().fetchExecutor(Runnable::run).defaults(rest("c:")).build();
    try {
      Object data = withDefault.fetchQuery(QueryOptions.builder(QueryKey.<Object>of("anything")).build()).join();

      assertThat(data).isEqualTo("c:anything");
    } finally {
      withDefault.close();
    }
  }

  @Test
  void whereSeveralPrefixesApplyTheOneSetLastWins() {
    client.setQueryDefaults(QueryKey.of("api"), rest("a:"));
    client.setQueryDefaults(QueryKey.of("api", "users"), rest("u:"));

    Object data = client.fetchQuery(QueryOptions.builder(QueryKey.<Object>of("api", "users", 1)).build()).join();

    assertThat(data).isEqualTo("u:api/users/1");
  }

  @Test
  void aPrefixsOtherSettingsDoNotDropTheClientsDefaultFunction() {
    QueryClient withDefault = time.clientBuilder().fetchExecutor(Runnable::run).defaults(rest("c:")).build();
    try {
      withDefault.setQueryDefaults(QueryKey.of("api"), QuerySettings.builder().retry(0).build());

      Object data = withDefault.fetchQuery(QueryOptions.builder(QueryKey.<Object>of("api", 1)).build()).join();

      assertThat(data).isEqualTo("c:api/1");
    } finally {
      withDefault.close();
    }
  }

  @Test
  void anAsynchronousDefaultServesToo() {
    ControllableQuery<Object> server = new ControllableQuery<>();
    client.setQueryDefaults(QueryKey.of("api"), QuerySettings.builder().asyncFetcher(server::fetch).build());

    CompletableFuture<Object> fetched = client.fetchQuery(QueryOptions.builder(QueryKey.<Object>of("api", 2)).build());
    server.resolve("two");

    assertThat(fetched).isCompletedWithValue("two");
  }

  @Test
  void aQueryWrittenByHandIsRefetchedWithTheDefault() {
    client.setQueryDefaults(QueryKey.of("api"), rest("a:"));
    client.setQueryData(QueryKey.<Object>of("api", "cfg"), "written");

    client.refetchQueries(QueryFilter.all()).join();

    assertThat(client.getQueryData(QueryKey.<Object>of("api", "cfg"))).contains("a:api/cfg");
  }

  @Test
  void whatTheDefaultReturnsIsCheckedAgainstTheKeysDeclaredType() {
    client.setQueryDefaults(QueryKey.of("api"), rest("a:")); // answers a String
    QueryKey<Integer> count = QueryKey.<Integer>of("api", "count").withDataType(Integer.class);

    CompletableFuture<Integer> fetched = client.fetchQuery(QueryOptions.builder(count).build());

    assertThat(fetched).isCompletedExceptionally();
    assertThat(client.getQueryState(count).orElseThrow().status()).isEqualTo(QueryStatus.ERROR);
    assertThat(client.getQueryState(count).orElseThrow().error())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("java.lang.Integer");
  }

  @Test
  void withoutAnyFunctionAFetchFailsNamingBothWaysToGiveOne() {
    CompletableFuture<Object> fetched = client.fetchQuery(QueryOptions.builder(QueryKey.<Object>of("nothing")).build());

    assertThat(fetched).failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOf(IllegalStateException.class)
        .withMessageContaining("fetcher")
        .withMessageContaining("setQueryDefaults");
  }

  @Test
  void theDefaultIsPartOfTheMergedDefaultsOfAKey() {
    QuerySettings settings = rest("a:");
    client.setQueryDefaults(QueryKey.of("api"), settings);

    assertThat(client.getQueryDefaults(QueryKey.of("api", 1)).fetcher()).isSameAs(settings.fetcher());
    assertThat(client.getQueryDefaults(QueryKey.of("other")).fetcher()).isNull();
  }

  @Test
  void settingAnAsynchronousDefaultReplacesABlockingOne() {
    QuerySettings settings = QuerySettings.builder()
        .fetcher(context -> "blocking")
        .asyncFetcher(context -> CompletableFuture.completedFuture("async"))
        .build();

    assertThat(settings.fetcher()).isNull();
    assertThat(settings.asyncFetcher()).isNotNull();
  }
}
