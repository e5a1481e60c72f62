package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.FetchStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryDevtools;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link QueryDevtools}: simulated loading and error that observers see,
 * restored to the state from before unless a real transition came first; offline; clearing
 * the cache.
 */
class QueryDevtoolsTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().build();
  private final QueryDevtools devtools = QueryDevtools.of(client);
  private final QueryKey<String> key = QueryKey.of("todos", 1);
  private final ControllableQuery<String> server = new ControllableQuery<>();
  private final QueryOptions<String> todo = QueryOptions.builder(key).asyncFetcher(server).build();

  @AfterEach
  void close() {
    client.close();
  }

  private QueryState<String> state() {
    return client.getQueryState(key).orElseThrow();
  }

  @Test
  void simulatedLoadingShowsTheQueryPendingAndFetchingWithoutData() {
    client.setQueryData(key, "write specs");
    List<QueryResult<String>> seen = new CopyOnWriteArrayList<>();
    client.observe(todo, seen::add);
    server.resolve("write specs");

    assertThat(devtools.simulateLoading(key)).isTrue();

    assertThat(state().status()).isEqualTo(QueryStatus.PENDING);
    assertThat(state().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
    assertThat(state().data()).isNull();
    assertThat(seen.get(seen.size() - 1).isLoading()).isTrue();
    assertThat(server.pendingCalls()).as("no fetch actually runs").isEmpty();
  }

  @Test
  void simulatedErrorShowsTheErrorAndKeepsTheData() {
    client.setQueryData(key, "write specs");
    IOException down = new IOException("down");

    devtools.simulateError(key, down);

    assertThat(state().status()).isEqualTo(QueryStatus.ERROR);
    assertThat(state().error()).isSameAs(down);
    assertThat(state().errorUpdatedAt()).isEqualTo(time.read());
    assertThat(state().data()).isEqualTo("write specs");
  }

  @Test
  void restorePutsBackTheStateFromBeforeTheSimulation() {
    client.setQueryData(key, "write specs");
    QueryState<String> before = state();
    devtools.simulateLoading(key);

    assertThat(devtools.restore(key)).isTrue();

    assertThat(state()).isSameAs(before);
    assertThat(devtools.isSimulating(key)).isFalse();
  }

  @Test
  void aSimulationOverASimulationRestoresTheRealState() {
    client.setQueryData(key, "write specs");
    QueryState<String> before = state();
    devtools.simulateLoading(key);
    devtools.simulateError(key, new IOException("down"));

    devtools.restore(key);

    assertThat(state()).isSameAs(before);
  }

  @Test
  void aRealTransitionEndsTheSimulationAndRestoreThenLeavesTheQueryAlone() {
    client.setQueryData(key, "write specs");
    devtools.simulateLoading(key);

    client.setQueryData(key, "write more specs");

    assertThat(devtools.isSimulating(key)).isFalse();
    assertThat(devtools.restore(key)).isFalse();
    assertThat(state().data()).isEqualTo("write more specs");
  }

  @Test
  void aQueryThatIsNotCachedCannotBeSimulated() {
    assertThat(devtools.simulateLoading(key)).isFalse();
    assertThat(devtools.simulateError(key, new IOException("down"))).isFalse();
    assertThat(client.getQueryState(key)).isEmpty();
  }

  @Test
  void simulationsAndRestoresAreSimulatedEvents() {
    client.setQueryData(key, "write specs");
    List<QueryEvent.Kind> kinds = new CopyOnWriteArrayList<>();
    client.onQueryEvent(event -> kinds.add(event.kind()));

    devtools.simulateError(key, new IOException("down"));
    devtools.restore(key);

    assertThat(kinds).containsExactly(QueryEvent.Kind.SIMULATED, QueryEvent.Kind.SIMULATED);
  }

  @Test
  void offlineTakesTheClientOfflineAndBack() {
    devtools.setOffline(true);
    assertThat(client.isOnline()).isFalse();

    devtools.setOffline(false);
    assertThat(client.isOnline()).isTrue();
  }

  @Test
  void clearingTheCacheRemovesEveryQuery() {
    client.setQueryData(key, "write specs");
    client.setQueryData(QueryKey.of("mail", "inbox"), "3 unread");

    devtools.clearCache();

    assertThat(client.getQueries(QueryFilter.all())).isEmpty();
  }

  @Test
  void missingArgumentsAreNamed() {
    assertThatThrownBy(() -> QueryDevtools.of(null)).hasMessage("client == null");
    assertThatThrownBy(() -> devtools.simulateLoading(null)).hasMessage("key == null");
    assertThatThrownBy(() -> devtools.simulateError(key, null)).hasMessage("error == null");
  }
}
