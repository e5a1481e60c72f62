package dev.querycache.swing;

import static dev.querycache.swing.EdtCalls.call;
import static dev.querycache.swing.EdtCalls.named;
import static dev.querycache.swing.EdtCalls.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.awt.Dialog;
import java.awt.GraphicsEnvironment;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JRootPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link CacheInspector}: live refresh from the cache (coalesced on the EDT),
 * stable selection, the actions on the selected query, the mutations tab and the shortcut.
 * The test runs on its own thread and hands each Swing step to the EDT, so that the
 * inspector's posted refreshes run between steps. The client is synchronous, its clock the
 * kit's virtual time, which the test never moves.
 */
class CacheInspectorTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client =
      QueryClient.builder()
          .notifyExecutor(Runnable::run)
          .fetchExecutor(Runnable::run)
          .ticker(time)
          .scheduler(time)
          .toaster(new RecordingToaster())
          .build();
  private final CacheInspector inspector = call(() -> new CacheInspector(client, time, false));
  private final AtomicInteger fetchCalls = new AtomicInteger();
  private final QueryKey<String> key = QueryKey.of("todos", 1);
  private final QueryOptions<String> todo =
      QueryOptions.builder(key).fetcher(ctx -> "todo #" + fetchCalls.incrementAndGet()).build();
  private JDialog dialog;

  @AfterEach
  void closeEverything() {
    run(() -> {
      inspector.disconnect();
      if (dialog != null) {
        dialog.dispose();
      }
    });
    client.close();
  }

  /** Lets the refreshes the inspector posted run. */
  private static void flushEdt() {
    run(() -> { });
  }

  private void select(QueryKey<?> selected) {
    run(() -> inspector.queries().select(selected));
  }

  private JButton button(String name) {
    return call(() -> (JButton) named(inspector, "cacheInspector." + name).get(0));
  }

  // ---- live ----------------------------------------------------------------------------------

  @Test
  void constructingAnInspectorOffTheEdtIsRefused() {
    assertThatThrownBy(() -> new CacheInspector(client))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("new CacheInspector must be called on the Event Dispatch Thread");
  }

  @Test
  void connectingShowsWhatIsCached() {
    client.setQueryData(key, "write specs");

    run(inspector::connect);

    assertThat(call(() -> inspector.queries().model().rowOf(key))).isEqualTo(0);
  }

  @Test
  void connectedInspectorRefreshesWhenTheCacheChanges() {
    run(inspector::connect);

    client.setQueryData(key, "write specs");
    flushEdt();

    assertThat(call(() -> inspector.queries().model().getRowCount())).isEqualTo(1);
  }

  @Test
  void burstOfChangesIsOneRefresh() {
    run(inspector::connect);
    List<TableModelEvent> events = new ArrayList<>();
    run(() -> inspector.queries().model().addTableModelListener(events::add));

    run(() -> {
      client.setQueryData(QueryKey.of("a"), "a");
      client.setQueryData(QueryKey.of("b"), "b");
      client.setQueryData(QueryKey.of("c"), "c");
    });
    flushEdt();

    assertThat(events).hasSize(1);
    assertThat(events.get(0).getType()).isEqualTo(TableModelEvent.INSERT);
    assertThat(events.get(0).getLastRow() - events.get(0).getFirstRow()).isEqualTo(2);
  }

  @Test
  void disconnectedInspectorNoLongerRefreshes() {
    run(inspector::connect);
    run(inspector::disconnect);

    client.setQueryData(key, "write specs");
    flushEdt();

    assertThat(call(() -> inspector.queries().model().getRowCount())).isZero();
  }

  @Test
  void mutationsTabListsTheRuns() {
    Mutation<String, Boolean, Void> archive =
        client.asyncMutation((String id) -> new CompletableFuture<Boolean>()).build();
    run(inspector::connect);

    archive.fire("m1");
    flushEdt();

    assertThat(call(() -> inspector.mutations().model().getValueAt(0, MutationsTableModel.VARIABLES)))
        .isEqualTo("m1");
  }

  @Test
  void tabsAreQueriesAndMutations() {
    assertThat(call(() -> List.of(inspector.tabs().getTitleAt(0), inspector.tabs().getTitleAt(1))))
        .containsExactly("Queries", "Mutations");
  }

  // ---- selection -----------------------------------------------------------------------------

  @Test
  void selectionStaysOnItsQueryWhenAnEarlierRowGoes() {
    QueryKey<String> first = QueryKey.of("a");
    QueryKey<String> second = QueryKey.of("b");
    client.setQueryData(first, "a");
    client.setQueryData(second, "b");
    run(inspector::connect);
    select(second);

    client.removeQueries(dev.querycache.QueryFilter.exact(first));
    flushEdt();

    assertThat(call(() -> inspector.queries().selectedKey())).isEqualTo(second);
  }

  @Test
  void selectionStaysOnItsQueryWhenItChanges() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);
    select(key);

    client.setQueryData(key, "write more specs");
    flushEdt();

    assertThat(call(() -> inspector.queries().selectedKey())).isEqualTo(key);
  }

  @Test
  void actionsAreDisabledWithoutASelection() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);

    assertThat(button("refetch").isEnabled()).isFalse();
    assertThat(button("remove").isEnabled()).isFalse();
  }

  @Test
  void actionsAreEnabledWithASelection() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);

    select(key);

    assertThat(button("refetch").isEnabled()).isTrue();
    assertThat(button("remove").isEnabled()).isTrue();
  }

  @Test
  void detailsSummariseTheSelectedQuery() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);

    select(key);

    assertThat(call(() -> inspector.queries().detail().summary().getText()))
        .contains("Key: " + key)
        .contains("Status: SUCCESS")
        .contains("Data: a String");
  }

  @Test
  void theDataTabShowsTheSelectedQuerysDataAsJson() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);

    select(key);

    assertThat(call(() -> inspector.queries().detail().data().tree().getModel().getRoot().toString()))
        .isEqualTo("data: \"write specs\"");
  }

  // ---- actions -------------------------------------------------------------------------------

  @Test
  void refetchFetchesTheSelectedQueryAgain() {
    client.fetchQuery(todo);
    run(inspector::connect);
    select(key);

    run(() -> button("refetch").doClick());

    assertThat(fetchCalls).hasValue(2);
    assertThat(client.getQueryData(key)).contains("todo #2");
  }

  @Test
  void invalidateMarksTheSelectedQueryInvalid() {
    client.fetchQuery(todo);
    run(inspector::connect);
    select(key);

    run(() -> button("invalidate").doClick());

    assertThat(client.getQueryState(key).map(QueryState::isInvalidated)).contains(true);
  }

  @Test
  void resetPutsTheSelectedQueryBackToPending() {
    client.fetchQuery(todo);
    run(inspector::connect);
    select(key);

    run(() -> button("reset").doClick());

    assertThat(client.getQueryState(key).map(QueryState::status)).contains(QueryStatus.PENDING);
    assertThat(client.getQueryData(key)).isEmpty();
  }

  @Test
  void removeTakesTheSelectedQueryOutOfTheCacheAndTheTable() {
    client.fetchQuery(todo);
    run(inspector::connect);
    select(key);

    run(() -> button("remove").doClick());
    flushEdt();

    assertThat(client.getQueryState(key)).isEmpty();
    assertThat(call(() -> inspector.queries().model().getRowCount())).isZero();
    assertThat(call(() -> inspector.queries().selectedKey())).isNull();
  }

  @Test
  void actionsWithoutASelectionDoNothing() {
    client.fetchQuery(todo);
    run(inspector::connect);

    run(() -> inspector.queries().removeSelected());

    assertThat(client.getQueryState(key)).isPresent();
  }

  // ---- windows -------------------------------------------------------------------------------

  @Test
  void installShortcutBindsCtrlShiftIInTheWindow() {
    run(() -> {
      JRootPane rootPane = new JRootPane();

      Action open = CacheInspector.installShortcut(rootPane, client);

      Object binding = rootPane.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).get(CacheInspector.SHORTCUT);
      assertThat(rootPane.getActionMap().get(binding)).isSameAs(open);
      assertThat(open.getValue(Action.ACCELERATOR_KEY)).isEqualTo(CacheInspector.SHORTCUT);
      assertThat(CacheInspector.SHORTCUT.toString()).isEqualTo("shift ctrl pressed I");
    });
  }

  @Test
  void showWindowOpensANonModalDialogThatFollowsTheCache() {
    assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
    client.setQueryData(key, "write specs");

    run(() -> dialog = CacheInspector.showWindow(null, client));

    run(() -> {
      assertThat(dialog.isVisible()).isTrue();
      assertThat(dialog.getModalityType()).isEqualTo(Dialog.ModalityType.MODELESS);
      CacheInspector shown = (CacheInspector) named(dialog.getContentPane(), "cacheInspector").get(0);
      assertThat(shown.queries().model().rowOf(key)).isEqualTo(0);
    });
  }

  @Test
  void escClosesTheInspectorsWindow() {
    assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
    run(() -> dialog = CacheInspector.showWindow(null, client));

    run(() -> {
      ActionListener esc = dialog.getRootPane().getActionForKeyStroke(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0));
      esc.actionPerformed(new ActionEvent(dialog, ActionEvent.ACTION_PERFORMED, "escape"));
    });

    run(() -> assertThat(dialog.isDisplayable()).isFalse());
  }

  // ---- the filter ----------------------------------------------------------------------------

  private int shownQueries() {
    return call(() -> ((JTable) named(inspector, "cacheInspector.queries").get(0)).getRowCount());
  }

  @Test
  void theFilterShowsOnlyTheQueriesWhoseKeyContainsItsTextIgnoringCase() {
    client.setQueryData(key, "write specs");
    client.setQueryData(QueryKey.of("mail", "inbox"), "3 unread");
    run(inspector::connect);

    run(() -> inspector.setFilter("MAIL"));

    assertThat(shownQueries()).isEqualTo(1);
    run(() -> inspector.setFilter(" "));
    assertThat(shownQueries()).isEqualTo(2);
  }

  @Test
  void theFilterAlsoMatchesTheStatus() {
    client.setQueryData(key, "write specs");
    client.fetchQuery(QueryOptions.builder(QueryKey.<String>of("broken")).fetcher(ctx -> {
      throw new IllegalStateException("down");
    }).retry(0).build());
    run(inspector::connect);

    run(() -> inspector.setFilter("error"));

    assertThat(shownQueries()).isEqualTo(1);
  }

  @Test
  void theFilterFieldFiltersAsTheUserTypes() {
    client.setQueryData(key, "write specs");
    client.setQueryData(QueryKey.of("mail", "inbox"), "3 unread");
    run(inspector::connect);

    run(() -> ((JTextField) named(inspector, "cacheInspector.filter").get(0)).setText("todos"));

    assertThat(shownQueries()).isEqualTo(1);
  }

  // ---- badges and counts ---------------------------------------------------------------------

  @Test
  void eachQueryShowsItsBadge() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);

    assertThat(call(() -> inspector.queries().model().getValueAt(0, QueriesTableModel.BADGE)))
        .isEqualTo(QueryBadge.INACTIVE);
  }

  @Test
  void theCountsBarCountsTheQueriesOfEachBadge() {
    client.setQueryData(key, "write specs");
    client.setQueryData(QueryKey.of("mail", "inbox"), "3 unread");
    client.fetchQuery(QueryOptions.builder(QueryKey.<String>of("broken")).fetcher(ctx -> {
      throw new IllegalStateException("down");
    }).retry(0).build());
    run(inspector::connect);

    assertThat(call(() -> ((javax.swing.JLabel) named(inspector, "cacheInspector.count.total").get(0)).getText()))
        .isEqualTo("3 queries:");
    assertThat(button("count.inactive").getText()).isEqualTo("2 inactive");
    assertThat(button("count.error").getText()).isEqualTo("1 error");
    assertThat(button("count.fresh").getText()).isEqualTo("0 fresh");
  }

  @Test
  void theCountsFollowTheCache() {
    run(inspector::connect);

    client.setQueryData(key, "write specs");
    flushEdt();

    assertThat(button("count.inactive").getText()).isEqualTo("1 inactive");
  }

  @Test
  void pressingACountShowsOnlyItsQueriesAndPressingItAgainShowsAll() {
    client.setQueryData(key, "write specs");
    client.fetchQuery(QueryOptions.builder(QueryKey.<String>of("broken")).fetcher(ctx -> {
      throw new IllegalStateException("down");
    }).retry(0).build());
    run(inspector::connect);

    run(() -> button("count.inactive").doClick());
    assertThat(shownQueries()).isEqualTo(1);
    assertThat(call(() -> inspector.queries().selectedKey())).isNull();

    run(() -> button("count.inactive").doClick());
    assertThat(shownQueries()).isEqualTo(2);
  }

  // ---- timeline ------------------------------------------------------------------------------

  private List<String> timelineColumn(int column) {
    return call(() -> {
      List<String> cells = new ArrayList<>();
      TimelineTableModel rows = inspector.queries().detail().timeline();
      for (int row = 0; row < rows.getRowCount(); row++) {
        cells.add(String.valueOf(rows.getValueAt(row, column)));
      }
      return cells;
    });
  }

  @Test
  void theTimelineShowsTheSelectedQuerysHistoryNewestFirst() {
    run(inspector::connect);
    client.setQueryData(key, "write specs");
    client.invalidateQueries(QueryFilter.exact(key));
    flushEdt();

    select(key);

    assertThat(timelineColumn(TimelineTableModel.WHAT)).containsExactly("invalidated", "set", "added");
    assertThat(call(() -> inspector.queries().detail().tabs().getTitleAt(QueryDetailPane.TIMELINE_TAB)))
        .isEqualTo("Timeline (3)");
  }

  @Test
  void theTimelineFollowsTheSelectedQueryLive() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);
    select(key);

    client.invalidateQueries(QueryFilter.exact(key));
    flushEdt();

    assertThat(timelineColumn(TimelineTableModel.WHAT)).containsExactly("invalidated");
  }

  @Test
  void theTimelineNamesTheMutationRunThatPatchedTheQuery() {
    client.setQueryData(key, "write specs");
    Mutation<String, String, Void> rename = client.asyncMutation((String title) -> new CompletableFuture<String>())
        .name("rename")
        .optimistic(key, (title, next) -> next)
        .errorMessage("Could not rename")
        .build();
    run(inspector::connect);
    select(key);

    rename.fire("write more specs");
    flushEdt();

    assertThat(timelineColumn(TimelineTableModel.WHAT)).containsExactly("layer added");
    assertThat(timelineColumn(TimelineTableModel.BY).get(0)).startsWith("rename #");
  }

  @Test
  void aDisconnectedInspectorKeepsNoTimeline() {
    run(inspector::connect);
    run(inspector::disconnect);

    client.setQueryData(key, "write specs");
    flushEdt();
    run(inspector::refresh);
    select(key);

    assertThat(timelineColumn(TimelineTableModel.WHAT)).isEmpty();
  }

  // ---- mutation details ----------------------------------------------------------------------

  private void selectRun(int row) {
    run(() -> inspector.mutations().table().setRowSelectionInterval(row, row));
  }

  @Test
  void theSelectedRunShowsItsSummaryAndThePatchedQueries() {
    client.setQueryData(key, "write specs");
    CompletableFuture<String> answer = new CompletableFuture<>();
    Mutation<String, String, Void> rename = client.asyncMutation((String title) -> answer)
        .name("rename")
        .optimistic(key, (title, next) -> next)
        .errorMessage("Could not rename")
        .build();
    run(inspector::connect);

    rename.fire("write more specs");
    answer.completeExceptionally(new java.io.IOException("refused"));
    flushEdt();
    selectRun(0);

    assertThat(call(() -> inspector.mutations().detail().summary().getText()))
        .contains("rename")
        .contains("Status: ERROR")
        .contains("Error: java.io.IOException: refused")
        .contains(key + ": layer added, rolled back");
  }

  @Test
  void theSelectedRunsVariablesAndResultShowAsJson() {
    Mutation<String, String, Void> echo =
        client.asyncMutation((String title) -> CompletableFuture.completedFuture(title + "!")).build();
    run(inspector::connect);

    echo.fire("hello");
    flushEdt();
    selectRun(0);

    List<String> rows = call(() -> {
      javax.swing.JTree tree = inspector.mutations().detail().values().tree();
      List<String> shown = new ArrayList<>();
      for (int row = 0; row < tree.getRowCount(); row++) {
        shown.add(tree.getPathForRow(row).getLastPathComponent().toString());
      }
      return shown;
    });
    assertThat(rows).contains("variables: \"hello\"", "context: null", "result: \"hello!\"");
  }

  @Test
  void withoutASelectedRunTheMutationDetailsAreEmpty() {
    run(inspector::connect);

    assertThat(call(() -> inspector.mutations().detail().summary().getText())).isEmpty();
  }

  // ---- simulations, offline, clear -----------------------------------------------------------

  @Test
  void loadingShowsTheSelectedQueryAsLoadingUntilRestore() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);
    select(key);
    assertThat(button("restore").isEnabled()).isFalse();

    run(() -> button("simulateLoading").doClick());
    flushEdt();

    assertThat(client.getQueryState(key).orElseThrow().status()).isEqualTo(QueryStatus.PENDING);
    assertThat(button("restore").isEnabled()).isTrue();
    run(() -> button("restore").doClick());
    flushEdt();
    assertThat(client.getQueryData(key)).contains("write specs");
    assertThat(button("restore").isEnabled()).isFalse();
  }

  @Test
  void errorShowsTheSelectedQueryAsFailed() {
    client.setQueryData(key, "write specs");
    run(inspector::connect);
    select(key);

    run(() -> button("simulateError").doClick());
    flushEdt();

    QueryState<String> state = client.getQueryState(key).orElseThrow();
    assertThat(state.status()).isEqualTo(QueryStatus.ERROR);
    assertThat(state.error()).hasMessage("simulated by the cache inspector");
    assertThat(call(() -> inspector.queries().model().getValueAt(0, QueriesTableModel.BADGE))).isEqualTo(QueryBadge.ERROR);
  }

  @Test
  void offlineTakesTheClientOfflineAndBack() {
    run(inspector::connect);
    javax.swing.JToggleButton offline =
        call(() -> (javax.swing.JToggleButton) named(inspector, "cacheInspector.offline").get(0));

    run(offline::doClick);
    assertThat(client.isOnline()).isFalse();

    run(offline::doClick);
    assertThat(client.isOnline()).isTrue();
  }

  @Test
  void theOfflineButtonFollowsTheClient() {
    run(inspector::connect);

    client.onlineChanged(false);
    run(inspector::refresh);

    assertThat(call(() -> ((javax.swing.JToggleButton) named(inspector, "cacheInspector.offline").get(0)).isSelected()))
        .isTrue();
  }

  @Test
  void clearCacheRemovesEveryQuery() {
    client.setQueryData(key, "write specs");
    client.setQueryData(QueryKey.of("mail", "inbox"), "3 unread");
    run(inspector::connect);

    run(() -> button("clear").doClick());
    flushEdt();

    assertThat(client.getQueries(QueryFilter.all())).isEmpty();
    assertThat(call(() -> inspector.queries().model().getRowCount())).isZero();
  }
}
