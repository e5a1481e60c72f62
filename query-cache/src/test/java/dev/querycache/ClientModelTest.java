package dev.querycache;

import static dev.querycache.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.ReferenceModel.ModelFetch;
import dev.querycache.ReferenceModel.ModelQuery;
import dev.querycache.ReferenceModel.Run;
import dev.querycache.ReferenceModel.RunStatus;
import dev.querycache.ReferenceModel.Waiter;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

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
 * run out). Query functions and mutation functions are {@link ControllableFetcher} and
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
 * steps. {@code -Dquerycache.longRun=true} multiplies the sequences by {@value #LONG_RUN_FACTOR}
 * (or by {@code -Dquerycache.longRun.factor=N}); {@code -Dquerycache.seed=S} fixes the random
 * seed (jqwik prints the seed of a failing run: pass it back to reproduce it), for example
 * {@code ./mvnw -pl query-cache test -Dtest=ClientModelTest -Dquerycache.seed=-1234}.
 */
class ClientModelTest {
  static final int TRIES = 10_000;
  static final int STEPS = 50;
  static final int LONG_RUN_FACTOR = 20;
  static final int KEYS = 3;

  @Property(tries = TRIES)
  @AddLifecycleHook(RunSettings.class)
  void clientAgreesWithTheModelAfterEveryStepAndWithTheServerAtQuiescence(
      @ForAll("sequences") ActionChain<Harness> chain) {
    Harness harness = chain.withInvariant("client agrees with the model", Harness::check).run();
    ReferenceModel model = harness.model;
    Statistics.label("steps").collect(bucket(harness.log.size(), 10));
    Statistics.label("most layers on one key").collect(Math.min(model.maxLayers, 4));
    Statistics.label("runs failed/succeeded").collect(bucket(model.failedRuns, 3) + "/" + bucket(model.runs.size() - model.failedRuns, 3));
    Statistics.label("layers dropped by a later fetch").collect(bucket(model.droppedByFetch, 3));
    Statistics.label("layers folded").collect(bucket(model.folded, 3));
    Statistics.label("fetches replaced").collect(bucket(model.replaced, 3));
    Statistics.label("queries collected (gc)").collect(bucket(model.collected, 2));
    harness.quiesce();
    harness.checkQuiescent();
  }

  // ---- examples the model led to ----------------------------------------------------------

  /**
   * {@link QueryClient#cancelQueries}: "its data, status and error are untouched (a fetch changes
   * them only when it lands...)". A fetch of a query without data does change them when it
   * starts (error to pending, the error cleared), so a cancel must put them back: the model
   * leaves status out of its comparison, this example pins it down.
   */
  @Example
  void cancellingARefetchAfterAFailedFirstFetchKeepsTheErrorStatus() {
    VirtualTime time = new VirtualTime();
    QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
    QueryKey<List<Integer>> key = QueryKey.of("model", "error-then-cancel");
    ControllableFetcher<List<Integer>> fetcher = new ControllableFetcher<>();
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

  private static String bucket(int count, int width) {
    return count == 0 ? "0" : (count - 1) / width * width + 1 + "-" + ((count - 1) / width + 1) * width;
  }

  @Provide
  Arbitrary<ActionChain<Harness>> sequences() {
    return ActionChain.<Harness>startWith(Harness::new)
        .withAction(3, perKeyAndValue("setQueryData", Harness::set))
        .withAction(3, perKeyAndValue("updateQueryData", Harness::update))
        .withAction(1, perKey("setQueriesData", Harness::setAll))
        .withAction(3, perKey("fetchQuery", Harness::fetch))
        .withAction(1, perKey("refetchQueries", Harness::refetch))
        .withAction(6, when("completeFetch", Harness::anyFetching, Harness::completeFetch))
        .withAction(2, when("failFetch", Harness::anyFetching, Harness::failFetch))
        .withAction(1, when("lateResult", Harness::anyAbandonedPending, Harness::lateResult))
        .withAction(2, perKey("cancelQueries", Harness::cancel))
        .withAction(2, perKey("invalidateQueries", Harness::invalidate))
        .withAction(1, perKey("removeQueries", Harness::remove))
        .withAction(1, perKey("resetQueries", Harness::reset))
        .withAction(3, perKey("observe", (h, k) -> h.subscribe(k, true)))
        .withAction(1, perKey("observeDisabled", (h, k) -> h.subscribe(k, false)))
        .withAction(2, when("closeObserver", Harness::anyObserver, Harness::unsubscribe))
        .withAction(4, perKeyAndValue("mutate", (h, k, v) -> h.mutate(k, v, false)))
        .withAction(2, perKeyAndValue("mutateScoped", (h, k, v) -> h.mutate(k, v, true)))
        .withAction(4, when("mutationSucceeds", Harness::anyPendingRun, Harness::succeed))
        .withAction(3, when("mutationFails", Harness::anyPendingRun, Harness::fail))
        .withAction(2, advanceTime())
        .withMaxTransformations(STEPS);
  }

  private static Arbitrary<Integer> keys() {
    return Arbitraries.integers().between(0, KEYS - 1);
  }

  /** Moves virtual time by 0 to 11 s (the gc time is 10 s). */
  private static Action.Independent<Harness> advanceTime() {
    return () -> Arbitraries.of(0, 1, 4, 9, 11)
        .map(seconds -> Transformer.mutate("advance(" + seconds + " s)", h -> h.advance(seconds)));
  }

  private static Action.Independent<Harness> perKey(String name, BiConsumer<Harness, Integer> step) {
    return () -> keys().map(k -> Transformer.mutate(name + "(k" + k + ")", h -> step.accept(h, k)));
  }

  private static Action.Independent<Harness> perKeyAndValue(
      String name, TriConsumer<Harness, Integer, Integer> step) {
    return () ->
        Combinators.combine(keys(), Arbitraries.integers().between(-1, 9))
            .as((k, v) -> Transformer.mutate(name + "(k" + k + ", " + v + ")", h -> step.accept(h, k, v)));
  }

  /** An action on one of several candidates: {@code choice} picks one, modulo their number. */
  private static Action.Dependent<Harness> when(
      String name, Predicate<Harness> precondition, BiConsumer<Harness, Integer> step) {
    return new Action.Dependent<>() {
      @Override
      public boolean precondition(Harness state) {
        return precondition.test(state);
      }

      @Override
      public Arbitrary<Transformer<Harness>> transformer(Harness state) {
        return Arbitraries.integers().between(0, 7)
            .map(choice -> Transformer.mutate(name + "(#" + choice + ")", h -> step.accept(h, choice)));
      }
    };
  }

  @FunctionalInterface
  interface TriConsumer<A, B, C> {
    void accept(A a, B b, C c);
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
    final List<ControllableFetcher<List<Integer>>> fetchers = new ArrayList<>();
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
        ControllableFetcher<List<Integer>> fetcher = new ControllableFetcher<>();
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
      fetchers.get(k).future(fetch.call).complete(fetch.snapshot);
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
      fetchers.get(k).future(fetch.call).completeExceptionally(new IOException("fetch of k" + k + " failed"));
      model.failFetch(k);
    }

    boolean anyAbandonedPending() {
      return !abandonedPending().isEmpty();
    }

    private List<ModelFetch> abandonedPending() {
      List<ModelFetch> out = new ArrayList<>();
      for (ModelFetch fetch : model.abandoned) {
        if (!fetchers.get(fetch.key).future(fetch.call).isDone()) {
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
      CompletableFuture<List<Integer>> future = fetchers.get(fetch.key).future(fetch.call);
      if (choice % 2 == 0) {
        step("abandoned fetch of k" + fetch.key + " (call " + fetch.call + ") lands late");
        future.complete(List.of(-1, -1, -1));
      } else {
        step("abandoned fetch of k" + fetch.key + " (call " + fetch.call + ") fails late");
        future.completeExceptionally(new IOException("late"));
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
      serverOf(run).complete(run.call, true);
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
      serverOf(run).fail(run.call, error);
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
        assertThat(fetchers.get(fetch.key).context(fetch.call).signal().isCancelled())
            .as(() -> describe("the abandoned fetch of k" + fetch.key + " (call " + fetch.call + ") is cancelled"))
            .isTrue();
      }
      for (TrackedRun tracked : runs) {
        checkRun(tracked);
      }
      assertThat(client.isMutating(MutationFilter.all()))
          .as(() -> describe("isMutating counts the runs not settled"))
          .isEqualTo(model.pendingRuns());
      assertThat(toaster.toasts)
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
      assertThat(fetchers.get(k).calls())
          .as(() -> describe("calls of k" + k + "'s query function (deduplication, replacement)"))
          .isEqualTo(model.fetchCalls[k]);
      assertThat(servers.get(k).calls())
          .as(() -> describe("calls of k" + k + "'s mutation function"))
          .isEqualTo(model.mutationCalls[k]);
      assertThat(scopedServers.get(k).calls())
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
        assertThat(fetchers.get(k).context(fetch.call).signal().isCancelled())
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

  // ---- run settings ------------------------------------------------------------------------

  /**
   * {@code -Dquerycache.longRun=true} multiplies the tries (by {@value #LONG_RUN_FACTOR}, or by
   * {@code -Dquerycache.longRun.factor}); {@code -Dquerycache.seed} fixes the seed.
   */
  public static final class RunSettings implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
      if (Boolean.getBoolean("querycache.longRun")) {
        int factor = Integer.getInteger("querycache.longRun.factor", LONG_RUN_FACTOR);
        int tries = context.attributes().tries().orElse(TRIES);
        context.attributes().setTries(Math.multiplyExact(tries, factor));
      }
      String seed = System.getProperty("querycache.seed");
      if (seed != null && !seed.isBlank()) {
        context.attributes().setSeed(seed.trim());
      }
      return property.execute();
    }
  }
}
