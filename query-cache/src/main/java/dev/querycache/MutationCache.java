package dev.querycache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The client's mutation runs: the unfinished ones and the most recent finished ones (for
 * inspectors; remembering them costs constant time per run), and the queues that make runs
 * of one scope call their mutation functions one after another. Guarded by its own monitor;
 * never calls out while holding it.
 *
 * <p>A scope's next run is started as a {@linkplain Notifier#later follow-up step} of the
 * settle of the one before: mutation functions that answer before the library listens (a
 * local store, a mock, a cache) settle a whole queue on one thread, and the trampoline keeps
 * that from growing the stack, at any queue length.
 */
final class MutationCache {
  /** How many settled runs are remembered beside the pending ones. */
  static final int SETTLED_KEPT = 100;

  private final Notifier notifier;
  /** Runs not finished yet, in start order. */
  private final Set<MutationRun<?, ?, ?>> unfinished = new LinkedHashSet<>();
  /** The latest finished runs, oldest first, at most {@link #SETTLED_KEPT}. */
  private final ArrayDeque<MutationRun<?, ?, ?>> recentlyFinished = new ArrayDeque<>();
  private final Map<String, ArrayDeque<MutationRun<?, ?, ?>>> scopes = new HashMap<>();
  private boolean closed;

  MutationCache(Notifier notifier) {
    this.notifier = notifier;
  }

  /** Registers a run that is starting; false if the client is closed (it must not start). */
  synchronized boolean add(MutationRun<?, ?, ?> run) {
    if (closed) {
      return false;
    }
    unfinished.add(run);
    return true;
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

  /**
   * The run settled: the next run of its scope may go, if this one was the scope's running
   * run (a queued run can settle too, failed before its turn); old settled runs are
   * forgotten.
   */
  void finished(MutationRun<?, ?, ?> run) {
    MutationRun<?, ?, ?> next = null;
    String scope = run.scopeId();
    synchronized (this) {
      if (scope != null) {
        ArrayDeque<MutationRun<?, ?, ?>> queue = scopes.get(scope);
        if (queue != null) {
          boolean wasRunning = queue.peek() == run;
          if (queue.remove(run) && wasRunning && !closed) {
            next = queue.peek();
          }
          if (queue.isEmpty()) {
            scopes.remove(scope);
          }
        }
      }
      if (unfinished.remove(run)) {
        recentlyFinished.addLast(run);
        if (recentlyFinished.size() > SETTLED_KEPT) {
          recentlyFinished.removeFirst();
        }
      }
    }
    if (next != null) {
      notifier.later(next::scopeReady);
    }
  }

  /**
   * The client is closing: no run starts from now on, and every unfinished one (running,
   * queued in its scope, paused offline) ends cancelled with {@code cause}.
   */
  void closeAll(CancellationException cause) {
    List<MutationRun<?, ?, ?>> cut;
    synchronized (this) {
      closed = true;
      cut = new ArrayList<>(unfinished);
    }
    for (MutationRun<?, ?, ?> run : cut) {
      run.abort(cause);
    }
  }

  /** The states of the remembered runs {@code filter} selects, oldest first. */
  List<MutationState<?, ?, ?>> find(MutationFilter filter) {
    List<MutationRun<?, ?, ?>> all;
    synchronized (this) {
      all = new ArrayList<>(recentlyFinished);
      all.addAll(unfinished);
    }
    all.sort(Comparator.comparingLong(run -> run.id)); // ids follow start order
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
