package dev.querycache;

import java.lang.System.Logger.Level;

/** {@link Toaster#logging()}. */
final class LoggingToaster implements Toaster {
  static final LoggingToaster INSTANCE = new LoggingToaster();

  private static final System.Logger LOG = System.getLogger(Toaster.class.getName());

  private LoggingToaster() {}

  @Override
  public void success(String message) {
    LOG.log(Level.INFO, message);
  }

  @Override
  public void error(String message, Throwable cause) {
    LOG.log(Level.WARNING, message, cause);
  }

  @Override
  public void undo(String message, UndoOffer offer) {
    LOG.log(Level.INFO, message + " (undo available for " + offer.window().toSeconds() + " s)");
  }
}
