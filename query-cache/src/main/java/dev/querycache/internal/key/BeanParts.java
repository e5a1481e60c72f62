package dev.querycache.internal.key;

import dev.querycache.internal.key.KeyParts.BadPart;
import dev.querycache.internal.key.KeyParts.Budget;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Key parts from beans: objects with properties that are not records, read through Jackson
 * so that its annotations ({@code @JsonProperty}, {@code @JsonIgnore}, {@code @JsonValue},
 * custom serializers) decide what a bean says.
 *
 * <p>Jackson writes the bean into a buffer of tokens through a generator that keeps the
 * key's bounds as the tokens come: nesting deeper than {@value KeyParts#MAX_DEPTH} levels, an
 * object that is its own ancestor (a back reference), and more than
 * {@value KeyParts#MAX_PARTS} parts are refused before Jackson recurses any further, so its
 * recursion never overflows the stack (a stack overflow inside Jackson can leave its classes
 * unusable for the rest of the JVM's life). The tokens then become key parts by the same
 * rules as parts given directly: numbers by exact value ({@code BigDecimal} stays exact, a
 * {@code float} is its printed decimal), maps compared regardless of order.
 */
public final class BeanParts {
  /**
   * Built once, thread-safe. Jackson 3 changed two defaults that keys depend on, so they are
   * set back: an enum is written by its name (as enum parts are), and a class with no
   * properties is refused rather than written as an empty map (an arbitrary object is not a
   * key). Jackson's own self-reference check is off: the generator below finds every cycle,
   * direct or not, and names it the same way.
   */
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
          .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(SerializationFeature.FAIL_ON_SELF_REFERENCES)
          .build();

  private BeanParts() {}

  /** The key part for {@code bean}, found at {@code depth} of a key that has {@code budget} left. */
  static @Nullable Object canonicalBean(Object bean, int depth, Budget budget) {
    TokenBuffer tokens = TokenBuffer.forGeneration();
    try {
      // The generator's own budget stops Jackson expanding shared containers (a bean whose
      // lists share sublists); the key's budget then counts each part once, as it is read.
      MAPPER.writeValue(new BoundedGenerator(tokens, KeyParts.MAX_DEPTH - depth, new Budget(0)), bean);
    } catch (RuntimeException e) { // Jackson 3's exceptions are unchecked; a getter's too
      BadPart bad = badPartIn(e);
      if (bad != null) {
        throw bad;
      }
      throw new BadPart(
          "(" + bean.getClass().getName() + ") cannot be turned into a key tree: "
              + firstLine(e) + "; use a record of key values, a Map or a List", e);
    }
    try (JsonParser parser = tokens.asParser()) {
      parser.nextToken();
      return read(parser, bean, budget);
    }
  }

  /** The part the parser's current token starts, reading to its end. */
  private static @Nullable Object read(JsonParser parser, Object bean, Budget budget) {
    JsonToken token = parser.currentToken();
    switch (token) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return parser.getString();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return parser.getBooleanValue();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        // The number as the bean holds it (a BigDecimal stays exact), by the rules of parts.
        return KeyParts.canonicalNumber(parser.getNumberValue());
      case START_ARRAY: {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          budget.count();
          items.add(read(parser, bean, budget));
        }
        return new KeyList(items.toArray());
      }
      case START_OBJECT: {
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          keys.add(parser.currentName());
          parser.nextToken();
          budget.count();
          values.add(read(parser, bean, budget));
        }
        return KeyParts.sortedMap(keys.toArray(new String[0]), values.toArray());
      }
      default:
        throw new BadPart(
            "(" + bean.getClass().getName() + ") holds a value Jackson writes as " + token
                + ", which keys cannot hold");
    }
  }

  private static @Nullable BadPart badPartIn(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BadPart) {
        return (BadPart) cause;
      }
    }
    return null;
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Passes Jackson's tokens to the buffer and keeps the key's bounds: the depth left, the
   * parts left, and no object inside itself. Jackson names the object it starts writing
   * ({@code writeStartObject(bean)}, {@code writeStartArray(list, size)}), which is how a back
   * reference is seen before Jackson follows it.
   */
  private static final class BoundedGenerator extends JsonGeneratorDelegate {
    private final int maxDepth;
    private final Budget budget;
    /** The objects being written, outermost first, with the property each was reached by. */
    private final List<Object> open = new ArrayList<>();
    private final List<String> path = new ArrayList<>();
    private final Map<Object, Integer> openAt = new IdentityHashMap<>();
    private String nextName = "";

    BoundedGenerator(JsonGenerator buffer, int maxDepth, Budget budget) {
      super(buffer, false);
      this.maxDepth = maxDepth;
      this.budget = budget;
    }

    private void enter(@Nullable Object value) {
      budget.count();
      if (value != null) {
        Integer ancestor = openAt.get(value);
        if (ancestor != null) {
          throw new BadPart(
              "(" + value.getClass().getName() + ") refers back to itself: " + pathTo(open.size())
                  + nextName + " is the same object as " + (ancestor == 0 ? "the bean" : pathTo(ancestor))
                  + "; keys cannot hold cycles");
        }
      }
      if (open.size() >= maxDepth) {
        throw new BadPart("nests deeper than " + KeyParts.MAX_DEPTH + " levels");
      }
      Object marker = value == null ? new Object() : value;
      openAt.put(marker, open.size());
      open.add(marker);
      path.add(nextName);
      nextName = "";
    }

    private void exit() {
      int last = open.size() - 1;
      openAt.remove(open.remove(last));
      path.remove(last);
    }

    private String pathTo(int depth) {
      StringBuilder out = new StringBuilder("the bean");
      for (int i = 1; i < depth; i++) {
        out.append(path.get(i));
      }
      return out.toString();
    }

    @Override
    public JsonGenerator writeStartObject() {
      enter(null);
      return super.writeStartObject();
    }

    @Override
    public JsonGenerator writeStartObject(@Nullable Object forValue) {
      enter(forValue);
      return super.writeStartObject(forValue);
    }

    @Override
    public JsonGenerator writeStartObject(@Nullable Object forValue, int size) {
      enter(forValue);
      return super.writeStartObject(forValue, size);
    }

    @Override
    public JsonGenerator writeStartArray() {
      enter(null);
      return super.writeStartArray();
    }

    @Override
    public JsonGenerator writeStartArray(@Nullable Object forValue) {
      enter(forValue);
      return super.writeStartArray(forValue);
    }

    @Override
    public JsonGenerator writeStartArray(@Nullable Object forValue, int size) {
      enter(forValue);
      return super.writeStartArray(forValue, size);
    }

    @Override
    public JsonGenerator writeEndObject() {
      exit();
      return super.writeEndObject();
    }

    @Override
    public JsonGenerator writeEndArray() {
      exit();
      return super.writeEndArray();
    }

    @Override
    public JsonGenerator writeName(String name) {
      named(name);
      return super.writeName(name);
    }

    @Override
    public JsonGenerator writeName(SerializableString name) {
      named(name.getValue()); // how bean serializers write their (prebuilt) property names
      return super.writeName(name);
    }

    @Override
    public JsonGenerator writePropertyId(long id) {
      named(Long.toString(id));
      return super.writePropertyId(id);
    }

    private void named(String name) {
      budget.count();
      nextName = "." + name;
    }
  }
}
