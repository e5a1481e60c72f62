package dev.querycache.examples;

import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of server and client: records and {@code java.time} as ISO strings. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}
}
