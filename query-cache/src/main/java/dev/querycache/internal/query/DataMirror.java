package dev.querycache.internal.query;

/**
 * What keeps its own copy of one query's confirmed data as it lands: a keyed collection's
 * rows. It hears of every landing, whatever its source, inside the query's monitor, so that
 * no other landing or optimistic layer of the query slips between; it must only take locks of
 * its own (never the client's), call no application code, and defer what it tells others
 * (see {@code Notifier.later}).
 */
public interface DataMirror {
  /**
   * {@code data} landed as the query's confirmed data: from a fetch that started at the
   * client sequence {@code fetchSequence}, or written by hand ({@code fetchSequence} then
   * {@link Long#MAX_VALUE}, as it includes every write that succeeded before).
   *
   * @param data the data, as the server or the hand-written update gave it
   * @param fetchSequence when its fetch started, or {@link Long#MAX_VALUE}
   */
  void landed(Object data, long fetchSequence);

  /**
   * A fetch that started at the client sequence {@code fetchSequence} ended without data
   * (it failed, or was cancelled): what waited for it may settle now. Nothing by default.
   *
   * @param fetchSequence when the fetch started
   */
  default void fetchEndedWithoutData(long fetchSequence) {}
}
