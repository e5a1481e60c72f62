package dev.querycache.javafx;

import dev.querycache.QueryClient;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.stage.Window;

/**
 * Tells a client when the application gains and loses focus, through the focus of all its
 * windows, so that observed stale queries refetch when the user comes back (TanStack's
 * refetch on window focus). Made by {@link FxQueries#installFocusRefetch(QueryClient)};
 * {@link #close()} uninstalls it.
 *
 * <ul>
 *   <li>A window of the application gains the focus:
 *       {@link QueryClient#focusChanged(boolean) focusChanged(true)}. The client refetches
 *       only on a change from unfocused to focused, so focus moving between the application's
 *       own windows costs nothing.
 *   <li>A window loses the focus and, once JavaFX has moved it, no window of the application
 *       has it (the user went to another application): {@code focusChanged(false)}.
 * </ul>
 *
 * <p>It follows every window of the application ({@link Window#getWindows()}), those opened
 * later included, so a return through a dialog counts as well as one through the main stage.
 * Confined to the FX Application Thread.
 *
 * @since 0.1.0
 */
public final class FocusRefetch implements AutoCloseable {
  private final ObservableList<Window> windows;
  private final QueryClient client;
  private final ChangeListener<Boolean> focusChanged = (value, was, is) -> focusChanged(is);
  private final ListChangeListener<Window> windowsChanged = this::windowsChanged;
  private boolean closed;
  private boolean checkQueued;

  private FocusRefetch(ObservableList<Window> windows, QueryClient client) {
    this.windows = windows;
    this.client = client;
  }

  /** Installs on {@code windows}; the caller has checked the thread and the arguments. */
  static FocusRefetch install(ObservableList<Window> windows, QueryClient client) {
    FocusRefetch refetch = new FocusRefetch(windows, client);
    windows.addListener(refetch.windowsChanged);
    for (Window window : windows) {
      window.focusedProperty().addListener(refetch.focusChanged);
    }
    return refetch;
  }

  /**
   * Stops following the windows. The client keeps the focus state it was last told.
   * Idempotent.
   *
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  @Override
  public void close() {
    FxExecutor.checkOnFxThread("FocusRefetch.close");
    if (!closed) {
      closed = true;
      windows.removeListener(windowsChanged);
      for (Window window : windows) {
        window.focusedProperty().removeListener(focusChanged);
      }
    }
  }

  private void windowsChanged(ListChangeListener.Change<? extends Window> change) {
    while (change.next()) {
      for (Window gone : change.getRemoved()) {
        gone.focusedProperty().removeListener(focusChanged);
      }
      for (Window added : change.getAddedSubList()) {
        added.focusedProperty().addListener(focusChanged);
        if (added.isFocused()) {
          client.focusChanged(true);
        }
      }
    }
    queueCheck(); // a focused window may have closed
  }

  private void focusChanged(boolean focused) {
    if (focused) {
      client.focusChanged(true);
    } else {
      queueCheck();
    }
  }

  /** After JavaFX has moved the focus: unfocused if no window of the application has it. */
  private void queueCheck() {
    if (!checkQueued) {
      checkQueued = true;
      Platform.runLater(() -> {
        checkQueued = false;
        if (!closed && windows.stream().noneMatch(Window::isFocused)) {
          client.focusChanged(false);
        }
      });
    }
  }

  @Override
  public String toString() {
    return "FocusRefetch{windows=" + windows.size() + (closed ? ", closed}" : "}");
  }
}
