package dev.querycache.tests;

import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.tests.ReferenceModel.ModelFetch;
import dev.querycache.tests.ReferenceModel.ModelQuery;
import dev.querycache.tests.ReferenceModel.Run;
import dev.querycache.tests.ReferenceModel.RunStatus;
import dev.querycache.tests.ReferenceModel.Waiter;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.QueryCall;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.ToastTexts.texts;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based test of the {@link QueryClient}: random sequences of operations over three keys
 * (holding {@code List<Integer>}) are run against a client and against {@link ReferenceModel},
 * and after every step the two must agree; after quiescence the cache must equal the server.
 *
 * <p><b>Operations</b>: {@code setQueryData}, {@code updateQueryData} (including an updater that
 * returns null), {@code setQueriesData} over all keys, {@code fetchQuery}, {@code refetchQueries},
 * completing and failing the fetch in flight (no retries), completing or failing a cancelled or
 * replaced fetch late, {@code cancelQueries}, {@code invalidateQueries}, {@code removeQueries},
 * {@code resetQueries}, opening and closing observers (enabled, or disabled: those never fetch by
 * themselves), starting optimistic runs (each appends its value to its key's list; several runs
 * overlap on one key; runs of a scoped mutation call its function one after another), their
 * success or failure in any order, and advancing virtual time (which lets the gc time of 10 s
 * run out). Query functions and mutation functions are {@link ControllableQuery} and
 * {@link ControllableMutation}; time is {@link VirtualTime}; notification is synchronous.
 *
 * <p><b>After every step</b>, for each key: whether it is cached (retention: pinned queries stay,
 * unpinned ones go within the window the model allows), its visible data, its number of
 * optimistic layers, its fetch status, its invalidation flag and observer count; how many times
 * the query and mutation functions were called (so deduplication and replacement are exact);
 * that the fetch in flight is not cancelled and every abandoned one is; that every open
 * observer's last result is the query's current state and closed ones hear nothing more; the
 * futures of {@code fetchQuery} calls and of runs (done exactly when the model says, with the
 * right value or error); {@code isMutating}; and one error toast per failed run.
 *
 * <p><b>Quiescence</b>: every pending run succeeds, every fetch in flight lands, then every key
 * is fetched once more and lands the server's data. Then each key's visible data equals the
 * server's (which every successful run changed), no layer is left, nothing is fetching or
 * mutating, every future is complete and every observer saw the final data.
 *
 * <p><b>Left out on purpose</b>: the query's status (pending, success, error) and timestamps,
 * whose rules for patches over no data are the implementation's to choose (the one rule the
 * documentation states, that a cancel puts them back, is pinned down by an example below); and
 * the exact instant an unpinned query is collected (the model accepts any instant between "gc
 * time after it was unpinned" and "gc time after anything last touched it").
 *
 * <p><b>Runs.</b> The normal build runs {@value #TRIES} sequences of up to {@value #STEPS}
 * steps, drawn and shrunk by {@link SequenceCheck}. {@code -Dquerycache.longRun=true}
 * multiplies the sequences by {@value #LONG_RUN_FACTOR} (or by
 * {@code -Dquerycache.longRun.factor=N}); {@code -Dquerycache.seed=S} fixes the seed the
 * sequences are drawn from; a failure prints the failing sequence, shrunk, and its own seed,
 * which {@code -Dquerycache.sequenceSeed=S} runs alone, for example
 * {@code ./mvnw -pl query-cache test -Dtest=ClientModelTest -Dquerycache.sequenceSeed=-1234}.
 * The test also checks that the sequences reached what they are for: layers dropped by a
 * later fetch, layers folded, fetches replaced, queries collected, runs failed.
 */
class ClientModelTest {
  static final int TRIES = 10_000;
  static final int STEPS = 50;
  static final int LONG_RUN_FACTOR = 20;
  static final int KEYS = 3;

  @Test
  void clientAgreesWithTheModelAfterEveryStepAndWithTheServerAtQuiescence() {
    long seed = Long.getLong("querycache.seed", System.nanoTime());
    int tries = Boolean.getBoolean("querycache.longRun")
        ? Math.multiplyExact(TRIES, Integer.getInteger("querycache.longRun.factor", LONG_RUN_FACTOR))
        : TRIES;
    Coverage coverage = new Coverage();
    new SequenceCheck<>(Harness::new, steps(), STEPS, Harness::check, harness -> {
          harness.quiesce();
          harness.checkQuiescent();
        })
        .run(seed, tries, harness -> coverage.add(harness.model));
    if (Long.getLong("querycache.sequenceSeed") == null) {
      coverage.assertReached("seed " + seed);
    }
  }

  /** What the sequences reached, over a whole run: a vacuous run fails. */
  static final class Coverage {
    int droppedByFetch;
    int folded;
    int replaced;
    int collected;
    int failedRuns;
    int maxLayers;

    void add(ReferenceModel model) {
      droppedByFetch += model.droppedByFetch;
      folded += model.folded;
      replaced += model.replaced;
      collected += model.collected;
      failedRuns += model.failedRuns;
      maxLayers = Math.max(maxLayers, model.maxLayers);
    }

    void assertReached(String run) {
      assertThat(droppedByFetch).as("%s: layers dropped by a later fetch", run).isPositive();
      assertThat(folded).as("%s: layers folded", run).isPositive();
      assertThat(replaced).as("%s: fetches replaced", run).isPositive();
      assertThat(collected).as("%s: queries collected", run).isPositive();
      assertThat(failedRuns).as("%s: runs failed", run).isPositive();
      assertThat(maxLayers).as("%s: most layers on one key", run).isGreaterThanOrEqualTo(3);
    }
  }

  // ---- examples the model led to ----------------------------------------------------------

  /**
   * {@link QueryClient#cancelQueries}: "its data, status and error are untouched (a fetch changes
   * them only when it lands...)". A fetch of a query without data does change them when it
   * starts (error to pending, the error cleared), so a cancel must put them back: the model
   * leaves status out of its comparison, this example pins it down.
   */
  @Test
  void cancellingARefetchAfterAFailedFirstFetchKeepsTheErrorStatus() {
    VirtualTime time = new VirtualTime();
    QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
    QueryKey<List<Integer>> key = QueryKey.of("model", "error-then-cancel");
    ControllableQuery<List<Integer>> fetcher = new ControllableQuery<>();
    QueryOptions<List<Integer>> options = QueryOptions.builder(key).asyncFetcher(fetcher).retry(0).build();
    IOException boom = new IOException("boom");
    client.fetchQuery(options);
    fetcher.fail(boom);
    QueryState<List<Integer>> failed = client.getQueryState(key).orElseThrow();
    assertThat(failed.status()).isEqualTo(QueryStatus.ERROR);

    client.fetchQuery(options);
    client.cancelQueries(QueryFilter.exact(key));

    QueryState<List<Integer>> after = client.getQueryState(key).orElseThrow();
    assertThat(after.fetchStatus()).isEqualTo(FetchStatus.IDLE);
    assertThat(after.fetchFailureCount()).isEqualTo(failed.fetchFailureCount());
    assertThat(after.status()).as("status after the cancel").isEqualTo(QueryStatus.ERROR);
    assertThat(after.error()).as("error after the cancel").isSameAs(boom);
  }

  /** The steps and their weights. */
  private static List<SequenceCheck.Kind<Harness>> steps() {
    return List.of(
        perKeyAndValue("setQueryData", 3, Harness::set),
        perKeyAndValue("updateQueryData", 3, Harness::update),
        perKey("setQueriesData", 1, Harness::setAll),
        perKey("fetchQuery", 3, Harness::fetch),
        perKey("refetchQueries", 1, Harness::refetch),
        when("completeFetch", 6, Harness::anyFetching, Harness::completeFetch),
        when("failFetch", 2, Harness::anyFetching, Harness::failFetch),
        when("lateResult", 1, Harness::anyAbandonedPending, Harness::lateResult),
        perKey("cancelQueries", 2, Harness::cancel),
        perKey("invalidateQueries", 2, Harness::invalidate),
        perKey("removeQueries", 1, Harness::remove),
        perKey("resetQueries", 1, Harness::reset),
        perKey("observe", 3, (h, k) -> h.subscribe(k, true)),
        perKey("observeDisabled", 1, (h, k) -> h.subscribe(k, false)),
        when("closeObserver", 2, Harness::anyObserver, Harness::unsubscribe),
        perKeyAndValue("mutate", 4, (h, k, v) -> h.mutate(k, v, false)),
        perKeyAndValue("mutateScoped", 2, (h, k, v) -> h.mutate(k, v, true)),
        when("mutationSucceeds", 4, Harness::anyPendingRun, Harness::succeed),
        when("mutationFails", 3, Harness::anyPendingRun, Harness::fail),
        SequenceCheck.Kind.<Harness>of("advance", 2, ADVANCES.length, 1, (h, choice, unused) -> h.advance(ADVANCES[choice])));
  }

  @FunctionalInterface
  interface TriConsumer<A, B, C> {
    void accept(A a, B b, C c);
  }

  /** Seconds virtual time may move by in one step (the gc time is 10 s). */
  private static final int[] ADVANCES = {0, 1, 4, 9, 11};

  private static SequenceCheck.Kind<Harness> perKey(String name, int weight, BiConsumer<Harness, Integer> step) {
    return SequenceCheck.Kind.of(name, weight, KEYS, 1, (h, k, unused) -> step.accept(h, k));
  }

  /** A step on a key with a value from -1 to 9. */
  private static SequenceCheck.Kind<Harness> perKeyAndValue(String name, int weight, TriConsumer<Harness, Integer, Integer> step) {
    return SequenceCheck.Kind.of(name, weight, KEYS, 11, (h, k, v) -> step.accept(h, k, v - 1));
  }

  /** A step on one of several candidates: the choice picks one, modulo their number. */
  private static SequenceCheck.Kind<Harness> when(
      String name, int weight, Predicate<Harness> precondition, BiConsumer<Harness, Integer> step) {
    return SequenceCheck.Kind.when(name, weight, precondition, 8, 1, (h, choice, unused) -> step.accept(h, choice));
  }

  // ---- the client and the model side by side ---------------------------------------------

  /** A client under test, the model, and what the test has handed out (futures, observers). */
  static final class Harness {
    final VirtualTime time = new VirtualTime();
    final RecordingToaster toaster = new RecordingToaster();
    final QueryClient client =
        time.clientBuilder()
            .toaster(toaster)
            .defaults(QuerySettings.builder().retry(0).gcTime(ReferenceModel.GC_TIME).build())
            .build();
    final ReferenceModel model = new ReferenceModel(KEYS);
    final List<QueryKey<List<Integer>>> keys = new ArrayList<>();
    final List<ControllableQuery<List<Integer>>> fetchers = new ArrayList<>();
    final List<QueryOptions<List<Integer>>> options = new ArrayList<>();
    final List<ControllableMutation<Integer, Boolean>> servers = new ArrayList<>();
    final List<Mutation<Integer, Boolean, Void>> mutations = new ArrayList<>();
    final List<ControllableMutation<Integer, Boolean>> scopedServers = new ArrayList<>();
    final List<Mutation<Integer, Boolean, Void>> scopedMutations = new ArrayList<>();
    final List<Observed> observers = new ArrayList<>();
    final List<Closed> closed = new ArrayList<>();
    final List<TrackedRun> runs = new ArrayList<>();
    final List<TrackedFetch> fetches = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    Harness() {
      for (int k = 0; k < KEYS; k++) {
        QueryKey<List<Integer>> key = QueryKey.of("model", k);
        ControllableQuery<List<Integer>> fetcher = new ControllableQuery<>();
        ControllableMutation<Integer, Boolean> server = new ControllableMutation<>();
        keys.add(key);
        fetchers.add(fetcher);
        options.add(QueryOptions.builder(key).asyncFetcher(fetcher).build());
        servers.add(server);
        mutations.add(
            client.asyncMutation(server)
                .optimistic(key, (List<Integer> data, Integer value) -> ReferenceModel.append(data, value))
                .errorMessage("could not append to k" + k)
                .build());
        ControllableMutation<Integer, Boolean> scopedServer = new ControllableMutation<>();
        scopedServers.add(scopedServer);
        scopedMutations.add(
            client.asyncMutation(scopedServer)
                .scope("scope-k" + k)
                .optimistic(key, (List<Integer> data, Integer value) -> ReferenceModel.append(data, value))
                .errorMessage("could not append to k" + k + " in turn")
                .build());
      }
    }

    record Observed(
        int key, boolean enabled, QueryObserver<List<Integer>> observer, List<QueryResult<List<Integer>>> results) {}

    /** A closed observer: its listener's results, and how many there were when it closed. */
    record Closed(int key, List<QueryResult<List<Integer>>> results, int atClose) {}

    record TrackedRun(Run run, CompletableFuture<Boolean> future, @Nullable Throwable[] error) {}

    record TrackedFetch(int key, Waiter waiter, CompletableFuture<List<Integer>> future) {}

    // ---- steps -----------------------------------------------------------------------------

    void set(int k, int value) {
      List<Integer> data = List.of(value, value);
      step("setQueryData(k" + k + ", " + data + ")");
      client.setQueryData(keys.get(k), data);
      model.setData(k, data);
    }

    void update(int k, int value) {
      UnaryOperator<@Nullable List<Integer>> updater =
          current -> value < 0 ? null : current == null ? List.of(value) : ReferenceModel.append(current, value);
      step("updateQueryData(k" + k + ", " + (value < 0 ? "-> null" : "append " + value) + ")");
      client.updateQueryData(keys.get(k), updater);
      model.updateData(k, updater);
    }

    /** {@code setQueriesData} over every key: append {@code value}, or no change if it is 0. */
    void setAll(int value) {
      UnaryOperator<List<Integer>> updater = current -> value == 0 ? null : ReferenceModel.append(current, -value);
      step("setQueriesData(prefix model, " + (value == 0 ? "-> null" : "append " + -value) + ")");
      client.setQueriesData(QueryFilter.prefix("model"), updater);
      model.setAllData(updater);
    }

    void reset(int k) {
      step("resetQueries(exact k" + k + ")");
      client.resetQueries(QueryFilter.exact(keys.get(k)));
      model.reset(k);
    }

    void fetch(int k) {
      step("fetchQuery(k" + k + ")");
      CompletableFuture<List<Integer>> future = client.fetchQuery(options.get(k));
      fetches.add(new TrackedFetch(k, model.fetchQuery(k), future));
    }

    void refetch(int k) {
      step("refetchQueries(exact k" + k + ")");
      client.refetchQueries(QueryFilter.exact(keys.get(k)));
      model.refetch(k);
    }

    boolean anyFetching() {
      return !fetchingKeys().isEmpty();
    }

    private List<Integer> fetchingKeys() {
      List<Integer> out = new ArrayList<>();
      for (int k = 0; k < KEYS; k++) {
        ModelQuery query = model.query(k);
        if (query != null && query.fetch != null) {
          out.add(k);
        }
      }
      return out;
    }

    void completeFetch(int choice) {
      List<Integer> fetching = fetchingKeys();
      if (fetching.isEmpty()) {
        return;
      }
      int k = fetching.get(choice % fetching.size());
      ModelFetch fetch = java.util.Objects.requireNonNull(model.query(k)).fetch;
      step("fetch of k" + k + " (call " + fetch.call + ") lands " + fetch.snapshot);
      fetchers.get(k).call(fetch.call).resolve(fetch.snapshot);
      model.completeFetch(k);
    }

    void failFetch(int choice) {
      List<Integer> fetching = fetchingKeys();
      if (fetching.isEmpty()) {
        return;
      }
      int k = fetching.get(choice % fetching.size());
      ModelFetch fetch = java.util.Objects.requireNonNull(model.query(k)).fetch;
      step("fetch of k" + k + " (call " + fetch.call + ") fails");
      fetchers.get(k).call(fetch.call).fail(new IOException("fetch of k" + k + " failed"));
      model.failFetch(k);
    }

    boolean anyAbandonedPending() {
      return !abandonedPending().isEmpty();
    }

    private List<ModelFetch> abandonedPending() {
      List<ModelFetch> out = new ArrayList<>();
      for (ModelFetch fetch : model.abandoned) {
        if (fetchers.get(fetch.key).call(fetch.call).isPending()) {
          out.add(fetch);
        }
      }
      return out;
    }

    /** A cancelled or replaced fetch answers anyway: its result must be discarded. */
    void lateResult(int choice) {
      List<ModelFetch> pending = abandonedPending();
      if (pending.isEmpty()) {
        return;
      }
      ModelFetch fetch = pending.get(choice % pending.size());
      QueryCall<List<Integer>> late = fetchers.get(fetch.key).call(fetch.call);
      if (choice % 2 == 0) {
        step("abandoned fetch of k" + fetch.key + " (call " + fetch.call + ") lands late");
        late.resolve(List.of(-1, -1, -1));
      } else {
        step("abandoned fetch of k" + fetch.key + " (call " + fetch.call + ") fails late");
        late.fail(new IOException("late"));
      }
    }

    void cancel(int k) {
      step("cancelQueries(exact k" + k + ")");
      client.cancelQueries(QueryFilter.exact(keys.get(k)));
      model.cancel(k);
    }

    void invalidate(int k) {
      step("invalidateQueries(exact k" + k + ")");
      client.invalidateQueries(QueryFilter.exact(keys.get(k)));
      model.invalidate(k);
    }

    void remove(int k) {
      step("removeQueries(exact k" + k + ")");
      client.removeQueries(QueryFilter.exact(keys.get(k)));
      model.remove(k);
    }

    void subscribe(int k, boolean enabled) {
      step("observe(k" + k + (enabled ? ")" : ", disabled)"));
      List<QueryResult<List<Integer>>> results = new ArrayList<>();
      QueryOptions<List<Integer>> observed =
          enabled ? options.get(k) : options.get(k).toBuilder().enabled(false).build();
      QueryObserver<List<Integer>> observer = client.observe(observed, results::add);
      observers.add(new Observed(k, enabled, observer, results));
      model.subscribe(k, enabled);
    }

    boolean anyObserver() {
      return !observers.isEmpty();
    }

    void unsubscribe(int choice) {
      if (observers.isEmpty()) {
        return;
      }
      Observed observed = observers.remove(choice % observers.size());
      step("close an observer of k" + observed.key() + (observed.enabled() ? "" : " (disabled)"));
      observed.observer().close();
      closed.add(new Closed(observed.key(), observed.results(), observed.results().size()));
      model.unsubscribe(observed.key(), observed.enabled());
    }

    void mutate(int k, int value, boolean scoped) {
      int v = value + 10; // positive, apart from the data written by hand
      step("mutate(k" + k + ", append " + v + (scoped ? ", scoped)" : ")"));
      CompletableFuture<Boolean> future = (scoped ? scopedMutations : mutations).get(k).mutate(v);
      runs.add(new TrackedRun(model.mutate(k, v, scoped), future, new Throwable[1]));
    }

    private ControllableMutation<Integer, Boolean> serverOf(Run run) {
      return (run.scoped ? scopedServers : servers).get(run.key);
    }

    boolean anyPendingRun() {
      return !pendingRuns().isEmpty();
    }

    private List<TrackedRun> pendingRuns() {
      List<TrackedRun> out = new ArrayList<>();
      for (TrackedRun run : runs) {
        if (run.run().executing()) {
          out.add(run);
        }
      }
      return out;
    }

    void succeed(int choice) {
      List<TrackedRun> pending = pendingRuns();
      if (pending.isEmpty()) {
        return;
      }
      succeed(pending.get(choice % pending.size()));
    }

    private void succeed(TrackedRun tracked) {
      Run run = tracked.run();
      step("server accepts " + run);
      serverOf(run).call(run.call).resolve(true);
      model.succeed(run);
    }

    void fail(int choice) {
      List<TrackedRun> pending = pendingRuns();
      if (pending.isEmpty()) {
        return;
      }
      TrackedRun tracked = pending.get(choice % pending.size());
      Run run = tracked.run();
      step("server refuses " + run);
      IOException error = new IOException("refused " + run);
      tracked.error()[0] = error;
      serverOf(run).call(run.call).fail(error);
      model.fail(run);
    }

    void advance(int seconds) {
      step("advance " + seconds + " s");
      time.advance(Duration.ofSeconds(seconds));
      model.advance(Duration.ofSeconds(seconds));
    }

    private void step(String description) {
      log.add(description);
    }

    // ---- quiescence ------------------------------------------------------------------------

    /**
     * Every pending run succeeds and every fetch lands, until nothing is left (a scoped run
     * starts once the one before it settled); then every key is fetched once more.
     */
    void quiesce() {
      step("-- quiescence --");
      while (model.pendingRuns() > 0 || anyFetching()) {
        for (TrackedRun run : pendingRuns()) {
          succeed(run);
          check();
        }
        while (anyFetching()) {
          completeFetch(0);
          check();
        }
      }
      for (int k = 0; k < KEYS; k++) {
        fetch(k);
        check();
        completeFetch(fetchingKeys().indexOf(k));
        check();
      }
    }

    void checkQuiescent() {
      for (int k = 0; k < KEYS; k++) {
        QueryState<List<Integer>> state = client.getQueryState(keys.get(k)).orElseThrow();
        int key = k;
        assertThat(state.data()).as(() -> describe("k" + key + " equals the server's data")).isEqualTo(model.server.get(k));
        assertThat(state.optimisticLayers()).as(() -> describe("k" + key + " has no layer left")).isZero();
        assertThat(state.fetchStatus()).as(() -> describe("k" + key + " is idle")).isEqualTo(FetchStatus.IDLE);
      }
      assertThat(client.isMutating(MutationFilter.all())).as(() -> describe("nothing is mutating")).isZero();
      assertThat(client.isFetching(QueryFilter.all())).as(() -> describe("nothing is fetching")).isZero();
      for (TrackedRun run : runs) {
        assertThat(run.future()).as(() -> describe(run.run() + " is complete")).isDone();
      }
      for (TrackedFetch fetch : fetches) {
        assertThat(fetch.future()).as(() -> describe("every fetchQuery future is complete")).isDone();
      }
      for (Observed observed : observers) {
        List<QueryResult<List<Integer>>> results = observed.results();
        assertThat(results).isNotEmpty();
        assertThat(results.get(results.size() - 1).data())
            .as(() -> describe("an observer of k" + observed.key() + " saw the final data"))
            .isEqualTo(model.server.get(observed.key()));
      }
    }

    // ---- the invariant ---------------------------------------------------------------------

    void check() {
      for (int k = 0; k < KEYS; k++) {
        checkKey(k);
      }
      for (ModelFetch fetch : model.abandoned) {
        assertThat(fetchers.get(fetch.key).call(fetch.call).isCancelled())
            .as(() -> describe("the abandoned fetch of k" + fetch.key + " (call " + fetch.call + ") is cancelled"))
            .isTrue();
      }
      for (TrackedRun tracked : runs) {
        checkRun(tracked);
      }
      assertThat(client.isMutating(MutationFilter.all()))
          .as(() -> describe("isMutating counts the runs not settled"))
          .isEqualTo(model.pendingRuns());
      assertThat(texts(toaster))
          .as(() -> describe("one error toast per failed run, no other toast"))
          .hasSize(model.failedRuns)
          .allMatch(toast -> toast.startsWith("error:"));
      for (TrackedFetch fetch : fetches) {
        checkFetchFuture(fetch);
      }
      for (Closed observer : closed) {
        assertThat(observer.results())
            .as(() -> describe("a closed observer of k" + observer.key() + " hears nothing more"))
            .hasSize(observer.atClose());
      }
    }

    private void checkKey(int k) {
      QueryKey<List<Integer>> key = keys.get(k);
      Optional<QueryState<List<Integer>>> found = client.getQueryState(key);
      String problem = model.reconcile(k, found.isPresent());
      if (problem != null) {
        throw new AssertionError(describe(problem));
      }
      ModelQuery query = model.query(k);
      assertThat(fetchers.get(k).callCount())
          .as(() -> describe("calls of k" + k + "'s query function (deduplication, replacement)"))
          .isEqualTo(model.fetchCalls[k]);
      assertThat(servers.get(k).callCount())
          .as(() -> describe("calls of k" + k + "'s mutation function"))
          .isEqualTo(model.mutationCalls[k]);
      assertThat(scopedServers.get(k).callCount())
          .as(() -> describe("calls of k" + k + "'s scoped mutation function (one run at a time)"))
          .isEqualTo(model.scopedCalls[k]);
      if (query == null) {
        return;
      }
      QueryState<List<Integer>> state = found.orElseThrow();
      assertThat(state.data()).as(() -> describe("visible data of k" + k)).isEqualTo(query.visible());
      assertThat(state.optimisticLayers()).as(() -> describe("optimistic layers of k" + k)).isEqualTo(query.layers.size());
      assertThat(state.fetchStatus())
          .as(() -> describe("fetch status of k" + k))
          .isEqualTo(query.fetch != null ? FetchStatus.FETCHING : FetchStatus.IDLE);
      assertThat(state.isInvalidated()).as(() -> describe("invalidation of k" + k)).isEqualTo(query.invalidated);
      List<CachedQuery<?>> cached = client.getQueries(QueryFilter.exact(key));
      assertThat(cached).as(() -> describe("getQueries(exact k" + k + ")")).hasSize(1);
      assertThat(cached.get(0).observerCount()).as(() -> describe("observers of k" + k)).isEqualTo(query.observers);
      if (query.fetch != null) {
        ModelFetch fetch = query.fetch;
        assertThat(fetchers.get(k).call(fetch.call).isCancelled())
            .as(() -> describe("the fetch in flight of k" + k + " is not cancelled"))
            .isFalse();
      }
      for (Observed observed : observers) {
        if (observed.key() == k) {
          List<QueryResult<List<Integer>>> results = observed.results();
          assertThat(results).as(() -> describe("an observer of k" + k + " got a result")).isNotEmpty();
          QueryResult<List<Integer>> last = results.get(results.size() - 1);
          // A write of equal data only moves dataUpdatedAt and tells nobody (Query.setData):
          // what an observer must have seen last is everything else.
          assertThat(visiblePart(last.state()))
              .as(() -> describe("an observer of k" + k + " saw the current state last"))
              .isEqualTo(visiblePart(state));
          assertThat(observed.observer().result().state()).isSameAs(state);
        }
      }
    }

    /** A state without the timestamps and counts that a write of equal data moves silently. */
    private static List<@Nullable Object> visiblePart(QueryState<?> state) {
      return java.util.Arrays.asList(
          state.data(), state.status(), state.fetchStatus(), state.error(), state.isInvalidated(),
          state.optimisticLayers(), state.fetchFailureCount());
    }

    private void checkRun(TrackedRun tracked) {
      Run run = tracked.run();
      CompletableFuture<Boolean> future = tracked.future();
      if (run.status != RunStatus.DONE) {
        assertThat(future).as(() -> describe(run + ": its future waits for the settle step")).isNotDone();
        return;
      }
      assertThat(future).as(() -> describe(run + ": its future is complete")).isDone();
      if (run.succeeded) {
        assertThat(future.join()).isTrue();
      } else {
        assertThat(failureOf(future)).as(() -> describe(run + " failed with its error")).isSameAs(tracked.error()[0]);
      }
    }

    private void checkFetchFuture(TrackedFetch fetch) {
      Waiter waiter = fetch.waiter();
      CompletableFuture<List<Integer>> future = fetch.future();
      switch (waiter.outcome) {
        case WAITING:
          assertThat(future).as(() -> describe("a fetchQuery future of k" + fetch.key() + " waits")).isNotDone();
          break;
        case VALUE:
          assertThat(future).as(() -> describe("a fetchQuery future of k" + fetch.key() + " has the landed data")).isCompletedWithValue(waiter.value);
          break;
        case FAILED:
          assertThat(failureOf(future)).as(() -> describe("a fetchQuery future of k" + fetch.key() + " failed")).isInstanceOf(IOException.class);
          break;
        case CANCELLED:
          assertThat(failureOf(future)).as(() -> describe("a fetchQuery future of k" + fetch.key() + " was cancelled")).isInstanceOf(CancellationException.class);
          break;
        default:
          throw new AssertionError(waiter.outcome);
      }
    }

    private String describe(String what) {
      int from = Math.max(0, log.size() - 25);
      return what + "\n  model: " + model + "\n  last steps:\n    " + String.join("\n    ", log.subList(from, log.size()));
    }

    @Override
    public String toString() {
      return "Harness" + log;
    }
  }
}
