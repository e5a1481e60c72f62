package dev.querycache;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * One fetch of one query: its attempts, its retries with backoff, its pause while offline,
 * and its cancellation. Every caller that asks for the query's data while it is in flight
 * waits on the same {@link #promise()}.
 *
 * <p>A fetch reports to its {@link Query} through the client's {@link QueryCache}, which ends
 * it atomically with the pin change; if the query no longer owns the fetch (it was cancelled
 * or replaced), the result is discarded.
 */
final class Fetch<T> implements CancellationSignal {
  private static final System.Logger LOG = System.getLogger(Fetch.class.getName());

  final int failureCountBefore;
  final @Nullable Throwable failureReasonBefore;
  private final Query<T> query;
  private final ResolvedOptions<T> options;
  private final QueryClient client;
  private final CompletableFuture<T> promise = new CompletableFuture<>();
  private final QueryContext<T> context;
  private volatile boolean cancelled;
  private @Nullable List<Runnable> cancelCallbacks; // guarded by this
  private @Nullable Future<?> pending; // guarded by this: the running task or retry timer
  private int retries; // touched by one attempt at a time

  Fetch(Query<T> query, ResolvedOptions<T> options, QueryClient client) {
    this.query = query;
    this.options = options;
    this.client = client;
    QueryState<T> before = query.state();
    this.failureCountBefore = before.fetchFailureCount();
    this.failureReasonBefore = before.fetchFailureReason();
    this.context = new QueryContext<>(query.key, this);
  }

  CompletableFuture<T> promise() {
    return promise;
  }

  /** Starts the first attempt; call once, outside any lock. */
  void start() {
    attempt();
  }

  /** Runs one attempt now, or parks the fetch until the client is back online. */
  void attempt() {
    if (cancelled) {
      return;
    }
    if (!client.isOnline()) {
      query.fetchPaused(this, true);
      client.parkUntilOnline(this);
      return;
    }
    CompletionStage<T> stage;
    try {
      stage = call();
    } catch (Throwable e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete(this::attemptDone);
  }

  /** Resumes after the client came back online. */
  void resume() {
    if (!cancelled) {
      query.fetchPaused(this, false);
      attempt();
    }
  }

  private CompletionStage<T> call() throws Exception {
    ResolvedOptions<T> opts = options;
    QueryOptions<T> source = opts.source;
    if (source == null || !source.hasFunction()) {
      throw new IllegalStateException(
          "no query function for " + query.key + ": pass QueryOptions with a fetcher");
    }
    AsyncQueryFunction<T> async = source.asyncFunction();
    if (async != null) {
      CompletionStage<T> stage = async.fetch(context);
      if (stage == null) {
        throw new NullPointerException("the async query function for " + query.key + " returned a null stage");
      }
      return stage;
    }
    QueryFunction<T> blocking = source.blockingFunction();
    CompletableFuture<T> result = new CompletableFuture<>();
    FutureTask<T> task =
        new FutureTask<>(() -> blocking.fetch(context)) {
          @Override
          protected void done() {
            try {
              result.complete(get());
            } catch (ExecutionException e) {
              result.completeExceptionally(e.getCause());
            } catch (CancellationException | InterruptedException e) {
              result.completeExceptionally(new CancellationException("the fetch was cancelled"));
            }
          }
        };
    synchronized (this) {
      pending = task;
    }
    if (cancelled) {
      task.cancel(false);
    } else {
      client.fetchExecutor.execute(task);
    }
    return result;
  }

  private void attemptDone(@Nullable T value, @Nullable Throwable failure) {
    if (cancelled) {
      return; // a late result of a cancelled fetch is discarded, never written
    }
    Throwable error = unwrap(failure);
    if (error == null && value == null) {
      error = new NullPointerException("the query function for " + query.key + " returned null");
    }
    if (error == null) {
      finish(value, null);
      return;
    }
    if (options.retry.shouldRetry(retries, error)) {
      Duration delay = options.retry.delay(retries, error);
      retries++;
      query.attemptFailed(this, retries, error);
      synchronized (this) {
        if (!cancelled) {
          pending = client.scheduler.schedule(this::attempt, delay);
        }
      }
      return;
    }
    finish(null, error);
  }

  private void finish(@Nullable T value, @Nullable Throwable error) {
    if (!client.cache.endFetch(query, this, value, error)) {
      return;
    }
    if (error == null) {
      promise.complete(query.state().data());
    } else {
      promise.completeExceptionally(error);
    }
  }

  private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
    Throwable error = failure;
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  // ---- cancellation ----------------------------------------------------------------------

  /** Marks cancelled and stops the running task or timer (under the query's monitor). */
  void markCancelled() {
    cancelled = true;
    Future<?> toStop;
    synchronized (this) {
      toStop = pending;
      pending = null;
    }
    if (toStop != null) {
      toStop.cancel(true);
    }
  }

  /** After a plain cancel: runs the callbacks and fails the waiters, outside any lock. */
  void finishCancelled() {
    runCancelCallbacks();
    promise.completeExceptionally(new CancellationException("the fetch of " + query.key + " was cancelled"));
  }

  /** After being replaced by {@code next}: waiters get the newer fetch's outcome. */
  void handOver(Fetch<T> next) {
    runCancelCallbacks();
    next.promise.whenComplete(
        (value, error) -> {
          if (error == null) {
            promise.complete(value);
          } else {
            promise.completeExceptionally(error);
          }
        });
  }

  private void runCancelCallbacks() {
    List<Runnable> callbacks;
    synchronized (this) {
      callbacks = cancelCallbacks;
      cancelCallbacks = null;
    }
    if (callbacks != null) {
      for (Runnable callback : callbacks) {
        runCallback(callback);
      }
    }
  }

  private static void runCallback(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a cancellation callback threw", e);
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void onCancel(Runnable callback) {
    java.util.Objects.requireNonNull(callback, "callback == null");
    synchronized (this) {
      if (!cancelled) {
        if (cancelCallbacks == null) {
          cancelCallbacks = new ArrayList<>(2);
        }
        cancelCallbacks.add(callback);
        return;
      }
    }
    runCallback(callback);
  }
}
