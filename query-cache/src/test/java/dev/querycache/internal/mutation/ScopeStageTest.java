package dev.querycache.internal.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.internal.runtime.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ScopeStage} on its own: runs of one scope go one after another in start order, the
 * ones behind marked waiting; a run with no scope, or of another scope, goes at once; the
 * next run goes when the running one settles, as a follow-up step; a queued run that settles
 * leaves without moving the queue; after the close, nobody else goes.
 */
@DisplayName("ScopeStage")
class ScopeStageTest {
  private final Notifier notifier = new Notifier(Runnable::run);
  private final ScopeStage stage = new ScopeStage(notifier);
  private final List<String> events = new ArrayList<>();

  /** A run of a scope (or none) that records being marked waiting and going on. */
  final class Run implements Admissible {
    final String name;
    final @Nullable String scope;
    boolean settled;

    Run(String name, @Nullable String scope) {
      this.name = name;
      this.scope = scope;
    }

    @Override
    public Object variables() {
      return name;
    }

    @Override
    public @Nullable String scopeId() {
      return scope;
    }

    @Override
    public boolean waiting(boolean waiting) {
      if (settled) {
        return false;
      }
      events.add(name + (waiting ? " waits" : " turn"));
      return true;
    }

    CompletionStage<String> admit() {
      return new AdmissionChain(List.of(stage)).start(this, name, variables -> {
        events.add(name + " goes");
        return CompletableFuture.completedFuture(variables);
      });
    }
  }

  @Test
  void aRunWithNoScopeGoesAtOnceAndNeverWaits() {
    new Run("a", null).admit();
    new Run("b", null).admit();

    assertThat(events).containsExactly("a goes", "b goes");
  }

  @Test
  void theFirstRunOfAScopeGoesAtOnce() {
    new Run("a", "s").admit();

    assertThat(events).containsExactly("a goes");
  }

  @Test
  void aRunBehindAnotherOfItsScopeWaitsAndDoesNotGo() {
    new Run("a", "s").admit();
    new Run("b", "s").admit();

    assertThat(events).containsExactly("a goes", "b waits");
  }

  @Test
  void runsOfDifferentScopesDoNotWaitForEachOther() {
    new Run("a", "s").admit();
    new Run("b", "t").admit();

    assertThat(events).containsExactly("a goes", "b goes");
  }

  @Test
  void whenTheRunningRunSettlesTheNextInStartOrderGoes() {
    Run a = new Run("a", "s");
    Run b = new Run("b", "s");
    Run c = new Run("c", "s");
    a.admit();
    b.admit();
    c.admit();
    events.clear();

    stage.released(a);
    assertThat(events).containsExactly("b turn", "b goes");

    stage.released(b);
    assertThat(events).containsExactly("b turn", "b goes", "c turn", "c goes");
  }

  @Test
  void theNextRunGoesAfterTheSettleStepThatReleasedItNotInsideIt() {
    Run a = new Run("a", "s");
    Run b = new Run("b", "s");
    a.admit();
    b.admit();
    events.clear();

    notifier.batch(() -> {
      stage.released(a);
      events.add("the settle step ends");
    });

    assertThat(events).containsExactly("the settle step ends", "b turn", "b goes");
  }

  @Test
  void aQueuedRunThatSettlesBeforeItsTurnLeavesWithoutMovingTheQueue() {
    Run a = new Run("a", "s");
    Run b = new Run("b", "s");
    Run c = new Run("c", "s");
    a.admit();
    b.admit();
    c.admit();
    events.clear();

    stage.released(b);
    assertThat(events).as("a still runs; nobody goes").isEmpty();

    stage.released(a);
    assertThat(events).containsExactly("c turn", "c goes");
  }

  @Test
  void aRunThatSettledWhileItsTurnCameDoesNotGo() {
    Run a = new Run("a", "s");
    Run b = new Run("b", "s");
    a.admit();
    b.admit();
    b.settled = true;
    events.clear();

    stage.released(a);

    assertThat(events).isEmpty();
  }

  @Test
  void aRunThatHoldsItsScopeGoesAgainAtOnce() {
    Run a = new Run("a", "s");
    a.admit();
    new Run("b", "s").admit();
    events.clear();

    a.admit();

    assertThat(events).as("a follow-up of the running run, ahead of b").containsExactly("a goes");
  }

  @Test
  void theOutcomeOfAQueuedRunIsItsFunctionsWhenItsTurnComes() {
    Run a = new Run("a", "s");
    Run b = new Run("b", "s");
    a.admit();
    CompletionStage<String> outcome = b.admit();
    assertThat(outcome.toCompletableFuture()).isNotDone();

    stage.released(a);

    assertThat(outcome.toCompletableFuture()).isCompletedWithValue("b");
  }

  @Test
  void aScopeEmptiedByItsLastRunStartsAfreshForTheNextRun() {
    Run a = new Run("a", "s");
    a.admit();
    stage.released(a);
    events.clear();

    new Run("b", "s").admit();

    assertThat(events).containsExactly("b goes");
  }

  @Test
  void releasingARunTheStageNeverSawChangesNothing() {
    Run a = new Run("a", "s");
    Run b = new Run("b", "s");
    a.admit();
    b.admit();
    events.clear();

    stage.released(new Run("stranger", "s"));
    stage.released(new Run("no scope", null));

    assertThat(events).isEmpty();
  }

  @Test
  void afterTheCloseASettlingRunLetsNobodyElseGo() {
    Run a = new Run("a", "s");
    Run b = new Run("b", "s");
    a.admit();
    b.admit();
    events.clear();

    stage.close();
    stage.released(a);

    assertThat(events).isEmpty();
  }
}
