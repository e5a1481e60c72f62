package dev.querycache.internal.key;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The canonical key tree: turns user objects into it, prints it, and matches one tree
 * against another partially.
 *
 * <p>Records are read component by component; other objects with properties (beans) go
 * through Jackson ({@link BeanParts}).
 *
 * <p><b>Bounds.</b> A key names a query; it is not a place for bulk data. A key holds at most
 * {@value #MAX_PARTS} parts in all (every list, map, record and scalar counts one), nested at
 * most {@value #MAX_DEPTH} levels deep, so that a hostile or mistaken part (a list of itself,
 * forty lists sharing one sublist twice over, which would expand to 2^40 leaves) is refused
 * at once instead of never returning. Each collection is read once, by copying it first, so
 * a concurrent collection changing meanwhile gives a key of one state it had, never a torn
 * one.
 *
 * <p>A canonical part is one of: {@code null}, {@link String}, {@link Boolean}, {@link Long}
 * (every integral number that fits), {@link BigDecimal} (every other number, trailing zeros
 * stripped), {@link KeyList} or {@link KeyMap}. Because each number has exactly one
 * canonical form, {@code 1}, {@code 1L} and {@code 1.0} are equal parts.
 */
public final class KeyParts {
  /** Nesting beyond this is refused (and, where the same container repeats, named a cycle). */
  static final int MAX_DEPTH = 64;

  /** The most parts a key may hold in all. */
  public static final int MAX_PARTS = 10_000;

  private KeyParts() {}

  /**
   * Converts the root parts of a key.
   *
   * @throws IllegalArgumentException naming the offending part and its path in the key
   */
  public static KeyList canonicalRoot(@Nullable Object[] parts) {
    return canonicalRoot(parts, 0);
  }

  /** As {@link #canonicalRoot(Object[])} for parts that follow {@code offset} others. */
  public static KeyList canonicalRoot(@Nullable Object[] parts, int offset) {
    Budget budget = new Budget(offset);
    @Nullable Object[] out = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = canonical(parts[i], 0, budget);
      } catch (BadPart bad) {
        throw bad.at("[" + (offset + i) + "]", null).toException();
      }
    }
    return new KeyList(out);
  }

  /**
   * What one key may still hold: every part counts against {@link #MAX_PARTS}. One per key
   * being built; not shared between threads.
   */
  static final class Budget {
    private int parts;

    Budget(int alreadyCounted) {
      this.parts = alreadyCounted;
    }

    /** Counts one more part. */
    void count() {
      if (++parts > MAX_PARTS) {
        throw new BadPart(
            "takes the key beyond " + MAX_PARTS + " parts in all: a key names a query; "
                + "put bulk data in what the query fetches, not in its key");
      }
    }
  }

  /** As {@link #canonicalRoot(Object[])}; a {@link KeyList} is canonical already, and is kept. */
  public static KeyList canonicalRoot(List<?> parts) {
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
  static @Nullable Object canonical(@Nullable Object part, int depth, Budget budget) {
    budget.count();
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
      // Copied first: a concurrent list changing meanwhile gives one state it had.
      @Nullable Object[] out = ((List<?>) part).toArray();
      for (int i = 0; i < out.length; i++) {
        try {
          out[i] = canonical(out[i], depth + 1, budget);
        } catch (BadPart bad) {
          throw bad.at("[" + i + "]", part);
        }
      }
      return new KeyList(out);
    }
    if (part instanceof Map<?, ?>) {
      return canonicalMap((Map<?, ?>) part, depth, budget);
    }
    if (part instanceof Record) {
      return canonicalRecord((Record) part, depth, budget);
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
    Class<?> type = part.getClass();
    String packageName = type.getPackageName();
    if (packageName.startsWith("java.") || packageName.startsWith("javax.")) {
      throw new BadPart(
          "has unsupported type " + type.getName()
              + ": use a String, number, Boolean, enum, null, List, Map with String keys, "
              + "or a record");
    }
    if (type.isSynthetic() || type.isHidden() || type.isAnonymousClass() || Proxy.isProxyClass(type)) {
      throw new BadPart(
          "is " + (type.isAnonymousClass() ? "an instance of an anonymous class"
              : Proxy.isProxyClass(type) ? "a proxy" : "a lambda or another generated class")
              + " (" + type.getName() + "), which has no state a key can compare: "
              + "two different ones would give equal keys; use a record of the values it stands for");
    }
    return BeanParts.canonicalBean(part, depth, budget);
  }

  static Object canonicalNumber(Number number) {
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

  static Object canonicalDecimal(BigDecimal decimal) {
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

  private static KeyMap canonicalMap(Map<?, ?> map, int depth, Budget budget) {
    // Copied first: a concurrent map changing meanwhile gives one state it had.
    Object[] entries = map.entrySet().toArray();
    int size = entries.length;
    String[] keys = new String[size];
    @Nullable Object[] values = new Object[size];
    int i = 0;
    for (Object item : entries) {
      Map.Entry<?, ?> entry = (Map.Entry<?, ?>) item;
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        throw new BadPart(
            "is a map with a "
                + (key == null ? "null" : key.getClass().getSimpleName() + " (" + key + ")")
                + " key: map keys must be strings");
      }
      keys[i] = (String) key;
      try {
        values[i] = canonical(entry.getValue(), depth + 1, budget);
      } catch (BadPart bad) {
        throw bad.at("." + key, map);
      }
      i++;
    }
    return sortedMap(keys, values);
  }

  /**
   * The map of {@code keys} to {@code values}, sorted by key. A key seen twice means the map
   * changed while it was read (a weakly consistent iterator): refused, not guessed.
   */
  static KeyMap sortedMap(String[] keys, @Nullable Object[] values) {
    sortByKey(keys, values);
    for (int i = 1; i < keys.length; i++) {
      if (keys[i].equals(keys[i - 1])) {
        throw new BadPart("changed while the key was read (it gave the entry \"" + keys[i] + "\" twice)");
      }
    }
    return new KeyMap(keys, values);
  }

  /**
   * A record is the map of its components, converted by the same rules as any part (read
   * directly, not through Jackson, so a package-private record works too, as long as its
   * module lets this one read it: on the class path, or in an open package).
   */
  private static KeyMap canonicalRecord(Record record, int depth, Budget budget) {
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
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new BadPart(
            "(" + record.getClass().getName() + ") cannot be read: its accessor "
                + component.getName() + "() threw " + cause, cause);
      } catch (ReflectiveOperationException e) {
        throw new BadPart("(" + record.getClass().getName() + ") cannot be read: " + e, e);
      }
      try {
        values[i] = canonical(value, depth + 1, budget);
      } catch (BadPart bad) {
        throw bad.at("." + component.getName(), record);
      }
    }
    return sortedMap(keys, values);
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

  /**
   * Whether {@code filter} matches {@code key} partially, as TanStack Query matches keys: a
   * list matches a list whose leading elements match it, a map matches a map that holds at
   * least its entries (recursively), anything else must be equal. A {@code null} value in a
   * filter map matches only an entry that is present and null, never a missing entry.
   */
  public static boolean partialMatch(@Nullable Object key, @Nullable Object filter) {
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

  /**
   * A refused part on its way out of the recursion. Each level prepends its path segment
   * and notes its container, so the root can name the full path and, when the refusal is
   * a nesting too deep, tell a cycle (the same container twice on the path) from depth.
   */
  static final class BadPart extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final transient List<String> segments = new ArrayList<>();
    private final transient List<Object> containers = new ArrayList<>();

    BadPart(String problem) {
      this(problem, null);
    }

    /** A refusal caused by {@code cause} (what an accessor threw, say), kept for the caller. */
    BadPart(String problem, @Nullable Throwable cause) {
      super(problem, cause, false, false);
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
      return new IllegalArgumentException("key part at " + pathOf(0) + " " + problem, getCause());
    }
  }
}
