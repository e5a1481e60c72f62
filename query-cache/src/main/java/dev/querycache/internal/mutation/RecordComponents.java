package dev.querycache.internal.mutation;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import org.jspecify.annotations.Nullable;

/**
 * Reads a record's components and makes a record of the same class from other values, for
 * the default undo to reverse a patch component by component. A record this module may not
 * read or construct (in a package its module does not open), or whose accessor or constructor
 * throws, is left whole: the methods answer null.
 */
final class RecordComponents {
  private RecordComponents() {}

  /** The values of {@code record}'s components in declaration order, or null if unreadable. */
  static @Nullable Object @Nullable [] of(Record record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        Method accessor = components[i].getAccessor();
        if (!accessor.canAccess(record) && !accessor.trySetAccessible()) {
          return null;
        }
        values[i] = accessor.invoke(record);
      }
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return null;
    }
    return values;
  }

  /**
   * A record of {@code like}'s class holding {@code values}, made by its canonical
   * constructor, or null if it cannot be made (the constructor refused the values).
   */
  static @Nullable Record with(Record like, @Nullable Object[] values) {
    RecordComponent[] components = like.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      Constructor<? extends Record> canonical = like.getClass().getDeclaredConstructor(types);
      if (!canonical.canAccess(null) && !canonical.trySetAccessible()) {
        return null;
      }
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException | RuntimeException refused) {
      return null;
    }
  }
}
