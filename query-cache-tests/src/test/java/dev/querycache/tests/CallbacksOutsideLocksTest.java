package dev.querycache.tests;

import dev.querycache.AsyncMutationFunction;
import dev.querycache.Mutation;
import dev.querycache.MutationHooks;
import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static dev.querycache.tests.ToastTexts.texts;
import static dev.querycache.tests.ToastTexts.thenRun;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of callback runs after the transition it reports, outside every lock of the
 * library: a callback may call back into the client, and may wait for another thread that
 * calls into the client for the same key, without deadlocking.
 *
 * <p>Each test makes one kind of callback hand work on the callback's own key to another
 * thread and wait for it (the other thread's call takes the key's atomic step, which a
 * callback run under that step's lock would hold). The wait is bounded; a deadlock shows as
 * that other thread not finishing. The key's state is virtual-time driven; only the helper
 * thread is real.
 */
@DisplayName("callbacks run outside the library's locks")
@Timeout(60)
class CallbacksOutsideLocksTest {
  private static final long WAIT_SECONDS = 10;

  private final VirtualTime time = new VirtualTime();
  private volatile Runnable onToast = () -> {};
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).toaster(thenRun(toaster, () -> onToast.run())).build();
  private final QueryKey<List<String>> key = QueryKey.of("todos");
  private final ControllableQuery<List<String>> fetcher = new ControllableQuery<>();
  private final QueryOptions<List<String>> options = QueryOptions.builder(key).asyncFetcher(fetcher).retry(0).build();
  private final List<String> finished = new CopyOnWriteArrayList<>();
  private final List<Throwable> problems = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    client.close();
  }

  /**
   * From a callback: another thread observes the key (its atomic step) and writes it, and the
   * callback waits until it did. Records {@code who} once the other thread finished in time.
   */
  private void crossThreadCallIntoTheKey(String who) {
    CountDownLatch done = new CountDownLatch(1);
    Thread other = new Thread(() -> {
      try {
        client.observe(QueryOptions.builder(key).enabled(false).build(), result -> {}).close();
        client.updateQueryData(key, rows -> rows);
      } catch (Throwable t) {
        problems.add(t);
      } finally {
        done.countDown();
      }
    }, "another-thread");
    other.setDaemon(true);
    other.start();
    try {
      if (done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        finished.add(who);
      } else {
        problems.add(new AssertionError(who + ": the other thread's call into the key did not finish: a lock is held"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void assertFinished(String... who) {
    assertThat(problems).isEmpty();
    assertThat(finished).containsExactly(who);
  }

  private Mutation<String, String, Void> optimisticAppend(AsyncMutationFunction<String, String> function) {
    return client.<String, String>asyncMutation(function)
        .optimistic(key, (rows, value) -> append(rows, value))
        .errorMessage("Failed to add")
        .build();
  }

  static List<String> append(List<String> rows, String value) {
    List<String> out = new ArrayList<>(rows);
    out.add(value);
    return List.copyOf(out);
  }

  @Nested
  @DisplayName("cancellation callbacks")
  class CancelHooks {
    private void fetchWithHook(String who) {
      client.fetchQuery(options);
      fetcher.latestCall().context().signal().onCancel(() -> crossThreadCallIntoTheKey(who));
    }

    @Test
    void ofAFetchReplacedByAnInvalidation() {
      client.setQueryData(key, List.of("a"));
      client.observe(options, result -> {});
      fetchWithHook("replaced");

      client.invalidateQueries(QueryFilter.exact(key)); // replaces the fetch in flight

      assertFinished("replaced");
    }

    @Test
    void ofAFetchReplacedByARefetch() {
      client.setQueryData(key, List.of("a"));
      fetchWithHook("refetched");

      client.refetchQueries(QueryFilter.exact(key));

      assertFinished("refetched");
    }

    @Test
    void ofAFetchCancelledByCancelQueries() {
      fetchWithHook("cancelled");

      client.cancelQueries(QueryFilter.exact(key));

      assertFinished("cancelled");
    }

    @Test
    void ofAFetchCancelledByAnOptimisticRun() {
      client.setQueryData(key, List.of("a"));
      fetchWithHook("cancelled by a run");

      optimisticAppend(new ControllableMutation<>()).mutate("b");

      assertFinished("cancelled by a run");
    }

    @Test
    void ofAFetchOfARemovedQuery() {
      fetchWithHook("removed");

      client.removeQueries(QueryFilter.exact(key));

      assertFinished("removed");
    }

    @Test
    void ofAFetchOfAResetQuery() {
      fetchWithHook("reset");

      client.resetQueries(QueryFilter.exact(key));

      assertFinished("reset");
    }

    @Test
    void ofAFetchCutShortByClose() {
      fetchWithHook("closed");

      client.close();

      assertThat(finished).containsExactly("closed");
      assertThat(problems).as("the other thread may not write to a closed client").hasSize(1);
      assertThat(problems.get(0)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Nested
  @DisplayName("listeners")
  class Listeners {
    @Test
    void aQueryListener() {
      AtomicBoolean once = new AtomicBoolean();
      client.observe(QueryOptions.builder(key).enabled(false).build(), result -> {
        if (result.data() != null && once.compareAndSet(false, true)) {
          crossThreadCallIntoTheKey("listener");
        }
      });

      client.setQueryData(key, List.of("a"));

      assertFinished("listener");
    }

    @Test
    void aCacheListener() {
      client.setQueryData(key, List.of("a"));
      AtomicBoolean once = new AtomicBoolean();
      client.onCacheChange(() -> {
        if (once.compareAndSet(false, true)) {
          crossThreadCallIntoTheKey("cache listener");
        }
      });

      client.setQueryData(key, List.of("b"));

      assertThat(finished).contains("cache listener");
      assertThat(problems).isEmpty();
    }

    @Test
    void aQueryEventListenerOfAnOptimisticLayer() {
      client.setQueryData(key, List.of("a"));
      ControllableMutation<String, String> server = new ControllableMutation<>();
      Mutation<String, String, Void> add = optimisticAppend(server);
      AtomicBoolean once = new AtomicBoolean();
      client.onQueryEvent(event -> {
        if (once.compareAndSet(false, true)) {
          crossThreadCallIntoTheKey("query event listener");
        }
      });

      add.fire("b");

      assertThat(finished).contains("query event listener");
      assertThat(problems).isEmpty();
    }

    @Test
    void aMutationObserver() {
      client.setQueryData(key, List.of("a"));
      ControllableMutation<String, String> server = new ControllableMutation<>();
      Mutation<String, String, Void> add = optimisticAppend(server);
      AtomicBoolean once = new AtomicBoolean();
      add.observe(state -> {
        if (state.status() == MutationStatus.SUCCESS && once.compareAndSet(false, true)) {
          crossThreadCallIntoTheKey("mutation observer");
        }
      });

      add.mutate("b");
      server.resolve("ok");

      assertFinished("mutation observer");
    }
  }

  @Nested
  @DisplayName("mutation callbacks, hooks and toasts")
  class MutationCallbacks {
    @Test
    void onMutateOnSuccessAndOnSettled() {
      client.setQueryData(key, List.of("a"));
      ControllableMutation<String, String> server = new ControllableMutation<>();
      Mutation<String, String, Object> add =
          client.<String, String>asyncMutation(server)
              .optimistic(key, (rows, value) -> append(rows, value))
              .errorMessage("Failed to add")
              .onMutate((value, scope) -> {
                crossThreadCallIntoTheKey("onMutate");
                return null;
              })
              .onSuccess((result, value, context) -> crossThreadCallIntoTheKey("onSuccess"))
              .onSettled((result, error, value, context) -> crossThreadCallIntoTheKey("onSettled"))
              .build();

      CompletableFuture<String> run = add.mutate("b");
      server.resolve("ok");

      assertThat(run).isCompletedWithValue("ok");
      assertFinished("onMutate", "onSuccess", "onSettled");
    }

    @Test
    void onErrorAndTheErrorToast() {
      client.setQueryData(key, List.of("a"));
      onToast = () -> crossThreadCallIntoTheKey("toaster");
      ControllableMutation<String, String> server = new ControllableMutation<>();
      Mutation<String, String, Void> add =
          client.<String, String>asyncMutation(server)
              .optimistic(key, (rows, value) -> append(rows, value))
              .errorMessage("Failed to add")
              .onError((error, value, context) -> crossThreadCallIntoTheKey("onError"))
              .build();

      CompletableFuture<String> run = add.mutate("b");
      server.fail(new IOException("refused"));

      assertThat(failureOf(run)).hasMessage("refused");
      assertFinished("onError", "toaster");
    }

    @Test
    void clientHooks() {
      QueryClient hooked =
          time.clientBuilder().fetchExecutor(Runnable::run)
              .toaster(toaster)
              .mutationHooks(new MutationHooks() {
                @Override
                public void onMutate(MutationState<?, ?, ?> run) {
                  crossThreadCallIntoTheKeyOf(run);
                }

                @Override
                public void onSettled(Object result, Throwable error, MutationState<?, ?, ?> run) {
                  crossThreadCallIntoTheKeyOf(run);
                }
              })
              .build();
      try {
        hooked.setQueryData(key, List.of("a"));
        ControllableMutation<String, String> server = new ControllableMutation<>();
        hooked.<String, String>asyncMutation(server)
            .optimistic(key, (rows, value) -> append(rows, value))
            .errorMessage("Failed to add")
            .build()
            .mutate("b");
        server.resolve("ok");

        assertThat(problems).isEmpty();
        assertThat(finished).containsExactly("hook", "hook");
      } finally {
        hooked.close();
      }
    }

    private void crossThreadCallIntoTheKeyOf(MutationState<?, ?, ?> run) {
      crossThreadCallIntoTheKey("hook");
    }

    @Test
    void theUndoToastAndTheFunctionsAMutationIsConfiguredWith() {
      client.setQueryData(key, List.of("a"));
      onToast = () -> crossThreadCallIntoTheKey("toaster");
      ControllableMutation<String, String> server = new ControllableMutation<>();
      Mutation<String, String, Void> add =
          client.<String, String>asyncMutation(server)
              .optimistic(key, (rows, value) -> append(rows, value))
              .errorMessage("Failed to add")
              .invalidateFor(value -> {
                crossThreadCallIntoTheKey("invalidateFor");
                return List.of();
              })
              .undoable(
                  result -> {
                    crossThreadCallIntoTheKey("undo id");
                    return Optional.of(result);
                  },
                  request -> true,
                  value -> {
                    crossThreadCallIntoTheKey("undo message");
                    return "Added";
                  })
              .build();

      add.mutate("b");
      server.resolve("m-1");

      assertFinished("undo id", "undo message", "toaster", "invalidateFor");
    }
  }

  @Nested
  @DisplayName("functions")
  class Functions {
    @Test
    void aBlockingQueryFunctionOnTheCallersThread() {
      QueryOptions<List<String>> blocking =
          QueryOptions.builder(key).fetcher(context -> {
            crossThreadCallIntoTheKey("query function");
            return List.of("fetched");
          }).retry(0).build();

      CompletableFuture<List<String>> fetched = client.fetchQuery(blocking);

      assertThat(fetched).isCompletedWithValue(List.of("fetched"));
      assertFinished("query function");
    }

    @Test
    void aMutationFunctionAnsweringAtOnce() {
      client.setQueryData(key, List.of("a"));
      Mutation<String, String, Void> add = optimisticAppend(value -> {
        crossThreadCallIntoTheKey("mutation function");
        return CompletableFuture.completedFuture("ok");
      });

      assertThat(add.mutate("b")).isCompletedWithValue("ok");
      assertFinished("mutation function");
    }

    @Test
    void aRetryPolicy() {
      RetryPolicy policy = new RetryPolicy() {
        @Override
        public boolean shouldRetry(int retriesSoFar, Throwable error) {
          crossThreadCallIntoTheKey("retry policy");
          return false;
        }

        @Override
        public Duration delay(int retriesSoFar, Throwable error) {
          return Duration.ZERO;
        }
      };
      client.fetchQuery(QueryOptions.builder(key).asyncFetcher(fetcher).retry(policy).build());

      fetcher.fail(new IOException("down"));

      assertFinished("retry policy");
    }
  }

  @Nested
  @DisplayName("optimistic patches, which run inside the transition")
  class Patches {
    @Test
    void aPatchThatWritesToTheClientIsRefusedAndFailsItsRun() {
      client.setQueryData(key, List.of("a"));
      Mutation<String, String, Void> writing =
          client.<String, String>asyncMutation(new ControllableMutation<>())
              .optimistic(key, (rows, value) -> {
                client.setQueryData(QueryKey.of("elsewhere"), List.of("sneaky"));
                return append(rows, value);
              })
              .errorMessage("Failed to add")
              .build();

      CompletableFuture<String> run = writing.mutate("b");

      assertThat(failureOf(run))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("an optimistic patch called the QueryClient");
      assertThat(client.getQueryData(key)).contains(List.of("a"));
      assertThat(client.getQueryData(QueryKey.of("elsewhere"))).isEmpty();
      assertThat(texts(toaster)).containsExactly("error:Failed to add");
    }

    @Test
    void aPatchMayReadTheClient() {
      QueryKey<String> label = QueryKey.of("label");
      client.setQueryData(label, "new");
      client.setQueryData(key, List.of("a"));
      Mutation<String, String, Void> reading =
          client.<String, String>asyncMutation(new ControllableMutation<>())
              .optimistic(key, (rows, value) -> append(rows, value + "-" + client.getQueryData(label).orElse("?")))
              .errorMessage("Failed to add")
              .build();

      reading.mutate("b");

      assertThat(client.getQueryData(key)).contains(List.of("a", "b-new"));
    }
  }
}
