package dev.querycache.internal.mutation;

import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.internal.runtime.Notifier;
import dev.querycache.internal.query.FilterMatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The client's mutation runs: the unfinished ones and the most recent finished ones (for
 * inspectors; remembering them costs constant time per run), and the admission chain every
 * run passes between its mutate step and its function (the scope queue first). Guarded by
 * its own monitor; never calls out while holding it.
 */
public final class MutationCache {
  /** How many settled runs are remembered beside the pending ones. */
  static final int SETTLED_KEPT = 100;

  /** Runs not finished yet, in start order. */
  private final Set<MutationRun<?, ?, ?>> unfinished = new LinkedHashSet<>();
  /** The latest finished runs, oldest first, at most {@link #SETTLED_KEPT}. */
  private final ArrayDeque<MutationRun<?, ?, ?>> recentlyFinished = new ArrayDeque<>();
  private final AdmissionChain admission;
  private boolean closed;

  public MutationCache(Notifier notifier) {
    this.admission = new AdmissionChain(List.of(new ScopeStage(notifier)));
  }

  /** Registers a run that is starting; false if the client is closed (it must not start). */
  synchronized boolean add(MutationRun<?, ?, ?> run) {
    if (closed) {
      return false;
    }
    unfinished.add(run);
    return true;
  }

  /** Sends a run whose mutate step is done through the admission chain to its function. */
  void enqueue(MutationRun<?, ?, ?> run) {
    admission.admit(run);
  }

  /** The run settled: the admission stages release it; old settled runs are forgotten. */
  void finished(MutationRun<?, ?, ?> run) {
    synchronized (this) {
      if (unfinished.remove(run)) {
        recentlyFinished.addLast(run);
        if (recentlyFinished.size() > SETTLED_KEPT) {
          recentlyFinished.removeFirst();
        }
      }
    }
    admission.released(run);
  }

  /**
   * The client is closing: no run starts or is admitted from now on, and every unfinished
   * one (running, queued in its scope, paused offline) ends cancelled with {@code cause}.
   */
  public void closeAll(CancellationException cause) {
    List<MutationRun<?, ?, ?>> cut;
    synchronized (this) {
      closed = true;
      cut = new ArrayList<>(unfinished);
    }
    admission.close();
    for (MutationRun<?, ?, ?> run : cut) {
      run.abort(cause);
    }
  }

  /** The states of the remembered runs {@code filter} selects, oldest first. */
  public List<MutationState<?, ?, ?>> find(MutationFilter filter) {
    List<MutationRun<?, ?, ?>> all;
    synchronized (this) {
      all = new ArrayList<>(recentlyFinished);
      all.addAll(unfinished);
    }
    all.sort(Comparator.comparingLong(run -> run.id)); // ids follow start order
    List<MutationState<?, ?, ?>> out = new ArrayList<>();
    for (MutationRun<?, ?, ?> run : all) {
      MutationState<?, ?, ?> state = run.state();
      if (FilterMatch.mutation(filter, state)) {
        out.add(state);
      }
    }
    return out;
  }
}
