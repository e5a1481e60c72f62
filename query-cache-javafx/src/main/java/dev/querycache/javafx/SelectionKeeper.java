package dev.querycache.javafx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.FocusModel;
import javafx.scene.control.ListView;
import javafx.scene.control.MultipleSelectionModel;
import javafx.scene.control.TableView;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a {@code TableView}'s or {@code ListView}'s selection and focus on their rows, by key,
 * through a {@link QueryList}'s changes. Over the list itself a view keeps them on its own
 * (the list finds a changed row by key); over a {@code SortedList} or a {@code FilteredList}
 * of it, a replaced row is no longer equal to the one the view had selected and the view drops
 * it. The keeper remembers the selected and focused keys before a change and, if the view lost
 * them, selects and focuses the rows of those keys again. Confined to the FX Application
 * Thread.
 *
 * @param <R> the type of the rows
 */
final class SelectionKeeper<R> {
  private final ObservableList<?> items;
  private final MultipleSelectionModel<?> selection;
  private final FocusModel<?> focus;
  private final Function<? super R, ?> rowKey;

  private SelectionKeeper(
      ObservableList<?> items, MultipleSelectionModel<?> selection, FocusModel<?> focus, Function<? super R, ?> rowKey) {
    this.items = items;
    this.selection = selection;
    this.focus = focus;
    this.rowKey = rowKey;
  }

  /**
   * A keeper for {@code node} if it is a table or a list view, else null.
   *
   * @param node the node a {@link QueryList} is bound to
   * @param rowKey the list's row identity
   * @param <R> the type of the rows
   * @return the keeper, or null for any other node
   */
  static <R> @Nullable SelectionKeeper<R> of(Node node, Function<? super R, ?> rowKey) {
    if (node instanceof TableView) {
      TableView<?> table = (TableView<?>) node;
      return table.getSelectionModel() == null || table.getFocusModel() == null
          ? null
          : new SelectionKeeper<>(table.getItems(), table.getSelectionModel(), table.getFocusModel(), rowKey);
    }
    if (node instanceof ListView) {
      ListView<?> list = (ListView<?>) node;
      return list.getSelectionModel() == null || list.getFocusModel() == null
          ? null
          : new SelectionKeeper<>(list.getItems(), list.getSelectionModel(), list.getFocusModel(), rowKey);
    }
    return null;
  }

  /** What was selected and focused, by key. */
  record Remembered(List<@Nullable Object> selectedKeys, boolean focused, @Nullable Object focusedKey) {}

  /** The selected and focused keys now. */
  Remembered remember() {
    List<@Nullable Object> keys = new ArrayList<>();
    for (Object item : selection.getSelectedItems()) {
      if (item != null) {
        keys.add(key(item));
      }
    }
    Object focused = focus.getFocusedItem();
    return new Remembered(keys, focused != null, focused == null ? null : key(focused));
  }

  /** Selects and focuses again what {@code before} held, where the view lost it. */
  void restore(Remembered before) {
    if (!before.selectedKeys().isEmpty() && !remember().selectedKeys().equals(before.selectedKeys())) {
      List<Integer> indexes = new ArrayList<>();
      for (Object key : before.selectedKeys()) {
        int index = indexOfKey(key);
        if (index >= 0) {
          indexes.add(index);
        }
      }
      if (!indexes.isEmpty()) {
        selection.clearSelection();
        indexes.forEach(selection::select);
      }
    }
    if (before.focused()) {
      Object now = focus.getFocusedItem();
      if (now == null || !Objects.equals(key(now), before.focusedKey())) {
        int index = indexOfKey(before.focusedKey());
        if (index >= 0) {
          focus.focus(index);
        }
      }
    }
  }

  private int indexOfKey(@Nullable Object key) {
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (item != null && Objects.equals(key(item), key)) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked") // the view shows the list's rows
  private @Nullable Object key(Object item) {
    return rowKey.apply((R) item);
  }
}
