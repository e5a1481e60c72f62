package dev.querycache;

import dev.querycache.internal.query.ObserverCore;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A live view of one query, delivering a {@link QueryResult} to its listener whenever the
 * query changes: the way a screen watches server data. Made by
 * {@link QueryClient#observe(QueryOptions, Consumer)}; {@link #close()} ends it.
 *
 * <p>While open, an observer keeps its query in the cache (it is never garbage-collected),
 * and, when {@linkplain QuerySettings.AbstractBuilder#enabled(boolean) enabled}, fetches on
 * its own: when it opens and the data is missing or stale (per
 * {@link QuerySettings.AbstractBuilder#refetchOnMount(Refetch) refetchOnMount}), when the
 * window regains focus and when the network comes back.
 *
 * <p>The listener runs on the client's notify executor, never under a lock of the library.
 * It is called once soon after opening with the current result, then once per change, or
 * once per burst of changes with the latest result (see {@link QueryClient#batch(Runnable)}).
 * Calls to one listener never overlap. The listener may call back into the engine.
 *
 * <p><b>A listener that throws.</b> Whatever it throws is isolated: unchecked exceptions,
 * checked ones (from Kotlin or {@code @SneakyThrows} code), errors, and virtual-machine errors
 * such as {@link StackOverflowError} and {@link OutOfMemoryError}. It is logged on the
 * {@code dev.querycache.Callbacks} logger (a virtual-machine error at {@code ERROR}); it never
 * reaches the thread that made the change; every other listener of the batch still gets its
 * call; and the thrower keeps receiving results. The library rethrows nothing afterwards: the
 * thread a listener runs on did not cause its failure, and serving every other screen the
 * transition (a rolled-back patch, say) matters more than where the error surfaces. Every
 * callback of the library (toasters, cancellation callbacks, mutation callbacks and hooks)
 * follows this rule.
 *
 * <p>Thread-safe: any method may be called from any thread.
 *
 * <p><b>Select.</b> An observer made with a select function
 * ({@link QueryClient#observe(QueryOptions, Function, Consumer)}) shows the function's
 * projection of the data (a count, one row, a sorted view) instead of the data: its results,
 * its {@link #result()} and its {@link #refetch()} are of the projection's type {@code T},
 * while the cache holds the query's data as fetched.
 *
 * @param <T> the type of the data shown: the query's data, or the select function's projection
 * @since 0.1.0
 */
public final class QueryObserver<T> implements AutoCloseable {
  /** Shows data of type T: its own query's, or its select function's projection. */
  private final ObserverCore<?> core;

  QueryObserver(ObserverCore<?> core) {
    this.core = core;
  }

  /**
   * The result as of now, computed on the calling thread.
   *
   * @return the current result; pending with no data if the observer is closed and its
   *     query gone
   */
  @SuppressWarnings("unchecked") // the core shows data of type T (see the field)
  public QueryResult<T> result() {
    return (QueryResult<T>) core.result();
  }

  /**
   * The key observed now.
   *
   * @return the key; its data type is {@code T} unless the observer selects
   */
  public QueryKey<?> key() {
    return core.key();
  }

  /**
   * Fetches now, even if the data is fresh or the observer disabled. A fetch in flight for a
   * query that has data is replaced by a new one (its waiters get the new result).
   *
   * @return a future of the fetched data (projected by the select function, if the observer
   *     has one); it fails with the fetch's error, with what the select function threw, or
   *     with a {@link java.util.concurrent.CancellationException} if the fetch is cancelled
   * @throws IllegalStateException if the observer or its client is closed
   */
  @SuppressWarnings("unchecked") // the core shows data of type T (see the field)
  public CompletableFuture<T> refetch() {
    return (CompletableFuture<T>) core.refetch();
  }

  /**
   * Switches to other options: a new key (a new page, a new filter), another function or
   * other settings. Moving to another key leaves the old query (which starts its gc
   * countdown if nobody else observes it) and follows the new one, fetching it by the
   * refetch-on-mount rule; the listener gets the new query's result. An observer that
   * selected stops selecting: it shows {@code next}'s data itself.
   *
   * @param next the new options; their data type is the observer's
   * @throws NullPointerException if {@code next} is null
   * @throws IllegalStateException if the observer or its client is closed
   */
  public void setOptions(QueryOptions<T> next) {
    core.setOptions(next, null);
  }

  /**
   * Switches to other options and shows {@code select}'s projection of their data, as
   * {@link #setOptions(QueryOptions)} does otherwise. Passing the same function object as
   * before keeps its memo (it runs again only for new data); another function runs at once,
   * and its first projection is structurally shared with the last one shown.
   *
   * <p>A placeholder function of {@code next} receives the data the observer last saw, which
   * may be of the previous key: keep the query's data type when the options give one.
   *
   * @param next the new options
   * @param select the projection to show; see
   *     {@link QueryClient#observe(QueryOptions, Function, Consumer)}
   * @param <S> the type of the query's data
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the observer or its client is closed
   */
  public <S> void setOptions(QueryOptions<S> next, Function<? super S, ? extends T> select) {
    Objects.requireNonNull(next, "next == null");
    Objects.requireNonNull(select, "select == null");
    core.setOptions(next, select);
  }

  /**
   * Stops observing: no further callbacks start after this returns (one already running may
   * finish), and the query starts its gc countdown if nobody else observes it. When it was
   * the query's last observer and a fetch is in flight whose function uses its cancellation
   * signal, that fetch is cancelled (nobody is left to show it). Idempotent.
   */
  @Override
  public void close() {
    core.close();
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return core.isClosed();
  }

  @Override
  public String toString() {
    return core.toString();
  }
}
