package dev.querycache.examples;

import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.Mutation;
import dev.querycache.PluginScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.Pacing;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowIdConflictException;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionWrites;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The query keys, query options and mutations of the demo's three screens, in one place so
 * that every screen (Swing, console, tests) reads and patches the same keys. Keys come from
 * the client's plugin scopes and have the oRPC shape, such as
 * {@code [["notification","getNotifications"],{"input":{"limit":20,"offset":0,"unreadOnly":false},"type":"query"}]}.
 *
 * <ul>
 *   <li><b>Notifications</b>: {@link #notifications(NotificationsQuery)} and the optimistic
 *       {@link #markAsRead()}, which patches every cached page and says
 *       {@value #MARK_AS_READ_FAILED} when the server refuses.
 *   <li><b>Health checks</b>: {@link #configurations()} and the optimistic
 *       {@link #pauseOrResume()}, whose runs go to the server one at a time.
 *   <li><b>Mailbox</b>: {@link #envelopes(MailView)}, {@link #counts()} and
 *       {@link #mailFunnel()}, one optimistic mutation for every {@link MailAction}, with
 *       per-action error messages and invalidations, and a 60 s undo.
 *   <li><b>Tasks</b>: {@link #tasks()}, a keyed collection whose inserts, updates and deletes
 *       show at once and persist in transactions, and {@link #titleEdits(QueryCollection)},
 *       title edits sent when the typing pauses.
 * </ul>
 *
 * <p>The mutation factories build a new mutation on each call: build each once per screen
 * and run it many times. Thread-safe.
 */
public final class DemoQueries {
  /** How long the undo of an archive, trash or snooze is offered. */
  public static final Duration UNDO_WINDOW = Duration.ofSeconds(60);

  /** The scope of the pause/resume mutation: its requests reach the server in click order. */
  public static final String HEALTHCHECK_TOGGLES = "healthcheck-toggles";

  /** The error toast of a failed mark-as-read. */
  public static final String MARK_AS_READ_FAILED = "Failed to mark as read";

  /** The error toast of a task write the server refused. */
  public static final String TASK_SAVE_FAILED = "Could not save the task";

  /** The pause in typing after which a title edit is sent. */
  public static final Duration TITLE_PAUSE = Duration.ofMillis(600);

  /** What the toast says when the server refuses a chat message. */
  public static final String CHAT_SEND_FAILED = "Could not send the message";

  private static final Duration STALE_TIME = Duration.ofSeconds(30);

  private final QueryClient client;
  private final DemoApi api;
  private final PluginScope notification;
  private final PluginScope healthcheck;
  private final PluginScope mail;

  /**
   * The queries and mutations of {@code api}'s server, cached in {@code client}.
   *
   * @param client the query client
   * @param api the server's client
   */
  public DemoQueries(QueryClient client, DemoApi api) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.api = Objects.requireNonNull(api, "api == null");
    this.notification = client.plugin("notification");
    this.healthcheck = client.plugin("healthcheck");
    this.mail = client.plugin("mail");
  }

  // ---- notifications -----------------------------------------------------------------------

  /**
   * The key of one page of notifications:
   * {@code [["notification","getNotifications"],{"input":{...},"type":"query"}]}.
   *
   * @param input which page
   * @return the key
   */
  public QueryKey<NotificationsPage> notificationsKey(NotificationsQuery input) {
    return notification.queryKey("getNotifications", Objects.requireNonNull(input, "input == null"));
  }

  /**
   * Every cached page of notifications, whatever its input.
   *
   * @return the filter {@code [["notification","getNotifications"]]}
   */
  public QueryFilter notificationPages() {
    return QueryFilter.prefix(QueryKey.of(List.of("notification", "getNotifications")));
  }

  /** How often a shown page of notifications asks the server for what arrived. */
  public static final Duration NOTIFICATIONS_POLL = Duration.ofSeconds(10);

  /**
   * One page of notifications: fetched with {@link DemoApi#getNotifications}, fresh for 30 s,
   * and polled every {@link #NOTIFICATIONS_POLL} while a screen shows it and the window has
   * focus: notifications arrive on the server by themselves.
   *
   * @param input which page
   * @return the options
   */
  public QueryOptions<NotificationsPage> notifications(NotificationsQuery input) {
    return QueryOptions.builder(notificationsKey(input))
        .fetcher(ctx -> api.getNotifications(input))
        .staleTime(STALE_TIME)
        .refetchInterval(NOTIFICATIONS_POLL)
        .build();
  }

  /**
   * Marks a notification read, optimistically: every cached page shows the row read (and one
   * fewer unread) at once; a failure puts the pages back and toasts
   * {@value #MARK_AS_READ_FAILED}; either way the pages refetch, and a success refetches the
   * whole notification plugin (the plugin scope's invalidation). No success toast: the row
   * already changed.
   *
   * @return the mutation; its variables are notification ids
   */
  public Mutation<String, Notification, Void> markAsRead() {
    return notification.mutation(api::markAsRead)
        .name("Mark as read")
        .optimisticMatching(notificationPages(), NotificationsPage::markRead)
        .errorMessage(MARK_AS_READ_FAILED)
        .build();
  }

  // ---- health checks -----------------------------------------------------------------------

  /**
   * The key of the configurations: {@code [["healthcheck","getConfigurations"],{"type":"query"}]}.
   *
   * @return the key
   */
  public QueryKey<List<HealthCheckConfig>> configurationsKey() {
    return healthcheck.queryKey("getConfigurations", null);
  }

  /**
   * The health-check configurations: fetched with {@link DemoApi#getConfigurations()}, fresh
   * for 30 s.
   *
   * @return the options
   */
  public QueryOptions<List<HealthCheckConfig>> configurations() {
    return QueryOptions.builder(configurationsKey())
        .fetcher(ctx -> api.getConfigurations())
        .staleTime(STALE_TIME)
        .build();
  }

  /**
   * Pauses or resumes a configuration, optimistically: the row flips at once; runs share the
   * scope {@value #HEALTHCHECK_TOGGLES}, so quick clicks on several rows all flip at once but
   * reach the server one after another, in order. A failure flips the row back and toasts
   * "Failed to pause the check" or "Failed to resume the check".
   *
   * @return the mutation
   */
  public Mutation<ConfigToggle, HealthCheckConfig, Void> pauseOrResume() {
    return healthcheck.mutation(api::setPaused)
        .name("Pause or resume")
        .optimistic(configurationsKey(), DemoQueries::withToggle)
        .errorMessage(toggle -> toggle.paused() ? "Failed to pause the check" : "Failed to resume the check")
        .scope(HEALTHCHECK_TOGGLES)
        .build();
  }

  /** The projection of pause/resume: the toggled row shows its new state. */
  static List<HealthCheckConfig> withToggle(List<HealthCheckConfig> rows, ConfigToggle toggle) {
    return rows.stream()
        .map(c -> c.id().equals(toggle.configId()) ? c.withPaused(toggle.paused()) : c)
        .toList();
  }

  // ---- mail --------------------------------------------------------------------------------

  /**
   * The key of one view's envelopes:
   * {@code [["mail","envelopes"],{"input":{"view":"inbox"},"type":"query"}]}.
   *
   * @param view the view
   * @return the key
   */
  public QueryKey<InfiniteData<EnvelopeList, Integer>> envelopesKey(MailView view) {
    return mail.queryKey("envelopes", Map.of("view", Objects.requireNonNull(view, "view == null").wireName()));
  }

  /**
   * Every cached envelope view: what the mail funnel patches.
   *
   * @return the filter {@code [["mail","envelopes"]]}
   */
  public QueryFilter envelopeViews() {
    return QueryFilter.prefix(QueryKey.of(List.of("mail", "envelopes")));
  }

  /** How many envelopes a page of a mail view holds. */
  public static final int PAGE_SIZE = 5;

  /**
   * One view's envelopes, an infinite query of {@link #PAGE_SIZE} envelopes per page (its
   * parameter is the offset), fetched with {@link DemoApi#envelopes(MailView, int, int)},
   * fresh for 30 s. A full page means there may be more; the mailbox loads them as the user
   * scrolls. A refetch (after a mail action, on focus) fetches every page loaded again, in
   * order, so the offsets stay right after envelopes moved.
   *
   * @param view the view
   * @return the options
   */
  public InfiniteQueryOptions<EnvelopeList, Integer> envelopes(MailView view) {
    return InfiniteQueryOptions.builder(envelopesKey(view))
        .pageFetcher(context -> api.envelopes(view, context.pageParam(), PAGE_SIZE))
        .initialPageParam(0)
        .nextPageParam((page, offset, pages) -> page.envelopes().size() < PAGE_SIZE ? null : offset + PAGE_SIZE)
        .staleTime(STALE_TIME)
        .build();
  }

  /**
   * Every envelope of a view's pages, in order: the rows the mailbox shows.
   *
   * @param pages the pages
   * @return the envelopes
   */
  public static List<Envelope> rows(InfiniteData<EnvelopeList, Integer> pages) {
    return pages.flatMap(EnvelopeList::envelopes);
  }

  /**
   * {@code action} applied to every page of a view, as {@link EnvelopeList#apply(MailAction)}
   * applies it to one: the optimistic patch of the mail mutations.
   *
   * @param pages a view's pages
   * @param action the action
   * @return the pages after it (the same instance if no page changed)
   */
  public static InfiniteData<EnvelopeList, Integer> apply(InfiniteData<EnvelopeList, Integer> pages, MailAction action) {
    return pages.mapPages(page -> page.apply(action));
  }

  /**
   * The key of the folder counts: {@code [["mail","counts"],{"type":"query"}]}.
   *
   * @return the key
   */
  public QueryKey<MailCounts> countsKey() {
    return mail.queryKey("counts", null);
  }

  /**
   * The folder counts: fetched with {@link DemoApi#counts()}, fresh for 30 s.
   *
   * @return the options
   */
  public QueryOptions<MailCounts> counts() {
    return QueryOptions.builder(countsKey())
        .fetcher(ctx -> api.counts())
        .staleTime(STALE_TIME)
        .build();
  }

  /** The key of the mail funnel's runs, for the rows that show a write in flight. */
  public static final QueryKey<Void> MAIL_ACTIONS = QueryKey.of("mail", "action");

  /**
   * The mail funnel: one optimistic mutation for every {@link MailAction}. Each run patches
   * every page of every cached envelope view with {@link EnvelopeList#apply(MailAction)} at once; a failure
   * puts them back and toasts the action's message ({@link #errorMessage(MailAction)}); when
   * it settles, the views refetch, and so do the counts after an archive, trash or snooze
   * ({@link #invalidations(MailAction)}). When the server returns a mutation id (archive,
   * trash, snooze), the toaster gets a 60 s undo offer instead of nothing; taking it calls
   * {@link DemoApi#undo(String)} as a mutation of its own, which shows the rows back at once.
   *
   * <p>Built on the client, not the mail plugin scope, so that what refetches after a
   * success is the action's own invalidation set, not the whole plugin.
   *
   * @return the mutation
   */
  public Mutation<MailAction, MailResult, Void> mailFunnel() {
    return client.mutation(api::perform)
        .name("Mail action")
        .mutationKey(MAIL_ACTIONS)
        .optimisticMatching(envelopeViews(), DemoQueries::apply)
        .errorMessage(DemoQueries::errorMessage)
        .<Void>onMutate((action, scope) -> {
          // "Inbox (11)" at once, with the rows: only for the actions that move mail, so that a
          // star or a mark-read leaves the counts alone (a patched key is refetched on settle).
          if (MailCounts.moves(action)) {
            scope.updateQueryData(countsKey(), counts -> counts.apply(action));
          }
          return null;
        })
        .invalidateFor(this::invalidations)
        .undoable(MailResult::undoId, request -> api.undo(request.mutationId()), DemoQueries::undoMessage)
        .undoWindow(UNDO_WINDOW)
        .build();
  }

  /**
   * Stars or unstars a message, in sync mode: every click shows at once, one request per
   * message is in flight, and when it answers a follow-up sends the last value if it differs
   * (so hammering the star sends at most two requests). Patches every cached envelope view as
   * the funnel does, shares its key (the rows mark the write in flight), and toasts "Failed to
   * star" or "Failed to unstar".
   *
   * @return the mutation
   */
  public Mutation<MailAction.Star, MailResult, Void> star() {
    return client.mutation((MailAction.Star star) -> api.perform(star))
        .name("Star")
        .mutationKey(MAIL_ACTIONS)
        .optimisticMatching(envelopeViews(), DemoQueries::apply)
        .errorMessage(DemoQueries::errorMessage)
        .sync(MailAction.Star::envelopeId)
        .build();
  }

  /**
   * The error toast of a failed mail action, such as "Failed to archive".
   *
   * @param action the action
   * @return the message
   */
  public static String errorMessage(MailAction action) {
    Objects.requireNonNull(action, "action == null");
    if (action instanceof MailAction.Archive) {
      return "Failed to archive";
    }
    if (action instanceof MailAction.Trash) {
      return "Failed to move to trash";
    }
    if (action instanceof MailAction.Star) {
      return ((MailAction.Star) action).starred() ? "Failed to star" : "Failed to unstar";
    }
    if (action instanceof MailAction.MarkRead) {
      return ((MailAction.MarkRead) action).read() ? "Failed to mark as read" : "Failed to mark as unread";
    }
    return "Failed to snooze";
  }

  /**
   * The undo toast of an undoable mail action, such as "Archived".
   *
   * @param action the action
   * @return the message
   */
  public static String undoMessage(MailAction action) {
    Objects.requireNonNull(action, "action == null");
    if (action instanceof MailAction.Archive) {
      return "Archived";
    }
    if (action instanceof MailAction.Trash) {
      return "Moved to trash";
    }
    if (action instanceof MailAction.Snooze) {
      return "Snoozed";
    }
    return "Done";
  }

  /**
   * What a mail action refetches besides the envelope views: the counts after the actions
   * that move envelopes between folders (archive, trash, snooze); nothing else.
   *
   * @param action the action
   * @return the filters
   */
  public List<QueryFilter> invalidations(MailAction action) {
    Objects.requireNonNull(action, "action == null");
    boolean movesEnvelopes = action instanceof MailAction.Archive
        || action instanceof MailAction.Trash
        || action instanceof MailAction.Snooze;
    return movesEnvelopes ? List.of(QueryFilter.exact(countsKey())) : List.of();
  }

  // ---- tasks -------------------------------------------------------------------------------

  /**
   * The key of the task list: {@code ["tasks"]}.
   *
   * @return the key
   */
  public static QueryKey<List<Task>> tasksKey() {
    return QueryKey.of("tasks");
  }

  /**
   * The task list as a keyed collection: fetched with {@link DemoApi#tasks()}, fresh for 30 s;
   * an insert creates, an update saves, a delete deletes, each write a transaction shown at
   * once, taken back with the {@value #TASK_SAVE_FAILED} toast if the server refuses it
   * (another transaction's changes to the same rows stay). Build it once per screen; close it
   * with the screen.
   *
   * @return the collection, observing its query until closed
   */
  public QueryCollection<String, Task> tasks() {
    return client.collection(
            QueryOptions.builder(tasksKey()).fetcher(ctx -> api.tasks()).staleTime(STALE_TIME).build(), Task::id)
        .name("tasks")
        .errorMessage(TASK_SAVE_FAILED)
        .onInsert(changes -> api.createTasks(modified(changes)))
        .onUpdate(changes -> api.saveTasks(modified(changes)))
        .onDelete(changes -> api.deleteTasks(changes.stream().map(PendingChange::key).toList()))
        .build();
  }

  private static List<Task> modified(List<PendingChange<String, Task>> changes) {
    return changes.stream().map(PendingChange::modified).toList();
  }

  /**
   * Title edits of {@code tasks}: each keystroke shows at once, and the keystrokes of a burst
   * are one transaction, sent {@link #TITLE_PAUSE} after the last, while the one before (if
   * any) is persisted first. A blank title is refused by {@link Task}: the call throws, and
   * nothing of it is shown or sent.
   *
   * @param tasks the task list
   * @return the paced writes
   */
  public PacedWrites<TitleEdit> titleEdits(QueryCollection<String, Task> tasks) {
    return client.pacedWrites(Pacing.debounce(TITLE_PAUSE),
            (TitleEdit edit, TransactionWrites write) -> write.update(tasks, edit.taskId(), task -> task.withTitle(edit.title())))
        .name("edit title")
        .errorMessage("Could not save the title")
        .persist((edit, tx) -> api.saveTasks(tasks(tx)))
        .build();
  }

  // ---- chat --------------------------------------------------------------------------------

  /**
   * The key of the chat: {@code ["chat"]}.
   *
   * @return the key
   */
  public static QueryKey<List<ChatMessage>> chatKey() {
    return QueryKey.of("chat");
  }

  /**
   * The chat as a keyed collection of messages under ids the client mints: fetched with
   * {@link DemoApi#chatMessages()} once (a {@link ChatFeed} keeps it current: fresh for 5
   * minutes), a message sent shows at once ({@code sentAt} null: sending) and is posted with
   * its transaction's write key (the message's id); a deletion likewise. A refused write is
   * taken back with the {@value #CHAT_SEND_FAILED} toast; an id the server holds for another
   * message fails with {@link RowIdConflictException}. Build it once per chat screen; close it
   * with the screen.
   *
   * @return the collection, observing its query until closed
   */
  public QueryCollection<String, ChatMessage> chat() {
    return client.collection(
            QueryOptions.builder(chatKey()).fetcher(ctx -> api.chatMessages()).staleTime(Duration.ofMinutes(5)).build(),
            ChatMessage::id)
        .name("chat")
        .mintedIds()
        .errorMessage(CHAT_SEND_FAILED)
        .onInsert(changes -> {
          for (PendingChange<String, ChatMessage> change : changes) {
            conflictAware(change, () -> api.sendChat(Objects.requireNonNull(change.modified()), change.transaction().writeKey()));
          }
        })
        .onDelete(changes -> {
          for (PendingChange<String, ChatMessage> change : changes) {
            api.deleteChat(change.key(), change.transaction().writeKey());
          }
        })
        .build();
  }

  /** Runs {@code write}, whose 409 means that another write holds the change's id. */
  private static void conflictAware(PendingChange<String, ChatMessage> change, ChatWrite write) throws IOException {
    try {
      write.run();
    } catch (DemoApiException e) {
      if (e.status() == 409) {
        throw new RowIdConflictException(change.key(), "chat");
      }
      throw e;
    }
  }

  /** A write of the chat's API. */
  @FunctionalInterface
  private interface ChatWrite {
    void run() throws IOException;
  }

  /** The tasks a transaction wrote, as they are now. */
  private static List<Task> tasks(Transaction tx) {
    return tx.changes().stream().map(change -> (Task) change.modified()).toList();
  }
}
