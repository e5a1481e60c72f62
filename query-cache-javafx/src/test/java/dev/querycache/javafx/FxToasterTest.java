package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.UndoOffer;
import dev.querycache.test.FxThread;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link FxToaster}: what each kind of toast shows, how long it stays, the
 * undo button, the stack's limit and place, and its style hooks. The toaster's clock is the
 * kit's virtual time; no timeline runs, the test ticks.
 */
class FxToasterTest {
  private final VirtualTime time = new VirtualTime();
  private final StackPane host = FxThread.call(StackPane::new);
  private final FxToaster toaster = new FxToaster(host, time, false);

  @BeforeAll
  static void startFx() {
    FxThread.start();
  }

  /** An offer whose window the test's clock runs, and whose undo the test settles. */
  private final class Offer implements UndoOffer {
    final CompletableFuture<Void> outcome = new CompletableFuture<>();
    final AtomicInteger undos = new AtomicInteger();
    final long until = time.read() + Duration.ofSeconds(10).toNanos();

    @Override
    public Duration window() {
      return Duration.ofSeconds(10);
    }

    @Override
    public Duration remaining() {
      return Duration.ofNanos(Math.max(0, until - time.read()));
    }

    @Override
    public boolean isAvailable() {
      return undos.get() == 0 && time.read() < until;
    }

    @Override
    public CompletableFuture<Void> undo() {
      undos.incrementAndGet();
      return outcome;
    }
  }

  private ToastView only() {
    return FxThread.call(() -> {
      assertThat(toaster.toasts()).hasSize(1);
      return toaster.toasts().get(0);
    });
  }

  /** Lets the toasts asked for so far show (at the time they were asked for), then moves on. */
  private void advanceAndTick(Duration amount) {
    FxThread.flush();
    time.advance(amount);
    FxThread.run(toaster::tick);
  }

  @Test
  void anErrorShowsTheMessageThePersonsWordsAndDetails() {
    toaster.error("Failed to archive", new IOException("java.io.IOException: 503 Service Unavailable"));

    ToastView toast = only();
    FxThread.run(() -> {
      assertThat(toast.getStyleClass()).contains("toast", "toast-error");
      assertThat(toast.message().getText()).isEqualTo("Failed to archive");
      assertThat(toast.reason().getText()).isEqualTo("503 Service Unavailable");
      assertThat(toast.detailsText().isVisible()).isFalse();
      toast.details().fire();
      assertThat(toast.detailsText().isVisible()).isTrue();
      assertThat(toast.detailsText().getText()).startsWith("java.io.IOException");
    });
  }

  @Test
  void anErrorGoesAfterEightSecondsUnlessItsDetailsAreOpen() {
    toaster.error("Failed to archive", new IOException("down"));
    toaster.error("Failed to star", new IOException("down"));
    FxThread.flush();
    FxThread.run(() -> toaster.toasts().get(1).details().fire());

    advanceAndTick(Duration.ofSeconds(8));

    FxThread.run(() -> assertThat(toaster.toasts()).extracting(toast -> toast.message().getText())
        .containsExactly("Failed to star"));
  }

  @Test
  void aSuccessGoesAfterFourSeconds() {
    toaster.success("Saved");
    advanceAndTick(Duration.ofSeconds(3));
    assertThat(FxThread.call(() -> toaster.toasts().size())).isEqualTo(1);

    advanceAndTick(Duration.ofSeconds(1));

    assertThat(FxThread.call(() -> toaster.toasts().size())).isZero();
  }

  @Test
  void anUndoOfferCountsDownAndUndoesOnce() {
    Offer offer = new Offer();
    toaster.undo("Archived", offer);
    ToastView toast = only();
    advanceAndTick(Duration.ofMillis(2500));
    assertThat(FxThread.call(() -> toast.countdown().getText())).isEqualTo("8 s");

    FxThread.run(() -> {
      toast.undo().fire();
      toast.undo().fire();
    });

    assertThat(offer.undos).hasValue(1);
    assertThat(FxThread.call(() -> toast.undo().isDisabled())).isTrue();
    offer.outcome.complete(null);
    FxThread.flush();
    assertThat(FxThread.call(() -> toaster.toasts().size())).isZero();
  }

  @Test
  void anUndoToastGoesWhenItsWindowEnds() {
    toaster.undo("Archived", new Offer());

    advanceAndTick(Duration.ofSeconds(10));

    assertThat(FxThread.call(() -> toaster.toasts().size())).isZero();
  }

  @Test
  void aSixthToastDismissesTheOldest() {
    for (int i = 1; i <= 6; i++) {
      toaster.success("Saved " + i);
    }

    FxThread.run(() -> assertThat(toaster.toasts()).extracting(toast -> toast.message().getText())
        .containsExactly("Saved 2", "Saved 3", "Saved 4", "Saved 5", "Saved 6"));
  }

  @Test
  void theCloseButtonDismisses() {
    toaster.success("Saved");

    ToastView toast = only();
    FxThread.run(() -> toast.close().fire());

    assertThat(FxThread.call(() -> toaster.toasts().size())).isZero();
  }

  @Test
  void theStackJoinsTheHostWithItsFirstToastAndLeavesWithItsLast() {
    assertThat(FxThread.call(() -> host.getChildren().size())).isZero();

    toaster.success("Saved");
    assertThat(FxThread.call(() -> host.getChildren().contains(toaster.stack()))).isTrue();

    FxThread.run(toaster::dismissAll);
    assertThat(FxThread.call(() -> host.getChildren().contains(toaster.stack()))).isFalse();
  }

  @Test
  void theStackCarriesItsStylesheetAndStyleClass() {
    toaster.success("Saved");

    FxThread.run(() -> {
      assertThat(toaster.stack().getStyleClass()).contains("toast-stack");
      assertThat(host.getChildren().get(0).getStyleClass()).contains("toast-stack");
      assertThat(((javafx.scene.Parent) toaster.stack()).getStylesheets()).singleElement().asString().endsWith("toasts.css");
    });
  }

  @Test
  void toastsAskedForOffTheFxThreadShowOnIt() {
    toaster.success("Saved"); // this test's thread is not the FX thread
    FxThread.flush();

    assertThat(FxThread.call(() -> toaster.toasts().size())).isEqualTo(1);
  }

  @Test
  void missingArgumentsAreNamed() {
    assertThatThrownBy(() -> toaster.error("Failed", null)).hasMessage("cause == null");
    assertThatThrownBy(() -> toaster.undo(null, new Offer())).hasMessage("message == null");
    assertThatThrownBy(() -> toaster.errorDuration(Duration.ZERO)).hasMessage("duration must be positive: PT0S");
    assertThatThrownBy(() -> new FxToaster(null)).hasMessage("host == null");
  }

  @Test
  void dismissingAllOffTheFxThreadIsRefused() {
    assertThatThrownBy(toaster::dismissAll).isInstanceOf(IllegalStateException.class);
  }
}
