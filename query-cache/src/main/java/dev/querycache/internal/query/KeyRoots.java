package dev.querycache.internal.query;

import dev.querycache.QueryKey;
import dev.querycache.internal.key.KeyList;

/**
 * The way from a {@link QueryKey} to its canonical tree: a key's parts are the root node
 * itself, which the store indexes and filters match on. Kept here, so that the key tree
 * knows nothing of the face.
 */
final class KeyRoots {
  private KeyRoots() {}

  /** The root node of {@code key}'s canonical tree. */
  static KeyList of(QueryKey<?> key) {
    return (KeyList) key.parts();
  }
}
