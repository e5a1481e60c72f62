package dev.querycache.tests;

import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.Toast;
import java.util.List;

/**
 * The toasts a kit {@link RecordingToaster} recorded, in the one-line text form the
 * specifications compare: {@code "success:Saved"}, {@code "error:Could not save"},
 * {@code "undo:Archived"}; with {@link #textsWithCauses(RecordingToaster)} an error toast also
 * carries its cause's message ({@code "error:Could not save:boom"}), which the fault suites use
 * to check which failure a toast reports.
 */
final class ToastTexts {
  private ToastTexts() {}

  /** Every toast so far as {@code kind:message}, in the order shown. */
  static List<String> texts(RecordingToaster toaster) {
    return toaster.toasts().stream().map(toast -> kind(toast) + ":" + toast.message()).toList();
  }

  /** Like {@link #texts(RecordingToaster)}, with {@code :causeMessage} after error toasts. */
  static List<String> textsWithCauses(RecordingToaster toaster) {
    return toaster.toasts().stream()
        .map(toast -> toast.kind() == Toast.Kind.ERROR
            ? "error:" + toast.message() + ":" + toast.requireCause().getMessage()
            : kind(toast) + ":" + toast.message())
        .toList();
  }

  /** The causes of the error toasts, in the order shown. */
  static List<Throwable> causes(RecordingToaster toaster) {
    return toaster.errors().stream().map(Toast::requireCause).toList();
  }

  /** The offers of the undo toasts, in the order shown. */
  static List<UndoOffer> offers(RecordingToaster toaster) {
    return toaster.undos().stream().map(Toast::requireOffer).toList();
  }

  /**
   * A toaster that hands each toast to {@code toaster} and then runs {@code action}, for
   * specifications that record when a toast is shown relative to other events.
   */
  static Toaster thenRun(Toaster toaster, Runnable action) {
    return new Toaster() {
      @Override
      public void success(String message) {
        toaster.success(message);
        action.run();
      }

      @Override
      public void error(String message, Throwable cause) {
        toaster.error(message, cause);
        action.run();
      }

      @Override
      public void undo(String message, UndoOffer offer) {
        toaster.undo(message, offer);
        action.run();
      }
    };
  }

  private static String kind(Toast toast) {
    return toast.kind().name().toLowerCase(java.util.Locale.ROOT);
  }
}
