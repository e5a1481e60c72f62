package dev.querycache.test;

import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import java.util.ArrayList;
import java.util.List;

/** What a client still has in flight: fetches, paused fetches, mutations, optimistic layers. */
final class PendingWork {
  private PendingWork() {}

  /** One line per pending thing; empty when the client is quiet. */
  static List<String> of(QueryClient client) {
    List<String> out = new ArrayList<>();
    List<CachedQuery<?>> queries = client.getQueries(QueryFilter.all());
    if (client.isFetching(QueryFilter.all()) > 0) {
      for (CachedQuery<?> query : queries) {
        if (query.state().fetchStatus() == FetchStatus.FETCHING) {
          out.add("fetching: " + query.key() + describeFailures(query));
        }
      }
    }
    for (CachedQuery<?> query : queries) {
      if (query.state().fetchStatus() == FetchStatus.PAUSED) {
        out.add("paused fetch (offline): " + query.key());
      }
    }
    if (client.isMutating(MutationFilter.all()) > 0) {
      for (MutationState<?, ?, ?> run : client.getMutations(MutationFilter.all().pending())) {
        out.add("mutation #" + run.id() + (run.mutationKey() == null ? "" : " " + run.mutationKey())
            + " with variables " + run.variables() + (run.isPaused() ? " (paused)" : "")
            + " has not settled");
      }
    }
    for (CachedQuery<?> query : queries) {
      int layers = query.state().optimisticLayers();
      if (layers > 0) {
        out.add("optimistic " + (layers == 1 ? "layer" : "layers") + ": " + query.key() + " shows " + layers
            + " unconfirmed " + (layers == 1 ? "patch" : "patches"));
      }
    }
    return out;
  }

  private static String describeFailures(CachedQuery<?> query) {
    int failures = query.state().fetchFailureCount();
    return failures == 0 ? "" : " (" + failures + " failed attempts, a retry waits for its backoff)";
  }
}
