package dev.querycache;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What {@code onMutate} gets besides the variables: the snapshot the library took before
 * patching, and a way to patch more. Writes made through it become this run's optimistic
 * layers: they show at once, they are removed if the run fails (other runs' layers survive),
 * and they are folded into the data once the run settles successfully.
 *
 * <p>An optimistic mutation rarely needs the writing methods: its declared projections were
 * already applied when {@code onMutate} runs. They serve mutations that patch by hand (the
 * "raw" style of code ported from TanStack Query's {@code onMutate}), with the same ordering
 * and rollback guarantees. Valid only during {@code onMutate}, on its thread.
 *
 * @since 0.1.0
 */
public interface MutationScope {
  /**
   * The visible data of {@code key} before this run patched it: the snapshot for a key the
   * mutation declared, else the data as it is now.
   *
   * @param key the exact key
   * @param <T> the type of the data
   * @return the data, or empty if there was none
   */
  <T> Optional<T> snapshot(QueryKey<T> key);

  /**
   * Cancels the fetches in flight of the queries {@code filter} selects, as
   * {@link QueryClient#cancelQueries(QueryFilter)} does, so they cannot land over the patch
   * with older data.
   *
   * @param filter which queries
   */
  void cancelQueries(QueryFilter filter);

  /**
   * Patches {@code key} with {@code data} as a layer of this run. The layer replaces whatever
   * the data is, also when newer data lands under it; prefer
   * {@link #updateQueryData(QueryKey, UnaryOperator)}, whose patch is applied again to newer
   * data.
   *
   * @param key the exact key
   * @param data the data to show
   * @param <T> the type of the data
   */
  <T> void setQueryData(QueryKey<T> key, T data);

  /**
   * Patches {@code key} with {@code patch} as a layer of this run. The patch is applied to
   * the visible data now, and again to newer data that lands while the run is pending; it
   * is not applied to a query without data until data lands.
   *
   * @param key the exact key
   * @param patch a pure function of the data; returns the patched data, never null
   * @param <T> the type of the data
   */
  <T> void updateQueryData(QueryKey<T> key, UnaryOperator<T> patch);

  /**
   * The client, for reads and anything else (writes made on it directly are not layers).
   *
   * @return the client running this mutation
   */
  QueryClient client();

  /**
   * The visible data of {@code key} now, patches included.
   *
   * @param key the exact key
   * @param <T> the type of the data
   * @return the data, or empty
   */
  default <T> Optional<T> getQueryData(QueryKey<T> key) {
    return client().getQueryData(key);
  }

  /**
   * A convenience for {@code snapshot(key).orElse(null)}.
   *
   * @param key the exact key
   * @param <T> the type of the data
   * @return the snapshot, or null
   */
  default <T> @Nullable T snapshotOrNull(QueryKey<T> key) {
    return snapshot(key).orElse(null);
  }
}
