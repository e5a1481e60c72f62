package dev.querycache.tests;

import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.Refetch;
import dev.querycache.UndoOffer;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.ToastTexts.texts;
import static dev.querycache.tests.ToastTexts.offers;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link QueryClient#close()}: everything in flight settles at once, cancelled; every layer
 * goes; no toast, callback or refetch follows for work the close cut short; later calls that
 * would start work fail fast, and the cache stays readable. Time is virtual.
 */
@DisplayName("close()")
class ClientCloseTest {
  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).toaster(toaster).build();
  private final QueryKey<List<String>> todos = QueryKey.of("todos");
  private final ControllableQuery<List<String>> fetcher = new ControllableQuery<>();
  private final QueryOptions<List<String>> options = QueryOptions.builder(todos).asyncFetcher(fetcher).build();
  private final ControllableMutation<String, String> server = new ControllableMutation<>();
  private final List<String> callbacks = new CopyOnWriteArrayList<>();

  private Mutation<String, String, Void> add() {
    return client.<String, String>asyncMutation(server)
        .optimistic(todos, ClientCloseTest::append)
        .errorMessage("Failed to add")
        .onError((error, value, context) -> callbacks.add("onError " + value))
        .onSettled((result, error, value, context) -> callbacks.add("onSettled " + value))
        .build();
  }

  static List<String> append(List<String> rows, String value) {
    List<String> out = new ArrayList<>(rows);
    out.add(value);
    return List.copyOf(out);
  }

  private void assertCancelledByClose(CompletableFuture<?> future) {
    assertThat(failureOf(future)).isInstanceOf(CancellationException.class).hasMessageContaining("closed");
  }

  @Nested
  @DisplayName("what is in flight")
  class InFlight {
    @Test
    void aRunWhoseAsyncFunctionNeverAnswersEndsCancelledWithItsLayerRemovedAndNoToast() {
      client.setQueryData(todos, List.of("a"));
      CompletableFuture<String> run = add().mutate("b");
      assertThat(client.getQueryData(todos)).contains(List.of("a", "b"));

      client.close();

      assertCancelledByClose(run);
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertThat(client.getQueryState(todos).orElseThrow().optimisticLayers()).isZero();
      assertThat(client.isMutating(MutationFilter.all())).isZero();
      assertThat(texts(toaster)).isEmpty();
      assertThat(callbacks).as("callbacks of a run the close cut short").isEmpty();
    }

    @Test
    void aRunPausedOfflineIsReleasedCancelled() {
      client.setQueryData(todos, List.of("a"));
      client.onlineChanged(false);
      Mutation<String, String, Void> add = add();
      CompletableFuture<String> run = add.mutate("b");
      assertThat(add.state().isPaused()).isTrue();

      client.close();
      client.onlineChanged(true);

      assertCancelledByClose(run);
      assertThat(server.callCount()).as("calls of the function after the network came back").isZero();
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
    }

    @Test
    void runsQueuedBehindTheirScopeEndCancelledAndTheirFunctionsAreNeverCalled() {
      client.setQueryData(todos, List.of("a"));
      Mutation<String, String, Void> scoped =
          client.<String, String>asyncMutation(server)
              .scope("todos")
              .optimistic(todos, ClientCloseTest::append)
              .errorMessage("Failed to add")
              .build();
      CompletableFuture<String> first = scoped.mutate("b");
      CompletableFuture<String> second = scoped.mutate("c");
      CompletableFuture<String> third = scoped.mutate("d");

      client.close();

      assertCancelledByClose(first);
      assertCancelledByClose(second);
      assertCancelledByClose(third);
      assertThat(server.callCount()).isEqualTo(1);
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
    }

    @Test
    void aRunPendingOnAnObservedKeySettlesAtOnceWithoutASettleRefetch() {
      client.observe(options, result -> {});
      fetcher.resolve(List.of("a"));
      CompletableFuture<String> run = add().mutate("b");

      client.close();
      time.advance(Duration.ofMinutes(1));

      assertCancelledByClose(run);
      assertThat(fetcher.callCount()).as("fetches: the first load only").isEqualTo(1);
    }

    @Test
    void aLateAnswerOfACancelledRunsFunctionIsDiscarded() {
      client.setQueryData(todos, List.of("a"));
      CompletableFuture<String> run = add().mutate("b");
      client.close();

      server.fail(new IOException("the server refused, too late"));

      assertCancelledByClose(run);
      assertThat(texts(toaster)).isEmpty();
      assertThat(callbacks).isEmpty();
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
    }

    @Test
    void fetchesInFlightAndPausedOfflineAreCancelled() {
      CompletableFuture<List<String>> inFlight = client.fetchQuery(options);
      QueryKey<String> other = QueryKey.of("other");
      client.onlineChanged(false);
      CompletableFuture<String> paused = client.fetchQuery(QueryOptions.of(other, context -> "never"));
      assertThat(client.getQueryState(other).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.PAUSED);

      client.close();

      assertThat(failureOf(inFlight)).isInstanceOf(CancellationException.class);
      assertThat(failureOf(paused)).isInstanceOf(CancellationException.class);
      assertThat(client.getQueryState(todos).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(client.getQueryState(other).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.IDLE);
    }

    @Test
    void aRunWhoseFunctionAnsweredFinishesItsSettleWithoutRefetching() {
      client.observe(options, result -> {});
      fetcher.resolve(List.of("a"));
      CompletableFuture<String> run = add().mutate("b");
      server.resolve("ok"); // the settle refetch is in flight; the run waits for it

      client.close();

      assertThat(run).as("the server accepted the write").isCompletedWithValue("ok");
      assertThat(fetcher.callCount()).as("fetches: the first load and the cancelled settle refetch").isEqualTo(2);
      assertThat(client.isMutating(MutationFilter.all())).isZero();
    }
  }

  @Nested
  @DisplayName("after close")
  class AfterClose {
    @Test
    void isClosedSaysSo() {
      assertThat(client.isClosed()).isFalse();

      client.close();

      assertThat(client.isClosed()).isTrue();
    }

    @Test
    void closeIsIdempotent() {
      client.close();
      client.close();

      assertThat(client.isClosed()).isTrue();
    }

    @Test
    void callsThatWouldStartWorkFailFastWithAClearMessage() {
      client.setQueryData(todos, List.of("a"));
      Mutation<String, String, Void> add = add();
      QueryObserver<List<String>> observer = client.observe(QueryOptions.builder(todos).enabled(false).build(), result -> {});
      client.close();

      List<ThrowingCallable> calls = List.of(
          () -> client.fetchQuery(options),
          () -> client.prefetchQuery(options),
          () -> client.ensureQueryData(options),
          () -> client.setQueryData(todos, List.of("x")),
          () -> client.updateQueryData(todos, rows -> rows),
          () -> client.setQueriesData(QueryFilter.all(), rows -> rows),
          () -> client.invalidateQueries(QueryFilter.all()),
          () -> client.refetchQueries(QueryFilter.all()),
          () -> client.resetQueries(QueryFilter.all()),
          () -> client.observe(options, result -> {}),
          () -> add.mutate("b"),
          () -> add.fire("b"),
          observer::refetch);
      for (ThrowingCallable call : calls) {
        assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      }
      assertThat(fetcher.callCount()).isZero();
      assertThat(server.callCount()).isZero();
    }

    @Test
    void theCacheStaysReadableAndCanBeCleared() {
      client.setQueryData(todos, List.of("a"));
      client.close();

      assertThat(client.getQueryData(todos)).contains(List.of("a"));
      assertThat(client.getQueryState(todos)).isPresent();
      assertThat(client.getQueriesData(QueryFilter.all())).containsKey(todos);
      assertThat(client.getQueries(QueryFilter.all())).hasSize(1);
      assertThat(client.isFetching(QueryFilter.all())).isZero();
      assertThat(client.isMutating(MutationFilter.all())).isZero();
      client.cancelQueries(QueryFilter.all());
      client.removeQueries(QueryFilter.all());
      assertThat(client.getQueryData(todos)).isEmpty();
    }

    @Test
    void focusAndConnectivityNoticesStartNothing() {
      client.observe(QueryOptions.builder(todos).asyncFetcher(fetcher).refetchOnWindowFocus(Refetch.ALWAYS).build(), result -> {});
      fetcher.resolve(List.of("a"));
      client.close();

      client.focusChanged(false);
      client.focusChanged(true);
      client.onlineChanged(false);
      client.onlineChanged(true);

      assertThat(fetcher.callCount()).isEqualTo(1);
    }

    @Test
    void anUndoOfferFailsAfterClose() {
      client.setQueryData(todos, List.of("a"));
      Mutation<String, String, Void> undoable =
          client.<String, String>asyncMutation(server)
              .optimistic(todos, ClientCloseTest::append)
              .errorMessage("Failed to add")
              .undoable(result -> Optional.of("m-1"), request -> true, value -> "Added")
              .build();
      undoable.mutate("b");
      server.resolve("ok");
      UndoOffer offer = offers(toaster).get(0);
      client.close();

      assertThat(offer.isAvailable()).isFalse();
      assertThat(failureOf(offer.undo())).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
  }
}
