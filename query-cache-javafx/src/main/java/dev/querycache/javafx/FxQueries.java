package dev.querycache.javafx;

import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import javafx.application.Platform;

/**
 * Where a JavaFX application starts with query-cache: a client whose listeners, mutation
 * callbacks and toasts run on the FX Application Thread.
 *
 * <pre>{@code
 * QueryClient client = FxQueries.clientBuilder().build();
 * }</pre>
 *
 * <p>{@link #clientBuilder()} may be called from any thread.
 */
public final class FxQueries {
  private FxQueries() {}

  /**
   * Starts building a client whose listeners, mutation callbacks (after {@code onMutate}),
   * toasts and mutation futures' completions run on the FX Application Thread, through a new
   * {@link FxExecutor} (a burst of changes costs a handful of {@code runLater} runnables, not
   * one per observer). The client knows the FX thread, so {@code get()} or {@code join()} there
   * on a mutation's unfinished future fails fast instead of freezing the application.
   * Everything else has the core's defaults and can still be set.
   *
   * @return a builder with the notify executor set
   */
  public static QueryClientBuilder clientBuilder() {
    return QueryClient.builder().notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread);
  }
}
