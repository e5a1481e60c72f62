package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.UiThread;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of callbacks that return a stage ({@code onSuccessAsync}, {@code onErrorAsync},
 * {@code onSettledAsync}): the run waits for the stage before its next callbacks, its toast,
 * its settle invalidation and its future, in TanStack Query's order; a failed stage counts as
 * a throw of its callback.
 */
@DisplayName("Callbacks that return a stage")
class AsyncCallbacksTest {
  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final List<String> events = new CopyOnWriteArrayList<>();
  final QueryClient client = time.clientBuilder().toaster(ToastTexts.thenRun(toaster, () -> events.add("toast"))).build();
  final ControllableMutation<String, String> server = new ControllableMutation<>();
  final CompletableFuture<String> extra = new CompletableFuture<>();
  final QueryKey<List<String>> todos = QueryKey.of("todos");

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aStageFromOnSettledKeepsTheRunPendingUntilItCompletes() {
    Mutation<String, String, Void> save = client.asyncMutation(server)
        .successMessage("Saved")
        .onSettledAsync((result, error, text, context) -> {
          events.add("onSettled");
          return extra;
        })
        .build();
    CompletableFuture<String> run = save.mutate("a");

    server.resolve("ok");

    assertThat(events).containsExactly("onSettled");
    assertThat(run).isNotDone();
    assertThat(save.state().status()).isEqualTo(MutationStatus.PENDING);
    extra.complete("refetched");
    assertThat(events).containsExactly("onSettled", "toast");
    assertThat(run).isCompletedWithValue("ok");
  }

  @Test
  void theNextCallbackWaitsForTheStageOfTheOneBefore() {
    Mutation<String, String, Void> save = client.asyncMutation(server)
        .onSuccessAsync((result, text, context) -> {
          events.add("onSuccess");
          return extra;
        })
        .onSettled((result, error, text, context) -> events.add("onSettled"))
        .build();
    save.mutate("a");
    server.resolve("ok");

    assertThat(events).containsExactly("onSuccess");
    extra.complete("done");

    assertThat(events).containsExactly("onSuccess", "onSettled");
  }

  @Test
  void aFailedStageFromOnSuccessTurnsTheRunIntoAFailureAndRollsBack() {
    client.setQueryData(todos, List.of("a"));
    Mutation<String, String, Void> add = client.asyncMutation(server)
        .optimistic(todos, (rows, text) -> List.of("a", text))
        .errorMessage("Could not add")
        .onSuccessAsync((result, text, context) -> extra)
        .onError((error, text, context) -> events.add("onError " + error.getMessage()))
        .build();
    CompletableFuture<String> run = add.mutate("b");
    server.resolve("ok");

    extra.completeExceptionally(new IOException("the extra refetch failed"));

    assertThat(events).containsExactly("onError the extra refetch failed", "toast");
    assertThat(failureOf(run)).hasMessage("the extra refetch failed");
    assertThat(client.getQueryData(todos)).contains(List.of("a"));
  }

  @Test
  void aFailedStageFromOnErrorIsLoggedAndTheOriginalErrorStands() {
    try (LogCapture log = LogCapture.open(LogCapture.CALLBACKS)) {
      Mutation<String, String, Void> save = client.asyncMutation(server)
          .errorMessage("Could not save")
          .onErrorAsync((error, text, context) -> extra)
          .build();
      CompletableFuture<String> run = save.mutate("a");
      server.fail(new IOException("503"));
      assertThat(events).isEmpty(); // the toast waits for onError's stage

      extra.completeExceptionally(new IllegalStateException("cleanup failed"));

      assertThat(events).containsExactly("toast");
      assertThat(failureOf(run)).hasMessage("503");
      assertThat(log.text()).contains("onError threw").contains("cleanup failed");
    }
  }

  @Test
  void aCallbackReturningNullOrADoneStageGoesOnAtOnce() {
    Mutation<String, String, Void> save = client.asyncMutation(server)
        .onSuccessAsync((result, text, context) -> null)
        .onSettledAsync((result, error, text, context) -> CompletableFuture.completedFuture("done"))
        .build();
    CompletableFuture<String> run = save.mutate("a");

    server.resolve("ok");

    assertThat(run).isCompletedWithValue("ok");
  }

  @Test
  void whatComesAfterAStageRunsOnTheNotifyThreadWhicheverThreadCompletedIt() {
    UiThread ui = new UiThread();
    QueryClient onUi = ui.install(time.clientBuilder()).toaster(toaster).build();
    try {
      Mutation<String, String, Void> save = onUi.asyncMutation(server)
          .onSuccessAsync((result, text, context) -> extra)
          .onSettled((result, error, text, context) -> events.add("onSettled on ui: " + ui.isCurrent()))
          .build();
      ui.call(() -> save.mutate("a"));
      server.resolve("ok");
      ui.runPending();

      extra.complete("done"); // on the test's thread, not the UI thread
      assertThat(events).isEmpty();
      ui.runPending();

      assertThat(events).containsExactly("onSettled on ui: true");
    } finally {
      onUi.close();
      ui.runPending();
    }
  }
}
