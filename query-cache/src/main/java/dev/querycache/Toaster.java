package dev.querycache;

import java.lang.System.Logger.Level;

/**
 * The mutations' voice: where the library sends the toasts of the mutation cycle. The Swing
 * and JavaFX modules show them as toasts; the default {@linkplain #logging() logs} them. Set
 * one with {@link QueryClientBuilder#toaster(Toaster)}.
 *
 * <p>The rules, applied by the library: an optimistic mutation never toasts success (the UI
 * already changed); every failure toasts an error with the mutation's message and the cause;
 * an undoable success toasts an undo offer instead; a non-optimistic mutation toasts success
 * only when given a success message. A cancelled fetch is never a toast.
 *
 * <p>Methods are called on the client's notify executor, after the mutation's callbacks: the
 * EDT for a {@code SwingQueries.clientBuilder()} client. With another notify executor (the
 * default runs on the thread that settles the mutation), an implementation that touches a
 * UI must hand the work to the UI thread. A toaster that
 * throws (anything: see {@link QueryObserver} for the rule) is logged; the mutation's outcome
 * is unaffected. No toast is shown for a run that the client's close cut short.
 *
 * @since 0.1.0
 */
public interface Toaster {
  /**
   * A write succeeded (only non-optimistic mutations with a success message say so).
   *
   * @param message the mutation's success message
   */
  void success(String message);

  /**
   * A write failed.
   *
   * @param message the mutation's error message, such as "Failed to mark as read"
   * @param cause what failed
   */
  void error(String message, Throwable cause);

  /**
   * A write succeeded and can be undone for a while.
   *
   * @param message what was done, such as "Archived"
   * @param offer the undo: its window and the action to run
   */
  void undo(String message, UndoOffer offer);

  /**
   * A toaster that writes each toast to the {@code dev.querycache.Toaster} logger: success at
   * INFO, error at WARNING with the cause, undo offers at INFO.
   *
   * @return the logging toaster
   */
  static Toaster logging() {
    return LoggingToaster.INSTANCE;
  }
}

/** {@link Toaster#logging()}. */
final class LoggingToaster implements Toaster {
  static final LoggingToaster INSTANCE = new LoggingToaster();

  private static final System.Logger LOG = System.getLogger(Toaster.class.getName());

  private LoggingToaster() {}

  @Override
  public void success(String message) {
    java.util.Objects.requireNonNull(message, "message == null");
    LOG.log(Level.INFO, message);
  }

  @Override
  public void error(String message, Throwable cause) {
    java.util.Objects.requireNonNull(message, "message == null");
    java.util.Objects.requireNonNull(cause, "cause == null");
    LOG.log(Level.WARNING, message, cause);
  }

  @Override
  public void undo(String message, UndoOffer offer) {
    java.util.Objects.requireNonNull(message, "message == null");
    java.util.Objects.requireNonNull(offer, "offer == null");
    LOG.log(Level.INFO, message + " (undo available for " + offer.window().toSeconds() + " s)");
  }
}
