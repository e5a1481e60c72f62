package dev.querycache.test;

import dev.querycache.FetchStatus;
import dev.querycache.QueryKey;
import dev.querycache.QueryState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One visible change of a query, as a {@link TransitionRecorder} saw it: the query's new state,
 * a label naming what happened, and a description of the data.
 *
 * <p>The label compares the state with the one recorded before it:
 *
 * <table>
 *   <caption>Labels</caption>
 *   <tr><th>label</th><th>what happened</th></tr>
 *   <tr><td>{@code loading}</td><td>a fetch started, with no data to show</td></tr>
 *   <tr><td>{@code cached}</td><td>first recorded state, with data</td></tr>
 *   <tr><td>{@code empty}</td><td>first recorded state: no data, no fetch</td></tr>
 *   <tr><td>{@code fetched}</td><td>a fetch brought the first data</td></tr>
 *   <tr><td>{@code refetching}</td><td>a fetch started over data</td></tr>
 *   <tr><td>{@code refetched}</td><td>a fetch brought new data over earlier data (pending
 *       optimistic layers are applied again on top, or dropped if it confirms them)</td></tr>
 *   <tr><td>{@code updated}</td><td>data written by hand ({@code setQueryData} and the like)</td></tr>
 *   <tr><td>{@code optimistic}</td><td>a mutation patched the data (one more layer)</td></tr>
 *   <tr><td>{@code rolled back}</td><td>a layer was removed and the data went back</td></tr>
 *   <tr><td>{@code confirmed}</td><td>a layer was folded into the data, nothing visible changed</td></tr>
 *   <tr><td>{@code failed}</td><td>a fetch failed, after its retries</td></tr>
 *   <tr><td>{@code retrying}</td><td>an attempt failed; a retry waits for its backoff</td></tr>
 *   <tr><td>{@code paused}, {@code resumed}</td><td>a fetch waits for the network, and goes on</td></tr>
 *   <tr><td>{@code cancelled}</td><td>a fetch ended without landing (cancelled)</td></tr>
 *   <tr><td>{@code invalidated}</td><td>the data was marked stale, no fetch started</td></tr>
 *   <tr><td>{@code reset}</td><td>the data went away: the query was reset, or removed under an
 *       observer (which moves to a new, empty query)</td></tr>
 *   <tr><td>{@code removed}</td><td>the query left the cache (keys and filters being watched)</td></tr>
 *   <tr><td>{@code changed}</td><td>anything else</td></tr>
 * </table>
 *
 * @param key the query's key
 * @param label what happened, from the table above
 * @param state the query's state after the change ({@link QueryState#initial()} once removed)
 * @param description the data as the recorder's describe function put it; empty when there is
 *     no data
 * @param <T> the type of the data
 * @since 0.1.0
 */
public record Transition<T>(QueryKey<T> key, String label, QueryState<T> state, String description) {
  /**
   * Checks the fields.
   *
   * @param key the query's key
   * @param label what happened
   * @param state the state after the change
   * @param description the data, described
   * @throws NullPointerException if an argument is null
   */
  public Transition {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(label, "label == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(description, "description == null");
  }

  /**
   * The data after the change.
   *
   * @return the data, or {@code null} if there was none
   */
  public @Nullable T data() {
    return state.data();
  }

  /**
   * The label and, when there is data, its description: what
   * {@link TransitionLog#assertSequence(String...)} compares.
   *
   * @return such as {@code "optimistic: n1 read"} or {@code "loading"}
   */
  public String summary() {
    return state.data() == null ? label : label + ": " + description;
  }

  /**
   * The state's status, fetch status, layers and invalidation, for failure messages.
   *
   * @return such as {@code "SUCCESS, FETCHING, 1 layer"}
   */
  public String details() {
    StringBuilder out = new StringBuilder().append(state.status()).append(", ").append(state.fetchStatus());
    if (state.optimisticLayers() > 0) {
      out.append(", ").append(state.optimisticLayers()).append(state.optimisticLayers() == 1 ? " layer" : " layers");
    }
    if (state.isInvalidated()) {
      out.append(", invalidated");
    }
    if (state.error() != null && state.fetchStatus() == FetchStatus.IDLE) {
      out.append(", error ").append(state.error());
    }
    return out.toString();
  }

  /**
   * The summary and the details.
   *
   * @return such as {@code "optimistic: n1 read  (SUCCESS, IDLE, 1 layer)"}
   */
  @Override
  public String toString() {
    return summary() + "  (" + details() + ")";
  }
}
