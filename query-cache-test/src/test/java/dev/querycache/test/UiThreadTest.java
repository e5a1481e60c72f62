package dev.querycache.test;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of {@link UiThread}: tasks wait for {@link UiThread#runPending()}, which runs
 * them in order on the test's thread as the UI thread; {@link UiThread#call} runs a piece of
 * the screen's code there; a client it is installed in knows its UI thread.
 */
class UiThreadTest {
  final VirtualTime time = new VirtualTime();
  final UiThread ui = new UiThread();
  final List<String> ran = new ArrayList<>();

  @Test
  void aTaskWaitsUntilTheTestRunsThePendingTasks() {
    ui.execute(() -> ran.add("task"));

    assertThat(ran).isEmpty();
    assertThat(ui.pending()).isEqualTo(1);
    assertThat(ui.runPending()).isEqualTo(1);
    assertThat(ran).containsExactly("task");
    assertThat(ui.pending()).isZero();
  }

  @Test
  void pendingTasksRunInOrderWithTheTasksTheyQueue() {
    ui.execute(() -> {
      ran.add("first");
      ui.execute(() -> ran.add("queued by first"));
    });
    ui.execute(() -> ran.add("second"));

    assertThat(ui.runPending()).isEqualTo(3);
    assertThat(ran).containsExactly("first", "second", "queued by first");
  }

  @Test
  void theTestsThreadIsTheUiThreadOnlyWhileItRunsTasksOrCalls() {
    ui.execute(() -> ran.add("task on ui: " + ui.isCurrent()));

    assertThat(ui.isCurrent()).isFalse();
    ui.runPending();
    assertThat(ui.call(ui::isCurrent)).isTrue();
    assertThat(ui.call(() -> ui.call(ui::isCurrent))).isTrue();
    assertThat(ui.isCurrent()).isFalse();
    assertThat(ran).containsExactly("task on ui: true");
  }

  @Test
  void aTaskThatThrowsPropagatesAndTheTasksBehindItStayQueued() {
    ui.execute(() -> {
      throw new IllegalStateException("boom");
    });
    ui.execute(() -> ran.add("behind"));

    assertThatThrownBy(ui::runPending).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    assertThat(ui.isCurrent()).isFalse();
    assertThat(ui.pending()).isEqualTo(1);
    ui.runPending();
    assertThat(ran).containsExactly("behind");
  }

  @Test
  void aNullTaskIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> ui.execute(null)).isInstanceOf(NullPointerException.class).hasMessage("task == null");
    assertThatThrownBy(() -> ui.install(null)).isInstanceOf(NullPointerException.class).hasMessage("builder == null");
  }

  // ---- installed in a client ----------------------------------------------------------------

  final ControllableMutation<String, String> server = new ControllableMutation<>();

  @Test
  void aMutationsFutureCompletesWhenTheUiThreadRuns() {
    UiThread ui = new UiThread();
    QueryClient client = ui.install(time.clientBuilder()).build();
    Mutation<String, String, Void> save = client.asyncMutation(server).errorMessage("Could not save").build();
    CompletableFuture<String> saved = ui.call(() -> save.mutate("milk")); // "clicked" on the UI thread
    server.resolve("ok");               // the answer comes in off the UI thread
    assertThat(saved).isNotDone();      // the settle step waits for the UI thread
    ui.runPending();                    // callbacks, toasts, the future: in order, on the UI thread
    assertThat(saved).isCompletedWithValue("ok");
    client.close();
  }

  @Test
  void theInstalledClientRefusesAWaitOnTheUiThread() {
    QueryClient client = ui.install(time.clientBuilder()).build();
    Mutation<String, String, Void> save = client.asyncMutation(server).errorMessage("Could not save").build();
    CompletableFuture<String> saved = ui.call(() -> save.mutate("milk"));

    assertThatThrownBy(() -> ui.call(saved::join))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("would wait forever");
    server.resolve("ok");
    ui.runPending();
    assertThat(ui.call(saved::join)).isEqualTo("ok");
    client.close();
  }
}
