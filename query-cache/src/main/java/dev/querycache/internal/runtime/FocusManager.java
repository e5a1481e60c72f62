package dev.querycache.internal.runtime;

/**
 * Whether the client believes one of the application's windows has focus. The UI modules
 * report window events; regaining focus is what refetches the observed queries whose
 * {@code refetchOnWindowFocus} rule says so, and polling skips its turns while no window has
 * focus (unless a query polls in the background).
 */
public final class FocusManager {
  private volatile boolean focused = true;

  public boolean isFocused() {
    return focused;
  }

  /** Sets the focus; returns whether it was just regained. */
  public synchronized boolean setFocused(boolean now) {
    boolean regained = now && !focused;
    focused = now;
    return regained;
  }
}
