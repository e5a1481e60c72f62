package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.swing.QueryTableModel.Column;
import dev.querycache.test.RecordingToaster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.swing.JTable;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@link QueryTableModel}: the exact table events it fires for each kind of
 * change to the query's rows, and what a {@link JTable} keeps across them. Runs on the EDT
 * with a synchronous notify executor, so each change's events have been fired when the call
 * that made the change returns. Events print as {@code "insert 0..4"}, {@code "update 2..2"},
 * {@code "delete 1..1"}; a {@code fireTableDataChanged} would print as
 * {@code "update 0..2147483647"}.
 */
@ExtendWith(RunOnEdt.class)
class QueryTableModelTest {
  /** A row: one to-do item. */
  record Todo(String id, String title, boolean done) {
    Todo withDone(boolean value) {
      return new Todo(id, title, value);
    }

    Todo withTitle(String value) {
      return new Todo(id, value, done);
    }
  }

  private static final List<Todo> TODOS =
      List.of(
          new Todo("a", "Buy milk", false),
          new Todo("b", "Call Bob", false),
          new Todo("c", "Write specs", false),
          new Todo("d", "Review PR", true),
          new Todo("e", "Ship it", false));

  private final QueryClient client =
      QueryClient.builder().fetchExecutor(Runnable::run).toaster(new RecordingToaster()).build();
  private final QueryKey<List<Todo>> key = QueryKey.of("todos");
  /** The server's answers to fetches, completed by the tests. */
  private final List<CompletableFuture<List<Todo>>> fetches = new ArrayList<>();
  private final QueryOptions<List<Todo>> options =
      QueryOptions.builder(key)
          .asyncFetcher(
              context -> {
                CompletableFuture<List<Todo>> answer = new CompletableFuture<>();
                fetches.add(answer);
                return answer;
              })
          .build();
  private final QueryTableModel<Todo> model =
      new QueryTableModel<>(
          Todo::id,
          List.of(
              Column.of("Title", String.class, Todo::title),
              Column.of("Done", boolean.class, Todo::done)));
  private final JTable table = new JTable(model);
  private final List<String> events = new ArrayList<>();

  @BeforeEach
  void showTheTable() {
    table.addNotify(); // displayable, as in a shown window
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

  /** Binds the model, answers the first fetch with {@code rows}, and forgets the events so far. */
  private void loaded(List<Todo> rows) {
    model.bind(table, client, options);
    fetches.get(0).complete(rows);
    events.clear();
  }

  private static List<Todo> replace(List<Todo> rows, int index, Todo row) {
    List<Todo> copy = new ArrayList<>(rows);
    copy.set(index, row);
    return List.copyOf(copy);
  }

  /** An optimistic "mark as done" whose server answer the test gives through {@code server}. */
  private Mutation<String, String, Void> markDone(List<CompletableFuture<String>> server) {
    return client.asyncMutation(
            (String id) -> {
              CompletableFuture<String> answer = new CompletableFuture<>();
              server.add(answer);
              return answer;
            })
        .optimistic(
            key,
            (List<Todo> rows, String id) ->
                rows.stream().map(row -> row.id().equals(id) ? row.withDone(true) : row).collect(Collectors.toUnmodifiableList()))
        .errorMessage("Failed to mark as done")
        .build();
  }

  // ---- events --------------------------------------------------------------------------------

  @Test
  void theFirstLoadIsOneInsertOfEveryRow() {
    model.bind(table, client, options);

    fetches.get(0).complete(TODOS);

    assertThat(events).containsExactly("insert 0..4");
    assertThat(model.rows()).isEqualTo(TODOS);
  }

  @Test
  void anOptimisticFlipOfOneRowIsOneUpdateOfThatRow() {
    loaded(TODOS);

    markDone(new ArrayList<>()).mutate("c");

    assertThat(events).containsExactly("update 2..2");
    assertThat(model.getValueAt(2, 1)).isEqualTo(true);
  }

  @Test
  void theRollbackOfAFailedFlipIsOneUpdateOfThatRow() {
    loaded(TODOS);
    List<CompletableFuture<String>> server = new ArrayList<>();
    markDone(server).mutate("c");
    events.clear();

    server.get(0).completeExceptionally(new IOException("offline"));

    assertThat(events).containsExactly("update 2..2");
    assertThat(model.getValueAt(2, 1)).isEqualTo(false);
  }

  @Test
  void aRefetchThatBringsEqualRowsFiresNothing() {
    loaded(TODOS);

    client.invalidateQueries(QueryFilter.exact(key));
    fetches.get(1).complete(List.copyOf(new ArrayList<>(TODOS)));

    assertThat(fetches).hasSize(2);
    assertThat(events).isEmpty();
  }

  @Test
  void aRemovedRowIsOneDelete() {
    loaded(TODOS);

    client.setQueryData(key, List.of(TODOS.get(0), TODOS.get(1), TODOS.get(3), TODOS.get(4)));

    assertThat(events).containsExactly("delete 2..2");
  }

  @Test
  void aRowInsertedInTheMiddleIsOneInsert() {
    loaded(TODOS);
    List<Todo> withNew = new ArrayList<>(TODOS);
    withNew.add(2, new Todo("x", "New one", false));

    client.setQueryData(key, List.copyOf(withNew));

    assertThat(events).containsExactly("insert 2..2");
    assertThat(model.getValueAt(2, 0)).isEqualTo("New one");
  }

  @Test
  void aMixedChangeDeletesBottomUpThenInsertsThenUpdatesAtTheNewIndexes() {
    loaded(TODOS);

    client.setQueryData(
        key,
        List.of(
            TODOS.get(0), // b removed
            TODOS.get(2).withTitle("Write more specs"), // c changed
            TODOS.get(3),
            new Todo("x", "New one", false), // x inserted
            TODOS.get(4)));

    assertThat(events).containsExactly("delete 1..1", "insert 3..3", "update 1..1");
  }

  @Test
  void aRowThatMovesIsDeletedAndInsertedAndTheOthersStay() {
    loaded(TODOS);

    client.setQueryData(key, List.of(TODOS.get(0), TODOS.get(3), TODOS.get(1), TODOS.get(2), TODOS.get(4)));

    assertThat(events).containsExactly("delete 3..3", "insert 1..1");
  }

  @Test
  void losingTheDataIsOneDeleteOfEveryRow() {
    loaded(TODOS);

    client.resetQueries(QueryFilter.exact(key));

    assertThat(events).containsExactly("delete 0..4");
  }

  @Test
  void rowsWithDuplicateKeysAreRefusedAndThePreviousRowsStay() {
    loaded(TODOS);

    client.setQueryData(key, List.of(TODOS.get(0), TODOS.get(0).withTitle("twin")));

    assertThat(events).isEmpty();
    assertThat(model.rows()).isEqualTo(TODOS);
  }

  // ---- what the table keeps ---------------------------------------------------------------

  @Test
  void theTablesSelectionSurvivesAFlipItsRollbackAndTheRefetch() {
    loaded(TODOS);
    table.setRowSelectionInterval(2, 2);
    List<CompletableFuture<String>> server = new ArrayList<>();

    markDone(server).mutate("c");
    int afterFlip = table.getSelectedRow();
    server.get(0).completeExceptionally(new IOException("offline"));
    int afterRollback = table.getSelectedRow();
    fetches.get(fetches.size() - 1).complete(TODOS); // the settle refetch
    int afterRefetch = table.getSelectedRow();

    assertThat(List.of(afterFlip, afterRollback, afterRefetch)).containsExactly(2, 2, 2);
  }

  @Test
  void theTablesSelectionFollowsItsRowWhenARowAboveIsRemoved() {
    loaded(TODOS);
    table.setRowSelectionInterval(2, 2);

    client.setQueryData(key, TODOS.subList(1, 5));

    assertThat(table.getSelectedRow()).isEqualTo(1);
    assertThat(model.getRow(table.getSelectedRow()).id()).isEqualTo("c");
  }

  // ---- columns and binding ------------------------------------------------------------------

  @Test
  void columnsGiveNamesClassesAndCells() {
    loaded(TODOS);

    assertThat(model.getColumnCount()).isEqualTo(2);
    assertThat(model.getColumnName(0)).isEqualTo("Title");
    assertThat(model.getColumnClass(0)).isEqualTo(String.class);
    assertThat(model.getValueAt(3, 0)).isEqualTo("Review PR");
  }

  @Test
  void aPrimitiveColumnClassStandsForItsWrapperSoTheTableRendersACheckBox() {
    assertThat(model.getColumnClass(1)).isEqualTo(Boolean.class);
  }

  @Test
  void bindingABoundModelAgainIsRefused() {
    model.bind(table, client, options);

    assertThatThrownBy(() -> model.bind(table, client, options))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bound already");
  }

  @Test
  void aModelCanBeBoundAgainOnceItsBindingIsClosed() {
    model.bind(table, client, options).close();

    ComponentBinding again = model.bind(table, client, options);

    assertThat(again.isObserving()).isTrue();
  }

  @Test
  void aNullRowKeyIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> new QueryTableModel<Todo>(null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rowKey == null");
  }

  @Test
  void aNullColumnIsRefusedNamingItsPosition() {
    List<Column<Todo>> columns = new ArrayList<>();
    columns.add(Column.of("Title", String.class, Todo::title));
    columns.add(null);

    assertThatThrownBy(() -> new QueryTableModel<>(Todo::id, columns))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("columns[1] == null");
  }

  // ---- rows inside the data, editable columns -------------------------------------------

  /** A page of rows with a count, as servers often answer. */
  record Page(List<Todo> todos, int total) {}

  @Test
  void aModelBoundWithARowsFunctionShowsTheRowsInsideTheData() {
    QueryKey<Page> pageKey = QueryKey.of("todo-page");
    client.setQueryData(pageKey, new Page(TODOS, 5));

    model.bind(table, client, QueryOptions.builder(pageKey).enabled(false).build(), Page::todos);

    assertThat(model.rows()).isEqualTo(TODOS);
    assertThat(events).containsExactly("insert 0..4");
  }

  @Test
  void anEditOfAnEditableColumnStartsTheWriteAndTheCellFollowsTheQuery() {
    List<CompletableFuture<String>> server = new ArrayList<>();
    Mutation<String, String, Void> markDone = markDone(server);
    QueryTableModel<Todo> editable =
        new QueryTableModel<>(
            Todo::id,
            List.of(
                Column.of("Title", String.class, Todo::title),
                Column.editable("Done", Boolean.class, Todo::done, (row, done) -> {
                  if (done) {
                    markDone.fire(row.id());
                  }
                })));
    JTable editableTable = new JTable(editable);
    editableTable.addNotify();
    editable.bind(editableTable, client, options);
    fetches.get(0).complete(TODOS);

    assertThat(editable.isCellEditable(2, 0)).isFalse();
    assertThat(editable.isCellEditable(2, 1)).isTrue();
    editable.setValueAt(Boolean.TRUE, 2, 1);
    assertThat(editable.getValueAt(2, 1)).isEqualTo(true); // the optimistic patch
    server.get(0).completeExceptionally(new IOException("refused"));
    assertThat(editable.getValueAt(2, 1)).isEqualTo(false); // rolled back
  }
}
