package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.MutationFunction;
import dev.querycache.PluginScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The code of {@code docs/mutations.md}, compiled with the tests so the guide cannot drift
 * from the API. {@link MutationGuideExamplesTest} runs each example.
 */
final class MutationGuideExamples {
  private MutationGuideExamples() {}

  // ---- the notifications page: mark as read -------------------------------------------------

  record Notification(String id, String title, boolean isRead) {}

  record NotificationsPage(List<Notification> notifications, int unread) {
    NotificationsPage markRead(String id) {
      List<Notification> rows = notifications.stream()
          .map(n -> n.id().equals(id) ? new Notification(n.id(), n.title(), true) : n)
          .collect(Collectors.toUnmodifiableList());
      return new NotificationsPage(rows, (int) rows.stream().filter(n -> !n.isRead()).count());
    }
  }

  interface NotificationApi {
    NotificationsPage getNotifications(int limit, int offset) throws Exception;

    boolean markAsRead(String notificationId) throws Exception;
  }

  // [mark-as-read]
  static Mutation<String, Boolean, Void> markAsRead(QueryClient client, NotificationApi api) {
    PluginScope notification = client.plugin("notification");
    QueryKey<NotificationsPage> notificationsKey =
        notification.queryKey("getNotifications", Map.of("limit", 20, "offset", 0, "unreadOnly", false));

    return notification.mutation(api::markAsRead)                         // the write
        .optimistic(notificationsKey, (page, id) -> page.markRead(id))   // 1. cancel + snapshot + patch
        .errorMessage("Failed to mark as read")                          // 4. the error toast
        .build();                                                        // 2. and 3. are the library's
  }
  // [/mark-as-read]

  // ---- the health-check page: pause and resume ----------------------------------------------

  record Config(String id, boolean paused) {}

  record Toggle(String configId, boolean paused) {}

  interface HealthCheckApi {
    List<Config> getConfigurations() throws Exception;

    Config setPaused(String configId, boolean paused) throws Exception;
  }

  // [run-and-watch]
  static AutoCloseable enableWhileIdle(Mutation<String, Boolean, Void> markAsRead, Consumer<Boolean> setEnabled) {
    return markAsRead.observe(state -> setEnabled.accept(!state.isPending()));   // now, then at each change
  }

  static void onClick(Mutation<String, Boolean, Void> markAsRead, String id) {
    if (!markAsRead.state().isPending()) {   // the latest run (idle before the first)
      markAsRead.fire(id);                   // runs it and lets it go: callbacks and toasts tell the outcome
    }
  }
  // [/run-and-watch]

  // [settled-async]
  static Mutation<String, Boolean, Void> completeTodo(QueryClient client, MutationFunction<String, Boolean> api) {
    return client.mutation(api)
        .onSettledAsync((result, error, id, context) -> client.refetchQueries(QueryFilter.prefix(QueryKey.of("todos"))))
        .build();                                     // the future completes once the todos are refetched
  }
  // [/settled-async]

  // [pause-resume]
  static Mutation<Toggle, Config, Void> pauseOrResume(QueryClient client, HealthCheckApi api) {
    QueryKey<List<Config>> configs = client.plugin("healthcheck").queryKey("getConfigurations", null);
    return client.mutation((Toggle t) -> api.setPaused(t.configId(), t.paused()))
        .optimistic(configs, (rows, t) -> rows.stream()
            .map(c -> c.id().equals(t.configId()) ? new Config(c.id(), t.paused()) : c)
            .collect(Collectors.toUnmodifiableList()))
        .errorMessage(t -> t.paused() ? "Failed to pause the check" : "Failed to resume the check")
        .scope("healthcheck-toggles")                                     // one request at a time
        .build();
  }
  // [/pause-resume]

  // ---- the mailbox's star: rapid toggles ------------------------------------------------------

  interface StarApi {
    boolean setStarred(String messageId, boolean starred) throws Exception;
  }

  interface DraftApi {
    String send(String draftId) throws Exception;
  }

  // [rapid-toggles]
  record StarTap(String messageId, boolean starred) {}   // the value to set, never "flip it"

  static Mutation<StarTap, Boolean, Void> star(QueryClient client, StarApi api) {
    QueryKey<List<Envelope>> inbox = QueryKey.of("mail", "envelopes", "inbox");
    return client.mutation((StarTap tap) -> api.setStarred(tap.messageId(), tap.starred()))
        .optimistic(inbox, (rows, tap) -> rows.stream()
            .map(e -> e.id().equals(tap.messageId()) ? new Envelope(e.id(), e.subject(), tap.starred(), e.read()) : e)
            .collect(Collectors.toUnmodifiableList()))
        .errorMessage(tap -> tap.starred() ? "Could not star the message" : "Could not unstar the message")
        .sync(StarTap::messageId)                           // one request in flight per message
        .build();
  }

  static Mutation<String, String, Void> sendDraft(QueryClient client, DraftApi api) {
    return client.mutation(api::send)
        .exclusive(draftId -> draftId)                      // a double click sends once
        .build();
  }
  // [/rapid-toggles]

  // ---- the mailbox: one funnel for every action ---------------------------------------------

  record Envelope(String id, String subject, boolean starred, boolean read) {}

  // [mail-actions]
  sealed interface MailAction permits Archive, Star, MarkRead {
    String id();
  }

  record Archive(String id) implements MailAction {}

  record Star(String id, boolean starred) implements MailAction {}

  record MarkRead(String id) implements MailAction {}
  // [/mail-actions]

  record MailResult(String mutationId) {}

  interface MailApi {
    MailResult perform(MailAction action) throws Exception;

    void undo(String mutationId) throws Exception;
  }

  // [mail-funnel]
  static List<Envelope> project(List<Envelope> rows, MailAction action) {
    if (action instanceof Archive) {
      return rows.stream().filter(e -> !e.id().equals(action.id())).collect(Collectors.toUnmodifiableList());
    }
    return rows.stream().map(e -> {
      if (!e.id().equals(action.id())) {
        return e;
      }
      if (action instanceof Star) {
        return new Envelope(e.id(), e.subject(), ((Star) action).starred(), e.read());
      }
      return new Envelope(e.id(), e.subject(), e.starred(), true); // MarkRead
    }).collect(Collectors.toUnmodifiableList());
  }

  static String failureMessage(MailAction action) {
    if (action instanceof Archive) {
      return "Failed to archive";
    }
    return action instanceof Star ? "Failed to star" : "Failed to mark as read";
  }

  static Mutation<MailAction, MailResult, Void> mailFunnel(QueryClient client, MailApi api) {
    QueryFilter envelopeViews = QueryFilter.prefix("mail", "envelopes");  // inbox, starred, labels...
    return client.mutation(api::perform)
        .optimisticMatching(envelopeViews, MutationGuideExamples::project)
        .errorMessage(MutationGuideExamples::failureMessage)
        .invalidateFor(action -> action instanceof Archive
            ? List.of(QueryFilter.prefix("mail", "counts"))
            : List.of())
        .undoable(
            result -> Optional.of(result.mutationId()),
            request -> {
              api.undo(request.mutationId());
              return true;
            },
            action -> action instanceof Archive ? "Archived" : "Done")
        .build();
  }
  // [/mail-funnel]

  // ---- porting hand-written onMutate code ---------------------------------------------------

  // [raw]
  static Mutation<String, Boolean, NotificationsPage> markAsReadByHand(
      QueryClient client, NotificationApi api, QueryKey<NotificationsPage> key) {
    return client.mutation(api::markAsRead)
        .onMutate((id, scope) -> {
          scope.cancelQueries(QueryFilter.exact(key));
          NotificationsPage previous = scope.snapshotOrNull(key);
          scope.updateQueryData(key, page -> page.markRead(id));         // a layer of this run
          return previous;                                               // the typed context
        })
        .onError((error, id, previous) -> {
          // The library already removed this run's layer; nothing to restore by hand.
        })
        .invalidate(QueryFilter.exact(key))
        .errorMessage("Failed to mark as read")
        .build();
  }
  // [/raw]
}
