package dev.querycache.test;

import dev.querycache.FetchStatus;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Names what happened between two recorded states of a query; see {@link Transition}. */
final class TransitionLabels {
  static final String REMOVED = "removed";

  private TransitionLabels() {}

  static String label(@Nullable QueryState<?> before, QueryState<?> now) {
    if (before == null) {
      return first(now);
    }
    if (before.data() != null && now.data() == null
        || now.dataUpdateCount() < before.dataUpdateCount()) {
      return "reset";
    }
    boolean landed = now.dataUpdateCount() > before.dataUpdateCount();
    int layersBefore = before.optimisticLayers();
    int layersNow = now.optimisticLayers();
    if (layersNow > layersBefore && !landed) {
      return "optimistic";
    }
    if (landed) {
      boolean fetchEnded = before.fetchStatus() != FetchStatus.IDLE && now.fetchStatus() == FetchStatus.IDLE;
      if (!fetchEnded) {
        return "updated";
      }
      return before.dataUpdateCount() == 0 ? "fetched" : "refetched";
    }
    if (layersNow < layersBefore) {
      return Objects.equals(before.data(), now.data()) ? "confirmed" : "rolled back";
    }
    if (now.errorUpdateCount() > before.errorUpdateCount()) {
      return "failed";
    }
    if (before.fetchStatus() == FetchStatus.IDLE && now.fetchStatus() == FetchStatus.FETCHING) {
      return now.data() == null ? "loading" : "refetching";
    }
    if (before.fetchStatus() != FetchStatus.PAUSED && now.fetchStatus() == FetchStatus.PAUSED) {
      return "paused";
    }
    if (before.fetchStatus() == FetchStatus.PAUSED && now.fetchStatus() == FetchStatus.FETCHING) {
      return "resumed";
    }
    if (now.fetchStatus() == FetchStatus.FETCHING && now.fetchFailureCount() > before.fetchFailureCount()) {
      return "retrying";
    }
    if (before.fetchStatus() != FetchStatus.IDLE && now.fetchStatus() == FetchStatus.IDLE) {
      return "cancelled";
    }
    if (!before.isInvalidated() && now.isInvalidated()) {
      return "invalidated";
    }
    return "changed";
  }

  private static String first(QueryState<?> now) {
    if (now.data() != null) {
      return "cached";
    }
    if (now.fetchStatus() == FetchStatus.FETCHING) {
      return "loading";
    }
    if (now.fetchStatus() == FetchStatus.PAUSED) {
      return "paused";
    }
    return now.status() == QueryStatus.ERROR ? "failed" : "empty";
  }
}
