package dev.querycache.examples.javafx;

import dev.querycache.collection.CollectionException;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.QueryCollection;
import dev.querycache.examples.DemoQueries;
import dev.querycache.examples.Task;
import dev.querycache.examples.TitleEdit;
import dev.querycache.javafx.QueryList;
import java.util.List;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The task list of seed 001, in JavaFX: a keyed collection in a table. A task added, its done
 * mark flipped, several completed or deleted in one transaction, shows at once and is sent;
 * a title typed in the field below shows at each keystroke and is sent
 * {@link DemoQueries#TITLE_PAUSE} after the last. With the failure slider up, a refused
 * transaction takes its own changes back (a toast says so), and the others' stay.
 */
final class FxTasksTab extends BorderPane {
  private final QueryCollection<String, Task> tasks;
  private final PacedWrites<TitleEdit> titleEdits;
  private final QueryList<Task> rows = new QueryList<>(Task::id);
  private final TableView<Task> table = new TableView<>(rows);
  private final TextField title = new TextField();
  private final Label status = new Label();
  /** The title field is being filled from the selected row: its changes are not edits. */
  private boolean filling;

  FxTasksTab(DemoQueries queries) {
    this.tasks = queries.tasks();
    this.titleEdits = queries.titleEdits(tasks);
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.getColumns().add(FxNotificationsTab.column("Done", 60, task -> task.done() ? "\u2713" : ""));
    table.getColumns().add(FxNotificationsTab.column("Task", 520, Task::title));
    rows.bind(table, tasks);
    table.getSelectionModel().getSelectedItems().addListener(
        (javafx.collections.ListChangeListener<Task>) change -> fillTitle());
    tasks.onChange(changes -> {
      if (!title.isFocused()) {
        fillTitle(); // a rollback or the server changed the selected task: the field follows
      }
    });

    TextField newTitle = new TextField();
    newTitle.setPromptText("A new task");
    ToolBar actions = new ToolBar(
        newTitle,
        button("Add", () -> {
          String text = newTitle.getText().strip();
          if (!text.isEmpty()) {
            tasks.insert(new Task(UUID.randomUUID().toString(), text, false));
            newTitle.clear();
          }
        }),
        button("Done / not done", () -> {
          for (Task task : selected()) {
            tasks.update(task.id(), t -> t.withDone(!t.done()));
          }
        }),
        button("Complete selected", () -> {
          List<String> ids = selected().stream().map(Task::id).toList();
          if (!ids.isEmpty()) {
            tasks.update(ids, task -> task.withDone(true)); // one transaction, one request
          }
        }),
        button("Delete selected", () -> {
          List<String> ids = selected().stream().map(Task::id).toList();
          if (!ids.isEmpty()) {
            tasks.delete(ids);
          }
        }));

    title.textProperty().addListener((value, was, is) -> titleTyped(is));
    HBox editor = new HBox(8, new Label("Title"), title,
        new Label("saved " + DemoQueries.TITLE_PAUSE.toMillis() + " ms after you stop typing"));
    HBox.setHgrow(title, Priority.ALWAYS);
    editor.setStyle("-fx-padding: 8; -fx-alignment: center-left");
    status.setStyle("-fx-padding: 0 8 6 8");

    setTop(actions);
    setCenter(table);
    setBottom(new VBox(editor, status));
  }

  private Button button(String name, Runnable action) {
    Button button = new Button(name);
    button.setOnAction(event -> write(action));
    return button;
  }

  /** Runs a write; a refusal (the row went meanwhile, say) is shown in the status line, nothing applied. */
  private void write(Runnable action) {
    try {
      action.run();
      status.setText("");
    } catch (CollectionException | IllegalArgumentException e) {
      status.setText(e.getMessage());
    }
  }

  private List<Task> selected() {
    return List.copyOf(table.getSelectionModel().getSelectedItems());
  }

  private void titleTyped(String text) {
    List<Task> picked = selected();
    if (!filling && picked.size() == 1 && !text.isBlank()) {
      write(() -> titleEdits.apply(new TitleEdit(picked.get(0).id(), text)));
    }
  }

  /** Shows the selected task's title in the field (none, or several: empty and not editable). */
  private void fillTitle() {
    List<Task> picked = selected();
    filling = true;
    try {
      if (picked.size() == 1) {
        title.setText(tasks.get(picked.get(0).id()).map(Task::title).orElse(""));
        title.setEditable(true);
      } else {
        title.clear();
        title.setEditable(false);
      }
    } finally {
      filling = false;
    }
  }

  /** The table, for screenshots and tests. */
  TableView<Task> table() {
    return table;
  }

  /** The title field, for screenshots and tests. */
  TextField titleField() {
    return title;
  }
}
