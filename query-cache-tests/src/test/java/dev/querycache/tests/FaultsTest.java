package dev.querycache.tests;

import dev.querycache.AsyncMutationFunction;
import dev.querycache.AsyncQueryFunction;
import dev.querycache.CachedQuery;
import dev.querycache.CancellationSignal;
import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationFunction;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import dev.querycache.QueryFilter;
import dev.querycache.QueryFunction;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.RetryPolicy;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import dev.querycache.internal.runtime.Callbacks;
import dev.querycache.internal.key.KeyParts;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static dev.querycache.tests.ToastTexts.textsWithCauses;
import static dev.querycache.tests.ToastTexts.causes;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The fault catalogue: faults in application code and in the application's seams, and what
 * the client does with them. In each case the cache stays consistent (no query stuck
 * fetching, no optimistic layer left behind, no run left pending unless its function is) and
 * the error that reaches the caller is the one that happened, with a message that says where.
 *
 * <p><b>Fault classes</b>, one nested class each:
 *
 * <ul>
 *   <li>query functions and mutation functions that throw checked exceptions, unchecked ones
 *       and {@link Error}s, never complete, complete after they were cancelled, complete
 *       twice, return null or interrupt themselves; projections that throw when first
 *       applied, and when applied again (checked exceptions and virtual-machine errors
 *       included);
 *   <li>listeners and toasters that throw; a notify executor that rejects;
 *   <li><b>checked throws</b> where Java does not expect them (Kotlin, {@code @SneakyThrows}):
 *       listeners, toasters, cancellation callbacks, error-path callbacks, retry policies;
 *   <li><b>VM errors</b> ({@link StackOverflowError}, {@link OutOfMemoryError}) from
 *       listeners, toasters and success callbacks;
 *   <li><b>instant answers</b>: mutation functions that answer before the library listens,
 *       at a scope queue length of 10 000, succeeding and failing;
 *   <li><b>hostile keys</b>: parts that expand exponentially, beans with back references,
 *       lambdas, numbers whose rendering is megabytes long;
 *   <li>closing the client with work in flight (and {@link ClientCloseTest} for the rest).
 * </ul>
 *
 * <p><b>The rule for what application code throws</b> (see {@link Callbacks}): every
 * {@link Throwable}, virtual-machine errors included, is caught where the application's code
 * is called; it becomes the failure of what ran it (a fetch, a run) or is isolated and logged
 * (a listener, a toaster, a cancellation callback, an error-path callback), and never reaches
 * the thread that made an unrelated change. An optimistic projection's throw fails the run
 * when the patch is first applied (on the caller's thread, inside {@code mutate}), and drops
 * the layer and fails its run when the patch is applied again over newer data.
 *
 * <p>Time is virtual. Blocking functions that must really block (never complete, ignore
 * cancellation, interrupt themselves) run on a real fetch pool; everything else runs on the
 * test thread.
 *
 * <p><b>Bugs this suite found</b> (all fixed; these tests state the documented behaviour and
 * failed against the library as it was before the fix):
 *
 * <ul>
 *   <li>(as of commit 1be7bd0) An {@link Error} other than {@link AssertionError} and
 *       {@link LinkageError} thrown by a listener escaped the delivery without resetting the
 *       channel: the listener never heard of anything again and the others of the flush
 *       missed the change. A projection's {@link Error} on re-application wedged the query in
 *       FETCHING or left the failed run unsettled. {@code close()} dropped queued mutation
 *       functions without settling their runs.
 *   <li>(as of commit 456c562, the review of issue 10) A checked exception from a listener
 *       killed its delivery channel and reached the writer; a listener's
 *       {@link StackOverflowError} or {@link OutOfMemoryError} reached the writer and the
 *       later listeners missed the change; a cancellation callback throwing anything but a
 *       {@link RuntimeException} escaped {@code cancelQueries} and left the fetch's waiters
 *       hanging; a projection throwing a checked exception or a VM error on re-application
 *       wedged the query or its run; instant answers in a scope queue overflowed the stack
 *       after a few hundred runs and left the rest of the queue pending forever; a stage
 *       completing twice started a second retry; a retry policy that threw left its fetch
 *       pending; a bean with a back reference overflowed Jackson's stack (and broke every
 *       later failing bean key in the JVM); forty nested lists sharing a sublist never
 *       returned; a rendering of a huge number was built on every fetch.
 * </ul>
 */
@DisplayName("Faults")
class FaultsTest {
  /** An {@link Error} of the application's own, as a buggy library in user code might throw. */
  static final class ServerMeltdownError extends Error {
    private static final long serialVersionUID = 1L;

    ServerMeltdownError(String message) {
      super(message);
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryKey<String> key = QueryKey.of("todos", 1);
  private final QueryKey<String> other = QueryKey.of("todos", 2);
  private final List<QueryClient> clients = new ArrayList<>();
  private final List<CountDownLatch> gates = new ArrayList<>();
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void release() {
    gates.forEach(gate -> {
      while (gate.getCount() > 0) {
        gate.countDown();
      }
    });
    clients.forEach(QueryClient::close);
    pools.forEach(ExecutorService::shutdownNow);
  }

  /** A client whose fetch executor runs functions on the test thread. */
  private QueryClient direct() {
    return track(time.clientBuilder().fetchExecutor(Runnable::run).toaster(toaster).build());
  }

  private QueryClient direct(QueryClientBuilder builder) {
    return track(builder.toaster(toaster).build());
  }

  /** A client with its own pool of real fetch threads (time still virtual). */
  private QueryClient pooled() {
    return track(QueryClient.builder().ticker(time).scheduler(time).toaster(toaster).build());
  }

  /** A client whose fetches and mutation functions all run on one real thread, in order. */
  private QueryClient singleThreaded() {
    ExecutorService pool = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "faults-test-fetch");
      thread.setDaemon(true);
      return thread;
    });
    pools.add(pool);
    return track(QueryClient.builder().ticker(time).scheduler(time).toaster(toaster).fetchExecutor(pool).build());
  }

  private QueryClient track(QueryClient client) {
    clients.add(client);
    return client;
  }

  private CountDownLatch gate() {
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    return gate;
  }

  private static <T> QueryOptions<T> blocking(QueryKey<T> key, QueryFunction<T> function) {
    return QueryOptions.builder(key).fetcher(function).retry(0).build();
  }

  private static <T> QueryOptions<T> async(QueryKey<T> key, AsyncQueryFunction<T> function) {
    return QueryOptions.builder(key).asyncFetcher(function).retry(0).build();
  }

  /** The future's outcome within {@link #WAIT}: its value, or the failure it completed with. */
  private static Object outcome(CompletableFuture<?> future) throws InterruptedException {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete within " + WAIT, e);
    }
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as(what).isTrue();
  }

  /**
   * The cache is at rest and consistent: no query fetching (or paused), no optimistic layer,
   * no pending run.
   */
  static void assertAtRest(QueryClient client) {
    for (CachedQuery<?> query : client.getQueries(QueryFilter.all())) {
      assertThat(query.state().fetchStatus()).as("fetch status of %s", query.key()).isEqualTo(FetchStatus.IDLE);
      assertThat(query.state().optimisticLayers()).as("optimistic layers of %s", query.key()).isZero();
    }
    assertThat(client.isMutating(MutationFilter.all())).as("pending runs").isZero();
  }

  // ---- query functions ---------------------------------------------------------------------

  @Nested
  @DisplayName("query functions")
  class QueryFunctionFaults {
    @Test
    void checkedExceptionFailsTheFetchWithThatException() throws Exception {
      QueryClient client = pooled();
      IOException thrown = new IOException("server down");
      LatestResult<String> screen = new LatestResult<>();
      client.observe(blocking(key, context -> { throw thrown; }), screen);

      CompletableFuture<String> fetch = client.fetchQuery(blocking(key, context -> { throw thrown; }));

      assertThat(outcome(fetch)).isSameAs(thrown);
      QueryState<String> state = client.getQueryState(key).orElseThrow();
      assertThat(state.status()).isEqualTo(QueryStatus.ERROR);
      assertThat(state.error()).isSameAs(thrown);
      assertAtRest(client);
      assertThat(screen.last().error()).isSameAs(thrown);
    }

    @Test
    void uncheckedExceptionFailsTheFetchWithThatException() throws Exception {
      QueryClient client = pooled();
      IllegalStateException thrown = new IllegalStateException("bad response");

      CompletableFuture<String> fetch = client.fetchQuery(blocking(key, context -> { throw thrown; }));

      assertThat(outcome(fetch)).isSameAs(thrown);
      assertThat(client.getQueryState(key).orElseThrow().error()).isSameAs(thrown);
      assertAtRest(client);
    }

    @Test
    void assertionErrorFromABlockingFunctionFailsTheFetchInsteadOfKillingAThread() throws Exception {
      QueryClient client = pooled();
      AssertionError thrown = new AssertionError("the function's own assert");

      CompletableFuture<String> fetch = client.fetchQuery(blocking(key, context -> { throw thrown; }));

      assertThat(outcome(fetch)).isSameAs(thrown);
      assertThat(client.getQueryState(key).orElseThrow().status()).isEqualTo(QueryStatus.ERROR);
      assertAtRest(client);
      // the pool is intact: the next fetch runs
      assertThat(outcome(client.fetchQuery(blocking(other, context -> "fine")))).isEqualTo("fine");
    }

    @Test
    void customErrorThrownByAnAsyncFunctionFailsTheFetchAndNeverReachesTheCaller() {
      QueryClient client = direct();
      ServerMeltdownError thrown = new ServerMeltdownError("meltdown");

      // The async function runs on the caller's thread; its Error becomes the fetch's failure.
      CompletableFuture<String> fetch = client.fetchQuery(async(key, context -> { throw thrown; }));

      assertThat(failureOf(fetch)).isSameAs(thrown);
      assertThat(client.getQueryState(key).orElseThrow().error()).isSameAs(thrown);
      assertAtRest(client);
    }

    @Test
    void errorsAreRetriedLikeExceptions() {
      QueryClient client = direct();
      AtomicInteger calls = new AtomicInteger();
      QueryOptions<String> options =
          QueryOptions.builder(key)
              .fetcher(context -> {
                if (calls.incrementAndGet() == 1) {
                  throw new ServerMeltdownError("first attempt");
                }
                return "second attempt";
              })
              .retry(RetryPolicy.fixed(1, Duration.ofSeconds(1)))
              .build();

      CompletableFuture<String> fetch = client.fetchQuery(options);
      assertThat(client.getQueryState(key).orElseThrow().fetchFailureReason())
          .isInstanceOf(ServerMeltdownError.class);
      time.advance(Duration.ofSeconds(1));

      assertThat(fetch).isCompletedWithValue("second attempt");
      assertThat(calls).hasValue(2);
      assertAtRest(client);
    }

    @Test
    void neverCompletingAsyncFetchIsCancelledBackToIdle() {
      QueryClient client = direct();
      client.setQueryData(key, "old");
      LatestResult<String> screen = new LatestResult<>();
      client.observe(async(key, context -> new CompletableFuture<>()), screen);
      CompletableFuture<String> fetch = client.refetchQueries(QueryFilter.exact(key)).thenApply(ignored -> "");
      CompletableFuture<String> waiter = client.fetchQuery(async(key, context -> new CompletableFuture<>()));
      assertThat(client.getQueryState(key).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.FETCHING);

      client.cancelQueries(QueryFilter.exact(key));

      assertThat(failureOf(waiter)).isInstanceOf(CancellationException.class);
      assertThat(fetch).isCompleted(); // refetchQueries never fails
      QueryState<String> state = client.getQueryState(key).orElseThrow();
      assertThat(state.data()).isEqualTo("old");
      assertThat(state.status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(screen.last().fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertAtRest(client);
    }

    @Test
    void removingAQueryWhoseFetchNeverCompletesCancelsTheFetch() {
      QueryClient client = direct();
      CompletableFuture<String> waiter = client.fetchQuery(async(key, context -> new CompletableFuture<>()));

      client.removeQueries(QueryFilter.exact(key));

      assertThat(failureOf(waiter)).isInstanceOf(CancellationException.class);
      assertThat(client.getQueryState(key)).isEmpty();
      // the key starts afresh
      assertThat(client.fetchQuery(async(key, context -> CompletableFuture.completedFuture("new"))))
          .isCompletedWithValue("new");
      assertAtRest(client);
    }

    @Test
    @Timeout(30)
    void neverCompletingBlockingFetchIsInterruptedByCancel() throws Exception {
      QueryClient client = pooled();
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      AtomicBoolean signalled = new AtomicBoolean();
      CompletableFuture<String> waiter =
          client.fetchQuery(blocking(key, context -> {
            started.countDown();
            try {
              new CountDownLatch(1).await(); // never counted down
              return "never";
            } catch (InterruptedException e) {
              signalled.set(context.signal().isCancelled());
              interrupted.countDown();
              throw e;
            }
          }));
      await(started, "the function started");

      client.cancelQueries(QueryFilter.exact(key));

      await(interrupted, "the function was interrupted");
      assertThat(signalled).as("the signal said cancelled").isTrue();
      assertThat(outcome(waiter)).isInstanceOf(CancellationException.class);
      assertThat(client.getQueryState(key).orElseThrow().status()).isEqualTo(QueryStatus.PENDING);
      assertAtRest(client);
    }

    @Test
    @Timeout(30)
    void blockingFetchThatIgnoresCancellationIsDiscardedWhenItCompletes() throws Exception {
      QueryClient client = pooled();
      client.setQueryData(key, "old");
      LatestResult<String> screen = new LatestResult<>();
      client.observe(QueryOptions.builder(key).fetcher(context -> "unused").enabled(false).build(), screen);
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = gate();
      CountDownLatch returned = new CountDownLatch(1);
      CompletableFuture<String> waiter =
          client.fetchQuery(blocking(key, context -> {
            started.countDown();
            boolean done = false;
            while (!done) {
              try {
                release.await();
                done = true;
              } catch (InterruptedException ignored) {
                // a function that ignores cancellation
              }
            }
            returned.countDown();
            return "late";
          }));
      await(started, "the function started");
      int updatesBefore = client.getQueryState(key).orElseThrow().dataUpdateCount();

      client.cancelQueries(QueryFilter.exact(key));
      release.countDown();
      await(returned, "the function returned");

      assertThat(outcome(waiter)).isInstanceOf(CancellationException.class);
      QueryState<String> state = client.getQueryState(key).orElseThrow();
      assertThat(state.data()).isEqualTo("old");
      assertThat(state.dataUpdateCount()).isEqualTo(updatesBefore);
      assertThat(screen.data()).isEqualTo("old");
      assertAtRest(client);
    }

    @Test
    void asyncFetchThatCompletesOrFailsAfterCancelIsDiscarded() {
      QueryClient client = direct();
      client.setQueryData(key, "old");
      ControllableQuery<String> fetcher = new ControllableQuery<>();
      LatestResult<String> screen = new LatestResult<>();
      client.observe(QueryOptions.builder(key).asyncFetcher(fetcher).retry(0).build(), screen);
      int calls = screen.calls();
      client.refetchQueries(QueryFilter.exact(key));
      client.cancelQueries(QueryFilter.exact(key));
      client.refetchQueries(QueryFilter.exact(key));
      client.cancelQueries(QueryFilter.exact(key));
      int callsAfterCancels = screen.calls();

      fetcher.call(fetcher.callCount() - 2).resolve("late");
      fetcher.call(fetcher.callCount() - 1).fail(new IOException("late failure"));

      QueryState<String> state = client.getQueryState(key).orElseThrow();
      assertThat(state.data()).isEqualTo("old");
      assertThat(state.error()).isNull();
      assertThat(state.status()).isEqualTo(QueryStatus.SUCCESS);
      assertThat(screen.calls()).as("listener calls after the late outcomes").isEqualTo(callsAfterCancels);
      assertThat(callsAfterCancels).isGreaterThan(calls);
      assertAtRest(client);
    }

    @Test
    void blockingFunctionReturningNullFailsWithNullPointerExceptionNamingTheKey() {
      QueryClient client = direct();

      CompletableFuture<String> fetch = client.fetchQuery(blocking(key, context -> null));

      assertThat(failureOf(fetch))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining(key.toString())
          .hasMessageContaining("returned null");
      assertThat(client.getQueryState(key).orElseThrow().status()).isEqualTo(QueryStatus.ERROR);
      assertAtRest(client);
    }

    @Test
    void asyncFunctionReturningANullStageFailsWithNullPointerExceptionNamingTheKey() {
      QueryClient client = direct();

      CompletableFuture<String> fetch = client.fetchQuery(async(key, context -> null));

      assertThat(failureOf(fetch))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining(key.toString())
          .hasMessageContaining("null stage");
      assertAtRest(client);
    }

    @Test
    void asyncFunctionCompletingWithNullFailsWithNullPointerExceptionNamingTheKey() {
      QueryClient client = direct();

      CompletableFuture<String> fetch =
          client.fetchQuery(async(key, context -> CompletableFuture.completedFuture(null)));

      assertThat(failureOf(fetch))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining(key.toString())
          .hasMessageContaining("returned null");
      assertAtRest(client);
    }

    @Test
    @Timeout(30)
    void functionThatInterruptsItselfFailsTheFetchAndLeavesThePoolThreadClean() throws Exception {
      QueryClient client = singleThreaded();
      InterruptedException thrown = new InterruptedException("gave up waiting");

      CompletableFuture<String> fetch =
          client.fetchQuery(blocking(key, context -> {
            Thread.currentThread().interrupt();
            throw thrown;
          }));

      // Nobody cancelled it: this is the function's failure, not a cancellation.
      assertThat(outcome(fetch)).isSameAs(thrown);
      QueryState<String> state = client.getQueryState(key).orElseThrow();
      assertThat(state.status()).isEqualTo(QueryStatus.ERROR);
      assertThat(state.error()).isSameAs(thrown);
      assertAtRest(client);
      // The same pool thread runs the next function, not interrupted.
      CompletableFuture<Boolean> next =
          client.fetchQuery(blocking(QueryKey.<Boolean>of("next"), context -> Thread.currentThread().isInterrupted()));
      assertThat(outcome(next)).isEqualTo(false);
    }
  }

  // ---- mutation functions ------------------------------------------------------------------

  @Nested
  @DisplayName("mutation functions")
  class MutationFunctionFaults {
    final QueryKey<List<String>> todos = QueryKey.of("todos", "list");
    final ControllableQuery<List<String>> server = new ControllableQuery<>();
    final LatestResult<List<String>> screen = new LatestResult<>();
    final List<Throwable> onError = new ArrayList<>();

    /** Observes {@link #todos} with {@code ["a"]} landed. */
    void observeTodos(QueryClient client) {
      client.observe(QueryOptions.builder(todos).asyncFetcher(server).retry(0).build(), screen);
      server.resolve(List.of("a"));
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
    }

    Mutation<String, String, Void> adding(QueryClient client, MutationFunction<String, String> function) {
      return client.mutation(function)
          .mutationKey(QueryKey.of("add-todo"))
          .optimistic(todos, FaultsTest::append)
          .errorMessage("Failed to add")
          .onError((error, variables, context) -> onError.add(error))
          .build();
    }

    /** Runs a mutation whose function throws {@code thrown}; checks the whole error path. */
    void assertErrorPath(QueryClient client, Mutation<String, String, Void> mutation, Throwable thrown) {
      CompletableFuture<String> run = mutation.mutate("b");

      // The layer is gone at once; the settle refetch is in flight and the run awaits it.
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertThat(run).isNotDone();
      server.resolve(List.of("a"));

      assertThat(failureOf(run)).isSameAs(thrown);
      assertThat(onError).containsExactly(thrown);
      assertThat(textsWithCauses(toaster)).containsExactly("error:Failed to add:" + thrown.getMessage());
      assertThat(causes(toaster)).containsExactly(thrown);
      assertThat(screen.data()).isEqualTo(List.of("a"));
      assertThat(mutation.state().status()).isEqualTo(MutationStatus.ERROR);
      assertThat(mutation.state().error()).isSameAs(thrown);
      assertAtRest(client);
    }

    @Test
    void checkedExceptionTakesTheErrorPath() {
      QueryClient client = direct();
      observeTodos(client);
      IOException thrown = new IOException("rejected");

      assertErrorPath(client, adding(client, variables -> { throw thrown; }), thrown);
    }

    @Test
    void uncheckedExceptionTakesTheErrorPath() {
      QueryClient client = direct();
      observeTodos(client);
      IllegalArgumentException thrown = new IllegalArgumentException("bad todo");

      assertErrorPath(client, adding(client, variables -> { throw thrown; }), thrown);
    }

    @Test
    void assertionErrorTakesTheErrorPath() {
      QueryClient client = direct();
      observeTodos(client);
      AssertionError thrown = new AssertionError("the function's own assert");

      assertErrorPath(client, adding(client, variables -> { throw thrown; }), thrown);
    }

    @Test
    void customErrorThrownByAnAsyncFunctionTakesTheErrorPathAndNeverReachesTheCaller() {
      QueryClient client = direct();
      observeTodos(client);
      ServerMeltdownError thrown = new ServerMeltdownError("meltdown");
      Mutation<String, String, Void> mutation =
          client.<String, String>asyncMutation(variables -> { throw thrown; })
              .optimistic(todos, FaultsTest::append)
              .errorMessage("Failed to add")
              .onError((error, variables, context) -> onError.add(error))
              .build();

      assertErrorPath(client, mutation, thrown);
    }

    @Test
    void customErrorThrownByOnMutateFailsTheRunAndNeverReachesTheCaller() {
      QueryClient client = direct();
      observeTodos(client);
      ServerMeltdownError thrown = new ServerMeltdownError("onMutate broke");
      AtomicInteger functionCalls = new AtomicInteger();
      Mutation<String, String, Object> mutation =
          client.<String, String>mutation(variables -> "ok#" + functionCalls.incrementAndGet())
              .optimistic(todos, FaultsTest::append)
              .errorMessage("Failed to add")
              .onMutate((variables, scope) -> { throw thrown; })
              .build();

      CompletableFuture<String> run = mutation.mutate("b");
      server.resolve(List.of("a"));

      assertThat(failureOf(run)).isSameAs(thrown);
      assertThat(functionCalls).hasValue(0);
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertThat(textsWithCauses(toaster)).containsExactly("error:Failed to add:onMutate broke");
      assertAtRest(client);
    }

    @Test
    void functionReturningNullFailsWithNullPointerExceptionNamingTheMutation() {
      QueryClient client = direct();
      observeTodos(client);
      Mutation<String, String, Void> mutation = adding(client, variables -> null);

      CompletableFuture<String> run = mutation.mutate("b");
      server.resolve(List.of("a"));

      assertThat(failureOf(run))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("returned null")
          .hasMessageContaining("add-todo");
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertThat(textsWithCauses(toaster)).hasSize(1).allMatch(toast -> toast.startsWith("error:Failed to add"));
      assertAtRest(client);
    }

    @Test
    @Timeout(30)
    void functionThatInterruptsItselfTakesTheErrorPathAndLeavesThePoolThreadClean() throws Exception {
      QueryClient client = singleThreaded();
      client.setQueryData(todos, List.of("a"));
      InterruptedException thrown = new InterruptedException("gave up waiting");
      Mutation<String, String, Void> mutation =
          adding(client, variables -> {
            Thread.currentThread().interrupt();
            throw thrown;
          });

      CompletableFuture<String> run = mutation.mutate("b");

      assertThat(outcome(run)).isSameAs(thrown);
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertThat(causes(toaster)).containsExactly(thrown);
      assertAtRest(client);
      CompletableFuture<Boolean> next =
          client.fetchQuery(blocking(QueryKey.<Boolean>of("next"), context -> Thread.currentThread().isInterrupted()));
      assertThat(outcome(next)).isEqualTo(false);
    }

    @Test
    void neverCompletingMutationLeavesAPendingRunWhoseQueryCanStillBeCancelledAndRemoved() {
      QueryClient client = direct();
      observeTodos(client);
      ControllableMutation<String, String> never = new ControllableMutation<>();
      Mutation<String, String, Void> mutation =
          client.asyncMutation(never).optimistic(todos, FaultsTest::append).errorMessage("Failed to add").build();

      CompletableFuture<String> run = mutation.mutate("b");

      // What is visible: the patch, one layer, one pending run; nothing else in flight.
      assertThat(run).isNotDone();
      assertThat(client.isMutating(MutationFilter.all())).isEqualTo(1);
      assertThat(mutation.state().status()).isEqualTo(MutationStatus.PENDING);
      QueryState<List<String>> state = client.getQueryState(todos).orElseThrow();
      assertThat(state.data()).isEqualTo(List.of("a", "b"));
      assertThat(state.optimisticLayers()).isEqualTo(1);
      assertThat(state.fetchStatus()).isEqualTo(FetchStatus.IDLE);

      // A refetch lands under the layer and can be cancelled; the layer stays on top.
      client.invalidateQueries(QueryFilter.exact(todos));
      assertThat(client.getQueryState(todos).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      client.cancelQueries(QueryFilter.exact(todos));
      assertThat(client.getQueryState(todos).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.IDLE);
      client.refetchQueries(QueryFilter.exact(todos));
      server.resolve(List.of("a", "c"));
      assertThat(client.getQueryData(todos)).contains(List.of("a", "c", "b"));

      // Removing the query drops it, layer and all; its observer moves to a fresh, empty query
      // for the key, without the layer.
      client.removeQueries(QueryFilter.exact(todos));
      QueryState<List<String>> fresh = client.getQueryState(todos).orElseThrow();
      assertThat(fresh.data()).isNull();
      assertThat(fresh.optimisticLayers()).isZero();
      assertThat(screen.data()).isNull();
      client.setQueryData(todos, List.of("fresh"));
      assertThat(client.getQueryState(todos).orElseThrow().optimisticLayers()).isZero();
      assertThat(client.isMutating(MutationFilter.all())).isEqualTo(1);
      assertThat(run).isNotDone();

      // When the function finally answers, the run settles without touching the new query's data.
      never.resolve("done");
      server.resolve(List.of("fresh"));
      assertThat(run).isCompletedWithValue("done");
      assertThat(client.getQueryData(todos)).contains(List.of("fresh"));
      assertAtRest(client);
    }

    @Test
    void aStageThatCompletesTwiceCountsOnceAndTheFunctionIsNotCalledAgain() {
      QueryClient client = direct();
      client.setQueryData(todos, List.of("a"));
      AtomicInteger calls = new AtomicInteger();
      IOException refused = new IOException("refused");
      Mutation<String, String, Void> mutation =
          client.<String, String>asyncMutation(variables -> {
                calls.incrementAndGet();
                return completingTwice(refused);
              })
              .optimistic(todos, FaultsTest::append)
              .errorMessage("Failed to add")
              .retry(RetryPolicy.fixed(3, Duration.ofSeconds(1)))
              .build();

      CompletableFuture<String> run = mutation.mutate("b");
      time.advance(Duration.ofSeconds(1));

      assertThat(calls).as("one call, and one retry for its one failure").hasValue(2);
      time.advance(Duration.ofSeconds(5));
      assertThat(calls).hasValue(4);
      assertThat(failureOf(run)).isSameAs(refused);
      assertAtRest(client);
    }

    @Test
    void updaterThatThrowsPropagatesAndChangesNothing() {
      QueryClient client = direct();
      client.setQueryData(key, "before");
      IllegalStateException unchecked = new IllegalStateException("updater bug");
      ServerMeltdownError error = new ServerMeltdownError("updater meltdown");

      assertThat(catchThrowable(() -> client.updateQueryData(key, value -> { throw unchecked; }))).isSameAs(unchecked);
      assertThat(catchThrowable(() -> client.updateQueryData(other, value -> { throw error; }))).isSameAs(error);

      assertThat(client.getQueryData(key)).contains("before");
      assertThat(client.getQueryState(other)).as("nothing created").isEmpty();
      assertAtRest(client);
    }

    @Test
    void projectionThatThrowsAnErrorWhenFirstAppliedFailsTheRunBeforeItsFunctionRuns() {
      QueryClient client = direct();
      observeTodos(client);
      ServerMeltdownError thrown = new ServerMeltdownError("projection meltdown");
      AtomicInteger functionCalls = new AtomicInteger();
      Mutation<String, String, Void> mutation =
          client.<String, String>mutation(variables -> "ok#" + functionCalls.incrementAndGet())
              .optimistic(todos, (List<String> list, String item) -> { throw thrown; })
              .errorMessage("Failed to add")
              .build();

      CompletableFuture<String> run = mutation.mutate("b"); // does not throw
      server.resolve(List.of("a"));

      assertThat(failureOf(run)).isSameAs(thrown);
      assertThat(functionCalls).hasValue(0);
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertThat(textsWithCauses(toaster)).containsExactly("error:Failed to add:projection meltdown");
      assertAtRest(client);
    }

    /**
     * A mutation whose projection has a bug that only shows on some data: it assumes "b" is
     * listed, and throws {@code thrown} when it is not.
     */
    Mutation<String, String, Void> markingB(QueryClient client, AsyncMutationFunction<String, String> function, Throwable thrown) {
      return client.asyncMutation(function)
          .optimistic(todos, (List<String> list, String suffix) -> {
            if (!list.contains("b")) {
              sneakyThrow(thrown);
            }
            return append(list, "b" + suffix);
          })
          .errorMessage("Failed to mark")
          .build();
    }

    /**
     * Run A adds "b"; run B marks it. A fails: its layer goes, and B's patch, applied again to
     * what is left, throws {@code thrown}. B's layer is dropped at once and B fails with that
     * error when its function answers (it was called already), whatever the answer.
     */
    void assertReappliedPatchFailsItsRun(Throwable thrown) {
      QueryClient client = direct();
      observeTodos(client);
      ControllableMutation<String, String> calls = new ControllableMutation<>();
      Mutation<String, String, Void> adding =
          client.asyncMutation(calls).optimistic(todos, FaultsTest::append).errorMessage("Failed to add").build();
      CompletableFuture<String> first = adding.mutate("b");
      CompletableFuture<String> second = markingB(client, calls, thrown).mutate("!");
      assertThat(client.getQueryData(todos)).contains(List.of("a", "b", "b!"));

      Throwable failing = catchThrowable(() -> calls.call(0).fail(new IOException("rejected")));

      SoftAssertions softly = new SoftAssertions();
      softly.assertThat(failing).as("what reached the thread that failed the run").isNull();
      softly.assertThat(client.getQueryData(todos)).as("the data, both patches gone").contains(List.of("a"));
      softly.assertThat(client.getQueryState(todos).orElseThrow().optimisticLayers()).as("layers").isZero();
      softly.assertThat(second).as("the run whose patch failed, its function still asked").isNotDone();
      calls.call(1).resolve("accepted anyway");
      server.resolve(List.of("a"));
      softly.assertThat(first).as("the failed run").isCompletedExceptionally();
      softly.assertThat(failureOf(second)).as("the run whose patch failed").isSameAs(thrown);
      softly.assertThat(textsWithCauses(toaster)).as("toasts")
          .containsExactly("error:Failed to add:rejected", "error:Failed to mark:" + thrown.getMessage());
      softly.assertAll();
      assertAtRest(client);
    }

    @Test
    void projectionThatThrowsWhenReappliedAfterAnotherRunFailedFailsItsOwnRun() {
      assertReappliedPatchFailsItsRun(new IllegalStateException("projection assumed b is listed"));
    }

    @Test
    void projectionThatThrowsACheckedExceptionWhenReappliedFailsItsOwnRun() {
      assertReappliedPatchFailsItsRun(new IOException("projection assumed b is listed"));
    }

    @Test
    void projectionThatThrowsAnErrorWhenReappliedFailsItsOwnRun() {
      assertReappliedPatchFailsItsRun(new AssertionError("projection assumed b is listed"));
    }

    @Test
    void projectionThatOverflowsTheStackWhenReappliedFailsItsOwnRun() {
      assertReappliedPatchFailsItsRun(new StackOverflowError("projection recursed"));
    }

    @Test
    void aRunWaitingForItsScopeWhosePatchFailsFailsAtOnceAndIsNeverSent() {
      QueryClient client = direct();
      observeTodos(client);
      ControllableMutation<String, String> calls = new ControllableMutation<>();
      Mutation<String, String, Void> adding =
          client.asyncMutation(calls).scope("todos").optimistic(todos, FaultsTest::append).errorMessage("Failed to add").build();
      ControllableMutation<String, String> markCalls = new ControllableMutation<>();
      Mutation<String, String, Void> marking =
          client.asyncMutation(markCalls)
              .scope("todos")
              .optimistic(todos, (List<String> list, String suffix) -> {
                if (!list.contains("b")) {
                  throw new IllegalStateException("no b to mark");
                }
                return append(list, "b" + suffix);
              })
              .errorMessage("Failed to mark")
              .build();
      CompletableFuture<String> first = adding.mutate("b");
      CompletableFuture<String> second = marking.mutate("!"); // waits for the first
      assertThat(marking.state().isPaused()).isTrue();

      calls.call(0).fail(new IOException("rejected"));
      server.resolve(List.of("a"));

      assertThat(failureOf(second)).hasMessage("no b to mark");
      assertThat(markCalls.callCount()).as("calls of the failed run's function").isZero();
      assertThat(first).isCompletedExceptionally();
      assertThat(textsWithCauses(toaster)).containsExactly("error:Failed to add:rejected", "error:Failed to mark:no b to mark");
      assertAtRest(client);
    }

    @Test
    void projectionThatThrowsWhenReappliedOverNewDataFailsItsRunAndTheDataLands() {
      QueryClient client = direct();
      observeTodos(client);
      ControllableMutation<String, String> pending = new ControllableMutation<>();
      // A projection with a bug that only shows on some data: it asserts the list is short.
      Mutation<String, String, Void> mutation =
          client.asyncMutation(pending)
              .optimistic(todos, (List<String> list, String item) -> {
                if (list.size() > 2) {
                  sneakyThrow(new StackOverflowError("projection recursed on a long list"));
                }
                return append(list, item);
              })
              .errorMessage("Failed to add")
              .build();
      CompletableFuture<String> run = mutation.mutate("b");
      assertThat(client.getQueryData(todos)).contains(List.of("a", "b"));

      CompletableFuture<List<String>> refetch = client.fetchQuery(
          QueryOptions.builder(todos).asyncFetcher(server).retry(0).build());
      client.invalidateQueries(QueryFilter.exact(todos));
      Throwable landing = catchThrowable(() -> server.resolve(List.of("a", "x", "y")));

      QueryState<List<String>> state = client.getQueryState(todos).orElseThrow();
      SoftAssertions softly = new SoftAssertions();
      softly.assertThat(landing).as("what reached the thread that completed the fetch").isNull();
      softly.assertThat(state.fetchStatus()).as("fetch status after the data landed").isEqualTo(FetchStatus.IDLE);
      softly.assertThat(state.data()).as("data after the data landed").isEqualTo(List.of("a", "x", "y"));
      softly.assertThat(state.optimisticLayers()).as("layers").isZero();
      softly.assertThat(refetch).as("the fetch's waiter").isDone();
      softly.assertAll();
      pending.resolve("accepted");
      server.resolve(List.of("a", "x", "y", "b"));
      assertThat(failureOf(run)).isInstanceOf(StackOverflowError.class);
      assertThat(textsWithCauses(toaster)).containsExactly("error:Failed to add:projection recursed on a long list");
      assertAtRest(client);
    }
  }

  // ---- listeners ---------------------------------------------------------------------------

  @Nested
  @DisplayName("listeners")
  class ListenerFaults {
    final LatestResult<String> first = new LatestResult<>();
    final LatestResult<String> second = new LatestResult<>();
    final LatestResult<String> elsewhere = new LatestResult<>();

    /** Opens a throwing observer of {@link #key} between two others; returns its recorder. */
    LatestResult<String> observeWithThrower(QueryClient client, Throwable thrown) {
      LatestResult<String> thrower = new LatestResult<>();
      QueryOptions<String> options = QueryOptions.builder(key).enabled(false).build();
      client.observe(options, first);
      client.observe(options, result -> {
        thrower.accept(result);
        if ("boom".equals(result.data())) {
          sneakyThrow(thrown);
        }
      });
      client.observe(options, second);
      client.observe(QueryOptions.builder(other).enabled(false).build(), elsewhere);
      return thrower;
    }

    /**
     * One write notifies four listeners, one of which throws: the write lands, the writer sees
     * no exception, the other three get the change, the thrower is logged and keeps receiving
     * later changes. Soft assertions, so that a failure lists every property that broke.
     */
    void assertIsolated(Throwable thrown) {
      QueryClient client = direct();
      try (LogCapture log = LogCapture.open(LogCapture.CALLBACKS)) {
        LatestResult<String> thrower = observeWithThrower(client, thrown);

        Throwable escaped = catchThrowable(() -> client.batch(() -> {
          client.setQueryData(key, "boom");
          client.setQueryData(other, "boom");
        }));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(escaped).as("what reached the writer").isNull();
        softly.assertThat(client.getQueryData(key)).as("the write").contains("boom");
        softly.assertThat(thrower.data()).as("the thrower's result").isEqualTo("boom");
        softly.assertThat(first.data()).as("the listener before the thrower").isEqualTo("boom");
        softly.assertThat(second.data()).as("the listener after the thrower").isEqualTo("boom");
        softly.assertThat(elsewhere.data()).as("the listener of another key changed in the same batch").isEqualTo("boom");
        softly.assertThat(log.text()).as("the log").contains("a query listener threw").contains(thrown.getMessage());

        client.setQueryData(key, "after");
        softly.assertThat(thrower.data()).as("the thrower's next result").isEqualTo("after");
        softly.assertThat(first.data()).as("the listener before the thrower, next result").isEqualTo("after");
        softly.assertThat(second.data()).as("the listener after the thrower, next result").isEqualTo("after");
        softly.assertAll();
      }
    }

    @Test
    void runtimeExceptionInAListenerIsLoggedAndIsolated() {
      assertIsolated(new IllegalStateException("listener bug"));
    }

    @Test
    void assertionErrorInAListenerIsLoggedAndIsolated() {
      assertIsolated(new AssertionError("listener assert"));
    }

    @Test
    void customErrorInAListenerIsLoggedAndIsolated() {
      assertIsolated(new ServerMeltdownError("listener meltdown"));
    }

    @Test
    void throwingCacheListenerAndMutationObserverDoNotStopTheOthersOrTheRun() {
      QueryClient client = direct();
      AtomicInteger cacheCalls = new AtomicInteger();
      client.onCacheChange(() -> { throw new IllegalStateException("inspector bug"); });
      client.onCacheChange(cacheCalls::incrementAndGet);
      QueryKey<List<String>> todos = QueryKey.of("todos", "list");
      client.setQueryData(todos, List.of("a"));
      LatestResult<List<String>> screen = new LatestResult<>();
      client.observe(QueryOptions.builder(todos).enabled(false).build(), screen);
      ControllableMutation<String, String> server = new ControllableMutation<>();
      Mutation<String, String, Void> mutation =
          client.asyncMutation(server).optimistic(todos, FaultsTest::append).errorMessage("Failed").build();
      AtomicInteger mutationCalls = new AtomicInteger();
      mutation.observe(state -> {
        mutationCalls.incrementAndGet();
        throw new IllegalStateException("mutation listener bug");
      });
      int cacheCallsBefore = cacheCalls.get();

      CompletableFuture<String> run = mutation.mutate("b");
      assertThat(screen.data()).isEqualTo(List.of("a", "b"));
      server.resolve("ok");

      assertThat(run).isCompletedWithValue("ok");
      assertThat(cacheCalls.get()).isGreaterThan(cacheCallsBefore);
      assertThat(mutationCalls.get()).isGreaterThan(1);
      assertThat(screen.data()).isEqualTo(List.of("a", "b"));
      assertAtRest(client);
    }
  }

  // ---- toasters ----------------------------------------------------------------------------

  @Nested
  @DisplayName("toasters")
  class ToasterFaults {
    final QueryKey<List<String>> todos = QueryKey.of("todos", "list");

    /** A toaster whose every toast throws {@code thrown} after counting it. */
    Toaster throwing(Throwable thrown, AtomicInteger toasts) {
      return new Toaster() {
        @Override
        public void success(String message) {
          toasts.incrementAndGet();
          sneakyThrow(thrown);
        }

        @Override
        public void error(String message, Throwable cause) {
          toasts.incrementAndGet();
          sneakyThrow(thrown);
        }

        @Override
        public void undo(String message, UndoOffer offer) {
          toasts.incrementAndGet();
          sneakyThrow(thrown);
        }
      };
    }

    void assertErrorToastFaultIsContained(Throwable toasterFault) {
      AtomicInteger toasts = new AtomicInteger();
      QueryClient client = track(time.clientBuilder().fetchExecutor(Runnable::run).toaster(throwing(toasterFault, toasts)).build());
      client.setQueryData(todos, List.of("a"));
      IOException serverError = new IOException("rejected");
      Mutation<String, String, Void> mutation =
          client.<String, String>mutation(variables -> { throw serverError; })
              .optimistic(todos, FaultsTest::append)
              .errorMessage("Failed to add")
              .build();
      try (LogCapture log = LogCapture.open(LogCapture.CALLBACKS)) {
        CompletableFuture<String> run = mutation.mutate("b");

        assertThat(toasts).hasValue(1);
        assertThat(failureOf(run)).as("the run's outcome").isSameAs(serverError);
        assertThat(client.getQueryData(todos)).contains(List.of("a"));
        assertThat(log.text()).contains("the toaster threw").contains(toasterFault.getMessage());
        assertAtRest(client);
      }
    }

    @Test
    void errorToastThatThrowsAnExceptionLeavesTheRunsOutcomeAndIsLogged() {
      assertErrorToastFaultIsContained(new IllegalStateException("toaster bug"));
    }

    @Test
    void errorToastThatThrowsAnErrorLeavesTheRunsOutcomeAndIsLogged() {
      assertErrorToastFaultIsContained(new ServerMeltdownError("toaster meltdown"));
    }

    @Test
    void successAndUndoToastsThatThrowLeaveTheRunsOutcome() {
      AtomicInteger toasts = new AtomicInteger();
      QueryClient client =
          track(time.clientBuilder().fetchExecutor(Runnable::run).toaster(throwing(new IllegalStateException("toaster bug"), toasts)).build());
      client.setQueryData(todos, List.of("a"));
      Mutation<String, String, Void> plain =
          client.<String, String>mutation(variables -> "saved").successMessage("Saved").build();
      Mutation<String, String, Void> undoable =
          client.<String, String>mutation(variables -> "id-" + variables)
              .optimistic(todos, FaultsTest::append)
              .errorMessage("Failed to add")
              .undoable(result -> java.util.Optional.of(result), request -> true, variables -> "Added")
              .build();

      assertThat(plain.mutate("x")).isCompletedWithValue("saved");
      assertThat(undoable.mutate("b")).isCompletedWithValue("id-b");

      assertThat(toasts).hasValue(2);
      assertThat(client.getQueryData(todos)).contains(List.of("a", "b"));
      assertAtRest(client);
    }
  }

  // ---- the notify executor -----------------------------------------------------------------

  @Nested
  @DisplayName("notify executor")
  class NotifyExecutorFaults {
    final AtomicBoolean rejecting = new AtomicBoolean();
    final AtomicInteger rejected = new AtomicInteger();
    final QueryClient client =
        direct(time.clientBuilder().fetchExecutor(Runnable::run).notifyExecutor(task -> {
          if (rejecting.get()) {
            rejected.incrementAndGet();
            throw new RejectedExecutionException("the UI is shutting down");
          }
          task.run();
        }));
    final LatestResult<String> first = new LatestResult<>();
    final LatestResult<String> second = new LatestResult<>();

    @Test
    void rejectedDeliveriesAreLoggedTheWritesLandAndTheNextChangeDeliversTheLatestState() {
      client.observe(QueryOptions.builder(key).enabled(false).build(), first);
      client.observe(QueryOptions.builder(key).enabled(false).build(), second);
      client.setQueryData(key, "one");
      assertThat(first.data()).isEqualTo("one");

      try (LogCapture log = LogCapture.open(LogCapture.NOTIFIER)) {
        rejecting.set(true);
        Throwable escaped = catchThrowable(() -> {
          client.setQueryData(key, "two");
          client.setQueryData(key, "three");
        });
        assertThat(escaped).as("what reached the writer").isNull();
        assertThat(rejected.get()).as("rejected deliveries").isGreaterThanOrEqualTo(2);
        assertThat(client.getQueryData(key)).contains("three");
        assertThat(first.data()).isEqualTo("one");
        assertThat(log.text()).contains("the notify executor rejected a delivery");

        rejecting.set(false);
        client.setQueryData(key, "four");
      }

      assertThat(first.data()).isEqualTo("four");
      assertThat(second.data()).isEqualTo("four");
      assertAtRest(client);
    }

    @Test
    void mutationCycleCompletesWhileDeliveriesAreRejected() {
      QueryKey<List<String>> todos = QueryKey.of("todos", "list");
      ControllableQuery<List<String>> server = new ControllableQuery<>();
      LatestResult<List<String>> screen = new LatestResult<>();
      client.observe(QueryOptions.builder(todos).asyncFetcher(server).retry(0).build(), screen);
      server.resolve(List.of("a"));
      ControllableMutation<String, String> write = new ControllableMutation<>();
      Mutation<String, String, Void> mutation =
          client.asyncMutation(write).optimistic(todos, FaultsTest::append).errorMessage("Failed").build();

      rejecting.set(true);
      CompletableFuture<String> failing = mutation.mutate("b");
      CompletableFuture<String> succeeding = mutation.mutate("c");
      write.call(0).fail(new IOException("rejected"));
      write.call(1).resolve("ok");
      server.resolve(List.of("a", "c"));

      assertThat(failureOf(failing)).hasMessage("rejected");
      assertThat(succeeding).isCompletedWithValue("ok");
      assertThat(client.getQueryData(todos)).contains(List.of("a", "c"));
      assertThat(screen.data()).as("nothing delivered while rejecting").isEqualTo(List.of("a"));
      assertAtRest(client);

      rejecting.set(false);
      client.invalidateQueries(QueryFilter.exact(todos));
      server.resolve(List.of("a", "c"));
      assertThat(screen.state()).isEqualTo(client.getQueryState(todos).orElseThrow());
    }
  }

  // ---- checked exceptions thrown where Java does not expect them -----------------------------

  /**
   * Kotlin code and {@code @SneakyThrows} throw checked exceptions from methods that declare
   * none: a listener, a toaster, a cancellation callback. Each is isolated like any other
   * throw.
   */
  @Nested
  @DisplayName("checked throws")
  class CheckedThrows {
    final QueryKey<List<String>> todos = QueryKey.of("todos", "list");

    @Test
    void aListenerThrowingACheckedExceptionIsIsolatedAndKeepsHearing() {
      QueryClient client = direct();
      LatestResult<String> before = new LatestResult<>();
      LatestResult<String> after = new LatestResult<>();
      List<String> thrower = new CopyOnWriteArrayList<>();
      QueryOptions<String> options = QueryOptions.builder(key).enabled(false).build();
      client.observe(options, before);
      client.observe(options, result -> {
        thrower.add(String.valueOf(result.data()));
        if (result.data() != null) {
          sneakyThrow(new IOException("listener wrote to a closed socket"));
        }
      });
      client.observe(options, after);

      Throwable escaped = catchThrowable(() -> client.setQueryData(key, "one"));
      client.setQueryData(key, "two");

      assertThat(escaped).as("what reached the writer").isNull();
      assertThat(after.data()).isEqualTo("two");
      assertThat(before.data()).isEqualTo("two");
      assertThat(thrower).containsExactly("null", "one", "two");
    }

    @Test
    void aToasterThrowingACheckedExceptionLeavesTheRunsOutcome() {
      Toaster throwing = new Toaster() {
        @Override
        public void success(String message) {}

        @Override
        public void error(String message, Throwable cause) {
          sneakyThrow(new IOException("toast window gone"));
        }

        @Override
        public void undo(String message, UndoOffer offer) {}
      };
      QueryClient client = track(time.clientBuilder().fetchExecutor(Runnable::run).toaster(throwing).build());
      client.setQueryData(todos, List.of("a"));
      IOException refused = new IOException("refused");
      CompletableFuture<String> run =
          client.<String, String>mutation(v -> { throw refused; })
              .optimistic(todos, FaultsTest::append).errorMessage("Failed").build().mutate("b");

      assertThat(failureOf(run)).isSameAs(refused);
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertAtRest(client);
    }

    @Test
    void cancellationCallbacksThatThrowCheckedExceptionsAndErrorsLetTheOthersRunAndTheWaitersComplete() {
      QueryClient client = direct();
      ControllableQuery<String> fetcher = new ControllableQuery<>();
      CompletableFuture<String> waiter = client.fetchQuery(async(key, fetcher));
      List<String> ran = new CopyOnWriteArrayList<>();
      CancellationSignal signal = fetcher.latestCall().context().signal();
      signal.onCancel(() -> { ran.add("checked"); sneakyThrow(new IOException("abort failed")); });
      signal.onCancel(() -> { ran.add("error"); throw new ServerMeltdownError("abort melted"); });
      signal.onCancel(() -> { ran.add("vm error"); throw new StackOverflowError("abort recursed"); });
      signal.onCancel(() -> ran.add("last"));

      Throwable escaped = catchThrowable(() -> client.cancelQueries(QueryFilter.exact(key)));

      assertThat(escaped).as("what reached the caller of cancelQueries").isNull();
      assertThat(ran).containsExactly("checked", "error", "vm error", "last");
      assertThat(failureOf(waiter)).isInstanceOf(CancellationException.class);
      assertAtRest(client);
    }

    @Test
    void anOnErrorThrowingACheckedExceptionIsLoggedAndTheRunFailsWithItsOwnError() {
      QueryClient client = direct();
      client.setQueryData(todos, List.of("a"));
      IOException refused = new IOException("refused");
      CompletableFuture<String> run =
          client.<String, String>mutation(v -> { throw refused; })
              .optimistic(todos, FaultsTest::append)
              .errorMessage("Failed")
              .onError((error, v, c) -> sneakyThrow(new IOException("onError's own IO")))
              .build()
              .mutate("b");

      assertThat(failureOf(run)).isSameAs(refused);
      assertAtRest(client);
    }

    @Test
    void aRetryPolicyThatThrowsEndsTheRetriesWithTheAttemptsError() {
      QueryClient client = direct();
      ControllableQuery<String> fetcher = new ControllableQuery<>();
      RetryPolicy broken = new RetryPolicy() {
        @Override
        public boolean shouldRetry(int retriesSoFar, Throwable error) {
          return sneakyReturn(new IOException("policy config missing"));
        }

        @Override
        public Duration delay(int retriesSoFar, Throwable error) {
          return Duration.ZERO;
        }
      };
      CompletableFuture<String> fetch =
          client.fetchQuery(QueryOptions.builder(key).asyncFetcher(fetcher).retry(broken).build());
      IOException down = new IOException("down");

      fetcher.fail(down);

      assertThat(failureOf(fetch)).isSameAs(down);
      assertThat(down.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("policy config missing"));
      assertAtRest(client);
    }
  }

  // ---- virtual-machine errors -----------------------------------------------------------------

  /**
   * The rule for {@link VirtualMachineError}s thrown by application code (see
   * {@link Callbacks}): isolated like any other throw and reported at ERROR, so that every
   * listener is still served and every run settles.
   */
  @Nested
  @DisplayName("VM errors")
  class VmErrors {
    final QueryKey<List<String>> todos = QueryKey.of("todos", "list");

    void assertEveryListenerServed(VirtualMachineError thrown) {
      QueryClient client = direct();
      LatestResult<List<String>> before = new LatestResult<>();
      LatestResult<List<String>> after = new LatestResult<>();
      LatestResult<String> elsewhere = new LatestResult<>();
      QueryOptions<List<String>> options = QueryOptions.builder(todos).enabled(false).build();
      client.setQueryData(todos, List.of("a"));
      client.observe(options, before);
      client.observe(options, result -> {
        if (result.data() != null && result.data().contains("b")) {
          throw thrown;
        }
      });
      client.observe(options, after);
      client.observe(QueryOptions.builder(key).enabled(false).build(), elsewhere);
      ControllableMutation<String, String> server = new ControllableMutation<>();
      Mutation<String, String, Void> add =
          client.asyncMutation(server).optimistic(todos, FaultsTest::append).errorMessage("Failed").build();

      Throwable escapedFromMutate = catchThrowable(() -> client.batch(() -> {
        add.mutate("b");
        client.setQueryData(key, "also");
      }));
      assertThat(after.data()).isEqualTo(List.of("a", "b"));
      Throwable escapedFromRollback = catchThrowable(() -> server.fail(new IOException("refused")));

      assertThat(escapedFromMutate).as("what reached the writer").isNull();
      assertThat(escapedFromRollback).as("what reached the thread that failed the run").isNull();
      assertThat(before.data()).as("the listener before the thrower, after the rollback").isEqualTo(List.of("a"));
      assertThat(after.data()).as("the listener after the thrower, after the rollback").isEqualTo(List.of("a"));
      assertThat(elsewhere.data()).as("a listener of another key in the same batch").isEqualTo("also");
      assertAtRest(client);
    }

    @Test
    void aListenersStackOverflowErrorIsIsolatedAndEveryOtherListenerSeesTheRollback() {
      assertEveryListenerServed(new StackOverflowError("listener recursed"));
    }

    @Test
    void aListenersOutOfMemoryErrorIsIsolatedAndEveryOtherListenerSeesTheRollback() {
      assertEveryListenerServed(new OutOfMemoryError("listener ran out of heap"));
    }

    @Test
    void aVmErrorInOnSuccessTurnsTheRunIntoAFailure() {
      QueryClient client = direct();
      client.setQueryData(todos, List.of("a"));
      OutOfMemoryError heap = new OutOfMemoryError("onSuccess ran out of heap");
      CompletableFuture<String> run =
          client.<String, String>mutation(v -> "ok")
              .optimistic(todos, FaultsTest::append)
              .errorMessage("Failed")
              .onSuccess((result, v, c) -> { throw heap; })
              .build()
              .mutate("b");

      assertThat(failureOf(run)).isSameAs(heap);
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertThat(textsWithCauses(toaster)).containsExactly("error:Failed:onSuccess ran out of heap");
      assertAtRest(client);
    }

    @Test
    void aToastersStackOverflowErrorLeavesTheRunsOutcome() {
      Toaster recursing = new Toaster() {
        @Override
        public void success(String message) {}

        @Override
        public void error(String message, Throwable cause) {
          throw new StackOverflowError("toast layout recursed");
        }

        @Override
        public void undo(String message, UndoOffer offer) {}
      };
      QueryClient client = track(time.clientBuilder().fetchExecutor(Runnable::run).toaster(recursing).build());
      client.setQueryData(todos, List.of("a"));
      IOException refused = new IOException("refused");
      CompletableFuture<String> run =
          client.<String, String>mutation(v -> { throw refused; })
              .optimistic(todos, FaultsTest::append).errorMessage("Failed").build().mutate("b");

      assertThat(failureOf(run)).isSameAs(refused);
      assertAtRest(client);
    }
  }

  // ---- answers that come before the library listens -------------------------------------------

  /**
   * A mutation function that answers before the library listens (a local store, a mock, a
   * cache, a pool faster than the caller) settles a whole scope queue on one thread: each
   * settle starts the next run. The hand-overs go through a trampoline, so the stack does not
   * grow with the queue.
   */
  @Nested
  @DisplayName("instant answers")
  class InstantAnswers {
    static final int QUEUED = 10_000;
    final QueryKey<Boolean> paused = QueryKey.of("config", 7, "paused");

    Mutation<Boolean, String, Void> toggle(QueryClient client, AsyncMutationFunction<Boolean, String> function) {
      return client.asyncMutation(function)
          .scope("config-7")
          .optimistic(paused, (Boolean current, Boolean next) -> next)
          .errorMessage("Failed to toggle")
          .build();
    }

    List<CompletableFuture<String>> queue(Mutation<Boolean, String, Void> toggle, int runs) {
      List<CompletableFuture<String>> futures = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        futures.add(toggle.mutate(i % 2 == 0));
      }
      return futures;
    }

    @Test
    void tenThousandQueuedRunsWhoseAsyncFunctionAnswersAtOnceAllSettle() {
      QueryClient client = direct();
      client.setQueryData(paused, false);
      CompletableFuture<String> gate = new CompletableFuture<>();
      AtomicInteger calls = new AtomicInteger();
      Mutation<Boolean, String, Void> toggle = toggle(client,
          value -> calls.getAndIncrement() == 0 ? gate : CompletableFuture.completedFuture("saved " + value));
      List<CompletableFuture<String>> runs = queue(toggle, QUEUED);
      assertThat(client.isMutating(MutationFilter.all())).isEqualTo(QUEUED);

      gate.complete("first answered"); // the first settles; the other 9 999 follow on this thread

      assertThat(runs.stream().filter(run -> !run.isDone()).count()).as("runs left pending").isZero();
      assertThat(runs.stream().filter(CompletableFuture::isCompletedExceptionally).count()).as("failed runs").isZero();
      assertThat(calls).hasValue(QUEUED);
      assertThat(client.getQueryData(paused)).contains(false); // the last toggle, run 9 999
      assertAtRest(client);
    }

    @Test
    void tenThousandQueuedRunsWhoseBlockingFunctionRunsOnTheCallersThreadAllSettle() {
      QueryClient client = direct(); // the fetch executor runs functions on the calling thread
      client.setQueryData(paused, false);
      CompletableFuture<String> gate = new CompletableFuture<>();
      Mutation<Boolean, String, Void> first = toggle(client, value -> gate);
      AtomicInteger calls = new AtomicInteger();
      Mutation<Boolean, String, Void> rest =
          client.<Boolean, String>mutation(value -> "saved #" + calls.incrementAndGet())
              .scope("config-7")
              .optimistic(paused, (Boolean current, Boolean next) -> next)
              .errorMessage("Failed to toggle")
              .build();
      List<CompletableFuture<String>> runs = new ArrayList<>(queue(first, 1));
      runs.addAll(queue(rest, QUEUED - 1));

      gate.complete("first answered");

      assertThat(runs.stream().filter(run -> !run.isDone()).count()).as("runs left pending").isZero();
      assertThat(calls).hasValue(QUEUED - 1);
      assertAtRest(client);
    }

    @Test
    void tenThousandQueuedRunsThatFailAtOnceAllRollBackAndToast() {
      QueryClient client = direct();
      client.setQueryData(paused, false);
      CompletableFuture<String> gate = new CompletableFuture<>();
      AtomicInteger calls = new AtomicInteger();
      Mutation<Boolean, String, Void> toggle = toggle(client, value -> calls.getAndIncrement() == 0
          ? gate : CompletableFuture.failedFuture(new IOException("local store full")));
      List<CompletableFuture<String>> runs = queue(toggle, QUEUED);

      gate.complete("first answered");

      assertThat(runs.stream().filter(CompletableFuture::isCompletedExceptionally).count()).isEqualTo(QUEUED - 1);
      assertThat(textsWithCauses(toaster)).hasSize(QUEUED - 1);
      assertThat(client.getQueryData(paused)).as("only the first toggle stands").contains(true);
      assertAtRest(client);
    }
  }

  // ---- hostile keys ---------------------------------------------------------------------------

  /** Parts that once hung, overflowed, tore or collided keys; each is refused or read exactly. */
  @Nested
  @DisplayName("hostile keys")
  class HostileKeys {
    @Test
    @Timeout(10)
    void aKeyThatWouldExpandToTwoToTheFortyLeavesIsRefusedAtOnceNamingTheBound() {
      Object part = "leaf";
      for (int i = 0; i < 40; i++) {
        part = java.util.Arrays.asList(part, part);
      }
      Object hostile = part;

      assertThatThrownBy(() -> QueryKey.of(hostile))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(KeyParts.MAX_PARTS));
    }

    @Test
    void aBeanWithABackReferenceIsRefusedAndLaterBeanKeysStillWork() {
      QueryKeyTest.Parent parent = new QueryKeyTest.Parent();
      parent.setChild(new QueryKeyTest.Child(parent));

      assertThatThrownBy(() -> QueryKey.of(parent))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cycles");
      assertThatThrownBy(() -> QueryKey.of(parent)).as("the same refusal, again")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cycles");
      assertThat(QueryKey.of(new QueryKeyTest.Money(new java.math.BigDecimal("1.5"))))
          .isEqualTo(QueryKey.of(Map.of("amount", 1.5)));
    }

    @Test
    void differentLambdasAreRefusedInsteadOfGivingEqualKeys() {
      Runnable one = () -> {};
      Runnable two = () -> {};

      assertThatThrownBy(() -> QueryKey.of(one)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
      assertThatThrownBy(() -> QueryKey.of(two)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
    }

    @Test
    void aHugeNumberRendersInFewCharacters() {
      QueryKey<String> key = QueryKey.of("amount", new java.math.BigDecimal("1E+5000000"));

      assertThat(key.toString()).isEqualTo("[\"amount\",1E+5000000]");
    }

    @Test
    void aFetchOfAKeyWithAHugeNumberDoesNotRenderIt() {
      QueryClient client = direct();
      QueryKey<String> huge = QueryKey.of("amount", new java.math.BigDecimal("1E+5000000"));
      ControllableQuery<String> fetcher = new ControllableQuery<>();

      CompletableFuture<String> fetch = client.fetchQuery(async(huge, fetcher));
      fetcher.resolve("fetched");

      assertThat(fetch).isCompletedWithValue("fetched");
    }
  }

  // ---- closing the client ------------------------------------------------------------------

  @Nested
  @DisplayName("closing")
  class Closing {
    @Test
    @Timeout(60)
    void closeLeavesNoRunPendingWhetherItsFunctionWasRunningOrQueued() throws Exception {
      QueryClient client = pooled(); // its own pool of 8 fetch threads, stopped by close
      QueryKey<List<String>> todos = QueryKey.of("todos", "list");
      client.setQueryData(todos, List.of());
      int threads = 8;
      CountDownLatch started = new CountDownLatch(threads);
      CountDownLatch server = gate();
      Mutation<String, String, Void> mutation =
          client.<String, String>mutation(variables -> {
                started.countDown();
                server.await();
                return "ok";
              })
              .optimistic(todos, FaultsTest::append)
              .errorMessage("Failed to add")
              .build();
      List<CompletableFuture<String>> runs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        runs.add(mutation.mutate("running-" + i));
      }
      await(started, "every fetch thread runs a mutation function");
      runs.add(mutation.mutate("queued")); // no thread left for it: queued in the pool

      client.close();
      server.countDown(); // the server answers whoever is still asking

      // Whether a function was interrupted by the shutdown or ran to its end, and whether it
      // was running or still queued, its run settles: nobody waits forever on a closed client.
      for (CompletableFuture<String> run : runs) {
        Object outcome;
        try {
          outcome = run.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          outcome = e.getCause();
        } catch (CancellationException e) {
          outcome = e;
        } catch (TimeoutException e) {
          outcome = "still pending 5 s after close";
        }
        assertThat(outcome).as("outcome of a run pending when the client closed")
            .satisfiesAnyOf(o -> assertThat(o).isEqualTo("ok"), o -> assertThat(o).isInstanceOf(Throwable.class));
      }
      assertAtRest(client);
    }
  }

  // ---- shared helpers ----------------------------------------------------------------------

  static List<String> append(List<String> list, String item) {
    List<String> next = new ArrayList<>(list);
    next.add(item);
    return List.copyOf(next);
  }

  /** A faulty stage that tells every listener of its failure twice. */
  static <T> CompletionStage<T> completingTwice(Throwable failure) {
    return new CompletableFuture<T>() {
      @Override
      public CompletableFuture<T> whenComplete(java.util.function.BiConsumer<? super T, ? super Throwable> action) {
        action.accept(null, failure);
        action.accept(null, failure);
        return CompletableFuture.failedFuture(failure);
      }

      @Override
      public <U> CompletableFuture<U> handle(java.util.function.BiFunction<? super T, Throwable, ? extends U> action) {
        action.apply(null, failure);
        return CompletableFuture.completedFuture(action.apply(null, failure));
      }
    };
  }

  /** Throws {@code thrown} from a lambda that must return a value. */
  static <T> T sneakyReturn(Throwable thrown) {
    FaultsTest.<RuntimeException>sneakyThrow(thrown);
    throw new AssertionError("unreachable");
  }

  /** Throws any throwable, checked or not, from a lambda that may not declare it. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> void sneakyThrow(Throwable thrown) throws E {
    throw (E) thrown;
  }
}
