package dev.querycache;

import java.math.BigDecimal;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical key tree: turns user objects into it, prints it, and matches one tree
 * against another partially.
 *
 * <p>Records are read component by component; other objects with properties (beans) go
 * through Jackson.
 *
 * <p>A canonical part is one of: {@code null}, {@link String}, {@link Boolean}, {@link Long}
 * (every integral number that fits), {@link BigDecimal} (every other number, trailing zeros
 * stripped), {@link KeyList} or {@link KeyMap}. Because each number has exactly one
 * canonical form, {@code 1}, {@code 1L} and {@code 1.0} are equal parts.
 */
final class KeyParts {
  /**
   * Jackson turns records and beans into trees; built once, thread-safe. Jackson 3 changed
   * two defaults that keys depend on, so they are set back: an enum is written by its name
   * (as enum parts are), and a class with no properties is refused rather than written as
   * an empty map (an arbitrary object is not a key).
   */
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
          .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  /** Nesting beyond this is taken for a cycle (a list or map that contains itself). */
  private static final int MAX_DEPTH = 64;

  private KeyParts() {}

  /**
   * Converts the root parts of a key.
   *
   * @throws IllegalArgumentException naming the offending part and its path in the key
   */
  static KeyList canonicalRoot(@Nullable Object[] parts) {
    return canonicalRoot(parts, 0);
  }

  /** As {@link #canonicalRoot(Object[])} for parts that follow {@code offset} others. */
  static KeyList canonicalRoot(@Nullable Object[] parts, int offset) {
    @Nullable Object[] out = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = canonical(parts[i], 0);
      } catch (BadPart bad) {
        throw bad.at("[" + (offset + i) + "]", null).toException();
      }
    }
    return new KeyList(out);
  }

  /** Converts a list of root parts; see {@link #canonicalRoot(Object[])}. */
  static KeyList canonicalRoot(List<?> parts) {
    if (parts instanceof KeyList) {
      return (KeyList) parts;
    }
    return canonicalRoot(parts.toArray());
  }

  /**
   * Converts one part. Paths are only built when a part is refused (each level adds its
   * segment to the {@link BadPart} on the way out), so the happy path allocates nothing but
   * the canonical nodes themselves.
   */
  private static @Nullable Object canonical(@Nullable Object part, int depth) {
    if (part == null
        || part instanceof String
        || part instanceof Boolean
        || part instanceof Long
        || part instanceof KeyList
        || part instanceof KeyMap) {
      return part;
    }
    if (part instanceof Integer || part instanceof Short || part instanceof Byte) {
      return ((Number) part).longValue();
    }
    if (part instanceof Number) {
      return canonicalNumber((Number) part);
    }
    if (part instanceof Enum<?>) {
      return ((Enum<?>) part).name();
    }
    if (part instanceof Character || part instanceof UUID || part instanceof TemporalAccessor) {
      return part.toString();
    }
    if (depth >= MAX_DEPTH) {
      throw new BadPart("nests deeper than " + MAX_DEPTH + " levels");
    }
    if (part instanceof List<?>) {
      List<?> list = (List<?>) part;
      @Nullable Object[] out = new Object[list.size()];
      int i = 0;
      for (Object item : list) {
        try {
          out[i] = canonical(item, depth + 1);
        } catch (BadPart bad) {
          throw bad.at("[" + i + "]", part);
        }
        i++;
      }
      return new KeyList(out);
    }
    if (part instanceof Map<?, ?>) {
      return canonicalMap((Map<?, ?>) part, depth);
    }
    if (part instanceof Record) {
      return canonicalRecord((Record) part, depth);
    }
    if (part.getClass().isArray()) {
      throw new BadPart(
          "is an array (" + part.getClass().getSimpleName()
              + "): arrays are mutable and compare by identity; use List.of(...)");
    }
    if (part instanceof Collection<?>) {
      throw new BadPart(
          "is a " + part.getClass().getSimpleName()
              + ": only lists have a defined order; use a List");
    }
    String packageName = part.getClass().getPackageName();
    if (packageName.startsWith("java.") || packageName.startsWith("javax.")) {
      throw new BadPart(
          "has unsupported type " + part.getClass().getName()
              + ": use a String, number, Boolean, enum, null, List, Map with String keys, "
              + "or a record");
    }
    return fromJackson(part);
  }

  private static Object canonicalNumber(Number number) {
    BigDecimal decimal;
    if (number instanceof Double || number instanceof Float) {
      double value = number.doubleValue();
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new BadPart("is " + value + ": numbers in keys must be finite");
      }
      // The decimal the number prints as, so 0.1 and new BigDecimal("0.1") are one part.
      decimal = new BigDecimal(number.toString());
    } else if (number instanceof BigDecimal) {
      decimal = (BigDecimal) number;
    } else if (number instanceof BigInteger) {
      decimal = new BigDecimal((BigInteger) number);
    } else {
      throw new BadPart(
          "has unsupported number type " + number.getClass().getName()
              + (number.getClass().getPackageName().startsWith("java.util.concurrent")
                  ? ": it is mutable; use its current value instead"
                  : ": use an Integer, Long, Double, BigInteger or BigDecimal"));
    }
    return canonicalDecimal(decimal);
  }

  private static Object canonicalDecimal(BigDecimal decimal) {
    if (decimal.signum() == 0) {
      return 0L;
    }
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 19) {
      try {
        return stripped.longValueExact();
      } catch (ArithmeticException tooBig) {
        return stripped;
      }
    }
    return stripped;
  }

  private static KeyMap canonicalMap(Map<?, ?> map, int depth) {
    int size = map.size();
    String[] keys = new String[size];
    @Nullable Object[] values = new Object[size];
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        throw new BadPart(
            "is a map with a "
                + (key == null ? "null" : key.getClass().getSimpleName() + " (" + key + ")")
                + " key: map keys must be strings");
      }
      keys[i] = (String) key;
      try {
        values[i] = canonical(entry.getValue(), depth + 1);
      } catch (BadPart bad) {
        throw bad.at("." + key, map);
      }
      i++;
    }
    sortByKey(keys, values);
    return new KeyMap(keys, values);
  }

  /**
   * A record is the map of its components, converted by the same rules as any part (read
   * directly, not through Jackson, so a package-private record works too, as long as its
   * module lets this one read it: on the class path, or in an open package).
   */
  private static KeyMap canonicalRecord(Record record, int depth) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    String[] keys = new String[components.length];
    @Nullable Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      keys[i] = component.getName();
      Object value;
      try {
        Method accessor = component.getAccessor();
        if (!accessor.canAccess(record) && !accessor.trySetAccessible()) {
          throw new BadPart(
              "(" + record.getClass().getName() + ") cannot be read: make the record public, "
                  + "or open its package to module dev.querycache");
        }
        value = accessor.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new BadPart(
            "(" + record.getClass().getName() + ") cannot be read: " + e.getMessage());
      }
      try {
        values[i] = canonical(value, depth + 1);
      } catch (BadPart bad) {
        throw bad.at("." + component.getName(), record);
      }
    }
    sortByKey(keys, values);
    return new KeyMap(keys, values);
  }

  /** Insertion sort: key maps are small, and this keeps the two arrays in step. */
  private static void sortByKey(String[] keys, @Nullable Object[] values) {
    for (int i = 1; i < keys.length; i++) {
      String key = keys[i];
      Object value = values[i];
      int j = i - 1;
      while (j >= 0 && keys[j].compareTo(key) > 0) {
        keys[j + 1] = keys[j];
        values[j + 1] = values[j];
        j--;
      }
      keys[j + 1] = key;
      values[j + 1] = value;
    }
  }

  private static @Nullable Object fromJackson(Object part) {
    JsonNode tree;
    try {
      tree = MAPPER.valueToTree(part);
    } catch (JacksonException | StackOverflowError e) {
      throw new BadPart(
          "(" + part.getClass().getName() + ") cannot be turned into a key tree: "
              + firstLine(e) + "; use a record of key values, a Map or a List");
    }
    return fromTree(tree, part);
  }

  private static @Nullable Object fromTree(JsonNode node, Object source) {
    switch (node.getNodeType()) {
      case NULL:
      case MISSING:
        return null;
      case STRING:
        return node.stringValue();
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        if (node.isFloatingPointNumber()) {
          // The same path as a float or double given directly: finite, by printed value.
          return canonicalNumber(node.isFloat() ? (Number) node.floatValue() : (Number) node.doubleValue());
        }
        return canonicalDecimal(node.decimalValue());
      case ARRAY: {
        List<Object> items = new ArrayList<>(node.size());
        for (JsonNode item : node.values()) {
          items.add(fromTree(item, source));
        }
        return new KeyList(items.toArray());
      }
      case OBJECT: {
        int size = node.size();
        String[] keys = new String[size];
        @Nullable Object[] values = new Object[size];
        int i = 0;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          keys[i] = entry.getKey();
          values[i] = fromTree(entry.getValue(), source);
          i++;
        }
        sortByKey(keys, values);
        return new KeyMap(keys, values);
      }
      default:
        throw new BadPart(
            "(" + source.getClass().getName() + ") holds a value of JSON type "
                + node.getNodeType() + " that keys cannot hold");
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Whether {@code filter} matches {@code key} partially, as TanStack Query matches keys: a
   * list matches a list whose leading elements match it, a map matches a map that holds at
   * least its entries (recursively), anything else must be equal. A {@code null} value in a
   * filter map matches only an entry that is present and null, never a missing entry.
   */
  static boolean partialMatch(@Nullable Object key, @Nullable Object filter) {
    if (key == filter) {
      return true;
    }
    if (filter instanceof KeyList) {
      if (!(key instanceof KeyList)) {
        return false;
      }
      KeyList keyList = (KeyList) key;
      KeyList filterList = (KeyList) filter;
      if (filterList.size() > keyList.size()) {
        return false;
      }
      for (int i = 0; i < filterList.size(); i++) {
        if (!partialMatch(keyList.get(i), filterList.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (filter instanceof KeyMap) {
      if (!(key instanceof KeyMap)) {
        return false;
      }
      KeyMap keyMap = (KeyMap) key;
      KeyMap filterMap = (KeyMap) filter;
      for (int i = 0; i < filterMap.size(); i++) {
        String name = filterMap.keyAt(i);
        if (!keyMap.containsKey(name) || !partialMatch(keyMap.get(name), filterMap.valueAt(i))) {
          return false;
        }
      }
      return true;
    }
    return filter != null && filter.equals(key);
  }

  /** Appends the JSON-like form of a canonical part. */
  static void appendJson(StringBuilder out, @Nullable Object part) {
    if (part instanceof String) {
      appendQuoted(out, (String) part);
    } else if (part instanceof KeyList) {
      out.append('[');
      KeyList list = (KeyList) part;
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        appendJson(out, list.get(i));
      }
      out.append(']');
    } else if (part instanceof KeyMap) {
      out.append('{');
      KeyMap map = (KeyMap) part;
      for (int i = 0; i < map.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        appendQuoted(out, map.keyAt(i));
        out.append(':');
        appendJson(out, map.valueAt(i));
      }
      out.append('}');
    } else if (part instanceof BigDecimal) {
      out.append(((BigDecimal) part).toPlainString());
    } else {
      out.append(part);
    }
  }

  private static void appendQuoted(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\r':
          out.append("\\r");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /**
   * A refused part on its way out of the recursion. Each level prepends its path segment
   * and notes its container, so the root can name the full path and, when the refusal is
   * a nesting too deep, tell a cycle (the same container twice on the path) from depth.
   */
  private static final class BadPart extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final transient List<String> segments = new ArrayList<>();
    private final transient List<Object> containers = new ArrayList<>();

    BadPart(String problem) {
      super(problem, null, false, false);
      this.problem = problem;
    }

    BadPart at(String segment, @Nullable Object container) {
      segments.add(segment);
      if (container != null) {
        containers.add(container);
      }
      return this;
    }

    private String pathOf(int depth) {
      StringBuilder path = new StringBuilder("key");
      for (int i = segments.size() - 1; i >= depth; i--) {
        path.append(segments.get(i));
      }
      return path.toString();
    }

    IllegalArgumentException toException() {
      // containers.get(i) is the container holding the part at pathOf(i): innermost first.
      // The repeat nearest the root names the cycle best: scan from the outermost container.
      for (int outer = containers.size() - 1; outer > 0; outer--) {
        for (int inner = outer - 1; inner >= 0; inner--) {
          if (containers.get(inner) == containers.get(outer)) {
            return new IllegalArgumentException(
                "key part at " + pathOf(inner + 1) + " is the same object as its ancestor at "
                    + pathOf(outer + 1) + ": keys cannot hold cycles");
          }
        }
      }
      return new IllegalArgumentException("key part at " + pathOf(0) + " " + problem);
    }
  }
}
