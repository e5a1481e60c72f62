package dev.querycache.internal.query;

import dev.querycache.AsyncQueryFunction;
import dev.querycache.CancellationSignal;
import dev.querycache.PageDirection;
import dev.querycache.QueryContext;
import dev.querycache.QueryFunction;
import dev.querycache.QueryOptions;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.internal.runtime.Callbacks;
import dev.querycache.internal.runtime.Retryer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One fetch of one query: its attempts (through a {@link Retryer}), its cancellation signal,
 * and the promise every caller asking for the query's data while it is in flight waits on.
 *
 * <p>A fetch reports to its {@link Query} through the client's {@link QueryCache}, which ends
 * it atomically with the pin change; if the query no longer owns the fetch (it was cancelled
 * or replaced), the result is discarded.
 */
public final class Fetch<T> implements CancellationSignal, Retryer.Listener {
  final int failureCountBefore;
  final @Nullable Throwable failureReasonBefore;
  final QueryStatus statusBefore;
  final @Nullable Throwable errorBefore;
  /** The client's fetch sequence when this fetch started; orders it against mutations. */
  final long startSequence;
  private final Query<T> query;
  private final QueryEngine engine;
  private final CompletableFuture<T> promise = new CompletableFuture<>();
  private final QueryContext<T> context;
  private final Retryer<T> retryer;
  /** For an infinite query: the page this fetch adds, or null for a fetch from the first page. */
  private final @Nullable PageDirection direction;
  /** The query's data when this fetch started (what an infinite query grows from). */
  private final @Nullable T dataBefore;
  private @Nullable List<Runnable> cancelCallbacks; // guarded by this
  /** Promises of the fetches this one replaced: their waiters get this fetch's outcome. */
  private final List<CompletableFuture<T>> inherited = new ArrayList<>(0); // guarded by this
  /** Whether the query function looked at its cancellation signal (polled it, hooked it). */
  private volatile boolean signalUsed;
  /** The fetch that replaced this one, once this one handed its waiters over. */
  private @Nullable Fetch<T> successor; // guarded by this
  private boolean completed; // guarded by this
  private @Nullable T outcome; // guarded by this, once completed
  private @Nullable Throwable failure; // guarded by this, once completed

  Fetch(Query<T> query, ResolvedOptions<T> options, QueryEngine engine, @Nullable PageDirection direction) {
    this.query = query;
    this.engine = engine;
    this.direction = direction;
    QueryState<T> before = query.state();
    this.dataBefore = before.data();
    this.failureCountBefore = before.fetchFailureCount();
    this.failureReasonBefore = before.fetchFailureReason();
    this.statusBefore = before.status();
    this.errorBefore = before.error();
    this.startSequence = engine.runtime.nextSequence();
    this.context = new QueryContext<>(query.key, this, options.source == null ? Map.of() : options.source.meta());
    this.retryer =
        new Retryer<>(
            () -> "the query function for " + query.key,
            retryer -> call(options, retryer),
            options.retry,
            engine.runtime,
            this,
            false,
            options.networkMode);
    retryer.result().whenComplete(this::finish);
  }

  CompletableFuture<T> promise() {
    return promise;
  }

  /** Starts the first attempt; call once, outside any lock. */
  void start() {
    retryer.start();
  }

  private CompletionStage<T> call(ResolvedOptions<T> options, Retryer<T> retryer) throws Exception {
    AsyncQueryFunction<T> async = options.asyncFunction();
    if (async != null) {
      return async.fetch(context);
    }
    QueryFunction<T> blocking = options.blockingFunction();
    if (blocking == null) {
      throw new IllegalStateException("no query function for " + query.key
          + ": pass QueryOptions with a fetcher, or set a default one for its prefix with setQueryDefaults");
    }
    return retryer.runBlocking(engine.runtime.fetchExecutor, () -> blocking.fetch(context));
  }

  @Override
  public void attemptFailed(int failureCount, Throwable error) {
    query.attemptFailed(this, failureCount, error);
  }

  @Override
  public void pausedChanged(boolean paused) {
    query.fetchPaused(this, paused);
  }

  private void finish(@Nullable T value, @Nullable Throwable error) {
    Class<?> type = query.dataType.type();
    if (error == null && value != null && type != null && !type.isInstance(value)) {
      error = new IllegalStateException("the query function of " + query.key + " returned a "
          + value.getClass().getName() + ", but the query holds " + type.getName()
          + " data (declared with withDataType)");
      value = null;
    }
    if (!engine.cache.endFetch(query, this, value, error)) {
      return;
    }
    engine.fetchEnded(query, value, error);
    if (error == null) {
      completeAll(query.state().data(), null);
    } else {
      completeAll(null, error);
    }
  }

  /**
   * Completes this fetch's promise and those it inherited, in a loop: thousands of fetches
   * replacing one another must not complete as a chain of dependent futures, whose depth
   * would overflow the stack (and CompletableFuture would swallow the error, leaving waiters
   * hanging).
   */
  private void completeAll(@Nullable T value, @Nullable Throwable error) {
    List<CompletableFuture<T>> waiters;
    synchronized (this) {
      if (completed) {
        return;
      }
      completed = true;
      outcome = value;
      failure = error;
      waiters = new ArrayList<>(inherited.size() + 1);
      waiters.add(promise);
      waiters.addAll(inherited);
      inherited.clear();
    }
    complete(waiters, value, error);
  }

  private static <T> void complete(
      List<CompletableFuture<T>> waiters, @Nullable T value, @Nullable Throwable error) {
    for (CompletableFuture<T> waiter : waiters) {
      if (error == null) {
        waiter.complete(value);
      } else {
        waiter.completeExceptionally(error);
      }
    }
  }

  // ---- cancellation ----------------------------------------------------------------------

  /** Stops the attempts (called under the query's monitor). */
  void markCancelled() {
    retryer.cancel();
  }

  /** After a plain cancel: runs the callbacks and fails the waiters, outside any lock. */
  void finishCancelled() {
    runCancelCallbacks();
    completeAll(null, new CancellationException("the fetch of " + query.key + " was cancelled"));
  }

  /**
   * After being replaced by {@code next}: this fetch's waiters, and any it inherits later,
   * get the newer one's outcome. Runs outside every lock (it runs the cancellation
   * callbacks), so hand-overs of one key may arrive out of order: a fetch replaced twice in
   * quick succession can be handed waiters after it handed over its own, and forwards them.
   */
  void handOver(Fetch<T> next) {
    runCancelCallbacks();
    List<CompletableFuture<T>> waiters;
    synchronized (this) {
      successor = next;
      waiters = new ArrayList<>(inherited.size() + 1);
      waiters.add(promise);
      waiters.addAll(inherited);
      inherited.clear();
    }
    next.inherit(waiters);
  }

  /**
   * Takes over waiters of a replaced fetch. This fetch may already be over (cancelled by
   * another thread between replacing the old one and this hand-over): they get its outcome
   * at once, else they would wait forever. It may itself have been replaced and handed over
   * already: they go on to its successor (in a loop, however long the chain).
   */
  private void inherit(List<CompletableFuture<T>> waiters) {
    Fetch<T> target = this;
    while (true) {
      T value;
      Throwable error;
      Fetch<T> next;
      synchronized (target) {
        if (target.completed) {
          value = target.outcome;
          error = target.failure;
          next = null;
        } else if (target.successor != null) {
          next = target.successor;
          value = null;
          error = null;
        } else {
          target.inherited.addAll(waiters);
          return;
        }
      }
      if (next == null) {
        complete(waiters, value, error);
        return;
      }
      target = next;
    }
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

  private void runCallback(Runnable callback) {
    Callbacks.run("a cancellation callback", query.key, callback::run);
  }

  /**
   * Whether the query function used its cancellation signal: then it can stop when asked, and
   * a fetch nobody waits for any more is cancelled rather than left to finish.
   */
  boolean usedSignal() {
    return signalUsed;
  }

  /** See {@link #direction}. */
  @Nullable PageDirection direction() {
    return direction;
  }

  /** See {@link #dataBefore}. */
  @Nullable T dataBefore() {
    return dataBefore;
  }

  /** The executor blocking query functions run on. */
  Executor fetchExecutor() {
    return engine.runtime.fetchExecutor;
  }

  /** Whether this fetch was cancelled, without counting as the function's use of the signal. */
  boolean wasCancelled() {
    return retryer.isCancelled();
  }

  @Override
  public boolean isCancelled() {
    if (!signalUsed) {
      signalUsed = true; // written once: a function polling in a loop pays a read
    }
    return retryer.isCancelled();
  }

  @Override
  public void onCancel(Runnable callback) {
    Objects.requireNonNull(callback, "callback == null");
    signalUsed = true;
    synchronized (this) {
      if (!retryer.isCancelled()) {
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
