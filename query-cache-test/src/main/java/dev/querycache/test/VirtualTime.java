package dev.querycache.test;

import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import dev.querycache.Scheduler;
import dev.querycache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time: a {@link Ticker} and a {@link Scheduler} that move only when the test says so.
 * Build the client with {@link #clientBuilder()} and staleness, garbage collection, retries,
 * backoff and every other delay run in microseconds, in a fixed order, without a sleep.
 *
 * <pre>{@code
 * VirtualTime time = new VirtualTime();
 * QueryClient client = time.clientBuilder().build();
 * ...
 * time.advance(Duration.ofSeconds(30));   // the data turns stale; a retry's backoff ends
 * time.runUntilIdle();                    // everything scheduled runs, the clock moving as needed
 * }</pre>
 *
 * <p>The clock starts at zero and reads in nanoseconds. Scheduled tasks run on the thread
 * that moves the clock ({@link #advance(Duration)}, {@link #runDue()},
 * {@link #runUntilIdle()}), one at a time, in order of their due time (in scheduling order for
 * equal due times), with the clock set to each task's due time while it runs. Nothing runs on
 * the thread that schedules a task, and nothing runs by itself.
 *
 * <p>Thread-safe: the clock may be read and tasks scheduled from any thread, also by the tasks
 * themselves; moves of the clock from several threads take turns.
 *
 * @since 0.1.0
 */
public final class VirtualTime implements Ticker, Scheduler {
  /** How many tasks {@link #runUntilIdle()} runs before it decides they never end. */
  public static final int DEFAULT_MAX_TASKS = 10_000;

  /**
   * The quiet stretch that ends {@link #runUntilIdle()}: when no task is due within a day of
   * the clock, the cache is idle. Timers further away (a gc time of a week, a timer far in the
   * future) stay scheduled, and the clock stays at the last task that ran, never jumping
   * years ahead to a far timer; {@link #advance(Duration)} reaches them.
   */
  public static final Duration IDLE_GAP = Duration.ofDays(1);

  private final Object lock = new Object();
  private final ReentrantLock mover = new ReentrantLock();
  private final PriorityQueue<Task> tasks = new PriorityQueue<>(); // guarded by lock
  private long now; // guarded by lock
  private long sequence; // guarded by lock

  /** Virtual time at zero with nothing scheduled. */
  public VirtualTime() {}

  /**
   * Reads the clock.
   *
   * @return nanoseconds since this virtual time was created; moves only when the test moves it
   */
  @Override
  public long read() {
    synchronized (lock) {
      return now;
    }
  }

  /**
   * How much virtual time has passed.
   *
   * @return the time since this virtual time was created
   */
  public Duration now() {
    return Duration.ofNanos(read());
  }

  /**
   * Schedules {@code task} to run once the clock has moved {@code delay} from now. A zero delay
   * runs it at the next move of the clock, even {@code advance(Duration.ZERO)}.
   *
   * @param task what to run
   * @param delay how long from now; a negative delay counts as zero
   * @return a handle: {@link Future#cancel(boolean)} removes the task if it has not run;
   *     {@link Future#get()} returns once the task ran, and throws rather than wait for a clock
   *     that nobody moves
   * @throws NullPointerException if an argument is null
   */
  @Override
  public Future<?> schedule(Runnable task, Duration delay) {
    Objects.requireNonNull(task, "task == null");
    Objects.requireNonNull(delay, "delay == null");
    synchronized (lock) {
      long due = delay.isNegative() ? now : saturatedAdd(now, delay);
      Task scheduled = new Task(task, due, sequence++);
      tasks.add(scheduled);
      return scheduled;
    }
  }

  /**
   * An executor that runs each task on this virtual time, as a task due now: at the next move
   * of the clock, on the thread that moves it. Pass it as the client's fetch executor
   * ({@code time.clientBuilder().fetchExecutor(time.executor())}) to test blocking query and
   * mutation functions step by step: {@code mutate} then returns with the patch shown and the
   * function not yet called, and {@link #runDue()} calls it. A blocking function answers the
   * moment it is called, so with the default, synchronous fetch executor the patch, the
   * server's answer and the rollback all happen inside {@code mutate}, and observers see only
   * the end of it.
   *
   * @return the executor; it never rejects a task
   */
  public Executor executor() {
    return task -> schedule(Objects.requireNonNull(task, "task == null"), Duration.ZERO);
  }

  /**
   * Moves the clock forward by {@code amount}, running on this thread every task that falls
   * due, in order, with the clock at each task's due time; tasks that the running ones
   * schedule within {@code amount} run too. Afterwards the clock reads the old time plus
   * {@code amount}.
   *
   * <p>A task that throws stops the move: the exception propagates, the clock stays at that
   * task's due time and later tasks stay scheduled.
   *
   * @param amount how far to move; zero runs only what is due now
   * @throws NullPointerException if {@code amount} is null
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws IllegalStateException if called from a task this virtual time is running, or if
   *     more than {@link #DEFAULT_MAX_TASKS} tasks run at one instant (a task that keeps
   *     rescheduling itself with no delay)
   */
  public void advance(Duration amount) {
    Objects.requireNonNull(amount, "amount == null");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative: " + amount);
    }
    move(() -> {
      synchronized (lock) {
        return saturatedAdd(now, amount);
      }
    }, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * Runs what is due now, without moving the clock: {@code advance(Duration.ZERO)}.
   *
   * @throws IllegalStateException as {@link #advance(Duration)} does
   */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /**
   * Runs every scheduled task, and those they schedule, moving the clock to each task's due
   * time, until no task is due within {@link #IDLE_GAP} (a day) of the clock:
   * {@code runUntilIdle(DEFAULT_MAX_TASKS)}. It runs retries, the gc of unobserved queries (5
   * minutes by default), undo windows and every staleness timer; use
   * {@link #advance(Duration)} to stop earlier, or to reach a timer more than a day away.
   *
   * @throws IllegalStateException if called from a task this virtual time is running, or if
   *     tasks are still scheduled after {@value #DEFAULT_MAX_TASKS} ran: they keep scheduling
   *     others (a periodic timer); the message lists the next ones
   */
  public void runUntilIdle() {
    runUntilIdle(DEFAULT_MAX_TASKS);
  }

  /**
   * Runs every scheduled task, and those they schedule, moving the clock to each task's due
   * time, until no task is due within {@link #IDLE_GAP} of the clock or {@code maxTasks} ran.
   * The clock ends at the due time of the last task that ran.
   *
   * @param maxTasks how many tasks may run before giving up; at least 1
   * @throws IllegalArgumentException if {@code maxTasks} is less than 1
   * @throws IllegalStateException if called from a task this virtual time is running, or if
   *     tasks are still scheduled after {@code maxTasks} ran; the message lists the next ones
   */
  public void runUntilIdle(int maxTasks) {
    if (maxTasks < 1) {
      throw new IllegalArgumentException("maxTasks must be at least 1: " + maxTasks);
    }
    move(() -> Long.MAX_VALUE, maxTasks, IDLE_GAP.toNanos());
  }

  /**
   * How many tasks are scheduled and not yet run nor cancelled.
   *
   * @return the count
   */
  public int pendingTasks() {
    synchronized (lock) {
      int count = 0;
      for (Task task : tasks) {
        if (task.isLive()) {
          count++;
        }
      }
      return count;
    }
  }

  /**
   * How long until the next scheduled task is due: for asserting a backoff or a timer.
   *
   * @return the wait, zero if a task is due now, or empty if nothing is scheduled
   */
  public Optional<Duration> timeUntilNextTask() {
    synchronized (lock) {
      Task next = nextLiveLocked();
      return next == null ? Optional.empty() : Optional.of(Duration.ofNanos(next.due - now));
    }
  }

  /**
   * A client builder wired to this virtual time: its ticker and scheduler, {@link #executor()}
   * as the fetch executor, and synchronous notification (listeners run on the thread that made
   * the change, before it returns). Set anything else on it, such as a toaster, before
   * building.
   *
   * <p>Blocking query and mutation functions (the ones most Java APIs give) therefore run when
   * the test moves the clock, not inside the call that starts them: an observer first sees
   * {@code loading}, then {@code runDue()} (or {@code advance}, {@code runUntilIdle}) calls the
   * function and the data lands; {@code mutate} returns with the patch shown and the request
   * not yet sent. Async functions, such as {@link ControllableQuery} and
   * {@link ControllableMutation}, are called at once as always and answer when the test says.
   *
   * @return a new builder
   */
  public QueryClientBuilder clientBuilder() {
    return QueryClient.builder()
        .ticker(this)
        .scheduler(this)
        .fetchExecutor(executor())
        .notifyExecutor(Runnable::run);
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "VirtualTime{now=" + Duration.ofNanos(now) + ", pending=" + pendingTasks() + "}";
    }
  }

  /** A source of the target time, read once the mover's lock is held. */
  private interface Target {
    long get();
  }

  /**
   * Runs the tasks due up to the target, at most {@code maxTasks} of them, stopping early when
   * the next one is more than {@code quietGap} nanoseconds away.
   */
  private void move(Target target, long maxTasks, long quietGap) {
    if (mover.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          "a task run by this virtual time tried to move it; schedule work instead of advancing from a task");
    }
    mover.lock();
    try {
      long until = target.get();
      long ran = 0;
      long instant = Long.MIN_VALUE;
      long ranAtInstant = 0;
      while (true) {
        Task next;
        synchronized (lock) {
          next = nextLiveLocked();
          if (next == null || next.due > until || next.due - now > quietGap) {
            if (until != Long.MAX_VALUE) {
              now = Math.max(now, until);
            }
            return;
          }
          if (ran >= maxTasks) {
            throw new IllegalStateException(
                "tasks are still scheduled after running " + maxTasks
                    + "; they keep scheduling more (a periodic timer?): advance the time by a"
                    + " bounded amount instead. Next: " + describeNextLocked(5));
          }
          tasks.poll();
          now = Math.max(now, next.due);
          if (now != instant) {
            instant = now;
            ranAtInstant = 0;
          }
          if (++ranAtInstant > DEFAULT_MAX_TASKS) {
            throw new IllegalStateException(
                "more than " + DEFAULT_MAX_TASKS + " tasks ran at " + Duration.ofNanos(now)
                    + " without the clock moving: a task keeps rescheduling itself with no delay."
                    + " Next: " + describeNextLocked(5));
          }
        }
        ran++;
        next.run();
      }
    } finally {
      mover.unlock();
    }
  }

  private Task nextLiveLocked() {
    Task next = tasks.peek();
    while (next != null && !next.isLive()) {
      tasks.poll();
      next = tasks.peek();
    }
    return next;
  }

  private String describeNextLocked(int count) {
    List<Task> sorted = new ArrayList<>(tasks);
    sorted.sort(null);
    List<String> out = new ArrayList<>();
    for (Task task : sorted) {
      if (out.size() == count) {
        break;
      }
      if (task.isLive()) {
        out.add(task.body + " due at " + Duration.ofNanos(task.due));
      }
    }
    return out.toString();
  }

  private static long saturatedAdd(long base, Duration delay) {
    long nanos;
    try {
      nanos = delay.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE - 1;
    }
    long sum = base + nanos;
    return ((base ^ sum) & (nanos ^ sum)) < 0 || sum == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : sum;
  }

  /** One scheduled task and its handle. */
  private final class Task implements Future<Object>, Comparable<Task> {
    final Runnable body;
    final long due;
    private final long order;
    private volatile boolean cancelled;
    private volatile boolean started;
    private volatile boolean done;

    Task(Runnable body, long due, long order) {
      this.body = body;
      this.due = due;
      this.order = order;
    }

    /** Whether it will still run: not run, not cancelled, and not a future already done. */
    boolean isLive() {
      return !cancelled && !started && !(body instanceof Future && ((Future<?>) body).isDone());
    }

    void run() {
      if (cancelled) {
        return;
      }
      started = true;
      try {
        body.run();
      } finally {
        done = true;
      }
    }

    @Override
    public int compareTo(Task other) {
      return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      synchronized (lock) {
        if (started || cancelled) {
          return false;
        }
        cancelled = true;
        tasks.remove(this);
        return true;
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() {
      if (cancelled) {
        throw new CancellationException("the task was cancelled");
      }
      if (!done) {
        throw new IllegalStateException(
            "the task is due at " + Duration.ofNanos(due)
                + " of virtual time and has not run; move the clock instead of waiting for it");
      }
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws TimeoutException {
      Objects.requireNonNull(unit, "unit == null");
      if (cancelled) {
        throw new CancellationException("the task was cancelled");
      }
      if (!done) {
        throw new TimeoutException(
            "the task is due at " + Duration.ofNanos(due) + " of virtual time; waiting does not move the clock");
      }
      return null;
    }

    @Override
    public String toString() {
      return "task due at " + Duration.ofNanos(due) + (cancelled ? " (cancelled)" : done ? " (done)" : "");
    }
  }
}
