/**
 * Keyed collections of rows over queries, and the transactions that write them: TanStack DB's
 * collections, for desktop screens.
 *
 * <h2>Collections</h2>
 * <ul>
 *   <li>{@link QueryCollection}, {@link CollectionBuilder}: the rows of a query by key, with
 *       writes that show at once and persist through handlers.
 *   <li>{@link ChangeHandler}, {@link AsyncChangeHandler}: what persists the changes.
 *   <li>{@link RowChange}: one row's change of what the collection shows, for tables.
 * </ul>
 *
 * <h2>Transactions</h2>
 * <ul>
 *   <li>{@link Transaction}, {@link TransactionState}: changes shown and persisted together.
 *   <li>{@link TransactionBuilder}, {@link TransactionWrites}, {@link TransactionHandler},
 *       {@link AsyncTransactionHandler}: a transaction across collections and queries, its
 *       writes, and what persists it.
 *   <li>{@link PendingChange}, {@link ChangeType}: one row's change in a transaction.
 *   <li>{@link OptimisticAction}, {@link OptimisticActionBuilder}, {@link ActionWrites},
 *       {@link ActionHandler}: a write called with variables, each call a transaction.
 * </ul>
 *
 * <h2>Paced writes</h2>
 * <ul>
 *   <li>{@link PacedWrites}, {@link PacedWritesBuilder}, {@link Pacing}: writes called with
 *       variables, shown at once and sent by a debounce, a throttle or a queue, one
 *       transaction at a time; {@link AsyncActionHandler} persists them with a stage.
 * </ul>
 *
 * <h2>New rows keyed by ids the client mints</h2>
 * <ul>
 *   <li>{@link Gesture}, {@link RowIds}: the id a new row is shown with at once and the server
 *       keeps, one per gesture, with the gesture's time; minting, checking and deriving ids.
 * </ul>
 *
 * <h2>Server push</h2>
 * <ul>
 *   <li>{@link RowPush}: a row the server pushed, at its revision, with the write key of the
 *       write that made it; {@link QueryCollection#applyPush(java.util.List)} lands a batch,
 *       dropping stale revisions and retiring the client's own writes by their
 *       {@linkplain Transaction#writeKey() write key}.
 *   <li>{@link RowIdConflictException}: what a handler throws when its server holds a new
 *       row's id for a different row.
 * </ul>
 *
 * <h2>Refusals</h2>
 * <ul>
 *   <li>{@link CollectionException}: a write refused before anything was applied, as
 *       {@link MissingHandlerException}, {@link DuplicateKeyException},
 *       {@link UnknownKeyException}, {@link KeyChangedException},
 *       {@link RowChangedInPlaceException} (a bean changed in place: give the collection a
 *       copier), {@link MalformedRowIdException} or {@link TransactionNotPendingException}.
 *   <li>{@link TransactionRolledBackException}, {@link DependentTransactionException},
 *       {@link CallDroppedException}: why a transaction failed without its handler failing: it
 *       was rolled back, it relied on one that failed, or its pacing dropped its call.
 * </ul>
 */
@NullMarked
package dev.querycache.collection;

import org.jspecify.annotations.NullMarked;
