package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.RecordingToaster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import javax.swing.Action;
import javax.swing.JCheckBox;
import javax.swing.JPanel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@link QueryToggle}: a check box that shows a boolean of a query's visible
 * data and writes it through an optimistic mutation. Runs on the EDT with synchronous fetch
 * and notify executors; the query and mutation functions hand out futures the test completes.
 * The check box sits in a panel made displayable with {@code addNotify}, as a shown window
 * would (this works headless).
 */
@ExtendWith(RunOnEdt.class)
class QueryToggleTest {
  record Config(String id, boolean paused) {}

  private final QueryClient client =
      QueryClient.builder()
          .notifyExecutor(Runnable::run)
          .fetchExecutor(Runnable::run)
          .toaster(new RecordingToaster())
          .build();
  private final QueryKey<Config> key = QueryKey.of("config", "c1");
  private final List<CompletableFuture<Config>> fetches = new ArrayList<>();
  private final List<CompletableFuture<Boolean>> writes = new ArrayList<>();
  private final List<Config> written = new ArrayList<>();
  private final QueryOptions<Config> query =
      QueryOptions.builder(key).asyncFetcher(ctx -> started(fetches, new CompletableFuture<>())).build();
  private final Mutation<Config, Boolean, Void> save =
      client.asyncMutation((Config config) -> {
            written.add(config);
            return started(writes, new CompletableFuture<>());
          })
          .optimistic(key, (current, config) -> config)
          .errorMessage("Failed to save the check")
          .build();
  private final JCheckBox paused = new JCheckBox("Paused");
  private final JPanel window = new JPanel();

  QueryToggleTest() {
    window.add(paused);
    window.addNotify();
  }

  @AfterEach
  void closeClient() {
    window.removeNotify();
    client.close();
  }

  private static <T> CompletableFuture<T> started(List<CompletableFuture<T>> calls, CompletableFuture<T> call) {
    calls.add(call);
    return call;
  }

  private static <T> CompletableFuture<T> last(List<CompletableFuture<T>> calls) {
    return calls.get(calls.size() - 1);
  }

  private QueryToggle<Config> bind() {
    return QueryToggle.bind(paused, client, query, Config::paused, save, wanted -> new Config("c1", wanted));
  }

  /** Binds and lands the first fetch with {@code initial}. */
  private QueryToggle<Config> bindWith(Config initial) {
    QueryToggle<Config> toggle = bind();
    last(fetches).complete(initial);
    return toggle;
  }

  @Test
  void buttonIsDisabledUntilTheQueryHasData() {
    bind();

    assertThat(paused.isEnabled()).isFalse();
  }

  @Test
  void buttonShowsTheQuerysValueOnceItLands() {
    bindWith(new Config("c1", true));

    assertThat(paused.isEnabled()).isTrue();
    assertThat(paused.isSelected()).isTrue();
  }

  @Test
  void clickFlipsTheButtonAtOnceAndWritesTheNewValue() {
    bindWith(new Config("c1", false));

    paused.doClick();

    assertThat(paused.isSelected()).isTrue();
    assertThat(written).containsExactly(new Config("c1", true));
    assertThat(client.getQueryData(key)).contains(new Config("c1", true));
  }

  @Test
  void failedWriteFlipsTheButtonBack() {
    bindWith(new Config("c1", false));
    paused.doClick();

    last(writes).completeExceptionally(new IOException("refused"));

    assertThat(paused.isSelected()).isFalse();
  }

  @Test
  void succeededWriteKeepsTheButtonFlipped() {
    bindWith(new Config("c1", false));
    paused.doClick();

    last(writes).complete(true);
    assertThat(paused.isSelected()).isTrue();
    last(fetches).complete(new Config("c1", true)); // the settle refetch

    assertThat(paused.isSelected()).isTrue();
    assertThat(client.getQueryState(key).orElseThrow().optimisticLayers()).isZero();
  }

  @Test
  void refetchLandingMidFlightDoesNotFlipTheButtonBack() {
    bindWith(new Config("c1", false));
    paused.doClick();

    client.refetchQueries(QueryFilter.exact(key));
    last(fetches).complete(new Config("c1", false)); // the server has not seen the write yet

    assertThat(paused.isSelected()).isTrue();
  }

  @Test
  void rapidClicksSendOneRequestWhileItIsInFlightAndTheLastClickShows() {
    bindWith(new Config("c1", false));

    paused.doClick();
    paused.doClick();
    paused.doClick();

    assertThat(written).extracting(Config::paused).containsExactly(true);
    assertThat(paused.isSelected()).isTrue();
  }

  @Test
  void aLastClickThatDiffersFromTheSentValueIsSentWhenTheRequestAnswers() {
    bindWith(new Config("c1", false));
    paused.doClick();
    paused.doClick();
    paused.doClick();
    paused.doClick();

    writes.get(0).complete(true);

    assertThat(written).extracting(Config::paused).containsExactly(true, false);
    assertThat(paused.isSelected()).isFalse();
  }

  @Test
  void clicksBackToTheSentValueSendNothingMore() {
    bindWith(new Config("c1", false));
    paused.doClick();
    paused.doClick();
    paused.doClick();

    writes.get(0).complete(true);

    assertThat(written).extracting(Config::paused).containsExactly(true);
    assertThat(paused.isSelected()).isTrue();
  }

  @Test
  void togglesBoundToOneSyncMutationShareItsChannels() {
    Mutation<Config, Boolean, Void> shared =
        client.asyncMutation((Config config) -> {
              written.add(config);
              return started(writes, new CompletableFuture<>());
            })
            .optimistic(key, (current, config) -> config)
            .errorMessage("Failed to save the check")
            .sync(Config::id)
            .build();
    JCheckBox other = new JCheckBox("Paused");
    window.add(other);
    QueryToggle.bind(paused, client, query, Config::paused, shared, wanted -> new Config("c1", wanted));
    QueryToggle.bind(other, client, query, Config::paused, shared, wanted -> new Config("c1", wanted));
    last(fetches).complete(new Config("c1", false));

    paused.doClick();
    other.doClick();

    assertThat(written).extracting(Config::paused).containsExactly(true);
    assertThat(paused.isSelected()).isFalse();
    assertThat(other.isSelected()).isFalse();
  }

  @Test
  void clicksOfAScopedMutationCoalesceAndReachTheServerOneAfterAnother() {
    Mutation<Config, Boolean, Void> scoped =
        client.asyncMutation((Config config) -> {
              written.add(config);
              return started(writes, new CompletableFuture<>());
            })
            .optimistic(key, (current, config) -> config)
            .errorMessage("Failed to save the check")
            .scope("config")
            .build();
    QueryToggle.bind(paused, client, query, Config::paused, scoped, wanted -> new Config("c1", wanted));
    last(fetches).complete(new Config("c1", false));

    paused.doClick();
    paused.doClick();
    assertThat(written).extracting(Config::paused).containsExactly(true);
    assertThat(paused.isSelected()).isFalse();

    writes.get(0).complete(true);

    assertThat(written).as("the follow-up, in the scope's turn of the first click").extracting(Config::paused)
        .containsExactly(true, false);
    assertThat(paused.isSelected()).isFalse();
  }

  @Test
  void aFailedWriteShowsTheConfirmedValueWhateverWasClickedMeanwhile() {
    bindWith(new Config("c1", false));
    paused.doClick();
    paused.doClick();
    paused.doClick();

    writes.get(0).completeExceptionally(new IOException("refused"));

    assertThat(paused.isSelected()).isFalse();
  }

  @Test
  void closedBindingNoLongerWrites() {
    QueryToggle<Config> toggle = bindWith(new Config("c1", false));

    toggle.close();
    paused.doClick();

    assertThat(written).isEmpty();
  }

  @Test
  void closedBindingNoLongerObserves() {
    QueryToggle<Config> toggle = bindWith(new Config("c1", false));

    toggle.close();

    assertThat(client.getQueries(QueryFilter.exact(key).active())).isEmpty();
  }

  @Test
  void bindingRejectsAPlainMutationByName() {
    Mutation<Config, Boolean, Void> plain =
        client.asyncMutation((Config config) -> CompletableFuture.completedFuture(true)).build();

    assertThatThrownBy(() -> QueryToggle.bind(paused, client, query, Config::paused, plain, wanted -> new Config("c1", wanted)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mutation");
  }

  @Test
  void bindingRejectsANullButtonByName() {
    assertThatThrownBy(() -> QueryToggle.bind(null, client, query, Config::paused, save, wanted -> new Config("c1", wanted)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("button");
  }

  @Test
  void bindingOffTheEdtIsRejected() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<?> outcome = CompletableFuture.runAsync(this::bind, other);
      assertThatThrownBy(outcome::get)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IllegalStateException.class);
    } finally {
      other.shutdown();
    }
  }

  // ---- rows ----------------------------------------------------------------------------------

  @Test
  void rowSetterRunsTheMutationForTheRowAndPatchesAtOnce() {
    client.setQueryData(key, new Config("c1", false));
    BiConsumer<String, Boolean> setPaused = QueryToggle.rowSetter(save, Config::new);

    setPaused.accept("c1", true);

    assertThat(written).containsExactly(new Config("c1", true));
    assertThat(client.getQueryData(key)).contains(new Config("c1", true));
  }

  @Test
  void rowSetterCoalescesQuickEditsOfOneRowAndLetsOtherRowsGo() {
    QueryKey<List<Config>> rowsKey = QueryKey.of("configs");
    client.setQueryData(rowsKey, List.of(new Config("c1", false), new Config("c2", false)));
    Mutation<Config, Boolean, Void> saveRow =
        client.asyncMutation((Config config) -> {
              written.add(config);
              return started(writes, new CompletableFuture<>());
            })
            .optimistic(rowsKey, (rows, config) -> rows.stream()
                .map(row -> row.id().equals(config.id()) ? config : row).toList())
            .errorMessage("Failed to save the check")
            .build();
    BiConsumer<String, Boolean> setPaused = QueryToggle.rowSetter(saveRow, Config::new);

    setPaused.accept("c1", true);
    setPaused.accept("c1", false);
    setPaused.accept("c2", true);

    assertThat(written).containsExactly(new Config("c1", true), new Config("c2", true));
    assertThat(client.getQueryData(rowsKey).orElseThrow())
        .containsExactly(new Config("c1", false), new Config("c2", true));
  }

  @Test
  void rowActionFlipsTheSelectedRowsCurrentValue() {
    client.setQueryData(key, new Config("c1", true));
    Action action = QueryToggle.rowAction(
        "Pause", () -> "c1", id -> client.getQueryData(key).orElseThrow().paused(), save, Config::new);

    action.actionPerformed(null);

    assertThat(written).containsExactly(new Config("c1", false));
  }

  @Test
  void rowActionWithoutASelectionDoesNothing() {
    Action action = QueryToggle.rowAction("Pause", () -> null, id -> false, save, Config::new);

    action.actionPerformed(null);

    assertThat(written).isEmpty();
  }

  @Test
  void bindingAButtonTwiceIsRefusedSoAClickSendsOneWrite() {
    bindWith(new Config("c1", false));

    assertThatThrownBy(this::bind)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this button is bound already")
        .hasMessageContaining("two writes per click");
    paused.doClick();
    assertThat(written).containsExactly(new Config("c1", true));
  }

  @Test
  void aButtonMayBeBoundAgainOnceItsBindingIsClosed() {
    bindWith(new Config("c1", false)).close();

    bind();
    paused.doClick();

    assertThat(written).containsExactly(new Config("c1", true));
  }
}
