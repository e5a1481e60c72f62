package dev.querycache.internal.mutation;

import java.util.List;

/**
 * The stages every run passes between its mutate step and its mutation function, in order;
 * at the end of the chain the run executes.
 */
public final class AdmissionChain {
  private final List<AdmissionStage> stages;

  AdmissionChain(List<AdmissionStage> stages) {
    this.stages = List.copyOf(stages);
  }

  /** Sends {@code run} through every stage; it executes when the last one admits it. */
  void admit(Admissible run) {
    admitFrom(0, run);
  }

  private void admitFrom(int stage, Admissible run) {
    if (stage == stages.size()) {
      run.execute();
      return;
    }
    stages.get(stage).admit(run, () -> admitFrom(stage + 1, run));
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
}
