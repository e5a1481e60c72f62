package dev.querycache.examples.swing;

import dev.querycache.collection.CollectionException;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.QueryCollection;
import dev.querycache.examples.DemoQueries;
import dev.querycache.examples.Task;
import dev.querycache.examples.TitleEdit;
import dev.querycache.swing.QueryTableModel;
import dev.querycache.swing.QueryTableModel.Column;
import java.awt.BorderLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.JToolBar;
import javax.swing.ListSelectionModel;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The task list of seed 001: a keyed collection in a table. A task added, ticked, completed
 * with others or deleted shows at once and is sent in a transaction; a title typed in the
 * field below is shown at each keystroke and sent {@link DemoQueries#TITLE_PAUSE} after the
 * last. With the failure slider up, a refused transaction takes its own changes back (a toast
 * says so) while the changes of the others stay. Several selected rows complete or go in one
 * transaction, one request.
 */
final class TasksTab extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient QueryCollection<String, Task> tasks;
  private final transient PacedWrites<TitleEdit> titleEdits;
  private final QueryTableModel<Task> model;
  private final JTable table;
  private final JTextField newTitle = new JTextField(24);
  private final JTextField title = new JTextField();
  private final JLabel status = new JLabel(" ");
  /** The title field is being filled from the selected row: its changes are not edits. */
  private boolean filling;

  TasksTab(DemoQueries queries) {
    super(new BorderLayout());
    this.tasks = queries.tasks();
    this.titleEdits = queries.titleEdits(tasks);
    this.model = new QueryTableModel<>(Task::id, List.of(
        Column.editable("Done", Boolean.class, Task::done, (task, done) -> write(() -> tasks.update(task.id(), t -> t.withDone(done)))),
        Column.editable("Task", String.class, Task::title, (task, text) -> editTitle(task.id(), text))));
    this.table = new JTable(model);
    table.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
    table.setRowHeight(26);
    table.getColumnModel().getColumn(0).setMaxWidth(60);
    model.keepSelection(table);
    model.bind(table, tasks);
    tasks.onChange(changes -> {
      if (!title.isFocusOwner()) {
        fillTitle(); // a rollback or the server changed the selected task: the field follows
      }
    });
    table.getSelectionModel().addListSelectionListener(event -> {
      if (!event.getValueIsAdjusting()) {
        fillTitle();
      }
    });

    JToolBar actions = new JToolBar();
    actions.setFloatable(false);
    actions.add(newTitle);
    actions.add(button("Add", () -> {
      String text = newTitle.getText().strip();
      if (!text.isEmpty()) {
        tasks.insert(new Task(UUID.randomUUID().toString(), text, false));
        newTitle.setText("");
      }
    }));
    actions.addSeparator();
    actions.add(button("Complete selected", () -> {
      List<String> ids = selectedIds();
      if (!ids.isEmpty()) {
        tasks.update(ids, task -> task.withDone(true)); // one transaction, one request
      }
    }));
    actions.add(button("Delete selected", () -> {
      List<String> ids = selectedIds();
      if (!ids.isEmpty()) {
        tasks.delete(ids);
      }
    }));

    title.getDocument().addDocumentListener(new DocumentListener() {
      @Override
      public void insertUpdate(DocumentEvent event) {
        titleTyped();
      }

      @Override
      public void removeUpdate(DocumentEvent event) {
        titleTyped();
      }

      @Override
      public void changedUpdate(DocumentEvent event) {
        titleTyped();
      }
    });
    JPanel editor = new JPanel(new BorderLayout(8, 0));
    editor.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
    editor.add(new JLabel("Title"), BorderLayout.WEST);
    editor.add(title, BorderLayout.CENTER);
    editor.add(new JLabel("saved " + DemoQueries.TITLE_PAUSE.toMillis() + " ms after you stop typing"), BorderLayout.EAST);
    JPanel bottom = new JPanel(new BorderLayout());
    bottom.add(editor, BorderLayout.NORTH);
    status.setBorder(BorderFactory.createEmptyBorder(0, 8, 6, 8));
    bottom.add(status, BorderLayout.SOUTH);

    add(actions, BorderLayout.NORTH);
    add(new JScrollPane(table), BorderLayout.CENTER);
    add(bottom, BorderLayout.SOUTH);
  }

  private JButton button(String name, Runnable action) {
    JButton button = new JButton(name);
    button.addActionListener(event -> write(action));
    return button;
  }

  /** Runs a write; a refusal (the row went meanwhile, say) is shown in the status line, nothing applied. */
  private void write(Runnable action) {
    try {
      action.run();
      status.setText(" ");
    } catch (CollectionException | IllegalArgumentException e) {
      status.setText(e.getMessage());
    }
  }

  private void editTitle(String id, String text) {
    if (!text.isBlank()) {
      write(() -> titleEdits.apply(new TitleEdit(id, text)));
    }
  }

  private void titleTyped() {
    int[] rows = table.getSelectedRows();
    if (!filling && rows.length == 1) {
      editTitle(model.getRow(table.convertRowIndexToModel(rows[0])).id(), title.getText());
    }
  }

  /** Shows the selected task's title in the field (none, or several: empty and read-only). */
  private void fillTitle() {
    int[] rows = table.getSelectedRows();
    filling = true;
    try {
      if (rows.length == 1) {
        title.setText(model.getRow(table.convertRowIndexToModel(rows[0])).title());
        title.setEditable(true);
      } else {
        title.setText("");
        title.setEditable(false);
      }
    } finally {
      filling = false;
    }
  }

  private List<String> selectedIds() {
    List<String> ids = new ArrayList<>();
    for (int row : table.getSelectedRows()) {
      ids.add(model.getRow(table.convertRowIndexToModel(row)).id());
    }
    return ids;
  }

  /** The table, for screenshots and tests. */
  JTable table() {
    return table;
  }

  /** The title field, for screenshots and tests. */
  JTextField titleField() {
    return title;
  }

  /** The collection shown, for tests. */
  QueryCollection<String, Task> tasks() {
    return tasks;
  }
}
