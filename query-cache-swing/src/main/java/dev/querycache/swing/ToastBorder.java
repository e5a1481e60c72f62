package dev.querycache.swing;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import javax.swing.UIManager;
import javax.swing.border.AbstractBorder;

/**
 * A toast's edge: a thin outline in the look and feel's border colour, with rounded corners
 * as round as its components' ({@code Component.arc} in FlatLaf; square where the look and
 * feel has none), and a stripe of the toast's accent colour down the left side, inside the
 * rounding. Confined to the EDT.
 */
final class ToastBorder extends AbstractBorder {
  private static final long serialVersionUID = 1L;

  /** How wide the accent stripe is. */
  static final int STRIPE = 4;

  private final Color line;
  private final Color accent;
  private final int arc;

  /**
   * An edge in these colours.
   *
   * @param line the outline's colour
   * @param accent the stripe's colour
   * @param arc the corners' arc diameter; 0 for square corners
   */
  ToastBorder(Color line, Color accent, int arc) {
    this.line = line;
    this.accent = accent;
    this.arc = Math.max(0, arc);
  }

  /** The look and feel's corner arc for components, or 0 where it sets none. */
  static int themedArc() {
    Object arc = UIManager.get("Component.arc");
    return arc instanceof Integer ? (Integer) arc : 0;
  }

  int arc() {
    return arc;
  }

  /** The rounded shape of a toast of this size: what its background fills. */
  RoundRectangle2D shape(int x, int y, int width, int height) {
    return new RoundRectangle2D.Float(x, y, width, height, arc, arc);
  }

  @Override
  public void paintBorder(Component c, Graphics g, int x, int y, int width, int height) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.clip(shape(x, y, width, height));
      g2.setColor(accent);
      g2.fillRect(x, y, STRIPE, height);
      g2.setColor(line);
      g2.draw(new RoundRectangle2D.Float(x + 0.5f, y + 0.5f, width - 1f, height - 1f, arc, arc));
    } finally {
      g2.dispose();
    }
  }

  @Override
  public Insets getBorderInsets(Component c, Insets insets) {
    insets.set(7, STRIPE + 9, 7, 5);
    return insets;
  }
}
