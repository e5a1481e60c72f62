package dev.querycache.examples;

import dev.querycache.examples.javafx.FxDemoApp;
import dev.querycache.examples.swing.DemoApp;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Runs the demo: starts a {@link DemoServer} on the loopback interface and shows the three
 * scenarios against it: the Swing {@link DemoApp} when there is a display (the JavaFX
 * {@link FxDemoApp} with {@code --javafx}), until its window closes; without a display (or with {@code --console}) the {@link ConsoleWalkthrough}. The
 * server stops before it returns.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.args="--console --latency-ms 50"
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.args="--javafx"
 * </pre>
 *
 * <p>Flags: {@code --latency-ms N} (default 200), {@code --failure-rate F} (default 0.0),
 * {@code --port P} (default 0, any free port), {@code --javafx}, {@code --console}, {@code --help}. A bad flag
 * prints what is wrong with it and the usage, and exits with status 2.
 */
public final class Demo {
  /** How often a new notification reaches the demo's server by itself, for polling to show. */
  static final Duration NOTIFICATIONS_EVERY = Duration.ofSeconds(20);

  private Demo() {}

  /**
   * The entry point.
   *
   * @param args the flags
   * @throws Exception if the walkthrough fails (a step took longer than a minute, say) or the
   *     window cannot be shown
   */
  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err, GraphicsEnvironment.isHeadless());
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The whole program but the exit: 0 on success, 1 if the server cannot start, 2 for bad flags. */
  static int run(String[] args, PrintStream out, PrintStream err, boolean headless) throws Exception {
    DemoFlags flags;
    try {
      flags = DemoFlags.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(DemoFlags.USAGE);
      return 2;
    }
    if (flags.help()) {
      out.println(DemoFlags.USAGE);
      return 0;
    }
    DemoServer server = DemoServer.builder()
        .port(flags.port())
        .latency(Duration.ofMillis(flags.latencyMs()))
        .failureRate(flags.failureRate())
        .notificationsArriveEvery(NOTIFICATIONS_EVERY)
        .build();
    try {
      server.start();
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    try {
      out.println("Demo server listening on " + server.baseUri());
      if (!headless && !flags.console() && flags.javafx()) {
        FxDemoApp app = FxDemoApp.show(new DemoApi(server.baseUri()), flags.latencyMs(), flags.failureRate());
        app.awaitClose(); // the server stops when the window closes
        return 0;
      }
      if (!headless && !flags.console()) {
        DemoApp app = DemoApp.show(new DemoApi(server.baseUri()), flags.latencyMs(), flags.failureRate());
        app.awaitClose(); // the server stops when the window closes
        return 0;
      }
      new ConsoleWalkthrough(server, out).run();
      return 0;
    } finally {
      server.stop();
    }
  }
}
