package dev.querycache.internal;

import dev.querycache.MutationScope;
import dev.querycache.QueryFilter;
import dev.querycache.internal.mutation.MutationEngine;
import dev.querycache.internal.mutation.MutationRun;
import dev.querycache.internal.query.QueryEngine;
import dev.querycache.internal.runtime.EngineRuntime;
import dev.querycache.internal.runtime.Retryer;
import java.util.List;
import java.util.concurrent.CancellationException;
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
   * Connectivity changed: when it comes back, the paused mutations resume first, then the
   * paused fetches, each in the order they paused, and only then the refetches of the
   * observed queries (as TanStack Query does).
   */
  public void onlineChanged(boolean now) {
    List<Retryer<?>> resumed = runtime.online.setOnline(now);
    if (resumed != null) {
      runtime.notifier.batch(
          () -> {
            for (Retryer<?> retryer : resumed) {
              retryer.resume();
            }
            queries.refetchObserved(false);
          });
    }
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
