package dev.querycache.swing;

import dev.querycache.QueryClient;
import dev.querycache.QueryOptions;
import dev.querycache.internal.ui.RowDiff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.swing.AbstractListModel;
import javax.swing.JComponent;
import org.jspecify.annotations.Nullable;

/**
 * A list model that shows a query whose data is a list of elements, and tells its list
 * exactly which elements changed, so that the selection and the scroll position survive an
 * optimistic flip, its rollback and every refetch.
 *
 * <pre>{@code
 * QueryListModel<Contact> model = new QueryListModel<>(Contact::id);
 * JList<Contact> list = new JList<>(model);
 * model.bind(list, client, contactsOptions);
 * }</pre>
 *
 * <p><b>Events.</b> As {@link QueryTableModel}'s, with the list model's events: elements are
 * matched by key, and the model fires only {@code fireIntervalRemoved} (bottom run first),
 * then {@code fireIntervalAdded} (top run first), then {@code fireContentsChanged} for the
 * elements whose key stayed and whose value differs by {@code equals}, one event per run of
 * contiguous elements, changing its elements in step with the events. Equal data fires
 * nothing; a moved element is removed and added again; the first data after an empty list is
 * one added interval. The model never fires a {@code fireContentsChanged} over the whole
 * list for an update. While the query has no data, the list is empty.
 *
 * <p><b>Keys.</b> Data in which two elements have equal keys is refused with an
 * {@link IllegalArgumentException} naming the key and the elements, which the client logs as
 * it does any listener's failure; the list keeps showing the previous elements.
 *
 * <p><b>Threads.</b> Confined to the EDT: the elements change only there, whatever the
 * client's notify executor.
 *
 * @param <R> the type of the elements
 * @since 0.1.0
 */
@SuppressWarnings("serial") // Serializable through AbstractListModel; not meant to be serialized
public final class QueryListModel<R> extends AbstractListModel<R> {
  private final Function<? super R, ?> rowKey;
  private final List<R> elements = new ArrayList<>();
  private @Nullable List<? extends R> shown;
  private @Nullable ComponentBinding binding;
  private final RowDiff.Events events =
      new RowDiff.Events() {
        @Override
        public void deleted(int first, int last) {
          fireIntervalRemoved(QueryListModel.this, first, last);
        }

        @Override
        public void inserted(int first, int last) {
          fireIntervalAdded(QueryListModel.this, first, last);
        }

        @Override
        public void updated(int first, int last) {
          fireContentsChanged(QueryListModel.this, first, last);
        }
      };

  /**
   * An empty model with the given element identity.
   *
   * @param rowKey gives each element its identity (an id), unique within a list
   * @throws NullPointerException if {@code rowKey} is null
   */
  public QueryListModel(Function<? super R, ?> rowKey) {
    this.rowKey = Objects.requireNonNull(rowKey, "rowKey == null");
  }

  /**
   * Shows {@code options}' query for as long as {@code component} (usually the list) is
   * displayable; see {@link SwingQueries#observe}.
   *
   * @param component the component whose lifetime bounds the observation
   * @param client the client to observe
   * @param options the query; its data is the elements
   * @return the binding; closing it stops following the query (the elements stay as they are)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if not called on the EDT, or if the model is bound already
   *     (close that binding first)
   */
  public ComponentBinding bind(
      JComponent component, QueryClient client, QueryOptions<? extends List<? extends R>> options) {
    EdtExecutor.checkOnEdt("QueryListModel.bind");
    if (binding != null && !binding.isClosed()) {
      throw new IllegalStateException("this QueryListModel is bound already; close its binding first");
    }
    ComponentBinding bound = SwingQueries.observe(component, client, options, result -> show(result.data()));
    binding = bound;
    return bound;
  }

  /**
   * The elements shown now.
   *
   * @return an unmodifiable view that follows the model
   */
  public List<R> elements() {
    return Collections.unmodifiableList(elements);
  }

  @Override
  public int getSize() {
    return elements.size();
  }

  @Override
  public R getElementAt(int index) {
    return elements.get(index);
  }

  /** Shows {@code data} (none: no elements), firing the events of the diff. On the EDT. */
  void show(@Nullable List<? extends R> data) {
    if (data == shown) {
      return; // structural sharing: the same list is the same elements
    }
    RowDiff.apply(elements, data == null ? List.of() : data, rowKey, events);
    shown = data;
  }

  @Override
  public String toString() {
    return "QueryListModel{elements=" + elements.size() + "}";
  }
}
