package dev.querycache.internal.collection;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the rows of each collection did during one {@code mutate} call of a transaction, told
 * to each collection's listeners when the call ends, in the order the collections were first
 * written. Most calls write one collection: its changes are held without a map. Not
 * thread-safe: the call's, under its transaction's monitor.
 */
final class CallChanges {
  private @Nullable CollectionCore<?, ?> first;
  private @Nullable RowChanges<?, ?> firstChanges;
  /** The other collections' changes, made at the second collection. */
  private @Nullable Map<CollectionCore<?, ?>, RowChanges<?, ?>> others;

  /** Where {@code collection}'s row changes of this call are collected. */
  @SuppressWarnings("unchecked") // a collection's changes are of its types
  <K, R> RowChanges<K, R> of(CollectionCore<K, R> collection) {
    RowChanges<?, ?> mine = firstChanges;
    if (first == null || mine == null) {
      mine = collection.newSink();
      first = collection;
      firstChanges = mine;
      return (RowChanges<K, R>) mine;
    }
    if (first == collection) {
      return (RowChanges<K, R>) mine;
    }
    if (others == null) {
      others = new LinkedHashMap<>(2);
    }
    return (RowChanges<K, R>) others.computeIfAbsent(collection, CollectionCore::newSink);
  }

  /** Tells each collection's listeners what this call changed of its rows. */
  void deliver() {
    if (first != null && firstChanges != null) {
      CollectionCore.deliverOf(first, firstChanges);
    }
    if (others != null) {
      others.forEach(CollectionCore::deliverOf);
    }
  }
}
