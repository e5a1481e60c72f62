package dev.querycache.examples;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * One request as an endpoint of the {@link DemoServer} sees it: the query parameters and the
 * JSON body, with readers that refuse bad input with a 400 naming the parameter.
 */
final class Request {
  private final Map<String, String> query;
  private final byte[] body;

  Request(@Nullable String rawQuery, byte[] body) {
    this.query = parseQuery(rawQuery);
    this.body = body;
  }

  @Nullable String param(String name) {
    return query.get(name);
  }

  String requiredParam(String name) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      throw HttpStatusException.badRequest("Query parameter '" + name + "' is required");
    }
    return value;
  }

  int intParam(String name, int defaultValue) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw HttpStatusException.badRequest("Query parameter '" + name + "' must be a whole number: '" + value + "'");
    }
  }

  boolean booleanParam(String name, boolean defaultValue) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw HttpStatusException.badRequest("Query parameter '" + name + "' must be true or false: '" + value + "'");
    }
  }

  /** The JSON body as {@code type}; a 400 if it is missing or malformed. */
  <T> T body(Class<T> type) {
    if (body.length == 0) {
      throw HttpStatusException.badRequest("A JSON body is required");
    }
    try {
      T value = Json.MAPPER.readValue(body, type);
      if (value == null) {
        throw HttpStatusException.badRequest("A JSON body is required");
      }
      return value;
    } catch (JacksonException e) {
      throw HttpStatusException.badRequest("Malformed JSON body: " + rootMessage(e));
    }
  }

  /** A required string field of a body; a 400 naming it if it is missing. */
  static String required(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw HttpStatusException.badRequest("'" + field + "' is required");
    }
    return value;
  }

  /** A required object field of a body; a 400 naming it if it is missing. */
  static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw HttpStatusException.badRequest("'" + field + "' is required");
    }
    return value;
  }

  /** A required list field of a body; a 400 naming it if it is missing or empty. */
  static <T> List<T> required(@Nullable List<T> value, String field) {
    if (value == null || value.isEmpty()) {
      throw HttpStatusException.badRequest("'" + field + "' is required and must not be empty");
    }
    return value;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof IllegalArgumentException) {
      return cause.getMessage();
    }
    String message = e instanceof JacksonException ? ((JacksonException) e).getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static Map<String, String> parseQuery(@Nullable String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
