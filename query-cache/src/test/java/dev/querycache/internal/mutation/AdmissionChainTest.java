package dev.querycache.internal.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link AdmissionChain} on its own: a run passes the stages in order and reaches the function
 * after the last one proceeds, when that one chooses, with the variables it passes on; a
 * stage may answer for the run without proceeding, or proceed again; a settled run and the
 * close reach every stage.
 */
@DisplayName("AdmissionChain")
class AdmissionChainTest {
  private final List<String> events = new ArrayList<>();

  /** A run that records being marked waiting. */
  final class Run implements Admissible {
    final String name;

    Run(String name) {
      this.name = name;
    }

    @Override
    public Object variables() {
      return name;
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
  }

  /** A stage that records what reaches it and proceeds at once, or holds runs for the test. */
  final class Stage implements AdmissionStage {
    final String name;
    final boolean holds;
    final List<Runnable> held = new ArrayList<>();

    Stage(String name, boolean holds) {
      this.name = name;
      this.holds = holds;
    }

    @Override
    public <V, R> CompletionStage<R> intercept(AdmissionChain.Chain<V, R> chain) {
      events.add(name + " admits " + ((Run) chain.run()).name + " with " + chain.variables());
      if (!holds) {
        return chain.proceed(chain.variables());
      }
      CompletableFuture<R> outcome = new CompletableFuture<>();
      held.add(() -> chain.proceed(chain.variables()).thenAccept(outcome::complete));
      return outcome;
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

  /** The function at the end of the chain: records its call and answers with its variables, upper-cased. */
  private CompletionStage<String> function(String variables) {
    events.add("function(" + variables + ")");
    return CompletableFuture.completedFuture(variables.toUpperCase(java.util.Locale.ROOT));
  }

  @Test
  void withNoStageARunCallsTheFunctionAtOnce() {
    CompletionStage<String> outcome = new AdmissionChain(List.of()).start(new Run("r"), "v", this::function);

    assertThat(events).containsExactly("function(v)");
    assertThat(outcome.toCompletableFuture()).isCompletedWithValue("V");
  }

  @Test
  void aRunPassesTheStagesInOrderThenCallsTheFunction() {
    AdmissionChain chain = new AdmissionChain(List.of(new Stage("first", false), new Stage("second", false)));

    chain.start(new Run("r"), "v", this::function);

    assertThat(events).containsExactly("first admits r with v", "second admits r with v", "function(v)");
  }

  @Test
  void aStageThatHoldsARunDelaysTheRestOfTheChainUntilItProceeds() {
    Stage holding = new Stage("first", true);
    AdmissionChain chain = new AdmissionChain(List.of(holding, new Stage("second", false)));

    CompletionStage<String> outcome = chain.start(new Run("r"), "v", this::function);
    assertThat(events).as("held in the first stage").containsExactly("first admits r with v");
    assertThat(outcome.toCompletableFuture()).isNotDone();

    holding.held.get(0).run();
    assertThat(events).containsExactly("first admits r with v", "second admits r with v", "function(v)");
    assertThat(outcome.toCompletableFuture()).isCompletedWithValue("V");
  }

  @Test
  void aStageMayPassOtherVariablesOnAndProceedAgain() {
    AdmissionStage twice = new AdmissionStage() {
      @Override
      public <V, R> CompletionStage<R> intercept(AdmissionChain.Chain<V, R> chain) {
        @SuppressWarnings("unchecked") // the test's variables are strings
        V latest = (V) "latest";
        return chain.proceed(chain.variables()).thenCompose(first -> chain.proceed(latest));
      }
    };
    AdmissionChain chain = new AdmissionChain(List.of(twice, new Stage("second", false)));

    CompletionStage<String> outcome = chain.start(new Run("r"), "v", this::function);

    assertThat(events).containsExactly(
        "second admits r with v", "function(v)", "second admits r with latest", "function(latest)");
    assertThat(outcome.toCompletableFuture()).isCompletedWithValue("LATEST");
  }

  @Test
  void aStageMayAnswerForTheRunWithoutProceeding() {
    AdmissionStage answering = new AdmissionStage() {
      @Override
      @SuppressWarnings("unchecked") // the test's results are strings
      public <V, R> CompletionStage<R> intercept(AdmissionChain.Chain<V, R> chain) {
        return CompletableFuture.completedFuture((R) "answered by the stage");
      }
    };

    CompletionStage<String> outcome = new AdmissionChain(List.of(answering)).start(new Run("r"), "v", this::function);

    assertThat(events).doesNotContain("function(v)");
    assertThat(outcome.toCompletableFuture()).isCompletedWithValue("answered by the stage");
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

    chain.start(new Run("r"), "v", this::function);

    assertThat(events).containsExactly("first admits r with v", "function(v)");
  }
}
