package dev.querycache.internal.runtime;

import dev.querycache.NetworkMode;
import dev.querycache.RetryPolicy;
import dev.querycache.Scheduler;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs attempts of one operation (a fetch, a mutation) until one succeeds or the
 * {@link RetryPolicy} gives up: backoff delays on the client's {@link Scheduler}, a pause
 * while the client is offline, and cancellation that stops the running attempt (interrupting
 * a blocking one) and any retry timer.
 *
 * <p>{@link #result()} completes with the first success or the final failure; it never
 * completes after {@link #cancel()}, whose owner decides what waiters are told.
 *
 * <p>The application's code it calls (the attempt, the retry policy, the scheduler) may throw
 * anything: an attempt's throw is its failure, a policy's or a scheduler's ends the retries
 * with the attempt's error (what they threw is attached as suppressed). An attempt's stage
 * that completes more than once counts once: the first completion wins, so a faulty stage
 * can never start a second retry for one failure.
 */
public final class Retryer<T> {
  /**
   * What a null answer usually means, and the fix: a mock whose method nobody stubbed answers
   * null (a {@code Boolean} or a stage included), which is otherwise a puzzle to trace.
   */
  static final String NULL_HINT = ". It must answer with the server's result. If it is a mock's"
      + " method (Mockito answers null where nothing was stubbed, for a Boolean or a"
      + " CompletionStage too), stub it: when(api.call(any())).thenReturn(result)";

  /** One attempt: returns a stage of its outcome. May throw instead of failing the stage. */
  public interface Attempt<T> {
    CompletionStage<T> run(Retryer<T> retryer) throws Exception;
  }

  /** What the owner hears between attempts. Called outside any lock of the retryer. */
  public interface Listener {
    void attemptFailed(int failureCount, Throwable error);

    void pausedChanged(boolean paused);

    /**
     * Completes when the operation the retryer serves has settled: for a mutation run, once
     * its callbacks, toast and settle invalidation are done, as its future says. Null: the
     * retryer's own {@link Retryer#result()} says it.
     */
    default @Nullable CompletionStage<?> settlement() {
      return null;
    }
  }

  private final Supplier<String> description;
  private final Attempt<T> attempt;
  private final RetryPolicy policy;
  private final EngineRuntime runtime;
  private final Listener listener;
  private final boolean mutation;
  /** Whether attempts pause while the client is offline. */
  private final NetworkMode networkMode;
  /** Whether a null answer is the result (a write with none) rather than a fault. */
  private volatile boolean nullIsResult;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private volatile boolean cancelled;
  private boolean attempting; // guarded by this: an attempt's outcome is awaited
  private @Nullable Future<?> pending; // guarded by this: the running blocking task or timer
  private int retries; // touched by one attempt at a time

  /**
   * {@code description} names the operation in messages, as in "the query function for [k]";
   * it is only called when a message needs it. {@code mutation}: whether this runs a mutation
   * function, which resumes before fetches when the client comes back online.
   */
  public Retryer(
      Supplier<String> description,
      Attempt<T> attempt,
      RetryPolicy policy,
      EngineRuntime runtime,
      Listener listener,
      boolean mutation) {
    this(description, attempt, policy, runtime, listener, mutation, NetworkMode.ONLINE);
  }

  /** As above, with {@code networkMode} deciding which attempts pause while offline. */
  public Retryer(
      Supplier<String> description,
      Attempt<T> attempt,
      RetryPolicy policy,
      EngineRuntime runtime,
      Listener listener,
      boolean mutation,
      NetworkMode networkMode) {
    this.networkMode = networkMode;
    this.description = description;
    this.attempt = attempt;
    this.policy = policy;
    this.runtime = runtime;
    this.listener = listener;
    this.mutation = mutation;
  }

  public CompletableFuture<T> result() {
    return result;
  }

  /** Completes when the operation this retryer serves has settled (see {@link Listener#settlement}). */
  public CompletionStage<?> settlement() {
    CompletionStage<?> settlement = listener.settlement();
    return settlement != null ? settlement : result;
  }

  /** Takes a null answer as the result, for functions that have none; call before start. */
  public void acceptNullResults() {
    nullIsResult = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  boolean isMutation() {
    return mutation;
  }

  /** Starts the first attempt; call once, outside any lock. */
  public void start() {
    run();
  }

  private void run() {
    if (cancelled) {
      return;
    }
    boolean needsNetwork = networkMode == NetworkMode.ONLINE || (networkMode == NetworkMode.OFFLINE_FIRST && retries > 0);
    if (needsNetwork && !runtime.online.isOnline()) {
      listener.pausedChanged(true);
      runtime.online.park(this);
      return;
    }
    synchronized (this) {
      if (cancelled) {
        return;
      }
      attempting = true;
    }
    CompletionStage<T> stage;
    try {
      stage = attempt.run(this);
      if (stage == null) {
        throw new NullPointerException(description.get() + " returned a null stage" + NULL_HINT);
      }
    } catch (Throwable e) {
      stage = CompletableFuture.failedFuture(e);
    }
    if (stage instanceof CompletableFuture<T> done && done.isDone() && !done.isCompletedExceptionally()) {
      attemptDone(done.getNow(null), null); // answered at once: nothing to chain on
      return;
    }
    AtomicBoolean answered = new AtomicBoolean();
    stage.handle((value, failure) -> {
      if (answered.compareAndSet(false, true)) {
        attemptDone(value, failure);
      }
      return null;
    });
  }

  /** Goes on after the client came back online. */
  public void resume() {
    if (!cancelled) {
      listener.pausedChanged(false);
      run();
    }
  }

  /**
   * Runs {@code body} on {@code executor} as this attempt's task, so that {@link #cancel()}
   * interrupts it; the stage fails with a {@link CancellationException} if it is cancelled.
   */
  public CompletionStage<T> runBlocking(Executor executor, Callable<T> body) {
    CompletableFuture<T> outcome = new CompletableFuture<>();
    FutureTask<T> task =
        new FutureTask<>(body) {
          @Override
          protected void done() {
            try {
              outcome.complete(get());
            } catch (ExecutionException e) {
              outcome.completeExceptionally(e.getCause());
            } catch (CancellationException | InterruptedException e) {
              outcome.completeExceptionally(new CancellationException("the attempt was cancelled"));
            }
          }
        };
    synchronized (this) {
      pending = task;
    }
    if (cancelled) {
      task.cancel(false);
    } else {
      executor.execute(task);
    }
    return outcome;
  }

  private void attemptDone(@Nullable T value, @Nullable Throwable failure) {
    synchronized (this) {
      attempting = false;
      pending = null;
    }
    if (cancelled) {
      return; // a late outcome of a cancelled operation is discarded
    }
    Throwable error = unwrap(failure);
    if (error == null && value == null && !nullIsResult) {
      error = new NullPointerException(description.get() + " returned null" + NULL_HINT);
    }
    if (error == null) {
      result.complete(value);
      return;
    }
    Duration delay = retryDelay(error);
    if (delay == null) {
      result.completeExceptionally(error);
      return;
    }
    retries++;
    listener.attemptFailed(retries, error);
    Future<?> timer;
    try {
      timer = runtime.scheduler.schedule(this::run, delay);
    } catch (Throwable schedulerFault) {
      error.addSuppressed(schedulerFault);
      result.completeExceptionally(error);
      return;
    }
    boolean stop;
    synchronized (this) {
      stop = cancelled;
      if (!stop) {
        pending = timer;
      }
    }
    if (stop) {
      timer.cancel(false);
    }
  }

  /** The delay before the next attempt, or null for none; a policy that throws means none. */
  private @Nullable Duration retryDelay(Throwable error) {
    Duration[] delay = new Duration[1];
    Throwable fault = Callbacks.capture(() -> {
      if (policy.shouldRetry(retries, error)) {
        delay[0] = java.util.Objects.requireNonNull(policy.delay(retries, error), "the retry policy's delay is null");
      }
    });
    if (fault != null) {
      error.addSuppressed(fault);
      return null;
    }
    return delay[0];
  }

  /** Stops the running attempt (interrupting a blocking one) or pending retry; no further attempt starts. */
  public void cancel() {
    stop(false);
  }

  /**
   * Cancels unless an attempt is under way: true if nothing had been sent (waiting for the
   * network, for a retry's backoff) and nothing will be; false if an attempt's outcome is
   * still awaited, and then nothing changed.
   */
  public boolean cancelIfIdle() {
    return stop(true);
  }

  private boolean stop(boolean onlyIfIdle) {
    Future<?> toStop;
    synchronized (this) {
      if (onlyIfIdle && attempting) {
        return false;
      }
      cancelled = true;
      toStop = pending;
      pending = null;
    }
    runtime.online.unpark(this);
    if (toStop != null) {
      toStop.cancel(!onlyIfIdle); // an idle retryer's pending task is a timer: nothing to interrupt
    }
    return true;
  }

  static @Nullable Throwable unwrap(@Nullable Throwable failure) {
    Throwable error = failure;
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }
}
