package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.CachedQuery;
import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryStatus;
import dev.querycache.test.FxThread;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link FxCacheInspector}: the queries and the runs, live; the filter; the
 * actions on the selected query; the window and its Esc. The client delivers on the FX thread.
 */
class FxCacheInspectorTest {
  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder()
      .notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread)
      .toaster(new RecordingToaster())
      .build();
  private final QueryKey<String> key = QueryKey.of("todos", 1);
  private final FxCacheInspector inspector = FxThread.call(() -> new FxCacheInspector(client, time, false));
  private Stage window;

  @AfterEach
  void close() {
    FxThread.run(() -> {
      inspector.disconnect();
      if (window != null) {
        window.hide();
      }
    });
    client.close();
  }

  private List<String> shownKeys() {
    return FxThread.call(() -> inspector.queryTable().getItems().stream()
        .map(query -> query.key().toString()).collect(Collectors.toList()));
  }

  private void select(QueryKey<?> selected) {
    FxThread.run(() -> {
      for (CachedQuery<?> query : inspector.queryTable().getItems()) {
        if (query.key().equals(selected)) {
          inspector.queryTable().getSelectionModel().select(query);
        }
      }
    });
  }

  private javafx.scene.control.Button action(String text) {
    return FxThread.call(() -> inspector.selectionActions().stream()
        .filter(button -> button.getText().equals(text)).findFirst().orElseThrow());
  }

  @Test
  void connectedItShowsWhatIsCachedAndFollowsTheCache() {
    client.setQueryData(key, "write specs");
    FxThread.run(inspector::connect);
    assertThat(shownKeys()).containsExactly(key.toString());

    client.setQueryData(QueryKey.of("mail", "inbox"), "3 unread");
    FxThread.flush();

    assertThat(shownKeys()).hasSize(2);
  }

  @Test
  void theFilterNarrowsTheQueriesByKeyStateOrStatus() {
    client.setQueryData(key, "write specs");
    client.setQueryData(QueryKey.of("mail", "inbox"), "3 unread");
    FxThread.run(inspector::connect);

    FxThread.run(() -> inspector.setFilter("MAIL"));
    assertThat(shownKeys()).containsExactly(QueryKey.of("mail", "inbox").toString());

    FxThread.run(() -> inspector.setFilter("inactive"));
    assertThat(shownKeys()).hasSize(2);
  }

  @Test
  void theSelectionSurvivesChangesOfItsQuery() {
    client.setQueryData(key, "write specs");
    FxThread.run(inspector::connect);
    select(key);

    client.setQueryData(key, "write more specs");
    FxThread.flush();

    assertThat(FxThread.call(() -> inspector.queryTable().getSelectionModel().getSelectedItem().state().data()))
        .isEqualTo("write more specs");
    assertThat(FxThread.call(() -> inspector.querySummary().getText())).contains("Key: " + key);
  }

  @Test
  void actionsNeedASelection() {
    client.setQueryData(key, "write specs");
    FxThread.run(inspector::connect);
    assertThat(FxThread.call(action("Invalidate")::isDisabled)).isTrue();

    select(key);

    assertThat(FxThread.call(action("Invalidate")::isDisabled)).isFalse();
  }

  @Test
  void invalidateAndRemoveActOnTheSelectedQuery() {
    client.setQueryData(key, "write specs");
    FxThread.run(inspector::connect);
    select(key);

    FxThread.run(action("Invalidate")::fire);
    assertThat(client.getQueryState(key).orElseThrow().isInvalidated()).isTrue();

    FxThread.run(action("Remove")::fire);
    FxThread.flush();
    assertThat(client.getQueryState(key)).isEmpty();
    assertThat(shownKeys()).isEmpty();
  }

  @Test
  void loadingIsSimulatedUntilRestore() {
    client.setQueryData(key, "write specs");
    FxThread.run(inspector::connect);
    select(key);

    FxThread.run(action("Loading")::fire);
    FxThread.flush();
    assertThat(client.getQueryState(key).orElseThrow().status()).isEqualTo(QueryStatus.PENDING);
    assertThat(FxThread.call(() -> inspector.restoreButton().isDisabled())).isFalse();

    FxThread.run(() -> inspector.restoreButton().fire());
    FxThread.flush();
    assertThat(client.getQueryData(key)).contains("write specs");
  }

  @Test
  void offlineTakesTheClientOfflineAndBack() {
    FxThread.run(inspector::connect);

    FxThread.run(() -> inspector.offlineButton().fire());
    assertThat(client.isOnline()).isFalse();
    FxThread.run(() -> inspector.offlineButton().fire());
    assertThat(client.isOnline()).isTrue();
  }

  @Test
  void theMutationsTabListsTheRuns() {
    Mutation<String, String, Void> save =
        client.asyncMutation((String text) -> new CompletableFuture<String>()).name("save").build();
    FxThread.run(inspector::connect);

    save.fire("milk");
    FxThread.flush();

    assertThat(FxThread.call(() -> inspector.runTable().getItems())).singleElement()
        .satisfies(run -> {
          assertThat(run.name()).isEqualTo("save");
          assertThat(run.variables()).isEqualTo("milk");
        });
  }

  @Test
  void aWindowFollowsTheCacheWhileShownAndEscClosesIt() {
    client.setQueryData(key, "write specs");
    window = FxThread.call(() -> FxCacheInspector.showWindow(null, client));
    assertThat(FxThread.call(window::isShowing)).isTrue();

    FxThread.run(() -> Event.fireEvent(window.getScene().getRoot(),
        new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ESCAPE, false, false, false, false)));

    assertThat(FxThread.call(window::isShowing)).isFalse();
  }

  @Test
  void constructingOffTheFxThreadIsRefused() {
    assertThatThrownBy(() -> new FxCacheInspector(client))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("new FxCacheInspector must be called on the JavaFX Application Thread");
  }

  @Test
  void theTimelineShowsTheSelectedQuerysHistoryNewestFirst() {
    FxThread.run(inspector::connect);
    client.setQueryData(key, "write specs");
    client.invalidateQueries(dev.querycache.QueryFilter.exact(key));
    FxThread.flush();

    select(key);

    assertThat(FxThread.call(() -> inspector.timelineTable().getItems().stream()
        .map(event -> event.kind().name()).collect(Collectors.toList())))
        .containsExactly("INVALIDATED", "SET", "ADDED");
  }

  @Test
  void theSelectedRunShowsTheQueriesItPatched() {
    client.setQueryData(key, "write specs");
    Mutation<String, String, Void> rename = client.asyncMutation((String title) -> new CompletableFuture<String>())
        .name("rename")
        .optimistic(key, (title, next) -> next)
        .errorMessage("Could not rename")
        .build();
    FxThread.run(inspector::connect);

    rename.fire("write more specs");
    FxThread.flush();
    FxThread.run(() -> inspector.runTable().getSelectionModel().select(0));

    assertThat(FxThread.call(() -> inspector.runSummary().getText())).contains(key + ": layer added");
  }
}
