package dev.querycache.swing;

import dev.querycache.MutationStatus;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.util.Objects;
import javax.swing.JComponent;
import javax.swing.JTable;
import javax.swing.UIManager;
import javax.swing.table.TableCellRenderer;
import javax.swing.table.TableModel;
import org.jspecify.annotations.Nullable;

/**
 * Shows the marks of {@link QueryTableModel#markWrites} in a table's cells, over another
 * renderer: a row with a write in flight is drawn in italics with a muted colour, and says
 * "Saving…" in its tooltip; a row whose last write failed is drawn in the look and feel's red
 * ({@code Actions.Red} under FlatLaf, a plain red elsewhere) and says so in its tooltip.
 * Cells are drawn in the table's font (italic for a write in flight).
 * Selected rows keep the selection's colours. Cells of other models are drawn as the
 * delegate draws them.
 *
 * <p>Confined to the Event Dispatch Thread, like every renderer.
 *
 * @since 0.1.0
 */
public final class WriteMarkRenderer implements TableCellRenderer {
  static final String PENDING_TIP = "Saving\u2026";
  static final String FAILED_TIP = "The last change to this row could not be saved";

  private final TableCellRenderer delegate;

  /**
   * A renderer that draws as {@code delegate} does, then marks the row.
   *
   * @param delegate the renderer of the cells' values
   * @throws NullPointerException if {@code delegate} is null
   */
  public WriteMarkRenderer(TableCellRenderer delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  /**
   * Wraps {@code table}'s default renderers of text, numbers and booleans (and of any
   * other class) so that every cell of a marked row shows its mark. Call on the EDT, after
   * the table has its model.
   *
   * @param table the table over a {@link QueryTableModel}
   * @throws NullPointerException if {@code table} is null
   * @throws IllegalStateException if called off the EDT
   */
  public static void install(JTable table) {
    Objects.requireNonNull(table, "table == null");
    EdtExecutor.checkOnEdt("WriteMarkRenderer.install");
    for (Class<?> type : new Class<?>[] {Object.class, String.class, Number.class, Boolean.class}) {
      TableCellRenderer current = table.getDefaultRenderer(type);
      if (!(current instanceof WriteMarkRenderer)) {
        table.setDefaultRenderer(type, new WriteMarkRenderer(current));
      }
    }
  }

  @Override
  public Component getTableCellRendererComponent(
      JTable table, Object value, boolean isSelected, boolean hasFocus, int row, int column) {
    Component cell = delegate.getTableCellRendererComponent(table, value, isSelected, hasFocus, row, column);
    MutationStatus mark = markOf(table, row);
    if (cell instanceof JComponent) {
      ((JComponent) cell).setToolTipText(
          mark == MutationStatus.PENDING ? PENDING_TIP : mark == MutationStatus.ERROR ? FAILED_TIP : null);
    }
    // Renderers reuse one component for every cell: the font is set for each, not only marked ones.
    Font font = table.getFont();
    cell.setFont(mark == MutationStatus.PENDING ? font.deriveFont(Font.ITALIC) : font);
    if (mark == MutationStatus.PENDING) {
      if (!isSelected) {
        cell.setForeground(color("Label.disabledForeground", Color.GRAY));
      }
    } else if (mark == MutationStatus.ERROR && !isSelected) {
      cell.setForeground(color("Actions.Red", new Color(0xC6, 0x28, 0x28)));
    }
    return cell;
  }

  /** The mark of the view row {@code row}, or null. */
  static @Nullable MutationStatus markOf(JTable table, int row) {
    TableModel model = table.getModel();
    if (!(model instanceof QueryTableModel<?>) || row < 0) {
      return null;
    }
    int modelRow = table.convertRowIndexToModel(row);
    return modelRow < model.getRowCount() ? ((QueryTableModel<?>) model).writeStatus(modelRow) : null;
  }

  private static Color color(String key, Color fallback) {
    Color themed = UIManager.getColor(key);
    return themed != null ? themed : fallback;
  }
}
