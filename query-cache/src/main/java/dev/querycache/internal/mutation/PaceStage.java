package dev.querycache.internal.mutation;

import dev.querycache.internal.runtime.EngineRuntime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The pace stage (paced writes; one of a mutation's own): it holds each run until its pacing
 * lets it go, and lets one run through at a time. Its owner opens a slot for each new call
 * ({@link #open}), identified by the run's variables, before the run starts; the run then waits
 * in its slot, which goes on when its time is due and the run before it has settled. Until
 * then the owner may add later calls to it ({@link #joined}): a debounced or throttled call
 * joins the transaction already waiting instead of starting one.
 *
 * <ul>
 *   <li>{@link Kind#DEBOUNCE}: a slot is due {@code wait} after the latest call that opened
 *       or joined it. With a leading edge, a call after {@code wait} of quiet is due at once;
 *       without a trailing edge, a call that is not on the leading edge is dropped.
 *   <li>{@link Kind#THROTTLE}: a run goes at most once per {@code wait}, measured from when
 *       the one before went. With a leading edge, a call outside that window is due at once;
 *       otherwise a slot is due when the window ends (or {@code wait} after its first call);
 *       without a trailing edge, a call inside the window is dropped.
 *   <li>{@link Kind#QUEUE}: every call has its own slot, due in order, at least {@code wait}
 *       after the one before went; calls never join.
 * </ul>
 *
 * <p>Time is the client's ticker; waiting is the client's scheduler, so tests advance virtual
 * time. Guarded by its own monitor; the rest of the chain is called outside it.
 */
public final class PaceStage implements AdmissionStage {
  /** How calls are paced. */
  public enum Kind {
    /** After a pause in the calls. */
    DEBOUNCE,
    /** At most once per interval. */
    THROTTLE,
    /** Each call in turn. */
    QUEUE
  }

  /** A new call's place: the run it becomes waits here. */
  private static final class Slot {
    final Object token;
    long dueAt;
    AdmissionChain.@Nullable Chain<Object, Object> chain;
    final CompletableFuture<Object> outcome = new CompletableFuture<>();

    Slot(Object token, long dueAt) {
      this.token = token;
      this.dueAt = dueAt;
    }
  }

  private final EngineRuntime runtime;
  private final Kind kind;
  private final long waitNanos;
  private final boolean leading;
  private final boolean trailing;
  private final ArrayDeque<Slot> slots = new ArrayDeque<>();
  private final Map<Object, Slot> byToken = new HashMap<>();
  /** The run that went and has not settled: no other goes meanwhile. */
  private @Nullable Admissible going;
  /** Debounce: a call at or after this is on the leading edge. */
  private long quietFrom = Long.MIN_VALUE;
  /** Throttle and queue: no run goes before this. */
  private long nextGo = Long.MIN_VALUE;
  private @Nullable Future<?> timer;
  private long timerAt;
  private boolean closed;

  /**
   * A stage pacing by {@code kind} with {@code wait} (a queue's gap between runs), on
   * {@code runtime}'s ticker and scheduler; {@code leading} and {@code trailing} are the
   * edges of a debounce or a throttle (a queue ignores them).
   *
   * @throws IllegalArgumentException if {@code wait} is negative, or a debounce or throttle has no edge
   */
  public PaceStage(EngineRuntime runtime, Kind kind, Duration wait, boolean leading, boolean trailing) {
    this.runtime = Objects.requireNonNull(runtime, "runtime == null");
    this.kind = Objects.requireNonNull(kind, "kind == null");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("wait is negative: " + wait);
    }
    if (kind != Kind.QUEUE && !leading && !trailing) {
      throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT)
          + " needs a leading or a trailing edge, or it never sends");
    }
    this.waitNanos = wait.toNanos();
    this.leading = leading;
    this.trailing = trailing;
  }

  /** This stage as a mutation's own stage spec: every mutation built from it shares this stage. */
  public MutationConfig.StageSpec spec() {
    PaceStage stage = this;
    return new MutationConfig.StageSpec() {
      @Override
      public AdmissionStage create(String mutation) {
        return stage;
      }

      @Override
      public String mode() {
        return "paced";
      }
    };
  }

  /** Whether a call may join the slot still waiting (debounce, throttle), rather than open its own (queue). */
  public boolean joins() {
    return kind != Kind.QUEUE;
  }

  /**
   * A call that opens a new slot, for the run whose variables are {@code token}: false, with
   * nothing changed but a debounce's quiet period, if the edges drop it; else its slot is open
   * and the run waits in it when it reaches the stage.
   */
  public boolean open(Object token) {
    Objects.requireNonNull(token, "token == null");
    synchronized (this) {
      long now = runtime.now();
      long dueAt;
      switch (kind) {
        case DEBOUNCE -> {
          boolean edge = leading && (quietFrom == Long.MIN_VALUE || now - quietFrom >= 0);
          quietFrom = now + waitNanos;
          if (edge) {
            dueAt = now;
          } else if (trailing) {
            dueAt = now + waitNanos;
          } else {
            return false;
          }
        }
        case THROTTLE -> {
          boolean outside = nextGo == Long.MIN_VALUE || now - nextGo >= 0;
          if (leading && outside) {
            dueAt = now;
          } else if (trailing) {
            dueAt = outside ? now + waitNanos : nextGo;
          } else {
            return false;
          }
        }
        default -> dueAt = now;
      }
      Slot slot = new Slot(token, dueAt);
      slots.add(slot);
      byToken.put(token, slot);
    }
    return true;
  }

  /** A later call joined the slot of {@code token}: a debounce waits {@code wait} from now again. */
  public void joined(Object token) {
    synchronized (this) {
      if (kind != Kind.DEBOUNCE) {
        return;
      }
      long now = runtime.now();
      quietFrom = now + waitNanos;
      Slot slot = byToken.get(token);
      if (slot != null && trailing) {
        slot.dueAt = now + waitNanos;
      }
    }
    pump();
  }

  /** The call that opened {@code token}'s slot did not become a run (its writes threw): the slot closes. */
  public void cancel(Object token) {
    synchronized (this) {
      Slot slot = byToken.remove(token);
      if (slot != null) {
        slots.remove(slot);
      }
    }
    pump();
  }

  /** Every waiting slot is due now (the application flushes: the window is closing, say). */
  public void flush() {
    synchronized (this) {
      long now = runtime.now();
      for (Slot slot : slots) {
        slot.dueAt = Math.min(slot.dueAt, now);
      }
      nextGo = Long.MIN_VALUE;
    }
    pump();
  }

  /** How many slots wait, for tests and inspectors. */
  public synchronized int waiting() {
    return slots.size();
  }

  @Override
  @SuppressWarnings("unchecked") // a slot passes on its run's own variables and outcome
  public <V, R> CompletionStage<R> intercept(AdmissionChain.Chain<V, R> chain) {
    Slot slot;
    synchronized (this) {
      slot = byToken.get(chain.run().variables());
      if (slot != null && !closed) {
        slot.chain = (AdmissionChain.Chain<Object, Object>) chain;
      }
    }
    if (slot == null || closed) {
      return chain.proceed(chain.variables()); // not a call of the owner's: nothing to pace
    }
    pump();
    return (CompletionStage<R>) slot.outcome;
  }

  /** Lets the first slot go if it is due, its run is here, and no run is going; else waits for its time. */
  private void pump() {
    Slot go;
    synchronized (this) {
      Slot head = slots.peek();
      if (closed || going != null || head == null || head.chain == null) {
        return;
      }
      long now = runtime.now();
      long dueAt = kind == Kind.DEBOUNCE || nextGo == Long.MIN_VALUE ? head.dueAt : Math.max(head.dueAt, nextGo);
      if (dueAt - now > 0) {
        wake(dueAt, now);
        return;
      }
      slots.poll();
      byToken.remove(head.token);
      going = head.chain.run();
      if (kind != Kind.DEBOUNCE) {
        nextGo = now + waitNanos;
      }
      go = head;
    }
    AdmissionChain.Chain<Object, Object> chain = Objects.requireNonNull(go.chain);
    chain.proceed(chain.variables()).handle((result, error) ->
        error != null ? go.outcome.completeExceptionally(error) : go.outcome.complete(result));
  }

  /**
   * Schedules a pump at {@code dueAt}, unless one is scheduled for then or earlier already (a
   * debounce's every call pushes its slot back: the timer it set first stays, and when it
   * fires early, the pump sets one for the new time). Holds the monitor.
   */
  private void wake(long dueAt, long now) {
    Future<?> scheduled = timer;
    if (scheduled != null) {
      if (timerAt - dueAt <= 0) {
        return;
      }
      scheduled.cancel(false);
    }
    timerAt = dueAt;
    timer = runtime.scheduler.schedule(() -> {
      synchronized (this) {
        if (timerAt == dueAt) {
          timer = null;
        }
      }
      pump();
    }, Duration.ofNanos(dueAt - now));
  }

  /** {@code run} settled: the next slot may go (a follow-up step, so a queue never grows the stack). */
  @Override
  public void released(Admissible run) {
    boolean freed = false;
    synchronized (this) {
      if (going == run) {
        going = null;
        freed = true;
      } else {
        Slot slot = byToken.remove(run.variables());
        if (slot != null) {
          slots.remove(slot); // settled while it waited: the client closed under it
          freed = true;
        }
      }
    }
    if (freed) {
      runtime.notifier.later(this::pump);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    Future<?> scheduled = timer;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    timer = null;
    slots.clear();
    byToken.clear();
  }
}
