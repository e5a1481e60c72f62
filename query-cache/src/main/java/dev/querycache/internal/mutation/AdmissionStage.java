package dev.querycache.internal.mutation;

import dev.querycache.internal.runtime.Notifier;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One stage between a run's mutate step and its mutation function, in the manner of OkHttp's
 * interceptors: it receives the rest of the chain, and answers for the run with a stage of
 * the result. It may call the rest at once, later (the scope queue: as a
 * {@linkplain Notifier#later follow-up step}, so chains of hand-overs never grow the stack),
 * more than once with other variables (a rapid-toggle channel's follow-up), or not at all,
 * answering with an outcome of its own (a call coalesced into a channel). Stages are chained
 * by an {@link AdmissionChain}; a stage keeps no reference to a run after it is released.
 */
public interface AdmissionStage {
  /**
   * The gate, before the run's mutate step: null lets the run in; an exception refuses it
   * (nothing is painted, the run is not recorded, and its future fails with the exception).
   * A stage that lets the run in may hold it from then on, until {@link #released}.
   *
   * @param run the run about to begin
   * @return null, or why the run is refused
   */
  default @Nullable RuntimeException refuse(Admissible run) {
    return null;
  }

  /**
   * Lets the run of {@code chain} go on, and answers for it.
   *
   * @param chain the run, its variables and the rest of the chain
   * @param <V> the variables
   * @param <R> the result
   * @return the outcome the run settles with
   */
  <V, R> CompletionStage<R> intercept(AdmissionChain.Chain<V, R> chain);

  /** {@code run} settled: what it held in this stage is released (the next run may go). */
  default void released(Admissible run) {}

  /** The client is closing: nothing is admitted from now on. */
  default void close() {}
}
