package dev.querycache.tests;

import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.MutationBuilder;
import dev.querycache.MutationFilter;
import dev.querycache.MutationHooks;
import dev.querycache.MutationScope;
import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.OptimisticMutationBuilder;
import dev.querycache.PluginScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.ToastTexts.textsWithCauses;
import static dev.querycache.tests.ToastTexts.causes;
import static dev.querycache.tests.ToastTexts.thenRun;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of the mutation cycle as {@link Mutation}'s class comment states it: the
 * mutate step on the caller's thread, the mutation function (scopes, retries, offline), the
 * success and error paths with TanStack Query's callback order and failure rules, the toasts,
 * and the settle invalidation. Everything runs on the test thread: the server is a
 * {@link ControllableMutation}, time is {@link VirtualTime}.
 */
@DisplayName("Mutation cycle")
class MutationCycleTest {
  static final String BOOM = "server said no";

  final VirtualTime time = new VirtualTime();
  /** The order of hooks, callbacks and toasts. */
  final List<String> events = new CopyOnWriteArrayList<>();
  /** Hook names ("onMutate", "onSuccess", ...) whose client-level hook throws. */
  final Set<String> throwingHooks = ConcurrentHashMap.newKeySet();
  /** Records toasts as "success:msg", "error:msg:causeMessage" or "undo:msg"; each adds "toast" to {@link #events}. */
  final RecordingToaster toaster = new RecordingToaster();
  final RecordingHooks hooks = new RecordingHooks();
  final QueryClient client = time.clientBuilder().toaster(thenRun(toaster, () -> events.add("toast"))).mutationHooks(hooks).build();
  final ControllableMutation<String, String> server = new ControllableMutation<>();
  final QueryKey<List<String>> todos = QueryKey.of("todos");
  final List<String> original = List.of("a");

  /** What the callbacks logger says at WARNING or above (callbacks that throw in the error path). */
  private LogCapture log;

  @BeforeEach
  void captureLog() {
    log = LogCapture.open(LogCapture.CALLBACKS);
  }

  @AfterEach
  void releaseLog() {
    log.close();
  }

  /** The formatted WARNING+ records of the callbacks logger so far, throwables included. */
  String warningsLogged() {
    return log.text();
  }

  // ---- test-local helpers ------------------------------------------------------------------

  /** Client-level hooks that append to {@link #events}, and throw when told to. */
  final class RecordingHooks implements MutationHooks {
    final List<MutationState<?, ?, ?>> successStates = new CopyOnWriteArrayList<>();

    @Override
    public void onMutate(MutationState<?, ?, ?> run) {
      events.add("hooks.onMutate");
      maybeThrow("onMutate");
    }

    @Override
    public void onSuccess(Object result, MutationState<?, ?, ?> run) {
      events.add("hooks.onSuccess");
      successStates.add(run);
      maybeThrow("onSuccess");
    }

    @Override
    public void onError(Throwable error, MutationState<?, ?, ?> run) {
      events.add("hooks.onError");
      maybeThrow("onError");
    }

    @Override
    public void onSettled(Object result, Throwable error, MutationState<?, ?, ?> run) {
      events.add("hooks.onSettled");
      maybeThrow("onSettled");
    }

    private void maybeThrow(String hook) {
      if (throwingHooks.contains(hook)) {
        throw new IllegalStateException("hook " + hook + " failed");
      }
    }
  }

  static List<String> append(List<String> list, String item) {
    return Stream.concat(list.stream(), Stream.of(item)).collect(Collectors.toUnmodifiableList());
  }

  /** An optimistic mutation appending its variables to {@link #todos}, run by {@link #server}. */
  OptimisticMutationBuilder<String, String, Void> optimisticAdd() {
    return client.asyncMutation(server).optimistic(todos, MutationCycleTest::append).errorMessage("Could not add");
  }

  List<String> todosData() {
    return client.getQueryData(todos).orElseThrow();
  }

  int todosLayers() {
    return client.getQueryState(todos).orElseThrow().optimisticLayers();
  }

  static IOException serverError() {
    return new IOException(BOOM);
  }

  /** Opens an enabled observer of {@code key} fetched by {@code fetcher}; lands {@code data}. */
  <T> QueryObserver<T> activeQuery(QueryKey<T> key, ControllableQuery<T> fetcher, T data) {
    QueryObserver<T> observer = client.observe(QueryOptions.builder(key).asyncFetcher(fetcher).build(), r -> {});
    assertThat(fetcher.callCount()).as("the mount fetch").isEqualTo(1);
    fetcher.resolve(data);
    return observer;
  }

  // ---- 1. success path ---------------------------------------------------------------------

  @Nested
  @DisplayName("success path")
  class SuccessPath {
    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
    }

    @Test
    void hooksRunBeforeEachCallbackInTheOrderMutateSuccessSettled() {
      Mutation<String, String, String> add =
          optimisticAdd()
              .onMutate((v, scope) -> {
                events.add("onMutate");
                return "ctx";
              })
              .onSuccess((r, v, c) -> events.add("onSuccess"))
              .onSettled((r, e, v, c) -> events.add("onSettled"))
              .build();

      add.mutate("b");
      assertThat(events).containsExactly("hooks.onMutate", "onMutate");

      server.resolve("ok");
      assertThat(events)
          .containsExactly(
              "hooks.onMutate", "onMutate", "hooks.onSuccess", "onSuccess", "hooks.onSettled", "onSettled");
    }

    @Test
    void statusIsStillPendingInsideOnSuccessAndOnSettled() {
      AtomicReference<Mutation<String, String, Void>> self = new AtomicReference<>();
      List<String> seen = new CopyOnWriteArrayList<>();
      Mutation<String, String, Void> add =
          optimisticAdd()
              .onSuccess((r, v, c) -> seen.add("onSuccess:" + self.get().state().status()))
              .onSettled((r, e, v, c) -> seen.add("onSettled:" + self.get().state().status()))
              .build();
      self.set(add);

      add.mutate("b");
      server.resolve("ok");

      assertThat(seen).containsExactly("onSuccess:PENDING", "onSettled:PENDING");
    }

    @Test
    void statusIsSuccessWithTheResultAfterTheRunSettles() {
      Mutation<String, String, Void> add = optimisticAdd().build();

      add.mutate("b");
      assertThat(add.state().status()).isEqualTo(MutationStatus.PENDING);
      server.resolve("ok");

      assertThat(add.state().status()).isEqualTo(MutationStatus.SUCCESS);
      assertThat(add.state().result()).isEqualTo("ok");
      assertThat(add.state().error()).isNull();
    }

    @Test
    void futureCompletesWithTheServersResult() {
      CompletableFuture<String> result = optimisticAdd().build().mutate("b");
      assertThat(result).isNotDone();

      server.resolve("created #2");

      assertThat(result).isCompletedWithValue("created #2");
    }

    @Test
    void onSuccessAndOnSettledGetTheResultAndTheVariables() {
      List<String> seen = new CopyOnWriteArrayList<>();
      optimisticAdd()
          .onSuccess((r, v, c) -> seen.add("onSuccess(" + r + ", " + v + ")"))
          .onSettled((r, e, v, c) -> seen.add("onSettled(" + r + ", " + e + ", " + v + ")"))
          .build()
          .mutate("b");

      server.resolve("ok");

      assertThat(seen).containsExactly("onSuccess(ok, b)", "onSettled(ok, null, b)");
    }
  }

  // ---- 2. error path -----------------------------------------------------------------------

  @Nested
  @DisplayName("error path")
  class ErrorPath {
    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
    }

    @Test
    void layersAreAlreadyRemovedWhenOnErrorRuns() {
      List<Object> seenInOnError = new CopyOnWriteArrayList<>();
      Mutation<String, String, Void> add =
          optimisticAdd()
              .onError((e, v, c) -> {
                seenInOnError.add(client.getQueryData(todos).orElseThrow());
                seenInOnError.add(client.getQueryState(todos).orElseThrow().optimisticLayers());
              })
              .build();

      add.mutate("b");
      assertThat(todosData()).containsExactly("a", "b");
      server.fail(serverError());

      assertThat(seenInOnError).containsExactly(original, 0);
    }

    @Test
    void hooksRunBeforeEachCallbackInTheOrderErrorSettledThenTheToast() {
      optimisticAdd()
          .onSuccess((r, v, c) -> events.add("onSuccess"))
          .onError((e, v, c) -> events.add("onError"))
          .onSettled((r, e, v, c) -> events.add("onSettled"))
          .build()
          .mutate("b");

      server.fail(serverError());

      assertThat(events)
          .containsExactly(
              "hooks.onMutate", "hooks.onError", "onError", "hooks.onSettled", "onSettled", "toast");
    }

    @Test
    void onSettledGetsANullResultAndTheError() {
      IOException error = serverError();
      List<Object> seen = new ArrayList<>();
      optimisticAdd()
          .onSettled((r, e, v, c) -> {
            seen.add(r == null ? "null result" : r);
            seen.add(e);
            seen.add(v);
          })
          .build()
          .mutate("b");

      server.fail(error);

      assertThat(seen).containsExactly("null result", error, "b");
    }

    @Test
    void onErrorGetsTheErrorAndTheVariables() {
      IOException error = serverError();
      List<Object> seen = new ArrayList<>();
      optimisticAdd()
          .onError((e, v, c) -> {
            seen.add(e);
            seen.add(v);
          })
          .build()
          .mutate("b");

      server.fail(error);

      assertThat(seen).containsExactly(error, "b");
    }

    @Test
    void statusIsErrorWithTheErrorAfterTheRunSettles() {
      IOException error = serverError();
      Mutation<String, String, Void> add = optimisticAdd().build();

      add.mutate("b");
      server.fail(error);

      assertThat(add.state().status()).isEqualTo(MutationStatus.ERROR);
      assertThat(add.state().error()).isSameAs(error);
      assertThat(add.state().result()).isNull();
    }

    @Test
    void statusIsStillPendingInsideOnError() {
      AtomicReference<Mutation<String, String, Void>> self = new AtomicReference<>();
      List<MutationStatus> seen = new CopyOnWriteArrayList<>();
      Mutation<String, String, Void> add =
          optimisticAdd().onError((e, v, c) -> seen.add(self.get().state().status())).build();
      self.set(add);

      add.mutate("b");
      server.fail(serverError());

      assertThat(seen).containsExactly(MutationStatus.PENDING);
    }

    @Test
    void futureFailsWithTheOriginalError() {
      IOException error = serverError();
      CompletableFuture<String> result = optimisticAdd().build().mutate("b");

      server.fail(error);

      assertThat(failureOf(result)).isSameAs(error);
    }

    @Test
    void errorToastCarriesTheMessageAndTheCause() {
      IOException error = serverError();
      optimisticAdd().build().mutate("b");

      server.fail(error);

      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not add:" + BOOM);
      assertThat(causes(toaster)).containsExactly(error);
    }

    @Test
    void dataIsBackToTheOriginalAfterTheFailure() {
      optimisticAdd().build().mutate("b");

      server.fail(serverError());

      assertThat(todosData()).isEqualTo(original);
      assertThat(todosLayers()).isZero();
    }
  }

  // ---- 3. context --------------------------------------------------------------------------

  @Nested
  @DisplayName("context")
  class Context {
    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
    }

    @Test
    void whatOnMutateReturnsReachesOnSuccessAndOnSettled() {
      List<String> seen = new CopyOnWriteArrayList<>();
      optimisticAdd()
          .onMutate((v, scope) -> "ctx-" + v)
          .onSuccess((r, v, c) -> seen.add("onSuccess:" + c))
          .onError((e, v, c) -> seen.add("onError:" + c))
          .onSettled((r, e, v, c) -> seen.add("onSettled:" + c))
          .build()
          .mutate("b");

      server.resolve("ok");

      assertThat(seen).containsExactly("onSuccess:ctx-b", "onSettled:ctx-b");
    }

    @Test
    void whatOnMutateReturnsReachesOnErrorAndOnSettled() {
      List<String> seen = new CopyOnWriteArrayList<>();
      optimisticAdd()
          .onMutate((v, scope) -> "ctx-" + v)
          .onSuccess((r, v, c) -> seen.add("onSuccess:" + c))
          .onError((e, v, c) -> seen.add("onError:" + c))
          .onSettled((r, e, v, c) -> seen.add("onSettled:" + c))
          .build()
          .mutate("b");

      server.fail(serverError());

      assertThat(seen).containsExactly("onError:ctx-b", "onSettled:ctx-b");
    }

    @Test
    void snapshotIsTheDataBeforeThePatchWhileGetQueryDataIsPatched() {
      AtomicReference<Optional<List<String>>> snapshot = new AtomicReference<>();
      AtomicReference<Optional<List<String>>> visible = new AtomicReference<>();
      AtomicReference<Optional<List<String>>> scopeVisible = new AtomicReference<>();
      optimisticAdd()
          .onMutate((v, scope) -> {
            snapshot.set(scope.snapshot(todos));
            visible.set(client.getQueryData(todos));
            scopeVisible.set(scope.getQueryData(todos));
            return null;
          })
          .build()
          .mutate("b");

      assertThat(snapshot.get()).contains(original);
      assertThat(visible.get()).contains(List.of("a", "b"));
      assertThat(scopeVisible.get()).contains(List.of("a", "b"));
    }

    @Test
    void contextAppearsInTheMutationState() {
      Mutation<String, String, String> add = optimisticAdd().onMutate((v, scope) -> "ctx-" + v).build();

      add.mutate("b");
      assertThat(add.state().context()).isEqualTo("ctx-b");

      server.resolve("ok");
      assertThat(add.state().context()).isEqualTo("ctx-b");
    }

    @Test
    void hooksSeeTheContextInTheStateTheyGetOnSuccess() {
      optimisticAdd().onMutate((v, scope) -> "ctx-" + v).build().mutate("b");

      server.resolve("ok");

      assertThat(hooks.successStates).singleElement().satisfies(s -> assertThat(s.context()).isEqualTo("ctx-b"));
    }
  }

  // ---- 4. a throwing onMutate --------------------------------------------------------------

  @Nested
  @DisplayName("a throwing onMutate")
  class ThrowingOnMutate {
    final IllegalStateException thrown = new IllegalStateException("onMutate failed");
    final AtomicReference<Object> errorContext = new AtomicReference<>("onError not called");
    final AtomicReference<Throwable> errorSeen = new AtomicReference<>();
    Mutation<String, String, String> add;

    @BeforeEach
    void build() {
      client.setQueryData(todos, original);
      add =
          optimisticAdd()
              .<String>onMutate((v, scope) -> {
                throw thrown;
              })
              .onError((e, v, c) -> {
                errorSeen.set(e);
                errorContext.set(c);
              })
              .build();
    }

    @Test
    void theRunFailsWithThatException() {
      CompletableFuture<String> result = add.mutate("b");

      assertThat(failureOf(result)).isSameAs(thrown);
      assertThat(add.state().status()).isEqualTo(MutationStatus.ERROR);
    }

    @Test
    void noLayerIsLeftBehind() {
      add.mutate("b");

      assertThat(todosLayers()).isZero();
      assertThat(todosData()).isEqualTo(original);
    }

    @Test
    void theMutationFunctionIsNeverCalled() {
      add.mutate("b");

      assertThat(server.callCount()).isZero();
    }

    @Test
    void onErrorGetsTheExceptionAndANullContext() {
      add.mutate("b");

      assertThat(errorSeen.get()).isSameAs(thrown);
      assertThat(errorContext.get()).isNull();
    }

    @Test
    void anErrorToastIsShown() {
      add.mutate("b");

      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not add:onMutate failed");
    }

    @Test
    void aThrowingHookOnMutateFailsTheRunTheSameWay() {
      throwingHooks.add("onMutate");
      CompletableFuture<String> result = optimisticAdd().build().mutate("b");

      assertThat(failureOf(result)).hasMessage("hook onMutate failed");
      assertThat(server.callCount()).isZero();
      assertThat(todosLayers()).isZero();
      assertThat(todosData()).isEqualTo(original);
    }
  }

  // ---- 5. a throwing success path ----------------------------------------------------------

  @Nested
  @DisplayName("a throw in the success path")
  class ThrowingSuccessPath {
    final IllegalStateException thrown = new IllegalStateException("onSuccess failed");
    final AtomicReference<Throwable> errorSeen = new AtomicReference<>();
    final List<String> dataSeenInOnError = new CopyOnWriteArrayList<>();

    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
    }

    Mutation<String, String, Void> throwingOnSuccess() {
      return optimisticAdd()
          .onSuccess((r, v, c) -> {
            throw thrown;
          })
          .onError((e, v, c) -> {
            errorSeen.set(e);
            dataSeenInOnError.add(String.valueOf(client.getQueryData(todos).orElseThrow()));
          })
          .build();
    }

    @Test
    void aThrowingOnSuccessRemovesTheRunsLayers() {
      throwingOnSuccess().mutate("b");

      server.resolve("ok");

      assertThat(todosLayers()).isZero();
      assertThat(todosData()).isEqualTo(original);
      assertThat(dataSeenInOnError).containsExactly(original.toString());
    }

    @Test
    void aThrowingOnSuccessCallsOnErrorWithTheThrownException() {
      throwingOnSuccess().mutate("b");

      server.resolve("ok");

      assertThat(errorSeen.get()).isSameAs(thrown);
    }

    @Test
    void aThrowingOnSuccessFailsTheFutureWithTheThrownException() {
      Mutation<String, String, Void> add = throwingOnSuccess();
      CompletableFuture<String> result = add.mutate("b");

      server.resolve("ok");

      assertThat(failureOf(result)).isSameAs(thrown);
      assertThat(add.state().status()).isEqualTo(MutationStatus.ERROR);
    }

    @Test
    void aThrowingHookOnSuccessCallsOnErrorAndFailsTheFutureWithTheThrownException() {
      throwingHooks.add("onSuccess");
      List<String> onSuccessCalls = new CopyOnWriteArrayList<>();
      CompletableFuture<String> result =
          optimisticAdd()
              .onSuccess((r, v, c) -> onSuccessCalls.add(r))
              .onError((e, v, c) -> errorSeen.set(e))
              .build()
              .mutate("b");

      server.resolve("ok");

      assertThat(errorSeen.get()).hasMessage("hook onSuccess failed");
      assertThat(failureOf(result)).isSameAs(errorSeen.get());
      assertThat(onSuccessCalls).as("the mutation's own onSuccess after a throwing hook").isEmpty();
    }

    @Test
    void aThrowingHookOnSuccessRemovesTheRunsLayers() {
      throwingHooks.add("onSuccess");
      optimisticAdd().build().mutate("b");

      server.resolve("ok");

      assertThat(todosLayers()).isZero();
      assertThat(todosData()).isEqualTo(original);
    }
  }

  // ---- 6. a throwing error path ------------------------------------------------------------

  @Nested
  @DisplayName("a throw in the error path")
  class ThrowingErrorPath {
    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
    }

    @Test
    void aThrowingOnErrorIsLoggedAndTheFutureFailsWithTheOriginalError() {
      IOException error = serverError();
      CompletableFuture<String> result =
          optimisticAdd()
              .onError((e, v, c) -> {
                throw new IllegalStateException("onError failed");
              })
              .build()
              .mutate("b");

      server.fail(error);

      assertThat(failureOf(result)).isSameAs(error);
      assertThat(warningsLogged()).contains("onError threw").contains("onError failed");
    }

    @Test
    void aThrowingOnErrorStillLetsOnSettledAndTheToastRun() {
      optimisticAdd()
          .onError((e, v, c) -> {
            events.add("onError");
            throw new IllegalStateException("onError failed");
          })
          .onSettled((r, e, v, c) -> events.add("onSettled"))
          .build()
          .mutate("b");

      server.fail(serverError());

      assertThat(events)
          .containsExactly(
              "hooks.onMutate", "hooks.onError", "onError", "hooks.onSettled", "onSettled", "toast");
      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not add:" + BOOM);
    }

    @Test
    void aThrowingOnSettledIsLoggedAndTheFutureFailsWithTheOriginalError() {
      IOException error = serverError();
      Mutation<String, String, Void> add =
          optimisticAdd()
              .onSettled((r, e, v, c) -> {
                throw new IllegalStateException("onSettled failed");
              })
              .build();
      CompletableFuture<String> result = add.mutate("b");

      server.fail(error);

      assertThat(failureOf(result)).isSameAs(error);
      assertThat(add.state().error()).isSameAs(error);
      assertThat(warningsLogged()).contains("onSettled threw").contains("onSettled failed");
    }

    @Test
    void aThrowingOnSettledInTheErrorPathStillToasts() {
      optimisticAdd()
          .onSettled((r, e, v, c) -> {
            throw new IllegalStateException("onSettled failed");
          })
          .build()
          .mutate("b");

      server.fail(serverError());

      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not add:" + BOOM);
    }

    @Test
    void throwingHooksInTheErrorPathStillLetTheMutationsCallbacksRun() {
      throwingHooks.add("onError");
      throwingHooks.add("onSettled");
      IOException error = serverError();
      CompletableFuture<String> result =
          optimisticAdd()
              .onError((e, v, c) -> events.add("onError"))
              .onSettled((r, e, v, c) -> events.add("onSettled"))
              .build()
              .mutate("b");

      server.fail(error);

      assertThat(events)
          .containsExactly(
              "hooks.onMutate", "hooks.onError", "onError", "hooks.onSettled", "onSettled", "toast");
      assertThat(failureOf(result)).isSameAs(error);
      assertThat(warningsLogged()).contains("hook onError failed").contains("hook onSettled failed");
    }
  }

  // ---- 7. step 1 on the caller's thread ----------------------------------------------------

  @Nested
  @DisplayName("step 1, on the caller's thread")
  class StepOne {
    final List<QueryResult<List<String>>> results = new CopyOnWriteArrayList<>();
    final ControllableQuery<List<String>> fetcher = new ControllableQuery<>();

    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
      client.observe(QueryOptions.builder(todos).enabled(false).build(), results::add);
    }

    @Test
    void thePatchedDataIsVisibleWhenMutateReturns() {
      optimisticAdd().build().mutate("b");

      assertThat(todosData()).containsExactly("a", "b");
      assertThat(todosLayers()).isEqualTo(1);
    }

    @Test
    void anObserverHasReceivedThePatchedDataWhenMutateReturns() {
      assertThat(results).last().satisfies(r -> assertThat(r.data()).isEqualTo(original));

      optimisticAdd().build().mutate("b");

      assertThat(results).last().satisfies(r -> assertThat(r.data()).containsExactly("a", "b"));
    }

    @Test
    void onMutateRunsOnTheCallersThreadBeforeMutateReturns() {
      List<Thread> threads = new CopyOnWriteArrayList<>();
      optimisticAdd()
          .onMutate((v, scope) -> {
            threads.add(Thread.currentThread());
            return null;
          })
          .build()
          .mutate("b");

      assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void aFetchInFlightIsCancelledAndItsWaiterGetsCancellationException() {
      time.advance(Duration.ofSeconds(1)); // the seeded data is stale: fetchQuery fetches
      CompletableFuture<List<String>> inFlight =
          client.fetchQuery(QueryOptions.builder(todos).asyncFetcher(fetcher).build());
      assertThat(fetcher.callCount()).isEqualTo(1);
      assertThat(inFlight).isNotDone();

      optimisticAdd().build().mutate("b");

      assertThat(failureOf(inFlight)).isInstanceOf(CancellationException.class);
      assertThat(client.getQueryState(todos).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.IDLE);
    }

    @Test
    void theLateResultOfTheCancelledFetchDoesNotOverwriteThePatch() {
      time.advance(Duration.ofSeconds(1));
      client.fetchQuery(QueryOptions.builder(todos).asyncFetcher(fetcher).build());

      optimisticAdd().build().mutate("b");
      fetcher.resolve(List.of("stale server data"));

      assertThat(todosData()).containsExactly("a", "b");
      assertThat(results).last().satisfies(r -> assertThat(r.data()).containsExactly("a", "b"));
    }
  }

  // ---- 8. toasts ---------------------------------------------------------------------------

  @Nested
  @DisplayName("toasts")
  class Toasts {
    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
    }

    @Test
    void anOptimisticMutationNeverToastsSuccess() {
      optimisticAdd().build().mutate("b");

      server.resolve("ok");

      assertThat(textsWithCauses(toaster)).isEmpty();
    }

    @Test
    void aPlainMutationWithASuccessMessageToastsIt() {
      CompletableFuture<String> result = client.asyncMutation(server).successMessage("Saved").build().mutate("b");

      server.resolve("ok");

      assertThat(result).isCompletedWithValue("ok");
      assertThat(textsWithCauses(toaster)).containsExactly("success:Saved");
    }

    @Test
    void aPlainMutationWithoutASuccessMessageToastsNothingOnSuccess() {
      client.asyncMutation(server).build().mutate("b");

      server.resolve("ok");

      assertThat(textsWithCauses(toaster)).isEmpty();
    }

    @Test
    void aPlainFailureToastsTheDefaultMessage() {
      client.asyncMutation(server).build().mutate("b");

      server.fail(serverError());

      assertThat(textsWithCauses(toaster)).containsExactly("error:The change could not be saved:" + BOOM);
    }

    @Test
    void aPlainFailureToastsTheErrorMessageWhenOneIsSet() {
      client.asyncMutation(server).errorMessage("Could not rename").build().mutate("b");

      server.fail(serverError());

      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not rename:" + BOOM);
    }

    @Test
    void withoutErrorToastSuppressesTheErrorToast() {
      CompletableFuture<String> result = client.asyncMutation(server).withoutErrorToast().build().mutate("b");

      server.fail(serverError());

      assertThat(result).isCompletedExceptionally();
      assertThat(textsWithCauses(toaster)).isEmpty();
    }

    @Test
    void errorMessageFunctionGivesAMessagePerVariables() {
      Mutation<String, String, Void> add =
          client.asyncMutation(server)
              .optimistic(todos, MutationCycleTest::append)
              .errorMessage(v -> "Could not add " + v)
              .build();

      add.mutate("b");
      add.mutate("c");
      server.call(0).fail(serverError());
      server.call(1).fail(serverError());

      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not add b:" + BOOM, "error:Could not add c:" + BOOM);
    }

    @Test
    void aPlainErrorMessageFunctionGivesAMessagePerVariables() {
      Function<String, String> message = v -> "Could not save " + v;
      Mutation<String, String, Void> save = client.asyncMutation(server).errorMessage(message).build();

      save.mutate("x");
      server.fail(serverError());

      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not save x:" + BOOM);
    }

    @Test
    void anErrorMessageFunctionReturningBlankFallsBackToTheGenericMessage() {
      Mutation<String, String, Void> add =
          client.asyncMutation(server)
              .optimistic(todos, MutationCycleTest::append)
              .errorMessage(v -> v.equals("b") ? " " : null)
              .build();

      add.mutate("b");
      add.mutate("c");
      server.call(0).fail(serverError());
      server.call(1).fail(serverError());

      assertThat(textsWithCauses(toaster))
          .containsExactly(
              "error:The change could not be saved:" + BOOM, "error:The change could not be saved:" + BOOM);
    }

    @Test
    void anOptimisticMutationToastsErrorsEvenIfWithoutErrorToastWasCalledBefore() {
      client.asyncMutation(server)
          .withoutErrorToast()
          .optimistic(todos, MutationCycleTest::append)
          .errorMessage("Could not add")
          .build()
          .mutate("b");

      server.fail(serverError());

      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not add:" + BOOM);
    }
  }

  // ---- 9. settle invalidation --------------------------------------------------------------

  @Nested
  @DisplayName("settle invalidation")
  class SettleInvalidation {
    final ControllableQuery<List<String>> fetcher = new ControllableQuery<>();

    @BeforeEach
    void activeTodos() {
      activeQuery(todos, fetcher, original);
    }

    @Test
    void afterSuccessThePatchedActiveKeyIsInvalidatedAndRefetches() {
      optimisticAdd().build().mutate("b");
      assertThat(fetcher.callCount()).isEqualTo(1);

      server.resolve("ok");

      assertThat(fetcher.callCount()).isGreaterThan(1);
      assertThat(client.getQueryState(todos).orElseThrow().isInvalidated()).isTrue();
      assertThat(client.getQueryState(todos).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
    }

    @Test
    void afterFailureThePatchedActiveKeyIsInvalidatedAndRefetches() {
      optimisticAdd().build().mutate("b");

      server.fail(serverError());

      assertThat(fetcher.callCount()).isGreaterThan(1);
      assertThat(client.getQueryState(todos).orElseThrow().isInvalidated()).isTrue();
    }

    @Test
    void afterSuccessThePatchedKeyRefetchesOnce() {
      optimisticAdd().build().mutate("b");

      server.resolve("ok");

      // One mount fetch and one settle refetch, though two settle filters select the key.
      assertThat(fetcher.callCount()).isEqualTo(2);
      assertThat(fetcher.call(1).context().signal().isCancelled()).as("the settle refetch was cancelled").isFalse();
    }

    @Test
    void afterFailureThePatchedKeyRefetchesOnce() {
      optimisticAdd().build().mutate("b");

      server.fail(serverError());

      assertThat(fetcher.callCount()).isEqualTo(2);
    }

    @Test
    void invalidateAddsAFilterWhoseActiveQueriesRefetch() {
      QueryKey<String> stats = QueryKey.of("stats");
      ControllableQuery<String> statsFetcher = new ControllableQuery<>();
      activeQuery(stats, statsFetcher, "1 todo");

      optimisticAdd().invalidate(QueryFilter.exact(stats)).build().mutate("b");
      server.resolve("ok");

      assertThat(statsFetcher.callCount()).isEqualTo(2);
      assertThat(fetcher.callCount()).as("the patched key too").isGreaterThan(1);
    }

    @Test
    void invalidateAddsAFilterAlsoAfterFailure() {
      QueryKey<String> stats = QueryKey.of("stats");
      ControllableQuery<String> statsFetcher = new ControllableQuery<>();
      activeQuery(stats, statsFetcher, "1 todo");

      client.asyncMutation(server).invalidate(QueryFilter.exact(stats)).build().mutate("b");
      server.fail(serverError());

      assertThat(statsFetcher.callCount()).isEqualTo(2);
    }

    @Test
    void theFutureWaitsForTheSettleRefetchByDefault() {
      CompletableFuture<String> result = optimisticAdd().build().mutate("b");

      server.resolve("ok");
      assertThat(fetcher.callCount()).isGreaterThan(1);
      assertThat(result).isNotDone();

      fetcher.resolve(List.of("a", "b")); // the latest refetch
      assertThat(result).isCompletedWithValue("ok");
      assertThat(todosData()).containsExactly("a", "b");
    }

    @Test
    void aFailedRunsFutureAlsoWaitsForTheSettleRefetch() {
      IOException error = serverError();
      CompletableFuture<String> result = optimisticAdd().build().mutate("b");

      server.fail(error);
      assertThat(result).isNotDone();

      fetcher.resolve(original);
      assertThat(failureOf(result)).isSameAs(error);
    }

    @Test
    void withAwaitSettleFalseTheFutureCompletesBeforeTheRefetch() {
      CompletableFuture<String> result = optimisticAdd().awaitSettle(false).build().mutate("b");

      server.resolve("ok");

      assertThat(fetcher.callCount()).isGreaterThan(1);
      assertThat(client.getQueryState(todos).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      assertThat(result).isCompletedWithValue("ok");
    }

    @Test
    void theStatusStaysPendingUntilTheSettleRefetchEnds() {
      Mutation<String, String, Void> add = optimisticAdd().build();
      add.mutate("b");

      server.resolve("ok");
      assertThat(add.state().status()).isEqualTo(MutationStatus.PENDING);

      fetcher.resolve(List.of("a", "b"));
      assertThat(add.state().status()).isEqualTo(MutationStatus.SUCCESS);
    }
  }

  // ---- 10. builder refusals ----------------------------------------------------------------

  @Nested
  @DisplayName("builder refusals")
  class BuilderRefusals {
    @Test
    void successMessageThenOptimisticIsRefused() {
      MutationBuilder<String, String, Void> builder = client.asyncMutation(server).successMessage("Saved");

      assertThatThrownBy(() -> builder.optimistic(todos, MutationCycleTest::append))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("success");
    }

    @Test
    void onSuccessThenOnMutateIsRefused() {
      MutationBuilder<String, String, Void> builder = client.asyncMutation(server).onSuccess((r, v, c) -> {});

      assertThatThrownBy(() -> builder.onMutate((v, scope) -> "ctx"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("onMutate");
    }

    @Test
    void onErrorThenOnMutateIsRefusedOnTheOptimisticBuilder() {
      OptimisticMutationBuilder<String, String, Void> builder = optimisticAdd().onError((e, v, c) -> {});

      assertThatThrownBy(() -> builder.onMutate((v, scope) -> "ctx"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("onMutate");
    }

    @Test
    void aBlankDraftErrorMessageIsRefused() {
      OptimisticMutationBuilder.Draft<String, String, Void> draft =
          client.asyncMutation(server).optimistic(todos, MutationCycleTest::append);

      assertThatThrownBy(() -> draft.errorMessage("  "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blank");
    }

    @Test
    void undoWindowWithoutUndoableIsRefusedByBuild() {
      OptimisticMutationBuilder<String, String, Void> builder = optimisticAdd().undoWindow(Duration.ofSeconds(5));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("undoable");
    }

    @Test
    void aZeroUndoWindowIsRefused() {
      OptimisticMutationBuilder<String, String, Void> builder = optimisticAdd();

      assertThatThrownBy(() -> builder.undoWindow(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("undoWindow");
    }

    @Test
    void aNegativeUndoWindowIsRefused() {
      OptimisticMutationBuilder<String, String, Void> builder = optimisticAdd();

      assertThatThrownBy(() -> builder.undoWindow(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlankScopeIsRefused() {
      MutationBuilder<String, String, Void> builder = client.asyncMutation(server);

      assertThatThrownBy(() -> builder.scope(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scopeId");
    }

    @Test
    void withoutPluginInvalidationIsRefusedOnANonPluginBuilder() {
      MutationBuilder<String, String, Void> builder = client.asyncMutation(server);

      assertThatThrownBy(builder::withoutPluginInvalidation)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PluginScope");
    }

    @Test
    void withoutPluginInvalidationIsAcceptedOnAPluginBuilder() {
      MutationBuilder<String, String, Void> builder = client.plugin("trpc").asyncMutation(server);

      assertThat(builder.withoutPluginInvalidation().build()).isNotNull();
    }

    @Test
    void nullArgumentsAreRefusedNamingTheArgument() {
      MutationBuilder<String, String, Void> plain = client.asyncMutation(server);
      OptimisticMutationBuilder<String, String, Void> optimistic = optimisticAdd();
      Mutation<String, String, Void> built = client.asyncMutation(server).build();

      assertThatThrownBy(() -> client.asyncMutation(server).optimistic(todos, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("projection == null");
      assertThatThrownBy(() -> client.asyncMutation(server).<List<String>>optimistic(null, MutationCycleTest::append))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("key == null");
      assertThatThrownBy(() -> plain.onSuccess(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("callback == null");
      assertThatThrownBy(() -> plain.onMutate(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("callback == null");
      assertThatThrownBy(() -> plain.invalidate(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("filter == null");
      assertThatThrownBy(() -> plain.scope(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("scopeId == null");
      assertThatThrownBy(() -> plain.successMessage(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("message == null");
      assertThatThrownBy(() -> plain.errorMessage((String) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("message == null");
      assertThatThrownBy(() -> optimistic.undoWindow(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("window == null");
      assertThatThrownBy(() -> optimistic.alsoPatch(todos, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("projection == null");
      assertThatThrownBy(() -> client.asyncMutation(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("function == null");
      assertThatThrownBy(() -> built.mutate(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("variables == null");
      assertThatThrownBy(() -> built.observe(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("listener == null");
    }

    @Test
    void aNullDraftErrorMessageIsRefusedNamingTheArgument() {
      OptimisticMutationBuilder.Draft<String, String, Void> draft =
          client.asyncMutation(server).optimistic(todos, MutationCycleTest::append);

      assertThatThrownBy(() -> draft.errorMessage((String) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("message == null");
      assertThatThrownBy(() -> draft.errorMessage((Function<String, String>) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("message == null");
    }

    @Test
    void aBuilderReusedAfterBuildDoesNotChangeTheBuiltMutation() {
      QueryKey<String> stats = QueryKey.of("stats");
      ControllableQuery<String> statsFetcher = new ControllableQuery<>();
      activeQuery(stats, statsFetcher, "1 todo");
      MutationBuilder<String, String, Void> builder = client.asyncMutation(server);
      Mutation<String, String, Void> first = builder.build();

      builder.invalidate(QueryFilter.exact(stats));
      Mutation<String, String, Void> second = builder.build();

      first.mutate("x");
      server.resolve("ok");
      assertThat(statsFetcher.callCount()).as("refetches after the first mutation").isEqualTo(1);

      second.mutate("y");
      server.resolve("ok");
      assertThat(statsFetcher.callCount()).as("refetches after the second mutation").isEqualTo(2);
    }

    @Test
    void anOptimisticBuilderReusedAfterBuildDoesNotAddPatchesToTheBuiltMutation() {
      QueryKey<List<String>> archive = QueryKey.of("archive");
      client.setQueryData(todos, original);
      client.setQueryData(archive, List.of("z"));
      OptimisticMutationBuilder<String, String, Void> builder = optimisticAdd();
      Mutation<String, String, Void> first = builder.build();

      builder.alsoPatch(archive, MutationCycleTest::append);
      first.mutate("b");

      assertThat(todosData()).containsExactly("a", "b");
      assertThat(client.getQueryData(archive)).contains(List.of("z"));
    }
  }

  // ---- 11. raw mode ------------------------------------------------------------------------

  @Nested
  @DisplayName("raw mode: a plain mutation patching through its MutationScope")
  class RawMode {
    final AtomicReference<MutationScope> captured = new AtomicReference<>();

    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
    }

    MutationBuilder<String, String, Object> rawAdd() {
      return client.asyncMutation(server)
          .onMutate((v, scope) -> {
            captured.set(scope);
            scope.cancelQueries(QueryFilter.exact(todos));
            scope.updateQueryData(todos, list -> append(list, v));
            return null;
          });
    }

    @Test
    void cancelQueriesAndUpdateQueryDataMakeALayer() {
      Mutation<String, String, Object> add = rawAdd().build();

      add.mutate("b");

      assertThat(add.isOptimistic()).isFalse();
      assertThat(todosData()).containsExactly("a", "b");
      assertThat(todosLayers()).isEqualTo(1);
    }

    @Test
    void scopeCancelQueriesCancelsTheFetchInFlight() {
      time.advance(Duration.ofSeconds(1));
      ControllableQuery<List<String>> fetcher = new ControllableQuery<>();
      CompletableFuture<List<String>> inFlight =
          client.fetchQuery(QueryOptions.builder(todos).asyncFetcher(fetcher).build());

      rawAdd().build().mutate("b");
      fetcher.resolve(List.of("stale server data"));

      assertThat(failureOf(inFlight)).isInstanceOf(CancellationException.class);
      assertThat(todosData()).containsExactly("a", "b");
    }

    @Test
    void onFailureTheLayerIsRemovedBeforeTheUsersOnErrorRuns() {
      List<Object> seenInOnError = new CopyOnWriteArrayList<>();
      rawAdd()
          .onError((e, v, c) -> {
            seenInOnError.add(client.getQueryData(todos).orElseThrow());
            seenInOnError.add(client.getQueryState(todos).orElseThrow().optimisticLayers());
          })
          .build()
          .mutate("b");

      server.fail(serverError());

      assertThat(seenInOnError).containsExactly(original, 0);
      assertThat(todosData()).isEqualTo(original);
    }

    @Test
    void anotherRunsLayerSurvivesTheFirstsFailure() {
      Mutation<String, String, Object> add = rawAdd().build();
      add.mutate("b");
      add.mutate("c");
      assertThat(todosData()).containsExactly("a", "b", "c");

      server.call(0).fail(serverError());

      assertThat(todosData()).containsExactly("a", "c");
      assertThat(todosLayers()).isEqualTo(1);
    }

    @Test
    void usingTheScopeAfterOnMutateReturnedIsRefused() {
      rawAdd().build().mutate("b");
      MutationScope scope = captured.get();

      assertThatThrownBy(() -> scope.updateQueryData(todos, list -> append(list, "late")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("onMutate");
      assertThatThrownBy(() -> scope.setQueryData(todos, List.of("late")))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> scope.cancelQueries(QueryFilter.exact(todos)))
          .isInstanceOf(IllegalStateException.class);
      assertThat(todosData()).containsExactly("a", "b");
      assertThat(todosLayers()).isEqualTo(1);
    }

    @Test
    void usingTheScopeFromAnotherThreadDuringOnMutateIsRefused() throws Exception {
      AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
      client.asyncMutation(server)
          .onMutate((v, scope) -> {
            Thread other =
                new Thread(() -> {
                  try {
                    scope.updateQueryData(todos, list -> append(list, "from another thread"));
                  } catch (Throwable e) {
                    fromOtherThread.set(e);
                  }
                });
            other.start();
            other.join();
            return null;
          })
          .build()
          .mutate("b");

      assertThat(fromOtherThread.get()).isInstanceOf(IllegalStateException.class);
      assertThat(todosData()).isEqualTo(original);
    }

    @Test
    void setQueryDataOnAKeyWithoutDataShowsTheValueWhilePendingAndIsGoneAfterFailure() {
      QueryKey<String> draft = QueryKey.of("draft");
      client.asyncMutation(server)
          .onMutate((v, scope) -> {
            scope.setQueryData(draft, v);
            return null;
          })
          .build()
          .mutate("hello");

      assertThat(client.getQueryData(draft)).contains("hello");
      assertThat(client.getQueryState(draft).orElseThrow().optimisticLayers()).isEqualTo(1);

      server.fail(serverError());

      assertThat(client.getQueryData(draft)).isEmpty();
      assertThat(client.getQueryState(draft).map(QueryState::optimisticLayers)).isIn(Optional.empty(), Optional.of(0));
    }

    @Test
    void theSnapshotOfAKeyPatchedByHandIsTheDataBeforeThePatch() {
      AtomicReference<Optional<List<String>>> snapshot = new AtomicReference<>();
      client.asyncMutation(server)
          .onMutate((v, scope) -> {
            scope.updateQueryData(todos, list -> append(list, v));
            snapshot.set(scope.snapshot(todos));
            return null;
          })
          .build()
          .mutate("b");

      assertThat(snapshot.get()).contains(original);
      assertThat(todosData()).containsExactly("a", "b");
    }
  }

  // ---- 12. state and filters ---------------------------------------------------------------

  @Nested
  @DisplayName("mutation state and filters")
  class StateAndFilters {
    List<Object> pendingVariables() {
      return client.getMutations(MutationFilter.all().pending()).stream()
          .map(MutationState::variables)
          .collect(Collectors.toList());
    }

    @Test
    void stateIsIdleBeforeAnyRun() {
      Mutation<String, String, Void> save = client.asyncMutation(server).mutationKey(QueryKey.of("todos", "save")).build();

      MutationState<String, String, Void> state = save.state();

      assertThat(state.status()).isEqualTo(MutationStatus.IDLE);
      assertThat(state.variables()).isNull();
      assertThat(state.isPending()).isFalse();
      assertThat(state.mutationKey()).isEqualTo(QueryKey.of("todos", "save"));
    }

    @Test
    void stateIsPendingWithTheVariablesAndTheVirtualSubmitTimeDuringARun() {
      Mutation<String, String, Void> save = client.asyncMutation(server).build();
      time.advance(Duration.ofSeconds(42));

      save.mutate("b");

      MutationState<String, String, Void> state = save.state();
      assertThat(state.status()).isEqualTo(MutationStatus.PENDING);
      assertThat(state.isPending()).isTrue();
      assertThat(state.variables()).isEqualTo("b");
      assertThat(state.submittedAt()).isEqualTo(Duration.ofSeconds(42).toNanos());
      assertThat(state.isPaused()).isFalse();
      assertThat(state.failureCount()).isZero();
    }

    @Test
    void isMutatingCountsThePendingRuns() {
      Mutation<String, String, Void> save = client.asyncMutation(server).build();
      assertThat(client.isMutating(MutationFilter.all())).isZero();

      save.mutate("b");
      save.mutate("c");
      assertThat(client.isMutating(MutationFilter.all())).isEqualTo(2);

      server.call(0).resolve("ok");
      assertThat(client.isMutating(MutationFilter.all())).isEqualTo(1);

      server.call(1).fail(serverError());
      assertThat(client.isMutating(MutationFilter.all())).isZero();
    }

    @Test
    void aKeyFilterMatchesTheMutationKeyPartially() {
      ControllableMutation<String, String> other = new ControllableMutation<>();
      client.asyncMutation(server).mutationKey(QueryKey.of("todos", "save")).build().mutate("b");
      client.asyncMutation(other).build().mutate("c"); // no key

      assertThat(client.isMutating(MutationFilter.key(QueryKey.of("todos")))).isEqualTo(1);
      assertThat(client.isMutating(MutationFilter.key(QueryKey.of("todos", "save")))).isEqualTo(1);
      assertThat(client.isMutating(MutationFilter.key(QueryKey.of("todos", "delete")))).isZero();
      assertThat(client.isMutating(MutationFilter.key(QueryKey.of("users")))).isZero();
      assertThat(client.isMutating(MutationFilter.all())).isEqualTo(2);
    }

    @Test
    void getMutationsOfPendingRunsListsTheirVariablesForRenderingPendingItems() {
      Mutation<String, String, Void> save = client.asyncMutation(server).build();
      save.mutate("b");
      save.mutate("c");

      assertThat(pendingVariables()).containsExactly("b", "c");

      server.call(0).resolve("ok");

      assertThat(pendingVariables()).containsExactly("c");
      assertThat(client.getMutations(MutationFilter.all()))
          .extracting(MutationState::status)
          .containsExactly(MutationStatus.SUCCESS, MutationStatus.PENDING);
    }

    @Test
    void observeReceivesTheInitialIdleStateAndEveryStateChange() throws Exception {
      Mutation<String, String, Void> save = client.asyncMutation(server).build();
      List<MutationStatus> seen = new CopyOnWriteArrayList<>();

      try (AutoCloseable subscription = save.observe(state -> seen.add(state.status()))) {
        assertThat(subscription).isNotNull();
        assertThat(seen).containsExactly(MutationStatus.IDLE);

        save.mutate("b");
        assertThat(seen).containsExactly(MutationStatus.IDLE, MutationStatus.PENDING);

        server.resolve("ok");
        assertThat(seen).containsExactly(MutationStatus.IDLE, MutationStatus.PENDING, MutationStatus.SUCCESS);

        save.mutate("c");
        server.fail(serverError());
        assertThat(seen)
            .containsExactly(
                MutationStatus.IDLE, MutationStatus.PENDING, MutationStatus.SUCCESS,
                MutationStatus.PENDING, MutationStatus.ERROR);
      }
    }

    @Test
    void aClosedObserverIsNotCalledAgain() throws Exception {
      Mutation<String, String, Void> save = client.asyncMutation(server).build();
      List<MutationStatus> seen = new CopyOnWriteArrayList<>();
      AutoCloseable subscription = save.observe(state -> seen.add(state.status()));

      subscription.close();
      save.mutate("b");

      assertThat(seen).containsExactly(MutationStatus.IDLE);
    }

    @Test
    void fireRunsTheMutationWithoutAFuture() {
      Mutation<String, String, Void> save = client.asyncMutation(server).build();

      save.fire("b");

      assertThat(server.variables()).containsExactly("b");
      server.resolve("ok");
      assertThat(save.state().status()).isEqualTo(MutationStatus.SUCCESS);
    }

    @Test
    void fireStillToastsAnErrorOnFailure() {
      Mutation<String, String, Void> save = client.asyncMutation(server).errorMessage("Could not save").build();

      save.fire("b");
      server.fail(serverError());

      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not save:" + BOOM);
      assertThat(save.state().status()).isEqualTo(MutationStatus.ERROR);
    }
  }

  // ---- 13. scopes --------------------------------------------------------------------------

  @Nested
  @DisplayName("scopes")
  class Scopes {
    @BeforeEach
    void seed() {
      client.setQueryData(todos, original);
    }

    @Test
    void runsOfOneScopePatchAtOnce() {
      Mutation<String, String, Void> add = optimisticAdd().scope("todos").build();

      add.mutate("b");
      add.mutate("c");

      assertThat(todosData()).containsExactly("a", "b", "c");
      assertThat(todosLayers()).isEqualTo(2);
    }

    @Test
    void theSecondRunsFunctionWaitsUntilTheFirstSettles() {
      Mutation<String, String, Void> add = optimisticAdd().scope("todos").build();

      CompletableFuture<String> first = add.mutate("b");
      add.mutate("c");
      assertThat(server.variables()).containsExactly("b");

      server.call(0).resolve("ok");

      assertThat(first).isCompletedWithValue("ok");
      assertThat(server.variables()).containsExactly("b", "c");
    }

    @Test
    void theScopeAndOtherOrdinarySettingsMayComeBeforeTheErrorMessage() {
      Mutation<String, String, Void> add = client.asyncMutation(server)
          .optimistic(todos, MutationCycleTest::append)
          .mutationKey(QueryKey.of("add"))
          .scope("todos")
          .retry(0)
          .awaitSettle(false)
          .errorMessage("Could not add")
          .build();

      add.mutate("b");
      add.mutate("c");

      assertThat(server.variables()).containsExactly("b");
      assertThat(add.mutationKey()).isEqualTo(QueryKey.of("add"));
      assertThat(todosData()).containsExactly("a", "b", "c");
    }

    @Test
    void theWaitingRunIsPausedUntilItsTurn() {
      Mutation<String, String, Void> add = optimisticAdd().scope("todos").build();

      add.mutate("b");
      add.mutate("c");
      assertThat(add.state().variables()).isEqualTo("c");
      assertThat(add.state().isPaused()).isTrue();
      assertThat(add.state().status()).isEqualTo(MutationStatus.PENDING);

      server.call(0).resolve("ok");

      assertThat(add.state().isPaused()).isFalse();
      assertThat(add.state().status()).isEqualTo(MutationStatus.PENDING);
    }

    @Test
    void theOnMutateOfAWaitingRunRunsAtOnce() {
      List<String> mutated = new CopyOnWriteArrayList<>();
      Mutation<String, String, Object> add =
          optimisticAdd()
              .scope("todos")
              .onMutate((v, scope) -> {
                mutated.add(v);
                return null;
              })
              .build();

      add.mutate("b");
      add.mutate("c");

      assertThat(mutated).containsExactly("b", "c");
    }

    @Test
    void differentScopesRunConcurrently() {
      Mutation<String, String, Void> inA = optimisticAdd().scope("a").build();
      Mutation<String, String, Void> inB = optimisticAdd().scope("b").build();

      inA.mutate("b");
      inB.mutate("c");

      assertThat(server.variables()).containsExactly("b", "c");
      assertThat(inB.state().isPaused()).isFalse();
    }

    @Test
    void aFailingFirstRunStillReleasesTheSecond() {
      Mutation<String, String, Void> add = optimisticAdd().scope("todos").build();
      CompletableFuture<String> first = add.mutate("b");
      CompletableFuture<String> second = add.mutate("c");

      server.call(0).fail(serverError());

      assertThat(first).isCompletedExceptionally();
      assertThat(server.variables()).containsExactly("b", "c");
      assertThat(todosData()).containsExactly("a", "c");

      server.call(1).resolve("ok");
      assertThat(second).isCompletedWithValue("ok");
    }

    @Test
    void aRunWhoseOnMutateFailedDoesNotBlockItsScope() {
      Mutation<String, String, Void> failing =
          client.asyncMutation(server)
              .scope("todos")
              .<Void>onMutate((v, scope) -> {
                throw new IllegalStateException("onMutate failed");
              })
              .build();
      Mutation<String, String, Void> add = optimisticAdd().scope("todos").build();

      failing.mutate("x");
      add.mutate("b");

      assertThat(server.variables()).containsExactly("b");
    }
  }

  // ---- 14. retries -------------------------------------------------------------------------

  @Nested
  @DisplayName("retries")
  class Retries {
    @Test
    void retryTwoRetriesAfterOneThenTwoSecondsOfVirtualTime() {
      CompletableFuture<String> result = client.asyncMutation(server).retry(2).build().mutate("b");
      assertThat(server.callCount()).isEqualTo(1);

      server.fail(serverError());
      time.advance(Duration.ofMillis(999));
      assertThat(server.callCount()).isEqualTo(1);
      time.advance(Duration.ofMillis(1));
      assertThat(server.callCount()).isEqualTo(2);

      server.fail(serverError());
      time.advance(Duration.ofMillis(1999));
      assertThat(server.callCount()).isEqualTo(2);
      time.advance(Duration.ofMillis(1));
      assertThat(server.callCount()).isEqualTo(3);

      assertThat(result).isNotDone();
      IOException last = new IOException("third time");
      server.fail(last);
      assertThat(failureOf(result)).isSameAs(last);
      time.advance(Duration.ofMinutes(5));
      assertThat(server.callCount()).isEqualTo(3);
    }

    @Test
    void failureCountInTheStateIncrementsWithEachFailedAttempt() {
      Mutation<String, String, Void> save = client.asyncMutation(server).retry(2).build();
      save.mutate("b");
      IOException first = new IOException("first");
      IOException second = new IOException("second");

      server.fail(first);
      assertThat(save.state().failureCount()).isEqualTo(1);
      assertThat(save.state().failureReason()).isSameAs(first);
      assertThat(save.state().status()).isEqualTo(MutationStatus.PENDING);

      time.advance(Duration.ofSeconds(1));
      server.fail(second);
      assertThat(save.state().failureCount()).isEqualTo(2);
      assertThat(save.state().failureReason()).isSameAs(second);
    }

    @Test
    void aSuccessfulRetryCompletesTheRun() {
      Mutation<String, String, Void> save = client.asyncMutation(server).retry(2).build();
      CompletableFuture<String> result = save.mutate("b");

      server.fail(serverError());
      time.advance(Duration.ofSeconds(1));
      server.resolve("ok");

      assertThat(result).isCompletedWithValue("ok");
      assertThat(textsWithCauses(toaster)).isEmpty();
      assertThat(server.variables()).containsExactly("b", "b");
    }

    @Test
    void theFinalStateCountsEveryFailedAttempt() {
      Mutation<String, String, Void> save = client.asyncMutation(server).retry(2).build();
      save.mutate("b");
      IOException last = new IOException("third time");

      server.fail(serverError());
      time.advance(Duration.ofSeconds(1));
      server.fail(serverError());
      time.advance(Duration.ofSeconds(2));
      server.fail(last);

      assertThat(save.state().status()).isEqualTo(MutationStatus.ERROR);
      // The final failure counts too, as in TanStack Query.
      assertThat(save.state().failureCount()).isEqualTo(3);
      assertThat(save.state().failureReason()).isSameAs(last);
    }

    @Test
    void byDefaultAFailureIsNotRetried() {
      CompletableFuture<String> result = client.asyncMutation(server).build().mutate("b");

      server.fail(serverError());
      time.advance(Duration.ofMinutes(5));

      assertThat(server.callCount()).isEqualTo(1);
      assertThat(result).isCompletedExceptionally();
      assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void anOptimisticRunKeepsItsLayerWhileRetrying() {
      client.setQueryData(todos, original);
      client.asyncMutation(server).optimistic(todos, MutationCycleTest::append).errorMessage("Could not add")
          .retry(1).build().mutate("b");

      server.fail(serverError());
      assertThat(todosData()).containsExactly("a", "b");
      assertThat(textsWithCauses(toaster)).isEmpty();

      time.advance(Duration.ofSeconds(1));
      server.fail(serverError());
      assertThat(todosData()).isEqualTo(original);
      assertThat(textsWithCauses(toaster)).containsExactly("error:Could not add:" + BOOM);
    }
  }

  // ---- 15. offline -------------------------------------------------------------------------

  @Nested
  @DisplayName("offline")
  class Offline {
    @Test
    void offlineTheFunctionIsNotCalledAndTheRunIsPaused() {
      Mutation<String, String, Void> save = client.asyncMutation(server).build();
      client.onlineChanged(false);

      CompletableFuture<String> result = save.mutate("b");

      assertThat(server.callCount()).isZero();
      assertThat(save.state().isPaused()).isTrue();
      assertThat(save.state().status()).isEqualTo(MutationStatus.PENDING);
      assertThat(result).isNotDone();
    }

    @Test
    void backOnlineThePausedRunRuns() {
      Mutation<String, String, Void> save = client.asyncMutation(server).build();
      client.onlineChanged(false);
      CompletableFuture<String> result = save.mutate("b");

      client.onlineChanged(true);

      assertThat(server.variables()).containsExactly("b");
      assertThat(save.state().isPaused()).isFalse();
      server.resolve("ok");
      assertThat(result).isCompletedWithValue("ok");
    }

    @Test
    void offlineTheOptimisticPatchStillShowsAtOnce() {
      client.setQueryData(todos, original);
      client.onlineChanged(false);

      optimisticAdd().build().mutate("b");

      assertThat(todosData()).containsExactly("a", "b");
      assertThat(server.callCount()).isZero();
    }
  }
}
