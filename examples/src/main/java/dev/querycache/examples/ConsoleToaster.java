package dev.querycache.examples;

import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A toaster that prints each toast as a line, and keeps the latest undo offer so that the
 * console walkthrough can take it (as a user clicks Undo). Thread-safe.
 */
final class ConsoleToaster implements Toaster {
  private final PrintStream out;
  private final AtomicReference<UndoOffer> latestOffer = new AtomicReference<>();

  ConsoleToaster(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out == null");
  }

  @Override
  public void success(String message) {
    out.println(ConsoleLine.of("toast", "success", message));
  }

  @Override
  public void error(String message, Throwable cause) {
    out.println(ConsoleLine.of("toast", "error", message + ": " + ConsoleLine.messageOf(cause)));
  }

  @Override
  public void undo(String message, UndoOffer offer) {
    latestOffer.set(offer);
    out.println(ConsoleLine.of("toast", "undo offer", message + " [Undo] (for " + offer.window().toSeconds() + " s)"));
  }

  /** The latest undo offer, removed so that it is taken once. */
  Optional<UndoOffer> takeUndoOffer() {
    return Optional.ofNullable(latestOffer.getAndSet(null));
  }
}
