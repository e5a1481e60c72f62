package dev.querycache.examples;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The console demo's line format: {@code [screen]        label        detail}, in columns. */
final class ConsoleLine {
  private ConsoleLine() {}

  static String of(String source, String label, String detail) {
    String line = String.format("%-16s %-12s %s", "[" + source + "]", label, detail);
    return line.stripTrailing();
  }

  /** The message of the failure behind the wrappers futures add. */
  static String messageOf(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
