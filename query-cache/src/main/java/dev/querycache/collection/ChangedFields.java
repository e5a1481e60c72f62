package dev.querycache.collection;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which components differ between two records of one class: an update's changed fields. A
 * record this module may not read (in a package its module does not open to it), or whose
 * accessor throws, gives an empty set, as anything but two records of one class does.
 */
final class ChangedFields {
  private ChangedFields() {}

  static Set<String> between(@Nullable Object before, @Nullable Object after) {
    if (!(before instanceof Record) || after == null || before.getClass() != after.getClass()) {
      return Set.of();
    }
    Set<String> changed = new LinkedHashSet<>();
    try {
      for (RecordComponent component : before.getClass().getRecordComponents()) {
        Method accessor = component.getAccessor();
        if (!accessor.canAccess(before) && !accessor.trySetAccessible()) {
          return Set.of();
        }
        if (!Objects.equals(accessor.invoke(before), accessor.invoke(after))) {
          changed.add(component.getName());
        }
      }
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return Set.of();
    }
    return Collections.unmodifiableSet(changed);
  }
}
