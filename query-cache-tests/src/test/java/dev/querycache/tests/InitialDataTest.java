package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.FetchStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of initial data ({@code initialData}, {@code initialDataUpdatedAt}), as
 * TanStack Query's: the data a query starts with when the options create it, cached like
 * fetched data, with a success status, as fresh as its time and the stale time say; a query
 * that exists keeps its data; a reset goes back to it. Time is virtual.
 */
class InitialDataTest {
  record Todo(int id, String title) {}

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<Todo> server = new ControllableQuery<>();
  private final QueryKey<Todo> todo = QueryKey.of("todos", "detail", 7);
  private final Todo seed = new Todo(7, "from the list");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryOptions.Builder<Todo> options() {
    return QueryOptions.builder(todo).asyncFetcher(server);
  }

  private List<QueryResult<Todo>> observe(QueryOptions<Todo> options) {
    List<QueryResult<Todo>> results = new ArrayList<>();
    client.observe(options, results::add);
    return results;
  }

  @Test
  void theFirstResultShowsTheInitialDataWithASuccessStatus() {
    List<QueryResult<Todo>> results = observe(options().initialData(seed).build());

    assertThat(results.get(0).data()).isEqualTo(seed);
    assertThat(results.get(0).status()).isEqualTo(QueryStatus.SUCCESS);
  }

  @Test
  void withTheDefaultStaleTimeTheInitialDataIsRefetchedAtOnceAndShownMeanwhile() {
    List<QueryResult<Todo>> results = observe(options().initialData(seed).build());

    assertThat(server.callCount()).isEqualTo(1);
    assertThat(results.get(results.size() - 1).data()).isEqualTo(seed);
    assertThat(results.get(results.size() - 1).fetchStatus()).isEqualTo(FetchStatus.FETCHING);
  }

  @Test
  void initialDataWithinTheStaleTimeIsNotRefetched() {
    observe(options().initialData(seed).staleTime(Duration.ofMinutes(1)).build());

    assertThat(server.callCount()).isZero();
  }

  @Test
  void initialDataOlderThanTheStaleTimeIsRefetched() {
    time.advance(Duration.ofMinutes(10));
    long fiveMinutesAgo = time.read() - Duration.ofMinutes(5).toNanos();

    observe(options().initialData(seed).initialDataUpdatedAt(fiveMinutesAgo).staleTime(Duration.ofMinutes(1)).build());

    assertThat(server.callCount()).isEqualTo(1);
    assertThat(client.getQueryState(todo).orElseThrow().dataUpdatedAt()).isEqualTo(fiveMinutesAgo);
  }

  @Test
  void theInitialDataIsCachedLikeFetchedData() {
    observe(options().initialData(seed).staleTime(Duration.ofMinutes(1)).build());

    assertThat(client.getQueryData(todo)).contains(seed);
    assertThat(client.getQueryState(todo).orElseThrow().dataUpdateCount()).as("not fetched").isZero();
  }

  @Test
  void aQueryThatExistsKeepsItsDataAndTheSupplierDoesNotRun() {
    client.setQueryData(todo, new Todo(7, "cached"));
    AtomicInteger calls = new AtomicInteger();

    observe(options().initialData(() -> {
      calls.incrementAndGet();
      return seed;
    }).staleTime(Duration.ofMinutes(1)).build());

    assertThat(client.getQueryData(todo)).contains(new Todo(7, "cached"));
    assertThat(calls).hasValue(0);
  }

  @Test
  void theSupplierRunsOnceWhenTheQueryIsCreated() {
    AtomicInteger calls = new AtomicInteger();
    QueryOptions<Todo> options = options().initialData(() -> {
      calls.incrementAndGet();
      return seed;
    }).staleTime(Duration.ofMinutes(1)).build();

    observe(options);
    observe(options);
    client.fetchQuery(options);

    assertThat(calls).hasValue(1);
  }

  @Test
  void aSupplierGivingNullMeansNoInitialData() {
    List<QueryResult<Todo>> results = observe(options().initialData(() -> null).build());

    assertThat(results.get(results.size() - 1).isPending()).isTrue();
    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void aResetGoesBackToTheInitialData() {
    observe(options().initialData(seed).build());
    server.resolve(new Todo(7, "from the server"));

    client.resetQueries(QueryFilter.exact(todo));

    assertThat(client.getQueryData(todo)).contains(seed);
  }

  @Test
  void ensureQueryDataGivesFreshInitialDataWithoutFetching() {
    QueryOptions<Todo> options = options().initialData(seed).staleTime(Duration.ofMinutes(1)).build();

    assertThat(client.ensureQueryData(options)).isCompletedWithValue(seed);
    assertThat(server.callCount()).isZero();
  }

  @Test
  void aSupplierThatThrowsFailsTheCallAndCreatesNoQuery() {
    QueryOptions<Todo> options = options().initialData(() -> {
      throw new IllegalStateException("the list is not loaded");
    }).build();

    assertThatThrownBy(() -> client.observe(options, result -> {})).hasMessage("the list is not loaded");
    assertThat(client.getQueryState(todo)).isEmpty();
  }

  @Test
  void initialDataOfTheWrongTypeIsRefused() {
    QueryKey<Todo> typed = QueryKey.of("todos", "typed").withDataType(Todo.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    QueryOptions<Todo> options = QueryOptions.builder(typed).asyncFetcher(server)
        .initialData((java.util.function.Supplier) () -> "not a todo").build();

    assertThatThrownBy(() -> client.observe(options, result -> {})).isInstanceOf(IllegalArgumentException.class);
    assertThat(client.getQueryState(typed)).isEmpty();
  }

  @Test
  void theDetailSeededFromTheListTakesTheListsTime() {
    QueryKey<List<Todo>> list = QueryKey.of("todos", "list");
    client.setQueryData(list, List.of(seed));
    long listUpdatedAt = client.getQueryState(list).orElseThrow().dataUpdatedAt();
    time.advance(Duration.ofSeconds(30));

    observe(options()
        .initialData(() -> client.getQueryData(list).flatMap(todos -> todos.stream().filter(t -> t.id() == 7).findFirst()).orElse(null))
        .initialDataUpdatedAt(() -> client.getQueryState(list).map(QueryState::dataUpdatedAt).orElse(0L))
        .staleTime(Duration.ofMinutes(1))
        .build());

    assertThat(client.getQueryData(todo)).contains(seed);
    assertThat(client.getQueryState(todo).orElseThrow().dataUpdatedAt()).isEqualTo(listUpdatedAt);
    assertThat(server.callCount()).as("30 s old, fresh for a minute").isZero();
  }
}
