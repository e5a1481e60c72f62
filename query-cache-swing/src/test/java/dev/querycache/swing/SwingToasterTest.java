package dev.querycache.swing;

import static dev.querycache.swing.EdtCalls.call;
import static dev.querycache.swing.EdtCalls.named;
import static dev.querycache.swing.EdtCalls.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.querycache.UndoOffer;
import dev.querycache.test.VirtualTime;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JLayeredPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.border.Border;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link SwingToaster}: toasts as components in a layered pane, checked in
 * the component tree. Time is the kit's virtual time and {@link SwingToaster#tick()} stands in
 * for the Swing timer; everything Swing runs on the EDT.
 */
class SwingToasterTest {
  private final VirtualTime time = new VirtualTime();
  private final JLayeredPane pane = call(() -> {
    JLayeredPane created = new JLayeredPane();
    created.setSize(800, 600);
    return created;
  });
  private final SwingToaster toaster = new SwingToaster(() -> pane, time, false);

  private void advance(Duration amount) {
    time.advance(amount);
  }

  // ---- errors --------------------------------------------------------------------------------

  @Test
  void errorToastShowsTheMessageInTheLayeredPane() {
    run(() -> toaster.error("Failed to mark as read", new IOException("connection refused")));

    run(() -> {
      assertThat(named(pane, "toast:error")).hasSize(1);
      assertThat(label("toast.message").getText()).isEqualTo("Failed to mark as read");
    });
  }

  @Test
  void errorToastSaysTheErrorsOwnWordsUnderTheMessageNeverItsClass() {
    run(() -> toaster.error("Failed to archive",
        new CompletionException(new IOException("503 Service Unavailable"))));

    run(() -> {
      assertThat(label("toast.reason").getText()).isEqualTo("503 Service Unavailable");
      assertThat(component("toast.detailsText", JTextArea.class).getText())
          .contains("CompletionException").contains("java.io.IOException: 503 Service Unavailable");
    });
  }

  @Test
  void aWrappersClassNameIsTakenOffTheWords() {
    run(() -> toaster.error("Failed to archive", new RuntimeException(new IOException("disk full"))));

    run(() -> assertThat(label("toast.reason").getText()).isEqualTo("disk full"));
  }

  @Test
  void anErrorWithoutWordsOfItsOwnShowsTheMessageAlone() {
    run(() -> toaster.error("Failed to archive", new IllegalStateException()));

    run(() -> assertThat(named(pane, "toast.reason")).isEmpty());
  }

  @Test
  void toastColoursComeFromTheLookAndFeel() {
    UIManager.put("Actions.Red", new Color(0x12, 0x34, 0x56));
    try {
      run(() -> toaster.error("Failed", new IOException("x")));

      run(() -> {
        Border border = component("toast:error", JPanel.class).getBorder();
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        border.paintBorder(component("toast:error", JPanel.class), graphics, 0, 0, 40, 20);
        graphics.dispose();
        assertThat(image.getRGB(2, 10) & 0xFFFFFF).isEqualTo(0x123456); // the accent strip, inside the outer line
      });
    } finally {
      UIManager.put("Actions.Red", null);
    }
  }

  @Test
  void toastCalledOffTheEdtIsShownOnTheEdt() throws Exception {
    toaster.error("Failed to mark as read", new IOException("connection refused"));
    SwingUtilities.invokeAndWait(() -> { }); // let the hand-over run

    run(() -> assertThat(label("toast.message").getText()).isEqualTo("Failed to mark as read"));
  }

  @Test
  void detailsAreHiddenUntilDetailsIsClicked() {
    run(() -> toaster.error("Failed", new IOException("connection refused")));

    run(() -> assertThat(component("toast.detailsPane", JScrollPane.class).isVisible()).isFalse());
  }

  @Test
  void clickingDetailsShowsTheCauseClassAndMessageAndItsCauses() {
    IOException cause = new IOException("connection refused", new IllegalStateException("socket closed"));
    run(() -> toaster.error("Failed to mark as read", cause));

    run(() -> {
      button("toast.details").doClick();
      assertThat(component("toast.detailsPane", JScrollPane.class).isVisible()).isTrue();
      assertThat(component("toast.detailsText", JTextArea.class).getText())
          .isEqualTo("java.io.IOException: connection refused\n"
              + "Caused by: java.lang.IllegalStateException: socket closed");
      assertThat(button("toast.details").getText()).isEqualTo("Hide details");
    });
  }

  @Test
  void errorToastStaysUntilEightSeconds() {
    run(() -> toaster.error("Failed", new IOException()));

    advance(Duration.ofMillis(7_999));
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:error")).hasSize(1);
    });
  }

  @Test
  void errorToastIsDismissedAfterEightSeconds() {
    run(() -> toaster.error("Failed", new IOException()));

    advance(SwingToaster.DEFAULT_ERROR_DURATION);
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:error")).isEmpty();
      assertThat(pane.getComponentCount()).isZero();
    });
  }

  @Test
  void errorToastWithOpenDetailsStaysPastItsTime() {
    run(() -> toaster.error("Failed", new IOException()));
    run(() -> button("toast.details").doClick());

    advance(Duration.ofMinutes(5));
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:error")).hasSize(1);
    });
  }

  @Test
  void closingTheDetailsStartsTheErrorToastsTimeAgain() {
    run(() -> toaster.error("Failed", new IOException()));
    run(() -> button("toast.details").doClick());
    advance(Duration.ofMinutes(5));
    run(() -> button("toast.details").doClick());

    advance(Duration.ofSeconds(7));
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:error")).hasSize(1);
    });
    advance(Duration.ofSeconds(1));
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:error")).isEmpty();
    });
  }

  @Test
  void configuredErrorDurationApplies() {
    toaster.errorDuration(Duration.ofSeconds(2));
    run(() -> toaster.error("Failed", new IOException()));

    advance(Duration.ofSeconds(2));
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:error")).isEmpty();
    });
  }

  // ---- successes -----------------------------------------------------------------------------

  @Test
  void successToastShowsTheMessage() {
    run(() -> toaster.success("Saved"));

    run(() -> {
      assertThat(named(pane, "toast:success")).hasSize(1);
      assertThat(label("toast.message").getText()).isEqualTo("Saved");
      assertThat(named(pane, "toast.details")).isEmpty();
    });
  }

  @Test
  void successToastIsDismissedAfterFourSeconds() {
    run(() -> toaster.success("Saved"));

    advance(Duration.ofMillis(3_999));
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:success")).hasSize(1);
    });
    advance(Duration.ofMillis(1));
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:success")).isEmpty();
    });
  }

  @Test
  void closeButtonDismissesAToast() {
    run(() -> toaster.success("Saved"));

    run(() -> {
      button("toast.close").doClick();
      assertThat(pane.getComponentCount()).isZero();
    });
  }

  // ---- undo ----------------------------------------------------------------------------------

  @Test
  void undoToastShowsTheMessageAndTheTimeLeft() {
    run(() -> toaster.undo("Archived", new FakeOffer(Duration.ofSeconds(60))));

    run(() -> {
      assertThat(label("toast.message").getText()).isEqualTo("Archived");
      assertThat(label("toast.countdown").getText()).isEqualTo("60 s");
      assertThat(button("toast.undo").isEnabled()).isTrue();
    });
  }

  @Test
  void undoCountdownFollowsTheOfferWhenTicked() {
    run(() -> toaster.undo("Archived", new FakeOffer(Duration.ofSeconds(60))));

    advance(Duration.ofMillis(15_500));
    run(() -> {
      toaster.tick();
      assertThat(label("toast.countdown").getText()).isEqualTo("45 s");
    });
  }

  @Test
  void undoButtonCallsUndoOnceHoweverOftenClicked() {
    FakeOffer offer = new FakeOffer(Duration.ofSeconds(60));
    run(() -> toaster.undo("Archived", offer));

    run(() -> {
      button("toast.undo").doClick();
      button("toast.undo").doClick();
      assertThat(offer.undoCalls).isEqualTo(1);
      assertThat(button("toast.undo").isEnabled()).isFalse();
    });
  }

  @Test
  void undoToastGoesWhenTheUndoSettles() throws Exception {
    FakeOffer offer = new FakeOffer(Duration.ofSeconds(60));
    run(() -> toaster.undo("Archived", offer));
    run(() -> button("toast.undo").doClick());
    run(() -> assertThat(named(pane, "toast:undo")).hasSize(1));

    offer.outcome.complete(null);
    SwingUtilities.invokeAndWait(() -> { });

    run(() -> assertThat(pane.getComponentCount()).isZero());
  }

  @Test
  void undoToastGoesWhenTheOffersWindowEnds() {
    run(() -> toaster.undo("Archived", new FakeOffer(Duration.ofSeconds(60))));

    advance(Duration.ofSeconds(60));
    run(() -> {
      toaster.tick();
      assertThat(pane.getComponentCount()).isZero();
    });
  }

  @Test
  void undoToastOutlivesTheErrorAndSuccessDurations() {
    run(() -> toaster.undo("Archived", new FakeOffer(Duration.ofSeconds(60))));

    advance(Duration.ofSeconds(30));
    run(() -> {
      toaster.tick();
      assertThat(named(pane, "toast:undo")).hasSize(1);
    });
  }

  // ---- the stack -----------------------------------------------------------------------------

  @Test
  void toastsStackInTheBottomRightCornerNewestLowest() {
    run(() -> {
      toaster.success("first");
      toaster.success("second");
    });

    run(() -> {
      List<ToastPanel> toasts = toaster.toasts();
      Rectangle older = toasts.get(0).getBounds();
      Rectangle newer = toasts.get(1).getBounds();
      assertThat(newer.x + newer.width).isEqualTo(800 - ToastStack.MARGIN);
      assertThat(newer.y + newer.height).isEqualTo(600 - ToastStack.MARGIN);
      assertThat(older.y + older.height).isEqualTo(newer.y - ToastStack.GAP);
      assertThat(JLayeredPane.getLayer(toasts.get(0))).isEqualTo(JLayeredPane.POPUP_LAYER);
    });
  }

  @Test
  void dismissingALowerToastMovesTheOlderOnesDown() {
    run(() -> {
      toaster.success("first");
      toaster.error("second", new IOException());
    });

    run(() -> {
      ((JButton) named(toaster.toasts().get(1), "toast.close").get(0)).doClick();
      Rectangle remaining = toaster.toasts().get(0).getBounds();
      assertThat(remaining.y + remaining.height).isEqualTo(600 - ToastStack.MARGIN);
    });
  }

  @Test
  void aSixthToastDismissesTheOldest() {
    run(() -> {
      for (int i = 1; i <= ToastStack.MAX_TOASTS + 1; i++) {
        toaster.success("toast " + i);
      }
    });

    run(() -> {
      List<String> messages = new ArrayList<>();
      for (ToastPanel toast : toaster.toasts()) {
        messages.add(((JLabel) named(toast, "toast.message").get(0)).getText());
      }
      assertThat(messages).containsExactly("toast 2", "toast 3", "toast 4", "toast 5", "toast 6");
    });
  }

  @Test
  void dismissAllRemovesEveryToast() {
    run(() -> {
      toaster.success("one");
      toaster.undo("two", new FakeOffer(Duration.ofSeconds(60)));
      toaster.dismissAll();
    });

    run(() -> assertThat(pane.getComponentCount()).isZero());
  }

  // ---- arguments -----------------------------------------------------------------------------

  @Test
  void nullMessageIsRejectedByName() {
    assertThatThrownBy(() -> toaster.error(null, new IOException()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("message");
  }

  @Test
  void nullOfferIsRejectedByName() {
    assertThatThrownBy(() -> toaster.undo("Archived", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("offer");
  }

  @Test
  void nonPositiveDurationIsRejectedByName() {
    assertThatThrownBy(() -> toaster.successDuration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
  }

  @Test
  void dismissAllOffTheEdtIsRejected() {
    assertThatThrownBy(toaster::dismissAll).isInstanceOf(IllegalStateException.class);
  }

  /** Against a real window: skipped without a display. */
  @Nested
  class InAWindow {
    private JFrame frame;

    @AfterEach
    void disposeFrame() {
      if (frame != null) {
        run(() -> frame.dispose());
      }
    }

    @Test
    void errorToastIsShownInTheFramesBottomRightCorner() throws Exception {
      assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
      SwingToaster windowToaster = call(() -> {
        frame = new JFrame("toasts");
        frame.setSize(640, 480);
        frame.setVisible(true);
        return new SwingToaster(frame);
      });

      windowToaster.error("Failed to mark as read", new IOException("connection refused"));
      SwingUtilities.invokeAndWait(() -> { });

      run(() -> {
        JLayeredPane layered = frame.getLayeredPane();
        List<Component> toasts = named(layered, "toast:error");
        assertThat(toasts).hasSize(1);
        Component toast = toasts.get(0);
        assertThat(toast.isShowing()).isTrue();
        assertThat(toast.getX() + toast.getWidth()).isEqualTo(layered.getWidth() - ToastStack.MARGIN);
        assertThat(toast.getY() + toast.getHeight()).isEqualTo(layered.getHeight() - ToastStack.MARGIN);
        windowToaster.dismissAll();
      });
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** An undo offer on the test's clock whose undo the test settles. */
  private final class FakeOffer implements UndoOffer {
    final Duration window;
    final long offeredAt = time.read();
    final CompletableFuture<Void> outcome = new CompletableFuture<>();
    int undoCalls;

    FakeOffer(Duration window) {
      this.window = window;
    }

    @Override
    public Duration window() {
      return window;
    }

    @Override
    public Duration remaining() {
      Duration left = window.minusNanos(time.read() - offeredAt);
      return undoCalls > 0 || left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public boolean isAvailable() {
      return !remaining().isZero();
    }

    @Override
    public CompletableFuture<Void> undo() {
      undoCalls++;
      return outcome;
    }
  }

  private JLabel label(String name) {
    return component(name, JLabel.class);
  }

  private JButton button(String name) {
    return component(name, JButton.class);
  }

  private <C extends Component> C component(String name, Class<C> type) {
    List<Component> found = named(pane, name);
    assertThat(found).as("components named %s", name).hasSize(1);
    return type.cast(found.get(0));
  }
}
