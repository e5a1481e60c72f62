package dev.querycache;

import dev.querycache.QueryAction.AttemptFailed;
import dev.querycache.QueryAction.DataWritten;
import dev.querycache.QueryAction.FetchCancelled;
import dev.querycache.QueryAction.FetchFailed;
import dev.querycache.QueryAction.FetchPaused;
import dev.querycache.QueryAction.FetchStarted;
import dev.querycache.QueryAction.Invalidated;
import dev.querycache.QueryAction.LayersChanged;
import dev.querycache.QueryAction.Reset;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One cached query: its state machine, its in-flight fetch, its observers and its optimistic
 * layers.
 *
 * <p><b>Optimistic layers.</b> The data in {@link #state()} is the <em>visible</em> data: the
 * <em>confirmed</em> data (what a fetch or a hand-written update last said) with the pending
 * mutations' patches applied on top in the order the mutations started. A failed mutation's
 * layer is removed and the rest are applied again to the confirmed data, so the others
 * survive. Data landing while layers are pending becomes the confirmed data and the layers are
 * applied on top again, so a refetch cannot undo a toggle. A succeeded mutation's layer stays
 * until a fetch that started after the success lands (that data includes the change); if none
 * does, the mutation asks to fold it into the confirmed data when it settles.
 *
 * <p>State transitions happen under this object's monitor and replace {@link #state()} whole;
 * readers never lock. Observers are notified through the client's {@link Notifier} after the
 * monitor is released. Changes to what pins the query in the cache (observers, a fetch) are
 * made by {@link QueryCache} inside its atomic compute for the key, so the retention policy
 * sees them at once.
 */
final class Query<T> {
  private static final System.Logger LOG = System.getLogger(Query.class.getName());
  private static final QueryObserver<?>[] NO_OBSERVERS = new QueryObserver<?>[0];

  final QueryKey<T> key;
  private final QueryClient client;
  private volatile QueryState<T> state = QueryState.initial();
  private volatile ResolvedOptions<T> options;
  private volatile QueryObserver<?>[] observers = NO_OBSERVERS;
  private volatile @Nullable Fetch<T> fetch; // written under this
  private volatile boolean removed;
  private volatile long retainedUntil = Long.MAX_VALUE; // ticker time; MAX_VALUE: forever
  private volatile List<OptimisticLayer<T>> layers = List.of(); // written under this, in order
  private volatile @Nullable T confirmed; // written under this; meaningful while layers exist
  /** Where the query sits in {@link QueryIndex}; guarded by the index's monitor. */
  QueryIndex.@Nullable Node indexNode;
  /** The query's slot in {@link #indexNode}'s members; guarded by the index's monitor. */
  int indexSlot;

  Query(QueryKey<T> key, QueryClient client, ResolvedOptions<T> options) {
    this.key = key;
    this.client = client;
    this.options = options;
  }

  QueryState<T> state() {
    return state;
  }

  ResolvedOptions<T> options() {
    return options;
  }

  /** Adopts the options of the latest observer or fetch that brought a function. */
  void setOptions(ResolvedOptions<T> next) {
    if (next.canFetch() || !options.canFetch()) {
      options = next;
    }
  }

  int observerCount() {
    return observers.length;
  }

  QueryObserver<?>[] observers() {
    return observers;
  }

  /** Pinned queries are never evicted: someone watches, fetches or patches them. */
  boolean isPinned() {
    return observers.length > 0 || hasFetch() || !layers.isEmpty();
  }

  boolean hasFetch() {
    return fetch != null;
  }

  boolean isRemoved() {
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
    long nanos = isPinned() ? Long.MAX_VALUE : options.gcNanos;
    retainedUntil = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : now + nanos;
    return nanos;
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
    QueryState<T> s = state;
    return s.data() == null || s.isInvalidated() || options.isStaleByTime(s.dataUpdatedAt(), now);
  }

  CachedQuery<T> snapshot(long now) {
    return new CachedQuery<>(key, state, observers.length, isStale(now));
  }

  // ---- the reducer ---------------------------------------------------------------------

  /** The state machine: the next state after {@code action}. Pure. */
  static <T> QueryState<T> reduce(QueryState<T> s, QueryAction<T> action, boolean share) {
    if (action instanceof FetchStarted) {
      boolean noData = s.data() == null;
      return new QueryState<>(
          s.data(), s.dataUpdatedAt(), s.dataUpdateCount(),
          noData ? null : s.error(), s.errorUpdatedAt(), s.errorUpdateCount(),
          0, null,
          noData ? QueryStatus.PENDING : s.status(),
          ((FetchStarted<T>) action).paused() ? FetchStatus.PAUSED : FetchStatus.FETCHING,
          s.isInvalidated(), s.optimisticLayers());
    }
    if (action instanceof FetchPaused) {
      return s.withFetchStatus(
          ((FetchPaused<T>) action).paused() ? FetchStatus.PAUSED : FetchStatus.FETCHING);
    }
    if (action instanceof AttemptFailed) {
      AttemptFailed<T> failed = (AttemptFailed<T>) action;
      return new QueryState<>(
          s.data(), s.dataUpdatedAt(), s.dataUpdateCount(), s.error(), s.errorUpdatedAt(),
          s.errorUpdateCount(), failed.failureCount(), failed.error(), s.status(),
          s.fetchStatus(), s.isInvalidated(), s.optimisticLayers());
    }
    if (action instanceof DataWritten) {
      DataWritten<T> written = (DataWritten<T>) action;
      T data = share ? StructuralSharing.share(s.data(), written.data()) : written.data();
      boolean fromFetch = written.fromFetch();
      return new QueryState<>(
          data, written.at(), s.dataUpdateCount() + 1, null, s.errorUpdatedAt(),
          s.errorUpdateCount(),
          fromFetch ? 0 : s.fetchFailureCount(),
          fromFetch ? null : s.fetchFailureReason(),
          QueryStatus.SUCCESS,
          fromFetch ? FetchStatus.IDLE : s.fetchStatus(),
          false, s.optimisticLayers());
    }
    if (action instanceof FetchFailed) {
      FetchFailed<T> failed = (FetchFailed<T>) action;
      return new QueryState<>(
          s.data(), s.dataUpdatedAt(), s.dataUpdateCount(), failed.error(), failed.at(),
          s.errorUpdateCount() + 1, s.fetchFailureCount() + 1, failed.error(),
          QueryStatus.ERROR, FetchStatus.IDLE, s.isInvalidated(), s.optimisticLayers());
    }
    if (action instanceof FetchCancelled) {
      FetchCancelled<T> cancelled = (FetchCancelled<T>) action;
      boolean noData = s.data() == null; // the start cleared status and error: put them back
      return new QueryState<>(
          s.data(), s.dataUpdatedAt(), s.dataUpdateCount(),
          noData ? cancelled.errorBefore() : s.error(), s.errorUpdatedAt(),
          s.errorUpdateCount(), cancelled.failureCount(), cancelled.failureReason(),
          noData ? cancelled.statusBefore() : s.status(), FetchStatus.IDLE, s.isInvalidated(),
          s.optimisticLayers());
    }
    if (action instanceof Invalidated) {
      return s.isInvalidated()
          ? s
          : new QueryState<>(
              s.data(), s.dataUpdatedAt(), s.dataUpdateCount(), s.error(), s.errorUpdatedAt(),
              s.errorUpdateCount(), s.fetchFailureCount(), s.fetchFailureReason(), s.status(),
              s.fetchStatus(), true, s.optimisticLayers());
    }
    if (action instanceof LayersChanged) {
      LayersChanged<T> changed = (LayersChanged<T>) action;
      // Patched data derives from the data before, so equality is all there is to share.
      T data = share ? StructuralSharing.keepIfEqual(s.data(), changed.visible()) : changed.visible();
      if (data == s.data() && changed.count() == s.optimisticLayers()) {
        return s;
      }
      // A value patched over a query that never had data shows as success while it lasts.
      QueryStatus status = s.status();
      if (data != null && status == QueryStatus.PENDING) {
        status = QueryStatus.SUCCESS;
      } else if (data == null && status == QueryStatus.SUCCESS && s.dataUpdateCount() == 0) {
        status = QueryStatus.PENDING;
      }
      return new QueryState<>(
          data, s.dataUpdatedAt(), s.dataUpdateCount(), s.error(), s.errorUpdatedAt(),
          s.errorUpdateCount(), s.fetchFailureCount(), s.fetchFailureReason(), status,
          s.fetchStatus(), s.isInvalidated(), changed.count());
    }
    if (action instanceof Reset) {
      return QueryState.initial();
    }
    throw new AssertionError("unknown action " + action);
  }

  /** Applies {@code action} under the monitor; returns whether the state changed. */
  private boolean dispatchLocked(QueryAction<T> action) {
    QueryState<T> previous = state;
    QueryState<T> next = reduce(previous, action, options.structuralSharing);
    if (next == previous) {
      return false;
    }
    state = next;
    return true;
  }

  /** Tells every observer, and the client's cache listeners, that the state changed. */
  void notifyObservers() {
    for (QueryObserver<?> observer : observers) {
      client.notifier.schedule(observer.channel());
    }
    client.cacheChanged();
  }

  // ---- data written by hand ------------------------------------------------------------

  /** What {@link #update} returns when the query left the cache before the write landed. */
  static final Object GONE = new Object();

  /**
   * Writes data by hand; the fetch, if any, goes on. Equal data (kept by reference) still
   * counts as fresh from now, but nobody is told: nothing they can see changed but a
   * timestamp.
   *
   * @return the stored data, or null if the query had left the cache (nothing written)
   */
  @Nullable T setData(T data) {
    boolean visible;
    T stored;
    synchronized (this) {
      if (removed) {
        return null;
      }
      visible = writeLocked(data);
      stored = confirmedData();
    }
    if (visible) {
      notifyObservers();
    }
    return stored;
  }

  /**
   * Writes the result of {@code updater}, retrying if the data changed while it ran (so no
   * concurrent update is lost; the updater must be free of side effects). A {@code null}
   * result leaves the data as it is.
   *
   * @return the stored data (null if none), or {@link #GONE} if the query had left the cache
   */
  @Nullable Object update(UnaryOperator<@Nullable T> updater) {
    while (true) {
      T before = confirmedData();
      T after = updater.apply(before);
      boolean visible;
      T stored;
      synchronized (this) {
        if (removed) {
          return GONE;
        }
        if (confirmedData() != before) {
          continue;
        }
        if (after == null) {
          return before;
        }
        visible = writeLocked(after);
        stored = confirmedData();
      }
      if (visible) {
        notifyObservers();
      }
      return stored;
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
   * Data lands (from a fetch that started at {@code fetchSequence}, or by hand): it becomes
   * the confirmed data, the layers it already includes are dropped, and the others are
   * applied on top again.
   */
  private void landLocked(T data, boolean fromFetch, long fetchSequence) {
    List<OptimisticLayer<T>> current = layers;
    if (current.isEmpty()) {
      dispatchLocked(new DataWritten<>(data, client.now(), fromFetch));
      return;
    }
    T base = options.structuralSharing ? StructuralSharing.share(confirmed, data) : data;
    List<OptimisticLayer<T>> remaining = current;
    if (fromFetch) {
      remaining = new ArrayList<>(current.size());
      for (OptimisticLayer<T> layer : current) {
        if (!layer.isIncludedIn(fetchSequence)) {
          remaining.add(layer);
        }
      }
      remaining = List.copyOf(remaining);
    }
    T folded = setLayersLocked(base, remaining);
    dispatchLocked(new DataWritten<>(applyLayers(folded, layers, null), client.now(), fromFetch));
    dispatchLocked(new LayersChanged<>(state.data(), layers.size()));
  }

  /** The data without pending patches: what the server or a hand-written update last said. */
  @Nullable T confirmedData() {
    return layers.isEmpty() ? state.data() : confirmed;
  }

  // ---- optimistic layers -----------------------------------------------------------------

  /**
   * Adds {@code layer} (called inside the cache's compute for this key, so the pin takes
   * effect atomically) and returns the visible data before it: the mutation's snapshot. If
   * the layer's patch throws, nothing changes and the exception propagates.
   */
  @Nullable T addLayer(OptimisticLayer<T> layer) {
    T before;
    synchronized (this) {
      before = state.data();
      List<OptimisticLayer<T>> current = layers;
      List<OptimisticLayer<T>> next = new ArrayList<>(current.size() + 1);
      next.addAll(current);
      int at = next.size();
      while (at > 0 && next.get(at - 1).order > layer.order) {
        at--; // a run that started earlier but patched later still goes below
      }
      next.add(at, layer);
      T base = current.isEmpty() ? state.data() : confirmed;
      T visible =
          at == current.size() ? applyLayer(layer, before, layer) : applyLayers(base, next, layer);
      setLayersLocked(base, next);
      dispatchLocked(new LayersChanged<>(visible, next.size()));
    }
    notifyObservers();
    return before;
  }

  /** Removes {@code owner}'s layers (inside the cache's compute); returns whether any. */
  boolean removeLayers(Object owner) {
    synchronized (this) {
      List<OptimisticLayer<T>> current = layers;
      List<OptimisticLayer<T>> remaining = new ArrayList<>(current.size());
      for (OptimisticLayer<T> layer : current) {
        if (layer.owner != owner) {
          remaining.add(layer);
        }
      }
      if (remaining.size() == current.size()) {
        return false;
      }
      T base = setLayersLocked(confirmed, remaining);
      dispatchLocked(new LayersChanged<>(applyLayers(base, layers, null), layers.size()));
    }
    notifyObservers();
    return true;
  }

  /** {@code owner} succeeded at client sequence {@code sequence}. */
  void layersSucceeded(Object owner, long sequence) {
    for (OptimisticLayer<T> layer : layers) {
      if (layer.owner == owner) {
        layer.successSequence = sequence;
      }
    }
  }

  /**
   * {@code owner} settled: its layers still here (no fetch that started after its success
   * has landed) become part of the confirmed data, each as soon as every layer below it is
   * gone, so the order of patches never changes. Called inside the cache's compute.
   */
  void foldLayers(Object owner) {
    synchronized (this) {
      List<OptimisticLayer<T>> current = layers;
      for (OptimisticLayer<T> layer : current) {
        if (layer.owner == owner) {
          layer.foldRequested = true;
        }
      }
      setLayersLocked(confirmed, current, false);
      if (layers.size() == current.size()) {
        return; // an earlier layer is pending, or an older fetch in flight: fold later
      }
      // Folding changes what is confirmed, not what is visible: only the count moves.
      dispatchLocked(new LayersChanged<>(state.data(), layers.size()));
    }
    notifyObservers();
  }

  /**
   * Whether a settled layer may become confirmed data now: not while a fetch that started
   * before its success is in flight, since that fetch's data predates the change and must
   * land under the layer, not over the folded change.
   */
  private boolean canFold(OptimisticLayer<T> layer) {
    Fetch<T> inFlight = fetch;
    return layer.foldRequested
        && (inFlight == null || inFlight.startSequence > layer.successSequence);
  }

  /** Folds what may fold now (after a fetch ended without landing data). */
  private void refoldLocked() {
    if (!layers.isEmpty()) {
      int before = layers.size();
      setLayersLocked(confirmed, layers, false);
      if (layers.size() != before) {
        dispatchLocked(new LayersChanged<>(state.data(), layers.size()));
      }
    }
  }

  /**
   * Sets the confirmed data and the layers. Settled layers at the bottom (nothing pending
   * below them any more) are folded into the confirmed data on the way, so a settled layer
   * never waits for an event that will not come. Returns the new confirmed data.
   */
  private @Nullable T setLayersLocked(@Nullable T base, List<OptimisticLayer<T>> next) {
    return setLayersLocked(base, next, true);
  }

  /**
   * As {@link #setLayersLocked(Object, List)}; with {@code resultNeeded} false, a fold of
   * every layer does not apply the patches again (nothing will read the confirmed data: with
   * no layers left, the visible data is the confirmed data) and returns null.
   */
  private @Nullable T setLayersLocked(@Nullable T base, List<OptimisticLayer<T>> next, boolean resultNeeded) {
    int folded = 0;
    while (folded < next.size() && canFold(next.get(folded))) {
      folded++;
    }
    List<OptimisticLayer<T>> remaining =
        folded == 0 ? List.copyOf(next) : List.copyOf(next.subList(folded, next.size()));
    T confirmedNow = base;
    if (resultNeeded || !remaining.isEmpty()) {
      for (int i = 0; i < folded; i++) {
        confirmedNow = applyLayer(next.get(i), confirmedNow, null);
      }
    } else {
      confirmedNow = null;
    }
    layers = remaining;
    confirmed = remaining.isEmpty() ? null : confirmedNow;
    return confirmedNow;
  }

  /**
   * The visible data: {@code base} with each layer's patch applied in order. A patch that
   * throws is logged and skipped, unless it is {@code strict}'s, whose exception propagates.
   */
  private @Nullable T applyLayers(
      @Nullable T base, List<OptimisticLayer<T>> list, @Nullable OptimisticLayer<T> strict) {
    T data = base;
    for (OptimisticLayer<T> layer : list) {
      data = applyLayer(layer, data, strict);
    }
    return data;
  }

  private @Nullable T applyLayer(OptimisticLayer<T> layer, @Nullable T data, @Nullable OptimisticLayer<T> strict) {
    if (data == null && !layer.constant) {
      return null; // nothing to patch yet: the layer applies once data lands
    }
    try {
      T patched = layer.patch.apply(data);
      if (patched == null) {
        throw new NullPointerException("an optimistic patch of " + key + " returned null");
      }
      return patched;
    } catch (RuntimeException | Error e) {
      if (layer == strict || e instanceof VirtualMachineError) {
        throw e;
      }
      // Applied again over newer data, a patch that throws (an Error included) must not
      // break the transition under way: it is skipped until its run settles.
      LOG.log(Level.WARNING, "an optimistic patch of " + key + " threw; it is skipped", e);
      return data;
    }
  }

  void invalidate() {
    boolean changed;
    synchronized (this) {
      changed = dispatchLocked(new Invalidated<>());
    }
    if (changed) {
      notifyObservers();
    }
  }

  /** Back to the initial state, cancelling any fetch silently. */
  void reset() {
    cancel();
    boolean changed;
    synchronized (this) {
      changed = dispatchLocked(new Reset<>());
      if (!layers.isEmpty()) {
        confirmed = null; // pending mutations keep their layers, over no data for now
        dispatchLocked(new LayersChanged<>(null, layers.size()));
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
   * The returned fetch must be {@linkplain Fetch#start() started} outside the compute when
   * {@link FetchTicket#isNew()}.
   */
  FetchTicket<T> beginFetch(ResolvedOptions<T> fetchOptions, boolean replace) {
    Fetch<T> superseded = null;
    Fetch<T> next;
    synchronized (this) {
      Fetch<T> current = fetch;
      if (current != null && !(replace && state.data() != null)) {
        return new FetchTicket<>(current, false);
      }
      if (current != null) {
        superseded = current;
        current.markCancelled();
      }
      setOptions(fetchOptions);
      next = new Fetch<>(this, options, client);
      fetch = next;
      dispatchLocked(new FetchStarted<>(!client.isOnline()));
    }
    notifyObservers();
    if (superseded != null) {
      superseded.handOver(next);
    }
    return new FetchTicket<>(next, true);
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
        landLocked(data, true, from.startSequence);
      } else {
        dispatchLocked(new FetchFailed<>(error, client.now()));
        refoldLocked();
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
   * discarded. Returns whether there was one; the caller re-evaluates the pin.
   */
  boolean cancel() {
    Fetch<T> cancelled;
    synchronized (this) {
      cancelled = fetch;
      if (cancelled == null) {
        return false;
      }
      fetch = null;
      cancelled.markCancelled();
      dispatchLocked(
          new FetchCancelled<>(
              cancelled.failureCountBefore,
              cancelled.failureReasonBefore,
              cancelled.statusBefore,
              cancelled.errorBefore));
      refoldLocked();
    }
    notifyObservers();
    cancelled.finishCancelled();
    return true;
  }

  // ---- observers -----------------------------------------------------------------------

  /** Called inside the cache's compute for this key. */
  synchronized void addObserver(QueryObserver<T> observer) {
    QueryObserver<?>[] current = observers;
    QueryObserver<?>[] next = Arrays.copyOf(current, current.length + 1);
    next[current.length] = observer;
    observers = next;
  }

  /** Called inside the cache's compute for this key. */
  synchronized boolean removeObserver(QueryObserver<T> observer) {
    QueryObserver<?>[] current = observers;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == observer) {
        QueryObserver<?>[] next = new QueryObserver<?>[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        observers = next;
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Query" + key + " " + state.status() + "/" + state.fetchStatus();
  }

  /** A fetch to wait for, and whether the caller must start it. */
  static final class FetchTicket<T> {
    private final Fetch<T> fetch;
    private final boolean isNew;

    FetchTicket(Fetch<T> fetch, boolean isNew) {
      this.fetch = fetch;
      this.isNew = isNew;
    }

    Fetch<T> fetch() {
      return fetch;
    }

    boolean isNew() {
      return isNew;
    }

    CompletableFuture<T> promise() {
      return fetch.promise();
    }
  }
}
