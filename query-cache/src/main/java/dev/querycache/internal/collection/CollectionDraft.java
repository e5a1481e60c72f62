package dev.querycache.internal.collection;

import dev.querycache.QueryOptions;
import dev.querycache.collection.AsyncChangeHandler;
import dev.querycache.collection.ChangeHandler;
import dev.querycache.collection.CollectionBuilder;
import dev.querycache.collection.QueryCollection;
import dev.querycache.internal.mutation.MutationEngine;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What a collection is built from: its query, key function, name, error message and
 * handlers, collected by the application through {@link CollectionBuilder}. Not thread-safe.
 */
public final class CollectionDraft<K, R> implements CollectionBuilder<K, R> {
  /** A handler of one operation: blocking or with a stage, never both. */
  record Handler<K, R>(@Nullable ChangeHandler<K, R> blocking, @Nullable AsyncChangeHandler<K, R> async) {}

  final MutationEngine mutations;
  final QueryOptions<List<R>> source;
  final Function<? super R, ? extends K> keyOf;
  /** Starts observing the query for as long as the collection lives: the client's observe. */
  final Function<QueryOptions<List<R>>, AutoCloseable> observe;
  @Nullable String name;
  @Nullable String errorMessage;
  @Nullable Handler<K, R> onInsert;
  @Nullable Handler<K, R> onUpdate;
  @Nullable Handler<K, R> onDelete;
  /** Whether its inserts' keys must be row ids minted by the client. */
  boolean mintedIds;
  /** How to copy a row that is a mutable bean, or null. */
  @Nullable UnaryOperator<R> copier;

  /**
   * A draft of a collection of {@code source}'s rows, keyed by {@code keyOf}, whose query
   * {@code observe} keeps observed.
   */
  public CollectionDraft(
      MutationEngine mutations, QueryOptions<List<R>> source, Function<? super R, ? extends K> keyOf,
      Function<QueryOptions<List<R>>, AutoCloseable> observe) {
    this.mutations = mutations;
    this.source = Objects.requireNonNull(source, "source == null");
    this.keyOf = Objects.requireNonNull(keyOf, "keyOf == null");
    this.observe = observe;
  }

  @Override
  public CollectionBuilder<K, R> name(String name) {
    this.name = TransactionPersister.requireText(name, "name");
    return this;
  }

  @Override
  public CollectionBuilder<K, R> errorMessage(String message) {
    this.errorMessage = TransactionPersister.requireText(message, "message");
    return this;
  }

  @Override
  public CollectionBuilder<K, R> onInsert(ChangeHandler<K, R> handler) {
    onInsert = handler(onInsert, "onInsert", new Handler<>(Objects.requireNonNull(handler, "handler == null"), null));
    return this;
  }

  @Override
  public CollectionBuilder<K, R> onInsertAsync(AsyncChangeHandler<K, R> handler) {
    onInsert = handler(onInsert, "onInsert", new Handler<>(null, Objects.requireNonNull(handler, "handler == null")));
    return this;
  }

  @Override
  public CollectionBuilder<K, R> onUpdate(ChangeHandler<K, R> handler) {
    onUpdate = handler(onUpdate, "onUpdate", new Handler<>(Objects.requireNonNull(handler, "handler == null"), null));
    return this;
  }

  @Override
  public CollectionBuilder<K, R> onUpdateAsync(AsyncChangeHandler<K, R> handler) {
    onUpdate = handler(onUpdate, "onUpdate", new Handler<>(null, Objects.requireNonNull(handler, "handler == null")));
    return this;
  }

  @Override
  public CollectionBuilder<K, R> onDelete(ChangeHandler<K, R> handler) {
    onDelete = handler(onDelete, "onDelete", new Handler<>(Objects.requireNonNull(handler, "handler == null"), null));
    return this;
  }

  @Override
  public CollectionBuilder<K, R> onDeleteAsync(AsyncChangeHandler<K, R> handler) {
    onDelete = handler(onDelete, "onDelete", new Handler<>(null, Objects.requireNonNull(handler, "handler == null")));
    return this;
  }

  @Override
  public CollectionBuilder<K, R> mintedIds() {
    mintedIds = true;
    return this;
  }

  @Override
  public CollectionBuilder<K, R> copier(UnaryOperator<R> copier) {
    Objects.requireNonNull(copier, "copier == null");
    if (this.copier != null) {
      throw new IllegalStateException("the collection has a copier already: give it one");
    }
    this.copier = copier;
    return this;
  }

  @Override
  public QueryCollection<K, R> build() {
    mutations.runtime.checkOpen();
    return new CollectionCore<>(this);
  }

  private static <K, R> Handler<K, R> handler(@Nullable Handler<K, R> existing, String which, Handler<K, R> next) {
    if (existing != null) {
      throw new IllegalStateException("the collection has an " + which + " handler already: give it one");
    }
    return next;
  }
}
