package dev.querycache.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.UndoOffer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link ToastLifetime}: a timed toast goes when its lifetime runs out,
 * pinning holds it and unpinning starts the time again; an undo toast goes when its offer
 * ends, unless the undo was taken. Times are plain nanosecond readings.
 */
class ToastLifetimeTest {
  private static final long SECOND = 1_000_000_000L;

  /** An offer whose availability the test sets. */
  private static final class Offer implements UndoOffer {
    boolean available = true;

    @Override
    public Duration window() {
      return Duration.ofSeconds(10);
    }

    @Override
    public Duration remaining() {
      return available ? Duration.ofSeconds(3) : Duration.ZERO;
    }

    @Override
    public boolean isAvailable() {
      return available;
    }

    @Override
    public CompletableFuture<Void> undo() {
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void aTimedToastGoesWhenItsLifetimeRunsOut() {
    ToastLifetime lifetime = ToastLifetime.timed(Duration.ofSeconds(4), 100 * SECOND);

    assertThat(lifetime.isDue(103 * SECOND)).isFalse();
    assertThat(lifetime.isDue(104 * SECOND)).isTrue();
  }

  @Test
  void aPinnedToastStaysAndUnpinningStartsItsLifetimeAgain() {
    ToastLifetime lifetime = ToastLifetime.timed(Duration.ofSeconds(4), 0);

    lifetime.pin();
    assertThat(lifetime.isDue(60 * SECOND)).isFalse();
    lifetime.unpin(60 * SECOND);

    assertThat(lifetime.isDue(63 * SECOND)).isFalse();
    assertThat(lifetime.isDue(64 * SECOND)).isTrue();
  }

  @Test
  void anUndoToastStaysWhileItsOfferIsAvailableAndGoesWhenItEnds() {
    Offer offer = new Offer();
    ToastLifetime lifetime = ToastLifetime.untilUndoEnds(offer);

    assertThat(lifetime.isDue(Long.MAX_VALUE)).isFalse();
    offer.available = false;
    assertThat(lifetime.isDue(0)).isTrue();
  }

  @Test
  void anUndoToastWhoseUndoWasTakenDoesNotGoWhenTheWindowEnds() {
    Offer offer = new Offer();
    ToastLifetime lifetime = ToastLifetime.untilUndoEnds(offer);

    lifetime.undoTaken();
    offer.available = false;

    assertThat(lifetime.isDue(0)).isFalse();
  }

  @Test
  void theCountdownShowsWholeSecondsLeftRoundedUp() {
    assertThat(ToastLifetime.countdownText(Duration.ofMillis(42_001))).isEqualTo("43 s");
    assertThat(ToastLifetime.countdownText(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(ToastLifetime.countdownText(Duration.ZERO)).isEqualTo("0 s");
    assertThat(ToastLifetime.countdownText(Duration.ofSeconds(-5))).isEqualTo("0 s");
    assertThat(ToastLifetime.countdownText(ChronoUnit.FOREVER.getDuration())).isEqualTo("9223372037 s");
  }

  @Test
  void aLifetimeMustBePositive() {
    assertThatThrownBy(() -> ToastLifetime.timed(Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifetime");
    assertThatThrownBy(() -> ToastLifetime.timed(null, 0))
        .isInstanceOf(NullPointerException.class).hasMessage("lifetime == null");
    assertThatThrownBy(() -> ToastLifetime.untilUndoEnds(null))
        .isInstanceOf(NullPointerException.class).hasMessage("offer == null");
  }
}
