package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.internal.ui.BatchingExecutor;
import java.awt.Window;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link SwingQueries}' entry points: the EDT client, and the checks every
 * component-touching entry point makes (the thread, the arguments). Runs on the test thread,
 * which is not the EDT; where a call must run on the EDT, the test says so.
 */
class SwingQueriesTest {
  private final QueryClient client = SwingQueries.clientBuilder().build();
  private final QueryOptions<String> options = QueryOptions.builder(QueryKey.<String>of("greeting")).build();

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void theClientBuildersListenersRunOnTheEdt() throws Exception {
    CompletableFuture<Boolean> onEdt = new CompletableFuture<>();

    client.observe(options, result -> onEdt.complete(SwingUtilities.isEventDispatchThread()));

    assertThat(onEdt.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void theClientBuildersNotifyExecutorIsAnEdtExecutor() throws Exception {
    CompletableFuture<String> executor = new CompletableFuture<>();

    // The listener runs inside the executor's task on the EDT: an event of the batching core
    // that EdtExecutor posts with invokeLater.
    client.observe(options, result -> executor.complete(SwingUtilities.isEventDispatchThread() && StackWalker.getInstance()
        .walk(frames -> frames.anyMatch(frame -> frame.getClassName().equals(BatchingExecutor.class.getName())))
        ? "EdtExecutor" : "other"));

    assertThat(executor.get(10, TimeUnit.SECONDS)).isEqualTo("EdtExecutor");
  }

  @Test
  void aMutationsCallbacksAndCodeChainedOnItsFutureRunOnTheEdtThoughItsFunctionRanOnAFetchThread() throws Exception {
    CompletableFuture<String> functionThread = new CompletableFuture<>();
    CompletableFuture<Boolean> onSuccessOnEdt = new CompletableFuture<>();
    CompletableFuture<Boolean> onSettledOnEdt = new CompletableFuture<>();
    Mutation<String, String, Void> save = client.<String, String>mutation(text -> {
          functionThread.complete(Thread.currentThread().getName());
          return text.toUpperCase(Locale.ROOT);
        })
        .onSuccess((result, text, context) -> onSuccessOnEdt.complete(SwingUtilities.isEventDispatchThread()))
        .onSettled((result, error, text, context) -> onSettledOnEdt.complete(SwingUtilities.isEventDispatchThread()))
        .errorMessage("Could not save")
        .build();

    // Chained on the EDT, where the future completes: the chained code runs there, whenever
    // the function answers.
    CompletableFuture<Boolean> chainedOnEdt =
        EdtCalls.call(() -> save.mutate("milk").thenApply(result -> SwingUtilities.isEventDispatchThread()));

    assertThat(functionThread.get(10, TimeUnit.SECONDS)).startsWith("query-cache-fetch-");
    assertThat(onSuccessOnEdt.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(onSettledOnEdt.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(chainedOnEdt.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void joiningAMutationsUnfinishedFutureOnTheEdtFailsFastInsteadOfFreezingIt() throws Exception {
    CompletableFuture<String> release = new CompletableFuture<>();
    Mutation<String, String, Void> save = client.<String, String>mutation(text -> release.get(10, TimeUnit.SECONDS))
        .errorMessage("Could not save")
        .build();

    CompletableFuture<String> saved = EdtCalls.call(() -> save.mutate("milk"));

    assertThatThrownBy(() -> EdtCalls.call(saved::join))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("would wait forever")
        .hasMessageContaining("AWT-EventQueue");
    release.complete("MILK");
    assertThat(saved.get(10, TimeUnit.SECONDS)).isEqualTo("MILK");
  }

  @Test
  void observeOffTheEdtIsRefusedNamingTheMethod() {
    assertThatThrownBy(() -> SwingQueries.observe(new JPanel(), client, options, result -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("SwingQueries.observe must be called on the Event Dispatch Thread");
  }

  @Test
  void installFocusRefetchOffTheEdtIsRefusedNamingTheMethod() {
    assertThatThrownBy(() -> SwingQueries.installFocusRefetch(mock(Window.class), client))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("SwingQueries.installFocusRefetch must be called on the Event Dispatch Thread");
  }

  @Test
  void bindingATableModelOffTheEdtIsRefusedNamingTheMethod() {
    QueryTableModel<String> model = new QueryTableModel<>(row -> row, java.util.List.of());

    assertThatThrownBy(() -> model.bind(new JPanel(), client, QueryOptions.builder(QueryKey.<java.util.List<String>>of("rows")).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("QueryTableModel.bind must be called on the Event Dispatch Thread");
  }

  @Test
  void observeRefusesNullArgumentsNamingThem() throws Exception {
    SwingUtilities.invokeAndWait(
        () -> {
          JPanel panel = new JPanel();
          assertThatThrownBy(() -> SwingQueries.observe(null, client, options, result -> {}))
              .hasMessage("component == null");
          assertThatThrownBy(() -> SwingQueries.observe(panel, null, options, result -> {}))
              .hasMessage("client == null");
          assertThatThrownBy(() -> SwingQueries.observe(panel, client, null, result -> {}))
              .hasMessage("options == null");
          assertThatThrownBy(() -> SwingQueries.observe(panel, client, options, null))
              .hasMessage("listener == null");
        });
  }

  @Test
  void installFocusRefetchRefusesNullArgumentsNamingThem() throws Exception {
    SwingUtilities.invokeAndWait(
        () -> {
          assertThatThrownBy(() -> SwingQueries.installFocusRefetch(null, client)).hasMessage("window == null");
          assertThatThrownBy(() -> SwingQueries.installFocusRefetch(mock(Window.class), null))
              .hasMessage("client == null");
        });
  }
}
