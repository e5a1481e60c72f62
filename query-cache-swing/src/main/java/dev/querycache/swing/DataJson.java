package dev.querycache.swing;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A query's data as JSON, for the {@link CacheInspector}: what Jackson makes of it (records,
 * beans, collections, maps, {@code java.time} values), else its {@code toString()} as one
 * string. A value Jackson sees as an empty object though it is no map (a class without
 * getters) also reads as its {@code toString()}, which says more. In a modular application,
 * Jackson reads only the data types of packages their module exports (or opens) to
 * {@code tools.jackson.databind}; the others read as their {@code toString()} too.
 * Thread-safe.
 */
final class DataJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private DataJson() {}

  /**
   * The tree of {@code data}.
   *
   * @param data a query's data, or null for none
   * @return its JSON tree; a JSON null for null; a string node of {@code toString()} where
   *     Jackson cannot write it
   */
  static JsonNode tree(@Nullable Object data) {
    if (data == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (data instanceof JsonNode) {
      return (JsonNode) data;
    }
    try {
      JsonNode tree = MAPPER.valueToTree(data);
      if (tree.isObject() && tree.isEmpty() && !(data instanceof Map)) {
        return JsonNodeFactory.instance.stringNode(String.valueOf(data));
      }
      return tree;
    } catch (JacksonException | IllegalArgumentException | StackOverflowError e) {
      return JsonNodeFactory.instance.stringNode(String.valueOf(data));
    }
  }

  /**
   * {@code tree} as indented JSON text, as the inspector's Copy puts on the clipboard.
   *
   * @param tree a JSON tree
   * @return the text
   */
  static String text(JsonNode tree) {
    return MAPPER.writeValueAsString(tree);
  }
}
