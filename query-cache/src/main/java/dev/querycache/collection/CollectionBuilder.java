package dev.querycache.collection;

import java.util.function.UnaryOperator;

/**
 * Configures a {@link QueryCollection}, from {@code QueryClient.collection(source, keyOf)}:
 * its handlers, its name, its error message, and how to copy rows that are mutable beans. Not
 * thread-safe: build it on one thread. The library implements this interface.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 * @since 0.1.0
 */
public interface CollectionBuilder<K, R> {
  /**
   * The collection's name, in messages, the devtools and the error toast's details, such as
   * {@code "todos"}. Default: its query's key.
   *
   * @param name the name
   * @return this builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  CollectionBuilder<K, R> name(String name);

  /**
   * What the error toast says when a handler fails, such as {@code "Could not save the task"}.
   * Default: "The change could not be saved".
   *
   * @param message the message
   * @return this builder
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if {@code message} is blank
   */
  CollectionBuilder<K, R> errorMessage(String message);

  /**
   * Persists inserts, blocking, on the fetch executor. Without an insert handler, an insert
   * throws {@link MissingHandlerException}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the collection has an insert handler already
   */
  CollectionBuilder<K, R> onInsert(ChangeHandler<K, R> handler);

  /**
   * Persists inserts with a stage; see {@link #onInsert}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the collection has an insert handler already
   */
  CollectionBuilder<K, R> onInsertAsync(AsyncChangeHandler<K, R> handler);

  /**
   * Persists updates, blocking, on the fetch executor. Without an update handler, an update
   * throws {@link MissingHandlerException}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the collection has an update handler already
   */
  CollectionBuilder<K, R> onUpdate(ChangeHandler<K, R> handler);

  /**
   * Persists updates with a stage; see {@link #onUpdate}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the collection has an update handler already
   */
  CollectionBuilder<K, R> onUpdateAsync(AsyncChangeHandler<K, R> handler);

  /**
   * Persists deletes, blocking, on the fetch executor. Without a delete handler, a delete
   * throws {@link MissingHandlerException}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the collection has a delete handler already
   */
  CollectionBuilder<K, R> onDelete(ChangeHandler<K, R> handler);

  /**
   * Persists deletes with a stage; see {@link #onDelete}.
   *
   * @param handler the handler
   * @return this builder
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if the collection has a delete handler already
   */
  CollectionBuilder<K, R> onDeleteAsync(AsyncChangeHandler<K, R> handler);

  /**
   * Declares that the rows created through this collection are keyed by ids the client minted
   * ({@link RowIds}, {@link Gesture}), which the server keeps: an insert whose key is not a
   * well-formed row id is refused with a {@link MalformedRowIdException} before anything is
   * shown, whatever the transaction. Rows the server sends are not checked (it may have rows
   * keyed otherwise, made before). Any thread.
   *
   * @return this builder
   */
  CollectionBuilder<K, R> mintedIds();

  /**
   * How to copy a row, for rows that are mutable beans: a copy constructor, such as
   * {@code Task::new}. Each update's function then gets a fresh copy of the row, which it may
   * change in place with the setters and return; the row shown, and the row a rollback brings
   * back, stay as they were. The copier must return a new object equal in content to the one
   * it is given, and may not call the client. Records and other immutable rows need none.
   * Without a copier, an update of a row that is not a record that returns the very row it
   * was given is refused with a {@link RowChangedInPlaceException}.
   *
   * @param copier a function from a row to a new copy of it
   * @return this builder
   * @throws NullPointerException if {@code copier} is null
   * @throws IllegalStateException if the collection has a copier already
   */
  CollectionBuilder<K, R> copier(UnaryOperator<R> copier);

  /**
   * Builds the collection, which starts observing its query (fetching it if it has no fresh
   * data).
   *
   * @return the collection
   * @throws IllegalStateException if the client is closed
   */
  QueryCollection<K, R> build();
}
