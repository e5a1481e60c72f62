package dev.querycache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A toaster that records every toast as text ("success:msg", "error:msg" or "undo:msg"), the
 * causes of the error toasts and the undo offers. {@link #withCauseMessages()} records error
 * toasts as "error:msg:causeMessage" instead; {@link #onEveryToast(Runnable)} adds an action run
 * after each toast is recorded.
 */
final class RecordingToaster implements Toaster {
  final List<String> toasts = new CopyOnWriteArrayList<>();
  final List<Throwable> causes = new CopyOnWriteArrayList<>();
  final List<UndoOffer> offers = new CopyOnWriteArrayList<>();
  private final boolean causeMessages;
  private final Runnable afterToast;

  RecordingToaster() {
    this(false, () -> {});
  }

  private RecordingToaster(boolean causeMessages, Runnable afterToast) {
    this.causeMessages = causeMessages;
    this.afterToast = afterToast;
  }

  /** A fresh toaster like this one that appends the cause's message to error toasts. */
  RecordingToaster withCauseMessages() {
    return new RecordingToaster(true, afterToast);
  }

  /** A fresh toaster like this one that runs {@code action} after recording each toast. */
  RecordingToaster onEveryToast(Runnable action) {
    return new RecordingToaster(causeMessages, action);
  }

  @Override
  public void success(String message) {
    toasts.add("success:" + message);
    afterToast.run();
  }

  @Override
  public void error(String message, Throwable cause) {
    toasts.add(causeMessages ? "error:" + message + ":" + cause.getMessage() : "error:" + message);
    causes.add(cause);
    afterToast.run();
  }

  @Override
  public void undo(String message, UndoOffer offer) {
    toasts.add("undo:" + message);
    offers.add(offer);
    afterToast.run();
  }
}
