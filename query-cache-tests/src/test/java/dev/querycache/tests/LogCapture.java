package dev.querycache.tests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures, as formatted text, what some of the library's loggers say at WARNING and above
 * while it is open. The library logs through {@link System.Logger}, whose default backend is
 * java.util.logging; the module under test does not read java.logging, so {@link #open} adds
 * that edge before touching it (and nothing here subclasses a java.logging class, which would
 * fail when the class loads, before the edge exists).
 */
final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final List<Runnable> flushes = new ArrayList<>();
  private final List<Runnable> removals = new ArrayList<>();

  private LogCapture() {}

  /** The logger of what the application's callbacks threw (documented: queries-and-observers.md). */
  static final String CALLBACKS = "dev.querycache.Callbacks";
  /** The logger of the notify executor's failures. */
  static final String NOTIFIER = "dev.querycache.Notifier";

  /** Starts capturing the loggers named {@code loggers}. */
  static LogCapture open(String... loggers) {
    LogCapture.class.getModule()
        .addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    LogCapture capture = new LogCapture();
    for (String logger : loggers) {
      capture.attach(logger);
    }
    return capture;
  }

  private void attach(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    java.util.logging.StreamHandler handler =
        new java.util.logging.StreamHandler(bytes, new java.util.logging.SimpleFormatter());
    handler.setLevel(java.util.logging.Level.WARNING);
    logger.addHandler(handler);
    flushes.add(handler::flush);
    removals.add(() -> logger.removeHandler(handler));
  }

  /** Everything captured so far, stack traces included. */
  String text() {
    flushes.forEach(Runnable::run);
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    removals.forEach(Runnable::run);
  }
}
