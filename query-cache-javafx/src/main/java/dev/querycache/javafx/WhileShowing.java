package dev.querycache.javafx;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The lifetime the JavaFX bindings share: something (an observer) is open exactly while a
 * node is in a showing window and the binding is not closed, and is opened and closed again
 * each time that changes. {@code open} and {@code close} may call back in (a delivery that
 * closes the binding, say): such a nested call only asks to look again, so that the outcome
 * matches the final state. Confined to the FX Application Thread.
 */
final class WhileShowing {
  private final @Nullable ObservableValue<Boolean> showing;
  private final ChangeListener<Boolean> showingChanged = (value, was, is) -> follow();
  private final Runnable open;
  private final Runnable close;
  private boolean isOpen;
  private boolean ended;
  private boolean following;
  private boolean followAgain;

  /** Follows {@code node}'s window (none: open until ended); call {@link #start()} next. */
  WhileShowing(@Nullable Node node, Runnable open, Runnable close) {
    this.showing = node == null
        ? null
        : node.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
    this.open = open;
    this.close = close;
  }

  /** Starts following: opens at once if the window shows. */
  void start() {
    if (showing != null) {
      showing.addListener(showingChanged);
    }
    follow();
  }

  /** Ends for good: closes if open, and stops following the window. Idempotent. */
  void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (showing != null) {
      showing.removeListener(showingChanged);
    }
    follow();
  }

  boolean isEnded() {
    return ended;
  }

  private void follow() {
    if (following) {
      followAgain = true;
      return;
    }
    following = true;
    try {
      do {
        followAgain = false;
        boolean wanted = !ended && (showing == null || Boolean.TRUE.equals(showing.getValue()));
        if (wanted && !isOpen) {
          isOpen = true;
          open.run();
        } else if (!wanted && isOpen) {
          isOpen = false;
          close.run();
        }
      } while (followAgain);
    } finally {
      following = false;
    }
  }
}
