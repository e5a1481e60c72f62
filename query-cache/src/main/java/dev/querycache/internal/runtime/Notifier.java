package dev.querycache.internal.runtime;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Delivers change notifications to listeners through the application's notify executor,
 * batched and coalesced, and runs the library's own follow-up steps after the transition
 * that called for them.
 *
 * <p>Two mechanisms make a burst of changes reach a listener as one callback carrying the
 * latest state:
 *
 * <ul>
 *   <li>A <em>batch</em> ({@link #batch(Supplier)}) defers every notification scheduled on
 *       this thread until the outermost batch ends; a channel scheduled many times in a batch
 *       is signalled once. Every client operation runs in a batch, and its locks are released
 *       before the batch ends, so listeners never run under a lock.
 *   <li>A {@link Channel} coalesces signals: while a delivery is queued on the executor (the
 *       EDT, say), further signals only mark it dirty, and the delivery reads the latest
 *       state when it runs. Deliveries of one channel never overlap.
 * </ul>
 *
 * <p><b>Follow-up steps.</b> {@link #later(Runnable)} runs a step of the library's (a failed
 * run's rollback that a transition discovered, the next run of a scope) once the outermost
 * batch of this thread ends, outside every lock the transition held.
 *
 * <p><b>A trampoline.</b> The end of the outermost batch drains the follow-up steps and the
 * signals in one loop, and what they schedule in turn (a synchronous listener that writes, a
 * scope's next run whose function answers at once) joins the same loop instead of starting a
 * nested one. However long a chain of such hand-overs, the stack does not grow with it.
 *
 * <p><b>Steps for the notify thread.</b> {@link #post(Runnable)} runs a step that calls the
 * application (a mutation's callbacks and toasts, the completion of its future) on the notify
 * executor, so that the application sees it on one known thread (the UI thread).
 */
public final class Notifier {
  // The name applications configure, whatever package the class sits in.
  private static final System.Logger LOG = System.getLogger("dev.querycache.Notifier");

  private final Executor executor;
  private final BooleanSupplier isNotifyThread;
  private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);

  /** A notifier over {@code executor}, whose thread it cannot recognise. */
  public Notifier(Executor executor) {
    this(executor, () -> false);
  }

  /**
   * A notifier over {@code executor}; {@code isNotifyThread} tells whether the calling thread
   * is the one the executor runs its tasks on (the EDT, the FX thread), and must be cheap.
   */
  public Notifier(Executor executor, BooleanSupplier isNotifyThread) {
    this.executor = executor;
    this.isNotifyThread = isNotifyThread;
  }

  /**
   * Whether the calling thread is the notify executor's, as far as the application said
   * (false when it gave no way to tell). What is waited for there, and completed by a step
   * {@linkplain #post posted} there, could never complete.
   */
  public boolean onNotifyThread() {
    return isNotifyThread.getAsBoolean();
  }

  /**
   * Runs {@code step}, in a batch of its own and isolated like any callback, on the notify
   * executor: at once with the default direct executor, later (even when called on the UI
   * thread) with a UI thread's. If the executor refuses the task (an application's pool shut
   * down), the step runs on the calling thread instead, so that what it finishes (a run's
   * settle, a future) is never lost.
   */
  public void post(Runnable step) {
    Runnable task = () -> {
      Batch batch = enter();
      try {
        step.run();
      } catch (Throwable thrown) {
        Callbacks.report("a step on the notify executor", null, thrown);
      } finally {
        exit(batch);
      }
    };
    try {
      executor.execute(task);
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "the notify executor refused a step of the library; it runs on thread \""
          + Thread.currentThread().getName() + "\" instead", e);
      task.run();
    }
  }

  /**
   * Signals {@code channel} now, or at the end of this thread's batch if one is open (or
   * being drained: a listener's own writes join the drain instead of nesting in it).
   */
  public void schedule(Channel channel) {
    Batch batch = batches.get();
    if (batch.depth > 0 || batch.draining) {
      batch.add(channel);
    } else {
      channel.signal(executor);
    }
  }

  /**
   * Runs {@code step} after the transition under way: when this thread's outermost batch
   * ends, outside its locks; at once (in a batch of its own) if no batch is open.
   */
  public void later(Runnable step) {
    Batch batch = batches.get();
    if (batch.depth > 0 || batch.draining) {
      batch.defer(step);
    } else {
      batch(step);
    }
  }

  /**
   * Runs {@code body} in a batch; notifications it schedules are sent when it returns.
   *
   * @throws IllegalStateException if called from an optimistic patch (see {@link #applying})
   */
  public <R> R batch(Supplier<R> body) {
    Batch batch = enter();
    try {
      return body.get();
    } finally {
      exit(batch);
    }
  }

  /** Runs {@code body} in a batch; see {@link #batch(Supplier)}. */
  public void batch(Runnable body) {
    Batch batch = enter();
    try {
      body.run();
    } finally {
      exit(batch);
    }
  }

  /** Opens a batch on this thread (one more level if one is open), refused inside a patch. */
  private Batch enter() {
    Batch batch = batches.get();
    if (batch.patching > 0) {
      throw new IllegalStateException(
          "an optimistic patch called the QueryClient: a patch runs inside the transition of its"
              + " query and must be a pure function of the data it is given");
    }
    batch.depth++;
    return batch;
  }

  /** Closes the level {@link #enter} opened; the outermost one sends what the batch gathered. */
  private void exit(Batch batch) {
    if (--batch.depth == 0 && !batch.draining && batch.hasWork()) {
      drain(batch);
    }
  }

  /**
   * Applies an optimistic patch (the application's pure function of the data) inside the
   * transition of its query. Every client operation runs in a batch, so a patch that calls
   * back into the client to write, fetch or observe is refused there with an
   * {@link IllegalStateException}, instead of reentering the transition under way (or the
   * atomic step of another key, which could deadlock with a thread going the other way).
   * Reads, which take no lock, are allowed.
   */
  public <T> T applying(java.util.function.UnaryOperator<T> patch, @Nullable T data) {
    Batch batch = batches.get();
    batch.patching++;
    try {
      return patch.apply(data);
    } finally {
      batch.patching--;
    }
  }

  /**
   * Runs the follow-up steps and sends the signals until none is left. Steps first: they
   * finish the transitions whose notifications are pending, so a listener hears of the
   * outcome once. Each step runs in a batch of its own, so what it changes is gathered into
   * this loop's next pass.
   */
  private void drain(Batch batch) {
    batch.draining = true;
    try {
      while (true) {
        Runnable step = batch.nextStep();
        if (step != null) {
          batch.depth++;
          try {
            Callbacks.run("a follow-up step of the library", null, step::run);
          } finally {
            batch.depth--;
          }
        } else if (batch.size == 1) {
          batch.takeOnly().signal(executor); // the usual case: one write, one listener
        } else if (batch.size > 0) {
          for (Channel channel : batch.takeAll()) {
            channel.signal(executor);
          }
        } else {
          return;
        }
      }
    } finally {
      batch.draining = false;
    }
  }

  /**
   * The channels one thread's open batch has scheduled, each once, in order, and the
   * follow-up steps it deferred. Most batches
   * schedule one or two channels, so duplicates are found by scanning the array; a large
   * batch (a prefix invalidation under many observers) switches to an identity set.
   */
  private static final class Batch {
    private static final int SCAN_LIMIT = 8;

    int depth;
    /** Whether the outermost batch's end is draining this batch: no nested drain starts. */
    boolean draining;
    /** How many optimistic patches this thread is applying (see {@link #applying}). */
    int patching;
    int size;
    private Channel[] pending = new Channel[SCAN_LIMIT];
    private @Nullable Set<Channel> seen;
    private @Nullable ArrayDeque<Runnable> steps;

    boolean hasWork() {
      return size > 0 || (steps != null && !steps.isEmpty());
    }

    void defer(Runnable step) {
      if (steps == null) {
        steps = new ArrayDeque<>();
      }
      steps.add(step);
    }

    @Nullable Runnable nextStep() {
      return steps == null ? null : steps.poll();
    }

    void add(Channel channel) {
      if (seen != null) {
        if (!seen.add(channel)) {
          return;
        }
      } else {
        for (int i = 0; i < size; i++) {
          if (pending[i] == channel) {
            return;
          }
        }
        if (size == SCAN_LIMIT) {
          seen = Collections.newSetFromMap(new IdentityHashMap<>());
          seen.addAll(Arrays.asList(pending).subList(0, size));
          seen.add(channel);
        }
      }
      if (size == pending.length) {
        pending = Arrays.copyOf(pending, size * 2);
      }
      pending[size++] = channel;
    }

    /** The only channel pending, which is then empty again. */
    Channel takeOnly() {
      Channel only = pending[0];
      pending[0] = null;
      size = 0;
      seen = null;
      return only;
    }

    /** Everything pending, which is then empty again. */
    Channel[] takeAll() {
      Channel[] taken = Arrays.copyOf(pending, size);
      if (pending.length > SCAN_LIMIT * 8) {
        pending = new Channel[SCAN_LIMIT]; // do not keep a huge array for the thread's life
      } else {
        Arrays.fill(pending, 0, size, null);
      }
      size = 0;
      seen = null;
      return taken;
    }
  }

  /**
   * One listener's delivery line. {@link #signal} asks for a delivery; the executor runs
   * {@link #run}, which calls the deliverer until no signal arrived during the last call.
   */
  public static final class Channel implements Runnable {
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable deliverer;
    private final String what;

    /**
     * {@code deliverer} reads the latest state and calls the listener if it changed;
     * {@code what} names the listener if it throws, such as "a query listener".
     */
    public Channel(Runnable deliverer, String what) {
      this.deliverer = deliverer;
      this.what = what;
    }

    void signal(Executor executor) {
      if (wip.getAndIncrement() == 0) {
        try {
          executor.execute(this);
        } catch (Throwable e) {
          // The executor is the application's (the EDT, a pool being shut down): whatever it
          // throws must not cost the other channels of the batch their delivery.
          wip.set(0);
          if (e instanceof RejectedExecutionException) {
            LOG.log(
                Level.ERROR,
                "the notify executor rejected a delivery; the listener will get the latest "
                    + "state with the next change",
                e);
          } else {
            Callbacks.report("the notify executor", null, e);
          }
        }
      }
    }

    @Override
    public void run() {
      int missed = wip.get();
      while (true) {
        // Isolated whatever it throws (see Callbacks): the channel stays usable and the
        // other listeners of the batch are served.
        Callbacks.run(what, null, deliverer::run);
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }
  }
}
