package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Round trips through the client and a real server. */
class DemoApiTest {
  private DemoServer server;
  private DemoApi api;

  @BeforeEach
  void start() throws IOException {
    server = DemoServer.builder().build().start();
    api = new DemoApi(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void getNotificationsReadsAPage() throws IOException {
    NotificationsPage page = api.getNotifications(new NotificationsQuery(3, 0, true));

    assertThat(page.notifications()).extracting(Notification::id).containsExactly("n1", "n2", "n3");
    assertThat(page.unreadCount()).isEqualTo(7);
    assertThat(page.total()).isEqualTo(7);
  }

  @Test
  void markAsReadAnswersTheReadNotification() throws IOException {
    Notification read = api.markAsRead("n1");

    assertThat(read.isRead()).isTrue();
    assertThat(api.getNotifications(NotificationsQuery.firstPage()).unreadCount()).isEqualTo(6);
  }

  @Test
  void setPausedPausesAndResumes() throws IOException {
    assertThat(api.setPaused(ConfigToggle.pause("c1")).paused()).isTrue();
    assertThat(api.setPaused(ConfigToggle.resume("c1")).paused()).isFalse();
    assertThat(api.getConfigurations()).extracting(HealthCheckConfig::paused)
        .containsExactly(false, false, false, false, true);
  }

  @Test
  void performAndUndoRoundTripAnAction() throws IOException {
    MailResult result = api.perform(new MailAction.Snooze("m2", Instant.now().plus(Duration.ofHours(2))));

    assertThat(result.undoId()).isPresent();
    assertThat(api.envelopes(MailView.INBOX).envelopes()).extracting(Envelope::id).doesNotContain("m2");
    assertThat(api.counts().snoozed()).isEqualTo(1);

    Envelope restored = api.undo(result.undoId().orElseThrow());

    assertThat(restored.snoozedUntil()).isNull();
    assertThat(api.envelopes(MailView.INBOX).envelopes()).extracting(Envelope::id).contains("m2");
  }

  @Test
  void aServerErrorIsADemoApiExceptionWithTheServersMessage() {
    server.settings().setFailureRate(1.0);

    assertThatThrownBy(() -> api.getConfigurations())
        .isInstanceOfSatisfying(DemoApiException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessage("Simulated failure (failure rate 1.00)");
  }

  @Test
  void anUnknownIdIsADemoApiExceptionWith404() {
    assertThatThrownBy(() -> api.undo("mut-404"))
        .isInstanceOfSatisfying(DemoApiException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("mut-404");
  }

  @Test
  void updateSettingsChangesTheServer() throws IOException {
    AdminSettings now = api.updateSettings(AdminSettings.ofFailureRate(0.25));

    assertThat(now).isEqualTo(new AdminSettings(0L, 0.25, 0));
    assertThat(server.settings().failureRate()).isEqualTo(0.25);
    assertThat(api.settings()).isEqualTo(now);
  }

  @Test
  void aStoppedServerIsAnIOException() {
    URI base = server.baseUri();
    server.stop();

    assertThatThrownBy(() -> new DemoApi(base).counts())
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(DemoApiException.class);
  }

  @Test
  void aRelativeBaseUriIsRefused() {
    assertThatThrownBy(() -> new DemoApi(URI.create("/api")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUri must be absolute");
  }

  @Test
  void theEnvelopeListsArriveAsDomainValues() throws IOException {
    EnvelopeList starred = api.envelopes(MailView.STARRED);

    assertThat(starred.view()).isEqualTo(MailView.STARRED);
    assertThat(starred.envelopes()).allMatch(Envelope::starred);
    assertThat(starred.envelopes()).extracting(Envelope::labels).allMatch(labels -> !labels.isEmpty());
    assertThat(starred.envelopes()).extracting(Envelope::folder)
        .containsOnly(MailFolder.INBOX, MailFolder.ARCHIVE);
    assertThat(List.copyOf(starred.envelopes())).isSortedAccordingTo(
        (a, b) -> b.receivedAt().compareTo(a.receivedAt()));
  }
}
