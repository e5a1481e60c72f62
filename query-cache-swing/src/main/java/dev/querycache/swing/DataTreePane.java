package dev.querycache.swing;

import java.awt.BorderLayout;
import java.awt.Point;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.StringSelection;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JToolBar;
import javax.swing.JTree;
import javax.swing.tree.TreePath;
import javax.swing.tree.TreeSelectionModel;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@link CacheInspector}'s view of one query's data: a JSON tree (see {@link DataJson})
 * and a Copy button that puts the selected node, or the whole data, on the clipboard as
 * indented JSON. While the same query's data ticks, what is open stays open and the view
 * keeps its scroll position and selection; another query starts afresh, its first level
 * open. Confined to the EDT.
 */
final class DataTreePane extends JPanel {
  private static final long serialVersionUID = 1L;

  private final String rootName;
  private final JTree tree;
  private final JScrollPane scroll;
  private final JButton copy = new JButton("Copy JSON");
  private transient @Nullable Object shownFor;
  private transient @Nullable Object shownData;
  private transient JsonNode shownTree = DataJson.tree(null);
  private transient @Nullable Clipboard clipboard;

  /**
   * An empty pane.
   *
   * @param rootName what the root row is called, such as {@code "data"}
   */
  DataTreePane(String rootName) {
    super(new BorderLayout());
    this.rootName = rootName;
    this.tree = new JTree(new JsonTreeModel(rootName, DataJson.tree(null)));
    this.scroll = new JScrollPane(tree);
    setName("cacheInspector.dataPane");
    tree.setName("cacheInspector.data");
    tree.getSelectionModel().setSelectionMode(TreeSelectionModel.SINGLE_TREE_SELECTION);
    copy.setName("cacheInspector.copy");
    copy.setToolTipText("Copy the selected node, or all the data, as JSON");
    copy.addActionListener(event -> copySelection());
    JToolBar bar = new JToolBar();
    bar.setFloatable(false);
    bar.add(copy);
    add(bar, BorderLayout.NORTH);
    add(scroll, BorderLayout.CENTER);
  }

  /**
   * Shows {@code data}, the data of the query {@code owner} (any object that tells queries
   * apart, such as its key). Data of the same owner that Jackson writes the same changes
   * nothing on screen.
   *
   * @param owner the query the data belongs to, or null for none selected
   * @param data its data, or null for none
   */
  void show(@Nullable Object owner, @Nullable Object data) {
    boolean sameOwner = Objects.equals(owner, shownFor);
    if (sameOwner && data == shownData) {
      return;
    }
    JsonNode next = DataJson.tree(data);
    shownData = data;
    shownFor = owner;
    if (sameOwner && next.equals(shownTree)) {
      return;
    }
    shownTree = next;
    if (sameOwner) {
      replaceKeepingView(next);
    } else {
      tree.setModel(new JsonTreeModel(rootName, next));
      tree.expandRow(0);
      scroll.getViewport().setViewPosition(new Point(0, 0));
    }
  }

  /** The same query's data changed: a new model, opened, selected and scrolled as before. */
  private void replaceKeepingView(JsonNode next) {
    List<String> open = new ArrayList<>();
    JsonTreeModel old = (JsonTreeModel) tree.getModel();
    Enumeration<TreePath> expanded = tree.getExpandedDescendants(new TreePath(old.getRoot()));
    if (expanded != null) {
      while (expanded.hasMoreElements()) {
        open.add(((JsonTreeModel.Entry) expanded.nextElement().getLastPathComponent()).path());
      }
    }
    TreePath selected = tree.getSelectionPath();
    Point position = scroll.getViewport().getViewPosition();

    JsonTreeModel model = new JsonTreeModel(rootName, next);
    tree.setModel(model);
    open.sort(null); // parents before their children
    for (String path : open) {
      TreePath found = model.find(path);
      if (found != null) {
        tree.expandPath(found);
      }
    }
    if (selected != null) {
      TreePath found = model.find(((JsonTreeModel.Entry) selected.getLastPathComponent()).path());
      if (found != null) {
        tree.setSelectionPath(found);
      }
    }
    scroll.validate();
    scroll.getViewport().setViewPosition(position);
  }

  /** Puts the selected node, or the whole data, on the clipboard as indented JSON. */
  void copySelection() {
    TreePath selected = tree.getSelectionPath();
    JsonNode node = selected == null ? shownTree : ((JsonTreeModel.Entry) selected.getLastPathComponent()).value();
    StringSelection text = new StringSelection(DataJson.text(node));
    clipboard().setContents(text, text);
  }

  private Clipboard clipboard() {
    Clipboard target = clipboard;
    if (target == null) {
      target = Toolkit.getDefaultToolkit().getSystemClipboard();
      clipboard = target;
    }
    return target;
  }

  /** The seam for tests: copy to {@code target} instead of the system clipboard. */
  void useClipboard(Clipboard target) {
    clipboard = target;
  }

  JTree tree() {
    return tree;
  }

  JScrollPane scroll() {
    return scroll;
  }
}
