package dev.querycache.internal.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.internal.runtime.EngineRuntime;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PaceStage} on its own, without an engine, in virtual time: a slot goes when its pacing
 * makes it due and no run is going; a debounce's slot is pushed back by the calls that join
 * it, a throttle's is not; a queue's slots go in order, spaced by the gap; a cancelled or
 * settled slot leaves; a flush makes every slot due; a run the owner did not open passes.
 */
@DisplayName("PaceStage")
class PaceStageTest {
  private final VirtualTime time = new VirtualTime();
  private final EngineRuntime runtime =
      new EngineRuntime(time, time, Runnable::run, Runnable::run, () -> true, new RecordingToaster(), true);
  private final List<String> events = new ArrayList<>();
  /** The answer of each run that went, by name: the test settles it. */
  private final Map<String, CompletableFuture<String>> answers = new HashMap<>();

  /** A run named by its variables. */
  record Run(String variables) implements Admissible {
    @Override
    public @Nullable String scopeId() {
      return null;
    }

    @Override
    public boolean waiting(boolean waiting) {
      return true;
    }
  }

  @AfterEach
  void closeTheRuntime() {
    runtime.close();
  }

  /** Sends {@code name}'s run through {@code stage}; when it goes, records it at the virtual time. */
  void admit(PaceStage stage, String name) {
    Run run = new Run(name);
    new AdmissionChain(List.of(stage)).start(run, name, variables -> {
      events.add(name + "@" + time.now().toMillis());
      CompletableFuture<String> answer = new CompletableFuture<>();
      answers.put(name, answer);
      return answer;
    }).whenComplete((result, error) -> stage.released(run));
  }

  /** A call that opens a slot and becomes a run at once. */
  void call(PaceStage stage, String name) {
    assertThat(stage.open(name)).as(name + " is not dropped").isTrue();
    admit(stage, name);
  }

  void advanceMillis(long millis) {
    time.advance(Duration.ofMillis(millis));
  }

  @Test
  void aDebouncedSlotGoesTheWaitAfterTheLastCallThatJoinedIt() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.DEBOUNCE, Duration.ofMillis(500), false, true);
    call(stage, "a");
    advanceMillis(300);
    stage.joined("a");
    advanceMillis(499);
    assertThat(events).isEmpty();

    advanceMillis(1);

    assertThat(events).containsExactly("a@800");
  }

  @Test
  void aSlotWaitsForTheRunGoingToSettle() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.DEBOUNCE, Duration.ofMillis(100), false, true);
    call(stage, "a");
    advanceMillis(100);
    call(stage, "b");
    advanceMillis(1_000);
    assertThat(events).containsExactly("a@100");

    answers.get("a").complete("ok");

    assertThat(events).containsExactly("a@100", "b@1100");
  }

  @Test
  void aThrottledSlotIsNotPushedBackByJoiningCalls() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.THROTTLE, Duration.ofMillis(1_000), true, true);
    call(stage, "a");
    answers.get("a").complete("ok");
    advanceMillis(100);
    call(stage, "b");
    advanceMillis(800);
    stage.joined("b");

    advanceMillis(100);

    assertThat(events).containsExactly("a@0", "b@1000");
  }

  @Test
  void aThrottleWithoutATrailingEdgeDropsACallInsideTheInterval() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.THROTTLE, Duration.ofMillis(1_000), true, false);
    call(stage, "a");
    answers.get("a").complete("ok");
    advanceMillis(999);

    assertThat(stage.open("b")).isFalse();
    advanceMillis(1);
    assertThat(stage.open("c")).isTrue();
  }

  @Test
  void aQueuesSlotsGoInOrderSpacedByTheGap() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.QUEUE, Duration.ofMillis(200), false, true);
    call(stage, "a");
    call(stage, "b");
    call(stage, "c");
    assertThat(stage.waiting()).isEqualTo(2);

    answers.get("a").complete("ok");
    advanceMillis(200);
    answers.get("b").complete("ok");
    advanceMillis(100);
    assertThat(events).containsExactly("a@0", "b@200");
    advanceMillis(100);

    assertThat(events).containsExactly("a@0", "b@200", "c@400");
  }

  @Test
  void aCancelledSlotLeavesAndTheNextGoes() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.QUEUE, Duration.ZERO, false, true);
    assertThat(stage.open("a")).isTrue();
    call(stage, "b");

    stage.cancel("a");

    assertThat(events).containsExactly("b@0");
    assertThat(stage.waiting()).isZero();
  }

  @Test
  void aRunThatSettlesWhileItWaitsLeavesItsSlot() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.QUEUE, Duration.ZERO, false, true);
    call(stage, "a");
    call(stage, "b");
    call(stage, "c");

    stage.released(new Run("b"));
    answers.get("a").complete("ok");

    assertThat(events).containsExactly("a@0", "c@0");
  }

  @Test
  void aFlushMakesEverySlotDueNow() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.DEBOUNCE, Duration.ofSeconds(10), false, true);
    call(stage, "a");

    stage.flush();

    assertThat(events).containsExactly("a@0");
  }

  @Test
  void aRunTheOwnerDidNotOpenPassesAtOnce() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.DEBOUNCE, Duration.ofSeconds(10), false, true);

    admit(stage, "stranger");

    assertThat(events).containsExactly("stranger@0");
  }

  @Test
  void afterTheCloseNothingWaitsAndNoTimerIsLeft() {
    PaceStage stage = new PaceStage(runtime, PaceStage.Kind.DEBOUNCE, Duration.ofSeconds(10), false, true);
    call(stage, "a");

    stage.close();
    advanceMillis(20_000);

    assertThat(events).isEmpty();
    assertThat(stage.waiting()).isZero();
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void aDebounceOrThrottleNeedsAnEdgeAndTheWaitCannotBeNegative() {
    assertThatThrownBy(() -> new PaceStage(runtime, PaceStage.Kind.THROTTLE, Duration.ofSeconds(1), false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a throttle needs a leading or a trailing edge, or it never sends");
    assertThatThrownBy(() -> new PaceStage(runtime, PaceStage.Kind.QUEUE, Duration.ofMillis(-1), false, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("wait is negative: PT-0.001S");
  }
}
