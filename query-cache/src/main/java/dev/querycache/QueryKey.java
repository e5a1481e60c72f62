package dev.querycache;

import dev.querycache.internal.key.KeyList;
import dev.querycache.internal.key.KeyParts;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a query: an immutable, structured list of parts, typed by the data the
 * query holds.
 *
 * <p>A part is a {@link String}, a number, a {@link Boolean}, an enum, {@code null}, a
 * {@link List} of parts or a {@link java.util.Map} with {@code String} keys and part values,
 * nested as deep as needed. Records are accepted too and turned into a map of their
 * components (a record in a named module must be public or in a package open to
 * {@code dev.querycache}); beans with properties are turned into a map by Jackson; {@link java.util.UUID}, {@link Character} and
 * {@code java.time} values are turned into their {@code toString()}. Everything is copied at
 * construction, so changing the objects afterwards does not change the key.
 *
 * <p>Two keys are equal when their trees are equal: maps compare regardless of the order of
 * their entries, numbers compare by value ({@code 1}, {@code 1L} and {@code 1.0} are the same
 * part), and an enum equals the string of its name (keys have a JSON shape, as in TanStack
 * Query). The hash is computed once.
 *
 * <p>The type parameter {@code T} is the type of the query's data. It is not part of the
 * key's identity; it lets {@link QueryClient#getQueryData(QueryKey)} and friends hand the data
 * back without a cast. Declare it once, where the key is built:
 *
 * <pre>{@code
 * static QueryKey<List<Notification>> notifications(int page) {
 *   return QueryKey.of("notifications", Map.of("page", page));
 * }
 * }</pre>
 *
 * <p><b>The data's class.</b> Java forgets {@code T} at run time, so nothing stops a
 * {@code QueryKey<Integer>} built over the parts of a cached {@code QueryKey<List<Todo>>} from
 * replacing the list with {@code 42}; the {@link ClassCastException} comes later, far from the
 * mistake. A key that says its data's class fails such a write at the call:
 *
 * <pre>{@code
 * static QueryKey<List<Todo>> todos(TodoFilter filter) {
 *   return QueryKey.of("todos", filter).withDataType(List.class);
 * }
 * }</pre>
 *
 * <p>Then every write under the key is checked (hand-written data, a fetch's result, an
 * optimistic patch's output): data that is not an instance of the class is refused with an
 * exception naming both classes. The query cached under the key remembers the class, so a
 * write through another key with the same parts, typed or not, is checked too; and a typed key
 * that addresses a query holding data of another class is refused at the write. The class is
 * not part of the key's identity.
 *
 * <p><b>Bounds.</b> A key holds at most 10 000 parts in all (every list, map, record, bean
 * and scalar counts one), nested at most 64 levels deep; lambdas, anonymous classes and
 * proxies are refused (they have no state a key could compare). Each collection is copied
 * once as it is read, so a concurrent collection that changes meanwhile gives a key of one
 * state it really had.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the type of the data stored under this key
 * @since 0.1.0
 */
public final class QueryKey<T> {
  private final KeyList parts;
  private final @Nullable Class<?> dataType;

  private QueryKey(KeyList parts) {
    this(parts, null);
  }

  private QueryKey(KeyList parts, @Nullable Class<?> dataType) {
    this.parts = parts;
    this.dataType = dataType;
  }

  /**
   * Builds a key from its parts.
   *
   * @param parts the parts, outermost first; each may be {@code null}
   * @param <T> the type of the data stored under this key
   * @return the key
   * @throws NullPointerException if {@code parts} itself is null
   * @throws IllegalArgumentException if a part is not supported (an array, a set, a map with a
   *     non-string key, a mutable JDK object, a non-finite number, a lambda, a cycle) or the
   *     key is beyond its bounds; the message names the part and its path, such as
   *     {@code key[1].input.tags}, and keeps the cause (what a record's accessor threw, say)
   */
  public static <T> QueryKey<T> of(@Nullable Object... parts) {
    Objects.requireNonNull(parts, "parts == null");
    return new QueryKey<>(KeyParts.canonicalRoot(parts));
  }

  /**
   * Builds a key whose parts are the elements of {@code parts} (not a key with one list part:
   * for that, use {@code QueryKey.of(list)}).
   *
   * @param parts the parts, outermost first
   * @param <T> the type of the data stored under this key
   * @return the key
   * @throws NullPointerException if {@code parts} is null
   * @throws IllegalArgumentException as {@link #of(Object...)}
   */
  public static <T> QueryKey<T> fromList(List<?> parts) {
    Objects.requireNonNull(parts, "parts == null");
    return new QueryKey<>(KeyParts.canonicalRoot(parts));
  }

  /**
   * Returns a key made of this key's parts followed by {@code more}, typed anew. Useful to
   * build a family of keys under one prefix:
   * {@code QueryKey<Todo> todo = todos.append("detail", id).withDataType(Todo.class)}. The
   * longer key has no data class of its own until given one.
   *
   * @param more the parts to add
   * @param <U> the type of the data stored under the new key
   * @return the longer key
   * @throws IllegalArgumentException as {@link #of(Object...)}
   */
  public <U> QueryKey<U> append(@Nullable Object... more) {
    Objects.requireNonNull(more, "more == null");
    KeyList tail = KeyParts.canonicalRoot(more, parts.size());
    @Nullable Object[] joined = new Object[parts.size() + tail.size()];
    for (int i = 0; i < parts.size(); i++) {
      joined[i] = parts.get(i);
    }
    for (int i = 0; i < tail.size(); i++) {
      joined[parts.size() + i] = tail.get(i);
    }
    return new QueryKey<>(new KeyList(joined));
  }

  /**
   * Returns this key with its data's class: every write of data under it, or under any key
   * with the same parts once the query is cached, must be an instance of {@code dataType}
   * (see the class comment). The compiler checks that the class fits {@code U}: a raw class
   * stands for its parameterized types ({@code List.class} for {@code List<Todo>}).
   *
   * @param dataType the class of the data, or a supertype of it
   * @param <U> the type of the data stored under the key
   * @return a key with the same parts and this data class
   * @throws NullPointerException if {@code dataType} is null
   * @throws IllegalArgumentException if {@code dataType} is a primitive class (the data is
   *     always an object: use {@code Integer.class}, not {@code int.class})
   */
  public <U> QueryKey<U> withDataType(Class<? super U> dataType) {
    Objects.requireNonNull(dataType, "dataType == null");
    if (dataType.isPrimitive()) {
      throw new IllegalArgumentException(
          "dataType must be a class of objects, not the primitive " + dataType + ": data is stored boxed");
    }
    return new QueryKey<>(parts, dataType);
  }

  /**
   * The class of the data this key holds, if it was given with {@link #withDataType}.
   *
   * @return the class, or empty if the key does not say
   */
  public Optional<Class<?>> dataType() {
    return Optional.ofNullable(dataType);
  }

  /**
   * The canonical parts: an immutable list whose elements are {@code null}, {@code String},
   * {@code Boolean}, {@code Long} (integral numbers), {@code BigDecimal} (other numbers), or
   * immutable {@code List}s and {@code Map}s of the same. Useful in filter predicates.
   *
   * @return the parts, outermost first
   */
  public List<@Nullable Object> parts() {
    return parts; // the canonical tree itself: the engine matches and indexes it (KeyParts.root)
  }


  /**
   * Whether this key starts with {@code prefix} in the partial sense filters use: a list
   * matches a list whose leading elements match it and a map matches a map holding at least
   * its entries, recursively. So {@code [["notification"]]} matches
   * {@code [["notification","getNotifications"],{"input":{...},"type":"query"}]}.
   *
   * @param prefix the shorter key
   * @return whether {@code prefix} matches this key partially
   */
  public boolean startsWith(QueryKey<?> prefix) {
    Objects.requireNonNull(prefix, "prefix == null");
    return KeyParts.partialMatch(parts, prefix.parts);
  }

  /**
   * Two keys are equal when their canonical trees are equal; the data type, and the data
   * class of {@link #withDataType}, play no part.
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other == this || (other instanceof QueryKey && parts.equals(((QueryKey<?>) other).parts));
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  /**
   * A readable JSON-like form with map entries in key order, such as
   * {@code [["notification","getNotifications"],{"input":{"limit":20},"type":"query"}]}. For
   * reading, not parsing: a form longer than about a thousand characters is cut short and
   * ends with an ellipsis, and numbers with large exponents are written like {@code 1E+400}.
   */
  @Override
  public String toString() {
    return parts.toString();
  }
}
