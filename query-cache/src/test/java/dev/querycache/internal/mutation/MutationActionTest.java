package dev.querycache.internal.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.QueryKey;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link MutationAction} on its own: each action of a run's state machine, applied to a state,
 * changes what it names and keeps everything else, and above all the run's identity.
 */
@DisplayName("MutationAction")
class MutationActionTest {
  private static final QueryKey<Object> KEY = QueryKey.of("todos", "toggle");
  private static final long SUBMITTED_AT = 42_000L;

  /** A run just submitted: pending, no context yet, nothing failed. */
  private static MutationState<String, Integer, String> submitted() {
    return new MutationState<>(7, "Complete", KEY, MutationStatus.PENDING, "t1", null, null, null, SUBMITTED_AT, 0, null, false);
  }

  private static void assertSameRun(MutationState<String, Integer, String> after) {
    assertThat(after.id()).as("id").isEqualTo(7);
    assertThat(after.mutationKey()).as("mutation key").isEqualTo(KEY);
    assertThat(after.variables()).as("variables").isEqualTo("t1");
    assertThat(after.submittedAt()).as("submission time").isEqualTo(SUBMITTED_AT);
  }

  @Test
  void mutatedRecordsTheContextAndKeepsTheRunPending() {
    MutationState<String, Integer, String> after =
        new MutationAction.Mutated<String, Integer, String>("snapshot").reduce(submitted());

    assertThat(after.context()).isEqualTo("snapshot");
    assertThat(after.status()).isEqualTo(MutationStatus.PENDING);
    assertSameRun(after);
  }

  @Test
  void pausedSetsAndClearsTheWaitWithoutTouchingTheRest() {
    MutationState<String, Integer, String> paused =
        new MutationAction.Paused<String, Integer, String>(true).reduce(submitted());
    MutationState<String, Integer, String> resumed =
        new MutationAction.Paused<String, Integer, String>(false).reduce(paused);

    assertThat(paused.isPaused()).isTrue();
    assertThat(resumed.isPaused()).isFalse();
    assertThat(resumed).isEqualTo(submitted());
  }

  @Test
  void aFailedAttemptCountsAndKeepsItsReasonWhileTheRunStaysPending() {
    IOException reason = new IOException("timeout");

    MutationState<String, Integer, String> after =
        new MutationAction.AttemptFailed<String, Integer, String>(2, reason).reduce(submitted());

    assertThat(after.failureCount()).isEqualTo(2);
    assertThat(after.failureReason()).isSameAs(reason);
    assertThat(after.status()).isEqualTo(MutationStatus.PENDING);
    assertThat(after.error()).as("an attempt is not the run's error").isNull();
    assertSameRun(after);
  }

  @Test
  void succeededSettlesWithTheResultAndKeepsContextAndFailureHistory() {
    IOException reason = new IOException("first attempt");
    MutationState<String, Integer, String> retried =
        new MutationAction.AttemptFailed<String, Integer, String>(1, reason)
            .reduce(new MutationAction.Mutated<String, Integer, String>("snapshot").reduce(submitted()));

    MutationState<String, Integer, String> after =
        new MutationAction.Succeeded<String, Integer, String>(200).reduce(retried);

    assertThat(after.status()).isEqualTo(MutationStatus.SUCCESS);
    assertThat(after.result()).isEqualTo(200);
    assertThat(after.error()).isNull();
    assertThat(after.context()).isEqualTo("snapshot");
    assertThat(after.failureCount()).as("the failed attempt is still counted").isEqualTo(1);
    assertThat(after.failureReason()).isSameAs(reason);
    assertSameRun(after);
  }

  @Test
  void failedSettlesInErrorWithTheErrorAndNoResult() {
    IOException error = new IOException("refused");

    MutationState<String, Integer, String> after =
        new MutationAction.Failed<String, Integer, String>(error).reduce(submitted());

    assertThat(after.status()).isEqualTo(MutationStatus.ERROR);
    assertThat(after.error()).isSameAs(error);
    assertThat(after.result()).isNull();
    assertSameRun(after);
  }

  @Test
  void cancelledSettlesInErrorWhoseErrorIsTheCancellation() {
    CancellationException cause = new CancellationException("client closed");

    MutationState<String, Integer, String> after =
        new MutationAction.Cancelled<String, Integer, String>(cause).reduce(submitted());

    assertThat(after.status()).isEqualTo(MutationStatus.ERROR);
    assertThat(after.error()).isSameAs(cause);
    assertSameRun(after);
  }

  @Test
  void reducingNeverChangesTheStateItIsGiven() {
    MutationState<String, Integer, String> before = submitted();

    new MutationAction.Failed<String, Integer, String>(new IOException("refused")).reduce(before);
    new MutationAction.Mutated<String, Integer, String>("snapshot").reduce(before);

    assertThat(before).isEqualTo(submitted());
  }
}
