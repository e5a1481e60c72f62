package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.table.DefaultTableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@link QueryTableModel#keepSelection}: a selected row that leaves and comes
 * back (an archive and its undo) is selected again, unless the user chose otherwise meanwhile.
 * Runs on the EDT; the rows change through the model's own diffing.
 */
@ExtendWith(RunOnEdt.class)
class KeepSelectionTest {
  record Mail(String id, String subject) {}

  private static final Mail HELLO = new Mail("m1", "Hello");
  private static final Mail INVOICE = new Mail("m2", "Invoice");
  private static final Mail LUNCH = new Mail("m3", "Lunch?");

  private final QueryTableModel<Mail> model =
      new QueryTableModel<>(Mail::id, List.of(QueryTableModel.Column.of("Subject", String.class, Mail::subject)));
  private final JTable table = new JTable(model);

  KeepSelectionTest() {
    table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    model.show(List.of(HELLO, INVOICE, LUNCH));
    model.keepSelection(table);
  }

  private String selected() {
    int row = table.getSelectedRow();
    return row < 0 ? "none" : model.getRow(table.convertRowIndexToModel(row)).id();
  }

  @Test
  void aSelectedRowThatLeavesAndComesBackIsSelectedAgain() {
    table.setRowSelectionInterval(1, 1);

    model.show(List.of(HELLO, LUNCH)); // archived
    assertThat(selected()).isEqualTo("none");
    model.show(List.of(HELLO, INVOICE, LUNCH)); // the undo brings it back

    assertThat(selected()).isEqualTo("m2");
  }

  @Test
  void aRowSelectedMeanwhileWins() {
    table.setRowSelectionInterval(1, 1);
    model.show(List.of(HELLO, LUNCH));

    table.setRowSelectionInterval(1, 1); // the user picks Lunch
    model.show(List.of(HELLO, INVOICE, LUNCH));

    assertThat(selected()).isEqualTo("m3");
  }

  @Test
  void aSelectionTheUserClearedIsNotBroughtBack() {
    table.setRowSelectionInterval(1, 1);
    table.clearSelection();

    model.show(List.of(HELLO, LUNCH));
    model.show(List.of(HELLO, INVOICE, LUNCH));

    assertThat(selected()).isEqualTo("none");
  }

  @Test
  void aSelectionThatStaysIsKeptByTheDiffing() {
    table.setRowSelectionInterval(2, 2);

    model.show(List.of(INVOICE, LUNCH));

    assertThat(selected()).isEqualTo("m3");
  }

  @Test
  void aTableOverAnotherModelIsRefused() {
    assertThatThrownBy(() -> model.keepSelection(new JTable(new DefaultTableModel())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("table shows another model");
  }
}
