package dev.querycache.swing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.swing.event.TreeModelListener;
import javax.swing.tree.TreeModel;
import javax.swing.tree.TreePath;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A read-only {@link TreeModel} of a JSON tree: each node an {@link Entry}, named by its
 * property name or array index, whose children are made when first asked for (a list of
 * ten thousand rows costs nothing until opened). Entries are equal when their paths from the
 * root are, so that a new model of changed data can open what was open in the old one.
 * Confined to the EDT.
 */
final class JsonTreeModel implements TreeModel {
  /** The most characters a string value shows in its row; the copy has them all. */
  static final int MAX_VALUE_CHARS = 200;

  /**
   * One node: where it is, its name, its JSON value.
   */
  static final class Entry {
    private final String path;
    private final String name;
    private final JsonNode value;
    private @Nullable List<Entry> children;

    Entry(String path, String name, JsonNode value) {
      this.path = path;
      this.name = name;
      this.value = value;
    }

    /**
     * Where it is from the root, as a JSON Pointer: such as {@code "/items/3/title"}
     * ({@code ""} for the root).
     */
    String path() {
      return path;
    }

    JsonNode value() {
      return value;
    }

    List<Entry> children() {
      if (children == null) {
        List<Entry> made = new ArrayList<>(value.size());
        if (value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            made.add(new Entry(path + "/" + i, "[" + i + "]", value.get(i)));
          }
        } else if (value.isObject()) {
          for (Map.Entry<String, JsonNode> property : value.properties()) {
            String step = property.getKey().replace("~", "~0").replace("/", "~1"); // as in a JSON Pointer
            made.add(new Entry(path + "/" + step, property.getKey(), property.getValue()));
          }
        }
        children = made;
      }
      return children;
    }

    /** Such as {@code title: "Write specs"}, {@code items [3]} or {@code owner {2}}. */
    @Override
    public String toString() {
      if (value.isArray()) {
        return name + " [" + value.size() + "]";
      }
      if (value.isObject()) {
        return name + " {" + value.size() + "}";
      }
      String shown = value.isString() ? quoted(value.asString()) : value.toString();
      return name.isEmpty() ? shown : name + ": " + shown;
    }

    private static String quoted(String text) {
      String cut = text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
      return "\"" + cut + "\"";
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Entry && ((Entry) other).path.equals(path);
    }

    @Override
    public int hashCode() {
      return path.hashCode();
    }
  }

  private final Entry root;

  /**
   * A model of {@code tree}, whose root is named {@code rootName}.
   *
   * @param rootName what the root row says before its size, such as {@code "data"}
   * @param tree the JSON tree
   */
  JsonTreeModel(String rootName, JsonNode tree) {
    this.root = new Entry("", rootName, Objects.requireNonNull(tree, "tree == null"));
  }

  @Override
  public Entry getRoot() {
    return root;
  }

  @Override
  public Object getChild(Object parent, int index) {
    return ((Entry) parent).children().get(index);
  }

  @Override
  public int getChildCount(Object parent) {
    Entry entry = (Entry) parent;
    return entry.value.isContainer() ? entry.value.size() : 0;
  }

  @Override
  public boolean isLeaf(Object node) {
    return !((Entry) node).value.isContainer();
  }

  @Override
  public int getIndexOfChild(@Nullable Object parent, @Nullable Object child) {
    return parent == null || child == null ? -1 : ((Entry) parent).children().indexOf(child);
  }

  /**
   * The path of entries from the root to the entry at {@code path}.
   *
   * @param path an entry's path, as {@link Entry#path()} gives it
   * @return the tree path, or null if this tree has no entry there
   */
  @Nullable TreePath find(String path) {
    TreePath found = new TreePath(root);
    Entry at = root;
    while (!at.path.equals(path)) {
      Entry next = null;
      for (Entry child : at.children()) {
        if (path.equals(child.path) || path.startsWith(child.path + "/")) {
          next = child;
          break;
        }
      }
      if (next == null) {
        return null;
      }
      at = next;
      found = found.pathByAddingChild(at);
    }
    return found;
  }

  /** Read-only: changed data makes a new model. */
  @Override
  public void valueForPathChanged(TreePath path, Object newValue) {
    throw new UnsupportedOperationException("the inspector's data tree is read-only");
  }

  /** Never fires: changed data makes a new model. */
  @Override
  public void addTreeModelListener(TreeModelListener listener) {}

  @Override
  public void removeTreeModelListener(TreeModelListener listener) {}
}
