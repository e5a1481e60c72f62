package dev.querycache.collection;

import java.util.List;

/**
 * Persists the inserts, the updates or the deletes of a transaction on one collection,
 * blocking until the server has them: a collection's {@code onInsert}, {@code onUpdate} or
 * {@code onDelete}. It runs on the client's fetch executor, never on the UI thread.
 *
 * <p>Returning is success: the rows keep the changes until server data that includes them
 * lands (the refetch the collection starts, or rows the handler writes back with
 * {@link QueryCollection#writeRows}), so the handler need not wait for a refetch. Throwing is
 * failure: the transaction's changes leave the rows, and the error toast shows.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows
 * @since 0.1.0
 */
@FunctionalInterface
public interface ChangeHandler<K, R> {
  /**
   * Sends {@code changes} to the server and waits for its answer.
   *
   * @param changes the transaction's changes of this type on this collection, in order; never empty, not modifiable
   * @throws Exception if the server refused them or could not be reached
   */
  void persist(List<PendingChange<K, R>> changes) throws Exception;
}
