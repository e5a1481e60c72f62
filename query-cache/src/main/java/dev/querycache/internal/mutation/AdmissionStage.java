package dev.querycache.internal.mutation;

import dev.querycache.internal.runtime.Notifier;

/**
 * One stage between a run's mutate step and its mutation function: it decides when the run
 * may go on (the scope queue today; the rapid-toggle channel, pacing and offline queueing
 * later, each a stage of its own). Stages are chained ({@link AdmissionChain}), in the manner
 * of OkHttp's interceptors: each admits a run by calling the rest of the chain, now or later.
 */
public interface AdmissionStage {
  /**
   * Lets {@code run} go on: calls {@code proceed} once, now or later (later as a
   * {@linkplain Notifier#later follow-up step}, so chains of hand-overs never grow the stack),
   * or never if the run settles first.
   */
  void admit(Admissible run, Runnable proceed);

  /** {@code run} settled: what it held in this stage is released (the next run may go). */
  void released(Admissible run);

  /** The client is closing: nothing is admitted from now on. */
  void close();
}
