package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.test.FxThread;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.RecordingToaster;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link FxQueries#clientBuilder()}: what the client tells the application
 * arrives on the FX Application Thread, and joining a mutation there fails fast.
 */
class FxQueriesTest {
  private final QueryClient client = FxQueries.clientBuilder().toaster(new RecordingToaster()).build();

  @BeforeAll
  static void startFx() {
    FxThread.start();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void observersHearOnTheFxThread() throws Exception {
    CompletableFuture<Boolean> onFx = new CompletableFuture<>();

    client.observe(QueryOptions.builder(QueryKey.<String>of("greeting")).fetcher(ctx -> "hello").build(),
        result -> {
          if (result.isSuccess()) {
            onFx.complete(Platform.isFxApplicationThread());
          }
        });

    assertThat(onFx.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void mutationCallbacksRunOnTheFxThread() throws Exception {
    CompletableFuture<Boolean> onSuccessOnFx = new CompletableFuture<>();
    Mutation<String, String, Void> save = client.<String, String>mutation(String::toUpperCase)
        .onSuccess((result, text, context) -> onSuccessOnFx.complete(Platform.isFxApplicationThread()))
        .errorMessage("Could not save")
        .build();

    save.fire("milk");

    assertThat(onSuccessOnFx.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void joiningAMutationsUnfinishedFutureOnTheFxThreadFailsFastInsteadOfFreezingIt() throws Exception {
    CompletableFuture<String> release = new CompletableFuture<>();
    Mutation<String, String, Void> save = client.<String, String>mutation(text -> release.get(10, TimeUnit.SECONDS))
        .errorMessage("Could not save")
        .build();

    CompletableFuture<String> saved = FxThread.call(() -> save.mutate("milk"));

    assertThatThrownBy(() -> FxThread.call(saved::join))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("would wait forever");
    release.complete("MILK");
    assertThat(saved.get(10, TimeUnit.SECONDS)).isEqualTo("MILK");
  }
}
