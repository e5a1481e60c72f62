package dev.querycache.internal.mutation;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The stages every run of a mutation passes between its mutate step and its mutation
 * function, in order; the end of the chain calls the function with the variables the last
 * stage passes on. Immutable: built once per mutation, shared by its runs.
 */
public final class AdmissionChain {
  private final List<AdmissionStage> stages;

  AdmissionChain(List<AdmissionStage> stages) {
    this.stages = List.copyOf(stages);
  }

  /**
   * Sends {@code run} through every stage with {@code variables}; {@code function} calls the
   * mutation function at the end. Returns the outcome the stages answer with.
   */
  <V, R> CompletionStage<R> start(Admissible run, V variables, Function<? super V, CompletionStage<R>> function) {
    return new Link<>(this, 0, run, variables, function).proceed(variables);
  }

  /**
   * The gates, before {@code run}'s mutate step: the first refusal, or null if every stage
   * lets it in (a stage that let it in is released again when a later one refuses).
   */
  @Nullable RuntimeException refuse(Admissible run) {
    for (int i = 0; i < stages.size(); i++) {
      RuntimeException refusal = stages.get(i).refuse(run);
      if (refusal != null) {
        for (int j = 0; j < i; j++) {
          stages.get(j).released(run);
        }
        return refusal;
      }
    }
    return null;
  }

  /** {@code run} settled: each stage releases what it held for it. */
  void released(Admissible run) {
    for (AdmissionStage stage : stages) {
      stage.released(run);
    }
  }

  void close() {
    for (AdmissionStage stage : stages) {
      stage.close();
    }
  }

  /**
   * What a stage receives: the run, the variables as they reach the stage, and the rest of
   * the chain.
   *
   * @param <V> the variables
   * @param <R> the result
   */
  public interface Chain<V, R> {
    /** The run passing the chain. */
    Admissible run();

    /** The variables as they reach this stage. */
    V variables();

    /**
     * Passes the run on to the next stage (or the mutation function) with {@code variables};
     * may be called again for another attempt with other variables.
     *
     * @param variables the variables the rest of the chain gets
     * @return the outcome of the rest of the chain
     */
    CompletionStage<R> proceed(V variables);
  }

  /** The chain as seen from one stage. */
  private static final class Link<V, R> implements Chain<V, R> {
    private final AdmissionChain chain;
    private final int index;
    private final Admissible run;
    private final V variables;
    private final Function<? super V, CompletionStage<R>> function;

    Link(AdmissionChain chain, int index, Admissible run, V variables, Function<? super V, CompletionStage<R>> function) {
      this.chain = chain;
      this.index = index;
      this.run = run;
      this.variables = variables;
      this.function = function;
    }

    @Override
    public Admissible run() {
      return run;
    }

    @Override
    public V variables() {
      return variables;
    }

    @Override
    public CompletionStage<R> proceed(V next) {
      Objects.requireNonNull(next, "variables == null");
      if (index == chain.stages.size()) {
        return function.apply(next);
      }
      return chain.stages.get(index).intercept(new Link<>(chain, index + 1, run, next, function));
    }
  }
}
