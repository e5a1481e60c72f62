package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowPush;
import dev.querycache.collection.Transaction;
import dev.querycache.swing.QueryTableModel.Column;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JTable;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of a {@link QueryTableModel} bound to a keyed collection: the table shows the
 * rows with their pending changes, and each write, rollback or echo fires events for the rows
 * it changed only (an update, one row updated), so the selection stays. Runs on the EDT with a
 * synchronous notify executor. Events print as {@code "update 1..1"}.
 */
@ExtendWith(RunOnEdt.class)
class CollectionTableTest {
  record Todo(String id, String title, boolean done) {
    Todo withDone(boolean value) {
      return new Todo(id, title, value);
    }
  }

  static final Todo A = new Todo("a", "Buy milk", false);
  static final Todo B = new Todo("b", "Call Bob", false);
  static final Todo C = new Todo("c", "Write specs", false);

  private final QueryClient client =
      QueryClient.builder().fetchExecutor(Runnable::run).toaster(new RecordingToaster()).build();
  private final ControllableQuery<List<Todo>> server = new ControllableQuery<>();
  private final ControllableMutation<List<PendingChange<String, Todo>>, String> saves = new ControllableMutation<>();
  private final QueryCollection<String, Todo> todos =
      client.collection(QueryOptions.builder(QueryKey.<List<Todo>>of("todos")).asyncFetcher(server).retry(0).build(), Todo::id)
          .onInsertAsync(saves::mutate)
          .onUpdateAsync(saves::mutate)
          .onDeleteAsync(saves::mutate)
          .build();
  private final QueryTableModel<Todo> model =
      new QueryTableModel<>(Todo::id, List.of(Column.of("Title", String.class, Todo::title), Column.of("Done", boolean.class, Todo::done)));
  private final JTable table = new JTable(model);
  private final List<String> events = new ArrayList<>();
  private ComponentBinding binding;

  @BeforeEach
  void showTheTable() {
    server.resolve(List.of(A, B));
    table.addNotify(); // displayable, as in a shown window
    binding = model.bind(table, todos);
    model.addTableModelListener(event -> events.add(describe(event)));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  private static String describe(TableModelEvent event) {
    String type =
        event.getType() == TableModelEvent.INSERT ? "insert"
            : event.getType() == TableModelEvent.DELETE ? "delete" : "update";
    return type + " " + event.getFirstRow() + ".." + event.getLastRow();
  }

  @Test
  void theTableShowsTheCollectionsRows() {
    assertThat(model.getRowCount()).isEqualTo(2);
    assertThat(model.getRow(1)).isEqualTo(B);
  }

  @Test
  void anUpdateIsOneRowUpdated() {
    todos.update("b", todo -> todo.withDone(true));

    assertThat(events).containsExactly("update 1..1");
    assertThat(model.getRow(1)).isEqualTo(B.withDone(true));
  }

  @Test
  void anInsertIsOneRowInsertedAtTheEnd() {
    todos.insert(C);

    assertThat(events).containsExactly("insert 2..2");
  }

  @Test
  void aDeleteIsOneRowDeleted() {
    todos.delete("a");

    assertThat(events).containsExactly("delete 0..0");
    assertThat(model.getRow(0)).isEqualTo(B);
  }

  @Test
  void aRefusedUpdateIsTheSameRowUpdatedBack() {
    todos.update("b", todo -> todo.withDone(true));

    saves.fail(new IOException("refused"));

    assertThat(events).containsExactly("update 1..1", "update 1..1");
    assertThat(model.getRow(1)).isEqualTo(B);
  }

  @Test
  void anEchoEqualToTheRowShownFiresNothing() {
    todos.update("b", todo -> todo.withDone(true));

    todos.writeRows(List.of(new Todo("b", "Call Bob", true)), List.of());

    assertThat(events).containsExactly("update 1..1");
  }

  @Test
  void aGhostConfirmedByItsPushIsOneRowUpdatedNeverRemovedAndAdded() {
    Transaction insert = todos.insert(C);

    todos.applyPush(RowPush.upsert(new Todo("c", "Write specs (from the server)", false), 1, insert.writeKey()));
    saves.resolve("ok");

    assertThat(events).containsExactly("insert 2..2", "update 2..2");
    assertThat(model.getRow(2).title()).isEqualTo("Write specs (from the server)");
  }

  @Test
  void theSelectionStaysOnItsRowAcrossAnUpdateOfAnother() {
    todos.insert(C);
    table.setRowSelectionInterval(2, 2);

    todos.update("a", todo -> todo.withDone(true));

    assertThat(table.getSelectedRow()).isEqualTo(2);
  }

  @Test
  void aClosedBindingFollowsNothing() {
    binding.close();

    todos.update("b", todo -> todo.withDone(true));

    assertThat(events).isEmpty();
    assertThat(model.getRow(1)).isEqualTo(B);
  }
}
