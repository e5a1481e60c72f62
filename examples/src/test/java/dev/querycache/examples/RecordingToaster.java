package dev.querycache.examples;

import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Records every toast, for assertions. */
final class RecordingToaster implements Toaster {
  /** One toast: its kind ("success", "error", "undo"), message, and cause or offer. */
  record Toast(String kind, String message, @Nullable Throwable cause, @Nullable UndoOffer offer) {}

  final List<Toast> toasts = new CopyOnWriteArrayList<>();

  @Override
  public void success(String message) {
    toasts.add(new Toast("success", message, null, null));
  }

  @Override
  public void error(String message, Throwable cause) {
    toasts.add(new Toast("error", message, cause, null));
  }

  @Override
  public void undo(String message, UndoOffer offer) {
    toasts.add(new Toast("undo", message, null, offer));
  }

  List<Toast> ofKind(String kind) {
    return toasts.stream().filter(t -> t.kind().equals(kind)).toList();
  }
}
