package dev.querycache.javafx;

import dev.querycache.Ticker;
import dev.querycache.UndoOffer;
import dev.querycache.internal.ui.ErrorWords;
import dev.querycache.internal.ui.ToastLifetime;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * One toast of the {@link FxToaster}: a message, and by kind a reason line and a "Details"
 * button that shows the cause (errors), or a countdown and an "Undo" button (undo offers); a
 * close button on each. Styled by CSS: the style classes {@code toast} and
 * {@code toast-success}, {@code toast-error} or {@code toast-undo}, and its parts
 * {@code toast-accent}, {@code toast-body}, {@code toast-message}, {@code toast-reason}, {@code toast-details},
 * {@code toast-countdown}, {@code toast-button} and {@code toast-close}. Confined to the FX
 * Application Thread.
 */
final class ToastView extends HBox {
  /** What a toast says. */
  enum Kind {
    SUCCESS,
    ERROR,
    UNDO;

    String styleClass() {
      return "toast-" + name().toLowerCase(Locale.ROOT);
    }
  }

  /** The width a toast takes. */
  static final double WIDTH = 360;

  private final Kind kind;
  private final ToastLifetime lifetime;
  private final @Nullable UndoOffer offer;
  private final Ticker ticker;
  private final Runnable onDismiss;
  private final Label message = new Label();
  private final @Nullable Label reason;
  private final @Nullable Button details;
  private final @Nullable TextArea detailsText;
  private final @Nullable Label countdown;
  private final @Nullable Button undo;
  private final Button close = new Button("\u00d7");
  private boolean undoUsed;

  ToastView(
      Kind kind,
      String text,
      @Nullable Throwable cause,
      @Nullable UndoOffer offer,
      Duration lifetime,
      Ticker ticker,
      Runnable onDismiss) {
    this.kind = kind;
    this.lifetime = offer != null ? ToastLifetime.untilUndoEnds(offer) : ToastLifetime.timed(lifetime, ticker.read());
    this.offer = offer;
    this.ticker = ticker;
    this.onDismiss = onDismiss;
    getStyleClass().addAll("toast", kind.styleClass());
    setId("toast-" + kind.name().toLowerCase(Locale.ROOT));
    setMaxWidth(WIDTH);
    setPrefWidth(WIDTH);
    setMaxHeight(Region.USE_PREF_SIZE);

    message.setText(text);
    message.getStyleClass().add("toast-message");
    message.setWrapText(true);
    VBox texts = new VBox(2, message);
    String words = kind == Kind.ERROR ? ErrorWords.reason(cause, text) : null;
    if (words != null) {
      Label because = new Label(words);
      because.getStyleClass().add("toast-reason");
      because.setWrapText(true);
      texts.getChildren().add(because);
      this.reason = because;
    } else {
      this.reason = null;
    }
    HBox.setHgrow(texts, Priority.ALWAYS);

    HBox row = new HBox(8);
    row.setAlignment(Pos.CENTER_LEFT);
    row.getChildren().add(texts);

    if (kind == Kind.ERROR) {
      Button detailsButton = new Button("Details");
      detailsButton.getStyleClass().add("toast-button");
      TextArea area = new TextArea(ErrorWords.details(cause));
      area.getStyleClass().add("toast-details");
      area.setEditable(false);
      area.setWrapText(true);
      area.setPrefRowCount(4);
      area.setVisible(false);
      area.setManaged(false);
      detailsButton.setOnAction(event -> toggleDetails());
      row.getChildren().add(detailsButton);
      this.details = detailsButton;
      this.detailsText = area;
    } else {
      this.details = null;
      this.detailsText = null;
    }
    if (kind == Kind.UNDO && offer != null) {
      Label remaining = new Label(ToastLifetime.countdownText(offer.remaining()));
      remaining.getStyleClass().add("toast-countdown");
      Button undoButton = new Button("Undo");
      undoButton.getStyleClass().add("toast-button");
      undoButton.setOnAction(event -> runUndo());
      row.getChildren().addAll(remaining, undoButton);
      this.countdown = remaining;
      this.undo = undoButton;
    } else {
      this.countdown = null;
      this.undo = null;
    }
    for (javafx.scene.Node fixed : row.getChildren()) {
      if (fixed != texts && fixed instanceof Region) {
        ((Region) fixed).setMinWidth(Region.USE_PREF_SIZE); // the message wraps, the buttons keep their words
      }
    }
    close.setMinWidth(Region.USE_PREF_SIZE);
    close.getStyleClass().add("toast-close");
    close.setAccessibleText("Dismiss");
    close.setOnAction(event -> onDismiss.run());
    row.getChildren().add(close);

    VBox body = new VBox(6, row);
    body.getStyleClass().add("toast-body");
    HBox.setHgrow(body, Priority.ALWAYS);
    if (detailsText != null) {
      body.getChildren().add(detailsText);
    }
    Region accent = new Region(); // down the whole left side
    accent.getStyleClass().add("toast-accent");
    getChildren().addAll(accent, body);
  }

  Kind kind() {
    return kind;
  }

  Label message() {
    return message;
  }

  @Nullable Label reason() {
    return reason;
  }

  @Nullable Button details() {
    return details;
  }

  @Nullable TextArea detailsText() {
    return detailsText;
  }

  @Nullable Label countdown() {
    return countdown;
  }

  @Nullable Button undo() {
    return undo;
  }

  Button close() {
    return close;
  }

  /**
   * Brings the toast up to {@code now}: the undo countdown, and its button disabled once the
   * offer is gone.
   *
   * @param now the toaster's clock reading
   * @return whether the toast is due to go
   */
  boolean tick(long now) {
    if (offer != null && countdown != null && undo != null) {
      countdown.setText(ToastLifetime.countdownText(offer.remaining()));
      if (!offer.isAvailable()) {
        undo.setDisable(true);
      }
    }
    return lifetime.isDue(now);
  }

  /** Shows or hides the cause; a toast whose details are open stays until they close. */
  private void toggleDetails() {
    TextArea area = detailsText;
    Button button = details;
    if (area == null || button == null) {
      return;
    }
    boolean show = !area.isVisible();
    area.setVisible(show);
    area.setManaged(show);
    button.setText(show ? "Hide details" : "Details");
    if (show) {
      lifetime.pin();
    } else {
      lifetime.unpin(ticker.read());
    }
  }

  private void runUndo() {
    UndoOffer taken = offer;
    Button button = undo;
    if (taken == null || button == null || undoUsed) {
      return;
    }
    undoUsed = true;
    lifetime.undoTaken();
    button.setDisable(true);
    button.setText("Undoing\u2026");
    CompletableFuture<Void> outcome;
    try {
      outcome = taken.undo();
    } catch (RuntimeException e) {
      onDismiss.run();
      return;
    }
    // The undo's own failure is toasted by the library: this toast goes once the undo settled.
    outcome.whenComplete((ignored, error) -> FxToaster.onFxThread(onDismiss));
  }

  @Override
  public String toString() {
    return "ToastView{" + kind + ": " + message.getText() + "}";
  }
}
