package dev.querycache;

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
import org.jspecify.annotations.Nullable;

/**
 * Runs attempts of one operation (a fetch, a mutation) until one succeeds or the
 * {@link RetryPolicy} gives up: backoff delays on the client's {@link Scheduler}, a pause
 * while the client is offline, and cancellation that stops the running attempt (interrupting
 * a blocking one) and any retry timer.
 *
 * <p>{@link #result()} completes with the first success or the final failure; it never
 * completes after {@link #cancel()}, whose owner decides what waiters are told.
 */
final class Retryer<T> {
  /** One attempt: returns a stage of its outcome. May throw instead of failing the stage. */
  interface Attempt<T> {
    CompletionStage<T> run(Retryer<T> retryer) throws Exception;
  }

  /** What the owner hears between attempts. Called outside any lock of the retryer. */
  interface Listener {
    void attemptFailed(int failureCount, Throwable error);

    void pausedChanged(boolean paused);
  }

  private final String description;
  private final Attempt<T> attempt;
  private final RetryPolicy policy;
  private final QueryClient client;
  private final Listener listener;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private volatile boolean cancelled;
  private @Nullable Future<?> pending; // guarded by this: the running blocking task or timer
  private int retries; // touched by one attempt at a time

  /** {@code description} names the operation in messages, as in "the query function for [k]". */
  Retryer(String description, Attempt<T> attempt, RetryPolicy policy, QueryClient client, Listener listener) {
    this.description = description;
    this.attempt = attempt;
    this.policy = policy;
    this.client = client;
    this.listener = listener;
  }

  CompletableFuture<T> result() {
    return result;
  }

  boolean isCancelled() {
    return cancelled;
  }

  /** Starts the first attempt; call once, outside any lock. */
  void start() {
    run();
  }

  private void run() {
    if (cancelled) {
      return;
    }
    if (!client.isOnline()) {
      listener.pausedChanged(true);
      client.parkUntilOnline(this);
      return;
    }
    CompletionStage<T> stage;
    try {
      stage = attempt.run(this);
      if (stage == null) {
        throw new NullPointerException(description + " returned a null stage");
      }
    } catch (Throwable e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete(this::attemptDone);
  }

  /** Goes on after the client came back online. */
  void resume() {
    if (!cancelled) {
      listener.pausedChanged(false);
      run();
    }
  }

  /**
   * Runs {@code body} on {@code executor} as this attempt's task, so that {@link #cancel()}
   * interrupts it; the stage fails with a {@link CancellationException} if it is cancelled.
   */
  CompletionStage<T> runBlocking(Executor executor, Callable<T> body) {
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
    if (cancelled) {
      return; // a late outcome of a cancelled operation is discarded
    }
    Throwable error = unwrap(failure);
    if (error == null && value == null) {
      error = new NullPointerException(description + " returned null");
    }
    if (error == null) {
      result.complete(value);
      return;
    }
    if (policy.shouldRetry(retries, error)) {
      Duration delay = policy.delay(retries, error);
      retries++;
      listener.attemptFailed(retries, error);
      synchronized (this) {
        if (!cancelled) {
          pending = client.scheduler.schedule(this::run, delay);
        }
      }
      return;
    }
    result.completeExceptionally(error);
  }

  /** Stops the running attempt or pending retry; no further attempt starts. */
  void cancel() {
    cancelled = true;
    client.unpark(this);
    Future<?> toStop;
    synchronized (this) {
      toStop = pending;
      pending = null;
    }
    if (toStop != null) {
      toStop.cancel(true);
    }
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
