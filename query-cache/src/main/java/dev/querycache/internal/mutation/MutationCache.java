package dev.querycache.internal.mutation;

import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.internal.runtime.Notifier;
import dev.querycache.internal.query.FilterMatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The client's mutation runs: the unfinished ones and the settled ones still within their
 * mutation's gc time (TanStack's {@code gcTime} for mutations: 5 minutes by default), for
 * {@code getMutations} and inspectors; and the admission chain every run passes between its
 * mutate step and its function (the scope queue first). Settled runs leave lazily: when
 * another run settles or the runs are read, those past their time are dropped (from the
 * oldest while they are due, and skipped by reads wherever they are). At most
 * {@value #SETTLED_CAP} settled runs are kept whatever their time, so that a burst of writes
 * cannot hold memory for minutes. Guarded by its own monitor; never calls out while holding
 * it.
 */
public final class MutationCache {
  /** The most settled runs remembered beside the pending ones, whatever their gc time. */
  static final int SETTLED_CAP = 10_000;

  /**
   * Runs not finished yet, in start order: a list threaded through the runs themselves
   * ({@code MutationRun.olderUnfinished} and {@code newerUnfinished}), so that registering and
   * finishing a run neither hashes it nor allocates an entry. Null while none is.
   */
  private @Nullable MutationRun<?, ?, ?> oldestUnfinished;
  private @Nullable MutationRun<?, ?, ?> newestUnfinished;
  /**
   * Settled runs in the order they settled, oldest first: their final states only, so that a
   * settled run's snapshots, layers and queries are not kept alive for its gc time.
   */
  private final ArrayDeque<Settled> recentlyFinished = new ArrayDeque<>();
  /**
   * When the oldest settled run remembered is due, as last read ({@code Long.MAX_VALUE} while
   * none is): until then a run that settles does not read the oldest one, which thousands of
   * runs later is no longer in the processor's cache. Dropping runs beyond the cap can make the
   * oldest one due earlier; it is then dropped at the next sweep, and reads skip it meanwhile.
   */
  private long sweepAt = Long.MAX_VALUE;
  /** The client's scope stage, which every mutation's admission chain ends with. */
  private final ScopeStage scopes;
  private final LongSupplier now;
  private boolean closed;

  /** A cache whose scope stage notifies through {@code notifier}; {@code now} reads the ticker. */
  public MutationCache(Notifier notifier, LongSupplier now) {
    this.scopes = new ScopeStage(notifier);
    this.now = now;
  }

  /** The client's scope stage: the last stage of every mutation's admission chain. */
  AdmissionStage scopeStage() {
    return scopes;
  }

  /** Registers a run that is starting; false if the client is closed (it must not start). */
  synchronized boolean add(MutationRun<?, ?, ?> run) {
    if (closed) {
      return false;
    }
    run.olderUnfinished = newestUnfinished;
    if (newestUnfinished != null) {
      newestUnfinished.newerUnfinished = run;
    } else {
      oldestUnfinished = run;
    }
    newestUnfinished = run;
    run.listedUnfinished = true;
    return true;
  }

  /** Takes {@code run} off the unfinished runs; false if it was not on them. Under the monitor. */
  private boolean unlistLocked(MutationRun<?, ?, ?> run) {
    if (!run.listedUnfinished) {
      return false;
    }
    MutationRun<?, ?, ?> older = run.olderUnfinished;
    MutationRun<?, ?, ?> newer = run.newerUnfinished;
    if (older != null) {
      older.newerUnfinished = newer;
    } else {
      oldestUnfinished = newer;
    }
    if (newer != null) {
      newer.olderUnfinished = older;
    } else {
      newestUnfinished = older;
    }
    run.olderUnfinished = null;
    run.newerUnfinished = null;
    run.listedUnfinished = false;
    return true;
  }

  /** The unfinished runs, oldest first. Under the monitor. */
  private List<MutationRun<?, ?, ?>> unfinishedLocked() {
    List<MutationRun<?, ?, ?>> runs = new ArrayList<>();
    for (MutationRun<?, ?, ?> run = oldestUnfinished; run != null; run = run.newerUnfinished) {
      runs.add(run);
    }
    return runs;
  }

  /** Sends a run whose mutate step is done through the admission chain to its function. */
  void enqueue(MutationRun<?, ?, ?> run) {
    run.admit();
  }

  /** The run settled: the admission stages release it; old settled runs are forgotten. */
  void finished(MutationRun<?, ?, ?> run) {
    long at = now.getAsLong();
    synchronized (this) {
      if (unlistLocked(run)) {
        Settled settled = new Settled(run.state(), at, run.gcNanos());
        if (recentlyFinished.isEmpty()) {
          sweepAt = settled.dueAt();
        }
        recentlyFinished.addLast(settled);
        while (recentlyFinished.size() > SETTLED_CAP) {
          recentlyFinished.removeFirst();
        }
        if (at >= sweepAt) {
          forgetExpiredLocked(at);
        }
      }
    }
    run.released();
  }

  /** Drops settled runs from the oldest while they are past their gc time, and beyond the cap. */
  private void forgetExpiredLocked(long at) {
    while (!recentlyFinished.isEmpty()
        && (recentlyFinished.size() > SETTLED_CAP || isExpired(recentlyFinished.peekFirst(), at))) {
      recentlyFinished.removeFirst();
    }
    Settled oldest = recentlyFinished.peekFirst();
    sweepAt = oldest == null ? Long.MAX_VALUE : oldest.dueAt();
  }

  private static boolean isExpired(Settled run, long at) {
    return at - run.settledAt >= run.gcNanos;
  }

  /** A settled run as remembered: its final state, when it settled, and for how long. */
  private record Settled(MutationState<?, ?, ?> state, long settledAt, long gcNanos) {
    /** When it is due to be forgotten, saturated: a gc time of "forever" never comes due. */
    long dueAt() {
      long due = settledAt + gcNanos;
      return ((settledAt ^ due) & (gcNanos ^ due)) < 0 ? Long.MAX_VALUE : due;
    }
  }

  /**
   * The client is closing: no run starts or is admitted from now on, and every unfinished
   * one (running, queued in its scope, paused offline) ends cancelled with {@code cause}.
   */
  public void closeAll(CancellationException cause) {
    List<MutationRun<?, ?, ?>> cut;
    synchronized (this) {
      closed = true;
      cut = unfinishedLocked();
    }
    scopes.close();
    for (MutationRun<?, ?, ?> run : cut) {
      run.abort(cause);
    }
  }

  /** The states of the remembered runs {@code filter} selects, oldest first. */
  public List<MutationState<?, ?, ?>> find(MutationFilter filter) {
    long at = now.getAsLong();
    List<MutationState<?, ?, ?>> all = new ArrayList<>();
    synchronized (this) {
      forgetExpiredLocked(at);
      for (Settled run : recentlyFinished) {
        if (!isExpired(run, at)) {
          all.add(run.state); // skips one with a shorter gc time than the runs before it
        }
      }
      for (MutationRun<?, ?, ?> run = oldestUnfinished; run != null; run = run.newerUnfinished) {
        all.add(run.state());
      }
    }
    all.sort(Comparator.comparingLong(MutationState::id)); // ids follow start order
    List<MutationState<?, ?, ?>> out = new ArrayList<>();
    for (MutationState<?, ?, ?> state : all) {
      if (FilterMatch.mutation(filter, state)) {
        out.add(state);
      }
    }
    return out;
  }
}
