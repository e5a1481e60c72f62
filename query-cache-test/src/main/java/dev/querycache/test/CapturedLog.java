package dev.querycache.test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.jspecify.annotations.Nullable;

/**
 * What the library logged while one test ran, as {@link LibraryLog} captured it: for
 * asserting that a failure a test provokes on purpose was reported ("a query listener threw;
 * it was isolated"), without it reaching the console. Thread-safe: the library logs from any
 * thread.
 *
 * @since 0.1.0
 */
public final class CapturedLog {
  private static final Formatter FORMAT = new SimpleFormatter();

  private final List<LogRecord> records = new ArrayList<>(); // guarded by this

  CapturedLog() {}

  synchronized void add(LogRecord record) {
    records.add(record);
  }

  /**
   * Each record as {@code LEVEL: message}, in the order they were logged.
   *
   * @return the messages so far; a copy
   */
  public synchronized List<String> messages() {
    List<String> messages = new ArrayList<>(records.size());
    for (LogRecord record : records) {
      messages.add(record.getLevel().getName() + ": " + FORMAT.formatMessage(record));
    }
    return messages;
  }

  /**
   * The exceptions the records carry, in order (a record without one adds nothing).
   *
   * @return the exceptions so far; a copy
   */
  public synchronized List<Throwable> thrown() {
    List<Throwable> thrown = new ArrayList<>();
    for (LogRecord record : records) {
      Throwable cause = record.getThrown();
      if (cause != null) {
        thrown.add(cause);
      }
    }
    return thrown;
  }

  /**
   * Whether nothing was logged.
   *
   * @return true if no record was captured
   */
  public synchronized boolean isEmpty() {
    return records.isEmpty();
  }

  /**
   * Everything captured, as the console would have shown it: one line per record, then its
   * stack trace if it carries an exception.
   *
   * @return the text; empty if nothing was logged
   */
  public synchronized String text() {
    StringBuilder text = new StringBuilder();
    for (LogRecord record : records) {
      text.append(record.getLevel().getName()).append(": ").append(FORMAT.formatMessage(record))
          .append(" [").append(record.getLoggerName()).append("]\n");
      @Nullable Throwable thrown = record.getThrown();
      if (thrown != null) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        text.append(trace);
      }
    }
    return text.toString();
  }

  @Override
  public synchronized String toString() {
    return "CapturedLog" + messages();
  }
}
