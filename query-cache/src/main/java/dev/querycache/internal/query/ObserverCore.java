package dev.querycache.internal.query;

import dev.querycache.PageDirection;
import dev.querycache.QueryEvent;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.Refetch;
import dev.querycache.internal.runtime.Callbacks;
import dev.querycache.internal.runtime.Notifier;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine's side of an observer: which query it follows and with which options, the
 * delivery line to its listener, the refetch rules (mount, focus, reconnect) and the wake-up
 * when fresh data turns stale. {@code QueryObserver} is the handle the application holds;
 * a {@link Query} knows its observers by their cores. See {@code QueryObserver} for the
 * contract.
 */
public final class ObserverCore<T> {
  private final QueryEngine engine;
  /** Takes the results as shown: of the query's data type, or of the select function's. */
  private final Consumer<? super QueryResult<?>> listener;
  private final Notifier.Channel channel = new Notifier.Channel(this::deliver, "a query listener");
  private volatile ResolvedOptions<T> options;
  private volatile QueryKey<T> key;
  private volatile @Nullable Query<T> query;
  /** The projection of the data shown, or null to show the data itself. */
  private volatile @Nullable Selector<T> selector;
  private volatile boolean closed;

  // Touched only by deliveries, which the channel serialises.
  private @Nullable QueryState<T> lastState;
  private boolean lastStale;
  private @Nullable ResolvedOptions<T> lastOptions;
  private @Nullable Selector<T> lastSelector;
  /** The placeholder last shown, and the function that gave it (kept while loading goes on). */
  private @Nullable T lastPlaceholder;
  private @Nullable Object lastPlaceholderFunction;
  /** The data the observer last saw in a query's state, of this key or the one before. */
  private volatile @Nullable T lastDefinedData;
  private @Nullable Future<?> staleTimer;
  /** The next poll, if the observer polls; guarded by this (deliveries and polls set it). */
  private @Nullable Future<?> pollTimer;
  /** Counts the polls set; a timer whose number is not the latest does nothing. Guarded by this. */
  private long pollGeneration;

  /**
   * An observer of {@code options} that shows {@code select}'s projection of the data, or the
   * data itself if {@code select} is null; {@code listener} takes results of what it shows.
   */
  public ObserverCore(QueryEngine engine, QueryOptions<T> options, @Nullable Function<? super T, ?> select,
      Consumer<? super QueryResult<?>> listener) {
    this.engine = engine;
    this.listener = listener;
    this.key = options.key();
    this.options = engine.resolve(options.key(), options);
    this.selector = select == null ? null : new Selector<>(select, null);
  }

  /** Attaches to the query for the current key and fetches if the rules say so. */
  public void open() {
    engine.runtime.notifier.batch(
        () -> {
          attach();
          engine.runtime.notifier.schedule(channel);
          Query<T> attached = query;
          if (attached != null && shouldFetchOnMount(attached)) {
            engine.fetch(key, options, false);
          }
        });
  }

  /**
   * Joins the query of the current key. The field changes inside the cache's atomic step for
   * the key, like every other change of it (a removal moving the observer on, a detach), so
   * those changes happen in one order.
   */
  private void attach() {
    ResolvedOptions<T> opts = options;
    engine.cache.compute(
        key,
        opts,
        q -> {
          q.setOptions(opts);
          q.addObserver(this);
          query = q;
          return q;
        });
  }

  /**
   * Called by the cache inside its atomic step for the key, when the query this observer
   * follows is removed: the observer moves to {@code successor} and tells its listener.
   */
  void follow(Query<T> successor) {
    successor.setOptions(options);
    successor.addObserver(this);
    query = successor;
    engine.runtime.notifier.schedule(channel);
  }

  /** Leaves the query this observer follows (read inside the key's atomic step: see attach). */
  private void detach() {
    Query<T> seen = query;
    if (seen == null) {
      return;
    }
    Query<T> left = engine.cache.compute(seen.key, null, q -> q == query && q.removeObserver(this) ? q : null);
    if (left != null && left.observerCount() == 0 && left.hasFetch()) {
      engine.cache.cancelIfAbandoned(left);
    }
  }

  /** The result as of now; its data is the select function's projection if there is one. */
  public QueryResult<?> result() {
    Query<T> attached = query;
    QueryState<T> state = attached == null ? QueryState.initial() : attached.state();
    boolean stale = isStale(state, engine.runtime.now());
    T placeholder = placeholderFor(state, options, false);
    QueryResult<T> own = placeholder == null
        ? new QueryResult<>(key, state, stale)
        : new QueryResult<>(key, showing(state, placeholder), stale, true);
    return shown(own, false);
  }

  /** {@code own} as the observer shows it: projected by its select function, if any. */
  private QueryResult<?> shown(QueryResult<T> own, boolean remember) {
    Selector<T> select = selector;
    return select == null ? own : select.apply(own, options.structuralSharing, engine.runtime.now(), remember);
  }

  /**
   * The placeholder to show for {@code state}, or null: only while the query has no data and
   * is pending, and the options give one. {@code remember}: a delivery's, which keeps what the
   * function gave while loading goes on (so it runs once per stretch of loading).
   */
  private @Nullable T placeholderFor(QueryState<T> state, ResolvedOptions<T> opts, boolean remember) {
    QueryOptions<T> source = opts.source;
    Function<? super @Nullable T, ? extends @Nullable T> function = source == null ? null : source.placeholderData();
    if (function == null || state.data() != null || state.status() != QueryStatus.PENDING) {
      return null;
    }
    T kept = lastPlaceholder;
    if (kept != null && lastPlaceholderFunction == function) {
      return kept;
    }
    Object[] given = new Object[1];
    T previous = lastDefinedData;
    boolean ran = Callbacks.run("the placeholderData function", key, () -> {
      given[0] = function.apply(previous);
      DataTypeCheck.requireFitsKey(key, given[0]);
    });
    @SuppressWarnings("unchecked") // the function gives the key's data type (checked above)
    T placeholder = ran ? (T) given[0] : null;
    if (remember) {
      lastPlaceholder = placeholder;
      lastPlaceholderFunction = function;
    }
    return placeholder;
  }

  /** {@code state} showing {@code placeholder} as its data, with a success status. */
  private static <T> QueryState<T> showing(QueryState<T> state, T placeholder) {
    return new QueryState<>(placeholder, state.dataUpdatedAt(), state.dataUpdateCount(), state.error(),
        state.errorUpdatedAt(), state.errorUpdateCount(), state.fetchFailureCount(), state.fetchFailureReason(),
        QueryStatus.SUCCESS, state.fetchStatus(), state.isInvalidated(), state.optimisticLayers());
  }

  public QueryKey<T> key() {
    return key;
  }

  /** Refetches; the future gives the data as shown (projected by the select function, if any). */
  public CompletableFuture<?> refetch() {
    if (closed) {
      throw new IllegalStateException("the observer of " + key + " is closed");
    }
    engine.runtime.checkOpen();
    CompletableFuture<T> fetched = engine.runtime.notifier.batch(() -> engine.fetch(key, options, true));
    Selector<T> select = selector;
    return select == null ? fetched : fetched.thenApply(select::project);
  }

  /**
   * Fetches a page of an infinite query and adds it on {@code direction}'s side;
   * {@code replace}: whether a fetch in flight is replaced (else joined).
   */
  public CompletableFuture<?> fetchPage(PageDirection direction, boolean replace) {
    if (closed) {
      throw new IllegalStateException("the observer of " + key + " is closed");
    }
    engine.runtime.checkOpen();
    return engine.runtime.notifier.batch(() -> engine.fetch(key, options, replace, direction));
  }

  /** The direction of the followed query's fetch in flight, or null. */
  public @Nullable PageDirection fetchingDirection() {
    Query<T> attached = query;
    return attached == null ? null : attached.fetchingDirection();
  }

  /** The direction of the followed query's latest fetch, or null. */
  public @Nullable PageDirection lastFetchDirection() {
    Query<T> attached = query;
    return attached == null ? null : attached.lastFetchDirection();
  }

  /**
   * Switches to {@code next}, showing {@code select}'s projection (or the data itself if
   * null). The caller vouches that {@code select} takes {@code next}'s data type and gives
   * what the listener takes: the handle's signatures check it.
   */
  @SuppressWarnings("unchecked") // see above: the observer's data type is the handle's concern
  public void setOptions(QueryOptions<?> next, @Nullable Function<?, ?> select) {
    Objects.requireNonNull(next, "next == null");
    if (closed) {
      throw new IllegalStateException("the observer of " + key + " is closed");
    }
    engine.runtime.checkOpen();
    retarget((QueryOptions<T>) next, (Function<? super T, ?>) select);
  }

  private void retarget(QueryOptions<T> next, @Nullable Function<? super T, ?> select) {
    engine.runtime.notifier.batch(
        () -> {
          Selector<T> current = selector;
          if (select == null) {
            selector = null;
          } else if (current == null || current.function() != select) {
            selector = new Selector<>(select, current);
          }
          boolean sameKey = next.key().equals(key);
          options = engine.resolve(next.key(), next);
          if (sameKey) {
            Query<T> attached = query;
            if (attached != null) {
              attached.setOptions(options);
            }
            engine.runtime.notifier.schedule(channel);
            return;
          }
          detach();
          key = next.key();
          open();
        });
  }

  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    engine.runtime.notifier.batch(this::detach);
    Future<?> timer = staleTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    synchronized (this) {
      cancelPoll();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  boolean isEnabled() {
    Query<T> attached = query;
    return !closed && options.isEnabled(attached == null ? QueryState.initial() : attached.state(), key);
  }

  Notifier.Channel channel() {
    return channel;
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

  /** The mount rule, and {@code retryOnMount} for a query in error without data. */
  private boolean shouldFetchOnMount(Query<T> attached) {
    ResolvedOptions<T> opts = options;
    QueryState<T> state = attached.state();
    if (!opts.retryOnMount && state.data() == null && state.status() == QueryStatus.ERROR) {
      return false;
    }
    return shouldFetch(opts.refetchOnMount, attached);
  }

  private boolean shouldFetch(Refetch rule, Query<T> attached) {
    ResolvedOptions<T> opts = options;
    if (closed || !opts.canFetch() || !opts.isEnabled(attached.state(), key)) {
      return false;
    }
    QueryState<T> state = attached.state();
    if (state.data() == null && state.status() != QueryStatus.ERROR) {
      return true; // nothing to show yet: an enabled observer always loads
    }
    if (opts.isStatic && state.data() != null) {
      return false; // static data is refetched only by hand
    }
    switch (rule) {
      case ALWAYS:
        return true;
      case IF_STALE:
        return isStale(state, engine.runtime.now());
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
    long now = staleNanos == 0 || staleNanos == Long.MAX_VALUE ? state.dataUpdatedAt() : engine.runtime.now();
    boolean stale = isStale(state, now);
    ResolvedOptions<T> opts = options;
    Selector<T> select = selector;
    boolean changed = state != lastState || stale != lastStale || select != lastSelector;
    if (changed || opts != lastOptions) {
      lastOptions = opts;
      schedulePoll(state, opts); // as TanStack Query: the interval restarts when the query changes
    }
    if (!changed) {
      return;
    }
    lastState = state;
    lastStale = stale;
    lastSelector = select;
    scheduleStaleness(state, stale, now);
    T data = state.data();
    if (data != null) {
      lastDefinedData = data;
    }
    if (engine.runtime.events.isOn()) {
      attached.record(QueryEvent.Kind.OBSERVER_RESULT_UPDATED);
      engine.runtime.events.deliver(engine.runtime.notifier);
    }
    T placeholder = placeholderFor(state, opts, true);
    if (placeholder == null) {
      lastPlaceholder = null;
      lastPlaceholderFunction = null;
      listener.accept(shown(new QueryResult<>(attached.key, state, stale), true));
    } else {
      listener.accept(shown(new QueryResult<>(attached.key, showing(state, placeholder), stale, true), true));
    }
  }

  /**
   * Polling: the next poll comes {@code opts}' interval for {@code state} from now, in place
   * of the one set before; none if the interval is none.
   */
  private void schedulePoll(QueryState<T> state, ResolvedOptions<T> opts) {
    long interval = closed || !opts.canFetch() || !opts.isEnabled(state, key) ? 0 : opts.pollNanos(state, key);
    synchronized (this) {
      cancelPoll();
      if (interval > 0 && interval != Long.MAX_VALUE && !closed) {
        startPoll(opts, interval);
      }
    }
  }

  /** Sets the next poll; guarded by this. A timer that fired after being replaced does nothing. */
  private void startPoll(ResolvedOptions<T> opts, long interval) {
    long generation = ++pollGeneration;
    pollTimer = engine.runtime.scheduler.schedule(() -> poll(opts, interval, generation), Duration.ofNanos(interval));
  }

  /** Cancels the next poll; guarded by this. */
  private void cancelPoll() {
    pollGeneration++;
    Future<?> timer = pollTimer;
    if (timer != null) {
      timer.cancel(false);
      pollTimer = null;
    }
  }

  /**
   * A poll's turn: refetch, unless no window has focus and the query does not poll in the
   * background; a fetch in flight is left to finish. The next turn is set at once, and set
   * again from the change the fetch makes.
   */
  private void poll(ResolvedOptions<T> opts, long interval, long generation) {
    synchronized (this) {
      if (closed || generation != pollGeneration) {
        return;
      }
      startPoll(opts, interval);
    }
    if (engine.runtime.isClosed()) {
      return;
    }
    if (opts.refetchIntervalInBackground || engine.runtime.focus.isFocused()) {
      engine.runtime.notifier.batch(() -> engine.fetch(key, opts, false));
    }
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
          engine.runtime.scheduler.schedule(() -> engine.runtime.notifier.schedule(channel), Duration.ofNanos(wait));
    }
  }

  @Override
  public String toString() {
    return "QueryObserver{" + key + (closed ? ", closed}" : "}");
  }
}
