package dev.querycache.internal.mutation;

import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.internal.runtime.Callbacks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A run's settle invalidation (step 4): what the run patched, what its mutation declared, and
 * the plugin's, each query once (two filters selecting one query must not start two
 * refetches, the second replacing the first). A declared function or a filter predicate that
 * throws is reported and its filters skipped: the run has settled and must not be left
 * pending.
 */
final class SettleInvalidation {
  private SettleInvalidation() {}

  /**
   * Invalidates what a run of {@code mutation} with {@code variables} settles, having patched
   * {@code patchedKeys} by hand ({@code success}: the plugin's invalidation too); the future
   * completes when the refetches end, and never fails.
   */
  static <V> CompletableFuture<Void> start(
      MutationEngine engine, MutationConfig<V, ?, ?> config, Object mutation, V variables,
      List<QueryKey<?>> patchedKeys, boolean success) {
    List<QueryFilter> filters = new ArrayList<>(4);
    for (MutationPatch<?, V> patch : config.patches) {
      filters.add(patch.settleFilter());
    }
    for (QueryKey<?> key : patchedKeys) {
      filters.add(QueryFilter.exact(key)); // keys patched by hand through the scope
    }
    for (var declared : config.settleInvalidations) {
      try { // as Callbacks.run, without a lambda per run
        Collection<QueryFilter> more = declared.apply(variables);
        if (more == null) {
          throw new NullPointerException("an invalidateFor function returned null");
        }
        filters.addAll(more);
      } catch (Throwable thrown) {
        Callbacks.report("an invalidateFor function", mutation, thrown);
      }
    }
    if (success && config.pluginInvalidation != null) {
      filters.add(config.pluginInvalidation);
    }
    return engine.queries.invalidateAll(filters, true);
  }

  /**
   * Runs {@code then} when {@code refetches} completes (it never fails): at once if it has
   * (nothing refetched, most often), without chaining a stage on it.
   */
  static void whenDone(CompletableFuture<Void> refetches, Runnable then) {
    if (refetches.isDone()) {
      then.run();
    } else {
      refetches.whenComplete((ignored, failure) -> then.run());
    }
  }
}
