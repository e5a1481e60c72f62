package dev.querycache.internal.runtime;

import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * Runs the application's code on the library's behalf, and holds the one rule for what such
 * code may throw. Every kind of callback goes through here: query listeners, cache listeners
 * and mutation observers (through {@link Notifier.Channel}), toasters, cancellation callbacks,
 * mutation callbacks and client hooks, the functions a mutation is configured with (error
 * and undo messages, undo ids, invalidation sets), retry policies, and the application's
 * executors and scheduler.
 *
 * <p><b>The rule.</b> Whatever a callback throws is caught: unchecked exceptions, checked
 * ones thrown where Java does not expect them (Kotlin code, {@code @SneakyThrows}), errors
 * of the application's own, and virtual-machine errors ({@link StackOverflowError},
 * {@link OutOfMemoryError}) alike. The transition the callback was told about stands, and
 * the library's next steps go on: the other listeners of the batch are served, a run
 * settles, a fetch's waiters are completed. What was thrown is reported on the
 * {@code dev.querycache.Callbacks} logger, at {@code WARNING}, or at {@code ERROR} for a
 * {@link VirtualMachineError}, whose stack has unwound by the time it is logged. Where a
 * callback's failure has a meaning of its own (a throw from {@code onSuccess} fails the run),
 * {@link #capture} hands it back instead of logging it.
 *
 * <p>Why virtual-machine errors are isolated rather than rethrown: a callback runs on a
 * thread that did not cause its failure (the thread that wrote the data, the UI thread, a
 * fetch thread completing a future, whose {@link java.util.concurrent.CompletableFuture}
 * would swallow a rethrow anyway). Rethrowing there would leave the rest of a transition
 * unserved (other screens showing a rolled-back patch) for the sake of an error the library
 * cannot handle better than by reporting it loudly and finishing its own bookkeeping.
 */
public final class Callbacks {
  // The name applications configure (see docs/queries-and-observers.md), whatever package the
  // class sits in.
  private static final System.Logger LOG = System.getLogger("dev.querycache.Callbacks");

  private Callbacks() {}

  /** A piece of application code, which may throw anything. */
  @FunctionalInterface
  public interface Body {
    void run() throws Throwable;
  }

  /**
   * Runs {@code body}; reports what it throws (see the class comment) and returns normally.
   *
   * @param what names the callback in the report, such as {@code "a query listener"}
   * @param subject what the callback was about (a key, a mutation), rendered only if it
   *     throws; may be null
   * @return whether {@code body} returned normally
   */
  public static boolean run(String what, @Nullable Object subject, Body body) {
    try {
      body.run();
      return true;
    } catch (Throwable thrown) {
      report(what, subject, thrown);
      return false;
    }
  }

  /**
   * Runs {@code body} and returns what it threw, or null, for a caller that gives the failure
   * a meaning (a run's error). A {@link VirtualMachineError} is also reported at once, so it
   * is never silent.
   */
  public static @Nullable Throwable capture(Body body) {
    try {
      body.run();
      return null;
    } catch (Throwable thrown) {
      return captured(thrown);
    }
  }

  /**
   * {@code thrown}, which application code threw and its caller gives a meaning (a run's
   * error), as {@link #capture} returns it: a {@link VirtualMachineError} is also logged at once.
   */
  public static Throwable captured(Throwable thrown) {
    if (thrown instanceof VirtualMachineError) {
      LOG.log(Level.ERROR, "application code threw " + thrown
          + "; it becomes the failure of what ran it, but the JVM may be in trouble", thrown);
    }
    return thrown;
  }

  /** Reports {@code thrown}, thrown by {@code what} about {@code subject}. */
  public static void report(String what, @Nullable Object subject, Throwable thrown) {
    String about = subject == null ? "" : " (for " + subject + ")";
    if (thrown instanceof VirtualMachineError) {
      LOG.log(Level.ERROR, what + " threw " + thrown + about
          + "; it was isolated and the library went on, but the JVM may be in trouble", thrown);
    } else {
      LOG.log(Level.WARNING, what + " threw" + about + "; it was isolated and the library went on", thrown);
    }
  }
}
