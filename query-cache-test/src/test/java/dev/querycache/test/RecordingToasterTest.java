package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.UndoOffer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RecordingToasterTest {
  final RecordingToaster toaster = new RecordingToaster();
  final UndoOffer offer = new UndoOffer() {
    @Override
    public Duration window() {
      return Duration.ofSeconds(60);
    }

    @Override
    public Duration remaining() {
      return window();
    }

    @Override
    public boolean isAvailable() {
      return true;
    }

    @Override
    public CompletableFuture<Void> undo() {
      return CompletableFuture.completedFuture(null);
    }
  };

  @Test
  void recordsEveryToastInOrder() {
    IOException cause = new IOException("503");
    toaster.success("Saved");
    toaster.error("Failed to save", cause);
    toaster.undo("Archived", offer);

    assertThat(toaster.toasts()).containsExactly(
        new Toast(Toast.Kind.SUCCESS, "Saved", null, null),
        new Toast(Toast.Kind.ERROR, "Failed to save", cause, null),
        new Toast(Toast.Kind.UNDO, "Archived", null, offer));
    assertThat(toaster.messages()).containsExactly("Saved", "Failed to save", "Archived");
  }

  @Test
  void selectsToastsByKind() {
    toaster.success("Saved");
    toaster.error("Failed to save", new IOException("503"));
    toaster.undo("Archived", offer);

    assertThat(toaster.successes()).extracting(Toast::message).containsExactly("Saved");
    assertThat(toaster.errors()).extracting(Toast::message).containsExactly("Failed to save");
    assertThat(toaster.undos()).extracting(Toast::message).containsExactly("Archived");
  }

  @Test
  void anErrorToastKeepsItsCause() {
    IOException cause = new IOException("503");

    toaster.error("Failed to save", cause);

    assertThat(toaster.errors().get(0).requireCause()).isSameAs(cause);
  }

  @Test
  void theLastUndoOfferCanBeTaken() {
    toaster.undo("Archived", offer);

    assertThat(toaster.lastUndoOffer()).isSameAs(offer);
  }

  @Test
  void askingForAnUndoOfferWhenNoneWasShownListsTheToasts() {
    toaster.error("Failed to archive", new IOException("503"));

    assertThatThrownBy(toaster::lastUndoOffer)
        .isInstanceOf(AssertionError.class)
        .hasMessage("no undo toast was shown; shown: [error \"Failed to archive\" (java.io.IOException: 503)]");
  }

  @Test
  void assertNoSuccessToastsFailsListingTheToasts() {
    toaster.success("Marked as read");

    assertThatThrownBy(toaster::assertNoSuccessToasts)
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected no success toasts; shown: [success \"Marked as read\"]");
  }

  @Test
  void assertNoSuccessToastsPassesWithOnlyErrors() {
    toaster.error("Failed to mark as read", new IOException("503"));

    toaster.assertNoSuccessToasts();
  }

  @Test
  void assertNoErrorToastsFailsListingTheToasts() {
    toaster.error("Failed to mark as read", new IOException("503"));

    assertThatThrownBy(toaster::assertNoErrorToasts)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected no error toasts");
  }

  @Test
  void assertNoToastsFailsOnAnyToast() {
    toaster.undo("Archived", offer);

    assertThatThrownBy(toaster::assertNoToasts)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("undo \"Archived\" (undo for PT1M)");
  }

  @Test
  void clearForgetsTheToasts() {
    toaster.success("Saved");

    toaster.clear();

    toaster.assertNoToasts();
  }

  @Test
  void aToastRejectsACauseOnAToastThatIsNotAnError() {
    assertThatThrownBy(() -> new Toast(Toast.Kind.SUCCESS, "Saved", new IOException("x"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cause");
  }

  @Test
  void anErrorToastNeedsACause() {
    assertThatThrownBy(() -> toaster.error("Failed", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("cause");
  }
}
