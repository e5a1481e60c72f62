package dev.querycache.internal.query;

import dev.querycache.CachedQuery;
import dev.querycache.PageDirection;
import dev.querycache.QueryEvent;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryState;
import dev.querycache.internal.runtime.Notifier;
import dev.querycache.internal.layer.LayerOwner;
import dev.querycache.internal.layer.LayerStack;
import dev.querycache.internal.layer.OptimisticLayer;
import dev.querycache.internal.query.QueryAction.AttemptFailed;
import dev.querycache.internal.query.QueryAction.DataWritten;
import dev.querycache.internal.query.QueryAction.FetchCancelled;
import dev.querycache.internal.query.QueryAction.FetchFailed;
import dev.querycache.internal.query.QueryAction.FetchPaused;
import dev.querycache.internal.query.QueryAction.FetchStarted;
import dev.querycache.internal.query.QueryAction.Invalidated;
import dev.querycache.internal.query.QueryAction.LayersChanged;
import dev.querycache.internal.query.QueryAction.Reset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One cached query: its state machine, its in-flight fetch, its observers and its optimistic
 * layers.
 *
 * <p><b>Optimistic layers.</b> The data in {@link #state()} is the <em>visible</em> data: the
 * <em>confirmed</em> data (what a fetch or a hand-written update last said) with the
 * mutations' patches applied on top in the order the mutations started. A failed mutation's
 * layer is removed and the rest are applied again to the confirmed data, so the others
 * survive. Data landing while layers are pending becomes the confirmed data and the layers are
 * applied on top again, so a refetch cannot undo a toggle. A succeeded mutation's layer stays
 * until data that includes the change lands: data fetched by a fetch that started after the
 * success, or data written by hand after it (the server's answer written in
 * {@code onSuccess}, a push). If no fetch tried to confirm it by the time its run settled
 * (nobody observes the query), it is folded into the confirmed data; if one tried and
 * failed, it stays (the query is invalidated) until data lands. See {@link OptimisticLayer}.
 *
 * <p>A patch that throws when applied again over newer data is skipped from then on and its
 * owner is told (after the transition, outside every lock), so that it fails and takes its
 * layers away; the transition itself always completes.
 *
 * <p>State transitions happen under this object's monitor and replace {@link #state()} whole;
 * readers never lock. Observers are notified through the client's {@link Notifier} after the
 * monitor is released. Changes to what pins the query in the cache (observers, a fetch) are
 * made by {@link QueryCache} inside its atomic compute for the key, so the retention policy
 * sees them at once.
 */
public final class Query<T> {
  private static final ObserverCore<?>[] NO_OBSERVERS = new ObserverCore<?>[0];

  public final QueryKey<T> key;
  private final QueryEngine engine;
  private volatile QueryState<T> state;
  /** The state the query started in, and goes back to on reset: with its initial data, if any. */
  private final QueryState<T> initialState;
  private volatile ResolvedOptions<T> options;
  /** The longest gc time any observer or fetch asked for: retention only grows (TanStack's rule). */
  private volatile long gcNanos;
  /** The direction of the latest fetch started (see {@link #beginFetch}). */
  private volatile @Nullable PageDirection lastDirection;
  /** Whether the event of its removal was recorded; guarded by this. */
  private boolean removalReported;
  private volatile ObserverCore<?>[] observers = NO_OBSERVERS;
  private volatile @Nullable Fetch<T> fetch; // written under this
  private volatile boolean removed;
  private volatile long retainedUntil = Long.MAX_VALUE; // ticker time; MAX_VALUE: forever
  /** The optimistic layers over the confirmed data; guarded by this. */
  private final LayerStack<T> layers;
  /** The class the data must be an instance of, from the first typed key that reached it. */
  final DataTypeCheck dataType;
  /** Whether {@link QueryCache} has a wake-up scheduled for this query's retention deadline. */
  volatile boolean retentionWatched;
  /**
   * Whether the retention deadline lies at or past {@link QueryCache#STORE_HORIZON}, where
   * Caffeine's clock stops: Caffeine then keeps the query forever, and {@link QueryCache}
   * removes it at its deadline itself.
   */
  volatile boolean outlivesStore;
  /** Where the query sits in {@link QueryIndex}; guarded by the index's monitor. */
  QueryIndex.@Nullable Node indexNode;
  /** The query's slot in {@link #indexNode}'s members; guarded by the index's monitor. */
  int indexSlot;

  Query(QueryKey<T> key, QueryEngine engine, ResolvedOptions<T> options, @Nullable QueryState<T> initial) {
    this.initialState = initial != null ? initial : QueryState.initial();
    this.state = initialState;
    this.key = key;
    this.engine = engine;
    this.options = options;
    this.gcNanos = options.gcNanos;
    this.layers = new LayerStack<>(key, engine.runtime.notifier);
    this.dataType = new DataTypeCheck(key, layers);
    if (options.source != null) {
      dataType.adopt(options.source.key());
    }
  }

  public QueryState<T> state() {
    return state;
  }

  public ResolvedOptions<T> options() {
    return options;
  }

  /** The state the query started in (its initial data, if any), for a successor. */
  QueryState<T> initialState() {
    return initialState;
  }

  /**
   * Adopts the options of the latest observer or fetch that brought a function; the gc time
   * becomes the longest seen.
   */
  void setOptions(ResolvedOptions<T> next) {
    if (next.source != null) {
      dataType.adopt(next.source.key());
    }
    if (next.gcNanos > gcNanos) {
      gcNanos = next.gcNanos;
    }
    if (next.canFetch() || !options.canFetch()) {
      options = next;
    }
  }

  public int observerCount() {
    return observers.length;
  }

  public ObserverCore<?>[] observers() {
    return observers;
  }

  /** Whether an open, enabled observer watches the query: an invalidation refetches it then. */
  public boolean hasEnabledObserver() {
    for (ObserverCore<?> observer : observers) {
      if (observer.isEnabled()) {
        return true;
      }
    }
    return false;
  }

  /** Applies each observer's rule for refetching on regained focus or on reconnection. */
  public void refetchObservers(boolean focus) {
    for (ObserverCore<?> observer : observers) {
      observer.refetchOn(focus);
    }
  }

  /**
   * Pinned queries are never evicted: someone watches or fetches them, or a mutation that
   * patched them has not settled yet.
   */
  boolean isPinned() {
    return observers.length > 0 || fetch != null || layers.pins();
  }

  /** The direction of the fetch in flight, or null (none, or one from the first page). */
  synchronized @Nullable PageDirection fetchingDirection() {
    Fetch<T> current = fetch;
    return current == null ? null : current.direction();
  }

  /** The direction of the latest fetch started, in flight or over. */
  @Nullable PageDirection lastFetchDirection() {
    return lastDirection;
  }

  boolean hasFetch() {
    return fetch != null;
  }

  public boolean isRemoved() {
    return removed;
  }

  /** Under the monitor, so a write either lands before the removal or sees it. */
  synchronized void markRemoved() {
    removed = true;
  }

  /**
   * Nanoseconds this query may stay in the cache from {@code now}: forever while pinned,
   * else its gc time. Caffeine asks whenever the entry is written; the answer is also kept
   * here, so that {@link #isLive} needs no lookup in the cache.
   */
  long retentionNanos(long now) {
    long nanos = isPinned() ? Long.MAX_VALUE : gcNanos;
    retainedUntil = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : now + nanos;
    return nanos;
  }

  /** The ticker time until which the query is retained; {@link Long#MAX_VALUE}: while pinned. */
  long retainedUntil() {
    return retainedUntil;
  }

  /**
   * Whether the query is still in the cache at {@code now}. An expired query may linger
   * there (and in the index) until Caffeine's timer wheel gets to it, up to about a second
   * later; reads already treat it as gone, and so must filters.
   */
  boolean isLive(long now) {
    long until = retainedUntil;
    return !removed && (until == Long.MAX_VALUE || now - until < 0);
  }

  boolean isStale(long now) {
    return options.isStale(state, now);
  }

  public CachedQuery<T> snapshot(long now) {
    return new CachedQuery<>(key, state, observers.length, isStale(now), meta());
  }

  /** The meta of the options the query follows (empty if none). */
  private Map<String, Object> meta() {
    QueryOptions<T> source = options.source;
    return source == null ? Map.of() : source.meta();
  }

  /** Applies {@code action} under the monitor; returns whether the state changed. */
  private boolean dispatchLocked(QueryAction<T> action) {
    QueryState<T> previous = state;
    QueryState<T> next = action.reduce(previous, options.structuralSharing);
    if (next == previous) {
      return false;
    }
    state = next;
    if (engine.runtime.events.isOn()) { // the event costs nothing while nobody listens
      engine.runtime.events.record(new QueryEvent<>(key, action.kind(), action.by(), engine.runtime.now(), previous, next, meta()));
    }
    return true;
  }

  /**
   * After a transition, outside the monitor: tells every observer and the client's cache
   * listeners that the state changed, and the owners of layers that failed during it.
   */
  void notifyObservers() {
    for (ObserverCore<?> observer : observers) {
      engine.runtime.notifier.schedule(observer.channel());
    }
    engine.runtime.cacheChanged();
    engine.runtime.events.deliver(engine.runtime.notifier);
    reportFailedLayers();
  }

  /**
   * Drops the layers that failed during the transition and tells their owners, as a
   * follow-up step: after the transition, outside its locks, in the key's own atomic step.
   */
  private void reportFailedLayers() {
    List<OptimisticLayer<T>> failed;
    synchronized (this) {
      failed = layers.takeFailed();
    }
    if (failed != null) {
      engine.runtime.notifier.later(() -> {
        String owners = OptimisticLayer.ownerNames(failed);
        engine.cache.compute(key, null, live -> live == this && dropFailedLayers(owners));
        for (OptimisticLayer<T> layer : failed) {
          layer.owner.layerFailed(key, java.util.Objects.requireNonNull(layer.failure));
        }
      });
    }
  }

  /** Removes the layers whose patch failed (already skipped: the visible data stays). */
  private boolean dropFailedLayers(String owners) {
    synchronized (this) {
      if (!layers.dropFailed(fetch != null)) {
        return false;
      }
      dispatchLocked(new LayersChanged<>(state.data(), layers.size(), QueryEvent.Kind.LAYER_FAILED, owners));
    }
    notifyObservers();
    return true;
  }

  // ---- data written by hand ------------------------------------------------------------

  /** What {@link #update} returns when the query left the cache before the write landed. */
  public static final Object GONE = new Object();

  /**
   * Writes data by hand; the fetch, if any, goes on. Equal data (kept by reference) still
   * counts as fresh from now, but nobody is told: nothing they can see changed but a
   * timestamp.
   *
   * @return the stored data, or null if the query had left the cache (nothing written)
   */
  public @Nullable T setData(T data) {
    boolean visible;
    T stored;
    synchronized (this) {
      if (removed) {
        return null;
      }
      visible = writeLocked(data);
      stored = confirmedData();
    }
    announceWrite(visible);
    return stored;
  }

  /**
   * Writes the result of {@code updater} applied to {@link #writeBase()}, retrying if the
   * query changed while it ran (so no concurrent update is lost; the updater must be free of
   * side effects). A {@code null} result leaves the data as it is.
   *
   * @return the stored data (null if none), or {@link #GONE} if the query had left the cache
   */
  public @Nullable Object update(UnaryOperator<@Nullable T> updater) {
    while (true) {
      WriteBase<T> base = writeBase();
      T after = updater.apply(base.data());
      boolean visible;
      T stored;
      synchronized (this) {
        if (removed) {
          return GONE;
        }
        if (state != base.state() || layers.layers() != base.layers()) {
          continue;
        }
        if (after == null) {
          return base.data();
        }
        visible = writeLocked(after);
        stored = confirmedData();
      }
      announceWrite(visible);
      return stored;
    }
  }

  /**
   * What a hand-written update starts from, and the version it was read at: the confirmed
   * data with the changes of the runs that already succeeded (what the server is believed to
   * hold now; the write replaces those layers, so their changes must be in it), without the
   * pending runs' patches, which are applied again on top of the result.
   */
  WriteBase<T> writeBase() {
    List<OptimisticLayer<T>> current = layers.layers();
    QueryState<T> seen = state;
    if (current.isEmpty()) {
      return new WriteBase<>(seen.data(), seen, current);
    }
    synchronized (this) {
      return new WriteBase<>(layers.writeBase(), state, layers.layers());
    }
  }

  /**
   * After a write by hand, outside the monitor: observers hear of a visible change; a write
   * that only moved a timestamp is still an event for the event stream.
   */
  private void announceWrite(boolean visible) {
    if (visible) {
      notifyObservers();
    } else {
      engine.runtime.events.deliver(engine.runtime.notifier);
    }
  }

  /** Writes data by hand under the monitor; returns whether observers must be told. */
  private boolean writeLocked(T data) {
    QueryState<T> before = state;
    landLocked(data, false, 0);
    QueryState<T> after = state;
    return after.data() != before.data()
        || after.status() != before.status()
        || after.isInvalidated() != before.isInvalidated()
        || after.error() != before.error()
        || after.optimisticLayers() != before.optimisticLayers();
  }

  /**
   * Data lands, from a fetch that started at {@code fetchSequence} or by hand: it becomes the
   * confirmed data, the layers it includes leave (a fetch's data includes the runs that
   * succeeded before the fetch started; a hand-written update, every run that succeeded
   * before now), and the others are applied on top again.
   */
  private void landLocked(T data, boolean fromFetch, long fetchSequence) {
    engine.landed(key, data, fromFetch ? fetchSequence : Long.MAX_VALUE);
    if (layers.isEmpty()) {
      dispatchLocked(new DataWritten<>(data, engine.runtime.now(), fromFetch));
      return;
    }
    T visible = layers.land(
        data,
        fromFetch ? layer -> layer.isIncludedIn(fetchSequence) : OptimisticLayer::hasSucceeded,
        options.structuralSharing,
        fetch != null);
    dispatchLocked(new DataWritten<>(visible, engine.runtime.now(), fromFetch));
    dispatchLocked(new LayersChanged<>(state.data(), layers.size(), QueryEvent.Kind.LAYERS_FOLDED, null));
  }

  /** Tells {@code mirror} of the confirmed data there is, if any: its first landing. */
  synchronized void replayConfirmed(DataMirror mirror) {
    T confirmed = confirmedData();
    if (confirmed != null) {
      mirror.landed(confirmed, Long.MAX_VALUE);
    }
  }

  /** The data without any patch: what the server or a hand-written update last said. */
  @Nullable T confirmedData() {
    return layers.isEmpty() ? state.data() : layers.confirmed();
  }

  // ---- optimistic layers (see LayerStack) -------------------------------------------------

  /**
   * Adds {@code layer} (called inside the cache's compute for this key, so the pin takes
   * effect atomically) and returns the visible data before it: the owner's snapshot.
   * {@code replacing}: the layer takes the place of its owner's layer here, if it has one (a
   * sync channel's latest call). If the layer's patch throws, nothing changes and the
   * exception propagates.
   */
  public @Nullable T addLayer(OptimisticLayer<T> layer, boolean replacing) {
    T before;
    synchronized (this) {
      before = state.data();
      int count = layers.size();
      T visible = replacing ? layers.replace(layer, before, fetch != null) : layers.add(layer, before, fetch != null);
      QueryEvent.Kind kind = layers.size() > count ? QueryEvent.Kind.LAYER_ADDED : QueryEvent.Kind.LAYER_REPLACED;
      dispatchLocked(new LayersChanged<>(visible, layers.size(), kind, layer.owner.name()));
    }
    notifyObservers();
    return before;
  }

  /** Removes {@code owner}'s layers (inside the cache's compute); returns whether any. */
  public boolean removeLayers(LayerOwner owner) {
    synchronized (this) {
      int before = layers.size();
      T visible = layers.remove(owner, state.data(), fetch != null);
      if (layers.size() == before) {
        return false;
      }
      dispatchLocked(new LayersChanged<>(visible, layers.size(), QueryEvent.Kind.ROLLED_BACK, owner.name()));
    }
    notifyObservers();
    return true;
  }

  /** {@code owner} succeeded at client sequence {@code sequence}. */
  public void layersSucceeded(LayerOwner owner, long sequence) {
    synchronized (this) {
      layers.succeeded(owner, sequence);
    }
  }

  /** The change {@code owner}'s layer made when last applied (for undo), or null. */
  public LayerStack.@Nullable Change<T> changeBy(LayerOwner owner) {
    synchronized (this) {
      return layers.changeBy(owner);
    }
  }

  /**
   * {@code owner}'s settle step is done (called inside the cache's compute, so the unpin takes
   * effect atomically): its layers no longer pin the query, and those that may fold become
   * part of the confirmed data (see {@link LayerStack}).
   */
  public void layersSettled(LayerOwner owner) {
    synchronized (this) {
      if (!layers.settled(owner, fetch != null)) {
        return; // a layer below is pending, a fetch is in flight, or a confirmation failed
      }
      // Folding changes what is confirmed, not what is visible: only the count moves.
      dispatchLocked(new LayersChanged<>(state.data(), layers.size(), QueryEvent.Kind.LAYERS_FOLDED, owner.name()));
    }
    notifyObservers();
  }

  /** A fetch that started at {@code fetchSequence} ended without data; see {@link LayerStack}. */
  private void fetchEndedWithoutDataLocked(long fetchSequence) {
    if (!layers.isEmpty() && layers.fetchEndedWithoutData(fetchSequence)) {
      dispatchLocked(new LayersChanged<>(state.data(), layers.size(), QueryEvent.Kind.LAYERS_FOLDED, null));
    }
    engine.fetchEndedWithoutData(key, fetchSequence);
  }

  /**
   * Shows {@code shown} as this query's state, for devtools (a simulated loading or error, or
   * the state before it, put back); observers are told as of any transition.
   */
  public void force(QueryState<T> shown) {
    transition(new QueryAction.Forced<>(shown));
  }

  public void invalidate() {
    transition(new Invalidated<>());
  }

  /** Applies {@code action} under the monitor, then tells the observers if it changed anything. */
  private void transition(QueryAction<T> action) {
    boolean changed;
    synchronized (this) {
      changed = dispatchLocked(action);
    }
    if (changed) {
      notifyObservers();
    }
  }

  /** Back to the initial state, cancelling any fetch silently. */
  public void reset() {
    cancel(false);
    boolean changed;
    synchronized (this) {
      changed = dispatchLocked(new Reset<>(initialState));
      if (!layers.isEmpty()) {
        T initialData = initialState.data();
        if (initialData == null) {
          layers.clearConfirmed(); // pending mutations keep their layers, over no data for now
          dispatchLocked(new LayersChanged<>(null, layers.size(), QueryEvent.Kind.RESET, null));
        } else { // pending mutations keep their layers, over the initial data
          T visible = layers.land(initialData, layer -> false, false, fetch != null);
          dispatchLocked(new LayersChanged<>(visible, layers.size(), QueryEvent.Kind.RESET, null));
        }
      }
    }
    if (changed) {
      notifyObservers();
    }
  }

  // ---- fetching ------------------------------------------------------------------------

  /**
   * Joins the fetch in flight or begins a new one (called inside the cache's compute for
   * this key, so the pin takes effect atomically). {@code replace}: a fetch in flight on a
   * query that has data is cancelled and replaced, its waiters handed the new result, as
   * invalidation needs (the old fetch may have started before the change that invalidated).
   * The caller must {@linkplain FetchTicket#begin() begin} the ticket outside the compute.
   */
  public FetchTicket<T> beginFetch(ResolvedOptions<T> fetchOptions, boolean replace) {
    return beginFetch(fetchOptions, replace, null);
  }

  /**
   * Joins or starts a fetch; {@code direction}: for an infinite query, the page the fetch
   * adds (null: a fetch from the first page).
   */
  FetchTicket<T> beginFetch(ResolvedOptions<T> fetchOptions, boolean replace, @Nullable PageDirection direction) {
    Fetch<T> superseded = null;
    Fetch<T> next;
    synchronized (this) {
      Fetch<T> current = fetch;
      if (current != null && !(replace && state.data() != null)) {
        return new FetchTicket<>(current, false, null);
      }
      if (current != null) {
        superseded = current;
        current.markCancelled();
      }
      setOptions(fetchOptions);
      next = new Fetch<>(this, options, engine, direction);
      fetch = next;
      lastDirection = direction;
      dispatchLocked(new FetchStarted<>(!engine.runtime.online.isOnline()));
    }
    notifyObservers();
    return new FetchTicket<>(next, true, superseded);
  }

  void fetchPaused(Fetch<T> from, boolean paused) {
    boolean changed;
    synchronized (this) {
      if (fetch != from) {
        return;
      }
      changed = dispatchLocked(new FetchPaused<>(paused));
    }
    if (changed) {
      notifyObservers();
    }
  }

  void attemptFailed(Fetch<T> from, int failureCount, Throwable error) {
    synchronized (this) {
      if (fetch != from) {
        return;
      }
      dispatchLocked(new AttemptFailed<>(failureCount, error));
    }
    notifyObservers();
  }

  /**
   * Ends the fetch {@code from} with data or an error (called inside the cache's compute for
   * this key, so the unpin takes effect atomically). Returns false if the fetch was
   * cancelled or replaced meanwhile: its result is discarded.
   */
  boolean endFetch(Fetch<T> from, @Nullable T data, @Nullable Throwable error) {
    synchronized (this) {
      if (fetch != from) {
        return false;
      }
      fetch = null;
      if (error == null) {
        landLocked(java.util.Objects.requireNonNull(data, "a fetch without an error has data"), true, from.startSequence);
      } else {
        dispatchLocked(new FetchFailed<>(error, engine.runtime.now()));
        fetchEndedWithoutDataLocked(from.startSequence);
      }
    }
    notifyObservers();
    return true;
  }

  /**
   * Cancels the fetch in flight, if any, silently: its fetch fields revert to what they were
   * before it began (data, status and error are only ever changed by a fetch when it lands,
   * so a cancelled one has changed none of them; data written by hand meanwhile stays), its
   * waiters get a {@link java.util.concurrent.CancellationException} and its late result is
   * discarded. With {@code onlyIfAbandoned}, only a fetch that nobody observes any more and
   * whose function used its cancellation signal is cancelled (decided under the monitor, so
   * an observer arriving meanwhile keeps it). Returns whether a fetch was cancelled; the
   * caller re-evaluates the pin.
   */
  boolean cancel(boolean onlyIfAbandoned) {
    return cancel(onlyIfAbandoned, true);
  }

  /**
   * As above; without {@code revert}, the query does not go back: it ends in error, holding a
   * {@link java.util.concurrent.CancellationException} (TanStack's {@code revert: false}).
   */
  boolean cancel(boolean onlyIfAbandoned, boolean revert) {
    Fetch<T> cancelled;
    synchronized (this) {
      cancelled = fetch;
      if (cancelled == null || (onlyIfAbandoned && (observers.length > 0 || !cancelled.usedSignal()))) {
        return false;
      }
      fetch = null;
      cancelled.markCancelled();
      if (revert) {
        dispatchLocked(
            new FetchCancelled<>(
                cancelled.failureCountBefore,
                cancelled.failureReasonBefore,
                cancelled.statusBefore,
                cancelled.errorBefore));
      } else {
        dispatchLocked(new FetchFailed<>(
            new java.util.concurrent.CancellationException("the fetch of " + key + " was cancelled"), engine.runtime.now()));
      }
      fetchEndedWithoutDataLocked(cancelled.startSequence);
    }
    notifyObservers();
    cancelled.finishCancelled();
    return true;
  }

  // ---- observers -----------------------------------------------------------------------

  /** Called inside the cache's compute for this key. */
  synchronized void addObserver(ObserverCore<T> observer) {
    ObserverCore<?>[] current = observers;
    ObserverCore<?>[] next = Arrays.copyOf(current, current.length + 1);
    next[current.length] = observer;
    observers = next;
    recordLocked(QueryEvent.Kind.OBSERVER_ADDED);
  }

  /**
   * Records an event of a kind that changes no state ({@link QueryEvent.Kind#changesState()}),
   * in this query's order of events; the caller has the stream delivered once outside its
   * locks.
   */
  synchronized void record(QueryEvent.Kind kind) {
    recordLocked(kind);
  }

  /** Records the query's removal from the cache, once whichever way it left. */
  synchronized void reportRemoved() {
    if (!removalReported) {
      removalReported = true;
      recordLocked(QueryEvent.Kind.REMOVED);
    }
  }

  private void recordLocked(QueryEvent.Kind kind) {
    if (engine.runtime.events.isOn()) {
      engine.runtime.events.record(new QueryEvent<>(key, kind, null, engine.runtime.now(), state, state, meta()));
    }
  }

  /** Called inside the cache's compute for this key. */
  synchronized boolean removeObserver(ObserverCore<T> observer) {
    ObserverCore<?>[] current = observers;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == observer) {
        ObserverCore<?>[] next = new ObserverCore<?>[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        observers = next;
        recordLocked(QueryEvent.Kind.OBSERVER_REMOVED);
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Query" + key + " " + state.status() + "/" + state.fetchStatus();
  }
}
