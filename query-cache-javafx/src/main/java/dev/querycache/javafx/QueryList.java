package dev.querycache.javafx;

import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.InfiniteQueryResult;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.collection.QueryCollection;
import dev.querycache.internal.ui.RowDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableListBase;
import javafx.scene.Node;
import javafx.scene.control.Control;
import org.jspecify.annotations.Nullable;

/**
 * A read-only {@code ObservableList} that shows a query whose data is a list of rows, for a
 * {@code TableView} or a {@code ListView}, and tells them exactly which rows changed, so that
 * the selection, the focus and the scroll position survive an optimistic flip, its rollback
 * and every refetch.
 *
 * <pre>{@code
 * QueryList<Contact> contacts = new QueryList<>(Contact::id);
 * table.setItems(contacts);
 * QueryProperty<List<Contact>> query = contacts.bind(table, client, contactsOptions);
 * placeholder.visibleProperty().bind(query.loading());
 * }</pre>
 *
 * <p><b>Changes.</b> Rows are matched by key with the core's keyed diff. Each run of the diff
 * is its own change, in this order: removals (the rows whose key is gone, and moved rows;
 * bottom run first), additions (top run first), then replacements ({@code set}) of the rows
 * whose key stayed and whose value differs by {@code equals}. A flip of one row is one
 * replacement of one element; its rollback is another; a refetch replaces only the rows that
 * changed; equal data changes nothing (the new, equal rows are adopted silently). A row is
 * never announced as "updated" in place: a {@code SortedList} over this list keeps copies of
 * its rows and would go on showing the old one.
 *
 * <p><b>Keys.</b> {@link #indexOf} and {@link #contains} match rows by key, not by
 * {@code equals}: a {@code TableView} that re-finds its selected and focused rows after a
 * replacement finds their new versions, so a changed row stays selected. When the list is
 * bound to a {@code TableView} or a {@code ListView} that shows it through a
 * {@code SortedList} or a {@code FilteredList} (whose {@code indexOf} compares with
 * {@code equals}), the list puts the view's selection and focus back on their rows by key
 * after a change that made the view drop them. Data in which two
 * rows have equal keys is refused with an {@link IllegalArgumentException} naming the key,
 * which reaches the FX thread's uncaught-exception handler as any listener's failure does; the
 * list keeps its rows.
 *
 * <p><b>Threads.</b> Confined to the FX Application Thread: the rows change only there. The
 * list cannot be changed by its users ({@code add}, {@code set} and the like throw
 * {@link UnsupportedOperationException}).
 *
 * @param <R> the type of the rows
 * @since 0.1.0
 */
public final class QueryList<R> extends ObservableListBase<R> {
  private final Function<? super R, ?> rowKey;
  private final List<R> rows = new ArrayList<>();
  private @Nullable List<? extends R> shown;
  private @Nullable QueryProperty<?> binding;
  /** The lifetime of a binding to a collection, ended when it is closed; or null. */
  private @Nullable WhileShowing following;
  /** The infinite query that drives the list, if it was bound to one. */
  private @Nullable InfiniteScroll infinite;
  private @Nullable SelectionKeeper<R> keeper;

  /**
   * An empty list with the given row identity.
   *
   * @param rowKey gives each row its identity (an id), unique within a list
   * @throws NullPointerException if {@code rowKey} is null
   */
  public QueryList(Function<? super R, ?> rowKey) {
    this.rowKey = Objects.requireNonNull(rowKey, "rowKey == null");
  }

  /**
   * Shows {@code options}' query for as long as {@code node} (usually the table or list) is
   * in a showing window; see {@link FxQueries#observe(Node, QueryClient, QueryOptions)}.
   * While the query has no data, the list is empty.
   *
   * @param node the node whose place on screen bounds the observation
   * @param client the client to observe
   * @param options the query; its data is the rows
   * @param <L> the type of the query's data
   * @return the query as a property, for its loading, error and other bindings; closing it
   *     stops following the query (the rows stay as they are)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread, or if the list
   *     is bound already (close that property first)
   */
  public <L extends List<? extends R>> QueryProperty<L> bind(Node node, QueryClient client, QueryOptions<L> options) {
    Objects.requireNonNull(node, "node == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    FxExecutor.checkOnFxThread("QueryList.bind");
    checkUnbound();
    keeper = SelectionKeeper.of(node, rowKey);
    QueryProperty<L> property = QueryProperty.observe(node, client, options);
    adopt(property, QueryResult::data);
    return property;
  }

  /**
   * Shows {@code collection}'s rows, pending changes included, for as long as {@code node}
   * (usually the table or list) is in a showing window. Each change of the rows (a write, a
   * rollback, a fetch or rows written back) changes only the rows that changed: an update is
   * one row replaced, an insert one added, a delete one removed, and an echo equal to the row
   * shown changes nothing, so the selection and the focus stay on their rows.
   *
   * @param node the node whose place on screen bounds the binding
   * @param collection the rows
   * @return closing it (on the FX Application Thread) stops following the collection (the
   *     rows stay as they are)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread, or if the list
   *     is bound already (close that binding first)
   */
  public AutoCloseable bind(Node node, QueryCollection<?, ? extends R> collection) {
    Objects.requireNonNull(node, "node == null");
    Objects.requireNonNull(collection, "collection == null");
    FxExecutor.checkOnFxThread("QueryList.bind");
    checkUnbound();
    keeper = SelectionKeeper.of(node, rowKey);
    AutoCloseable[] listening = new AutoCloseable[1];
    WhileShowing lifetime = new WhileShowing(node,
        () -> {
          AutoCloseable opened = collection.onChange(changes -> {
            Runnable showLatest = () -> {
              if (listening[0] != null) {
                show(collection.rows());
              }
            };
            if (Platform.isFxApplicationThread()) {
              showLatest.run();
            } else {
              Platform.runLater(showLatest);
            }
          });
          listening[0] = opened;
          show(collection.rows());
        },
        () -> {
          AutoCloseable opened = listening[0];
          listening[0] = null;
          if (opened != null) {
            try {
              opened.close();
            } catch (Exception cannot) {
              throw new IllegalStateException(cannot);
            }
          }
        });
    following = lifetime;
    lifetime.start();
    return () -> {
      FxExecutor.checkOnFxThread("closing QueryList.bind");
      lifetime.end();
    };
  }

  /**
   * Shows an infinite query's rows, page after page, in {@code control} (the
   * {@code ListView} or {@code TableView} whose items this list is), and loads the next page
   * when the user scrolls near the end; see {@link InfiniteScroll}. A page that arrives adds
   * its rows with one add change: the selection and the scroll position stay.
   *
   * @param control the list or table that shows this list's rows
   * @param client the client to observe
   * @param options the infinite query
   * @param rows the rows of one page
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return the binding; closing it stops following the query (the rows stay as they are)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the FX Application Thread, or if the list
   *     is bound already (close that binding first)
   */
  public <P, Q> InfiniteScroll bindInfinite(Control control, QueryClient client, InfiniteQueryOptions<P, Q> options,
      Function<? super P, ? extends List<? extends R>> rows) {
    Objects.requireNonNull(control, "control == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(rows, "rows == null");
    FxExecutor.checkOnFxThread("QueryList.bindInfinite");
    checkUnbound();
    return observePages(control, client, options, rows, result -> {});
  }

  /**
   * As {@link #bindInfinite(Control, QueryClient, InfiniteQueryOptions, Function)}, with
   * {@code state} (whose content is the list or table) showing the loading, error and empty
   * views of the query: one observer drives both, and "Retry" refetches the pages.
   *
   * @param state the state pane around the control; its content must be the list or table
   * @param client the client to observe
   * @param options the infinite query
   * @param rows the rows of one page
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return the binding; closing it stops following the query
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the pane's content is not a control
   * @throws IllegalStateException if not called on the FX Application Thread, or if the list
   *     or the pane is bound already (close that binding first)
   */
  public <P, Q> InfiniteScroll bindInfinite(QueryStatePane<InfiniteData<P, Q>> state, QueryClient client,
      InfiniteQueryOptions<P, Q> options, Function<? super P, ? extends List<? extends R>> rows) {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(rows, "rows == null");
    FxExecutor.checkOnFxThread("QueryList.bindInfinite");
    if (!(state.content() instanceof Control control)) {
      throw new IllegalArgumentException("state: its content must be the ListView or TableView, not a "
          + state.content().getClass().getName());
    }
    checkUnbound();
    state.checkUnbound();
    state.setOnRetry(() -> client.refetchQueries(QueryFilter.exact(options.key())));
    InfiniteScroll scroll = observePages(control, client, options, rows, result -> state.show(result.result()));
    state.adopt(scroll);
    return scroll;
  }

  private <P, Q> InfiniteScroll observePages(Control control, QueryClient client, InfiniteQueryOptions<P, Q> options,
      Function<? super P, ? extends List<? extends R>> rows, Consumer<InfiniteQueryResult<P, Q>> then) {
    keeper = SelectionKeeper.of(control, rowKey);
    InfiniteScroll scroll = InfiniteScroll.install(control, client, options, result -> {
      InfiniteData<P, Q> data = result.data();
      show(data == null ? null : data.flatMap(rows));
      then.accept(result);
    });
    infinite = scroll;
    return scroll;
  }

  /** Throws if a binding is open. */
  void checkUnbound() {
    if (infinite != null && !infinite.isClosed()) {
      throw new IllegalStateException("this QueryList is bound already; close its InfiniteScroll first");
    }
    if (binding != null && !binding.isClosed()) {
      throw new IllegalStateException("this QueryList is bound already; close its QueryProperty first");
    }
    if (following != null && !following.isEnded()) {
      throw new IllegalStateException("this QueryList is bound already to a collection; close that binding first");
    }
  }

  /**
   * Shows {@code rows} of each of {@code property}'s results from now on, and of its current
   * one; the list counts as bound until the property closes. FX thread.
   */
  <T> void adopt(QueryProperty<T> property, Function<QueryResult<T>, ? extends @Nullable List<? extends R>> rows) {
    ChangeListener<QueryResult<T>> follow = (value, was, is) -> show(rows.apply(is));
    property.addListener(follow);
    binding = property;
    show(rows.apply(property.get()));
  }

  /**
   * Shows {@code data} (none: no rows), firing one change per run of the diff. On the FX
   * thread.
   *
   * @param data the rows to show, or null for none
   * @throws IllegalArgumentException if two rows have equal keys (the list is unchanged)
   */
  void show(@Nullable List<? extends R> data) {
    if (data == shown) {
      return; // structural sharing: the same list is the same rows
    }
    List<? extends R> next = data == null ? List.of() : data;
    List<RowDiff.Change<R>> changes = RowDiff.between(rows, next, rowKey);
    SelectionKeeper<R> view = changes.isEmpty() ? null : keeper;
    SelectionKeeper.Remembered before = view == null ? null : view.remember();
    for (RowDiff.Change<R> change : changes) {
      beginChange();
      try {
        switch (change.kind()) {
          case DELETE:
            List<R> removed = new ArrayList<>(rows.subList(change.first(), change.first() + change.rows().size()));
            change.applyTo(rows);
            nextRemove(change.first(), removed);
            break;
          case INSERT:
            change.applyTo(rows);
            nextAdd(change.first(), change.first() + change.rows().size());
            break;
          case UPDATE:
            for (int i = 0; i < change.rows().size(); i++) {
              int index = change.first() + i;
              R old = rows.set(index, change.rows().get(i));
              nextSet(index, old);
            }
            break;
          default:
            throw new AssertionError(change.kind());
        }
      } finally {
        endChange(); // each run is its own change: a TableView mis-shifts mixed ones
      }
    }
    for (int i = 0; i < next.size(); i++) {
      rows.set(i, next.get(i)); // equal rows: adopt the new references, silently
    }
    shown = data;
    if (view != null && before != null) {
      view.restore(before);
    }
  }

  /**
   * The row at {@code index}.
   *
   * @param index the row's index
   * @return the row
   * @throws IndexOutOfBoundsException if there is no such row
   */
  @Override
  public R get(int index) {
    return rows.get(index);
  }

  /**
   * How many rows it shows.
   *
   * @return the count
   */
  @Override
  public int size() {
    return rows.size();
  }

  /**
   * The index of the row whose key is {@code row}'s: a changed version of a row is found
   * where the row is.
   *
   * @param row a row, or anything else (then -1)
   * @return the index, or -1
   */
  @Override
  public int indexOf(@Nullable Object row) {
    Object key = keyOf(row);
    if (key == NOT_A_ROW) {
      return -1;
    }
    for (int i = 0; i < rows.size(); i++) {
      if (Objects.equals(rowKey.apply(rows.get(i)), key)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The same as {@link #indexOf}: keys are unique.
   *
   * @param row a row, or anything else (then -1)
   * @return the index, or -1
   */
  @Override
  public int lastIndexOf(@Nullable Object row) {
    return indexOf(row);
  }

  /**
   * Whether a row with {@code row}'s key is shown.
   *
   * @param row a row, or anything else (then false)
   * @return whether {@link #indexOf} finds it
   */
  @Override
  public boolean contains(@Nullable Object row) {
    return indexOf(row) >= 0;
  }

  private static final Object NOT_A_ROW = new Object();

  @SuppressWarnings("unchecked") // a foreign object makes the key function throw, or gives a foreign key
  private @Nullable Object keyOf(@Nullable Object row) {
    if (row == null) {
      return NOT_A_ROW;
    }
    try {
      return rowKey.apply((R) row);
    } catch (ClassCastException foreign) {
      return NOT_A_ROW;
    }
  }

  @Override
  public String toString() {
    return "QueryList{rows=" + rows.size() + "}";
  }
}
