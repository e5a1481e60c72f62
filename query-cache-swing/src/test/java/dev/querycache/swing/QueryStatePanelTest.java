package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.FetchStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import java.awt.Component;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@link QueryStatePanel}: which view each kind of result selects, and the
 * binding to a live query with its "Retry". Runs on the EDT; the bound tests use synchronous
 * fetch and notify executors and a query function whose futures the test completes.
 */
@ExtendWith(RunOnEdt.class)
class QueryStatePanelTest {
  private final QueryKey<List<String>> key = QueryKey.of("todos");
  private final JList<String> list = new JList<>();
  private final QueryStatePanel<List<String>> panel =
      new QueryStatePanel<>(list, List::isEmpty, "No todos yet");
  private final QueryClient client =
      QueryClient.builder().notifyExecutor(Runnable::run).fetchExecutor(Runnable::run).build();

  @AfterEach
  void closeClient() {
    client.close();
  }

  private QueryResult<List<String>> result(
      @Nullable List<String> data, @Nullable Throwable error, QueryStatus status, FetchStatus fetchStatus) {
    QueryState<List<String>> state =
        new QueryState<>(
            data, data == null ? 0 : 1, data == null ? 0 : 1, error, error == null ? 0 : 1,
            error == null ? 0 : 1, error == null ? 0 : 1, error, status, fetchStatus, false, 0);
    return new QueryResult<>(key, state, false);
  }

  /** The one card the CardLayout shows. */
  private Component visibleCard() {
    List<Component> visible = new ArrayList<>();
    for (Component card : panel.getComponents()) {
      if (card.isVisible()) {
        visible.add(card);
      }
    }
    assertThat(visible).hasSize(1);
    return visible.get(0);
  }

  private <C extends Component> C named(String name, Class<C> type) {
    List<Component> found = EdtCalls.named(panel, name);
    assertThat(found).as("components named %s", name).hasSize(1);
    return type.cast(found.get(0));
  }

  // ---- views ---------------------------------------------------------------------------------

  @Test
  void startsWithTheLoadingView() {
    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.LOADING);
    assertThat(visibleCard().getName()).isEqualTo("queryState.loading");
  }

  @Test
  void pendingAndFetchingShowsTheLoadingView() {
    panel.show(result(List.of("a"), null, QueryStatus.SUCCESS, FetchStatus.IDLE));

    panel.show(result(null, null, QueryStatus.PENDING, FetchStatus.FETCHING));

    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.LOADING);
    assertThat(visibleCard().getName()).isEqualTo("queryState.loading");
    assertThat(named("queryState.loadingText", JLabel.class).getText()).isEqualTo("Loading\u2026");
  }

  @Test
  void pausedLoadSaysItWaitsForTheNetwork() {
    panel.show(result(null, null, QueryStatus.PENDING, FetchStatus.PAUSED));

    assertThat(named("queryState.loadingText", JLabel.class).getText())
        .isEqualTo("Waiting for the network\u2026");
  }

  @Test
  void errorWithoutDataShowsTheErrorsMessage() {
    panel.show(result(null, new IOException("connection refused"), QueryStatus.ERROR, FetchStatus.IDLE));

    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.ERROR);
    assertThat(visibleCard().getName()).isEqualTo("queryState.error");
    assertThat(named("queryState.errorText", JLabel.class).getText()).isEqualTo("connection refused");
  }

  @Test
  void errorWithoutAMessageShowsItsClass() {
    panel.show(result(null, new IOException(), QueryStatus.ERROR, FetchStatus.IDLE));

    assertThat(named("queryState.errorText", JLabel.class).getText()).isEqualTo("IOException");
  }

  @Test
  void errorWhileARetryRunsShowsTheLoadingView() {
    panel.show(result(null, new IOException("refused"), QueryStatus.ERROR, FetchStatus.FETCHING));

    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.LOADING);
  }

  @Test
  void successWithEmptyDataShowsTheEmptyText() {
    panel.show(result(List.of(), null, QueryStatus.SUCCESS, FetchStatus.IDLE));

    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.EMPTY);
    assertThat(visibleCard().getName()).isEqualTo("queryState.empty");
    assertThat(named("queryState.emptyText", JLabel.class).getText()).isEqualTo("No todos yet");
  }

  @Test
  void successWithDataShowsTheContent() {
    panel.show(result(List.of("write specs"), null, QueryStatus.SUCCESS, FetchStatus.IDLE));

    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.CONTENT);
    assertThat(visibleCard()).isSameAs(list);
  }

  @Test
  void refetchWithDataKeepsShowingTheContent() {
    panel.show(result(List.of("write specs"), null, QueryStatus.SUCCESS, FetchStatus.FETCHING));

    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.CONTENT);
  }

  @Test
  void failedRefetchWithDataKeepsShowingTheContent() {
    panel.show(result(List.of("write specs"), new IOException("refused"), QueryStatus.ERROR, FetchStatus.IDLE));

    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.CONTENT);
  }

  @Test
  void defaultEmptyPredicateCallsAnEmptyCollectionEmpty() {
    QueryStatePanel<List<String>> plain = new QueryStatePanel<>(new JPanel());

    plain.show(result(List.of(), null, QueryStatus.SUCCESS, FetchStatus.IDLE));

    assertThat(plain.view()).isEqualTo(QueryStatePanel.View.EMPTY);
  }

  @Test
  void retryIsHiddenWithoutARetryAction() {
    panel.show(result(null, new IOException(), QueryStatus.ERROR, FetchStatus.IDLE));

    assertThat(named("queryState.retry", JButton.class).isVisible()).isFalse();
  }

  @Test
  void retryRunsTheRetryAction() {
    int[] retries = new int[1];
    panel.setOnRetry(() -> retries[0]++);
    panel.show(result(null, new IOException(), QueryStatus.ERROR, FetchStatus.IDLE));

    named("queryState.retry", JButton.class).doClick();

    assertThat(retries[0]).isEqualTo(1);
  }

  @Test
  void showRejectsNullByName() {
    assertThatThrownBy(() -> panel.show(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("result");
  }

  // ---- bound to a query ----------------------------------------------------------------------

  /** A query function whose calls the test completes. */
  private final List<CompletableFuture<List<String>>> fetches = new ArrayList<>();
  private final QueryOptions<List<String>> todos =
      QueryOptions.builder(key)
          .asyncFetcher(ctx -> {
            CompletableFuture<List<String>> call = new CompletableFuture<>();
            fetches.add(call);
            return call;
          })
          .retry(0)
          .build();

  private void bindDisplayed(List<List<String>> rendered) {
    JPanel window = new JPanel();
    window.add(panel);
    panel.bind(client, todos, rendered::add);
    window.addNotify();
  }

  @Test
  void boundPanelShowsLoadingWhileTheFirstFetchRuns() {
    bindDisplayed(new ArrayList<>());

    assertThat(fetches).hasSize(1);
    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.LOADING);
  }

  @Test
  void boundPanelHandsNewDataToTheContentAndShowsIt() {
    List<List<String>> rendered = new ArrayList<>();
    bindDisplayed(rendered);

    fetches.get(0).complete(List.of("write specs"));

    assertThat(rendered).containsExactly(List.of("write specs"));
    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.CONTENT);
  }

  @Test
  void boundPanelShowsTheFetchError() {
    bindDisplayed(new ArrayList<>());

    fetches.get(0).completeExceptionally(new IOException("connection refused"));

    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.ERROR);
    assertThat(named("queryState.retry", JButton.class).isVisible()).isTrue();
  }

  @Test
  void retryOfABoundPanelRefetchesTheQuery() {
    bindDisplayed(new ArrayList<>());
    fetches.get(0).completeExceptionally(new IOException("connection refused"));

    named("queryState.retry", JButton.class).doClick();

    assertThat(fetches).hasSize(2);
    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.LOADING);
    fetches.get(1).complete(List.of());
    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.EMPTY);
  }

  @Test
  void bindingThePanelTwiceIsRefusedUntilTheFirstBindingCloses() {
    ComponentBinding first = panel.bind(client, todos, data -> {});

    assertThatThrownBy(() -> panel.bind(client, todos, data -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this QueryStatePanel is bound already")
        .hasMessageContaining("close the first binding");
    first.close();
    panel.bind(client, todos, data -> {}).close();
  }

  // ---- bound with a table model --------------------------------------------------------------

  private final QueryTableModel<String> model =
      new QueryTableModel<>(row -> row, List.of(QueryTableModel.Column.of("Todo", String.class, row -> row)));

  @Test
  void onePanelBindingDrivesThePanelAndItsTableModelThroughOneObserver() {
    JPanel window = new JPanel();
    window.add(panel);
    panel.bind(client, todos, model, rows -> rows);
    window.addNotify();

    fetches.get(0).complete(List.of("write specs", "ship"));

    assertThat(model.rows()).containsExactly("write specs", "ship");
    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.CONTENT);
    assertThat(client.getQueries(QueryFilter.exact(key))).singleElement()
        .satisfies(query -> assertThat(query.observerCount()).isEqualTo(1));
  }

  @Test
  void theTableModelOfABoundPanelRefusesABindingOfItsOwn() {
    ComponentBinding both = panel.bind(client, todos, model, rows -> rows);

    assertThatThrownBy(() -> model.bind(new JPanel(), client, todos))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this QueryTableModel is bound already");
    both.close();
    model.bind(new JPanel(), client, todos).close();
  }

  @Test
  void aPanelIsNotBoundWithATableModelThatIsBoundAlready() {
    ComponentBinding own = model.bind(new JPanel(), client, todos);

    assertThatThrownBy(() -> panel.bind(client, todos, model, rows -> rows))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this QueryTableModel is bound already");
    own.close();
    panel.bind(client, todos, data -> {}).close(); // the refused call left the panel unbound
  }

  @Test
  void theTableEmptiesWhenTheQueryLosesItsData() {
    JPanel window = new JPanel();
    window.add(panel);
    panel.bind(client, todos, model, rows -> rows);
    window.addNotify();
    fetches.get(0).complete(List.of("write specs"));

    client.resetQueries(QueryFilter.exact(key));

    assertThat(model.rows()).isEmpty();
    assertThat(panel.view()).isEqualTo(QueryStatePanel.View.LOADING);
  }

  @Test
  void constructingThePanelOffTheEdtIsRefused() throws Exception {
    CompletableFuture<Throwable> refused = new CompletableFuture<>();
    Thread worker = new Thread(() -> {
      try {
        new QueryStatePanel<List<String>>(new JPanel());
        refused.complete(null);
      } catch (Throwable e) {
        refused.complete(e);
      }
    });
    worker.start();

    assertThat(refused.get(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("new QueryStatePanel must be called on the Event Dispatch Thread");
  }
}
