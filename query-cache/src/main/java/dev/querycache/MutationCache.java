package dev.querycache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The client's mutation runs: the pending ones and the most recent settled ones (for
 * inspectors), and the queues that make runs of one scope call their mutation functions one
 * after another. Guarded by its own monitor; never calls out while holding it.
 */
final class MutationCache {
  /** How many settled runs are remembered beside the pending ones. */
  static final int SETTLED_KEPT = 100;

  private final List<MutationRun<?, ?, ?>> runs = new ArrayList<>();
  private final Map<String, ArrayDeque<MutationRun<?, ?, ?>>> scopes = new HashMap<>();

  synchronized void add(MutationRun<?, ?, ?> run) {
    runs.add(run);
  }

  /** Lets the run execute now, or queues it behind the earlier runs of its scope. */
  void enqueue(MutationRun<?, ?, ?> run) {
    String scope = run.scopeId();
    boolean first = true;
    if (scope != null) {
      synchronized (this) {
        ArrayDeque<MutationRun<?, ?, ?>> queue = scopes.computeIfAbsent(scope, s -> new ArrayDeque<>());
        queue.add(run);
        first = queue.size() == 1;
      }
    }
    if (first) {
      run.execute();
    } else {
      run.waitForScope();
    }
  }

  /** The run settled: the next run of its scope may go; old settled runs are forgotten. */
  void finished(MutationRun<?, ?, ?> run) {
    MutationRun<?, ?, ?> next = null;
    String scope = run.scopeId();
    synchronized (this) {
      if (scope != null) {
        ArrayDeque<MutationRun<?, ?, ?>> queue = scopes.get(scope);
        if (queue != null && queue.remove(run)) {
          next = queue.peek();
          if (queue.isEmpty()) {
            scopes.remove(scope);
          }
        }
      }
      forgetOldSettledRuns();
    }
    if (next != null) {
      next.scopeReady();
    }
  }

  private void forgetOldSettledRuns() {
    int settled = 0;
    for (MutationRun<?, ?, ?> run : runs) {
      if (!run.state().isPending()) {
        settled++;
      }
    }
    Iterator<MutationRun<?, ?, ?>> oldestFirst = runs.iterator();
    while (settled > SETTLED_KEPT && oldestFirst.hasNext()) {
      if (!oldestFirst.next().state().isPending()) {
        oldestFirst.remove();
        settled--;
      }
    }
  }

  /** The states of the remembered runs {@code filter} selects, oldest first. */
  List<MutationState<?, ?, ?>> find(MutationFilter filter) {
    List<MutationRun<?, ?, ?>> all;
    synchronized (this) {
      all = new ArrayList<>(runs);
    }
    List<MutationState<?, ?, ?>> out = new ArrayList<>();
    for (MutationRun<?, ?, ?> run : all) {
      MutationState<?, ?, ?> state = run.state();
      if (filter.matches(state)) {
        out.add(state);
      }
    }
    return out;
  }
}
