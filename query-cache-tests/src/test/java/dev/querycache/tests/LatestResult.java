package dev.querycache.tests;

import dev.querycache.QueryResult;
import dev.querycache.QueryState;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An observer's listener that keeps the last result it was given and counts its calls: what a
 * screen would be showing now. Safe to read from any thread.
 */
final class LatestResult<T> implements Consumer<QueryResult<T>> {
  private final AtomicReference<@Nullable QueryResult<T>> last = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public void accept(QueryResult<T> result) {
    last.set(result);
    calls.incrementAndGet();
  }

  /** The last result delivered, or null if none yet. */
  @Nullable QueryResult<T> last() {
    return last.get();
  }

  /** The data of the last result, or null. */
  @Nullable T data() {
    QueryResult<T> result = last.get();
    return result == null ? null : result.data();
  }

  /** The state of the last result, or null if none yet. */
  @Nullable QueryState<T> state() {
    QueryResult<T> result = last.get();
    return result == null ? null : result.state();
  }

  int calls() {
    return calls.get();
  }
}
