package dev.querycache.internal.ui;

import dev.querycache.CachedQuery;
import dev.querycache.MutationState;
import dev.querycache.QueryEvent;
import dev.querycache.QueryKey;
import dev.querycache.QueryState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** What the UI modules' cache inspectors write about a query, a mutation run and an event. */
public final class InspectorText {
  private InspectorText() {}

  /**
   * The summary of one query: its key, statuses, counters, the class of its data and its error.
   *
   * @param query a snapshot from the cache
   * @return the text, a line per part
   */
  public static String query(CachedQuery<?> query) {
    QueryState<?> state = query.state();
    StringBuilder out = new StringBuilder();
    out.append("Key: ").append(query.key()).append('\n');
    out.append("Status: ").append(state.status())
        .append(", fetch status: ").append(state.fetchStatus())
        .append(", stale: ").append(query.isStale() ? "yes" : "no")
        .append(", invalidated: ").append(state.isInvalidated() ? "yes" : "no").append('\n');
    out.append("Observers: ").append(query.observerCount())
        .append(", optimistic layers: ").append(state.optimisticLayers()).append('\n');
    out.append("Data updates: ").append(state.dataUpdateCount())
        .append(", errors: ").append(state.errorUpdateCount())
        .append(", failed attempts: ").append(state.fetchFailureCount()).append('\n');
    Object value = state.data();
    out.append("Data: ").append(value == null ? "none" : "a " + value.getClass().getSimpleName());
    Throwable error = state.error();
    if (error != null) {
      out.append('\n').append("Error: ").append(ErrorWords.details(error));
    }
    return out.toString();
  }
  /**
   * The summary of one mutation run: name, key, status, age, error, and the queries its
   * optimistic layers patched with what became of them.
   *
   * @param run the run's state
   * @param patches the queries it patched, with the kinds of its layer events on each
   * @param now the inspector's clock reading
   * @return the text, a line per part
   */
  public static String run(MutationState<?, ?, ?> run, Map<QueryKey<?>, List<QueryEvent.Kind>> patches, long now) {
    StringBuilder out = new StringBuilder();
    out.append("Run #").append(run.id()).append(": ").append(run.name()).append('\n');
    out.append("Key: ").append(run.mutationKey() == null ? "none" : run.mutationKey()).append('\n');
    out.append("Status: ").append(run.status())
        .append(", paused: ").append(run.isPaused() ? "yes" : "no")
        .append(", failed attempts: ").append(run.failureCount()).append('\n');
    out.append("Submitted: ").append(RelativeTime.ago(now - run.submittedAt())).append('\n');
    Throwable error = run.error();
    if (error != null) {
      out.append("Error: ").append(ErrorWords.details(error)).append('\n');
    }
    if (patches.isEmpty()) {
      out.append("Optimistic layers: none seen");
    } else {
      out.append("Optimistic layers:");
      patches.forEach((key, kinds) -> {
        out.append("\n  ").append(key).append(": ");
        for (int i = 0; i < kinds.size(); i++) {
          out.append(i == 0 ? "" : ", ").append(what(kinds.get(i)));
        }
      });
    }
    return out.toString();
  }
  /**
   * A kind of event in words.
   *
   * @param kind the kind
   * @return such as {@code "fetch started"} for {@code FETCH_STARTED}
   */
  public static String what(QueryEvent.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
  /**
   * What a transition changed, the parts that moved only: such as {@code "status pending →
   * success, fetch fetching → idle, data, layers 1 → 0"}.
   *
   * @param before the state before
   * @param after the state after
   * @return the changes, comma-separated; {@code "timestamps"} if nothing else moved
   */
  public static String change(QueryState<?> before, QueryState<?> after) {
    List<String> parts = new ArrayList<>();
    if (before.status() != after.status()) {
      parts.add("status " + word(before.status()) + " → " + word(after.status()));
    }
    if (before.fetchStatus() != after.fetchStatus()) {
      parts.add("fetch " + word(before.fetchStatus()) + " → " + word(after.fetchStatus()));
    }
    if (before.data() != after.data()) {
      parts.add(Objects.equals(before.data(), after.data()) ? "data (equal)" : "data");
    }
    if (before.optimisticLayers() != after.optimisticLayers()) {
      parts.add("layers " + before.optimisticLayers() + " → " + after.optimisticLayers());
    }
    if (before.isInvalidated() != after.isInvalidated()) {
      parts.add(after.isInvalidated() ? "invalidated" : "valid again");
    }
    if (before.fetchFailureCount() != after.fetchFailureCount()) {
      parts.add("failed attempts " + before.fetchFailureCount() + " → " + after.fetchFailureCount());
    }
    if (after.error() != null && after.error() != before.error()) {
      parts.add("error: " + after.error());
    } else if (after.error() == null && before.error() != null) {
      parts.add("error cleared");
    }
    return parts.isEmpty() ? "timestamps" : String.join(", ", parts);
  }

  private static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
