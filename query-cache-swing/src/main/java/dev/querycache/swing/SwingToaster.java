package dev.querycache.swing;

import dev.querycache.Ticker;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.swing.JLayeredPane;
import javax.swing.RootPaneContainer;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Shows the mutations' toasts in a Swing window: small non-modal panels on the popup layer of
 * the window's {@link JLayeredPane}, stacked in its bottom-right corner, the newest at the
 * bottom (nearest the corner) and older ones pushed up; at most five at a time, a sixth
 * dismisses the oldest.
 *
 * <pre>{@code
 * JFrame frame = new JFrame("Mail");
 * QueryClient client = SwingQueries.clientBuilder()
 *     .toaster(new SwingToaster(frame))
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Errors</b> show the mutation's message and a "Details" button that expands the
 *       cause (its class and message, and those of its causes). They go after
 *       {@linkplain #errorDuration(Duration) 8 seconds}; while the details are open they stay,
 *       and closing the details starts the time again.
 *   <li><b>Undo offers</b> show what was done, a live countdown of
 *       {@link UndoOffer#remaining()} and an "Undo" button that calls {@link UndoOffer#undo()}
 *       once: it is disabled when used, and the toast goes when the undo settles (a failed
 *       undo is toasted by the library as an error of its own) or when the offer's window
 *       ends.
 *   <li><b>Successes</b> show the message and go after
 *       {@linkplain #successDuration(Duration) 4 seconds}.
 * </ul>
 *
 * <p>Every toast has a close button. A {@link Timer} ticks four times a second while toasts
 * are shown, to run the countdowns and dismiss toasts whose time is up; it stops when none is
 * left.
 *
 * <p><b>Threads.</b> The {@link Toaster} methods may be called from any thread (the library
 * calls them on the client's notify executor, the EDT for a {@link SwingQueries#clientBuilder()}
 * client): they check their arguments there and show the toast at once on the EDT, or hand it
 * to the EDT from another thread. {@link #dismissAll()} must be called on the EDT.
 *
 * @since 0.1.0
 */
public final class SwingToaster implements Toaster {
  /** How long an error toast stays by default. */
  public static final Duration DEFAULT_ERROR_DURATION = Duration.ofSeconds(8);

  /** How long a success toast stays by default. */
  public static final Duration DEFAULT_SUCCESS_DURATION = Duration.ofSeconds(4);

  static final int TICK_MILLIS = 250;

  private final Supplier<JLayeredPane> target;
  private final Ticker ticker;
  private final boolean autoTick;
  private volatile Duration errorDuration = DEFAULT_ERROR_DURATION;
  private volatile Duration successDuration = DEFAULT_SUCCESS_DURATION;

  // Confined to the EDT.
  private @Nullable ToastStack stack;
  private @Nullable Timer timer;

  /**
   * A toaster that shows its toasts in {@code window}'s layered pane (a {@code JFrame}, a
   * {@code JDialog}...). The pane is looked up on the EDT when a toast is shown, so the window
   * may be built after the toaster. May be called on any thread.
   *
   * @param window the window to show toasts in
   * @throws NullPointerException if {@code window} is null
   */
  public SwingToaster(RootPaneContainer window) {
    this(paneOf(Objects.requireNonNull(window, "window == null")), Ticker.system(), true);
  }

  /**
   * A toaster that shows its toasts in {@code layeredPane}. May be called on any thread.
   *
   * @param layeredPane where to show toasts
   * @throws NullPointerException if {@code layeredPane} is null
   */
  public SwingToaster(JLayeredPane layeredPane) {
    this(fixed(Objects.requireNonNull(layeredPane, "layeredPane == null")), Ticker.system(), true);
  }

  /**
   * The seam for tests: {@code ticker} is the clock of the toasts' lifetimes, and without
   * {@code autoTick} no Swing timer runs, so that time moves only by {@link #tick()}.
   */
  SwingToaster(Supplier<JLayeredPane> target, Ticker ticker, boolean autoTick) {
    this.target = target;
    this.ticker = ticker;
    this.autoTick = autoTick;
  }

  /**
   * Sets how long error toasts stay (default 8 s), for toasts shown from now on. May be
   * called on any thread.
   *
   * @param duration how long; positive
   * @return this toaster
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if {@code duration} is zero or negative
   */
  public SwingToaster errorDuration(Duration duration) {
    this.errorDuration = checkDuration(duration, "duration");
    return this;
  }

  /**
   * Sets how long success toasts stay (default 4 s), for toasts shown from now on. May be
   * called on any thread.
   *
   * @param duration how long; positive
   * @return this toaster
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if {@code duration} is zero or negative
   */
  public SwingToaster successDuration(Duration duration) {
    this.successDuration = checkDuration(duration, "duration");
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
    onEdt(() -> show(ToastPanel.Kind.SUCCESS, message, null, null, lifetime));
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
    onEdt(() -> show(ToastPanel.Kind.ERROR, message, cause, null, lifetime));
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
    onEdt(() -> show(ToastPanel.Kind.UNDO, message, null, offer, offer.window()));
  }

  /**
   * Takes every toast away at once (an undo not yet taken is forgone). Call it on the EDT.
   *
   * @throws IllegalStateException if called off the EDT
   */
  public void dismissAll() {
    EdtExecutor.checkOnEdt("SwingToaster.dismissAll");
    ToastStack shown = stack;
    if (shown != null) {
      for (ToastPanel toast : shown.toasts()) {
        shown.remove(toast);
      }
    }
    stopTimerIfIdle();
  }

  /** The toasts shown, oldest first. EDT only. */
  List<ToastPanel> toasts() {
    ToastStack shown = stack;
    return shown == null ? List.of() : shown.toasts();
  }

  /**
   * Brings every toast up to the ticker's time: countdowns, and dismissal of those whose time
   * is up. The Swing timer calls it; tests call it after moving their ticker. EDT only.
   */
  void tick() {
    ToastStack shown = stack;
    if (shown != null) {
      long now = ticker.read();
      for (ToastPanel toast : shown.toasts()) {
        if (toast.tick(now)) {
          shown.remove(toast);
        }
      }
    }
    stopTimerIfIdle();
  }

  private void show(
      ToastPanel.Kind kind,
      String message,
      @Nullable Throwable cause,
      @Nullable UndoOffer offer,
      Duration lifetime) {
    ToastStack shown = stackFor(target.get());
    ToastPanel[] self = new ToastPanel[1];
    ToastPanel toast =
        new ToastPanel(
            kind,
            message,
            cause,
            offer,
            lifetime,
            ticker,
            () -> {
              shown.remove(self[0]);
              stopTimerIfIdle();
            },
            shown::layoutToasts);
    self[0] = toast;
    shown.add(toast);
    startTimer();
  }

  private ToastStack stackFor(JLayeredPane pane) {
    ToastStack shown = stack;
    if (shown == null || shown.pane() != pane) {
      if (shown != null) {
        for (ToastPanel toast : shown.toasts()) {
          shown.remove(toast);
        }
      }
      shown = new ToastStack(pane);
      stack = shown;
    }
    return shown;
  }

  private void startTimer() {
    if (!autoTick) {
      return;
    }
    Timer running = timer;
    if (running == null) {
      running = new Timer(TICK_MILLIS, event -> tick());
      running.setCoalesce(true);
      timer = running;
    }
    if (!running.isRunning()) {
      running.start();
    }
  }

  private void stopTimerIfIdle() {
    Timer running = timer;
    ToastStack shown = stack;
    if (running != null && (shown == null || shown.isEmpty())) {
      running.stop();
    }
  }

  /** Runs {@code task} now if on the EDT, else later on it. */
  static void onEdt(Runnable task) {
    if (SwingUtilities.isEventDispatchThread()) {
      task.run();
    } else {
      SwingUtilities.invokeLater(task);
    }
  }

  private static Duration checkDuration(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " == null");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
    return duration;
  }

  private static Supplier<JLayeredPane> paneOf(RootPaneContainer window) {
    return window::getLayeredPane;
  }

  private static Supplier<JLayeredPane> fixed(JLayeredPane pane) {
    return () -> pane;
  }
}
