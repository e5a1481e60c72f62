package dev.querycache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An undo a toaster can offer after an undoable mutation succeeded: valid for a window of
 * time (60 s by default), after which it is gone. Thread-safe.
 *
 * @since 0.1.0
 */
public interface UndoOffer {
  /**
   * How long the offer lasts from when it was made.
   *
   * @return the window
   */
  Duration window();

  /**
   * How long is left, on the client's clock.
   *
   * @return the remaining time; zero once expired or used
   */
  Duration remaining();

  /**
   * Whether {@link #undo()} would still do something.
   *
   * @return {@code true} until the window ends or the undo is used
   */
  boolean isAvailable();

  /**
   * Runs the reverse operation as a mutation of its own (optimistic when the mutation
   * declared how to undo its patches, with its own rollback and error toast). Only the first
   * call within the window does anything.
   *
   * @return a future of the reverse operation's outcome; it fails with
   *     {@link IllegalStateException} if the offer expired or was already used
   */
  CompletableFuture<Void> undo();
}
