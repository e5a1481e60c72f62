package dev.querycache.examples;

import dev.querycache.InfiniteData;
import dev.querycache.Mutation;
import dev.querycache.MutationHooks;
import dev.querycache.MutationState;
import dev.querycache.QueryClient;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.UndoOffer;
import dev.querycache.UndoRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The three demo scenarios in a terminal, against a running {@link DemoServer}, with a real
 * {@link QueryClient} (listeners called synchronously): every cache transition a screen would
 * see is printed as a line ({@code loaded}, {@code optimistic}, {@code rolled back},
 * {@code refetched}, ...), with the server's confirmations and the toasts in between.
 *
 * <ol>
 *   <li>Notifications: mark one read (the server accepts), then another while the server is
 *       told to fail (the row flips back, an error toast, a refetch).
 *   <li>Health checks: pause one, resume another, then a pause the server refuses.
 *   <li>Mailbox: star, archive (an undo offer), take the undo, and a trash the server
 *       refuses.
 * </ol>
 *
 * <p>The forced failures use {@link ServerSettings#failNextRequests(int)}, so exactly the
 * mutation's request fails and the refetch after it succeeds. With a failure rate above zero,
 * other steps may fail too; the walkthrough prints that and carries on.
 */
public final class ConsoleWalkthrough {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private final DemoServer server;
  private final PrintStream out;

  /**
   * A walkthrough against {@code server}, printing to {@code out}.
   *
   * @param server a started server
   * @param out where the lines go
   */
  public ConsoleWalkthrough(DemoServer server, PrintStream out) {
    this.server = Objects.requireNonNull(server, "server == null");
    this.out = Objects.requireNonNull(out, "out == null");
  }

  /**
   * Runs the three scenarios, then closes its query client. The server keeps running.
   *
   * @throws InterruptedException if interrupted while waiting for the server
   * @throws TimeoutException if a step took longer than a minute
   * @throws IllegalStateException if the server is not running
   */
  public void run() throws InterruptedException, TimeoutException {
    DemoApi api = new DemoApi(server.baseUri());
    ConsoleToaster toaster = new ConsoleToaster(out);
    ServerSettings settings = server.settings();
    out.printf(Locale.ROOT, "query-cache walkthrough against %s (latency %d ms, failure rate %.2f)%n",
        server.baseUri(), settings.latencyMs(), settings.failureRate());
    // Its own timer thread, stopped at the end, so that nothing of the walkthrough outlives
    // run() (exec:java waits for leftover threads of the program it ran).
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "walkthrough-timers");
      thread.setDaemon(true);
      return thread;
    });
    try (QueryClient client = QueryClient.builder()
        .scheduler((task, delay) -> timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS))
        .toaster(toaster)
        .mutationHooks(new ServerVoice(out))
        .build()) {
      DemoQueries queries = new DemoQueries(client, api);
      notifications(client, queries);
      healthChecks(client, queries);
      mailbox(client, queries, toaster);
    } finally {
      timers.shutdownNow();
    }
    out.println();
    out.println("Done.");
  }

  private void notifications(QueryClient client, DemoQueries queries) throws InterruptedException, TimeoutException {
    scenario("1. Notifications: an optimistic mark-as-read");
    QueryOptions<NotificationsPage> page = queries.notifications(NotificationsQuery.firstPage());
    Mutation<String, Notification, Void> markAsRead = queries.markAsRead();
    QueryObserver<NotificationsPage> screen = observe(client, page, "notifications", ConsoleWalkthrough::describe);
    try {
      if (!await(client.fetchQuery(page))) {
        return;
      }
      String first = firstUnread(client.getQueryData(page.key()).orElseThrow());
      step("The user marks " + first + " as read.");
      await(markAsRead.mutate(first));

      String second = firstUnread(client.getQueryData(page.key()).orElseThrow());
      step("The user marks " + second + " as read; the server is told to fail that request.");
      server.settings().failNextRequests(1);
      await(markAsRead.mutate(second));
    } finally {
      screen.close();
    }
  }

  private void healthChecks(QueryClient client, DemoQueries queries) throws InterruptedException, TimeoutException {
    scenario("2. Health checks: optimistic pause and resume");
    QueryOptions<List<HealthCheckConfig>> configs = queries.configurations();
    Mutation<ConfigToggle, HealthCheckConfig, Void> pauseOrResume = queries.pauseOrResume();
    QueryObserver<List<HealthCheckConfig>> screen =
        observe(client, configs, "health checks", ConsoleWalkthrough::describe);
    try {
      if (!await(client.fetchQuery(configs))) {
        return;
      }
      step("The user pauses c2.");
      await(pauseOrResume.mutate(ConfigToggle.pause("c2")));
      step("The user resumes c5.");
      await(pauseOrResume.mutate(ConfigToggle.resume("c5")));
      step("The user pauses c3; the server is told to fail that request.");
      server.settings().failNextRequests(1);
      await(pauseOrResume.mutate(ConfigToggle.pause("c3")));
    } finally {
      screen.close();
    }
  }

  private void mailbox(QueryClient client, DemoQueries queries, ConsoleToaster toaster)
      throws InterruptedException, TimeoutException {
    scenario("3. Mailbox: one funnel for every action, with undo");
    QueryOptions<InfiniteData<EnvelopeList, Integer>> inbox = queries.envelopes(MailView.INBOX).queryOptions();
    QueryOptions<MailCounts> counts = queries.counts();
    Mutation<MailAction, MailResult, Void> funnel = queries.mailFunnel();
    QueryObserver<InfiniteData<EnvelopeList, Integer>> inboxScreen =
        observe(client, inbox, "inbox", ConsoleWalkthrough::describe);
    QueryObserver<MailCounts> countsScreen = observe(client, counts, "counts", ConsoleWalkthrough::describe);
    try {
      if (!await(client.fetchQuery(inbox)) || !await(client.fetchQuery(counts))) {
        return;
      }
      List<Envelope> rows = DemoQueries.rows(client.getQueryData(inbox.key()).orElseThrow());
      if (rows.size() < 3) {
        out.println("The inbox has fewer than three envelopes; nothing to show.");
        return;
      }
      String starred = rows.get(1).id();
      String archived = rows.get(2).id();
      String trashed = rows.get(0).id();

      step("The user stars " + starred + " (in place; not undoable).");
      await(funnel.mutate(new MailAction.Star(starred, true)));

      step("The user archives " + archived + " (the row leaves the inbox; undoable).");
      toaster.takeUndoOffer(); // forget older offers
      await(funnel.mutate(new MailAction.Archive(archived)));
      Optional<UndoOffer> offer = toaster.takeUndoOffer();
      if (offer.isPresent()) {
        step("The user clicks Undo (" + offer.get().remaining().toSeconds() + " s left).");
        await(offer.get().undo());
      } else {
        out.println("(no undo offer: the archive did not go through)");
      }

      step("The user moves " + trashed + " to the trash; the server is told to fail that request.");
      server.settings().failNextRequests(1);
      await(funnel.mutate(new MailAction.Trash(trashed)));
    } finally {
      countsScreen.close();
      inboxScreen.close();
    }
  }

  private <T> QueryObserver<T> observe(
      QueryClient client, QueryOptions<T> options, String screen, Function<T, String> describe) {
    return client.observe(options, new TransitionPrinter<>(screen, describe, out));
  }

  /** Waits for a step; true if it succeeded (a failure was already printed by a toast or a line). */
  private boolean await(CompletableFuture<?> step) throws InterruptedException, TimeoutException {
    try {
      step.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      return false;
    }
  }

  private void scenario(String title) {
    out.println();
    out.println("== " + title + " ==");
  }

  private void step(String what) {
    out.println("-- " + what);
  }

  private static String firstUnread(NotificationsPage page) {
    return page.notifications().stream().filter(n -> !n.isRead()).map(Notification::id).findFirst()
        .orElse("n1"); // all read: marking a read one again shows the cycle all the same
  }

  // ---- how each screen's data reads in one line ----------------------------------------------

  static String describe(NotificationsPage page) {
    String unread = page.notifications().stream().filter(n -> !n.isRead()).map(Notification::id)
        .collect(Collectors.joining(" "));
    return page.notifications().size() + " shown, " + page.unreadCount() + " unread: " + unread;
  }

  static String describe(List<HealthCheckConfig> configs) {
    String paused = configs.stream().filter(HealthCheckConfig::paused).map(HealthCheckConfig::id)
        .collect(Collectors.joining(" "));
    return configs.size() + " checks, paused: " + (paused.isEmpty() ? "none" : paused);
  }

  static String describe(InfiniteData<EnvelopeList, Integer> pages) {
    List<Envelope> envelopes = DemoQueries.rows(pages);
    String rows = envelopes.stream().map(e -> e.id() + (e.starred() ? "*" : ""))
        .collect(Collectors.joining(" "));
    return envelopes.size() + " envelopes in " + pages.size() + (pages.size() == 1 ? " page" : " pages")
        + " (* starred): " + rows;
  }

  static String describe(MailCounts counts) {
    return "inbox " + counts.inbox() + ", snoozed " + counts.snoozed() + ", archive " + counts.archive()
        + ", trash " + counts.trash();
  }

  /** What a mutation's variables mean, in words. */
  static String describeVariables(Object variables) {
    if (variables instanceof String) {
      return "mark " + variables + " as read";
    }
    if (variables instanceof ConfigToggle) {
      ConfigToggle toggle = (ConfigToggle) variables;
      return (toggle.paused() ? "pause " : "resume ") + toggle.configId();
    }
    if (variables instanceof MailAction.Archive) {
      return "archive " + ((MailAction) variables).envelopeId();
    }
    if (variables instanceof MailAction.Trash) {
      return "trash " + ((MailAction) variables).envelopeId();
    }
    if (variables instanceof MailAction.Star) {
      MailAction.Star star = (MailAction.Star) variables;
      return (star.starred() ? "star " : "unstar ") + star.envelopeId();
    }
    if (variables instanceof MailAction.MarkRead) {
      MailAction.MarkRead markRead = (MailAction.MarkRead) variables;
      return "mark " + markRead.envelopeId() + (markRead.read() ? " as read" : " as unread");
    }
    if (variables instanceof MailAction.Snooze) {
      MailAction.Snooze snooze = (MailAction.Snooze) variables;
      return "snooze " + snooze.envelopeId() + " until " + snooze.until();
    }
    if (variables instanceof UndoRequest) {
      UndoRequest<?> undo = (UndoRequest<?>) variables;
      return "undo " + undo.mutationId() + " (" + describeVariables(undo.variables()) + ")";
    }
    return String.valueOf(variables);
  }

  /** Prints the server's acceptance of each mutation run (its refusals reach the toaster). */
  private static final class ServerVoice implements MutationHooks {
    private final PrintStream out;

    ServerVoice(PrintStream out) {
      this.out = out;
    }

    @Override
    public void onSuccess(Object result, MutationState<?, ?, ?> run) {
      String id = result instanceof MailResult ? ((MailResult) result).undoId().map(m -> ", mutation id " + m).orElse("") : "";
      out.println(ConsoleLine.of("server", "confirmed", describeVariables(Objects.requireNonNull(run.variables())) + id));
    }
  }
}
