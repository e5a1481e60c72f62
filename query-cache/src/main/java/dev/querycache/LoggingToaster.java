package dev.querycache;

import java.lang.System.Logger.Level;

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
