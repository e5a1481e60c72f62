package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.CachedQuery;
import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryObserver;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.QueryClient;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.UndoOffer;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.Transaction;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.Toast;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The screens' queries and mutations against a real server, with a real query client. */
class DemoQueriesTest {
  private final GatedSleeper sleeper = new GatedSleeper();
  private final RecordingToaster toaster = new RecordingToaster();
  private final List<AutoCloseable> screens = new ArrayList<>();
  private DemoServer server;
  private DemoApi api;
  private QueryClient client;
  private DemoQueries queries;

  @BeforeEach
  void start() throws IOException {
    server = DemoServer.builder().sleeper(sleeper).build().start();
    api = new DemoApi(server.baseUri());
    client = QueryClient.builder()
        .toaster(toaster)
        .defaults(QuerySettings.builder().retry(0).build()) // a failed refetch fails at once
        .build();
    queries = new DemoQueries(client, api);
  }

  @AfterEach
  void stop() throws Exception {
    sleeper.open();
    for (AutoCloseable screen : screens) {
      screen.close();
    }
    client.close();
    server.stop();
  }

  /** Shows the query on a screen (so settle invalidations refetch it) and waits for its data. */
  private <T> T show(QueryOptions<T> options) throws Exception {
    screens.add(client.observe(options, result -> {}));
    return client.fetchQuery(options).get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  // ---- keys ----------------------------------------------------------------------------------

  @Test
  void notificationsKeyHasTheOrpcShape() {
    assertThat(queries.notificationsKey(NotificationsQuery.firstPage()).toString()).isEqualTo(
        "[[\"notification\",\"getNotifications\"],{\"input\":{\"limit\":20,\"offset\":0,\"unreadOnly\":false},\"type\":\"query\"}]");
  }

  @Test
  void envelopeViewsSelectEveryEnvelopeListButNotTheCounts() throws Exception {
    show(queries.envelopes(MailView.INBOX).queryOptions());
    show(queries.envelopes(MailView.ARCHIVE).queryOptions());
    show(queries.counts());

    List<Object> selected = client.getQueries(queries.envelopeViews()).stream()
        .<Object>map(CachedQuery::key).toList();
    assertThat(selected)
        .containsExactlyInAnyOrder(queries.envelopesKey(MailView.INBOX), queries.envelopesKey(MailView.ARCHIVE));
  }

  // ---- notifications -------------------------------------------------------------------------

  @Test
  void markAsReadShowsTheRowReadBeforeTheServerAnswers() throws Exception {
    QueryOptions<NotificationsPage> page = queries.notifications(NotificationsQuery.firstPage());
    show(page);
    server.settings().setLatencyMs(1);
    sleeper.close();

    CompletableFuture<Notification> done = queries.markAsRead().mutate("n1");

    NotificationsPage shown = client.getQueryData(page.key()).orElseThrow();
    assertThat(shown.notifications().get(0).isRead()).isTrue();
    assertThat(shown.unreadCount()).isEqualTo(6);
    sleeper.open();
    assertThat(await(done).isRead()).isTrue();
  }

  @Test
  void markAsReadAcceptedByTheServerStaysReadWithoutAToast() throws Exception {
    QueryOptions<NotificationsPage> page = queries.notifications(NotificationsQuery.firstPage());
    show(page);

    await(queries.markAsRead().mutate("n1"));

    NotificationsPage shown = client.getQueryData(page.key()).orElseThrow();
    assertThat(shown.notifications().get(0).isRead()).isTrue();
    assertThat(client.getQueryState(page.key()).orElseThrow().optimisticLayers()).isZero();
    assertThat(api.getNotifications(NotificationsQuery.firstPage()).unreadCount()).isEqualTo(6);
    toaster.assertNoToasts();
  }

  @Test
  void markAsReadRefusedByTheServerRollsBackAndToasts() throws Exception {
    QueryOptions<NotificationsPage> page = queries.notifications(NotificationsQuery.firstPage());
    NotificationsPage before = show(page);
    server.settings().setFailureRate(1.0);

    CompletableFuture<Notification> done = queries.markAsRead().mutate("n1");

    assertThatThrownBy(() -> await(done)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(DemoApiException.class);
    assertThat(client.getQueryData(page.key())).contains(before);
    assertThat(toaster.errors()).singleElement().satisfies(toast -> {
      assertThat(toast.message()).isEqualTo("Failed to mark as read");
      assertThat(toast.requireCause()).hasMessage("Simulated failure (failure rate 1.00)");
    });
    server.settings().setFailureRate(0.0);
    assertThat(api.getNotifications(NotificationsQuery.firstPage()).unreadCount()).isEqualTo(7);
  }

  // ---- health checks -------------------------------------------------------------------------

  @Test
  void pauseFlipsTheRowAndPersists() throws Exception {
    QueryOptions<List<HealthCheckConfig>> configs = queries.configurations();
    show(configs);

    await(queries.pauseOrResume().mutate(ConfigToggle.pause("c2")));

    assertThat(client.getQueryData(configs.key()).orElseThrow().get(1).paused()).isTrue();
    assertThat(api.getConfigurations().get(1).paused()).isTrue();
  }

  @Test
  void aRefusedResumeFlipsBackAndSaysSo() throws Exception {
    QueryOptions<List<HealthCheckConfig>> configs = queries.configurations();
    show(configs);
    server.settings().failNextRequests(1);

    assertThatThrownBy(() -> await(queries.pauseOrResume().mutate(ConfigToggle.resume("c5"))))
        .isInstanceOf(ExecutionException.class);

    assertThat(client.getQueryData(configs.key()).orElseThrow().get(4).paused()).isTrue();
    assertThat(toaster.errors()).extracting(Toast::message)
        .containsExactly("Failed to resume the check");
  }

  @Test
  void quickTogglesOfSeveralRowsAllShowAtOnce() throws Exception {
    QueryOptions<List<HealthCheckConfig>> configs = queries.configurations();
    show(configs);
    Mutation<ConfigToggle, HealthCheckConfig, Void> pauseOrResume = queries.pauseOrResume();
    server.settings().setLatencyMs(1);
    sleeper.close();

    CompletableFuture<HealthCheckConfig> first = pauseOrResume.mutate(ConfigToggle.pause("c1"));
    CompletableFuture<HealthCheckConfig> second = pauseOrResume.mutate(ConfigToggle.pause("c2"));

    assertThat(client.getQueryData(configs.key()).orElseThrow()).extracting(HealthCheckConfig::paused)
        .containsExactly(true, true, false, false, true);
    sleeper.open();
    await(first);
    await(second);
    assertThat(api.getConfigurations()).extracting(HealthCheckConfig::paused)
        .containsExactly(true, true, false, false, true);
  }

  // ---- mail ----------------------------------------------------------------------------------

  @Test
  void theInboxLoadsFiveEnvelopesAPageAndTheRestOnDemand() throws Exception {
    InfiniteQueryObserver<EnvelopeList, Integer> inbox = client.observeInfinite(queries.envelopes(MailView.INBOX), r -> {});
    screens.add(inbox);
    InfiniteData<EnvelopeList, Integer> first = await(client.fetchQuery(queries.envelopes(MailView.INBOX).queryOptions()));
    assertThat(first.pages()).singleElement().satisfies(page -> assertThat(page.envelopes()).hasSize(DemoQueries.PAGE_SIZE));

    InfiniteData<EnvelopeList, Integer> all = await(inbox.fetchNextPage());
    while (inbox.result().hasNextPage()) {
      all = await(inbox.fetchNextPage());
    }

    assertThat(all.pageParams()).startsWith(0, DemoQueries.PAGE_SIZE);
    assertThat(DemoQueries.rows(all)).isEqualTo(api.envelopes(MailView.INBOX).envelopes());
  }

  @Test
  void archiveRemovesTheRowAndOffersAnUndoForSixtySeconds() throws Exception {
    QueryOptions<InfiniteData<EnvelopeList, Integer>> inbox = queries.envelopes(MailView.INBOX).queryOptions();
    show(inbox);
    show(queries.counts());

    MailResult result = await(queries.mailFunnel().mutate(new MailAction.Archive("m3")));

    assertThat(result.mutationId()).isEqualTo("mut-1");
    assertThat(DemoQueries.rows(client.getQueryData(inbox.key()).orElseThrow())).extracting(Envelope::id).doesNotContain("m3");
    assertThat(client.getQueryData(queries.countsKey()).orElseThrow().archive()).isEqualTo(8);
    assertThat(toaster.undos()).singleElement().satisfies(toast -> {
      assertThat(toast.message()).isEqualTo("Archived");
      assertThat(toast.requireOffer().window()).isEqualTo(Duration.ofSeconds(60));
    });
  }

  @Test
  void undoPutsTheArchivedRowBackInTheCacheAndOnTheServer() throws Exception {
    QueryOptions<InfiniteData<EnvelopeList, Integer>> inbox = queries.envelopes(MailView.INBOX).queryOptions();
    InfiniteData<EnvelopeList, Integer> before = show(inbox);
    show(queries.counts());
    await(queries.mailFunnel().mutate(new MailAction.Archive("m3")));
    UndoOffer offer = toaster.undos().get(0).requireOffer();

    await(offer.undo());

    assertThat(client.getQueryData(inbox.key())).contains(before);
    assertThat(client.getQueryData(queries.countsKey()).orElseThrow().archive()).isEqualTo(7);
    assertThat(api.envelopes(MailView.INBOX, 0, DemoQueries.PAGE_SIZE)).isEqualTo(before.pages().get(0));
    assertThat(offer.isAvailable()).isFalse();
  }

  @Test
  void archivingMovesTheFolderCountsAtOnceWithTheRows() throws Exception {
    show(queries.envelopes(MailView.INBOX).queryOptions());
    MailCounts before = show(queries.counts());
    server.settings().setLatencyMs(1);
    sleeper.close();

    CompletableFuture<MailResult> done = queries.mailFunnel().mutate(new MailAction.Archive("m3", MailFolder.INBOX));

    assertThat(client.getQueryData(queries.countsKey())).contains(
        new MailCounts(before.inbox() - 1, before.snoozed(), before.archive() + 1, before.trash()));
    sleeper.open();
    await(done);
  }

  @Test
  void archivingAStarredEnvelopeKeepsItInTheStarredView() throws Exception {
    QueryOptions<InfiniteData<EnvelopeList, Integer>> inbox = queries.envelopes(MailView.INBOX).queryOptions();
    QueryOptions<InfiniteData<EnvelopeList, Integer>> starred = queries.envelopes(MailView.STARRED).queryOptions();
    show(inbox);
    show(starred);
    server.settings().setLatencyMs(1);
    sleeper.close();

    CompletableFuture<MailResult> done = queries.mailFunnel().mutate(new MailAction.Archive("m1"));

    assertThat(DemoQueries.rows(client.getQueryData(inbox.key()).orElseThrow())).extracting(Envelope::id).doesNotContain("m1");
    assertThat(DemoQueries.rows(client.getQueryData(starred.key()).orElseThrow()))
        .filteredOn(e -> e.id().equals("m1")).extracting(Envelope::folder).containsExactly(MailFolder.ARCHIVE);
    sleeper.open();
    await(done);
  }

  @Test
  void hammeringTheStarSendsTwoWritesAndTheServerEndsWithTheLastClick() throws Exception {
    QueryOptions<InfiniteData<EnvelopeList, Integer>> inbox = queries.envelopes(MailView.INBOX).queryOptions();
    show(inbox);
    Mutation<MailAction.Star, MailResult, Void> star = queries.star();
    server.settings().setLatencyMs(1);
    long writesBefore = api.writesSent();
    sleeper.close();

    List<CompletableFuture<MailResult>> clicks = new ArrayList<>();
    for (boolean starred : List.of(true, false, true, false)) {
      clicks.add(star.mutate(new MailAction.Star("m2", starred)));
      assertThat(DemoQueries.rows(client.getQueryData(inbox.key()).orElseThrow()).get(1).starred()).isEqualTo(starred);
    }
    sleeper.open();
    for (CompletableFuture<MailResult> click : clicks) {
      await(click);
    }

    assertThat(api.writesSent() - writesBefore).as("the first click, then the last value").isEqualTo(2);
    assertThat(api.envelopes(MailView.INBOX).envelopes().get(1).starred()).isFalse();
    assertThat(DemoQueries.rows(client.getQueryData(inbox.key()).orElseThrow()).get(1).starred()).isFalse();
    toaster.assertNoToasts();
  }

  @Test
  void starChangesTheRowInPlaceAndLeavesTheCountsAlone() throws Exception {
    QueryOptions<InfiniteData<EnvelopeList, Integer>> inbox = queries.envelopes(MailView.INBOX).queryOptions();
    show(inbox);
    show(queries.counts());
    int countsFetched = client.getQueryState(queries.countsKey()).orElseThrow().dataUpdateCount();

    MailResult result = await(queries.mailFunnel().mutate(new MailAction.Star("m2", true)));

    assertThat(result.undoId()).isEmpty();
    assertThat(DemoQueries.rows(client.getQueryData(inbox.key()).orElseThrow()).get(1).starred()).isTrue();
    assertThat(client.getQueryState(queries.countsKey()).orElseThrow().dataUpdateCount()).isEqualTo(countsFetched);
    toaster.assertNoToasts();
  }

  @Test
  void aRefusedTrashPutsTheRowBackAndSaysFailedToMoveToTrash() throws Exception {
    QueryOptions<InfiniteData<EnvelopeList, Integer>> inbox = queries.envelopes(MailView.INBOX).queryOptions();
    InfiniteData<EnvelopeList, Integer> before = show(inbox);
    server.settings().failNextRequests(1);

    assertThatThrownBy(() -> await(queries.mailFunnel().mutate(new MailAction.Trash("m1"))))
        .isInstanceOf(ExecutionException.class);

    assertThat(client.getQueryData(inbox.key())).contains(before);
    assertThat(toaster.errors()).extracting(Toast::message)
        .containsExactly("Failed to move to trash");
    assertThat(toaster.undos()).isEmpty();
  }

  @Test
  void eachMailActionHasItsOwnErrorMessage() {
    assertThat(List.of(
            new MailAction.Archive("m1"),
            new MailAction.Star("m1", false),
            new MailAction.MarkRead("m1", true),
            new MailAction.Snooze("m1", java.time.Instant.EPOCH)))
        .extracting(DemoQueries::errorMessage)
        .containsExactly("Failed to archive", "Failed to unstar", "Failed to mark as read", "Failed to snooze");
  }

  // ---- tasks -----------------------------------------------------------------------------------

  /** The task list, loaded from the server, closed with the test. */
  private QueryCollection<String, Task> loadedTasks() throws Exception {
    QueryCollection<String, Task> tasks = queries.tasks();
    screens.add(tasks::close);
    client.fetchQuery(QueryOptions.builder(DemoQueries.tasksKey()).fetcher(ctx -> api.tasks()).build())
        .get(10, TimeUnit.SECONDS);
    return tasks;
  }

  @Test
  void completingSeveralTasksIsOneTransactionOneRequestAndTheServerKeepsIt() throws Exception {
    QueryCollection<String, Task> tasks = loadedTasks();
    long writes = api.writesSent();

    Transaction tx = tasks.update(List.of("k1", "k3"), task -> task.withDone(true));

    assertThat(tasks.get("k1").orElseThrow().done()).as("shown at once").isTrue();
    await(tx.isPersisted());
    assertThat(api.writesSent() - writes).isEqualTo(1);
    assertThat(api.tasks()).filteredOn(Task::done).extracting(Task::id).containsExactly("k1", "k2", "k3");
  }

  @Test
  void aRefusedTransactionTakesItsChangesBackAndAnotherTransactionsChangesStay() throws Exception {
    QueryCollection<String, Task> tasks = loadedTasks();
    Transaction renamed = tasks.update("k1", task -> task.withTitle("Write the 0.1.0 notes"));
    await(renamed.isPersisted());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (client.isMutating(MutationFilter.all()) > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // its settle refetch lands first: the failure below is the completion's
    }
    server.settings().failNextRequests(1);

    Transaction completed = tasks.update(List.of("k1", "k4"), task -> task.withDone(true));

    assertThatThrownBy(() -> await(completed.isPersisted())).isInstanceOf(ExecutionException.class);
    assertThat(tasks.get("k1").orElseThrow()).isEqualTo(new Task("k1", "Write the 0.1.0 notes", false));
    assertThat(tasks.get("k4").orElseThrow().done()).isFalse();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (toaster.errors().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the toast follows the transaction's outcome, on the notify executor
    }
    assertThat(toaster.errors()).extracting(Toast::message).containsExactly(DemoQueries.TASK_SAVE_FAILED);
  }

  @Test
  void aNewTaskKeepsTheIdTheClientMintedAndARetryOfTheSameCreateSucceeds() throws Exception {
    QueryCollection<String, Task> tasks = loadedTasks();
    Task created = new Task("c-1", "Water the plants", false);

    await(tasks.insert(created).isPersisted());
    api.createTasks(List.of(created));

    assertThat(api.tasks()).contains(created).filteredOn(task -> task.id().equals("c-1")).hasSize(1);
  }

  @Test
  void titleEditsOfABurstAreSavedOnceWhenTheTypingPauses() throws Exception {
    QueryCollection<String, Task> tasks = loadedTasks();
    PacedWrites<TitleEdit> edits = queries.titleEdits(tasks);
    long writes = api.writesSent();

    Transaction tx = edits.apply(new TitleEdit("k6", "Plan"));
    edits.apply(new TitleEdit("k6", "Plan the"));
    edits.apply(new TitleEdit("k6", "Plan the retro"));

    assertThat(tasks.get("k6").orElseThrow().title()).isEqualTo("Plan the retro");
    await(tx.isPersisted());
    assertThat(api.writesSent() - writes).isEqualTo(1);
    assertThat(api.tasks()).contains(new Task("k6", "Plan the retro", false));
  }
}
