package dev.querycache.swing;

import dev.querycache.QueryClient;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import org.jspecify.annotations.Nullable;

/**
 * Tells a client when the application gains and loses focus, through one window's activation
 * events, so that observed stale queries refetch when the user comes back (TanStack's
 * refetch on window focus). Made by {@link SwingQueries#installFocusRefetch(Window,
 * QueryClient)}; {@link #close()} uninstalls it.
 *
 * <ul>
 *   <li>The window is activated: {@link QueryClient#focusChanged(boolean) focusChanged(true)}.
 *       The client refetches only on a change from unfocused to focused, so activations
 *       while it already believes itself focused cost nothing.
 *   <li>The window is deactivated in favour of another application (the event names no
 *       opposite window): {@code focusChanged(false)}.
 *   <li>The window is deactivated in favour of another window of this application (a dialog,
 *       a second frame): nothing, since the application kept the focus. Install it on every
 *       top-level window the user can return to, or a return through an uninstalled window
 *       goes unnoticed.
 * </ul>
 *
 * <p>Confined to the EDT, like the window events it listens to.
 *
 * @since 0.1.0
 */
public final class FocusRefetch implements AutoCloseable {
  private final Window window;
  private final QueryClient client;
  /** The window listener; package-private so that tests can deliver synthetic events. */
  final WindowAdapter listener = new ActivationListener();
  private boolean closed;

  private FocusRefetch(Window window, QueryClient client) {
    this.window = window;
    this.client = client;
  }

  /** Installs on {@code window}; the caller has checked the thread and the arguments. */
  static FocusRefetch install(Window window, QueryClient client) {
    FocusRefetch refetch = new FocusRefetch(window, client);
    window.addWindowListener(refetch.listener);
    return refetch;
  }

  /**
   * Stops listening to the window. The client keeps the focus state it was last told.
   * Idempotent.
   *
   * @throws IllegalStateException if not called on the EDT
   */
  @Override
  public void close() {
    EdtExecutor.checkOnEdt("FocusRefetch.close");
    if (!closed) {
      closed = true;
      window.removeWindowListener(listener);
    }
  }

  @Override
  public String toString() {
    return "FocusRefetch{" + window.getName() + (closed ? ", closed}" : "}");
  }

  /**
   * A window of this application was deactivated.
   *
   * @param opposite the window activated instead, or null if none of this application's
   */
  void deactivated(@Nullable Window opposite) {
    if (opposite == null) {
      client.focusChanged(false);
    }
  }

  private final class ActivationListener extends WindowAdapter {
    @Override
    public void windowActivated(WindowEvent event) {
      client.focusChanged(true);
    }

    @Override
    public void windowDeactivated(WindowEvent event) {
      // Null when the activation went to another application (or to no window).
      deactivated(event.getOppositeWindow());
    }
  }
}
