package dev.querycache.test;

import dev.querycache.QueryClientBuilder;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The UI thread of a test: an executor whose tasks wait until the test runs them, on the
 * test's own thread, which counts as the UI thread while they run. As the notify executor of
 * a client ({@link #install(QueryClientBuilder)}), it makes listeners, mutation callbacks,
 * toasts and the completion of mutations' futures arrive later than the change that caused
 * them, as they do on the EDT or the FX thread, yet at a point the test chooses:
 *
 * <pre>{@code
 * UiThread ui = new UiThread();
 * QueryClient client = ui.install(time.clientBuilder()).build();
 * CompletableFuture<Item> saved = ui.call(() -> save.mutate(item)); // "clicked" on the UI thread
 * mutations.resolve(item);
 * assertThat(saved).isNotDone();   // its completion waits for the UI thread
 * ui.runPending();                  // callbacks, toasts and the future, in order, on the "UI thread"
 * }</pre>
 *
 * <p>Nothing runs on the thread that queues a task, and nothing runs by itself.
 * {@link #isCurrent()} is true only on a thread inside {@link #runPending()} or
 * {@link #call}, so the client's guard against waiting on the UI thread (see
 * {@link QueryClientBuilder#notifyExecutor(Executor, java.util.function.BooleanSupplier)})
 * applies there as it would on the EDT.
 *
 * <p>Thread-safe: tasks may be queued from any thread; runs from several threads take turns.
 *
 * @since 0.1.0
 */
public final class UiThread implements Executor {
  private final Queue<Runnable> tasks = new ArrayDeque<>(); // guarded by this
  private volatile @Nullable Thread current;

  /** A UI thread with nothing queued. */
  public UiThread() {}

  /**
   * Sets this UI thread as {@code builder}'s notify executor, with {@link #isCurrent()} to
   * recognise it.
   *
   * @param builder the client's builder
   * @return {@code builder}, for chaining
   * @throws NullPointerException if {@code builder} is null
   */
  public QueryClientBuilder install(QueryClientBuilder builder) {
    Objects.requireNonNull(builder, "builder == null");
    return builder.notifyExecutor(this, this::isCurrent);
  }

  /**
   * Queues {@code task}; it runs at the next {@link #runPending()}. May be called on any
   * thread, also by a running task.
   *
   * @param task what to run
   * @throws NullPointerException if {@code task} is null
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task == null");
    synchronized (this) {
      tasks.add(task);
    }
  }

  /**
   * How many tasks are queued.
   *
   * @return the number of tasks waiting for {@link #runPending()}
   */
  public int pending() {
    synchronized (this) {
      return tasks.size();
    }
  }

  /**
   * Whether the calling thread is this UI thread: inside {@link #runPending()} or
   * {@link #call}. Any thread may ask.
   *
   * @return true on the UI thread
   */
  public boolean isCurrent() {
    return current == Thread.currentThread();
  }

  /**
   * Runs the queued tasks, and those they queue, in the order they were queued, on the
   * calling thread as the UI thread. What a task throws propagates, as it would to the EDT's
   * handler, and the tasks behind it stay queued.
   *
   * @return how many tasks ran
   */
  public int runPending() {
    int ran = 0;
    while (true) {
      Runnable next;
      synchronized (this) {
        next = tasks.poll();
      }
      if (next == null) {
        return ran;
      }
      call(() -> {
        next.run();
        return null;
      });
      ran++;
    }
  }

  /**
   * Runs {@code action} on the calling thread as the UI thread (a click, a screen's code),
   * without running the queued tasks.
   *
   * @param action what to run
   * @param <T> what it returns
   * @return what {@code action} returned
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if interrupted while another thread runs as the UI thread
   */
  public <T> T call(Supplier<T> action) {
    Objects.requireNonNull(action, "action == null");
    Thread caller = Thread.currentThread();
    Thread outer;
    synchronized (this) {
      // Nested calls on one thread are fine; another thread's run waits for its turn.
      while (current != null && current != caller) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the UI thread's turn", e);
        }
      }
      outer = current;
      current = caller;
    }
    try {
      return action.get();
    } finally {
      synchronized (this) {
        current = outer;
        if (outer == null) {
          notifyAll();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "UiThread{pending=" + pending() + "}";
  }
}
