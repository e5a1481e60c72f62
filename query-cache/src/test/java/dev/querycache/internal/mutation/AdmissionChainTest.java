package dev.querycache.internal.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link AdmissionChain} on its own: a run passes the stages in order and executes after the
 * last one admits it, when that one chooses; a settled run and the close reach every stage.
 */
@DisplayName("AdmissionChain")
class AdmissionChainTest {
  private final List<String> events = new ArrayList<>();

  /** A run that records its execution. */
  final class Run implements Admissible {
    final String name;

    Run(String name) {
      this.name = name;
    }

    @Override
    public @Nullable String scopeId() {
      return null;
    }

    @Override
    public boolean waiting(boolean waiting) {
      events.add(name + " waiting " + waiting);
      return true;
    }

    @Override
    public void execute() {
      events.add(name + " executes");
    }
  }

  /** A stage that records what reaches it and admits at once, or holds runs for the test. */
  final class Stage implements AdmissionStage {
    final String name;
    final boolean holds;
    final List<Runnable> held = new ArrayList<>();

    Stage(String name, boolean holds) {
      this.name = name;
      this.holds = holds;
    }

    @Override
    public void admit(Admissible run, Runnable proceed) {
      events.add(name + " admits " + ((Run) run).name);
      if (holds) {
        held.add(proceed);
      } else {
        proceed.run();
      }
    }

    @Override
    public void released(Admissible run) {
      events.add(name + " releases " + ((Run) run).name);
    }

    @Override
    public void close() {
      events.add(name + " closes");
    }
  }

  @Test
  void withNoStageARunExecutesAtOnce() {
    new AdmissionChain(List.of()).admit(new Run("r"));

    assertThat(events).containsExactly("r executes");
  }

  @Test
  void aRunPassesTheStagesInOrderThenExecutes() {
    AdmissionChain chain = new AdmissionChain(List.of(new Stage("first", false), new Stage("second", false)));

    chain.admit(new Run("r"));

    assertThat(events).containsExactly("first admits r", "second admits r", "r executes");
  }

  @Test
  void aStageThatHoldsARunDelaysTheRestOfTheChainUntilItProceeds() {
    Stage holding = new Stage("first", true);
    AdmissionChain chain = new AdmissionChain(List.of(holding, new Stage("second", false)));

    chain.admit(new Run("r"));
    assertThat(events).as("held in the first stage").containsExactly("first admits r");

    holding.held.get(0).run();
    assertThat(events).containsExactly("first admits r", "second admits r", "r executes");
  }

  @Test
  void aStageNeverProceedingMeansTheRunNeverExecutes() {
    AdmissionChain chain = new AdmissionChain(List.of(new Stage("first", true)));

    chain.admit(new Run("r"));
    chain.released(new Run("r"));

    assertThat(events).doesNotContain("r executes");
  }

  @Test
  void aSettledRunIsReleasedByEveryStageInOrder() {
    AdmissionChain chain = new AdmissionChain(List.of(new Stage("first", false), new Stage("second", true)));

    chain.released(new Run("r"));

    assertThat(events).containsExactly("first releases r", "second releases r");
  }

  @Test
  void closingTheChainClosesEveryStage() {
    AdmissionChain chain = new AdmissionChain(List.of(new Stage("first", false), new Stage("second", false)));

    chain.close();

    assertThat(events).containsExactly("first closes", "second closes");
  }

  @Test
  void theChainKeepsItsOwnCopyOfTheStages() {
    List<AdmissionStage> stages = new ArrayList<>(List.of(new Stage("first", false)));
    AdmissionChain chain = new AdmissionChain(stages);
    stages.add(new Stage("added later", false));

    chain.admit(new Run("r"));

    assertThat(events).containsExactly("first admits r", "r executes");
  }
}
