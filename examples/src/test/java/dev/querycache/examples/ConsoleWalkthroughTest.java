package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleWalkthroughTest {
  private DemoServer server;

  @BeforeEach
  void start() throws Exception {
    server = DemoServer.builder().build().start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private String runWalkthrough() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new ConsoleWalkthrough(server, out).run();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsToTheEndPrintingEveryKindOfTransition() throws Exception {
    String output = runWalkthrough();

    assertThat(output)
        .contains("loaded", "optimistic", "confirmed", "rolled back", "refetched")
        .contains("[toast]          error        Failed to mark as read: Simulated failure")
        .contains("Failed to pause the check", "Failed to move to trash")
        .contains("undo offer   Archived [Undo] (for 60 s)")
        .contains("confirmed    undo mut-1 (archive m3)")
        .endsWith("Done." + System.lineSeparator());
  }

  @Test
  void leavesTheServerAsTheUndoAndTheRefusalsLeftIt() throws Exception {
    runWalkthrough();

    DemoApi api = new DemoApi(server.baseUri());
    assertThat(api.getNotifications(NotificationsQuery.firstPage()).unreadCount()).isEqualTo(6);
    assertThat(api.counts()).isEqualTo(new MailCounts(12, 0, 7, 1));
    assertThat(server.isRunning()).isTrue();
  }
}
