package dev.querycache.internal.mutation;

import dev.querycache.MutationState;
import dev.querycache.internal.runtime.Notifier;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The scope stage: runs of one scope call their mutation functions one after another, in
 * start order. A run that has to wait is paused ({@link MutationState#isPaused()}) until the
 * run before it settles; a run with no scope goes on at once, and so does a run that already
 * holds its scope (a channel's follow-up). Shared by every mutation of a client. Guarded by
 * its own monitor; never calls out while holding it.
 *
 * <p>The next run of a scope goes on as a {@linkplain Notifier#later follow-up step} of the
 * settle of the one before: mutation functions that answer before the library listens (a
 * local store, a mock, a cache) settle a whole queue on one thread, and the trampoline keeps
 * that from growing the stack, at any queue length.
 */
public final class ScopeStage implements AdmissionStage {
  private final Notifier notifier;
  private final Map<String, ArrayDeque<Waiting>> scopes = new HashMap<>();
  private boolean closed;

  /** A run in its scope's queue, and how it goes on when its turn comes. */
  private static final class Waiting {
    final Admissible run;
    final Runnable proceed;

    Waiting(Admissible run, Runnable proceed) {
      this.run = run;
      this.proceed = proceed;
    }
  }

  ScopeStage(Notifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public <V, R> CompletionStage<R> intercept(AdmissionChain.Chain<V, R> chain) {
    Admissible run = chain.run();
    String scope = run.scopeId();
    if (scope == null) {
      return chain.proceed(chain.variables());
    }
    CompletableFuture<R> outcome = new CompletableFuture<>();
    Runnable proceed = () -> chain.proceed(chain.variables()).handle((result, error) ->
        error != null ? outcome.completeExceptionally(error) : outcome.complete(result));
    boolean now;
    synchronized (this) {
      ArrayDeque<Waiting> queue = scopes.computeIfAbsent(scope, s -> new ArrayDeque<>());
      Waiting head = queue.peek();
      if (head != null && head.run == run) {
        now = true; // the run holds its scope already: another attempt of the same turn
      } else {
        queue.add(new Waiting(run, proceed));
        now = queue.size() == 1;
      }
    }
    if (now) {
      proceed.run();
    } else {
      run.waiting(true);
    }
    return outcome;
  }

  /**
   * The next run of the scope goes on, if {@code run} was the scope's running run (a queued
   * run can settle too, failed before its turn, and then nothing else changes).
   */
  @Override
  public void released(Admissible run) {
    String scope = run.scopeId();
    if (scope == null) {
      return;
    }
    Waiting next = null;
    synchronized (this) {
      ArrayDeque<Waiting> queue = scopes.get(scope);
      if (queue != null) {
        Waiting head = queue.peek();
        boolean wasRunning = head != null && head.run == run;
        queue.removeIf(waiting -> waiting.run == run);
        if (wasRunning && !closed) {
          next = queue.peek();
        }
        if (queue.isEmpty()) {
          scopes.remove(scope);
        }
      }
    }
    if (next != null) {
      Waiting turn = next;
      notifier.later(() -> {
        if (turn.run.waiting(false)) {
          turn.proceed.run();
        }
      });
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
