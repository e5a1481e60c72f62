package dev.querycache.internal.mutation;

import dev.querycache.MutationHooks;
import dev.querycache.MutationScope;
import dev.querycache.internal.query.QueryEngine;
import dev.querycache.internal.runtime.EngineRuntime;
import java.util.List;
import java.util.function.Function;

/**
 * The mutation half of the engine: the client's runs and their admission chain, the
 * client-level mutation hooks, and the maker of the scope each run's {@code onMutate} gets.
 * Runs reach the queries they patch, cancel and invalidate through the {@link QueryEngine},
 * and everything else through the {@link EngineRuntime}. Thread-safe.
 */
public final class MutationEngine {
  public final EngineRuntime runtime;
  public final QueryEngine queries;
  public final MutationCache runs;
  public final List<MutationHooks> hooks;
  /** Makes the scope a run's {@code onMutate} gets: the face adds the client. */
  private final Function<MutationRun<?, ?, ?>, MutationScope> scopes;

  public MutationEngine(
      QueryEngine queries, List<MutationHooks> hooks, Function<MutationRun<?, ?, ?>, MutationScope> scopes) {
    this.runtime = queries.runtime;
    this.queries = queries;
    this.runs = new MutationCache(runtime.notifier, runtime::now);
    this.hooks = List.copyOf(hooks);
    this.scopes = scopes;
  }

  /** The scope that {@code run}'s {@code onMutate} gets. */
  MutationScope scopeOf(MutationRun<?, ?, ?> run) {
    return scopes.apply(run);
  }
}
