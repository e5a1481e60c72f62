package dev.querycache.internal.ui;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The hand-over of a source's latest value to the UI thread, whatever the toolkit: what a
 * component bound to an observer needs when the client's notify executor is not the UI
 * thread. A value offered on the UI thread, with none waiting, reaches the receiver at once;
 * a value offered on another thread waits, and one UI task takes the latest: values that
 * pile up before the UI thread gets to them are coalesced into the newest. A value offered on
 * the UI thread while an older one waits goes through the hand-over too, so a value never
 * overtakes a newer one.
 *
 * <p>One source, whose offers never overlap (an observer's deliveries do not): {@link #offer}
 * may be called from any thread, one call at a time. {@link #close()} is called on the UI
 * thread; after it returns the receiver is not called again.
 *
 * @param <T> the values
 */
public final class LatestValue<T> {
  private final BooleanSupplier onUiThread;
  private final Executor uiThread;
  private final Consumer<? super T> receiver;
  private final AtomicReference<@Nullable T> waiting = new AtomicReference<>();
  private final Runnable takeWaiting = this::takeWaiting;
  private volatile boolean open = true;

  /**
   * A hand-over to {@code receiver} on the UI thread.
   *
   * @param onUiThread whether the calling thread is the UI thread
   * @param uiThread runs a task on the UI thread, later
   * @param receiver takes the values, on the UI thread
   * @throws NullPointerException if an argument is null
   */
  public LatestValue(BooleanSupplier onUiThread, Executor uiThread, Consumer<? super T> receiver) {
    this.onUiThread = Objects.requireNonNull(onUiThread, "onUiThread == null");
    this.uiThread = Objects.requireNonNull(uiThread, "uiThread == null");
    this.receiver = Objects.requireNonNull(receiver, "receiver == null");
  }

  /**
   * Hands {@code value} to the receiver: now if on the UI thread with nothing waiting, else
   * through one UI task that takes the latest value.
   *
   * @param value the newest value
   * @throws NullPointerException if {@code value} is null
   */
  public void offer(T value) {
    Objects.requireNonNull(value, "value == null");
    // The check-then-act is safe: offers never overlap, and only they fill the slot.
    if (waiting.get() == null && onUiThread.getAsBoolean()) {
      if (open) {
        receiver.accept(value);
      }
    } else if (waiting.getAndSet(value) == null) {
      uiThread.execute(takeWaiting);
    }
  }

  /** Stops the hand-over: a waiting value is dropped and later offers reach nobody. */
  public void close() {
    open = false;
  }

  private void takeWaiting() {
    T value = waiting.getAndSet(null);
    if (value != null && open) {
      receiver.accept(value);
    }
  }

  @Override
  public String toString() {
    return "LatestValue{" + (open ? waiting.get() == null ? "idle" : "waiting" : "closed") + "}";
  }
}
