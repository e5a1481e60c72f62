package dev.querycache;

/**
 * What a query function gets: the key it fetches and the signal that says it was cancelled.
 *
 * @param key the key being fetched, typed by its data
 * @param signal cancellation of this fetch
 * @param <T> the type of the data
 */
public record QueryContext<T>(QueryKey<T> key, CancellationSignal signal) {
  /**
   * Checks the components.
   *
   * @param key see {@link #key()}
   * @param signal see {@link #signal()}
   * @throws NullPointerException if an argument is null
   */
  public QueryContext {
    java.util.Objects.requireNonNull(key, "key == null");
    java.util.Objects.requireNonNull(signal, "signal == null");
  }
}
