package dev.querycache.test;

import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Toaster} that records every toast, for asserting which toasts a mutation showed
 * and which it did not:
 *
 * <pre>{@code
 * RecordingToaster toaster = new RecordingToaster();
 * QueryClient client = time.clientBuilder().toaster(toaster).build();
 * ...
 * assertThat(toaster.errors()).extracting(Toast::message).containsExactly("Failed to mark as read");
 * toaster.assertNoSuccessToasts();
 * }</pre>
 *
 * <p>Thread-safe: the client calls it on whichever thread settles a mutation.
 *
 * @since 0.1.0
 */
public final class RecordingToaster implements Toaster {
  private final List<Toast> toasts = new ArrayList<>(); // guarded by this

  /** A toaster with nothing recorded. */
  public RecordingToaster() {}

  /**
   * Records a success toast.
   *
   * @param message the toast's text
   * @throws NullPointerException if {@code message} is null
   */
  @Override
  public void success(String message) {
    record(new Toast(Toast.Kind.SUCCESS, message, null, null));
  }

  /**
   * Records an error toast.
   *
   * @param message the toast's text
   * @param cause what failed
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void error(String message, Throwable cause) {
    record(new Toast(Toast.Kind.ERROR, message, cause, null));
  }

  /**
   * Records an undo toast and its offer (which the test may {@linkplain UndoOffer#undo() take}).
   *
   * @param message the toast's text
   * @param offer the undo on offer
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void undo(String message, UndoOffer offer) {
    record(new Toast(Toast.Kind.UNDO, message, null, offer));
  }

  /**
   * Every toast so far.
   *
   * @return an immutable list, in the order shown
   */
  public synchronized List<Toast> toasts() {
    return List.copyOf(toasts);
  }

  /**
   * The success toasts so far.
   *
   * @return an immutable list, in the order shown
   */
  public List<Toast> successes() {
    return ofKind(Toast.Kind.SUCCESS);
  }

  /**
   * The error toasts so far.
   *
   * @return an immutable list, in the order shown
   */
  public List<Toast> errors() {
    return ofKind(Toast.Kind.ERROR);
  }

  /**
   * The undo toasts so far.
   *
   * @return an immutable list, in the order shown
   */
  public List<Toast> undos() {
    return ofKind(Toast.Kind.UNDO);
  }

  /**
   * The messages of every toast so far.
   *
   * @return an immutable list, in the order shown
   */
  public List<String> messages() {
    return toasts().stream().map(Toast::message).toList();
  }

  /**
   * The latest undo toast's offer.
   *
   * @return the offer
   * @throws AssertionError if no undo toast was shown; the message lists the toasts
   */
  public UndoOffer lastUndoOffer() {
    List<Toast> undos = undos();
    if (undos.isEmpty()) {
      throw new AssertionError("no undo toast was shown; " + listing());
    }
    return undos.get(undos.size() - 1).requireOffer();
  }

  /**
   * Fails unless no toast was shown.
   *
   * @throws AssertionError if any toast was shown; the message lists them
   */
  public void assertNoToasts() {
    if (!toasts().isEmpty()) {
      throw new AssertionError("expected no toasts; " + listing());
    }
  }

  /**
   * Fails if a success toast was shown: an optimistic mutation never shows one.
   *
   * @throws AssertionError if one was shown; the message lists every toast
   */
  public void assertNoSuccessToasts() {
    assertNone(Toast.Kind.SUCCESS);
  }

  /**
   * Fails if an error toast was shown.
   *
   * @throws AssertionError if one was shown; the message lists every toast
   */
  public void assertNoErrorToasts() {
    assertNone(Toast.Kind.ERROR);
  }

  /** Forgets every toast recorded so far. */
  public synchronized void clear() {
    toasts.clear();
  }

  /**
   * Lists the toasts, for failure messages.
   *
   * @return such as {@code RecordingToaster[error "Failed to mark as read" (...)]}
   */
  @Override
  public String toString() {
    return "RecordingToaster" + toasts();
  }

  private synchronized void record(Toast toast) {
    toasts.add(Objects.requireNonNull(toast));
  }

  private List<Toast> ofKind(Toast.Kind kind) {
    return toasts().stream().filter(toast -> toast.kind() == kind).toList();
  }

  private void assertNone(Toast.Kind kind) {
    if (!ofKind(kind).isEmpty()) {
      throw new AssertionError("expected no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " toasts; " + listing());
    }
  }

  private String listing() {
    List<Toast> all = toasts();
    return all.isEmpty() ? "none was shown" : "shown: " + all;
  }
}
