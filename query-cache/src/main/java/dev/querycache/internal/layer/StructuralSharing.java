package dev.querycache.internal.layer;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
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
public final class StructuralSharing {
  private static final Class<?> JDK_LIST_N = List.of(1, 2, 3).getClass();
  private static final Class<?> JDK_LIST_12 = List.of(1).getClass();

  private StructuralSharing() {}

  /**
   * {@code next}, with the old reference kept where it equals the old data, and old list
   * elements kept where they equal the new ones. For data that arrives whole (a fetch, a
   * hand-written update), whose elements are new objects even where nothing changed.
   */
  @SuppressWarnings("unchecked") // the result is `next`, `previous` or a list of the same family
  public static <T> T share(@Nullable T previous, T next) {
    if (previous == null || previous == next) {
      return next;
    }
    if (previous instanceof List<?> && next instanceof List<?> && isRebuildable((List<?>) next)) {
      return (T) shareElements((List<?>) previous, (List<?>) next);
    }
    return keepIfEqual(previous, next);
  }

  /**
   * {@code previous} if {@code next} equals it, else {@code next}. For data derived from the
   * previous data (an optimistic patch copies the list and replaces what it changes), whose
   * unchanged elements already are the old references: looking for more to share would
   * compare every element for nothing. The comparison stops at the first difference.
   */
  public static <T> T keepIfEqual(@Nullable T previous, T next) {
    if (previous == null || previous == next) {
      return next;
    }
    if (previous instanceof List<?> && next instanceof List<?>) {
      return sameElements((List<?>) previous, (List<?>) next) ? previous : next;
    }
    return previous.equals(next) ? previous : next;
  }

  /**
   * {@link List#equals}, checking identity before {@code equals} for each element (the
   * JDK's immutable lists call {@code equals} even on the same element, which for a record
   * compares every component).
   */
  private static boolean sameElements(List<?> previous, List<?> next) {
    int size = previous.size();
    if (size != next.size()) {
      return false;
    }
    if (!(previous instanceof RandomAccess) || !(next instanceof RandomAccess)) {
      return previous.equals(next);
    }
    for (int i = 0; i < size; i++) {
      Object old = previous.get(i);
      Object now = next.get(i);
      if (old != now && (old == null || !old.equals(now))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code list} is of an immutable family this class (and undo) may rebuild. */
  public static boolean isRebuildable(List<?> list) {
    Class<?> type = list.getClass();
    return list instanceof ImmutableList<?> || type == JDK_LIST_N || type == JDK_LIST_12;
  }

  /**
   * One pass over both lists: the old list if every element is equal (and the sizes match),
   * else the new list with equal elements replaced by the old ones (copied only if there is
   * one), else the new list itself.
   */
  private static Object shareElements(List<?> previous, List<?> next) {
    List<?> old = previous instanceof RandomAccess ? previous : Arrays.asList(previous.toArray());
    int common = Math.min(old.size(), next.size());
    boolean allEqual = old.size() == next.size();
    Object[] elements = null;
    for (int i = 0; i < common; i++) {
      Object was = old.get(i);
      Object now = next.get(i);
      if (was == now) {
        continue;
      }
      if (was != null && was.equals(now)) {
        if (elements == null) {
          elements = next.toArray();
        }
        elements[i] = was;
      } else {
        allEqual = false;
      }
    }
    if (allEqual) {
      return previous;
    }
    if (elements == null) {
      return next;
    }
    if (next instanceof ImmutableList<?>) {
      return ImmutableList.copyOf(elements);
    }
    // Stream.toList() may hold nulls, which List.of refuses; keep such lists as they came.
    return Arrays.asList(elements).contains(null) ? next : List.of(elements);
  }
}
