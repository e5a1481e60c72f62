package dev.querycache;

/**
 * A blocking query function: fetches the data of one key. It runs on the client's fetch
 * executor, never on the thread that asked for the data, so it may block on I/O.
 *
 * <p>It should return promptly once {@linkplain QueryContext#signal() cancelled} (the
 * running thread is also interrupted); a result it returns after cancellation is discarded.
 *
 * @param <T> the type of the data
 * @since 0.1.0
 */
@FunctionalInterface
public interface QueryFunction<T> {
  /**
   * Fetches the data.
   *
   * @param context the key being fetched and the cancellation signal
   * @return the data; never {@code null} (a null result fails the fetch)
   * @throws Exception any failure; the client retries according to its {@link RetryPolicy}
   */
  T fetch(QueryContext<T> context) throws Exception;
}
