package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.test.FxStages;
import dev.querycache.test.FxThread;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Specification of {@link QueryStatePane}: the view each moment calls for (loading, error
 * with retry, empty, content), one observer for the pane and its list, bound once.
 */
class QueryStatePaneTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client =
      time.clientBuilder().notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread).build();
  private final QueryKey<List<String>> key = QueryKey.of("todos");
  private final ControllableQuery<List<String>> server = new ControllableQuery<>();
  private final QueryOptions<List<String>> todos = QueryOptions.builder(key).asyncFetcher(server).retry(0).build();
  private final QueryList<String> rows = new QueryList<>(row -> row);
  @RegisterExtension final FxStages stages = new FxStages();

  @AfterEach
  void close() {
    stages.hideAll();
    client.close();
  }

  private QueryStatePane<List<String>> shownPane() {
    return FxThread.call(() -> {
      QueryStatePane<List<String>> pane = new QueryStatePane<>(new ListView<>(rows), List::isEmpty, "No todos yet");
      stages.show(pane, 200, 200);
      return pane;
    });
  }

  private QueryStatePane.View view(QueryStatePane<?> pane) {
    return FxThread.call(pane::getView);
  }

  @Test
  void itStartsLoadingAndShowsTheContentWhenDataArrives() {
    QueryStatePane<List<String>> pane = shownPane();
    FxThread.run(() -> pane.bind(client, todos, rows, list -> list));
    assertThat(view(pane)).isEqualTo(QueryStatePane.View.LOADING);

    server.resolve(List.of("write specs"));
    FxThread.flush();

    assertThat(view(pane)).isEqualTo(QueryStatePane.View.CONTENT);
    assertThat(FxThread.call(() -> new ArrayList<>(rows))).containsExactly("write specs");
    assertThat(FxThread.call(() -> pane.content().isVisible())).isTrue();
  }

  @Test
  void emptyDataShowsTheEmptyMessage() {
    QueryStatePane<List<String>> pane = shownPane();
    FxThread.run(() -> pane.bind(client, todos, rows, list -> list));

    server.resolve(List.of());
    FxThread.flush();

    assertThat(view(pane)).isEqualTo(QueryStatePane.View.EMPTY);
  }

  @Test
  void aFailedFirstLoadShowsTheErrorAndRetryRefetches() {
    QueryStatePane<List<String>> pane = shownPane();
    FxThread.run(() -> pane.bind(client, todos));

    server.fail(new IOException("Server unreachable"));
    FxThread.flush();

    assertThat(view(pane)).isEqualTo(QueryStatePane.View.ERROR);
    assertThat(FxThread.call(() -> pane.errorText().getText())).isEqualTo("Server unreachable");
    FxThread.run(() -> pane.retryButton().fire());
    FxThread.flush();
    assertThat(server.callCount()).isEqualTo(2);
    assertThat(view(pane)).isEqualTo(QueryStatePane.View.LOADING);
  }

  @Test
  void offlineTheSpinnerSaysItWaitsForTheNetwork() {
    client.onlineChanged(false);
    QueryStatePane<List<String>> pane = shownPane();

    FxThread.run(() -> pane.bind(client, todos));

    assertThat(FxThread.call(() -> pane.loadingText().getText())).isEqualTo("Waiting for the network\u2026");
  }

  @Test
  void thePaneAndItsListShareOneObserver() {
    QueryStatePane<List<String>> pane = shownPane();

    FxThread.run(() -> pane.bind(client, todos, rows, list -> list));

    assertThat(client.getQueries(dev.querycache.QueryFilter.exact(key)).get(0).observerCount()).isEqualTo(1);
  }

  @Test
  void aPaneIsBoundOnce() {
    QueryStatePane<List<String>> pane = shownPane();
    FxThread.run(() -> pane.bind(client, todos));

    assertThatThrownBy(() -> FxThread.run(() -> pane.bind(client, todos)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bound already");
  }

  @Test
  void withoutARetryTheButtonIsHidden() {
    QueryStatePane<List<String>> pane = FxThread.call(() -> new QueryStatePane<>(new ListView<String>()));

    assertThat(FxThread.call(() -> pane.retryButton().isVisible())).isFalse();
  }
}
