package dev.querycache.internal.layer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A record class's components, read and made again: which components two records differ in,
 * and a record of the class holding some of one record's values and the rest of another's.
 * Patches use it to work component by component: a collection's pending update is re-projected
 * over newer server data as the components it changed, and the default undo reverses only
 * what a patch changed.
 *
 * <p>Found once per class and kept with it. A class this module may not read or construct
 * (a record in a package its module does not open to this one) has no shape. Thread-safe and
 * immutable; its methods run on the caller's thread.
 */
public final class RecordShape {
  /** A change is a mask of components, one bit each: a record with more cannot be masked. */
  public static final int MAX_MASKED_COMPONENTS = 63;

  private static final MethodType READ = MethodType.methodType(Object.class, Object.class);
  private static final MethodType MAKE = MethodType.methodType(Object.class, Object[].class);
  private static final ClassValue<Optional<RecordShape>> SHAPES = new ClassValue<>() {
    @Override
    protected Optional<RecordShape> computeValue(Class<?> type) {
      return Optional.ofNullable(find(type));
    }
  };

  private final String[] names;
  private final MethodHandle[] accessors;
  private final MethodHandle constructor;

  private RecordShape(String[] names, MethodHandle[] accessors, MethodHandle constructor) {
    this.names = names;
    this.accessors = accessors;
    this.constructor = constructor;
  }

  /** The shape of {@code type}, or null if it is not a record class or this module may not read and make it. */
  public static @Nullable RecordShape of(Class<?> type) {
    return SHAPES.get(type).orElse(null);
  }

  /** The shape of {@code value}'s class, or null if it is not a record this module may read and make. */
  public static @Nullable RecordShape ofValue(@Nullable Object value) {
    return value instanceof Record ? of(value.getClass()) : null;
  }

  private static @Nullable RecordShape find(Class<?> type) {
    if (!type.isRecord()) {
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    String[] names = new String[components.length];
    MethodHandle[] accessors = new MethodHandle[components.length];
    Class<?>[] types = new Class<?>[components.length];
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      for (int i = 0; i < components.length; i++) {
        Method accessor = components[i].getAccessor();
        if (!accessor.trySetAccessible()) {
          return null;
        }
        names[i] = components[i].getName();
        accessors[i] = lookup.unreflect(accessor).asType(READ);
        types[i] = components[i].getType();
      }
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      if (!canonical.trySetAccessible()) {
        return null;
      }
      MethodHandle constructor =
          lookup.unreflectConstructor(canonical).asSpreader(Object[].class, types.length).asType(MAKE);
      return new RecordShape(names, accessors, constructor);
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return null;
    }
  }

  /** How many components the records have. */
  public int size() {
    return names.length;
  }

  /** The name of component {@code index}. */
  public String name(int index) {
    return names[index];
  }

  /** The value of component {@code index} of {@code record}; what its accessor throws propagates. */
  public @Nullable Object get(Object record, int index) {
    try {
      return (Object) accessors[index].invokeExact(record);
    } catch (RuntimeException | Error thrown) {
      throw thrown;
    } catch (Throwable checked) {
      throw new IllegalStateException("the accessor of " + names[index] + " threw " + checked, checked);
    }
  }

  /** The values of {@code record}'s components, in declaration order; what an accessor throws propagates. */
  public @Nullable Object[] values(Object record) {
    Object[] values = new Object[names.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = get(record, i);
    }
    return values;
  }

  /** A record of this class holding {@code values}, by its canonical constructor; what that throws propagates. */
  public Object make(@Nullable Object[] values) {
    try {
      return (Object) constructor.invokeExact(values);
    } catch (RuntimeException | Error thrown) {
      throw thrown;
    } catch (Throwable checked) {
      throw new IllegalStateException("the canonical constructor threw " + checked, checked);
    }
  }

  /**
   * The components {@code before} and {@code after} differ in (by {@code equals}), one bit
   * each from bit 0; only for a shape of at most {@value #MAX_MASKED_COMPONENTS} components.
   */
  public long changed(Object before, Object after) {
    if (names.length > MAX_MASKED_COMPONENTS) {
      throw new IllegalStateException("a record of " + names.length + " components cannot be masked");
    }
    long mask = 0;
    for (int i = 0; i < names.length; i++) {
      if (!Objects.equals(get(before, i), get(after, i))) {
        mask |= 1L << i;
      }
    }
    return mask;
  }

  /**
   * {@code base} with the components in {@code mask} taken from {@code values}: {@code base}
   * itself if that changes nothing.
   */
  public Object with(Object base, Object values, long mask) {
    int first = 0; // the first component in the mask whose value base lacks
    while (first < names.length && ((mask & (1L << first)) == 0 || Objects.equals(get(values, first), get(base, first)))) {
      first++;
    }
    if (first == names.length) {
      return base; // base holds the values already: no record to make
    }
    Object[] merged = values(base);
    for (int i = first; i < merged.length; i++) {
      if ((mask & (1L << i)) != 0) {
        merged[i] = get(values, i);
      }
    }
    return make(merged);
  }
}
