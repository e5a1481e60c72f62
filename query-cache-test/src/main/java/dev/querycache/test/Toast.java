package dev.querycache.test;

import dev.querycache.UndoOffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One toast a {@link RecordingToaster} received.
 *
 * @param kind success, error or undo
 * @param message the toast's text, such as "Failed to mark as read"
 * @param cause what failed, for an error toast; else {@code null}
 * @param offer the undo on offer, for an undo toast; else {@code null}
 * @since 0.1.0
 */
public record Toast(Kind kind, String message, @Nullable Throwable cause, @Nullable UndoOffer offer) {
  /** Which of the {@link dev.querycache.Toaster}'s methods was called. */
  public enum Kind {
    /** {@link dev.querycache.Toaster#success(String)}. */
    SUCCESS,
    /** {@link dev.querycache.Toaster#error(String, Throwable)}. */
    ERROR,
    /** {@link dev.querycache.Toaster#undo(String, UndoOffer)}. */
    UNDO
  }

  /**
   * Checks the fields.
   *
   * @param kind success, error or undo
   * @param message the toast's text
   * @param cause the failure of an error toast
   * @param offer the offer of an undo toast
   * @throws NullPointerException if {@code kind} or {@code message} is null, an error toast has
   *     no cause or an undo toast no offer
   * @throws IllegalArgumentException if a cause or offer is given to a toast of another kind
   */
  public Toast {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(message, "message == null");
    if (kind == Kind.ERROR) {
      Objects.requireNonNull(cause, "cause == null (an error toast has a cause)");
    } else if (cause != null) {
      throw new IllegalArgumentException("cause is for error toasts only, not " + kind);
    }
    if (kind == Kind.UNDO) {
      Objects.requireNonNull(offer, "offer == null (an undo toast has an offer)");
    } else if (offer != null) {
      throw new IllegalArgumentException("offer is for undo toasts only, not " + kind);
    }
  }

  /**
   * The cause of an error toast.
   *
   * @return the cause
   * @throws IllegalStateException if this is not an error toast
   */
  public Throwable requireCause() {
    if (cause == null) {
      throw new IllegalStateException("a " + kind + " toast has no cause: " + this);
    }
    return cause;
  }

  /**
   * The offer of an undo toast.
   *
   * @return the offer
   * @throws IllegalStateException if this is not an undo toast
   */
  public UndoOffer requireOffer() {
    if (offer == null) {
      throw new IllegalStateException("a " + kind + " toast has no undo offer: " + this);
    }
    return offer;
  }

  /**
   * Describes the toast for failure messages.
   *
   * @return such as {@code error "Failed to mark as read" (java.io.IOException: 503)}
   */
  @Override
  public String toString() {
    String text = kind.name().toLowerCase(java.util.Locale.ROOT) + " \"" + message + "\"";
    if (cause != null) {
      text += " (" + cause + ")";
    }
    if (offer != null) {
      text += " (undo for " + offer.window() + ")";
    }
    return text;
  }
}
