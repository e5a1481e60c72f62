package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.MutationHooks;
import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.UiThread;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of the thread that runs what a mutation tells the application: every callback
 * after {@code onMutate}, every toast and the completion of the future {@code mutate} returns
 * run on the client's notify executor, after the transition they report, whichever thread the
 * server's answer came in on; and a wait on that future from the notify thread fails fast
 * instead of freezing it. The notify thread is the kit's {@link UiThread}; the server answers
 * on the test's thread, which plays a fetch thread.
 */
@DisplayName("The notify thread")
class NotifyThreadTest {
  final VirtualTime time = new VirtualTime();
  final UiThread ui = new UiThread();
  /** What ran, each entry suffixed "@ui" when it ran on the UI thread. */
  final List<String> events = new CopyOnWriteArrayList<>();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client =
      ui.install(time.clientBuilder()).toaster(recordingThread(toaster)).mutationHooks(new ThreadHooks()).build();
  final ControllableMutation<String, String> server = new ControllableMutation<>();
  final QueryKey<List<String>> todos = QueryKey.of("todos");
  /** The test's thread, which plays the thread the server answers on. */
  final String testThread = Thread.currentThread().getName();

  @AfterEach
  void close() {
    client.close();
    ui.runPending();
  }

  void record(String what) {
    events.add(what + (ui.isCurrent() ? "@ui" : "@" + Thread.currentThread().getName()));
  }

  /** A toaster that records where each toast was shown, then hands it to {@code delegate}. */
  Toaster recordingThread(Toaster delegate) {
    return new Toaster() {
      @Override
      public void success(String message) {
        record("toast.success");
        delegate.success(message);
      }

      @Override
      public void error(String message, Throwable cause) {
        record("toast.error");
        delegate.error(message, cause);
      }

      @Override
      public void undo(String message, UndoOffer offer) {
        record("toast.undo");
        delegate.undo(message, offer);
      }
    };
  }

  final class ThreadHooks implements MutationHooks {
    @Override
    public void onMutate(MutationState<?, ?, ?> run) {
      record("hooks.onMutate");
    }

    @Override
    public void onSuccess(Object result, MutationState<?, ?, ?> run) {
      record("hooks.onSuccess");
    }

    @Override
    public void onError(Throwable error, MutationState<?, ?, ?> run) {
      record("hooks.onError");
    }

    @Override
    public void onSettled(Object result, Throwable error, MutationState<?, ?, ?> run) {
      record("hooks.onSettled");
    }
  }

  Mutation<String, String, String> plainSave() {
    return client.asyncMutation(server)
        .name("Save")
        .onMutate((text, scope) -> {
          record("onMutate");
          return "context";
        })
        .onSuccess((result, text, context) -> record("onSuccess"))
        .onError((error, text, context) -> record("onError"))
        .onSettled((result, error, text, context) -> record("onSettled"))
        .errorMessage("Could not save")
        .successMessage("Saved")
        .build();
  }

  Mutation<String, String, Void> optimisticAdd() {
    return client.asyncMutation(server)
        .optimistic(todos, (list, text) -> append(list, text))
        .errorMessage("Could not add")
        .onError((error, text, context) -> record("onError sees " + client.getQueryData(todos).orElseThrow()))
        .build();
  }

  static List<String> append(List<String> list, String item) {
    List<String> out = new java.util.ArrayList<>(list);
    out.add(item);
    return List.copyOf(out);
  }

  @Nested
  @DisplayName("runs on the notify thread")
  class OnTheNotifyThread {
    @Test
    void theSuccessPathsCallbacksHooksToastAndFutureRunOnTheUiThreadNotTheOneTheAnswerCameIn() {
      Mutation<String, String, String> save = plainSave();
      CompletableFuture<String> saved = ui.call(() -> save.mutate("milk"));
      saved.thenAccept(result -> record("future"));

      server.resolve("ok");

      assertThat(events).containsExactly("hooks.onMutate@ui", "onMutate@ui");
      assertThat(saved).isNotDone();
      ui.runPending();
      assertThat(events).containsExactly(
          "hooks.onMutate@ui", "onMutate@ui",
          "hooks.onSuccess@ui", "onSuccess@ui", "hooks.onSettled@ui", "onSettled@ui",
          "toast.success@ui", "future@ui");
      assertThat(saved).isCompletedWithValue("ok");
    }

    @Test
    void theErrorPathsCallbacksHooksToastAndFutureRunOnTheUiThread() {
      Mutation<String, String, String> save = plainSave();
      CompletableFuture<String> saved = ui.call(() -> save.mutate("milk"));
      saved.whenComplete((result, error) -> record("future"));

      server.fail(new IOException("offline"));

      assertThat(saved).isNotDone();
      ui.runPending();
      assertThat(events).containsExactly(
          "hooks.onMutate@ui", "onMutate@ui",
          "hooks.onError@ui", "onError@ui", "hooks.onSettled@ui", "onSettled@ui",
          "toast.error@ui", "future@ui");
      assertThat(failureOf(saved)).hasMessage("offline");
    }

    @Test
    void onMutateRunsOnTheCallersThreadBeforeMutateReturns() {
      Mutation<String, String, String> save = plainSave();

      save.mutate("milk");

      assertThat(events).containsExactly("hooks.onMutate@" + testThread, "onMutate@" + testThread);
    }

    @Test
    void onErrorRunsAfterTheRollbackItReports() {
      client.setQueryData(todos, List.of("a"));
      Mutation<String, String, Void> add = optimisticAdd();
      ui.call(() -> add.mutate("b"));
      assertThat(client.getQueryData(todos)).contains(List.of("a", "b"));

      server.fail(new IOException("offline"));
      ui.runPending();

      assertThat(events).contains("onError sees [a]@ui");
    }

    @Test
    void aThrowInOnMutateReachesOnErrorOnTheUiThreadAfterMutateReturned() {
      Mutation<String, String, Object> save = client.asyncMutation(server)
          .onMutate((text, scope) -> {
            throw new IllegalStateException("no context");
          })
          .onError((error, text, context) -> record("onError " + error.getMessage()))
          .errorMessage("Could not save")
          .build();

      CompletableFuture<String> saved = ui.call(() -> save.mutate("milk"));

      assertThat(events).containsExactly("hooks.onMutate@ui");
      assertThat(saved).isNotDone();
      ui.runPending();
      assertThat(events).containsExactly(
          "hooks.onMutate@ui", "hooks.onError@ui", "onError no context@ui", "hooks.onSettled@ui", "toast.error@ui");
      assertThat(failureOf(saved)).hasMessage("no context");
      assertThat(server.callCount()).isZero();
    }

    @Test
    void codeChainedOnTheFutureSeesTheRunSettled() {
      Mutation<String, String, String> save = plainSave();
      CompletableFuture<String> saved = ui.call(() -> save.mutate("milk"));
      List<MutationStatus> seen = new CopyOnWriteArrayList<>();
      saved.thenRun(() -> seen.add(save.state().status()));

      server.resolve("ok");
      ui.runPending();

      assertThat(seen).containsExactly(MutationStatus.SUCCESS);
    }

    @Test
    void theUndoToastAndTheUndosOwnFutureRunOnTheUiThread() {
      client.setQueryData(todos, List.of("a"));
      Mutation<String, String, Void> archive = client.asyncMutation(server)
          .optimistic(todos, (list, text) -> append(list, text))
          .errorMessage("Could not add")
          .undoable(result -> Optional.of(result), request -> "undone", text -> "Added " + text)
          .build();
      ui.call(() -> archive.mutate("b"));
      server.resolve("m-1");
      ui.runPending();
      assertThat(events).contains("toast.undo@ui");

      CompletableFuture<Void> undone = ui.call(() -> toaster.lastUndoOffer().undo());
      undone.thenRun(() -> record("undone"));
      time.runDue(); // the undo function is blocking: it runs on the virtual time's executor
      ui.runPending();

      assertThat(events).contains("undone@ui");
      assertThat(client.getQueryData(todos)).contains(List.of("a"));
    }

    @Test
    void theCloseCompletesAPendingRunsFutureCancelledOnTheUiThread() {
      Mutation<String, String, String> save = plainSave();
      CompletableFuture<String> saved = ui.call(() -> save.mutate("milk"));
      saved.whenComplete((result, error) -> record("future"));

      client.close();

      assertThat(saved).isNotDone();
      ui.runPending();
      assertThat(failureOf(saved)).isInstanceOf(CancellationException.class);
      assertThat(events).containsExactly("hooks.onMutate@ui", "onMutate@ui", "future@ui");
    }
  }

  @Nested
  @DisplayName("refuses a wait there")
  class NoWaitOnTheNotifyThread {
    @Test
    void joinOnTheUiThreadBeforeTheRunSettledFailsFastSayingWhatToDoInstead() {
      Mutation<String, String, String> save = plainSave();

      assertThatThrownBy(() -> ui.call(() -> save.mutate("milk").join()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("join() on the future of Mutation{\"Save\", plain} would wait forever")
          .hasMessageContaining("the client's notify thread")
          .hasMessageContaining("Chain on the future instead (thenAccept, whenComplete)")
          .hasMessageContaining("onSuccess, onError and onSettled");
    }

    @Test
    void getAndGetWithATimeoutFailFastToo() {
      CompletableFuture<String> saved = ui.call(() -> plainSave().mutate("milk"));

      assertThatThrownBy(() -> ui.call(() -> get(saved)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("get() on the future of Mutation{\"Save\", plain}");
      assertThatThrownBy(() -> ui.call(() -> getWithin(saved)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("get(timeout) on the future of Mutation{\"Save\", plain}");
    }

    @Test
    void aStageChainedOnTheFutureRefusesTheSameWait() {
      CompletableFuture<Integer> length = ui.call(() -> plainSave().mutate("milk").thenApply(String::length));

      assertThatThrownBy(() -> ui.call(length::join))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("join() on the future of Mutation{\"Save\", plain}");
    }

    @Test
    void aSettledRunsFutureIsReadOnTheUiThreadAsUsual() {
      CompletableFuture<String> saved = ui.call(() -> plainSave().mutate("milk"));
      server.resolve("ok");
      ui.runPending();

      assertThat(ui.call(saved::join)).isEqualTo("ok");
      assertThat(ui.call(() -> get(saved))).isEqualTo("ok");
    }

    @Test
    void anotherThreadMayWaitAndIsReleasedWhenTheUiThreadCompletesTheFuture() throws Exception {
      CompletableFuture<String> saved = ui.call(() -> plainSave().mutate("milk"));
      ExecutorService worker = Executors.newSingleThreadExecutor();
      try {
        Future<String> waited = worker.submit(() -> saved.get());
        server.resolve("ok");
        ui.runPending();

        assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
      } finally {
        worker.shutdownNow();
      }
    }

    @Test
    void aClientThatCannotTellItsNotifyThreadLetsTheWaitThrough() {
      QueryClient plain = time.clientBuilder().notifyExecutor(ui).build();
      try {
        CompletableFuture<String> saved = ui.call(() -> plain.asyncMutation(server).errorMessage("x").build().mutate("milk"));

        assertThat(ui.call(() -> saved.getNow("not yet"))).isEqualTo("not yet");
        assertThat(ui.call(saved::isDone)).isFalse();
      } finally {
        plain.close();
      }
    }

    private static String get(CompletableFuture<String> future) {
      try {
        return future.get();
      } catch (InterruptedException | ExecutionException e) {
        throw new AssertionError(e);
      }
    }

    private static String getWithin(CompletableFuture<String> future) {
      try {
        return future.get(1, TimeUnit.SECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Nested
  @DisplayName("other notify executors")
  class OtherExecutors {
    @Test
    void withTheDefaultDirectExecutorCallbacksRunOnTheThreadThatAnsweredBeforeItReturns() {
      QueryClient direct = time.clientBuilder().build();
      try {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<String> saved = direct.asyncMutation(server)
            .onSuccess((result, text, context) -> seen.add("onSuccess@" + Thread.currentThread().getName()))
            .errorMessage("x")
            .build()
            .mutate("milk");

        server.resolve("ok");

        assertThat(seen).containsExactly("onSuccess@" + testThread);
        assertThat(saved).isCompletedWithValue("ok");
      } finally {
        direct.close();
      }
    }

    @Test
    void anExecutorThatRefusesTheStepStillSettlesTheRunOnTheThreadThatAnswered() {
      QueryClient refusing = time.clientBuilder()
          .notifyExecutor(task -> {
            throw new RejectedExecutionException("shut down");
          })
          .build();
      try (LogCapture log = LogCapture.open("dev.querycache.Notifier")) {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<String> saved = refusing.asyncMutation(server)
            .onSuccess((result, text, context) -> seen.add("onSuccess"))
            .errorMessage("x")
            .build()
            .mutate("milk");

        server.resolve("ok");

        assertThat(seen).containsExactly("onSuccess");
        assertThat(saved).isCompletedWithValue("ok");
        assertThat(log.text()).contains("the notify executor refused a step of the library");
      } finally {
        refusing.close();
      }
    }
  }
}
