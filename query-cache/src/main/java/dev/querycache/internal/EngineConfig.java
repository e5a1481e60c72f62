package dev.querycache.internal;

import dev.querycache.MutationHooks;
import dev.querycache.QueryHooks;
import dev.querycache.QuerySettings;
import dev.querycache.Scheduler;
import dev.querycache.Ticker;
import dev.querycache.Toaster;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What the application chose for a client, as the engine takes it: the ticker, the scheduler,
 * the fetch executor (null: the engine owns a pool), the notify executor and how to recognise
 * its thread, the toaster, the
 * client-level mutation and query hooks, the default settings, whether the client starts online, and
 * the cap on unobserved queries (negative: none). The face's builder checks each value
 * before it gets here.
 */
public record EngineConfig(
    Ticker ticker,
    Scheduler scheduler,
    @Nullable Executor fetchExecutor,
    Executor notifyExecutor,
    BooleanSupplier isNotifyThread,
    Toaster toaster,
    List<MutationHooks> mutationHooks,
    List<QueryHooks> queryHooks,
    QuerySettings defaults,
    boolean online,
    long maxUnobservedQueries) {
  public EngineConfig {
    mutationHooks = List.copyOf(mutationHooks);
    queryHooks = List.copyOf(queryHooks);
  }
}
