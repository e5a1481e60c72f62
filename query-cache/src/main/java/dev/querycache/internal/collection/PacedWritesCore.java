package dev.querycache.internal.collection;

import dev.querycache.collection.ActionWrites;
import dev.querycache.collection.CallDroppedException;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.Pacing;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionState;
import dev.querycache.internal.mutation.MutationCore;
import dev.querycache.internal.mutation.MutationEngine;
import dev.querycache.internal.mutation.PaceStage;
import java.util.ArrayDeque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Paced writes: each call writes into the transaction waiting in the pace stage of their
 * persister (a debounce or a throttle), or into a new one, which it submits to the persister,
 * whose {@link PaceStage} holds it until the pacing lets it go. The stage is the one mechanism
 * of the pacing (the same admission chain as a mutation's sync and exclusive modes); this class
 * only routes calls to transactions, and, for a queue, makes each queued transaction fail with
 * the earlier ones that changed the same rows.
 *
 * <p>Thread-safe: a call's routing and writes hold this object's monitor, so the calls of one
 * paced writes apply one at a time, in the order they take it; the stage is told outside it.
 */
final class PacedWritesCore<V> implements PacedWrites<V> {
  private final MutationEngine mutations;
  private final Pacing pacing;
  private final ActionWrites<V> writes;
  private final String name;
  private final PaceStage stage;
  private final MutationCore<TransactionCore, Boolean, Void> persister;
  /** The transaction the latest call began (debounce, throttle): later calls join it while it is pending. */
  private @Nullable TransactionCore latest; // guarded by this
  /** The queue's transactions that have not ended, oldest first. */
  private final ArrayDeque<TransactionCore> queued = new ArrayDeque<>(); // guarded by this

  PacedWritesCore(MutationEngine mutations, Pacing pacing, ActionWrites<V> writes, ActionHandlers<V> handlers, String name,
      String errorMessage) {
    this.mutations = mutations;
    this.pacing = pacing;
    this.writes = writes;
    this.name = name;
    this.stage = new PaceStage(mutations.runtime, PaceStage.Kind.valueOf(pacing.strategy().name()), pacing.waitTime(),
        pacing.leading(), pacing.trailing());
    this.persister = TransactionPersister.of(mutations, name, errorMessage, handlers.blockingFunction(),
        handlers.asyncFunction(name), stage.spec());
  }

  @Override
  public Transaction apply(V variables) {
    Objects.requireNonNull(variables, "variables == null");
    mutations.runtime.checkOpen();
    TransactionCore tx;
    boolean joined;
    synchronized (this) {
      TransactionCore open = latest;
      joined = open != null && stage.joins() && open.joinIfPending(variables, write -> writes.write(variables, write));
      tx = joined ? Objects.requireNonNull(open) : begin(variables);
    }
    if (joined) {
      stage.joined(tx);
    } else if (tx.state() != TransactionState.FAILED) {
      tx.submitPaced(name);
    }
    return tx;
  }

  /**
   * A new transaction with the call's writes, its slot open in the stage; failed at once,
   * with nothing written, if the pacing drops the call. Holds the monitor.
   */
  private TransactionCore begin(V variables) {
    TransactionCore begun = new TransactionCore(mutations.runtime, mutations.queries, name, persister, false, variables);
    if (!stage.open(begun)) {
      begun.failed(new CallDroppedException(name, pacing.toString()));
      return begun;
    }
    try {
      begun.write(write -> writes.write(variables, write));
    } catch (RuntimeException | Error e) {
      stage.cancel(begun);
      throw e;
    }
    if (begun.isEmpty()) {
      stage.cancel(begun);
      throw new IllegalStateException(name + " wrote nothing for " + variables + ": a call's writes are made inside"
          + " the call, through its handle, not later (from a stage, another thread or a callback); nothing was sent");
    }
    if (stage.joins()) {
      latest = begun;
    } else {
      queued.removeIf(earlier -> earlier.isPersisted().isDone());
      for (TransactionCore earlier : queued) {
        earlier.queues(begun);
      }
      queued.add(begun);
    }
    return begun;
  }

  @Override
  public void flush() {
    stage.flush();
  }

  @Override
  public String toString() {
    return "PacedWrites{" + name + ", " + pacing + "}";
  }
}
