package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowPush;
import dev.querycache.collection.Transaction;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.FxStages;
import dev.querycache.test.FxThread;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Specification of a {@link QueryList} bound to a keyed collection: it shows the rows with
 * their pending changes, and each write, rollback or echo changes the rows that changed only
 * (an update, one row replaced), while the list's node is in a showing window.
 */
class CollectionListTest {
  record Todo(String id, String title, boolean done) {
    Todo withDone(boolean value) {
      return new Todo(id, title, value);
    }
  }

  static final Todo A = new Todo("a", "Buy milk", false);
  static final Todo B = new Todo("b", "Call Bob", false);
  static final Todo C = new Todo("c", "Write specs", false);

  @RegisterExtension final FxStages stages = new FxStages();
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster())
      .notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread).build();
  private final ControllableQuery<List<Todo>> server = new ControllableQuery<>();
  private final ControllableMutation<List<PendingChange<String, Todo>>, String> saves = new ControllableMutation<>();
  private final QueryCollection<String, Todo> todos =
      client.collection(QueryOptions.builder(QueryKey.<List<Todo>>of("todos")).asyncFetcher(server).retry(0).build(), Todo::id)
          .onInsertAsync(saves::mutate)
          .onUpdateAsync(saves::mutate)
          .onDeleteAsync(saves::mutate)
          .build();
  private final QueryList<Todo> rows = new QueryList<>(Todo::id);
  private final List<String> changes = new ArrayList<>();
  private ListView<Todo> list;
  private AutoCloseable binding;

  @BeforeEach
  void showTheList() {
    server.resolve(List.of(A, B));
    list = FxThread.call(() -> new ListView<>(rows));
    stages.show(list, 200, 200);
    binding = FxThread.call(() -> rows.bind(list, todos));
    FxThread.run(() -> rows.addListener(this::record));
  }

  @AfterEach
  void close() {
    client.close();
  }

  private void record(ListChangeListener.Change<? extends Todo> change) {
    while (change.next()) {
      if (change.wasReplaced()) {
        changes.add("replaced " + change.getFrom() + ".." + (change.getTo() - 1));
      } else if (change.wasRemoved()) {
        changes.add("removed " + change.getFrom() + ".." + (change.getFrom() + change.getRemovedSize() - 1));
      } else if (change.wasAdded()) {
        changes.add("added " + change.getFrom() + ".." + (change.getTo() - 1));
      }
    }
  }

  private List<Todo> shown() {
    return FxThread.call(() -> new ArrayList<>(rows));
  }

  private List<String> changes() {
    return FxThread.call(() -> List.copyOf(changes));
  }

  @Test
  void theListShowsTheCollectionsRows() {
    assertThat(shown()).containsExactly(A, B);
  }

  @Test
  void anUpdateIsOneRowReplaced() {
    todos.update("b", todo -> todo.withDone(true));
    FxThread.flush();

    assertThat(changes()).containsExactly("replaced 1..1");
    assertThat(shown()).containsExactly(A, B.withDone(true));
  }

  @Test
  void anInsertIsOneRowAddedAtTheEndAndADeleteOneRemoved() {
    todos.insert(C);
    FxThread.flush();
    todos.delete("a");
    FxThread.flush();

    assertThat(changes()).containsExactly("added 2..2", "removed 0..0");
  }

  @Test
  void aGhostConfirmedByItsPushIsOneRowReplacedNeverRemovedAndAdded() {
    Transaction insert = todos.insert(C);
    FxThread.flush();

    todos.applyPush(RowPush.upsert(new Todo("c", "Write specs (from the server)", false), 1, insert.writeKey()));
    saves.resolve("ok");
    FxThread.flush();

    assertThat(changes()).containsExactly("added 2..2", "replaced 2..2");
    assertThat(shown().get(2).title()).isEqualTo("Write specs (from the server)");
  }

  @Test
  void aRefusedUpdateIsTheSameRowReplacedBack() {
    todos.update("b", todo -> todo.withDone(true));
    FxThread.flush();

    saves.fail(new IOException("refused"));
    FxThread.flush();

    assertThat(changes()).containsExactly("replaced 1..1", "replaced 1..1");
    assertThat(shown()).containsExactly(A, B);
  }

  @Test
  void theSelectionStaysOnItsRowAcrossAnUpdate() {
    FxThread.run(() -> list.getSelectionModel().select(1));

    todos.update("b", todo -> todo.withDone(true));
    FxThread.flush();

    assertThat(FxThread.call(() -> list.getSelectionModel().getSelectedItem())).isEqualTo(B.withDone(true));
  }

  @Test
  void aClosedBindingFollowsNothing() throws Exception {
    FxThread.call(() -> {
      binding.close();
      return null;
    });

    todos.update("b", todo -> todo.withDone(true));
    FxThread.flush();

    assertThat(changes()).isEmpty();
  }

  @Test
  void aListBoundAlreadyIsRefused() {
    assertThatThrownBy(() -> FxThread.run(() -> rows.bind(list, todos)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bound already");
  }
}
