package dev.querycache.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of the harness's output: a JSON object naming the workload, its size and its
 * figure, with fields in the order they were put.
 */
final class Line {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, Object> fields = new LinkedHashMap<>();

  Line(String workload, int n) {
    fields.put("workload", workload);
    fields.put("n", n);
  }

  /** Adds a field; a double is rounded to one decimal. */
  Line with(String name, Object value) {
    if (value instanceof Double) {
      value = Math.round((Double) value * 10) / 10.0;
    }
    fields.put(name, value);
    return this;
  }

  String toJson() {
    return JSON.writeValueAsString(fields);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
