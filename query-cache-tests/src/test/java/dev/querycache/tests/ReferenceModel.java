package dev.querycache.tests;

import dev.querycache.internal.query.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A small, sequential reference model of a {@link QueryClient} over a few keys whose data is a
 * {@code List<Integer>}, for {@link ClientModelTest}. It knows nothing of the library's classes;
 * it states the specification (docs/mutations.md, "Overlapping writes", and the Javadoc of
 * {@link QueryClient}, {@link Query} and {@link Mutation}) as plain bookkeeping:
 *
 * <ul>
 *   <li><b>The server</b>: the data of each key. A mutation run that succeeds appends its value
 *       to its key's server data; nothing else changes it. A fetch answers with the server's
 *       data as it was when the fetch started (its snapshot).
 *   <li><b>Each cached query</b>: its confirmed data (what a fetch or a hand-written update last
 *       said), its pending optimistic layers in the order their runs started, whether a fetch is
 *       in flight (and which one), whether it is invalidated, how many observers it has, and
 *       whether it knows a query function. Its <em>visible</em> data is the confirmed data with
 *       every layer's patch (append the run's value) applied in order; a patch over no data
 *       gives no data.
 *   <li><b>After a success</b>: a layer whose run succeeded stays until data that includes
 *       the change lands: a fetch that started after the success, or data written by hand
 *       after it (both drop the layer; an update by hand starts from the confirmed data with
 *       the succeeded layers applied). Once its run has settled (after the settle refetch
 *       ended) it is folded into the confirmed data as soon as every layer below it is gone,
 *       no fetch is in flight, and no fetch that started after the success ended without data
 *       (such a layer waits for data, unfolded). A settled layer no longer pins its query.
 *   <li><b>Abandoned fetches</b>: the test polls every fetch's cancellation signal, so every
 *       fetch counts as one that uses it: when the last observer of a query leaves while it
 *       fetches, the fetch is cancelled.
 *   <li><b>Retention</b>: a query nobody observes, fetches or patches (unpinned) may be
 *       collected once it has been unpinned for the gc time, and must be collected once nothing
 *       has touched it for the gc time. The model does not guess the exact instant in between;
 *       {@link #reconcile} accepts what the client did inside that window.
 * </ul>
 *
 * <p>Futures are not modelled as futures: every fetch keeps the {@link Waiter}s that wait on it
 * and writes their expected outcome when it ends (or hands them to the fetch replacing it); the
 * test compares them with the real futures.
 */
final class ReferenceModel {
  /** The gc time the client under test is built with. */
  static final Duration GC_TIME = Duration.ofSeconds(10);

  private static final long GC_NANOS = GC_TIME.toNanos();

  final int keyCount;
  /** The server's data by key. */
  final List<List<Integer>> server = new ArrayList<>();
  /** The cached query by key, or null if not cached. */
  final @Nullable ModelQuery[] queries;
  /** How many times each key's query function was called (fetches started). */
  final int[] fetchCalls;
  /** How many times each key's mutation function was called (runs started). */
  final int[] mutationCalls;
  /**
   * How many times each key's scoped mutation function was called: runs of one scope call it
   * one after another, each once the one before has settled.
   */
  final int[] scopedCalls;
  /** The unsettled runs of each key's scope, in start order; the first one is executing. */
  final List<List<Run>> scopes = new ArrayList<>();
  /** Every run, in start order. */
  final List<Run> runs = new ArrayList<>();
  /** Every fetch that ended by cancellation or replacement: its late result must be discarded. */
  final List<ModelFetch> abandoned = new ArrayList<>();
  /** The failed runs (each shows one error toast). */
  int failedRuns;
  /** Coverage counters, for the test's statistics. */
  int collected;
  int replaced;
  int folded;
  int droppedByFetch;
  int droppedByWrite;
  int maxLayers;
  /** Orders fetch starts against mutation successes, as the client's sequence does. */
  private long sequence;
  private int instances;
  /** Virtual time, nanoseconds. */
  long now;

  ReferenceModel(int keyCount) {
    this.keyCount = keyCount;
    this.queries = new ModelQuery[keyCount];
    this.fetchCalls = new int[keyCount];
    this.mutationCalls = new int[keyCount];
    this.scopedCalls = new int[keyCount];
    for (int k = 0; k < keyCount; k++) {
      server.add(List.of(1000 * (k + 1)));
      scopes.add(new ArrayList<>());
    }
  }

  static List<Integer> append(List<Integer> data, int value) {
    List<Integer> out = new ArrayList<>(data.size() + 1);
    out.addAll(data);
    out.add(value);
    return List.copyOf(out);
  }

  // ---- the state ---------------------------------------------------------------------------

  enum RunStatus {
    /** The mutation function has not answered. */
    PENDING,
    /** Answered; the settle refetch is in flight. */
    SETTLING,
    /** Settled: the run's future is complete. */
    DONE
  }

  /** One run of a key's optimistic "append the value" mutation (plain, or scoped). */
  static final class Run {
    final int key;
    final int value;
    final boolean scoped;
    /** Index of the call to the key's (scoped) mutation function; -1 while queued. */
    int call = -1;
    /** The query instance that got this run's layer, or null (the key was not cached). */
    final @Nullable ModelQuery patched;
    RunStatus status = RunStatus.PENDING;
    boolean succeeded;

    Run(int key, int value, boolean scoped, @Nullable ModelQuery patched) {
      this.key = key;
      this.value = value;
      this.scoped = scoped;
      this.patched = patched;
    }

    /** Whether its mutation function was called and has not answered. */
    boolean executing() {
      return status == RunStatus.PENDING && call >= 0;
    }

    @Override
    public String toString() {
      return "run(k" + key + "+" + value + (scoped ? ", scoped" : "") + ", call " + call + ", " + status
          + (succeeded ? ", ok" : "") + ")";
    }
  }

  static final class Layer {
    final Run run;
    /** The sequence at the run's success, or zero while it is pending. */
    long successSequence;
    /** The run's settle step is done. */
    boolean settled;
    /** A fetch that started after the success ended without data. */
    boolean confirmationFailed;

    Layer(Run run) {
      this.run = run;
    }

    boolean succeeded() {
      return successSequence != 0;
    }

    boolean isIncludedIn(long fetchSequence) {
      return successSequence != 0 && fetchSequence > successSequence;
    }

    @Override
    public String toString() {
      return "+" + run.value + (successSequence != 0 ? "(ok)" : "") + (settled ? "(settled)" : "")
          + (confirmationFailed ? "(unconfirmed)" : "");
    }
  }

  /** Something waiting on a fetch: a {@code fetchQuery} future, or a run's settle step. */
  static final class Waiter {
    enum Outcome { WAITING, VALUE, FAILED, CANCELLED }

    final @Nullable Run settling; // null: a fetchQuery future
    Outcome outcome = Outcome.WAITING;
    @Nullable List<Integer> value;

    Waiter(@Nullable Run settling) {
      this.settling = settling;
    }
  }

  static final class ModelFetch {
    final int key;
    /** Index of the call to the key's query function. */
    final int call;
    final long startSequence;
    /** The server's data when the fetch started: what it answers. */
    final List<Integer> snapshot;
    final List<Waiter> waiters = new ArrayList<>();

    ModelFetch(int key, int call, long startSequence, List<Integer> snapshot) {
      this.key = key;
      this.call = call;
      this.startSequence = startSequence;
      this.snapshot = snapshot;
    }
  }

  static final class ModelQuery {
    final int key;
    final int instance;
    @Nullable List<Integer> confirmed;
    final List<Layer> layers = new ArrayList<>();
    @Nullable ModelFetch fetch;
    boolean invalidated;
    int observers;
    /** Observers that fetch by themselves ({@code enabled(true)}, the default). */
    int enabledObservers;
    boolean canFetch;
    /** When it last became unpinned (or was created unpinned). */
    long unpinnedSince;
    /** When anything last touched it. */
    long lastTouch;
    private boolean wasPinned;

    ModelQuery(int key, int instance, long now) {
      this.key = key;
      this.instance = instance;
      this.unpinnedSince = now;
      this.lastTouch = now;
    }

    @Nullable List<Integer> visible() {
      List<Integer> data = confirmed;
      for (Layer layer : layers) {
        data = data == null ? null : append(data, layer.run.value);
      }
      return data;
    }

    boolean pinned() {
      return observers > 0 || fetch != null || layers.stream().anyMatch(layer -> !layer.settled);
    }

    /** What an update by hand starts from: the confirmed data with the succeeded layers. */
    @Nullable List<Integer> writeBase() {
      List<Integer> data = confirmed;
      for (Layer layer : layers) {
        if (layer.succeeded()) {
          data = data == null ? null : append(data, layer.run.value);
        }
      }
      return data;
    }

    void touch(long now) {
      lastTouch = now;
      boolean pinnedNow = pinned();
      if (wasPinned && !pinnedNow) {
        unpinnedSince = now;
      }
      wasPinned = pinnedNow;
    }

    @Override
    public String toString() {
      return "q" + key + "#" + instance + "{confirmed=" + confirmed + ", layers=" + layers
          + ", fetch=" + (fetch == null ? "-" : "call " + fetch.call + "@" + fetch.startSequence + " " + fetch.snapshot)
          + (invalidated ? ", invalidated" : "") + ", observers=" + observers + "(" + enabledObservers + " enabled)"
          + (canFetch ? "" : ", no function") + "}";
    }
  }

  // ---- operations --------------------------------------------------------------------------

  @Nullable ModelQuery query(int key) {
    return queries[key];
  }

  private ModelQuery create(int key, boolean canFetch) {
    ModelQuery query = new ModelQuery(key, ++instances, now);
    query.canFetch = canFetch;
    queries[key] = query;
    return query;
  }

  private void touch(int key) {
    ModelQuery query = queries[key];
    if (query != null) {
      query.touch(now);
    }
  }

  /**
   * {@code setQueryData}: hand-written data becomes the confirmed data; the layers of runs
   * that succeeded go (the data includes them), the pending ones stay on top.
   */
  void setData(int key, List<Integer> data) {
    ModelQuery query = queries[key];
    if (query == null) {
      query = create(key, false);
    }
    land(query, data, false, 0);
    touch(key);
  }

  /**
   * {@code updateQueryData}: the updater sees the confirmed data with the succeeded layers
   * (null if none).
   */
  void updateData(int key, UnaryOperator<@Nullable List<Integer>> updater) {
    ModelQuery query = queries[key];
    List<Integer> after = updater.apply(query == null ? null : query.writeBase());
    if (after == null) {
      return; // no change, nothing created
    }
    if (query == null) {
      query = create(key, false);
    }
    land(query, after, false, 0);
    touch(key);
  }

  /**
   * {@code setQueriesData} over every key: each cached query with data gets the updater's
   * result as confirmed data (layers stay on top); a null result leaves it alone.
   */
  void setAllData(UnaryOperator<List<Integer>> updater) {
    for (int key = 0; key < keyCount; key++) {
      ModelQuery query = queries[key];
      if (query != null && query.confirmed != null) {
        List<Integer> after = updater.apply(query.writeBase());
        if (after != null) {
          land(query, after, false, 0);
        }
        touch(key);
      }
    }
  }

  /**
   * {@code resetQueries(exact)}: the fetch is cancelled, the query goes back to no data (its
   * pending layers stay, over nothing), and an observed one refetches.
   */
  void reset(int key) {
    ModelQuery query = queries[key];
    if (query == null) {
      return;
    }
    cancel(key);
    query.confirmed = null;
    query.invalidated = false;
    if (query.enabledObservers > 0 && query.canFetch) {
      beginFetch(query, true);
    }
    touch(key);
  }

  /** {@code fetchQuery}: creates the query, joins the fetch in flight or starts one. */
  Waiter fetchQuery(int key) {
    ModelQuery query = queries[key];
    if (query == null) {
      query = create(key, true);
    }
    ModelFetch fetch = beginFetch(query, false);
    query.canFetch = true;
    Waiter waiter = new Waiter(null);
    fetch.waiters.add(waiter);
    touch(key);
    return waiter;
  }

  /** {@code refetchQueries(exact)}: a query that knows its function refetches, replacing. */
  void refetch(int key) {
    ModelQuery query = queries[key];
    if (query != null && query.canFetch && (query.observers == 0 || query.enabledObservers > 0)) {
      beginFetch(query, true);
    }
    touch(key);
  }

  /**
   * {@code observe}: attaches (creating the query); an enabled observer fetches (joining the
   * fetch in flight), data being always stale with a stale time of zero.
   */
  void subscribe(int key, boolean enabled) {
    ModelQuery query = queries[key];
    if (query == null) {
      query = create(key, true);
    }
    query.canFetch = true;
    query.observers++;
    if (enabled) {
      query.enabledObservers++;
      beginFetch(query, false);
    }
    touch(key);
  }

  /** An observer closes; the last one leaving cancels the fetch in flight (see the class comment). */
  void unsubscribe(int key, boolean enabled) {
    ModelQuery query = java.util.Objects.requireNonNull(queries[key], "observed query");
    query.observers--;
    if (enabled) {
      query.enabledObservers--;
    }
    if (query.observers == 0 && query.fetch != null) {
      cancel(key);
    }
    touch(key);
  }

  /** {@code invalidateQueries(exact)}: marks it invalid; an observed one refetches. */
  void invalidate(int key) {
    invalidateForSettle(key, null);
  }

  /** Invalidates as the settle step does; {@code run} waits on the refetch, if one starts. */
  private void invalidateForSettle(int key, @Nullable Run run) {
    ModelQuery query = queries[key];
    if (query == null) {
      if (run != null) {
        settled(run);
      }
      return;
    }
    query.invalidated = true;
    if (query.enabledObservers > 0 && query.canFetch) {
      ModelFetch fetch = beginFetch(query, true);
      if (run != null) {
        fetch.waiters.add(new Waiter(run));
      }
    } else if (run != null) {
      settled(run);
    }
    touch(key);
  }

  /** {@code cancelQueries(exact)}. */
  void cancel(int key) {
    ModelQuery query = queries[key];
    if (query != null && query.fetch != null) {
      ModelFetch fetch = query.fetch;
      query.fetch = null;
      endedWithoutData(query, fetch);
      abandoned.add(fetch);
      endWaiters(fetch, Waiter.Outcome.CANCELLED, null);
    }
    touch(key);
  }

  /** {@code removeQueries(exact)}: gone; its observers move to a new, empty query. */
  void remove(int key) {
    ModelQuery query = queries[key];
    if (query == null) {
      return;
    }
    queries[key] = null;
    ModelFetch fetch = query.fetch;
    if (fetch != null) {
      query.fetch = null;
      abandoned.add(fetch);
      endWaiters(fetch, Waiter.Outcome.CANCELLED, null);
    }
    if (query.observers > 0) {
      ModelQuery successor = create(key, true);
      successor.observers = query.observers;
      successor.enabledObservers = query.enabledObservers;
      touch(key);
    }
  }

  /** The fetch of {@code key} in flight answers with its snapshot. */
  void completeFetch(int key) {
    ModelQuery query = java.util.Objects.requireNonNull(queries[key]);
    ModelFetch fetch = java.util.Objects.requireNonNull(query.fetch);
    query.fetch = null;
    land(query, fetch.snapshot, true, fetch.startSequence);
    touch(key);
    endWaiters(fetch, Waiter.Outcome.VALUE, query.visible());
    touch(key);
  }

  /** The fetch of {@code key} in flight fails (no retries). */
  void failFetch(int key) {
    ModelQuery query = java.util.Objects.requireNonNull(queries[key]);
    ModelFetch fetch = java.util.Objects.requireNonNull(query.fetch);
    query.fetch = null;
    endedWithoutData(query, fetch);
    touch(key);
    endWaiters(fetch, Waiter.Outcome.FAILED, null);
    touch(key);
  }

  /**
   * An optimistic run starts: the key's fetch is cancelled if the query shows data (a first
   * load goes on), then its layer added on top; its mutation function is called at once, or,
   * for a scoped run, once the runs of its scope before it have settled.
   */
  Run mutate(int key, int value, boolean scoped) {
    ModelQuery query = queries[key];
    if (query != null && query.visible() != null) {
      cancel(key);
      query = queries[key];
    }
    Run run = new Run(key, value, scoped, query);
    if (!scoped) {
      run.call = mutationCalls[key]++;
    } else {
      List<Run> scope = scopes.get(key);
      scope.add(run);
      if (scope.size() == 1) {
        run.call = scopedCalls[key]++;
      }
    }
    runs.add(run);
    if (query != null) {
      query.layers.add(new Layer(run));
      normalize(query);
      touch(key);
    }
    return run;
  }

  /** The server accepts {@code run}: the server changes; the settle invalidation starts. */
  void succeed(Run run) {
    check(run.executing(), "run not executing: " + run);
    server.set(run.key, append(server.get(run.key), run.value));
    long success = ++sequence;
    run.succeeded = true;
    run.status = RunStatus.SETTLING;
    if (run.patched != null) {
      for (Layer layer : run.patched.layers) {
        if (layer.run == run) {
          layer.successSequence = success;
        }
      }
    }
    invalidateForSettle(run.key, run);
    touch(run.key);
  }

  /** The server refuses {@code run}: its layer goes (the others stay); settle invalidation. */
  void fail(Run run) {
    check(run.executing(), "run not executing: " + run);
    failedRuns++;
    run.status = RunStatus.SETTLING;
    ModelQuery patched = run.patched;
    if (patched != null && patched == queries[run.key]) {
      patched.layers.removeIf(layer -> layer.run == run);
      normalize(patched);
      touch(run.key);
    }
    invalidateForSettle(run.key, run);
    touch(run.key);
  }

  /** The settle refetch of {@code run} ended (or none was needed): fold, complete. */
  private void settled(Run run) {
    run.status = RunStatus.DONE;
    ModelQuery patched = run.patched;
    if (run.succeeded && patched != null && patched == queries[run.key]) {
      for (Layer layer : patched.layers) {
        if (layer.run == run) {
          layer.settled = true;
        }
      }
      normalize(patched);
      touch(run.key);
    }
    if (run.scoped) {
      List<Run> scope = scopes.get(run.key);
      scope.remove(run);
      if (!scope.isEmpty()) {
        scope.get(0).call = scopedCalls[run.key]++;
      }
    }
  }

  void advance(Duration amount) {
    now += amount.toNanos();
  }

  // ---- the rules ---------------------------------------------------------------------------

  /**
   * Joins the fetch in flight, or starts one: a {@code replace} of a fetch in flight on a query
   * with (visible) data cancels it and hands its waiters to the new one.
   */
  private ModelFetch beginFetch(ModelQuery query, boolean replace) {
    ModelFetch current = query.fetch;
    if (current != null && !(replace && query.visible() != null)) {
      return current;
    }
    ModelFetch next =
        new ModelFetch(query.key, fetchCalls[query.key]++, ++sequence, server.get(query.key));
    if (current != null) {
      replaced++;
      abandoned.add(current);
      next.waiters.addAll(current.waiters);
      current.waiters.clear();
    }
    query.fetch = next;
    return next;
  }

  /**
   * Data lands: it becomes the confirmed data; a fetch's data drops the layers it includes, and
   * data written by hand drops every succeeded one.
   */
  private void land(ModelQuery query, List<Integer> data, boolean fromFetch, long fetchSequence) {
    query.confirmed = data;
    query.invalidated = false;
    int before = query.layers.size();
    if (fromFetch) {
      query.layers.removeIf(layer -> layer.isIncludedIn(fetchSequence));
      droppedByFetch += before - query.layers.size();
    } else {
      query.layers.removeIf(Layer::succeeded);
      droppedByWrite += before - query.layers.size();
    }
    normalize(query);
  }

  /** A fetch ended without data: the succeeded layers it was to confirm stay unconfirmed. */
  private void endedWithoutData(ModelQuery query, ModelFetch fetch) {
    for (Layer layer : query.layers) {
      if (layer.isIncludedIn(fetch.startSequence)) {
        layer.confirmationFailed = true;
      }
    }
    normalize(query);
  }

  /**
   * Folds the settled layers at the bottom into the confirmed data, as long as no fetch is in
   * flight and no fetch tried and failed to confirm them.
   */
  private void normalize(ModelQuery query) {
    maxLayers = Math.max(maxLayers, query.layers.size());
    while (!query.layers.isEmpty()) {
      Layer bottom = query.layers.get(0);
      boolean canFold = bottom.settled && bottom.succeeded() && !bottom.confirmationFailed && query.fetch == null;
      if (!canFold) {
        return;
      }
      query.confirmed = query.confirmed == null ? null : append(query.confirmed, bottom.run.value);
      query.layers.remove(0);
      folded++;
    }
  }

  private void endWaiters(ModelFetch fetch, Waiter.Outcome outcome, @Nullable List<Integer> value) {
    List<Waiter> waiters = new ArrayList<>(fetch.waiters);
    fetch.waiters.clear();
    for (Waiter waiter : waiters) {
      waiter.outcome = outcome;
      waiter.value = value;
      if (waiter.settling != null) {
        settled(waiter.settling);
      }
    }
  }

  /**
   * Reconciles retention with what the client shows: returns null if the client's presence is
   * allowed (dropping a collected query from the model), else what is wrong.
   */
  @Nullable String reconcile(int key, boolean clientHasIt) {
    ModelQuery query = queries[key];
    if (query == null) {
      return clientHasIt ? "the client caches k" + key + ", which the model says is not cached" : null;
    }
    if (query.pinned()) {
      return clientHasIt ? null : "the client dropped k" + key + ", which is pinned: " + query;
    }
    if (!clientHasIt) {
      if (now - query.unpinnedSince < GC_NANOS) {
        return "the client dropped k" + key + " " + (now - query.unpinnedSince) / 1_000_000
            + " ms after it was unpinned, before its gc time: " + query;
      }
      queries[key] = null;
      collected++;
      return null;
    }
    if (now - query.lastTouch > GC_NANOS) {
      return "the client still caches k" + key + ", untouched and unpinned for "
          + (now - query.lastTouch) / 1_000_000 + " ms, past its gc time: " + query;
    }
    return null;
  }

  int pendingRuns() {
    int count = 0;
    for (Run run : runs) {
      if (run.status != RunStatus.DONE) {
        count++;
      }
    }
    return count;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("model{t=" + now / 1_000_000 + "ms, server=" + server);
    for (int k = 0; k < keyCount; k++) {
      out.append(", ").append(queries[k] == null ? "k" + k + " absent" : queries[k]);
    }
    return out.append(", runs=").append(runs).append('}').toString();
  }
}
