package dev.querycache.swing;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.Icon;
import javax.swing.JTable;
import javax.swing.table.DefaultTableCellRenderer;
import org.jspecify.annotations.Nullable;

/**
 * Draws a {@link QueryBadge} cell: a dot of the badge's colour, then its word. Confined to
 * the EDT.
 */
final class QueryBadgeRenderer extends DefaultTableCellRenderer {
  private static final long serialVersionUID = 1L;

  @Override
  public Component getTableCellRendererComponent(
      JTable table, @Nullable Object value, boolean isSelected, boolean hasFocus, int row, int column) {
    super.getTableCellRendererComponent(table, value, isSelected, hasFocus, row, column);
    setIcon(value instanceof QueryBadge ? new Dot(((QueryBadge) value).color()) : null);
    return this;
  }

  /** A filled circle of one colour, as tall as a line of small text. */
  static final class Dot implements Icon {
    private static final int SIZE = 10;
    private final Color color;

    Dot(Color color) {
      this.color = color;
    }

    Color color() {
      return color;
    }

    @Override
    public void paintIcon(Component c, Graphics g, int x, int y) {
      Graphics2D g2 = (Graphics2D) g.create();
      try {
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setColor(color);
        g2.fillOval(x, y, SIZE, SIZE);
      } finally {
        g2.dispose();
      }
    }

    @Override
    public int getIconWidth() {
      return SIZE;
    }

    @Override
    public int getIconHeight() {
      return SIZE;
    }
  }
}
