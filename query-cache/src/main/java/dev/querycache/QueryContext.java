package dev.querycache;

import java.util.Map;

/**
 * What a query function gets: the key it fetches, the signal that says it was cancelled, and
 * the meta data of the options that started the fetch.
 *
 * @param key the key being fetched, typed by its data
 * @param signal cancellation of this fetch
 * @param meta the options' {@linkplain QueryOptions#meta() meta data} (empty if none)
 * @param <T> the type of the data
 * @since 0.1.0
 */
public record QueryContext<T>(QueryKey<T> key, CancellationSignal signal, Map<String, Object> meta) {
  /**
   * Checks the components.
   *
   * @param key see {@link #key()}
   * @param signal see {@link #signal()}
   * @param meta see {@link #meta()}; copied
   * @throws NullPointerException if an argument is null, or {@code meta} holds a null
   */
  public QueryContext {
    java.util.Objects.requireNonNull(key, "key == null");
    java.util.Objects.requireNonNull(signal, "signal == null");
    meta = Map.copyOf(meta);
  }

  /**
   * A context without meta data.
   *
   * @param key see {@link #key()}
   * @param signal see {@link #signal()}
   * @throws NullPointerException if an argument is null
   */
  public QueryContext(QueryKey<T> key, CancellationSignal signal) {
    this(key, signal, Map.of());
  }
}
