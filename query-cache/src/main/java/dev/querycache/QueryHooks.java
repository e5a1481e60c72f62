package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * Client-level query callbacks, once per fetch of any query (TanStack Query's query cache
 * {@code onSuccess}, {@code onError} and {@code onSettled}): one place for concerns that cut
 * across every query, such as an error toast for a background refetch that failed while the
 * screen still shows data, logging or metrics. Register with
 * {@link QueryClientBuilder#queryHooks}.
 *
 * <p>They run once per fetch that ends, whatever the number of observers, on the client's
 * notify executor, after the query's state changed (the {@link CachedQuery} shows it), outside
 * every lock. A cancelled fetch ends silently: no hook runs. Data written by hand is not a
 * fetch. What a hook throws is logged and changes nothing. Several hooks run in the order
 * added.
 *
 * <p>Every method has an empty default, so an implementation overrides only what it needs.
 *
 * <pre>{@code
 * QueryClient client = SwingQueries.clientBuilder()
 *     .queryHooks(new QueryHooks() {
 *       public void onError(Throwable error, CachedQuery<?> query) {
 *         if (query.state().data() != null) {               // a refetch behind shown data
 *           toaster.error("Could not refresh " + query.key(), error);
 *         }
 *       }
 *     })
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public interface QueryHooks {
  /**
   * A fetch landed its data.
   *
   * @param data the data the fetch brought
   * @param query the query as it is now
   * @throws Exception logged and ignored
   */
  default void onSuccess(Object data, CachedQuery<?> query) throws Exception {}

  /**
   * A fetch failed, after its retries.
   *
   * @param error the last attempt's error
   * @param query the query as it is now, in error
   * @throws Exception logged and ignored
   */
  default void onError(Throwable error, CachedQuery<?> query) throws Exception {}

  /**
   * A fetch ended, either way (after {@link #onSuccess} or {@link #onError}).
   *
   * @param data the data, or null after a failure
   * @param error the failure, or null after a success
   * @param query the query as it is now
   * @throws Exception logged and ignored
   */
  default void onSettled(@Nullable Object data, @Nullable Throwable error, CachedQuery<?> query) throws Exception {}
}
