package dev.querycache;

import java.util.concurrent.CompletionStage;

/**
 * A non-blocking query function: starts fetching the data of one key and returns a stage
 * that completes with it. It is called on the thread that starts the fetch (or on the
 * scheduler's thread for a retry), so it must not block.
 *
 * <p>A stage that completes after the fetch was {@linkplain QueryContext#signal() cancelled}
 * is ignored; an implementation may listen to the signal to abort its request.
 *
 * @param <T> the type of the data
 * @since 0.1.0
 */
@FunctionalInterface
public interface AsyncQueryFunction<T> {
  /**
   * Starts fetching.
   *
   * @param context the key being fetched and the cancellation signal
   * @return a stage completing with the data (never {@code null}) or with the failure
   * @throws Exception a failure to start, treated like a failed stage
   */
  CompletionStage<T> fetch(QueryContext<T> context) throws Exception;
}
