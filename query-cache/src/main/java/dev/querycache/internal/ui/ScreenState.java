package dev.querycache.internal.ui;

import dev.querycache.QueryResult;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a query screen should show for a result, whatever the toolkit: the rule behind Swing's
 * {@code QueryStatePanel} and JavaFX's {@code QueryStatePane}, with the words they show.
 *
 * <ul>
 *   <li>data present: {@link #EMPTY} if the empty predicate holds for it, else
 *       {@link #CONTENT}, also while a refetch runs and after a refetch failed (data already
 *       shown is more use than an error page);
 *   <li>no data, the last fetch failed and none runs: {@link #ERROR};
 *   <li>no data otherwise (also while a retry runs): {@link #LOADING}.
 * </ul>
 */
public enum ScreenState {
  /** No data yet: a spinner. */
  LOADING,
  /** No data, the last fetch failed and none runs: the error and a "Retry" button. */
  ERROR,
  /** Data that the empty predicate calls empty: a message. */
  EMPTY,
  /** Data: the content. */
  CONTENT;

  /**
   * The state {@code result} calls for.
   *
   * @param result a result
   * @param isEmpty whether data counts as empty
   * @param <T> the type of the data
   * @return the state
   */
  public static <T> ScreenState of(QueryResult<T> result, Predicate<? super T> isEmpty) {
    T data = result.data();
    if (data != null) {
      return isEmpty.test(data) ? EMPTY : CONTENT;
    }
    return result.isError() && !result.isFetching() ? ERROR : LOADING;
  }

  /**
   * The words under the spinner.
   *
   * @param result a result in the loading state
   * @return "Waiting for the network…" while the fetch is paused, else "Loading…"
   */
  public static String loadingText(QueryResult<?> result) {
    return result.isPaused() ? "Waiting for the network\u2026" : "Loading\u2026";
  }

  /**
   * The words of the error view: the error's message, else its class's simple name.
   *
   * @param error the error, or null
   * @return the words; "Could not load the data" for no error
   */
  public static String errorText(@Nullable Throwable error) {
    if (error == null) {
      return "Could not load the data";
    }
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }
}
