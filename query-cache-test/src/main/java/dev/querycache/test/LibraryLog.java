package dev.querycache.test;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that keeps the library's log off the console while each test runs and
 * shows it only for a test that fails. A test that provokes failures on purpose (a listener
 * that throws, a refused write) otherwise prints a stack trace for each, and a green build
 * log fills with traces that a reader must learn to ignore.
 *
 * <p>The library logs through {@link System.Logger}, whose default backend is
 * java.util.logging; this extension captures what the loggers named {@code dev.querycache...}
 * say from the start of each test ({@code @BeforeEach} methods included) to its end, on every
 * thread, and stops it there. A failed test's capture is printed to standard error after it,
 * under a line naming the test. A test method may take a {@link CapturedLog} parameter to
 * assert on what was logged:
 *
 * <pre>{@code
 * @ExtendWith(LibraryLog.class)
 * class ListenerFaultsTest {
 *   @Test
 *   void aListenerThatThrowsIsReported(CapturedLog log) {
 *     ...
 *     assertThat(log.messages()).anyMatch(m -> m.contains("a query listener threw"));
 *   }
 * }
 * }</pre>
 *
 * <p>Register it on a class with {@code @ExtendWith(LibraryLog.class)}, or for every test of
 * a project at once: the kit declares it as a JUnit extension service (on the class path and
 * on the module path), so turning on JUnit's extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true} in
 * {@code src/test/resources/junit-platform.properties}) applies it to every test, as the
 * library's own suites do. Tests that run in parallel share the one logger: run them in the
 * same thread to keep each capture to its own test.
 *
 * @since 0.1.0
 */
public final class LibraryLog implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  /** The parent of the library's loggers. */
  static final String LIBRARY = "dev.querycache";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LibraryLog.class);
  private static final String CAPTURE = "capture";
  /** Held, so that java.util.logging cannot forget the settings made on it. */
  private static final Logger LOGGER = Logger.getLogger(LIBRARY);

  /** The extension, as JUnit makes it. */
  public LibraryLog() {}

  /** One test's capture: the log, the handler feeding it, and what to put back. */
  private static final class Capture {
    final CapturedLog log = new CapturedLog();
    final Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) {
          log.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    final boolean usedParentHandlers = LOGGER.getUseParentHandlers();
  }

  /**
   * Starts capturing the library's log for this test. Runs on the test's thread.
   *
   * @param context the test
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (context.getStore(NAMESPACE).get(CAPTURE) != null) {
      return; // registered twice (by annotation and by auto-detection): one capture
    }
    Capture capture = new Capture();
    capture.handler.setLevel(Level.ALL);
    LOGGER.addHandler(capture.handler);
    LOGGER.setUseParentHandlers(false);
    context.getStore(NAMESPACE).put(CAPTURE, capture);
  }

  /**
   * Stops capturing, and prints the capture if the test failed. Runs on the test's thread.
   *
   * @param context the test
   */
  @Override
  public void afterEach(ExtensionContext context) {
    Capture capture = context.getStore(NAMESPACE).remove(CAPTURE, Capture.class);
    if (capture == null) {
      return;
    }
    LOGGER.removeHandler(capture.handler);
    LOGGER.setUseParentHandlers(capture.usedParentHandlers);
    if (context.getExecutionException().isPresent() && !capture.log.isEmpty()) {
      System.err.println("---- what the library logged during " + context.getDisplayName() + " ----");
      System.err.print(capture.log.text());
    }
  }

  /**
   * Whether the parameter is the test's {@link CapturedLog}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test
   * @return true for a {@link CapturedLog} parameter
   */
  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == CapturedLog.class;
  }

  /**
   * The test's capture.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test
   * @return what the library logged so far in this test; it goes on filling until the test ends
   * @throws IllegalStateException if asked outside a test method (a constructor, {@code @BeforeAll})
   */
  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Capture capture = extensionContext.getStore(NAMESPACE).get(CAPTURE, Capture.class);
    if (capture == null) {
      throw new IllegalStateException("a CapturedLog exists only while a test runs: take it as a test method's parameter");
    }
    return capture.log;
  }
}
