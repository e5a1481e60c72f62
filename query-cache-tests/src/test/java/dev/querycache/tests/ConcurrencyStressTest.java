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
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.RetryPolicy;
import dev.querycache.test.RecordingToaster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.querycache.tests.ToastTexts.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrency stress on real threads: many threads run optimistic mutations on shared keys
 * while other threads refetch, cancel, invalidate, push data, and now and then remove or reset
 * queries; the server fails some writes (before or after applying them), fails some fetches,
 * and takes random time over each call. After the storm has passed, the client must have
 * reconciled: every future completed, every run settled once with the outcome its server call
 * had (and one error toast per failure), no optimistic layer left, no run pending, no query
 * stuck fetching; after a final refetch the cache equals the server and every observer's last
 * result is the final state; closing the client leaves no thread behind.
 *
 * <p>Simulated server time is spent in the query and mutation functions (parking for up to a
 * millisecond on the client's fetch pool), never in the test. Each iteration is seeded (the
 * workers' and chaos threads' choices, the faults and latencies of each write); the thread
 * schedule is not, so a failure names its seed for a rerun ({@code -Dquerycache.stress.seed=},
 * and {@code -Dquerycache.stress.iterations=} for a longer run). Odd seeds deliver
 * notifications on a single "UI" thread, even ones synchronously on the thread that made the
 * change.
 *
 * <p>Budget: 50 iterations of 6 workers × 150 mutations (45 000 runs) against 2 chaos threads,
 * and one run of the lost-update check; about 10 to 20 s.
 */
@DisplayName("Concurrency stress")
class ConcurrencyStressTest {
  static final int ITERATIONS = Integer.getInteger("querycache.stress.iterations", 50);
  static final long BASE_SEED = Long.getLong("querycache.stress.seed", 0x5EED_2024L);
  static final int WORKERS = 6;
  static final int MUTATIONS_PER_WORKER = 150;
  static final int CHAOS_THREADS = 2;
  /** Each chaos thread goes on until the workers are done and it made at least this many moves. */
  static final int MIN_CHAOS_MOVES = 100;
  static final int ROWS = 6;
  static final Duration WAIT = Duration.ofSeconds(30);

  record Row(int id, boolean read, boolean starred) {}

  enum Fault { NONE, BEFORE_WRITE, AFTER_WRITE }

  /**
   * A mutation's variables: the row to write, how the server will misbehave, how long it takes,
   * how many first attempts fail transiently (the mutation retries once), and the attempts so
   * far (identity, not value, makes two writes of one row distinct).
   */
  record Write(Row row, Fault fault, long latencyNanos, int transientFailures, AtomicInteger attempts) {
    boolean shouldSucceed() {
      return fault == Fault.NONE;
    }
  }

  static final QueryKey<List<Row>> ALL = QueryKey.of("rows", "all");
  static final QueryKey<List<Row>> STARRED = QueryKey.of("rows", "starred");

  static QueryKey<Row> detail(int id) {
    return QueryKey.of("rows", "detail", id);
  }

  /** The server: rows by id; fetches may fail while it is flaky. */
  static final class Server {
    final Map<Integer, Row> rows = new ConcurrentHashMap<>();
    final AtomicBoolean flaky = new AtomicBoolean(true);
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger failedFetches = new AtomicInteger();

    Server() {
      for (int id = 0; id < ROWS; id++) {
        rows.put(id, new Row(id, false, false));
      }
    }

    List<Row> all() {
      return rows.values().stream()
          .sorted(Comparator.comparingInt(Row::id))
          .collect(Collectors.toUnmodifiableList());
    }

    List<Row> starred() {
      return all().stream().filter(Row::starred).collect(Collectors.toUnmodifiableList());
    }

    Row row(int id) {
      return rows.get(id);
    }

    /** A fetch: some latency, sometimes a failure while flaky, then a snapshot. */
    <T> T fetch(java.util.function.Supplier<T> snapshot) throws IOException {
      fetches.incrementAndGet();
      ThreadLocalRandom random = ThreadLocalRandom.current();
      LockSupport.parkNanos(random.nextLong(300_000)); // returns early when cancelled
      if (flaky.get() && random.nextInt(10) == 0) {
        failedFetches.incrementAndGet();
        throw new IOException("flaky read");
      }
      return snapshot.get();
    }

    /** A write, with the faults its variables ask for. */
    Boolean write(Write write) throws IOException {
      int attempt = write.attempts().incrementAndGet();
      LockSupport.parkNanos(write.latencyNanos());
      if (attempt <= write.transientFailures()) {
        throw new IOException("transient failure");
      }
      if (write.fault() == Fault.BEFORE_WRITE) {
        throw new IOException("rejected");
      }
      rows.put(write.row().id(), write.row());
      if (write.fault() == Fault.AFTER_WRITE) {
        throw new IOException("reply lost");
      }
      return true;
    }
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, ITERATIONS).mapToObj(i -> BASE_SEED + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @Timeout(120)
  void optimisticMutationsUnderRefetchCancelAndInvalidateConverge(long seed) throws Exception {
    Set<Thread> threadsBefore = liveThreads();
    Set<String> nonDaemonBefore = nonDaemonNames();
    boolean uiThread = (seed & 1) == 1;
    ExecutorService ui = uiThread ? Executors.newSingleThreadExecutor(named("stress-ui")) : null;
    Server server = new Server();
    RecordingToaster toaster = new RecordingToaster();
    AtomicInteger settled = new AtomicInteger();
    QueryClient client =
        QueryClient.builder()
            .notifyExecutor(ui == null ? Runnable::run : ui)
            .toaster(toaster)
            .defaults(QuerySettings.builder().retry(RetryPolicy.fixed(1, Duration.ofMillis(1))).build())
            .build();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS + CHAOS_THREADS, named("stress-worker"));
    String context = "seed " + seed + (uiThread ? " (UI-thread notification)" : " (synchronous notification)");
    try {
      // ---- the screens: observers of every key, recording what they show -------------------
      Map<QueryKey<?>, QueryOptions<?>> options = new LinkedHashMap<>();
      options.put(ALL, QueryOptions.of(ALL, ctx -> server.fetch(server::all)));
      options.put(STARRED, QueryOptions.of(STARRED, ctx -> server.fetch(server::starred)));
      for (int id = 0; id < ROWS; id++) {
        int rowId = id;
        options.put(detail(id), QueryOptions.of(detail(id), ctx -> server.fetch(() -> server.row(rowId))));
      }
      List<Screen<?>> screens = new ArrayList<>();
      for (QueryOptions<?> option : options.values()) {
        screens.add(Screen.open(client, option));
      }
      screens.add(Screen.open(client, options.get(ALL))); // two screens show the whole list
      server.flaky.set(false);
      client.refetchQueries(QueryFilter.all()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      server.flaky.set(true);

      Mutation<Write, Boolean, Object> setRow =
          client.<Write, Boolean>mutation(server::write)
              .optimistic(ALL, (List<Row> rows, Write write) -> put(rows, write.row()))
              .alsoPatch(STARRED, (List<Row> rows, Write write) -> star(rows, write.row()))
              .errorMessage(write -> "Failed to update row " + write.row().id())
              .onMutate((write, scope) -> {
                scope.setQueryData(detail(write.row().id()), write.row());
                return null;
              })
              .retry(RetryPolicy.fixed(1, Duration.ofMillis(1)))
              .onSettled((result, error, write, ctx) -> settled.incrementAndGet())
              .build();

      // ---- the storm ------------------------------------------------------------------------
      Map<CompletableFuture<Boolean>, Write> runs = new ConcurrentHashMap<>();
      List<CompletableFuture<?>> chaosFutures = new CopyOnWriteArrayList<>();
      AtomicBoolean storming = new AtomicBoolean(true);
      CountDownLatch go = new CountDownLatch(1);
      SplittableRandom seeds = new SplittableRandom(seed);
      List<Future<?>> workerTasks = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        SplittableRandom random = seeds.split();
        workerTasks.add(workers.submit(() -> {
          go.await();
          for (int i = 0; i < MUTATIONS_PER_WORKER; i++) {
            Write write = randomWrite(random);
            runs.put(setRow.mutate(write), write);
            LockSupport.parkNanos(random.nextLong(1_000_000)); // the user's think time
          }
          return null;
        }));
      }
      List<Future<?>> chaosTasks = new ArrayList<>();
      for (int c = 0; c < CHAOS_THREADS; c++) {
        SplittableRandom random = seeds.split();
        chaosTasks.add(workers.submit(() -> {
          go.await();
          for (int moves = 0; storming.get() || moves < MIN_CHAOS_MOVES; moves++) {
            chaos(client, server, random, chaosFutures);
            LockSupport.parkNanos(random.nextLong(50_000, 500_000));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> task : workerTasks) {
        task.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      storming.set(false);
      for (Future<?> task : chaosTasks) {
        task.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }

      // ---- every future completes, every run settles as its server call did -----------------
      int total = WORKERS * MUTATIONS_PER_WORKER;
      assertThat(runs).as(context).hasSize(total);
      int failures = 0;
      for (Map.Entry<CompletableFuture<Boolean>, Write> run : runs.entrySet()) {
        Throwable error = awaitOutcome(run.getKey(), context + ", run " + run.getValue());
        Write write = run.getValue();
        if (write.shouldSucceed()) {
          assertThat(error).as("%s: outcome of %s", context, write).isNull();
        } else {
          failures++;
          assertThat(error).as("%s: outcome of %s", context, write)
              .isInstanceOf(IOException.class)
              .hasMessage(write.fault() == Fault.BEFORE_WRITE ? "rejected" : "reply lost");
        }
      }
      for (CompletableFuture<?> future : chaosFutures) {
        awaitOutcome(future, context + ", a refetch or invalidation");
      }
      // The storm did storm: writes and fetches failed, fetches were cancelled and replaced.
      assertThat(failures).as("%s: failed runs", context).isPositive();
      assertThat(server.failedFetches).as("%s: failed fetches", context).hasPositiveValue();
      assertThat(settled).as("%s: onSettled calls", context).hasValue(total);
      assertThat(texts(toaster)).as("%s: error toasts", context).hasSize(failures);
      assertThat(client.isMutating(MutationFilter.all())).as("%s: pending runs", context).isZero();
      for (CachedQuery<?> query : client.getQueries(QueryFilter.all())) {
        assertThat(query.state().fetchStatus()).as("%s: fetch status of %s", context, query.key())
            .isEqualTo(FetchStatus.IDLE);
      }

      // ---- after a final refetch, the cache is the server and every screen shows it --------
      // (Layers of succeeded runs whose settle refetch failed stay until data lands: the
      // client's value is never taken for the server's. The final refetch lands it.)
      server.flaky.set(false);
      client.refetchQueries(QueryFilter.all()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      for (CachedQuery<?> query : client.getQueries(QueryFilter.all())) {
        assertThat(query.state().optimisticLayers()).as("%s: layers left on %s", context, query.key()).isZero();
      }
      assertThat(client.getQueryData(ALL)).as(context).contains(server.all());
      assertThat(client.getQueryData(STARRED)).as(context).contains(server.starred());
      for (int id = 0; id < ROWS; id++) {
        assertThat(client.getQueryData(detail(id))).as(context).contains(server.row(id));
      }
      if (ui != null) {
        ui.submit(() -> {}).get(WAIT.toSeconds(), TimeUnit.SECONDS); // deliveries queued so far have run
      }
      for (Screen<?> screen : screens) {
        QueryState<?> finalState = client.getQueryState(screen.observer.key()).orElseThrow();
        assertThat(finalState.status()).as(context).isEqualTo(QueryStatus.SUCCESS);
        assertThat(finalState.isInvalidated()).as(context).isFalse();
        // A delivery running on another thread when the refetch ended may still be finishing.
        eventually(() -> finalState.equals(screen.latest.state()), Duration.ofSeconds(5));
        assertThat(screen.latest.state()).as("%s: last result of the screen of %s", context, screen.observer.key())
            .isEqualTo(finalState);
      }
      screens.forEach(screen -> screen.observer.close());
    } finally {
      workers.shutdownNow();
      assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      client.close();
      if (ui != null) {
        ui.shutdown();
        assertThat(ui.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }

    // ---- no thread left behind -----------------------------------------------------------------
    eventually(() -> leakedThreads(threadsBefore).isEmpty(), Duration.ofSeconds(10));
    assertThat(leakedThreads(threadsBefore)).as("%s: threads still alive after close", context).isEmpty();
    assertThat(nonDaemonNames()).as("%s: non-daemon threads", context).isEqualTo(nonDaemonBefore);
  }

  /**
   * Updates never get lost: many threads increment shared counters through
   * {@code updateQueryData} while others write unrelated keys and invalidate the counters;
   * each counter ends at exactly the number of increments, and its observers show that.
   */
  @Test
  @Timeout(60)
  void concurrentUpdatesAreNeverLostAndObserversSeeTheLastOne() throws Exception {
    int threads = 8;
    int increments = 2_000;
    List<QueryKey<Integer>> counters = List.of(QueryKey.of("counter", 0), QueryKey.of("counter", 1));
    ExecutorService ui = Executors.newSingleThreadExecutor(named("stress-ui"));
    QueryClient client = QueryClient.builder().notifyExecutor(ui).build();
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1, named("stress-worker"));
    try {
      List<LatestResult<Integer>> screens = new ArrayList<>();
      for (QueryKey<Integer> counter : counters) {
        for (int i = 0; i < 2; i++) {
          LatestResult<Integer> screen = new LatestResult<>();
          client.observe(QueryOptions.builder(counter).enabled(false).build(), screen);
          screens.add(screen);
        }
      }
      CountDownLatch go = new CountDownLatch(1);
      AtomicBoolean running = new AtomicBoolean(true);
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        tasks.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < increments; i++) {
            client.updateQueryData(counters.get((thread + i) % counters.size()), n -> n == null ? 1 : n + 1);
            client.setQueryData(QueryKey.of("noise", thread), i);
          }
          return null;
        }));
      }
      Future<?> invalidator = pool.submit(() -> {
        go.await();
        while (running.get()) {
          client.invalidateQueries(QueryFilter.prefix("counter"));
          client.removeQueries(QueryFilter.prefix("noise"));
          Thread.onSpinWait();
        }
        return null;
      });
      go.countDown();
      for (Future<?> task : tasks) {
        task.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      running.set(false);
      invalidator.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      int expected = threads * increments / counters.size();
      for (QueryKey<Integer> counter : counters) {
        assertThat(client.getQueryData(counter)).as("%s", counter).contains(expected);
      }
      ui.submit(() -> {}).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      for (int i = 0; i < screens.size(); i++) {
        LatestResult<Integer> screen = screens.get(i);
        QueryKey<Integer> counter = counters.get(i / 2);
        eventually(() -> client.getQueryState(counter).orElseThrow().equals(screen.state()), Duration.ofSeconds(5));
        assertThat(screen.state()).as("last result of a screen of %s", counter)
            .isEqualTo(client.getQueryState(counter).orElseThrow());
      }
    } finally {
      pool.shutdownNow();
      client.close();
      ui.shutdownNow();
    }
  }

  // ---- the storm's moves -------------------------------------------------------------------

  static Write randomWrite(SplittableRandom random) {
    Row row = new Row(random.nextInt(ROWS), random.nextBoolean(), random.nextBoolean());
    int roll = random.nextInt(100);
    Fault fault = roll < 70 ? Fault.NONE : roll < 85 ? Fault.BEFORE_WRITE : Fault.AFTER_WRITE;
    int transientFailures = random.nextInt(10) == 0 ? 1 : 0;
    return new Write(row, fault, random.nextLong(1_000_000), transientFailures, new AtomicInteger());
  }

  /**
   * One move of a chaos thread: a refetch, a cancel, an invalidation, a pushed update, or now
   * and then a removal or reset (observers move to the key's new query).
   */
  static void chaos(QueryClient client, Server server, SplittableRandom random, List<CompletableFuture<?>> futures) {
    QueryFilter filter = randomFilter(random);
    int roll = random.nextInt(100);
    if (roll < 28) {
      futures.add(client.refetchQueries(filter));
    } else if (roll < 52) {
      client.cancelQueries(filter);
    } else if (roll < 76) {
      futures.add(client.invalidateQueries(filter));
    } else if (roll < 78) {
      client.removeQueries(filter);
    } else if (roll < 80) {
      futures.add(client.resetQueries(filter));
    } else if (roll < 90) {
      client.setQueryData(ALL, server.all()); // a push from the server
    } else {
      int id = random.nextInt(ROWS);
      client.setQueryData(detail(id), server.row(id));
    }
  }

  static QueryFilter randomFilter(SplittableRandom random) {
    switch (random.nextInt(5)) {
      case 0:
        return QueryFilter.prefix("rows");
      case 1:
        return QueryFilter.exact(ALL);
      case 2:
        return QueryFilter.exact(STARRED);
      case 3:
        return QueryFilter.prefix("rows", "detail");
      default:
        return QueryFilter.exact(detail(random.nextInt(ROWS)));
    }
  }

  // ---- projections -------------------------------------------------------------------------

  /** The whole list with the row replaced. */
  static List<Row> put(List<Row> rows, Row row) {
    return rows.stream().map(r -> r.id() == row.id() ? row : r).collect(Collectors.toUnmodifiableList());
  }

  /** The starred list with the row in or out by its flag, in id order. */
  static List<Row> star(List<Row> starred, Row row) {
    Stream<Row> others = starred.stream().filter(r -> r.id() != row.id());
    return Stream.concat(others, row.starred() ? Stream.of(row) : Stream.empty())
        .sorted(Comparator.comparingInt(Row::id))
        .collect(Collectors.toUnmodifiableList());
  }

  // ---- plumbing ----------------------------------------------------------------------------

  /** An open observer and what it last showed. */
  static final class Screen<T> {
    final QueryObserver<T> observer;
    final LatestResult<T> latest;

    private Screen(QueryObserver<T> observer, LatestResult<T> latest) {
      this.observer = observer;
      this.latest = latest;
    }

    static <T> Screen<T> open(QueryClient client, QueryOptions<T> options) {
      LatestResult<T> latest = new LatestResult<>();
      return new Screen<>(client.observe(options, latest), latest);
    }
  }

  /** Waits for the future; returns its failure (unwrapped) or null; fails after {@link #WAIT}. */
  static Throwable awaitOutcome(CompletableFuture<?> future, String what) throws InterruptedException {
    try {
      future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not complete within " + WAIT + "\n" + threadDump(), e);
    }
  }

  static void eventually(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
      Thread.sleep(5); // waiting for other threads to finish, not simulating time
    }
  }

  static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> new Thread(task, prefix + "-" + count.incrementAndGet());
  }

  static Set<Thread> liveThreads() {
    return new HashSet<>(Thread.getAllStackTraces().keySet());
  }

  /**
   * Threads alive now that were not before, other than the JVM-wide ones the library or the
   * JDK start once and keep (the shared scheduler thread, the common fork-join pool).
   */
  static List<String> leakedThreads(Set<Thread> before) {
    List<String> leaked = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (!before.contains(thread) && thread.isAlive()
          && !name.equals("query-cache-scheduler") && !name.startsWith("ForkJoinPool")) {
        leaked.add(name + (thread.isDaemon() ? " (daemon)" : ""));
      }
    }
    return leaked;
  }

  static Set<String> nonDaemonNames() {
    Set<String> names = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!thread.isDaemon() && thread.isAlive()) {
        names.add(thread.getName());
      }
    }
    return names;
  }

  static String threadDump() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      String name = thread.getName();
      if (name.startsWith("query-cache") || name.startsWith("stress")) {
        out.append('"').append(name).append("\" ").append(thread.getState()).append('\n');
        for (StackTraceElement element : stack) {
          out.append("    at ").append(element).append('\n');
        }
      }
    });
    return out.toString();
  }
}
