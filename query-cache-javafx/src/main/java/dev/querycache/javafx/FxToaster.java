package dev.querycache.javafx;

import dev.querycache.Ticker;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * Shows the mutations' toasts in a JavaFX scene: small panels stacked in the bottom-right
 * corner of a {@link StackPane} (usually the scene's root), the newest at the bottom; at most
 * five at a time, a sixth dismisses the oldest.
 *
 * <pre>{@code
 * StackPane root = new StackPane(content);
 * QueryClient client = FxQueries.clientBuilder().toaster(new FxToaster(root)).build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Errors</b> show the mutation's message, a line with the failure's own words (never
 *       a class name), and a "Details" button that shows the cause. They go after
 *       {@linkplain #errorDuration(Duration) 8 seconds}; while the details are open they stay.
 *   <li><b>Undo offers</b> show what was done, a live countdown and an "Undo" button that
 *       calls {@link UndoOffer#undo()} once; the toast goes when the undo settles or the
 *       offer's window ends.
 *   <li><b>Successes</b> go after {@linkplain #successDuration(Duration) 4 seconds}. (The
 *       library sends none after an optimistic write: the screen already changed.)
 * </ul>
 *
 * <p><b>Style.</b> The toaster adds its stylesheet ({@code toasts.css}, next to this class) to
 * the stack, which has the style class {@code toast-stack}; the toasts' classes are listed in
 * {@code ToastView}'s comment. Colours are looked-up colours a scene's own stylesheet can
 * redefine: {@code -qc-toast-background}, {@code -qc-toast-border}, {@code -qc-toast-success},
 * {@code -qc-toast-error}, {@code -qc-toast-undo}.
 *
 * <p><b>Threads.</b> The {@link Toaster} methods may be called from any thread (the library
 * calls them on the notify executor, the FX thread for a {@link FxQueries#clientBuilder()}
 * client): they check their arguments there and show the toast on the FX Application Thread.
 * A {@link Timeline} ticks four times a second while toasts are shown.
 *
 * @since 0.1.0
 */
public final class FxToaster implements Toaster {
  /** How long an error toast stays by default. */
  public static final Duration DEFAULT_ERROR_DURATION = Duration.ofSeconds(8);

  /** How long a success toast stays by default. */
  public static final Duration DEFAULT_SUCCESS_DURATION = Duration.ofSeconds(4);

  static final int MAX_TOASTS = 5;
  static final Duration TICK = Duration.ofMillis(250);

  private final StackPane host;
  private final Ticker ticker;
  private final boolean autoTick;
  private volatile Duration errorDuration = DEFAULT_ERROR_DURATION;
  private volatile Duration successDuration = DEFAULT_SUCCESS_DURATION;

  // Confined to the FX thread.
  private final VBox stack = new VBox(8);
  private final List<ToastView> toasts = new ArrayList<>();
  private @Nullable Timeline timer;

  /**
   * A toaster that shows its toasts over {@code host}'s other children. May be called on any
   * thread.
   *
   * @param host the pane to show toasts in, usually the scene's root
   * @throws NullPointerException if {@code host} is null
   */
  public FxToaster(StackPane host) {
    this(host, Ticker.system(), true);
  }

  /** The seam for tests: their ticker, and no timeline when {@code autoTick} is false. */
  FxToaster(StackPane host, Ticker ticker, boolean autoTick) {
    this.host = Objects.requireNonNull(host, "host == null");
    this.ticker = Objects.requireNonNull(ticker, "ticker == null");
    this.autoTick = autoTick;
    stack.getStyleClass().add("toast-stack");
    stack.setId("toast-stack");
    stack.setAlignment(Pos.BOTTOM_RIGHT);
    stack.setPadding(new Insets(12));
    stack.setPickOnBounds(false); // clicks between toasts reach the screen below
    stack.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
    StackPane.setAlignment(stack, Pos.BOTTOM_RIGHT);
    URL css = FxToaster.class.getResource("toasts.css");
    if (css != null) {
      stack.getStylesheets().add(css.toExternalForm());
    }
  }

  /**
   * Sets how long error toasts stay (those shown from now on). May be called on any thread.
   *
   * @param duration positive
   * @return this toaster
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if {@code duration} is zero or negative
   */
  public FxToaster errorDuration(Duration duration) {
    errorDuration = checkDuration(duration, "duration");
    return this;
  }

  /**
   * Sets how long success toasts stay (those shown from now on). May be called on any thread.
   *
   * @param duration positive
   * @return this toaster
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if {@code duration} is zero or negative
   */
  public FxToaster successDuration(Duration duration) {
    successDuration = checkDuration(duration, "duration");
    return this;
  }

  /**
   * Shows a success toast. May be called on any thread.
   *
   * @param message what succeeded
   * @throws NullPointerException if {@code message} is null
   */
  @Override
  public void success(String message) {
    Objects.requireNonNull(message, "message == null");
    Duration lifetime = successDuration;
    onFxThread(() -> show(ToastView.Kind.SUCCESS, message, null, null, lifetime));
  }

  /**
   * Shows an error toast with a "Details" button for the cause. May be called on any thread.
   *
   * @param message what failed
   * @param cause why
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void error(String message, Throwable cause) {
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(cause, "cause == null");
    Duration lifetime = errorDuration;
    onFxThread(() -> show(ToastView.Kind.ERROR, message, cause, null, lifetime));
  }

  /**
   * Shows an undo toast with a countdown and an "Undo" button, until the offer's window ends.
   * May be called on any thread.
   *
   * @param message what was done
   * @param offer the undo
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void undo(String message, UndoOffer offer) {
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(offer, "offer == null");
    onFxThread(() -> show(ToastView.Kind.UNDO, message, null, offer, offer.window()));
  }

  /**
   * Takes every toast away at once (an undo not yet taken is forgone).
   *
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public void dismissAll() {
    FxExecutor.checkOnFxThread("FxToaster.dismissAll");
    for (ToastView toast : new ArrayList<>(toasts)) {
      remove(toast);
    }
  }

  /** The toasts shown, oldest first. FX thread. */
  List<ToastView> toasts() {
    return List.copyOf(toasts);
  }

  /** The node the toasts are stacked in. FX thread. */
  Node stack() {
    return stack;
  }

  /**
   * Brings every toast up to the ticker's time: countdowns, and dismissal of those whose time
   * is up. The timeline calls it; tests call it after moving their ticker. FX thread.
   */
  void tick() {
    long now = ticker.read();
    for (ToastView toast : new ArrayList<>(toasts)) {
      if (toast.tick(now)) {
        remove(toast);
      }
    }
  }

  private void show(
      ToastView.Kind kind, String message, @Nullable Throwable cause, @Nullable UndoOffer offer, Duration lifetime) {
    if (!host.getChildren().contains(stack)) {
      host.getChildren().add(stack);
    }
    ToastView[] self = new ToastView[1];
    ToastView toast = new ToastView(kind, message, cause, offer, lifetime, ticker, () -> remove(self[0]));
    self[0] = toast;
    toasts.add(toast);
    stack.getChildren().add(toast);
    while (toasts.size() > MAX_TOASTS) {
      remove(toasts.get(0));
    }
    startTimer();
  }

  private void remove(@Nullable ToastView toast) {
    if (toast != null && toasts.remove(toast)) {
      stack.getChildren().remove(toast);
    }
    if (toasts.isEmpty()) {
      host.getChildren().remove(stack);
      Timeline running = timer;
      if (running != null) {
        running.stop();
      }
    }
  }

  private void startTimer() {
    if (!autoTick) {
      return;
    }
    Timeline running = timer;
    if (running == null) {
      running = new Timeline(new KeyFrame(javafx.util.Duration.millis(TICK.toMillis()), event -> tick()));
      running.setCycleCount(Animation.INDEFINITE);
      timer = running;
    }
    if (running.getStatus() != Animation.Status.RUNNING) {
      running.play();
    }
  }

  /** Runs {@code task} now if on the FX thread, else later on it. */
  static void onFxThread(Runnable task) {
    if (Platform.isFxApplicationThread()) {
      task.run();
    } else {
      Platform.runLater(task);
    }
  }

  private static Duration checkDuration(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " == null");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
    return duration;
  }

  @Override
  public String toString() {
    return "FxToaster{toasts=" + toasts.size() + "}";
  }
}
