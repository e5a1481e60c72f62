package dev.querycache.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's health-check configurations. Thread-safe (every method locks the store). */
final class HealthCheckStore {
  private final Map<String, HealthCheckConfig> rows = new LinkedHashMap<>();

  HealthCheckStore(List<HealthCheckConfig> seed) {
    seed.forEach(c -> rows.put(c.id(), c));
  }

  synchronized List<HealthCheckConfig> all() {
    return List.copyOf(rows.values());
  }

  synchronized HealthCheckConfig setPaused(String id, boolean paused) {
    HealthCheckConfig row = rows.get(id);
    if (row == null) {
      throw HttpStatusException.notFound("No health-check configuration with id '" + id + "'");
    }
    HealthCheckConfig changed = row.withPaused(paused);
    rows.put(id, changed);
    return changed;
  }
}
