package dev.querycache.collection;

/**
 * Writes that show at once and are sent at the pace of a {@link Pacing}, from
 * {@code QueryClient.pacedWrites(...)}: TanStack DB's {@code createPacedMutations}. Each call
 * writes through a transaction's handle; with a debounce or a throttle it joins the transaction
 * that waits to be sent, if there is one, so a burst of calls is one transaction whose changes
 * merge row by row, sent once. One transaction of the paced writes persists at a time.
 *
 * <pre>{@code
 * PacedWrites<TitleEdit> editTitle = client.pacedWrites(Pacing.debounce(Duration.ofMillis(500)),
 *         (TitleEdit edit, TransactionWrites write) -> write.update(tasks, edit.id(), t -> t.withTitle(edit.title())))
 *     .persist((edit, tx) -> api.saveTitles(tx.changes()))
 *     .build();
 * // on each keystroke: shown at once, sent 500 ms after the last one
 * editTitle.apply(new TitleEdit(task.id(), titleField.getText()));
 * }</pre>
 *
 * <p>The transactions are paced: {@link Transaction#commit()} on one of them is refused (the
 * pacing commits them; {@link #flush()} sends the waiting one now), while
 * {@link Transaction#rollback()} works as on any other. Thread-safe; the library implements it.
 *
 * @param <V> the type of the calls' variables
 * @since 0.1.0
 */
public interface PacedWrites<V> {
  /**
   * Shows the writes for {@code variables} at once, in the transaction waiting to be sent (a
   * debounce or a throttle) or in a new one, which the pacing sends. What the writes throw (a
   * refused write included) propagates, and nothing of this call is applied. Any thread.
   *
   * @param variables the call's variables
   * @return the transaction the call joined or began; failed with a
   *     {@link CallDroppedException} if the pacing's edges dropped the call
   * @throws NullPointerException if {@code variables} is null
   * @throws IllegalStateException if the call began a transaction and wrote nothing, or the
   *     client is closed
   */
  Transaction apply(V variables);

  /**
   * Sends the waiting transactions as soon as the one persisting (if any) settles, without
   * waiting for the pacing: before a window closes, say. Any thread.
   */
  void flush();
}
