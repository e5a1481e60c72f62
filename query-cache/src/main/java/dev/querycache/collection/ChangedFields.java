package dev.querycache.collection;

import dev.querycache.internal.layer.RecordShape;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which fields differ between two rows of one class: an update's changed fields. A record's
 * fields are its components. Another object's are its properties as Jackson reads them (its
 * getters, or its fields, as its annotations say), compared as the values Jackson writes: a
 * bean's. Anything else (two classes, a value that is not an object, a record this module may
 * not read, an accessor that throws) gives an empty set.
 */
final class ChangedFields {
  private ChangedFields() {}

  static Set<String> between(@Nullable Object before, @Nullable Object after) {
    if (before == null || after == null || before.getClass() != after.getClass()) {
      return Set.of();
    }
    try {
      return before instanceof Record ? ofRecords(before, after) : ofBeans(before, after);
    } catch (RuntimeException unreadable) {
      return Set.of();
    }
  }

  private static Set<String> ofRecords(Object before, Object after) {
    RecordShape shape = RecordShape.ofValue(before);
    if (shape == null) {
      return Set.of();
    }
    Set<String> changed = new LinkedHashSet<>();
    for (int i = 0; i < shape.size(); i++) {
      if (!Objects.equals(shape.get(before, i), shape.get(after, i))) {
        changed.add(shape.name(i));
      }
    }
    return Collections.unmodifiableSet(changed);
  }

  private static Set<String> ofBeans(Object before, Object after) {
    JsonNode was = Beans.MAPPER.valueToTree(before);
    JsonNode now = Beans.MAPPER.valueToTree(after);
    if (!was.isObject() || !now.isObject()) {
      return Set.of();
    }
    Set<String> changed = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> property : was.properties()) {
      if (!property.getValue().equals(now.get(property.getKey()))) {
        changed.add(property.getKey());
      }
    }
    for (String name : now.propertyNames()) {
      if (was.get(name) == null) {
        changed.add(name);
      }
    }
    return Collections.unmodifiableSet(changed);
  }

  /** Jackson, made when a bean's changed fields are first asked for. Thread-safe. */
  private static final class Beans {
    static final JsonMapper MAPPER = JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();
  }
}
