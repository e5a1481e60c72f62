package dev.querycache.internal.key;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable string-keyed map node of a canonical key tree. Keys are kept sorted, so two
 * maps with the same entries compare equal element by element whatever order they were
 * built in; the hash follows the {@link Map#hashCode()} contract and is computed once.
 */
public final class KeyMap extends AbstractMap<String, @Nullable Object> {
  private final String[] keys;
  private final @Nullable Object[] values;
  private final int hash;

  /** Takes ownership of both arrays: keys sorted and distinct, values canonical. */
  KeyMap(String[] keys, @Nullable Object[] values) {
    this(keys, values, hashOf(keys, values));
  }

  private KeyMap(String[] keys, @Nullable Object[] values, int hash) {
    this.keys = keys;
    this.values = values;
    this.hash = hash;
  }

  private static int hashOf(String[] keys, @Nullable Object[] values) {
    int h = 0;
    for (int i = 0; i < keys.length; i++) {
      h += keys[i].hashCode() ^ (values[i] == null ? 0 : values[i].hashCode());
    }
    return h;
  }

  /** The sorted names; never to be changed, as other maps may share the array. */
  public String[] names() {
    return keys;
  }

  /**
   * This map, holding {@code names} instead of its own array when the two are equal (so maps
   * of one shape can share one array of names); else this map itself.
   */
  public KeyMap withNames(String[] names) {
    return names != keys && Arrays.equals(names, keys) ? new KeyMap(names, values, hash) : this;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return key instanceof String && Arrays.binarySearch(keys, key) >= 0;
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    if (!(key instanceof String)) {
      return null;
    }
    int at = Arrays.binarySearch(keys, key);
    return at >= 0 ? values[at] : null;
  }

  String keyAt(int index) {
    return keys[index];
  }

  @Nullable Object valueAt(int index) {
    return values[index];
  }

  @Override
  public Set<Map.Entry<String, @Nullable Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Map.Entry<String, @Nullable Object> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return new SimpleImmutableEntry<>(keys[at], values[at]);
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (other == this) {
      return true;
    }
    if (other instanceof KeyMap) {
      KeyMap that = (KeyMap) other;
      return hash == that.hash && Arrays.equals(keys, that.keys) && Arrays.equals(values, that.values);
    }
    return super.equals(other);
  }

  @Override
  public String toString() {
    return KeyJson.render(this);
  }
}
