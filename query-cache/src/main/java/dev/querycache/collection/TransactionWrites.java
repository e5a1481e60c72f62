package dev.querycache.collection;

import dev.querycache.QueryKey;
import java.util.function.UnaryOperator;

/**
 * The writes of one {@link Transaction#mutate} call: rows of any collection of the client, and
 * the data of plain queries. Each is shown at once and becomes part of the transaction; the
 * writes to one row merge into one change (an insert then an update is an insert of the updated
 * row; an insert then a delete is nothing; updates merge; an update then a delete is a
 * delete; a delete then an insert is an update, or nothing if the row is the same). A write
 * checks its arguments first and refuses, with the collection's exceptions, before anything
 * shows; then the whole {@code mutate} call is undone.
 *
 * <p>The handle is valid inside the {@code mutate} call only, on its thread: it is passed
 * explicitly, never found in a thread-local, so code that runs later (another thread, a
 * callback) cannot write into the transaction by mistake. The library implements it.
 *
 * @since 0.1.0
 */
public interface TransactionWrites {
  /**
   * Inserts {@code row} into {@code collection}.
   *
   * @param collection the collection, of this client
   * @param row the new row
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @throws NullPointerException if an argument or the row's key is null
   * @throws DuplicateKeyException if the collection shows a row with its key
   * @throws IllegalArgumentException if the collection is of another client
   * @throws IllegalStateException if called after the {@code mutate} call returned
   */
  <K, R> void insert(QueryCollection<K, R> collection, R row);

  /**
   * Updates the row of {@code key} in {@code collection} with {@code change}, a pure function
   * of the row (see {@link QueryCollection#update(Object, UnaryOperator)}).
   *
   * @param collection the collection, of this client
   * @param key the row's key
   * @param change a pure function from the row to the changed row, with the same key
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @throws NullPointerException if an argument is null, or {@code change} returns null
   * @throws UnknownKeyException if the collection shows no row for {@code key}
   * @throws KeyChangedException if {@code change} returns a row with another key
   * @throws IllegalArgumentException if the collection is of another client
   * @throws IllegalStateException if called after the {@code mutate} call returned
   */
  <K, R> void update(QueryCollection<K, R> collection, K key, UnaryOperator<R> change);

  /**
   * Deletes the row of {@code key} from {@code collection}.
   *
   * @param collection the collection, of this client
   * @param key the row's key
   * @param <K> the type of the keys
   * @param <R> the type of the rows
   * @throws NullPointerException if an argument is null
   * @throws UnknownKeyException if the collection shows no row for {@code key}
   * @throws IllegalArgumentException if the collection is of another client
   * @throws IllegalStateException if called after the {@code mutate} call returned
   */
  <K, R> void delete(QueryCollection<K, R> collection, K key);

  /**
   * Patches the data of the plain query {@code key} with {@code patch}, a pure function of the
   * data applied again over newer data while the transaction is pending, as an optimistic
   * mutation's patch is. A query without data is patched once its data lands.
   *
   * @param key the query's key
   * @param patch a pure function of the data
   * @param <T> the type of the data
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if called after the {@code mutate} call returned
   */
  <T> void updateQueryData(QueryKey<T> key, UnaryOperator<T> patch);
}
