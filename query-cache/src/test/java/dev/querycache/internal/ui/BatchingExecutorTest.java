package dev.querycache.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link BatchingExecutor}: one UI event per burst of tasks, a bounded share
 * of tasks per event, order, no re-entrant runs, failures. The tests hold the posted events
 * in {@link HeldEvents} and run them by hand, so that the number of events is exact.
 */
class BatchingExecutorTest {
  private final HeldEvents events = new HeldEvents();
  private final List<String> ran = new ArrayList<>();

  @Test
  void theFirstTaskOfABurstPostsOneEventThatRunsTheWholeBurstInOrder() {
    BatchingExecutor executor = new BatchingExecutor(events, 256);

    executor.execute(() -> ran.add("a"));
    executor.execute(() -> ran.add("b"));
    executor.execute(() -> ran.add("c"));

    assertThat(events.posted()).isEqualTo(1);
    assertThat(ran).isEmpty();
    events.runAll();
    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(events.posted()).isEqualTo(1);
  }

  @Test
  void anEventAlsoRunsTheTasksQueuedWhileItRuns() {
    BatchingExecutor executor = new BatchingExecutor(events, 256);
    executor.execute(
        () -> {
          ran.add("a");
          executor.execute(() -> ran.add("queued by a"));
        });

    events.runAll();

    assertThat(ran).containsExactly("a", "queued by a");
    assertThat(events.posted()).isEqualTo(1);
  }

  @Test
  void anEventYieldsAfterItsShareOfTasksAndPostsASuccessorForTheRest() {
    BatchingExecutor executor = new BatchingExecutor(events, 2);
    for (String task : List.of("a", "b", "c", "d", "e")) {
      executor.execute(() -> ran.add(task));
    }

    events.runNext();

    assertThat(ran).containsExactly("a", "b");
    assertThat(events.waiting()).isEqualTo(1);
    events.runAll();
    assertThat(ran).containsExactly("a", "b", "c", "d", "e");
    assertThat(events.posted()).isEqualTo(3);
  }

  @Test
  void aTaskQueuedAfterTheQueueDrainedPostsANewEvent() {
    BatchingExecutor executor = new BatchingExecutor(events, 256);
    executor.execute(() -> ran.add("a"));
    events.runAll();

    executor.execute(() -> ran.add("b"));

    assertThat(events.posted()).isEqualTo(2);
    events.runAll();
    assertThat(ran).containsExactly("a", "b");
  }

  @Test
  void aTaskThatThrowsReachesTheEventsCallerAndTheTasksBehindItRunInASuccessor() {
    BatchingExecutor executor = new BatchingExecutor(events, 256);
    executor.execute(
        () -> {
          throw new IllegalStateException("listener bug");
        });
    executor.execute(() -> ran.add("b"));

    assertThatThrownBy(events::runNext).isInstanceOf(IllegalStateException.class).hasMessage("listener bug");

    assertThat(events.waiting()).isEqualTo(1);
    events.runAll();
    assertThat(ran).containsExactly("b");
  }

  @Test
  void aNullTaskIsRefusedNamingTheArgument() {
    BatchingExecutor executor = new BatchingExecutor(events, 256);

    assertThatThrownBy(() -> executor.execute(null)).isInstanceOf(NullPointerException.class).hasMessage("task == null");
    assertThat(events.posted()).isZero();
  }

  @Test
  void aShareOfTasksMustBePositive() {
    assertThatThrownBy(() -> new BatchingExecutor(events, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTasksPerEvent");
  }

  /** A stand-in for a UI thread's event queue that holds posted events until the test runs them. */
  private static final class HeldEvents implements Executor {
    private final List<Runnable> queue = new ArrayList<>();
    private int posted;

    @Override
    public void execute(Runnable event) {
      posted++;
      queue.add(event);
    }

    int posted() {
      return posted;
    }

    int waiting() {
      return queue.size();
    }

    void runNext() {
      queue.remove(0).run();
    }

    void runAll() {
      while (!queue.isEmpty()) {
        runNext();
      }
    }
  }
}
