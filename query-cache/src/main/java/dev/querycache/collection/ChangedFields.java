package dev.querycache.collection;

import dev.querycache.internal.layer.RecordShape;
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
    RecordShape shape = RecordShape.ofValue(before);
    if (shape == null || before == null || after == null || before.getClass() != after.getClass()) {
      return Set.of();
    }
    Set<String> changed = new LinkedHashSet<>();
    try {
      for (int i = 0; i < shape.size(); i++) {
        if (!Objects.equals(shape.get(before, i), shape.get(after, i))) {
          changed.add(shape.name(i));
        }
      }
    } catch (RuntimeException unreadable) {
      return Set.of();
    }
    return Collections.unmodifiableSet(changed);
  }
}
