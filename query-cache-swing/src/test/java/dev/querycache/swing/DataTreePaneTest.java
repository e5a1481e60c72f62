package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.querycache.QueryKey;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JFrame;
import javax.swing.JTree;
import javax.swing.tree.TreePath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of the inspector's data tree: a query's data as JSON, the first level open;
 * while the same query's data ticks, what is open stays open and the selection and the
 * scroll position stay; another query starts afresh; Copy JSON copies the selected node or
 * all of it. Runs on the EDT.
 */
@ExtendWith(RunOnEdt.class)
class DataTreePaneTest {
  public record Todo(long id, String title, List<String> tags) {}

  private static final QueryKey<List<Todo>> TODOS = QueryKey.of("todos");
  private static final QueryKey<List<Todo>> DONE = QueryKey.of("todos", "done");

  private final DataTreePane pane = new DataTreePane("data");
  private final JTree tree = pane.tree();
  private JFrame frame;

  @AfterEach
  void closeFrame() {
    if (frame != null) {
      frame.dispose();
    }
  }

  private static List<Todo> todos(int count, String suffix) {
    List<Todo> todos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      todos.add(new Todo(i, "Todo " + i + suffix, List.of("home", "work")));
    }
    return todos;
  }

  private List<String> visibleRows() {
    List<String> rows = new ArrayList<>();
    for (int row = 0; row < tree.getRowCount(); row++) {
      rows.add(tree.getPathForRow(row).getLastPathComponent().toString());
    }
    return rows;
  }

  private TreePath pathTo(String pointer) {
    return ((JsonTreeModel) tree.getModel()).find(pointer);
  }

  @Test
  void aNewQuerysDataShowsWithItsFirstLevelOpen() {
    pane.show(TODOS, todos(2, ""));

    assertThat(visibleRows()).containsExactly("data [2]", "[0] {3}", "[1] {3}");
  }

  @Test
  void leavesShowTheirNameAndValue() {
    pane.show(TODOS, todos(1, ""));
    tree.expandPath(pathTo("/0"));

    assertThat(visibleRows()).contains("id: 0", "title: \"Todo 0\"", "tags [2]");
  }

  @Test
  void changedDataOfTheSameQueryKeepsWhatIsOpen() {
    pane.show(TODOS, todos(3, ""));
    tree.expandPath(pathTo("/1"));
    tree.expandPath(pathTo("/1/tags"));

    pane.show(TODOS, todos(3, " (edited)"));

    assertThat(visibleRows()).contains("title: \"Todo 1 (edited)\"", "[1]: \"work\"");
  }

  @Test
  void changedDataOfTheSameQueryKeepsTheSelection() {
    pane.show(TODOS, todos(3, ""));
    tree.expandPath(pathTo("/2"));
    tree.setSelectionPath(pathTo("/2/title"));

    pane.show(TODOS, todos(3, " (edited)"));

    assertThat(tree.getSelectionPath().getLastPathComponent()).hasToString("title: \"Todo 2 (edited)\"");
  }

  @Test
  void anotherQueryStartsAfresh() {
    pane.show(TODOS, todos(3, ""));
    tree.expandPath(pathTo("/1"));

    pane.show(DONE, todos(3, ""));

    assertThat(visibleRows()).containsExactly("data [3]", "[0] {3}", "[1] {3}", "[2] {3}");
  }

  @Test
  void dataThatWritesTheSameJsonChangesNothing() {
    pane.show(TODOS, todos(2, ""));
    Object model = tree.getModel();

    pane.show(TODOS, todos(2, ""));

    assertThat(tree.getModel()).isSameAs(model);
  }

  @Test
  void changedDataOfTheSameQueryKeepsTheScrollPosition() {
    assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
    frame = new JFrame();
    frame.add(pane);
    frame.setSize(300, 200);
    frame.setVisible(true);
    pane.show(TODOS, todos(200, ""));
    frame.validate();
    pane.scroll().getViewport().setViewPosition(new Point(0, 600));

    pane.show(TODOS, todos(200, " (edited)"));

    assertThat(pane.scroll().getViewport().getViewPosition().y).isEqualTo(600);
  }

  @Test
  void copyPutsAllTheDataOnTheClipboardAsJson() throws Exception {
    Clipboard clipboard = new Clipboard("test");
    pane.useClipboard(clipboard);
    pane.show(TODOS, todos(1, ""));

    pane.copySelection();

    assertThat((String) clipboard.getData(DataFlavor.stringFlavor))
        .startsWith("[")
        .contains("\"title\" : \"Todo 0\"");
  }

  @Test
  void copyPutsOnlyTheSelectedNodeWhenThereIsOne() throws Exception {
    Clipboard clipboard = new Clipboard("test");
    pane.useClipboard(clipboard);
    pane.show(TODOS, todos(2, ""));
    tree.expandPath(pathTo("/1"));
    tree.setSelectionPath(pathTo("/1/tags"));

    pane.copySelection();

    assertThat(((String) clipboard.getData(DataFlavor.stringFlavor)).replaceAll("\\s", ""))
        .isEqualTo("[\"home\",\"work\"]");
  }

  @Test
  void propertyNamesWithASlashAreFoundAgain() {
    pane.show(TODOS, java.util.Map.of("a/b", java.util.Map.of("c", 1)));
    tree.expandPath(pathTo("/a~1b"));

    assertThat(visibleRows()).contains("c: 1");
  }
}
