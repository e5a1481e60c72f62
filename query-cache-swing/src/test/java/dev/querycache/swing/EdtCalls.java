package dev.querycache.swing;

import dev.querycache.test.Edt;
import java.awt.Component;
import java.awt.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.swing.SwingUtilities;

/**
 * For tests that run on their own thread and hand Swing work to the EDT one step at a time
 * (so that, between steps, what the code under test posted with {@code invokeLater} runs),
 * and that look for components by name.
 */
final class EdtCalls {
  private EdtCalls() {}

  /** Every component named {@code name} under {@code root}, depth first. */
  static List<Component> named(Container root, String name) {
    List<Component> found = new ArrayList<>();
    for (Component child : root.getComponents()) {
      if (name.equals(child.getName())) {
        found.add(child);
      }
      if (child instanceof Container) {
        found.addAll(named((Container) child, name));
      }
    }
    return found;
  }

  /** Runs {@code body} on the EDT and waits, rethrowing what it throws. */
  static void run(ThrowingRunnable body) {
    call(() -> {
      body.run();
      return null;
    });
  }

  /**
   * Calls {@code body} on the EDT and waits (at once if already there), rethrowing what it
   * throws; off the EDT, through the kit's {@link Edt#call}.
   */
  static <R> R call(Callable<R> body) {
    if (!SwingUtilities.isEventDispatchThread()) {
      return Edt.call(body);
    }
    try {
      return body.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A runnable that may throw. */
  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
