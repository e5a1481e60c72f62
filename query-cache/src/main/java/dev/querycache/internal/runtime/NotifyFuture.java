package dev.querycache.internal.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future that the library completes on the notify executor (a mutation's), and that
 * refuses to be waited for there. On a UI thread, {@code get()} or {@code join()} on such a
 * future before it is done would wait for a completion queued behind the waiting code on the
 * same thread: the application would freeze for good, or until the timeout, every time. The
 * wait fails fast instead, with an {@link IllegalStateException} saying what to do. A done
 * future is read as usual on any thread.
 *
 * <p>The stages chained on it ({@code thenApply}, {@code whenComplete}...) are of this class
 * too, and refuse the same waits: they also complete on the notify thread.
 *
 * @param <T> the result
 */
public final class NotifyFuture<T> extends CompletableFuture<T> {
  private final Notifier notifier;
  private final Object subject;

  /**
   * An incomplete future of {@code subject} (a mutation, named by its {@code toString()} if a
   * wait is refused), to be completed on {@code notifier}'s executor.
   */
  public NotifyFuture(Notifier notifier, Object subject) {
    this.notifier = notifier;
    this.subject = subject;
  }

  /**
   * Waits for the result, as {@link CompletableFuture#get()}.
   *
   * @throws IllegalStateException if the future is not done and the caller is on the notify
   *     thread, where it completes
   */
  @Override
  public T get() throws InterruptedException, ExecutionException {
    checkNotWaitingOnNotifyThread("get()");
    return super.get();
  }

  /**
   * Waits for the result at most {@code timeout}, as {@link CompletableFuture#get(long, TimeUnit)}.
   *
   * @throws IllegalStateException if the future is not done and the caller is on the notify
   *     thread, where it completes
   */
  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    checkNotWaitingOnNotifyThread("get(timeout)");
    return super.get(timeout, unit);
  }

  /**
   * Waits for the result, as {@link CompletableFuture#join()}.
   *
   * @throws IllegalStateException if the future is not done and the caller is on the notify
   *     thread, where it completes
   */
  @Override
  public T join() {
    checkNotWaitingOnNotifyThread("join()");
    return super.join();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new NotifyFuture<>(notifier, subject);
  }

  private void checkNotWaitingOnNotifyThread(String call) {
    if (!isDone() && notifier.onNotifyThread()) {
      throw new IllegalStateException(
          call + " on the future of " + subject + " would wait forever: it completes on this thread (\""
              + Thread.currentThread().getName() + "\", the client's notify thread), after the code that"
              + " waits. Chain on the future instead (thenAccept, whenComplete), or use onSuccess,"
              + " onError and onSettled, which run on this thread; tests on the kit advance its"
              + " virtual time instead of waiting");
    }
  }
}
