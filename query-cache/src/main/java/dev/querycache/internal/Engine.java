package dev.querycache.internal;

import dev.querycache.MutationScope;
import dev.querycache.QueryFilter;
import dev.querycache.internal.mutation.MutationEngine;
import dev.querycache.internal.mutation.MutationRun;
import dev.querycache.internal.query.QueryEngine;
import dev.querycache.internal.runtime.EngineRuntime;
import dev.querycache.internal.runtime.OnlineManager;
import dev.querycache.internal.runtime.Retryer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The engine's root: it puts the {@link EngineRuntime}, the {@link QueryEngine} and the
 * {@link MutationEngine} together for one client, and runs what spans them: focus,
 * connectivity coming back, and closing. The face holds one and calls its parts; no part of
 * the engine knows the root or the face.
 */
public final class Engine {
  public final EngineRuntime runtime;
  public final QueryEngine queries;
  public final MutationEngine mutations;

  /** An engine for {@code config}; {@code scopes} makes the scope a run's onMutate gets. */
  public Engine(EngineConfig config, Function<MutationRun<?, ?, ?>, MutationScope> scopes) {
    this.runtime =
        new EngineRuntime(config.ticker(), config.scheduler(), config.fetchExecutor(), config.notifyExecutor(),
            config.isNotifyThread(), config.toaster(), config.online());
    this.queries = new QueryEngine(runtime, config.defaults(), config.maxUnobservedQueries(), config.queryHooks());
    this.mutations = new MutationEngine(queries, config.mutationHooks(), scopes);
  }

  /**
   * Connectivity changed. When it comes back, the paused mutations resume, in the order they
   * paused; once every one of them has settled (its callbacks and toast done, its settle
   * invalidation started, so that the refetches below join it), the paused fetches resume and the observed queries whose rule says so refetch, as
   * TanStack Query does: a list refetched on reconnection already holds the writes made
   * offline. With no paused mutation, the queries go on at once.
   */
  public void onlineChanged(boolean now) {
    OnlineManager.Parked parked = runtime.online.setOnline(now);
    if (parked == null) {
      return;
    }
    if (parked.mutations().isEmpty()) {
      resumeQueries(parked.fetches());
      return;
    }
    CompletableFuture<?>[] settled = new CompletableFuture<?>[parked.mutations().size()];
    runtime.notifier.batch(
        () -> {
          for (int i = 0; i < settled.length; i++) {
            Retryer<?> mutation = parked.mutations().get(i);
            settled[i] = mutation.settlement().toCompletableFuture();
            mutation.resume();
          }
        });
    CompletableFuture.allOf(settled).whenComplete((ignored, failure) -> resumeQueries(parked.fetches()));
  }

  /**
   * The queries' part of a reconnection: the paused fetches resume and the observed queries
   * refetch as their rule says; offline again by now, the fetches wait for the next one.
   */
  private void resumeQueries(List<Retryer<?>> fetches) {
    if (runtime.isClosed()) {
      return;
    }
    if (!runtime.online.isOnline()) {
      runtime.online.parkAgain(fetches);
      return;
    }
    runtime.notifier.batch(
        () -> {
          for (Retryer<?> fetch : fetches) {
            fetch.resume();
          }
          queries.refetchObserved(false);
        });
  }

  /** The window focus changed: regaining it refetches the observed queries whose rule says so. */
  public void focusChanged(boolean now) {
    if (runtime.focus.setFocused(now)) {
      queries.refetchObserved(true);
    }
  }

  /** Closes once: runs end cancelled, fetches are cancelled, the owned fetch pool stops. */
  public void close() {
    if (!runtime.markClosed()) {
      return;
    }
    runtime.notifier.batch(
        () -> {
          mutations.runs.closeAll(new CancellationException("the QueryClient was closed"));
          queries.cancel(QueryFilter.all());
        });
    runtime.close();
  }
}
