package dev.querycache;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

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
 * @param <T> the type of the data
 */
public final class QueryObserver<T> implements AutoCloseable {
  private final Engine engine;
  private final Consumer<? super QueryResult<T>> listener;
  private final Notifier.Channel channel = new Notifier.Channel(this::deliver, "a query listener");
  private volatile ResolvedOptions<T> options;
  private volatile QueryKey<T> key;
  private volatile @Nullable Query<T> query;
  private volatile boolean closed;

  // Touched only by deliveries, which the channel serialises.
  private @Nullable QueryState<T> lastState;
  private boolean lastStale;
  private @Nullable Future<?> staleTimer;

  QueryObserver(Engine engine, QueryOptions<T> options, Consumer<? super QueryResult<T>> listener) {
    this.engine = engine;
    this.listener = listener;
    this.key = options.key();
    this.options = engine.resolve(options.key(), options);
  }

  /** Attaches to the query for the current key and fetches if the rules say so. */
  void open() {
    engine.notifier.batch(
        () -> {
          attach();
          engine.notifier.schedule(channel);
          Query<T> attached = query;
          if (attached != null && shouldFetch(options.refetchOnMount, attached)) {
            engine.fetch(key, options, false);
          }
        });
  }

  private void attach() {
    ResolvedOptions<T> opts = options;
    query =
        engine.cache.compute(
            key,
            opts,
            q -> {
              q.setOptions(opts);
              q.addObserver(this);
              return q;
            });
  }

  private void detach() {
    Query<T> attached = query;
    if (attached != null) {
      engine.cache.compute(attached.key, null, q -> q == attached && q.removeObserver(this));
      if (attached.observerCount() == 0 && attached.hasFetch()) {
        engine.cache.cancelIfAbandoned(attached);
      }
    }
  }

  /**
   * The result as of now, computed on the calling thread.
   *
   * @return the current result; pending with no data if the observer is closed and its
   *     query gone
   */
  public QueryResult<T> result() {
    Query<T> attached = query;
    QueryState<T> state = attached == null ? QueryState.initial() : attached.state();
    return new QueryResult<>(key, state, isStale(state, engine.now()));
  }

  /**
   * The key observed now.
   *
   * @return the key
   */
  public QueryKey<T> key() {
    return key;
  }

  /**
   * Fetches now, even if the data is fresh or the observer disabled. A fetch in flight for a
   * query that has data is replaced by a new one (its waiters get the new result).
   *
   * @return a future of the fetched data; it fails with the fetch's error, or with a
   *     {@link java.util.concurrent.CancellationException} if the fetch is cancelled
   * @throws IllegalStateException if the observer or its client is closed
   */
  public CompletableFuture<T> refetch() {
    if (closed) {
      throw new IllegalStateException("the observer of " + key + " is closed");
    }
    engine.checkOpen();
    return engine.notifier.batch(() -> engine.fetch(key, options, true));
  }

  /**
   * Switches to other options: a new key (a new page, a new filter), another function or
   * other settings. Moving to another key leaves the old query (which starts its gc
   * countdown if nobody else observes it) and follows the new one, fetching it by the
   * refetch-on-mount rule; the listener gets the new query's result.
   *
   * @param next the new options; their data type is the observer's
   * @throws NullPointerException if {@code next} is null
   * @throws IllegalStateException if the observer or its client is closed
   */
  public void setOptions(QueryOptions<T> next) {
    Objects.requireNonNull(next, "next == null");
    if (closed) {
      throw new IllegalStateException("the observer of " + key + " is closed");
    }
    engine.checkOpen();
    engine.notifier.batch(
        () -> {
          boolean sameKey = next.key().equals(key);
          options = engine.resolve(next.key(), next);
          if (sameKey) {
            Query<T> attached = query;
            if (attached != null) {
              attached.setOptions(options);
            }
            engine.notifier.schedule(channel);
            return;
          }
          detach();
          key = next.key();
          open();
        });
  }

  /**
   * Stops observing: no further callbacks start after this returns (one already running may
   * finish), and the query starts its gc countdown if nobody else observes it. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    engine.notifier.batch(this::detach);
    Future<?> timer = staleTimer;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return closed;
  }

  boolean isEnabled() {
    return !closed && options.enabled;
  }

  Notifier.Channel channel() {
    return channel;
  }

  /** The query was removed from the cache: follow its successor for the same key. */
  void reattach() {
    if (!closed) {
      engine.notifier.batch(
          () -> {
            attach();
            engine.notifier.schedule(channel);
          });
    }
  }

  /** Applies a refetch rule ({@code ON_FOCUS}, {@code ON_RECONNECT}) of this observer. */
  void refetchOn(boolean focus) {
    Query<T> attached = query;
    ResolvedOptions<T> opts = options;
    if (!closed && attached != null
        && shouldFetch(focus ? opts.refetchOnWindowFocus : opts.refetchOnReconnect, attached)) {
      engine.fetch(key, opts, false);
    }
  }

  private boolean shouldFetch(Refetch rule, Query<T> attached) {
    ResolvedOptions<T> opts = options;
    if (closed || !opts.enabled || !opts.canFetch()) {
      return false;
    }
    QueryState<T> state = attached.state();
    if (state.data() == null && state.status() != QueryStatus.ERROR) {
      return true; // nothing to show yet: an enabled observer always loads
    }
    switch (rule) {
      case ALWAYS:
        return true;
      case IF_STALE:
        return isStale(state, engine.now());
      default:
        return false;
    }
  }

  private boolean isStale(QueryState<T> state, long now) {
    return options.isStale(state, now);
  }

  private void deliver() {
    Query<T> attached = query;
    if (closed || attached == null) {
      return;
    }
    QueryState<T> state = attached.state();
    // The clock matters only under a finite, positive stale time. At zero, data is stale as
    // soon as it is written; at FOREVER, never by time: the data's own timestamp gives the
    // same answers as the clock, and a delivery saves reading it.
    long staleNanos = options.staleNanos;
    long now = staleNanos == 0 || staleNanos == Long.MAX_VALUE ? state.dataUpdatedAt() : engine.now();
    boolean stale = isStale(state, now);
    if (state == lastState && stale == lastStale) {
      return;
    }
    lastState = state;
    lastStale = stale;
    scheduleStaleness(state, stale, now);
    listener.accept(new QueryResult<>(attached.key, state, stale));
  }

  /** Fresh data turns stale with time alone: wake up then, to tell the listener. */
  private void scheduleStaleness(QueryState<T> state, boolean stale, long now) {
    Future<?> previous = staleTimer;
    if (previous != null) {
      previous.cancel(false);
      staleTimer = null;
    }
    long staleNanos = options.staleNanos;
    if (!stale && staleNanos != Long.MAX_VALUE) {
      long wait = Math.max(0, state.dataUpdatedAt() + staleNanos - now);
      staleTimer =
          engine.scheduler.schedule(() -> engine.notifier.schedule(channel), Duration.ofNanos(wait));
    }
  }

  @Override
  public String toString() {
    return "QueryObserver{" + key + (closed ? ", closed}" : "}");
  }
}
