package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The demo server's endpoints, over real HTTP on the loopback interface. */
class DemoServerTest {
  private static final Instant START = Instant.parse("2026-05-04T09:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final GatedSleeper sleeper = new GatedSleeper();
  private final List<DemoServer> servers = new ArrayList<>();
  private DemoServer server;
  private RawHttp http;

  @BeforeEach
  void start() throws Exception {
    server = started(DemoServer.builder().clock(clock).sleeper(sleeper).random(new SplittableRandom(7)));
    http = new RawHttp(server.baseUri());
  }

  @AfterEach
  void stop() {
    servers.forEach(DemoServer::stop);
  }

  private DemoServer started(DemoServer.Builder builder) throws Exception {
    DemoServer started = builder.build().start();
    servers.add(started);
    return started;
  }

  // ---- the server itself ---------------------------------------------------------------------

  @Test
  void listensOnTheLoopbackInterfaceOnAPickedPort() {
    InetSocketAddress address = server.address();

    assertThat(address.getAddress().isLoopbackAddress()).isTrue();
    assertThat(address.getPort()).isPositive();
    assertThat(server.baseUri().toString()).endsWith(":" + address.getPort() + "/");
  }

  @Test
  void startingARunningServerFails() {
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
  }

  @Test
  void aStoppedServerStartsAgainWithItsData() throws Exception {
    http.post("notification/markAsRead", "{\"notificationId\":\"n1\"}");
    server.stop();

    server.start();
    RawHttp again = new RawHttp(server.baseUri());

    assertThat(again.get("notification/getNotifications").json().get("unreadCount").asInt()).isEqualTo(6);
  }

  @Test
  void unknownPathsAnswer404WithAMessage() throws Exception {
    RawHttp.Answer answer = http.get("notification/nothingHere");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.message()).isEqualTo("No endpoint GET /notification/nothingHere");
  }

  @Test
  void aWrongMethodAnswers405NamingTheRightOne() throws Exception {
    RawHttp.Answer answer = http.get("notification/markAsRead");

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.message()).contains("use POST");
  }

  // ---- notifications -------------------------------------------------------------------------

  @Test
  void getNotificationsAnswersAPageWithTheUnreadCount() throws Exception {
    RawHttp.Answer answer = http.get("notification/getNotifications?limit=20&offset=0&unreadOnly=false");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode page = answer.json();
    assertThat(page.propertyNames()).containsExactlyInAnyOrder("notifications", "unreadCount", "total");
    assertThat(page.get("notifications").size()).isEqualTo(12);
    assertThat(page.get("unreadCount").asInt()).isEqualTo(7);
    assertThat(page.get("total").asInt()).isEqualTo(12);
    JsonNode first = page.get("notifications").get(0);
    assertThat(first.propertyNames()).containsExactlyInAnyOrder("id", "title", "body", "isRead", "createdAt");
    assertThat(first.get("id").asString()).isEqualTo("n1");
    assertThat(first.get("isRead").isBoolean()).isTrue();
    assertThat(Instant.parse(first.get("createdAt").asString())).isBefore(START);
  }

  @Test
  void notificationsArriveByThemselvesWhenTheServerIsToldTo() throws Exception {
    DemoServer arriving = started(DemoServer.builder().clock(clock).sleeper(sleeper)
        .notificationsArriveEvery(Duration.ofSeconds(20)));
    RawHttp api = new RawHttp(arriving.baseUri());
    assertThat(api.get("notification/getNotifications").json().get("total").asInt()).isEqualTo(12);

    clock.advance(Duration.ofSeconds(45));

    JsonNode page = api.get("notification/getNotifications").json();
    assertThat(page.get("total").asInt()).as("two arrived, 20 s apart").isEqualTo(14);
    assertThat(page.get("unreadCount").asInt()).isEqualTo(9);
    assertThat(page.get("notifications").get(0).get("id").asString()).as("the newest first").isEqualTo("n14");
    assertThat(Instant.parse(page.get("notifications").get(0).get("createdAt").asString()))
        .isEqualTo(START.plusSeconds(40));
  }

  @Test
  void withoutBeingToldNoNotificationArrives() throws Exception {
    clock.advance(Duration.ofHours(1));

    assertThat(http.get("notification/getNotifications").json().get("total").asInt()).isEqualTo(12);
  }

  @Test
  void getNotificationsPagesByLimitAndOffset() throws Exception {
    JsonNode page = http.get("notification/getNotifications?limit=5&offset=10").json();

    assertThat(page.get("notifications").size()).isEqualTo(2);
    assertThat(page.get("notifications").get(0).get("id").asString()).isEqualTo("n11");
    assertThat(page.get("total").asInt()).isEqualTo(12);
  }

  @Test
  void getNotificationsUnreadOnlyLeavesOutTheReadOnes() throws Exception {
    JsonNode page = http.get("notification/getNotifications?unreadOnly=true").json();

    assertThat(page.get("notifications").size()).isEqualTo(7);
    page.get("notifications").forEach(n -> assertThat(n.get("isRead").asBoolean()).isFalse());
  }

  @Test
  void getNotificationsRefusesABadLimitNamingIt() throws Exception {
    RawHttp.Answer zero = http.get("notification/getNotifications?limit=0");
    RawHttp.Answer word = http.get("notification/getNotifications?limit=many");

    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.message()).startsWith("limit must be between 1 and 100");
    assertThat(word.status()).isEqualTo(400);
    assertThat(word.message()).isEqualTo("Query parameter 'limit' must be a whole number: 'many'");
  }

  @Test
  void markAsReadPersists() throws Exception {
    RawHttp.Answer answer = http.post("notification/markAsRead", "{\"notificationId\":\"n2\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("isRead").asBoolean()).isTrue();
    JsonNode page = http.get("notification/getNotifications").json();
    assertThat(page.get("unreadCount").asInt()).isEqualTo(6);
    assertThat(page.get("notifications").get(1).get("isRead").asBoolean()).isTrue();
  }

  @Test
  void markAsReadOfAnUnknownIdAnswers404() throws Exception {
    RawHttp.Answer answer = http.post("notification/markAsRead", "{\"notificationId\":\"n99\"}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.message()).isEqualTo("No notification with id 'n99'");
  }

  @Test
  void markAsReadWithoutAnIdAnswers400NamingTheField() throws Exception {
    RawHttp.Answer answer = http.post("notification/markAsRead", "{}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo("'notificationId' is required");
  }

  @Test
  void malformedJsonAnswers400() throws Exception {
    RawHttp.Answer answer = http.post("notification/markAsRead", "{not json");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).startsWith("Malformed JSON body");
  }

  // ---- health checks -------------------------------------------------------------------------

  @Test
  void getConfigurationsListsFiveChecks() throws Exception {
    JsonNode configs = http.get("healthcheck/getConfigurations").json();

    assertThat(configs.isArray()).isTrue();
    assertThat(configs.size()).isEqualTo(5);
    assertThat(configs.get(0).propertyNames())
        .containsExactlyInAnyOrder("id", "name", "url", "intervalSeconds", "paused");
    assertThat(configs.get(4).get("paused").asBoolean()).isTrue();
  }

  @Test
  void pauseAndResumePersist() throws Exception {
    RawHttp.Answer paused = http.post("healthcheck/pauseConfiguration", "{\"configId\":\"c2\"}");
    RawHttp.Answer resumed = http.post("healthcheck/resumeConfiguration", "{\"configId\":\"c5\"}");

    assertThat(paused.json().get("paused").asBoolean()).isTrue();
    assertThat(resumed.json().get("paused").asBoolean()).isFalse();
    JsonNode configs = http.get("healthcheck/getConfigurations").json();
    assertThat(configs.get(1).get("paused").asBoolean()).isTrue();
    assertThat(configs.get(4).get("paused").asBoolean()).isFalse();
  }

  @Test
  void pausingAnUnknownConfigurationAnswers404() throws Exception {
    RawHttp.Answer answer = http.post("healthcheck/pauseConfiguration", "{\"configId\":\"c9\"}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.message()).isEqualTo("No health-check configuration with id 'c9'");
  }

  // ---- mail ----------------------------------------------------------------------------------

  @Test
  void envelopesOfEachViewHaveTheirShape() throws Exception {
    JsonNode inbox = http.get("mail/envelopes?view=inbox").json();
    JsonNode starred = http.get("mail/envelopes?view=starred").json();
    JsonNode archive = http.get("mail/envelopes?view=archive").json();

    assertThat(inbox.get("view").asString()).isEqualTo("inbox");
    assertThat(inbox.get("envelopes").size()).isEqualTo(12);
    assertThat(starred.get("envelopes").size()).isEqualTo(5);
    assertThat(archive.get("envelopes").size()).isEqualTo(7);
    assertThat(inbox.get("envelopes").get(0).propertyNames()).containsExactlyInAnyOrder(
        "id", "from", "subject", "snippet", "labels", "folder", "starred", "read", "snoozedUntil", "receivedAt");
    assertThat(inbox.get("envelopes").get(0).get("folder").asString()).isEqualTo("INBOX");
  }

  @Test
  void envelopesOfAnUnknownViewAnswers400ListingTheViews() throws Exception {
    RawHttp.Answer answer = http.get("mail/envelopes?view=spam");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo("unknown view 'spam': expected one of inbox, starred, archive");
  }

  @Test
  void envelopesPageByOffsetAndLimitInTheSameOrder() throws Exception {
    JsonNode all = http.get("mail/envelopes?view=inbox").json().get("envelopes");
    JsonNode second = http.get("mail/envelopes?view=inbox&offset=5&limit=5").json().get("envelopes");
    JsonNode last = http.get("mail/envelopes?view=inbox&offset=10&limit=5").json().get("envelopes");

    assertThat(second.size()).isEqualTo(5);
    assertThat(second.get(0).get("id").asString()).isEqualTo(all.get(5).get("id").asString());
    assertThat(last.size()).as("the end of the view: a short page").isEqualTo(2);
  }

  @Test
  void aNegativeOffsetOrAZeroLimitAnswers400() throws Exception {
    assertThat(http.get("mail/envelopes?view=inbox&offset=-1&limit=5").status()).isEqualTo(400);
    assertThat(http.get("mail/envelopes?view=inbox&offset=0&limit=0").status()).isEqualTo(400);
  }

  @Test
  void countsHaveOneNumberPerFolder() throws Exception {
    JsonNode counts = http.get("mail/counts").json();

    assertThat(counts.propertyNames()).containsExactlyInAnyOrder("inbox", "snoozed", "archive", "trash");
    assertThat(counts.get("inbox").asInt()).isEqualTo(12);
    assertThat(counts.get("archive").asInt()).isEqualTo(7);
    assertThat(counts.get("trash").asInt()).isEqualTo(1);
  }

  @Test
  void archiveAnswersAMutationIdAndMovesTheEnvelope() throws Exception {
    RawHttp.Answer answer = http.post("mail/action", "{\"type\":\"archive\",\"envelopeId\":\"m3\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("mutationId").asString()).isEqualTo("mut-1");
    assertThat(ids(http.get("mail/envelopes?view=inbox").json())).doesNotContain("m3");
    assertThat(ids(http.get("mail/envelopes?view=archive").json())).contains("m3");
  }

  @Test
  void undoRestoresTheEnvelope() throws Exception {
    String mutationId = http.post("mail/action", "{\"type\":\"trash\",\"envelopeId\":\"m3\"}")
        .json().get("mutationId").asString();

    RawHttp.Answer undone = http.post("mail/undo", "{\"mutationId\":\"" + mutationId + "\"}");

    assertThat(undone.status()).isEqualTo(200);
    assertThat(undone.json().get("folder").asString()).isEqualTo("INBOX");
    assertThat(ids(http.get("mail/envelopes?view=inbox").json())).contains("m3");
    assertThat(http.get("mail/counts").json().get("trash").asInt()).isEqualTo(1);
  }

  @Test
  void undoOfAUsedMutationIdAnswers404() throws Exception {
    http.post("mail/action", "{\"type\":\"archive\",\"envelopeId\":\"m3\"}");
    http.post("mail/undo", "{\"mutationId\":\"mut-1\"}");

    RawHttp.Answer again = http.post("mail/undo", "{\"mutationId\":\"mut-1\"}");

    assertThat(again.status()).isEqualTo(404);
    assertThat(again.message()).isEqualTo("Unknown mutation id 'mut-1' (never issued, or already undone)");
  }

  @Test
  void starAndMarkReadAreNotUndoable() throws Exception {
    JsonNode star = http.post("mail/action", "{\"type\":\"star\",\"envelopeId\":\"m2\",\"starred\":true}").json();
    JsonNode read = http.post("mail/action", "{\"type\":\"markRead\",\"envelopeId\":\"m2\",\"read\":true}").json();

    assertThat(star.get("mutationId").isNull()).isTrue();
    assertThat(read.get("mutationId").isNull()).isTrue();
    assertThat(ids(http.get("mail/envelopes?view=starred").json())).contains("m2");
  }

  @Test
  void snoozeHidesTheEnvelopeFromTheInboxUntilItsTime() throws Exception {
    String until = START.plus(Duration.ofHours(1)).toString();
    http.post("mail/action", "{\"type\":\"snooze\",\"envelopeId\":\"m4\",\"until\":\"" + until + "\"}");
    assertThat(ids(http.get("mail/envelopes?view=inbox").json())).doesNotContain("m4");
    assertThat(http.get("mail/counts").json().get("snoozed").asInt()).isEqualTo(1);

    clock.advance(Duration.ofHours(1));

    assertThat(ids(http.get("mail/envelopes?view=inbox").json())).contains("m4");
  }

  @Test
  void snoozeUntilAPastTimeAnswers400() throws Exception {
    String until = START.minus(Duration.ofMinutes(1)).toString();

    RawHttp.Answer answer = http.post("mail/action", "{\"type\":\"snooze\",\"envelopeId\":\"m4\",\"until\":\"" + until + "\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).contains("must be in the future");
  }

  @Test
  void anActionOfAnUnknownTypeAnswers400() throws Exception {
    RawHttp.Answer unknown = http.post("mail/action", "{\"type\":\"explode\",\"envelopeId\":\"m1\"}");
    RawHttp.Answer untyped = http.post("mail/action", "{\"envelopeId\":\"m1\"}");

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.message()).contains("explode");
    assertThat(untyped.status()).isEqualTo(400);
    assertThat(untyped.message()).contains("'type'");
  }

  @Test
  void anActionWithoutAnEnvelopeIdAnswers400NamingIt() throws Exception {
    RawHttp.Answer answer = http.post("mail/action", "{\"type\":\"archive\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo("Malformed JSON body: envelopeId is required");
  }

  // ---- latency and failures ------------------------------------------------------------------

  @Test
  void failureRateOneAnswers500WithAMessage() throws Exception {
    server.settings().setFailureRate(1.0);

    RawHttp.Answer answer = http.get("healthcheck/getConfigurations");

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.message()).isEqualTo("Simulated failure (failure rate 1.00)");
  }

  @Test
  void aFailedWriteChangesNothing() throws Exception {
    server.settings().setFailureRate(1.0);
    http.post("notification/markAsRead", "{\"notificationId\":\"n1\"}");
    server.settings().setFailureRate(0.0);

    assertThat(http.get("notification/getNotifications").json().get("unreadCount").asInt()).isEqualTo(7);
  }

  @Test
  void seededFailuresAreReproducible() throws Exception {
    DemoServer first = started(DemoServer.builder().failureRate(0.5).random(new SplittableRandom(42)));
    DemoServer second = started(DemoServer.builder().failureRate(0.5).random(new SplittableRandom(42)));

    List<Integer> firstStatuses = statuses(new RawHttp(first.baseUri()), 16);
    List<Integer> secondStatuses = statuses(new RawHttp(second.baseUri()), 16);

    assertThat(firstStatuses).isEqualTo(secondStatuses).contains(200, 500);
  }

  @Test
  void failNextRequestsFailsExactlyThatMany() throws Exception {
    server.settings().failNextRequests(2);

    assertThat(statuses(http, 3)).containsExactly(500, 500, 200);
  }

  @Test
  void latencyIsWaitedOutOnEveryRequestButTheAdminOnes() throws Exception {
    http.post("admin/settings", "{\"latencyMs\":120}");

    http.get("mail/counts");
    http.post("notification/markAsRead", "{\"notificationId\":\"n1\"}");
    http.get("admin/settings");

    assertThat(sleeper.requested).containsExactly(Duration.ofMillis(120), Duration.ofMillis(120));
  }

  @Test
  void adminSettingsChangeTheGivenFieldsOnly() throws Exception {
    RawHttp.Answer answer = http.post("admin/settings", "{\"latencyMs\":250,\"failureRate\":0.25}");
    http.post("admin/settings", "{\"failureRate\":0.5}");

    assertThat(answer.json().get("latencyMs").asLong()).isEqualTo(250);
    assertThat(server.settings().latencyMs()).isEqualTo(250);
    assertThat(server.settings().failureRate()).isEqualTo(0.5);
    assertThat(http.get("admin/settings").json().get("failureRate").asDouble()).isEqualTo(0.5);
  }

  @Test
  void adminSettingsAnswerEvenWhenEverythingElseFails() throws Exception {
    server.settings().setFailureRate(1.0);

    RawHttp.Answer answer = http.post("admin/settings", "{\"failureRate\":0.0}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(http.get("mail/counts").status()).isEqualTo(200);
  }

  @Test
  void adminSettingsRefuseOutOfRangeValuesAndChangeNothing() throws Exception {
    RawHttp.Answer answer = http.post("admin/settings", "{\"latencyMs\":100,\"failureRate\":2.0}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo("failureRate must be between 0.0 and 1.0: 2.0");
    assertThat(server.settings().latencyMs()).isZero();
  }

  private static List<Integer> statuses(RawHttp http, int count) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(http.get("mail/counts").status());
    }
    return out;
  }

  private static List<String> ids(JsonNode envelopeList) {
    List<String> out = new ArrayList<>();
    envelopeList.get("envelopes").forEach(e -> out.add(e.get("id").asString()));
    return out;
  }

  // ---- tasks -----------------------------------------------------------------------------------

  @Test
  void theTaskListStartsWithSixTasksInCreationOrder() throws Exception {
    RawHttp.Answer answer = http.get("tasks/list");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().size()).isEqualTo(6);
    assertThat(answer.json().get(0).propertyNames()).containsExactlyInAnyOrder("id", "title", "done");
  }

  @Test
  void creatingATaskWhoseIdExistsWithOtherContentIsAConflictAndTheSameContentIsFine() throws Exception {
    String same = "{\"tasks\":[{\"id\":\"k1\",\"title\":\"Write the release notes\",\"done\":false}]}";
    String other = "{\"tasks\":[{\"id\":\"k1\",\"title\":\"Something else\",\"done\":false}]}";

    assertThat(http.post("tasks/create", same).status()).isEqualTo(200);
    RawHttp.Answer conflict = http.post("tasks/create", other);

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.message()).isEqualTo("A different task with id 'k1' exists");
  }

  @Test
  void savingAnUnknownTaskIsNotFoundAndSavesNoneOfTheRequest() throws Exception {
    RawHttp.Answer answer = http.post("tasks/save", "{\"tasks\":["
        + "{\"id\":\"k1\",\"title\":\"Changed\",\"done\":true},"
        + "{\"id\":\"nope\",\"title\":\"Ghost\",\"done\":false}]}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.message()).isEqualTo("No task with id nope");
    assertThat(http.get("tasks/list").json().get(0).get("title").asString()).isEqualTo("Write the release notes");
  }

  @Test
  void aDeleteWithoutIdsOrATaskWithABlankTitleIsABadRequest() throws Exception {
    assertThat(http.post("tasks/delete", "{\"ids\":[]}").message()).isEqualTo("'ids' is required and must not be empty");
    RawHttp.Answer blank = http.post("tasks/create", "{\"tasks\":[{\"id\":\"x\",\"title\":\" \",\"done\":false}]}");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.message()).contains("the title of x is blank");
  }
}
