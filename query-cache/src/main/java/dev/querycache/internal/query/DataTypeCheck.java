package dev.querycache.internal.query;

import dev.querycache.QueryKey;
import org.jspecify.annotations.Nullable;

/**
 * The check behind {@link QueryKey#withDataType}: data written under a key must be an
 * instance of the data class the key declares, and of the class the query cached under it
 * remembers (from the first typed key that reached it). A mismatch is the application's
 * mistake at the call that writes, so the exception names the key and both classes there,
 * instead of a {@link ClassCastException} surfacing later in a screen or a patch.
 */
public final class DataTypeCheck {
  private DataTypeCheck() {}

  /**
   * Throws unless {@code data} fits {@code key}'s data class (if it declares one).
   *
   * @throws IllegalArgumentException naming the key, its class and the data's
   */
  public static void requireFitsKey(QueryKey<?> key, @Nullable Object data) {
    Class<?> type = key.dataType().orElse(null);
    if (type != null && data != null && !type.isInstance(data)) {
      throw new IllegalArgumentException(
          "the data written under " + key + " is " + describe(data) + ", but the key holds "
              + type.getName() + " data (its withDataType)");
    }
  }

  /**
   * Throws unless {@code data} fits the data class of the query cached under {@code key}.
   *
   * @param type the query's data class, or null if it has none
   * @throws IllegalArgumentException naming the key and both classes
   */
  static void requireFitsQuery(QueryKey<?> key, @Nullable Class<?> type, @Nullable Object data) {
    if (type != null && data != null && !type.isInstance(data)) {
      throw new IllegalArgumentException(mismatch(key, type, data));
    }
  }

  /** The message for {@code data} that does not fit the query's {@code type}. */
  static String mismatch(QueryKey<?> key, Class<?> type, Object data) {
    return "the data written under " + key + " is " + describe(data) + ", but the query cached under"
        + " that key holds " + type.getName() + " data (declared with withDataType): is the key of"
        + " this write built over the parts of another query's key?";
  }

  /**
   * Throws if {@code key} declares a data class that the data already cached under it does
   * not fit: the key addresses another query's data.
   *
   * @throws IllegalArgumentException naming the key and both classes
   */
  static void requireKeyFitsCached(QueryKey<?> key, @Nullable Object cached) {
    Class<?> type = key.dataType().orElse(null);
    if (type != null && cached != null && !type.isInstance(cached)) {
      throw new IllegalArgumentException(
          "the key " + key + " holds " + type.getName() + " data (its withDataType), but the query cached"
              + " under it holds " + describe(cached) + ": is this key built over the parts of another"
              + " query's key?");
    }
  }

  private static String describe(Object data) {
    return "a " + data.getClass().getName();
  }
}
