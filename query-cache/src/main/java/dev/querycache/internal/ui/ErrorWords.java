package dev.querycache.internal.ui;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the UI modules say about an error, whatever the toolkit: a person's words for a toast's
 * second line ({@link #reason}), and the technical text behind a "Details" button
 * ({@link #details}).
 */
public final class ErrorWords {
  /** A leading {@code some.package.SomeException: } as wrappers' messages carry. */
  private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*|$)");
  private static final int MAX_UNWRAP = 8;
  private static final int MAX_CAUSES = 8;

  private ErrorWords() {}

  /**
   * The failure's own message, with the wrappers' class names taken off
   * ({@code "java.io.IOException: 503"} reads {@code "503"}), or null when the failure has no
   * message of its own or says what the toast already says. Never a class name: those stay in
   * the details.
   *
   * @param cause the failure, or null
   * @param message what the toast says
   * @return the words, or null for none
   */
  public static @Nullable String reason(@Nullable Throwable cause, String message) {
    Throwable current = cause;
    for (int i = 0; i < MAX_UNWRAP && current != null && isWrapper(current); i++) {
      current = current.getCause();
    }
    String own = current == null ? null : current.getMessage();
    if (own == null) {
      return null;
    }
    String words = own.strip();
    while (CLASS_PREFIX.matcher(words).find()) {
      words = CLASS_PREFIX.matcher(words).replaceFirst("").strip();
    }
    if (words.isEmpty() || words.equalsIgnoreCase(message.strip())) {
      return null;
    }
    return words;
  }

  /**
   * The class and message of the cause and of each of its causes, one a line.
   *
   * @param cause the error, or null
   * @return the text; {@code "No further details."} for no cause
   */
  public static String details(@Nullable Throwable cause) {
    if (cause == null) {
      return "No further details.";
    }
    StringBuilder out = new StringBuilder();
    Throwable current = cause;
    for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
      if (depth > 0) {
        out.append("\nCaused by: ");
      }
      out.append(current.getClass().getName());
      String text = current.getMessage();
      if (text != null && !text.isBlank()) {
        out.append(": ").append(text);
      }
      Throwable next = current.getCause();
      current = next == current ? null : next;
    }
    return out.toString();
  }

  private static boolean isWrapper(Throwable error) {
    return (error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null;
  }
}
