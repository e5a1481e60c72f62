package dev.querycache.internal.key;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list node of a canonical key tree. Its elements are canonical parts (see
 * {@link KeyParts}); its hash follows the {@link java.util.List#hashCode()} contract and is
 * computed once, so it can stand in a {@code HashMap} beside any other list.
 */
public final class KeyList extends AbstractList<@Nullable Object> implements RandomAccess {
  public static final KeyList EMPTY = new KeyList(new Object[0]);

  private final @Nullable Object[] items;
  private final int hash;

  /** Takes ownership of {@code items}, which must already be canonical. */
  public KeyList(@Nullable Object[] items) {
    this.items = items;
    int h = 1;
    for (Object item : items) {
      h = 31 * h + (item == null ? 0 : item.hashCode());
    }
    this.hash = h;
  }

  @Override
  public @Nullable Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
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
    if (other instanceof KeyList) {
      KeyList that = (KeyList) other;
      return hash == that.hash && Arrays.equals(items, that.items);
    }
    return super.equals(other);
  }

  @Override
  public String toString() {
    return KeyJson.render(this);
  }
}
