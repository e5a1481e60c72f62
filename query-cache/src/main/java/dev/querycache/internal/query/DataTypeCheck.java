package dev.querycache.internal.query;

import dev.querycache.QueryKey;
import dev.querycache.internal.layer.LayerStack;
import org.jspecify.annotations.Nullable;

/**
 * The check behind {@link QueryKey#withDataType}: data written under a key must be an
 * instance of the data class the key declares, and of the class the query cached under it
 * remembers (from the first typed key that reached it). A mismatch is the application's
 * mistake at the call that writes, so the exception names the key and both classes there,
 * instead of a {@link ClassCastException} surfacing later in a screen or a patch.
 *
 * <p>An instance is one query's check, holding the class it remembers; the class is also
 * handed to the query's layers, so that a patch's output of another class fails. Thread-safe.
 */
public final class DataTypeCheck {
  private final QueryKey<?> key;
  private final LayerStack<?> layers;
  private volatile @Nullable Class<?> type;

  /** The check of the query under {@code key}, whose patches {@code layers} applies. */
  DataTypeCheck(QueryKey<?> key, LayerStack<?> layers) {
    this.key = key;
    this.layers = layers;
    adopt(key);
  }

  /** The class the query's data must be an instance of, or null if no typed key reached it. */
  @Nullable Class<?> type() {
    return type;
  }

  /** Takes {@code typed}'s data class if the query has none yet. */
  void adopt(QueryKey<?> typed) {
    Class<?> declared = typed.dataType().orElse(null);
    if (declared != null && type == null) {
      adopt(declared);
    }
  }

  private synchronized void adopt(Class<?> declared) {
    if (type == null) {
      type = declared;
      layers.requireOutputsOf(declared);
    }
  }

  /**
   * Checks a write of {@code data} through {@code via} (a key equal to the query's) before it
   * is made: the data must fit {@code via}'s class and the query's, and a typed {@code via}
   * must fit the data cached now ({@code cached}); a typed {@code via} then types the query.
   *
   * @throws IllegalArgumentException naming the key and both classes
   */
  void checkWrite(QueryKey<?> via, @Nullable Object data, @Nullable Object cached) {
    Class<?> viaType = via.dataType().orElse(null);
    if (data != null) {
      if (viaType != null && !viaType.isInstance(data)) {
        throw notOfKey(via, viaType, data);
      }
      Class<?> own = type;
      if (own != null && !own.isInstance(data)) {
        throw new IllegalArgumentException(
            "the data written under " + key + " is " + describe(data) + ", but the query cached under"
                + " that key holds " + own.getName() + " data (declared with withDataType): is the key"
                + " of this write built over the parts of another query's key?");
      }
    }
    if (viaType != null) {
      if (cached != null && !viaType.isInstance(cached)) {
        throw new IllegalArgumentException(
            "the key " + via + " holds " + viaType.getName() + " data (its withDataType), but the query"
                + " cached under it holds " + describe(cached) + ": is this key built over the parts of"
                + " another query's key?");
      }
      adopt(viaType);
    }
  }

  /**
   * Throws unless {@code data} fits {@code key}'s data class (if it declares one), for writes
   * that reach no query yet.
   *
   * @throws IllegalArgumentException naming the key, its class and the data's
   */
  public static void requireFitsKey(QueryKey<?> key, @Nullable Object data) {
    Class<?> type = key.dataType().orElse(null);
    if (type != null && data != null && !type.isInstance(data)) {
      throw notOfKey(key, type, data);
    }
  }

  private static IllegalArgumentException notOfKey(QueryKey<?> key, Class<?> type, Object data) {
    return new IllegalArgumentException(
        "the data written under " + key + " is " + describe(data) + ", but the key holds "
            + type.getName() + " data (its withDataType)");
  }

  private static String describe(Object data) {
    return "a " + data.getClass().getName();
  }
}
