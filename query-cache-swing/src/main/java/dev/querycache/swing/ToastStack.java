package dev.querycache.swing;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JLayeredPane;

/**
 * The toasts shown in one {@link JLayeredPane}, on its popup layer, stacked in its
 * bottom-right corner: the newest at the bottom, nearest the corner, older ones pushed up. At
 * most {@link #MAX_TOASTS} are shown; a new one beyond that dismisses the oldest. Follows the
 * pane's size. Confined to the EDT.
 */
final class ToastStack {
  static final int MARGIN = 16;
  static final int GAP = 8;
  static final int MAX_TOASTS = 5;

  private final JLayeredPane pane;
  private final List<ToastPanel> toasts = new ArrayList<>();

  ToastStack(JLayeredPane pane) {
    this.pane = pane;
    pane.addComponentListener(
        new ComponentAdapter() {
          @Override
          public void componentResized(ComponentEvent event) {
            layoutToasts();
          }
        });
  }

  JLayeredPane pane() {
    return pane;
  }

  /** Shows {@code toast} at the bottom of the stack. */
  void add(ToastPanel toast) {
    toasts.add(toast);
    pane.add(toast, JLayeredPane.POPUP_LAYER);
    while (toasts.size() > MAX_TOASTS) {
      remove(toasts.get(0));
    }
    layoutToasts();
  }

  /** Takes {@code toast} away, if shown; the others close the gap. */
  void remove(ToastPanel toast) {
    if (toasts.remove(toast)) {
      Rectangle bounds = toast.getBounds();
      pane.remove(toast);
      pane.repaint(bounds);
      layoutToasts();
    }
  }

  /** The toasts shown, oldest first. */
  List<ToastPanel> toasts() {
    return List.copyOf(toasts);
  }

  boolean isEmpty() {
    return toasts.isEmpty();
  }

  /** Places the toasts from the bottom-right corner upwards, newest lowest. */
  void layoutToasts() {
    int width = pane.getWidth();
    int bottom = pane.getHeight() - MARGIN;
    for (int i = toasts.size() - 1; i >= 0; i--) {
      ToastPanel toast = toasts.get(i);
      Dimension preferred = toast.getPreferredSize();
      int w = Math.max(0, Math.min(preferred.width, width - 2 * MARGIN));
      int top = bottom - preferred.height;
      toast.setBounds(width - MARGIN - w, top, w, preferred.height);
      toast.validate();
      bottom = top - GAP;
    }
    pane.repaint();
  }
}
