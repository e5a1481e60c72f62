package dev.querycache.internal.ui;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Which row a toggle's write belongs to, for the key function of a sync mutation that writes
 * rows of a table: a row setter hands the variables it made for a row to the mutation through
 * {@link #write}, and the mutation's key function ({@link #channelOf}) finds the row again,
 * during that call (a sync mutation reads a call's key on the calling thread, once). So
 * clicks on one row coalesce, and rows do not wait for each other, whatever the variables
 * look like. Holds nothing between calls. Thread-safe.
 *
 * @param <V> the mutation's variables
 */
public final class RowChannels<V> {
  private final Map<Object, Object> rows = new IdentityHashMap<>();

  /**
   * Runs {@code call} (which starts the mutation with {@code variables}) with
   * {@code variables} known as a write of {@code row}.
   *
   * @param variables the variables the setter made, as passed to the mutation
   * @param row the row's key
   * @param call starts the mutation
   */
  public void write(V variables, Object row, Runnable call) {
    synchronized (rows) {
      rows.put(variables, row);
    }
    try {
      call.run();
    } finally {
      synchronized (rows) {
        rows.remove(variables);
      }
    }
  }

  /**
   * The channel of {@code variables}: the row whose write they are, or the variables
   * themselves for a call made some other way.
   *
   * @param variables a call's variables
   * @return the channel's key
   */
  public Object channelOf(V variables) {
    synchronized (rows) {
      Object row = rows.get(variables);
      return row != null ? row : variables;
    }
  }
}
