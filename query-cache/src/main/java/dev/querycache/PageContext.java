package dev.querycache;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a page function of an infinite query gets for one page: which query, which page
 * (its parameter), which way the query grows, the fetch's cancellation signal and the
 * options' meta.
 *
 * @param key the infinite query's key
 * @param pageParam the parameter of the page to fetch
 * @param direction {@link PageDirection#FORWARD} for a next page,
 *     {@link PageDirection#BACKWARD} for a previous one, null for a page of a fetch from the
 *     first page (the first load, or a refetch of every page in order)
 * @param signal the fetch's cancellation signal
 * @param meta the options' meta, as in {@link QueryContext#meta()}
 * @param <Q> the type of a page parameter
 * @since 0.1.0
 */
public record PageContext<Q>(
    QueryKey<?> key, Q pageParam, @Nullable PageDirection direction, CancellationSignal signal, Map<String, Object> meta) {
  /**
   * Checks the components.
   *
   * @param key see {@link #key()}
   * @param pageParam see {@link #pageParam()}
   * @param direction see {@link #direction()}
   * @param signal see {@link #signal()}
   * @param meta see {@link #meta()}
   * @throws NullPointerException if a component other than {@code direction} is null
   */
  public PageContext {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(pageParam, "pageParam == null");
    Objects.requireNonNull(signal, "signal == null");
    meta = Map.copyOf(meta);
  }
}
