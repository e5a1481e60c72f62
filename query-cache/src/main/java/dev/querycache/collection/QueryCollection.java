package dev.querycache.collection;

import dev.querycache.QueryKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The rows of a query whose data is a list, by key, with writes that show at once and persist
 * through the collection's handlers: TanStack DB's collection, for desktop screens.
 *
 * <pre>{@code
 * QueryCollection<String, Todo> todos = client.collection(todoList, Todo::id)
 *     .onUpdate(changes -> api.save(changes))
 *     .build();
 * todos.update("t1", todo -> todo.withDone(true)); // shown at once, then persisted
 * }</pre>
 *
 * <ul>
 *   <li><b>Rows.</b> What the query fetched (its confirmed rows), with the changes of the
 *       transactions still pending over them. A fetch or rows written back land on the
 *       confirmed rows at once, and the pending changes are shown over them again in the
 *       same step: nothing is held back, nothing flashes.
 *   <li><b>Writes.</b> {@code insert}, {@code update} and {@code delete} check their
 *       arguments first and throw a {@link CollectionException} before anything is shown if
 *       one is wrong; then they show the change, cancel the query's fetch in flight, and
 *       persist the change in a {@link Transaction} through the collection's handler. An
 *       update is a function of the row, applied again over newer data while it is pending;
 *       once it was sent, server data that lands gets the fields it changed, with the values
 *       it gave them (for a record, its components): the server's other fields stand, and
 *       an update that depends on the row, such as a toggle, is never applied twice over
 *       data that already holds it.
 *   <li><b>Settling.</b> A failed handler takes its transaction's changes out of the rows
 *       (another transaction's changes to the same rows stay) and shows the error toast; a
 *       successful one shows no toast. Either way the query is invalidated, and a successful
 *       change stays shown until data that includes it lands.
 * </ul>
 *
 * <p>Thread-safe: reads and writes from any thread (reads take no lock); listeners, toasts and
 * the transactions' futures run on the client's notify executor; blocking handlers on its
 * fetch executor. Observes its query (so it is fetched and kept) until closed. The library
 * implements this interface.
 *
 * @param <K> the type of the keys
 * @param <R> the type of the rows, immutable (records are best: an update's changed fields are
 *     its components that differ)
 * @since 0.1.0
 */
public interface QueryCollection<K, R> extends AutoCloseable {
  /**
   * The key of the query the rows come from.
   *
   * @return the query's key
   */
  QueryKey<List<R>> key();

  /**
   * The row shown for {@code key}, pending changes included. Any thread; no lock.
   *
   * @param key the row's key
   * @return the row, or empty if the collection shows none for the key
   * @throws NullPointerException if {@code key} is null
   */
  Optional<R> get(K key);

  /**
   * Whether the collection shows a row for {@code key}. Any thread; no lock.
   *
   * @param key the row's key
   * @return true if it does
   * @throws NullPointerException if {@code key} is null
   */
  boolean contains(K key);

  /**
   * The rows shown, pending changes included: the fetched rows in the server's order, then
   * rows inserted since. Any thread.
   *
   * @return an immutable list, made once per change of the rows
   */
  List<R> rows();

  /**
   * How many rows are shown. Any thread; no lock.
   *
   * @return the number of rows
   */
  int size();

  /**
   * Inserts {@code row}; see {@link #insert(List)}.
   *
   * @param row the new row
   * @return the transaction that persists it
   * @throws NullPointerException if {@code row} or its key is null
   * @throws MissingHandlerException if the collection has no insert handler
   * @throws DuplicateKeyException if the collection already shows a row with its key
   * @throws IllegalStateException if the client is closed
   */
  Transaction insert(R row);

  /**
   * Inserts {@code rows} in one transaction: shown at once, after the rows there are, then
   * persisted by the insert handler.
   *
   * @param rows the new rows
   * @return the transaction that persists them
   * @throws NullPointerException if {@code rows}, a row or a key is null
   * @throws IllegalArgumentException if {@code rows} is empty
   * @throws MissingHandlerException if the collection has no insert handler
   * @throws DuplicateKeyException if the collection already shows a row with one of their
   *     keys, or two of them have the same key
   * @throws IllegalStateException if the client is closed
   */
  Transaction insert(List<? extends R> rows);

  /**
   * Updates the row of {@code key}; see {@link #update(Collection, UnaryOperator)}.
   *
   * @param key the row's key
   * @param change a pure function from the row to the changed row, with the same key
   * @return the transaction that persists it
   * @throws NullPointerException if an argument is null, or {@code change} returns null
   * @throws MissingHandlerException if the collection has no update handler
   * @throws UnknownKeyException if the collection shows no row for {@code key}
   * @throws KeyChangedException if {@code change} returns a row with another key
   * @throws IllegalStateException if the client is closed
   */
  Transaction update(K key, UnaryOperator<R> change);

  /**
   * Updates the rows of {@code keys} in one transaction: {@code change} is applied to each
   * row now, shown at once, and persisted by the update handler. Until the transaction is
   * sent, newer data for a row (which cannot hold the change) gets {@code change} applied
   * again. Server data that lands once it was sent may hold the change already, and gets the
   * values {@code change} gave the fields it changed: for a record, the components that
   * differ between the row before and after, over the server's record (whose other
   * components stand). A row of another type, or a record this module may not read, has
   * {@code change} applied again in both cases, so for those an update should set values
   * ({@code withDone(true)}) rather than derive them from the row ({@code withDone(!done)}).
   * What {@code change} throws now propagates, and nothing is applied.
   *
   * @param keys the rows' keys; a key named twice is updated once
   * @param change a pure function from a row to the changed row, with the same key; it must
   *     not call the client
   * @return the transaction that persists them
   * @throws NullPointerException if an argument or a key is null, or {@code change} returns null
   * @throws IllegalArgumentException if {@code keys} is empty
   * @throws MissingHandlerException if the collection has no update handler
   * @throws UnknownKeyException if the collection shows no row for one of {@code keys}
   * @throws KeyChangedException if {@code change} returns a row with another key
   * @throws IllegalStateException if the client is closed
   */
  Transaction update(Collection<? extends K> keys, UnaryOperator<R> change);

  /**
   * Deletes the row of {@code key}; see {@link #delete(Collection)}.
   *
   * @param key the row's key
   * @return the transaction that persists it
   * @throws NullPointerException if {@code key} is null
   * @throws MissingHandlerException if the collection has no delete handler
   * @throws UnknownKeyException if the collection shows no row for {@code key}
   * @throws IllegalStateException if the client is closed
   */
  Transaction delete(K key);

  /**
   * Deletes the rows of {@code keys} in one transaction: gone from the rows at once, and
   * persisted by the delete handler.
   *
   * @param keys the rows' keys; a key named twice is deleted once
   * @return the transaction that persists it
   * @throws NullPointerException if {@code keys} or a key is null
   * @throws IllegalArgumentException if {@code keys} is empty
   * @throws MissingHandlerException if the collection has no delete handler
   * @throws UnknownKeyException if the collection shows no row for one of {@code keys}
   * @throws IllegalStateException if the client is closed
   */
  Transaction delete(Collection<? extends K> keys);

  /**
   * Server data for some rows, written by hand: a handler's answer, or a push. Each of
   * {@code upserts} becomes its key's confirmed row, and each of {@code deletes} has none; the
   * changes of transactions that completed leave those rows (the data includes them), and
   * the pending ones are applied over the new rows. Any thread, a handler's included.
   *
   * @param upserts rows the server has now
   * @param deletes keys of rows the server no longer has
   * @throws NullPointerException if an argument, a row or a key is null
   */
  void writeRows(Collection<? extends R> upserts, Collection<? extends K> deletes);

  /**
   * Rows the server pushed, landed in one step: each push at a revision newer than the last
   * one this collection saw for its row becomes the row's confirmed value (an upsert), or
   * takes it away (a deletion); an older or repeated one is dropped. The rest is as for
   * {@link #writeRows}, with these differences:
   *
   * <ul>
   *   <li><b>Echoes.</b> A push carrying the write key of a transaction (see
   *       {@link RowPush#upsert(Object, long, String)}) is that transaction's own change: its intent on the row
   *       leaves at once, even before the transaction's handler answered, so it is never
   *       applied twice; the answer then changes nothing. Other transactions' intents stay,
   *       applied over the pushed row.
   *   <li><b>Deletions are remembered.</b> A deleted row's revision is kept, so that a late
   *       push of an older version does not bring the row back; a newer one does.
   *   <li><b>Fetches do not undo pushes.</b> A fetch of the whole list that started before a
   *       push landed leaves that push's rows as they are when it lands: its list may predate
   *       them.
   * </ul>
   *
   * <p>A new row goes at the end; a ghost (a row the client inserted) that the push confirms
   * stays where it is, and a table sees one row change. Any thread.
   *
   * @param pushes the rows, in the order the server sent them
   * @throws NullPointerException if {@code pushes} or one of them is null, or a row's key is
   *     null; then nothing changed
   */
  void applyPush(List<? extends RowPush<K, R>> pushes);

  /**
   * One row the server pushed: {@link #applyPush(List)} with one push.
   *
   * @param push the row
   * @throws NullPointerException if {@code push} is null, or its row's key is
   */
  void applyPush(RowPush<K, R> push);

  /**
   * Calls {@code listener} on the notify executor with the rows whose shown value changed, in
   * the order they changed, once per change of the collection (a write, a fetch landing, a
   * rollback): a table updates only those rows. What it throws is logged.
   *
   * @param listener what to call
   * @return closing it stops the calls
   * @throws NullPointerException if {@code listener} is null
   */
  AutoCloseable onChange(Consumer<? super List<RowChange<K, R>>> listener);

  /**
   * Stops observing the query and calling the listeners. Pending transactions go on. Any
   * thread; closing twice does nothing.
   */
  @Override
  void close();
}
