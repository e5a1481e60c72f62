package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension that keeps the library's log off the console, run on small test classes
 * through the JUnit Platform's test kit (static and nested, so that Surefire does not run them
 * on their own). Each provokes a listener that throws, which the library reports with a stack
 * trace.
 */
class LibraryLogTest {
  static final List<CapturedLog> captured = new CopyOnWriteArrayList<>();

  static void provokeAReportedFailure() {
    VirtualTime time = new VirtualTime();
    try (QueryClient client = time.clientBuilder().build()) {
      QueryKey<String> key = QueryKey.of("motd");
      client.setQueryData(key, "hello");
      client.observe(QueryOptions.builder(key).fetcher(context -> "hi").staleTime(java.time.Duration.ofHours(1)).build(),
          result -> {
            throw new IllegalStateException("a listener's bug");
          });
    }
  }

  @ExtendWith(LibraryLog.class)
  static class Passing {
    @Test
    void provokes(CapturedLog log) {
      provokeAReportedFailure();
      captured.add(log);
    }
  }

  @ExtendWith(LibraryLog.class)
  static class Failing {
    @Test
    void provokesAndFails() {
      provokeAReportedFailure();
      throw new AssertionError("the test's own failure");
    }
  }

  private static String stderrOf(Class<?> testClass, Events[] events) {
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      events[0] = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    } finally {
      System.setErr(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aPassingTestPrintsNothingAndCanReadWhatWasLogged() {
    Events[] events = new Events[1];
    captured.clear();

    String stderr = stderrOf(Passing.class, events);

    assertThat(events[0].succeeded().count()).isEqualTo(1);
    assertThat(stderr).doesNotContain("a listener's bug");
    assertThat(captured).hasSize(1);
    assertThat(captured.get(0).messages()).anyMatch(message -> message.startsWith("WARNING: a query listener threw"));
    assertThat(captured.get(0).thrown()).extracting(Throwable::getMessage).contains("a listener's bug");
  }

  @Test
  void aFailedTestShowsWhatTheLibraryLoggedWithTheStackTraces() {
    Events[] events = new Events[1];

    String stderr = stderrOf(Failing.class, events);

    assertThat(events[0].failed().count()).isEqualTo(1);
    assertThat(stderr).contains("---- what the library logged during provokesAndFails() ----")
        .contains("a query listener threw")
        .contains("java.lang.IllegalStateException: a listener's bug")
        .contains("\tat ");
  }

  @Test
  void afterTheTestTheLogGoesToTheConsoleAgain() {
    java.util.logging.Logger library = java.util.logging.Logger.getLogger(LibraryLog.LIBRARY);
    boolean before = library.getUseParentHandlers();
    int handlers = library.getHandlers().length;

    stderrOf(Passing.class, new Events[1]);

    assertThat(library.getUseParentHandlers()).isEqualTo(before);
    assertThat(library.getHandlers()).hasSize(handlers);
  }
}
