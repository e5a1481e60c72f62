package dev.querycache.swing;

import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.InfiniteQueryResult;
import dev.querycache.MutationFilter;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryOptions;
import dev.querycache.collection.QueryCollection;
import dev.querycache.internal.ui.RowDiff;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.event.ListSelectionListener;
import javax.swing.event.TableModelEvent;
import javax.swing.event.TableModelListener;
import javax.swing.SwingUtilities;
import javax.swing.table.AbstractTableModel;
import org.jspecify.annotations.Nullable;

/**
 * A table model that shows a query whose data is a list of rows, and tells its table exactly
 * which rows changed, so that the selection, the scroll position and any cell being looked
 * at survive an optimistic flip, its rollback and every refetch.
 *
 * <pre>{@code
 * QueryTableModel<Notification> model = new QueryTableModel<>(Notification::id, List.of(
 *     QueryTableModel.Column.of("Title", String.class, Notification::title),
 *     QueryTableModel.Column.of("Read", Boolean.class, Notification::read)));
 * JTable table = new JTable(model);
 * model.bind(table, client, notificationsOptions);
 * }</pre>
 *
 * <p><b>Events.</b> When the query's data changes, rows are matched by their key (the
 * row-key function), and the model fires only {@code fireTableRowsDeleted},
 * {@code fireTableRowsInserted} and {@code fireTableRowsUpdated}, one event per run of
 * contiguous rows, changing its rows in step with the events: first the deletes (bottom run
 * first), then the inserts (top run first), then the updates, each with the indexes valid at
 * the time it fires. A row whose key stays and whose value differs by {@code equals} is
 * updated in place; data equal to what is shown fires nothing. A row that changes place is
 * deleted and inserted again (Swing has no move event); the rows that keep their relative
 * order do not move. The first data after an empty table is one insert of every row. The
 * model never fires {@code fireTableDataChanged} or {@code fireTableStructureChanged}. While
 * the query has no data (loading, failed before any data, reset), the table is empty.
 *
 * <p><b>Keys.</b> Keys are compared with {@code equals}. Data in which two rows have equal
 * keys is refused with an {@link IllegalArgumentException} naming the key and the rows,
 * which the client logs as it does any listener's failure; the table keeps showing the
 * previous rows.
 *
 * <p><b>Threads.</b> Confined to the EDT, like every Swing model: the rows change only there,
 * whatever the client's notify executor.
 *
 * @param <R> the type of the rows
 * @since 0.1.0
 */
@SuppressWarnings("serial") // Serializable through AbstractTableModel; not meant to be serialized
public final class QueryTableModel<R> extends AbstractTableModel {
  private final Function<? super R, ?> rowKey;
  private final List<Column<R>> columns;
  private final List<R> rows = new ArrayList<>();
  private @Nullable List<? extends R> shown;
  private @Nullable ComponentBinding binding;
  /** The infinite query that drives the model, if it was bound to one. */
  private @Nullable InfiniteScroll infinite;
  /** Each marked row's key and what its writes are doing; empty when none are followed. */
  private Map<Object, MutationStatus> writeMarks = Map.of();
  private boolean marking;
  private final RowDiff.Events events =
      new RowDiff.Events() {
        @Override
        public void deleted(int first, int last) {
          fireTableRowsDeleted(first, last);
        }

        @Override
        public void inserted(int first, int last) {
          fireTableRowsInserted(first, last);
        }

        @Override
        public void updated(int first, int last) {
          fireTableRowsUpdated(first, last);
        }
      };

  /**
   * An empty model with the given row identity and columns.
   *
   * @param rowKey gives each row its identity (an id), unique within a list; rows with equal
   *     keys are the same row
   * @param columns the columns, left to right
   * @throws NullPointerException if an argument or a column is null
   */
  public QueryTableModel(Function<? super R, ?> rowKey, List<Column<R>> columns) {
    this.rowKey = Objects.requireNonNull(rowKey, "rowKey == null");
    Objects.requireNonNull(columns, "columns == null");
    for (int i = 0; i < columns.size(); i++) {
      Objects.requireNonNull(columns.get(i), "columns[" + i + "] == null");
    }
    this.columns = List.copyOf(columns);
  }

  /**
   * Shows {@code options}' query for as long as {@code component} (usually the table) is
   * displayable; see {@link SwingQueries#observe}.
   *
   * @param component the component whose lifetime bounds the observation
   * @param client the client to observe
   * @param options the query; its data is the rows
   * @return the binding; closing it stops following the query (the rows stay as they are)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT, or if the model is bound already
   *     (close that binding first)
   */
  public ComponentBinding bind(
      JComponent component, QueryClient client, QueryOptions<? extends List<? extends R>> options) {
    return bind(component, client, options, data -> data);
  }

  /**
   * Like {@link #bind(JComponent, QueryClient, QueryOptions)} for a query whose data holds
   * the rows (a page with a list and a count, say).
   *
   * @param component the component whose lifetime bounds the observation
   * @param client the client to observe
   * @param options the query
   * @param rows the rows of the query's data
   * @param <T> the type of the query's data
   * @return the binding; closing it stops following the query (the rows stay as they are)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT, or if the model is bound already
   *     (close that binding first)
   */
  public <T> ComponentBinding bind(
      JComponent component,
      QueryClient client,
      QueryOptions<T> options,
      Function<? super T, ? extends List<? extends R>> rows) {
    Objects.requireNonNull(rows, "rows == null");
    EdtExecutor.checkOnEdt("QueryTableModel.bind");
    checkUnbound();
    return adopt(SwingQueries.observe(component, client, options, result -> showRowsOf(result.data(), rows)));
  }

  /**
   * Shows {@code collection}'s rows, pending changes included, for as long as
   * {@code component} (usually the table) is displayable. Each change of the rows (a write, a
   * rollback, a fetch or rows written back) fires events for the rows that changed only: an
   * update is one row updated, an insert one row inserted, a delete one row deleted, and an
   * echo equal to the row shown fires nothing, so the selection and the scroll position stay.
   *
   * @param component the component whose lifetime bounds the binding
   * @param collection the rows
   * @return the binding; closing it stops following the collection (the rows stay as they are)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT, or if the model is bound already
   *     (close that binding first)
   */
  public ComponentBinding bind(JComponent component, QueryCollection<?, ? extends R> collection) {
    Objects.requireNonNull(component, "component == null");
    Objects.requireNonNull(collection, "collection == null");
    EdtExecutor.checkOnEdt("QueryTableModel.bind");
    checkUnbound();
    return adopt(ComponentBinding.bind(
        component,
        sink -> {
          AutoCloseable listening = collection.onChange(changes -> sink.accept(collection.rows()));
          sink.accept(collection.rows());
          return () -> {
            try {
              listening.close();
            } catch (Exception cannot) {
              throw new IllegalStateException(cannot);
            }
          };
        },
        this::show));
  }

  /**
   * Shows an infinite query's rows, page after page, in the table inside {@code pane}, and
   * loads the next page when the user scrolls near the end (see {@link InfiniteScroll}). A
   * page that arrives adds its rows with {@code fireTableRowsInserted}: the selection and the
   * scroll position stay where they are. A refetch of the pages updates the rows that changed,
   * as any other data does.
   *
   * @param pane the scroll pane that holds the table
   * @param client the client to observe
   * @param options the infinite query
   * @param rows the rows of one page
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return the binding; closing it stops following the query (the rows stay as they are)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT, or if the model is bound already
   *     (close that binding first)
   */
  public <P, Q> InfiniteScroll bindInfinite(JScrollPane pane, QueryClient client, InfiniteQueryOptions<P, Q> options,
      Function<? super P, ? extends List<? extends R>> rows) {
    Objects.requireNonNull(rows, "rows == null");
    EdtExecutor.checkOnEdt("QueryTableModel.bindInfinite");
    checkUnbound();
    return observePages(pane, client, options, rows, result -> {});
  }

  /**
   * As {@link #bindInfinite(JScrollPane, QueryClient, InfiniteQueryOptions, Function)}, with
   * {@code state} (whose content is the table's scroll pane) showing the loading, error and
   * empty views of the query: one observer drives both, and "Retry" refetches the pages.
   *
   * @param state the state panel around the table; its content must be the table's scroll pane
   * @param client the client to observe
   * @param options the infinite query
   * @param rows the rows of one page
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return the binding; closing it stops following the query
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the panel's content is not a scroll pane
   * @throws IllegalStateException if not called on the EDT, or if the model or the panel is
   *     bound already (close that binding first)
   */
  public <P, Q> InfiniteScroll bindInfinite(QueryStatePanel<InfiniteData<P, Q>> state, QueryClient client,
      InfiniteQueryOptions<P, Q> options, Function<? super P, ? extends List<? extends R>> rows) {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(rows, "rows == null");
    EdtExecutor.checkOnEdt("QueryTableModel.bindInfinite");
    if (!(state.content() instanceof JScrollPane)) {
      throw new IllegalArgumentException("state: its content must be the table's JScrollPane, not a "
          + state.content().getClass().getName());
    }
    checkUnbound();
    state.checkUnbound();
    state.setOnRetry(() -> client.refetchQueries(QueryFilter.exact(options.key())));
    InfiniteScroll scroll = observePages((JScrollPane) state.content(), client, options, rows,
        result -> state.show(result.result()));
    state.adopt(scroll);
    return scroll;
  }

  private <P, Q> InfiniteScroll observePages(JScrollPane pane, QueryClient client, InfiniteQueryOptions<P, Q> options,
      Function<? super P, ? extends List<? extends R>> rows, Consumer<InfiniteQueryResult<P, Q>> then) {
    InfiniteScroll scroll = SwingQueries.observeInfinite(pane, client, options, result -> {
      InfiniteData<P, Q> data = result.data();
      show(data == null ? null : data.flatMap(rows));
      then.accept(result);
    });
    infinite = scroll;
    return scroll;
  }

  /** Throws if a binding drives the model (its own, or a {@link QueryStatePanel}'s). EDT. */
  void checkUnbound() {
    ComponentBinding current = binding;
    InfiniteScroll scroll = infinite;
    if ((current != null && !current.isClosed()) || (scroll != null && !scroll.isClosed())) {
      throw new IllegalStateException("this QueryTableModel is bound already; close its binding first");
    }
  }

  /** Records {@code driver} as the binding that drives the model; returns it. EDT. */
  ComponentBinding adopt(ComponentBinding driver) {
    binding = driver;
    return driver;
  }

  /** Shows the rows of {@code data} (none if null). EDT. */
  <T> void showRowsOf(@Nullable T data, Function<? super T, ? extends List<? extends R>> rows) {
    show(data == null ? null : rows.apply(data));
  }

  /**
   * Marks the rows that have a write in flight or whose latest write failed, TanStack's
   * {@code useMutationState} for a table: from now on, {@link #writeStatus(int)} tells, for a
   * row, {@link MutationStatus#PENDING} while a run of a mutation {@code filter} selects is
   * pending for it, else {@link MutationStatus#ERROR} if the latest such run for it failed
   * (while the client remembers that run: its mutation's gc time), else nothing. A row's mark
   * changing fires {@code fireTableRowsUpdated} for it, so a {@link WriteMarkRenderer} repaints
   * it. Call on the EDT.
   *
   * <pre>{@code
   * model.markWrites(client, MutationFilter.key(QueryKey.of("mail")), variables -> ((MailAction) variables).id());
   * WriteMarkRenderer.install(table);
   * }</pre>
   *
   * @param client the client whose mutation runs to follow
   * @param filter which runs concern the rows
   * @param rowKey the key of the row a run's variables are about (the same kind of key as the
   *     model's row-key function gives), or null if the run is about no row
   * @return closing it stops the marking and unmarks every row
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if called off the EDT, or if the model marks writes already
   */
  public AutoCloseable markWrites(QueryClient client, MutationFilter filter, Function<Object, ?> rowKey) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(filter, "filter == null");
    Objects.requireNonNull(rowKey, "rowKey == null");
    EdtExecutor.checkOnEdt("QueryTableModel.markWrites");
    if (marking) {
      throw new IllegalStateException("this QueryTableModel marks writes already; close that first");
    }
    marking = true;
    Runnable refresh = () -> updateWriteMarks(WriteMarks.of(client.getMutations(filter), rowKey));
    AutoCloseable listener = client.onCacheChange(() -> {
      if (SwingUtilities.isEventDispatchThread()) {
        refresh.run();
      } else {
        SwingUtilities.invokeLater(refresh);
      }
    });
    refresh.run();
    return () -> {
      EdtExecutor.checkOnEdt("closing QueryTableModel.markWrites");
      listener.close();
      marking = false;
      updateWriteMarks(Map.of());
    };
  }

  /**
   * Keeps {@code table}'s selected row by its key, across the row leaving and coming back: a
   * row archived and then brought back by an undo, or dropped by one refetch and restored by
   * the next, is selected again when it returns, if nothing else was selected meanwhile. The
   * diffing already keeps the selection of rows that stay. For a table in single selection
   * mode (in the other modes, Swing selects a row inserted before a selected one as well); call
   * on the EDT.
   *
   * @param table a table over this model
   * @return closing it stops keeping the selection
   * @throws NullPointerException if {@code table} is null
   * @throws IllegalArgumentException if {@code table}'s model is not this model
   * @throws IllegalStateException if called off the EDT
   */
  public AutoCloseable keepSelection(JTable table) {
    Objects.requireNonNull(table, "table == null");
    if (table.getModel() != this) {
      throw new IllegalArgumentException("table shows another model: " + table.getModel());
    }
    EdtExecutor.checkOnEdt("QueryTableModel.keepSelection");
    Object[] remembered = new Object[1];
    ListSelectionListener selection = event -> {
      if (event.getValueIsAdjusting()) {
        return;
      }
      int view = table.getSelectedRow();
      if (view >= 0) {
        remembered[0] = rowKey.apply(rows.get(table.convertRowIndexToModel(view)));
      } else if (remembered[0] != null && indexOfKey(remembered[0]) >= 0) {
        remembered[0] = null; // the row is still there: the user cleared the selection
      }
    };
    TableModelListener returns = event -> {
      Object key = remembered[0];
      if (event.getType() == TableModelEvent.INSERT && key != null && table.getSelectedRow() < 0) {
        int index = indexOfKey(key);
        if (index >= event.getFirstRow() && index <= event.getLastRow()) {
          int view = table.convertRowIndexToView(index);
          table.getSelectionModel().setSelectionInterval(view, view);
        }
      }
    };
    table.getSelectionModel().addListSelectionListener(selection);
    addTableModelListener(returns);
    // Listeners hear of a change last-added first: the table must update its rows before the
    // returning row is selected, so it is added again, after this model's listener.
    removeTableModelListener(table);
    addTableModelListener(table);
    return () -> {
      table.getSelectionModel().removeListSelectionListener(selection);
      removeTableModelListener(returns);
    };
  }

  private int indexOfKey(Object key) {
    for (int i = 0; i < rows.size(); i++) {
      if (key.equals(rowKey.apply(rows.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * What the writes of {@code rowIndex}'s row are doing, as {@link #markWrites} follows them.
   *
   * @param rowIndex a model index
   * @return {@link MutationStatus#PENDING}, {@link MutationStatus#ERROR}, or null for none
   * @throws IndexOutOfBoundsException if {@code rowIndex} is out of range
   */
  public @Nullable MutationStatus writeStatus(int rowIndex) {
    R row = rows.get(rowIndex);
    return writeMarks.isEmpty() ? null : writeMarks.get(rowKey.apply(row));
  }

  /** Takes the new marks, firing an update for each row whose mark changed. EDT. */
  private void updateWriteMarks(Map<Object, MutationStatus> next) {
    Map<Object, MutationStatus> previous = writeMarks;
    if (previous.equals(next)) {
      return;
    }
    writeMarks = next;
    for (int i = 0; i < rows.size(); i++) {
      Object key = rowKey.apply(rows.get(i));
      if (!Objects.equals(previous.get(key), next.get(key))) {
        fireTableRowsUpdated(i, i);
      }
    }
  }

  /**
   * The row at {@code rowIndex}, for actions on the selected row.
   *
   * @param rowIndex a model index (convert a view index with
   *     {@link javax.swing.JTable#convertRowIndexToModel(int)})
   * @return the row
   * @throws IndexOutOfBoundsException if {@code rowIndex} is out of range
   */
  public R getRow(int rowIndex) {
    return rows.get(rowIndex);
  }

  /**
   * The rows shown now.
   *
   * @return an unmodifiable view that follows the model
   */
  public List<R> rows() {
    return Collections.unmodifiableList(rows);
  }

  /**
   * The columns.
   *
   * @return the columns, left to right
   */
  public List<Column<R>> columns() {
    return columns;
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public String getColumnName(int column) {
    return columns.get(column).name();
  }

  @Override
  public Class<?> getColumnClass(int column) {
    return columns.get(column).type();
  }

  @Override
  public @Nullable Object getValueAt(int rowIndex, int columnIndex) {
    return columns.get(columnIndex).valueOf(rows.get(rowIndex));
  }

  /** Cells of {@linkplain Column#editable editable} columns are editable. */
  @Override
  public boolean isCellEditable(int rowIndex, int columnIndex) {
    return columns.get(columnIndex).setter != null;
  }

  /**
   * Hands an edit to the column's setter, which should start the write (an optimistic
   * mutation): the cell changes when the query's data does, at once if the write is
   * optimistic, and changes back if it fails. The model itself keeps showing the query.
   */
  @Override
  public void setValueAt(@Nullable Object value, int rowIndex, int columnIndex) {
    Column<R> column = columns.get(columnIndex);
    if (column.setter != null && value != null) {
      column.setter.accept(rows.get(rowIndex), value);
    }
  }

  /** Shows {@code data} (none: no rows), firing the events of the diff. On the EDT. */
  void show(@Nullable List<? extends R> data) {
    if (data == shown) {
      return; // structural sharing: the same list is the same rows
    }
    RowDiff.apply(rows, data == null ? List.of() : data, rowKey, events);
    shown = data;
  }

  @Override
  public String toString() {
    return "QueryTableModel{rows=" + rows.size() + ", columns=" + columns.size() + "}";
  }

  /**
   * One column of a {@link QueryTableModel}: its header, its class (which picks the
   * renderer: {@code Boolean} shows a check box) and how to read a row's cell. Immutable.
   *
   * @param <R> the type of the rows
   */
  public static final class Column<R> {
    private final String name;
    private final Class<?> type;
    private final Function<? super R, ?> value;
    final @Nullable BiConsumer<? super R, Object> setter;

    private Column(
        String name, Class<?> type, Function<? super R, ?> value, @Nullable BiConsumer<? super R, Object> setter) {
      this.name = name;
      this.type = type;
      this.value = value;
      this.setter = setter;
    }

    /**
     * A read-only column.
     *
     * @param name the header
     * @param type the class of the cells; a primitive class stands for its wrapper
     *     ({@code boolean.class} renders as {@code Boolean.class} does)
     * @param value reads the cell of a row
     * @param <R> the type of the rows
     * @param <V> the type of the cells
     * @return the column
     * @throws NullPointerException if an argument is null
     */
    public static <R, V> Column<R> of(String name, Class<V> type, Function<? super R, ? extends V> value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(value, "value == null");
      return new Column<>(name, MethodType.methodType(type).wrap().returnType(), value, null);
    }

    /**
     * An editable column: an edit of a cell calls {@code setter} with the row and the new
     * value, on the EDT. The setter should start the write (typically
     * {@link dev.querycache.Mutation#fire} of an optimistic mutation); the cell shows the
     * query's data, so it flips when the mutation patches and flips back if it fails.
     *
     * @param name the header
     * @param type the class of the cells ({@code Boolean.class} edits with a check box)
     * @param value reads the cell of a row
     * @param setter starts the write of a new value
     * @param <R> the type of the rows
     * @param <V> the type of the cells
     * @return the column
     * @throws NullPointerException if an argument is null
     */
    public static <R, V> Column<R> editable(
        String name, Class<V> type, Function<? super R, ? extends V> value, BiConsumer<? super R, ? super V> setter) {
      Objects.requireNonNull(setter, "setter == null");
      Column<R> readOnly = of(name, type, value);
      Class<?> cells = readOnly.type;
      return new Column<>(readOnly.name, cells, value, (row, cell) -> {
        @SuppressWarnings("unchecked") // checked against the column's class just here
        V typed = (V) cells.cast(cell);
        setter.accept(row, typed);
      });
    }

    /**
     * The header.
     *
     * @return the column's name
     */
    public String name() {
      return name;
    }

    /**
     * The class of the cells, never primitive.
     *
     * @return the class {@link javax.swing.JTable} picks renderers by
     */
    public Class<?> type() {
      return type;
    }

    /**
     * Reads the cell of {@code row}.
     *
     * @param row a row
     * @return the cell's value
     */
    public @Nullable Object valueOf(R row) {
      return value.apply(row);
    }

    @Override
    public String toString() {
      return "Column{" + name + ": " + type.getSimpleName() + "}";
    }
  }
}
