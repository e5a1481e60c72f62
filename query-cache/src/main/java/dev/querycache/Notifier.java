package dev.querycache;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Delivers change notifications to listeners through the application's notify executor,
 * batched and coalesced.
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
 */
final class Notifier {
  private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

  private final Executor executor;
  private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);

  Notifier(Executor executor) {
    this.executor = executor;
  }

  /** Signals {@code channel} now, or at the end of this thread's batch if one is open. */
  void schedule(Channel channel) {
    Batch batch = batches.get();
    if (batch.depth > 0) {
      batch.add(channel);
    } else {
      channel.signal(executor);
    }
  }

  /** Runs {@code body} in a batch; notifications it schedules are sent when it returns. */
  <R> R batch(Supplier<R> body) {
    Batch batch = batches.get();
    batch.depth++;
    try {
      return body.get();
    } finally {
      if (--batch.depth == 0 && batch.size > 0) {
        flush(batch);
      }
    }
  }

  /** Runs {@code body} in a batch; see {@link #batch(Supplier)}. */
  void batch(Runnable body) {
    batch(
        () -> {
          body.run();
          return null;
        });
  }

  private void flush(Batch batch) {
    // A listener run by a synchronous executor may open a batch of its own, which schedules
    // into this same batch object and flushes it itself; each pass takes what is pending
    // first, so nothing is signalled twice for one scheduling.
    while (batch.size > 0) {
      if (batch.size == 1) {
        batch.takeOnly().signal(executor); // the usual case: one write, one listener
      } else {
        for (Channel channel : batch.takeAll()) {
          channel.signal(executor);
        }
      }
    }
  }

  /**
   * The channels one thread's open batch has scheduled, each once, in order. Most batches
   * schedule one or two channels, so duplicates are found by scanning the array; a large
   * batch (a prefix invalidation under many observers) switches to an identity set.
   */
  private static final class Batch {
    private static final int SCAN_LIMIT = 8;

    int depth;
    int size;
    private Channel[] pending = new Channel[SCAN_LIMIT];
    private @Nullable Set<Channel> seen;

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
  static final class Channel implements Runnable {
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable deliverer;

    /** {@code deliverer} reads the latest state and calls the listener if it changed. */
    Channel(Runnable deliverer) {
      this.deliverer = deliverer;
    }

    void signal(Executor executor) {
      if (wip.getAndIncrement() == 0) {
        try {
          executor.execute(this);
        } catch (RejectedExecutionException e) {
          wip.set(0);
          LOG.log(
              Level.ERROR,
              "the notify executor rejected a delivery; the listener will get the latest "
                  + "state with the next change",
              e);
        }
      }
    }

    @Override
    public void run() {
      int missed = wip.get();
      while (true) {
        try {
          deliverer.run();
        } catch (VirtualMachineError fatal) {
          wip.set(0); // the JVM is in trouble: leave the channel usable, and let it through
          throw fatal;
        } catch (RuntimeException | Error e) {
          // An Error of the application's own is a listener's failure like any other.
          LOG.log(Level.WARNING, "a query listener threw; other listeners are unaffected", e);
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }
  }
}
