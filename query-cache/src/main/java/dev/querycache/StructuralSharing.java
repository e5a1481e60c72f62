package dev.querycache;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keeps old references where new data equals old data, so that listeners can tell what
 * changed by identity and nobody is notified of a refetch that brought nothing new.
 *
 * <ul>
 *   <li>New data equal to the old (by {@code equals}) is replaced by the old reference.
 *   <li>A new immutable list (from {@code List.of}, {@code List.copyOf},
 *       {@code Stream.toList()} or Guava's {@link ImmutableList}) whose element at some index
 *       equals the old list's element at that index gets the old element there. The result is
 *       a list of the same family, so a query typed {@code ImmutableList<Row>} keeps that type.
 * </ul>
 *
 * Mutable lists and other types are stored as they come (beyond the equality rule): the
 * library cannot rebuild them without changing what the caller declared.
 */
final class StructuralSharing {
  private static final Class<?> JDK_LIST_N = List.of(1, 2, 3).getClass();
  private static final Class<?> JDK_LIST_12 = List.of(1).getClass();

  private StructuralSharing() {}

  @SuppressWarnings("unchecked") // the result is `next` or a list of the same family
  static <T> T share(@Nullable T previous, T next) {
    if (previous == null || previous == next) {
      return next;
    }
    if (previous.equals(next)) {
      return previous;
    }
    if (previous instanceof List<?> && next instanceof List<?>) {
      Object shared = shareElements((List<?>) previous, (List<?>) next);
      return (T) shared;
    }
    return next;
  }

  private static Object shareElements(List<?> previous, List<?> next) {
    boolean guava = next instanceof ImmutableList<?>;
    boolean jdk = next.getClass() == JDK_LIST_N || next.getClass() == JDK_LIST_12;
    if (!guava && !jdk) {
      return next;
    }
    Object[] elements = next.toArray();
    int common = Math.min(previous.size(), elements.length);
    boolean reused = false;
    for (int i = 0; i < common; i++) {
      Object old = previous.get(i);
      if (old != null && old != elements[i] && old.equals(elements[i])) {
        elements[i] = old;
        reused = true;
      }
    }
    if (!reused) {
      return next;
    }
    if (guava) {
      return ImmutableList.copyOf(elements);
    }
    // Stream.toList() may hold nulls, which List.of refuses; keep such lists as they came.
    return Arrays.asList(elements).contains(null) ? next : List.of(elements);
  }
}
