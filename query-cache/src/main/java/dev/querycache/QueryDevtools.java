package dev.querycache;

import dev.querycache.internal.query.Query;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What devtools do to a client to show a screen's other faces without a server that
 * misbehaves: hold a query in loading, put it in error, take the client offline, empty the
 * cache. {@code CacheInspector}'s buttons call these; so can a debug menu.
 *
 * <p>A simulation forces the query's state as it is ({@link QueryEvent.Kind#SIMULATED} in the
 * event stream); observers see it as any transition. It lasts until {@link #restore} puts back
 * the state from before it, or until a real transition (a fetch starting or landing, a write,
 * a layer) replaces it, after which {@code restore} leaves the query alone. Each instance
 * remembers what it simulated itself. Meant to be called from one thread, the UI thread;
 * calls return once the state is in place, observers being told on the notify executor.
 *
 * @since 0.1.0
 */
public final class QueryDevtools {
  /** What a simulation replaced, and what it showed. */
  private record Simulation(QueryState<?> before, QueryState<?> shown) {}

  private final QueryClient client;
  private final Map<QueryKey<?>, Simulation> simulations = new ConcurrentHashMap<>();

  private QueryDevtools(QueryClient client) {
    this.client = client;
  }

  /**
   * Devtools for {@code client}.
   *
   * @param client the client to act on
   * @return new devtools, remembering no simulation yet
   * @throws NullPointerException if {@code client} is null
   */
  public static QueryDevtools of(QueryClient client) {
    return new QueryDevtools(Objects.requireNonNull(client, "client == null"));
  }

  /**
   * Shows the query under {@code key} as loading: pending, fetching, without data or error,
   * as on its first fetch; no fetch actually runs.
   *
   * @param key the exact key of a cached query
   * @return whether the query is cached (else nothing happens)
   * @throws NullPointerException if {@code key} is null
   */
  public boolean simulateLoading(QueryKey<?> key) {
    Objects.requireNonNull(key, "key == null");
    return simulate(key, s -> new QueryState<>(
        null, s.dataUpdatedAt(), s.dataUpdateCount(), null, s.errorUpdatedAt(), s.errorUpdateCount(),
        0, null, QueryStatus.PENDING, FetchStatus.FETCHING, s.isInvalidated(), s.optimisticLayers()));
  }

  /**
   * Shows the query under {@code key} as failed with {@code error}, as if its fetch had just
   * failed for good: status error, fetch idle, its data kept.
   *
   * @param key the exact key of a cached query
   * @param error the error to show
   * @return whether the query is cached (else nothing happens)
   * @throws NullPointerException if an argument is null
   */
  public boolean simulateError(QueryKey<?> key, Throwable error) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(error, "error == null");
    long now = client.ticker().read();
    return simulate(key, s -> new QueryState<>(
        s.data(), s.dataUpdatedAt(), s.dataUpdateCount(), error, now, s.errorUpdateCount() + 1,
        s.fetchFailureCount(), s.fetchFailureReason(), QueryStatus.ERROR, FetchStatus.IDLE, s.isInvalidated(),
        s.optimisticLayers()));
  }

  /**
   * Ends the simulation on {@code key}: the state from before it comes back, unless a real
   * transition replaced the simulated state meanwhile (then the query is left as it is).
   *
   * @param key the exact key
   * @return whether a state was put back
   * @throws NullPointerException if {@code key} is null
   */
  public boolean restore(QueryKey<?> key) {
    Objects.requireNonNull(key, "key == null");
    Simulation simulation = simulations.remove(key);
    Query<?> query = client.engine.queries.cache.get(key);
    if (simulation == null || query == null || query.state() != simulation.shown()) {
      return false;
    }
    force(query, simulation.before());
    return true;
  }

  /**
   * Whether the query under {@code key} shows a simulation of these devtools now.
   *
   * @param key the exact key
   * @return true while the simulated state is the query's state
   * @throws NullPointerException if {@code key} is null
   */
  public boolean isSimulating(QueryKey<?> key) {
    Objects.requireNonNull(key, "key == null");
    Simulation simulation = simulations.get(key);
    Query<?> query = client.engine.queries.cache.get(key);
    return simulation != null && query != null && query.state() == simulation.shown();
  }

  /**
   * Takes the client offline, or back online, as {@link QueryClient#onlineChanged} does: fetches
   * and mutations pause while offline and go on when back. The application's own network
   * detection may change it again.
   *
   * @param offline true to go offline, false to come back
   */
  public void setOffline(boolean offline) {
    client.onlineChanged(!offline);
  }

  /**
   * Removes every query from the cache, as {@code removeQueries(QueryFilter.all())} does;
   * observed queries start afresh with their next fetch. Simulations are forgotten.
   */
  public void clearCache() {
    simulations.clear();
    client.removeQueries(QueryFilter.all());
  }

  private boolean simulate(QueryKey<?> key, java.util.function.UnaryOperator<QueryState<?>> shown) {
    Query<?> query = client.engine.queries.cache.get(key);
    if (query == null) {
      return false;
    }
    QueryState<?> before = query.state();
    Simulation running = simulations.get(key);
    if (running != null && running.shown() == before) {
      before = running.before(); // a simulation over a simulation: restore goes to the real state
    }
    QueryState<?> next = shown.apply(before);
    simulations.put(key, new Simulation(before, next));
    force(query, next);
    return true;
  }

  @SuppressWarnings("unchecked") // the state was made from this query's own state
  private static <T> void force(Query<T> query, QueryState<?> state) {
    query.force((QueryState<T>) state);
  }
}
