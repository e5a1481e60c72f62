package dev.querycache.test;

import java.awt.EventQueue;
import java.awt.Toolkit;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The Event Dispatch Thread, for tests of Swing bindings that run on the test's own thread
 * with a Swing client ({@code SwingQueries.clientBuilder()}): the client delivers to the EDT
 * later, so a test lets the EDT catch up before it looks.
 *
 * <pre>{@code
 * client.setQueryData(key, List.of("write specs"));   // delivered to the EDT later
 * Edt.flush();                                        // everything queued there has run
 * assertThat(Edt.call(model::getRowCount)).isEqualTo(1);
 * }</pre>
 *
 * <p>Works headless (no display is needed for the EDT). Call these methods on the test's
 * thread, not on the EDT, where waiting for the EDT would wait for itself.
 *
 * @since 0.1.0
 */
public final class Edt {
  /** How many rounds {@link #flush()} runs at most before it stops waiting for a quiet queue. */
  static final int MAX_FLUSH_ROUNDS = 100;

  private Edt() {}

  /**
   * Waits until the EDT has run every event queued when this is called, and the events those
   * queued in turn (a delivery that posts another), until the event queue is empty. A queue
   * that never empties (a running {@code javax.swing.Timer}) stops the wait after
   * {@value #MAX_FLUSH_ROUNDS} rounds, without failing.
   *
   * @throws IllegalStateException if called on the EDT, or if interrupted while waiting
   */
  public static void flush() {
    checkOffEdt("Edt.flush");
    EventQueue queue = Toolkit.getDefaultToolkit().getSystemEventQueue();
    for (int round = 0; round < MAX_FLUSH_ROUNDS; round++) {
      if (call(() -> queue.peekEvent() == null)) {
        return;
      }
    }
  }

  /**
   * Runs {@code action} on the EDT and waits for it, rethrowing what it throws (a checked
   * exception wrapped in an {@link IllegalStateException}).
   *
   * @param action what to run there
   * @param <T> what it returns
   * @return what {@code action} returned
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if called on the EDT, or if interrupted while waiting
   */
  public static <T> T call(Callable<T> action) {
    Objects.requireNonNull(action, "action == null");
    checkOffEdt("Edt.call");
    Object[] result = new Object[1];
    try {
      EventQueue.invokeAndWait(() -> {
        try {
          result[0] = action.call();
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("the action threw on the EDT: " + e, e);
        }
      });
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the EDT", e);
    }
    @SuppressWarnings("unchecked") // the action's own result
    T value = (T) result[0];
    return value;
  }

  /**
   * Runs {@code action} on the EDT and waits for it, rethrowing what it throws.
   *
   * @param action what to run there
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if called on the EDT, or if interrupted while waiting
   */
  public static void run(Runnable action) {
    Objects.requireNonNull(action, "action == null");
    call(() -> {
      action.run();
      return null;
    });
  }

  private static void checkOffEdt(String method) {
    if (EventQueue.isDispatchThread()) {
      throw new IllegalStateException(method + " waits for the EDT, so it must be called on the test's"
          + " thread, not on the EDT (where it would wait for itself)");
    }
  }
}
