package dev.querycache.swing;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A person's words for an error toast's second line: the failure's own message, with the
 * wrappers' class names taken off ({@code "java.io.IOException: 503"} reads {@code "503"}),
 * or nothing when the failure has no message of its own or says what the toast already
 * says. Never a class name: those stay in the toast's details.
 */
final class ToastWords {
  /** A leading {@code some.package.SomeException: } as wrappers' messages carry. */
  private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*|$)");
  private static final int MAX_UNWRAP = 8;

  private ToastWords() {}

  /** The words of {@code cause} for a toast whose message is {@code message}, or null for none. */
  static @Nullable String of(@Nullable Throwable cause, String message) {
    Throwable current = cause;
    for (int i = 0; i < MAX_UNWRAP && isWrapper(current); i++) {
      current = current.getCause();
    }
    if (current == null || current.getMessage() == null) {
      return null;
    }
    String words = current.getMessage().strip();
    while (CLASS_PREFIX.matcher(words).find()) {
      words = CLASS_PREFIX.matcher(words).replaceFirst("").strip();
    }
    if (words.isEmpty() || words.equalsIgnoreCase(message.strip())) {
      return null;
    }
    return words;
  }

  private static boolean isWrapper(@Nullable Throwable error) {
    return (error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null;
  }
}
