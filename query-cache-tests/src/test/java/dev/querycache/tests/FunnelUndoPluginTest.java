package dev.querycache.tests;

import dev.querycache.CachedQuery;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationFunction;
import dev.querycache.OptimisticMutationBuilder;
import dev.querycache.PluginScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.UndoOffer;
import dev.querycache.UndoRequest;
import dev.querycache.internal.mutation.RunToasts;
import dev.querycache.internal.mutation.MutationUndo;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.ToastTexts.texts;
import static dev.querycache.tests.ToastTexts.offers;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of the mutation funnel (one optimistic mutation over a sealed family of
 * actions, each contributing only its projection, its error message and its invalidations;
 * seed 003), of undo offers ({@link UndoOffer}, {@link MutationUndo}), and of the plugin scope
 * ({@link PluginScope}; seed 002). Time is virtual; mutation functions are completed by hand;
 * the fetch executor (where blocking reverse functions run) is the virtual time's, which the
 * test drains with {@code runDue()}.
 */
class FunnelUndoPluginTest {
  record Row(int id, boolean read, boolean starred) {}

  sealed interface MailAction permits Archive, Star, MarkRead {
    int id();
  }

  record Archive(int id) implements MailAction {}

  record Star(int id) implements MailAction {}

  record MarkRead(int id) implements MailAction {}

  /** What the mail server answers; {@code mutationId} is null for writes that cannot be undone. */
  record MailResult(String mutationId) {}

  static final QueryKey<List<Row>> INBOX = QueryKey.of("mail", "list", "inbox");
  static final QueryKey<List<Row>> STARRED = QueryKey.of("mail", "list", "starred");
  static final QueryKey<Integer> COUNTS = QueryKey.of("mail", "counts");

  /** The per-action knowledge, and nothing else. */
  static final class MailFunnel {
    static List<Row> project(List<Row> rows, MailAction action) {
      if (action instanceof Archive) {
        return rows.stream().filter(r -> r.id() != action.id()).collect(Collectors.toUnmodifiableList());
      }
      if (action instanceof Star) {
        return map(rows, action.id(), r -> new Row(r.id(), r.read(), true));
      }
      if (action instanceof MarkRead) {
        return map(rows, action.id(), r -> new Row(r.id(), true, r.starred()));
      }
      throw new IllegalArgumentException("unknown action " + action);
    }

    static String errorMessage(MailAction action) {
      if (action instanceof Archive) {
        return "Failed to archive";
      }
      if (action instanceof Star) {
        return "Failed to star";
      }
      return "Failed to mark as read";
    }

    static Collection<QueryFilter> invalidations(MailAction action) {
      return action instanceof Archive ? List.of(QueryFilter.exact(COUNTS)) : List.of();
    }

    private static List<Row> map(List<Row> rows, int id, java.util.function.UnaryOperator<Row> change) {
      return rows.stream().map(r -> r.id() == id ? change.apply(r) : r).collect(Collectors.toUnmodifiableList());
    }
  }

  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryClient client =
      time.clientBuilder().fetchExecutor(time.executor()).toaster(toaster).build();
  private final ControllableMutation<MailAction, MailResult> mailServer = new ControllableMutation<>();
  private final List<UndoRequest<MailAction>> reverseCalls = new CopyOnWriteArrayList<>();
  private volatile boolean reverseFails;
  private final MutationFunction<UndoRequest<MailAction>, Boolean> reverse =
      request -> {
        reverseCalls.add(request);
        if (reverseFails) {
          throw new IOException("the server refused to undo");
        }
        return true;
      };

  static Row row(int id) {
    return new Row(id, false, false);
  }

  static List<Row> rows(Row... rows) {
    return List.of(rows);
  }

  /** The funnel as an application builds it once. */
  private OptimisticMutationBuilder<MailAction, MailResult, Void> funnel() {
    return client.<MailAction, MailResult>asyncMutation(mailServer)
        .optimisticMatching(QueryFilter.prefix("mail", "list"), MailFunnel::project)
        .errorMessage(MailFunnel::errorMessage)
        .invalidateFor(MailFunnel::invalidations)
        .undoable(result -> Optional.ofNullable(result.mutationId()), reverse, action -> "Archived");
  }

  private void seedViews() {
    client.setQueryData(INBOX, rows(row(1), row(2), row(3)));
    client.setQueryData(STARRED, rows(row(2), row(3)));
    client.setQueryData(COUNTS, 3);
  }

  private List<Row> inbox() {
    return client.getQueryData(INBOX).orElseThrow();
  }

  private List<Row> starred() {
    return client.getQueryData(STARRED).orElseThrow();
  }

  private boolean isInvalidated(QueryKey<?> key) {
    return client.getQueryState(key).orElseThrow().isInvalidated();
  }

  // ---- the funnel -------------------------------------------------------------------------

  @Nested
  class Funnel {
    private final Mutation<MailAction, MailResult, Void> mail = funnel().build();

    @Test
    void archiveRemovesTheRowFromBothViews() {
      seedViews();
      mail.mutate(new Archive(2));

      assertThat(inbox()).containsExactly(row(1), row(3));
      assertThat(starred()).containsExactly(row(3));
    }

    @Test
    void starSetsStarredInBothViews() {
      seedViews();
      mail.mutate(new Star(2));

      assertThat(inbox()).containsExactly(row(1), new Row(2, false, true), row(3));
      assertThat(starred()).containsExactly(new Row(2, false, true), row(3));
    }

    @Test
    void markReadSetsReadInBothViews() {
      seedViews();
      mail.mutate(new MarkRead(3));

      assertThat(inbox()).containsExactly(row(1), row(2), new Row(3, true, false));
      assertThat(starred()).containsExactly(row(2), new Row(3, true, false));
    }

    @Test
    void everyActionGoesThroughTheOneMutation() {
      seedViews();
      mail.mutate(new Archive(1));
      mail.mutate(new Star(2));
      mail.mutate(new MarkRead(3));

      assertThat(mailServer.callCount()).isEqualTo(3);
      assertThat(List.of(mailServer.call(0).variables(), mailServer.call(1).variables(), mailServer.call(2).variables()))
          .containsExactly(new Archive(1), new Star(2), new MarkRead(3));
      assertThat(inbox()).containsExactly(new Row(2, false, true), new Row(3, true, false));
      assertThat(starred()).containsExactly(new Row(2, false, true), new Row(3, true, false));
      assertThat(client.getQueryState(INBOX).orElseThrow().optimisticLayers()).isEqualTo(3);
      assertThat(mail.isOptimistic()).isTrue();

      for (int call = 0; call < 3; call++) {
        mailServer.call(call).resolve(new MailResult(null));
      }
      assertThat(inbox()).containsExactly(new Row(2, false, true), new Row(3, true, false));
      assertThat(client.getQueryState(INBOX).orElseThrow().optimisticLayers()).isZero();
      assertThat(client.isMutating(MutationFilter.all())).isZero();
    }

    @Test
    void eachActionsFailureShowsItsOwnMessageAndRestoresBothViews() {
      seedViews();
      List<CompletableFuture<MailResult>> runs =
          List.of(mail.mutate(new Archive(1)), mail.mutate(new Star(2)), mail.mutate(new MarkRead(3)));

      mailServer.call(0).fail(new IOException("archive refused"));
      mailServer.call(1).fail(new IOException("star refused"));
      mailServer.call(2).fail(new IOException("mark-read refused"));

      assertThat(texts(toaster))
          .containsExactly("error:Failed to archive", "error:Failed to star", "error:Failed to mark as read");
      assertThat(runs).allSatisfy(run -> assertThat(run).isCompletedExceptionally());
      assertThat(inbox()).containsExactly(row(1), row(2), row(3));
      assertThat(starred()).containsExactly(row(2), row(3));
    }

    @Test
    void archiveAlsoInvalidatesTheCounts() {
      seedViews();
      mail.mutate(new Archive(2));
      mailServer.call(0).resolve(new MailResult(null));

      assertThat(isInvalidated(COUNTS)).isTrue();
      assertThat(isInvalidated(INBOX)).isTrue();
      assertThat(isInvalidated(STARRED)).isTrue();
    }

    @Test
    void archiveInvalidatesTheCountsAfterAFailureToo() {
      seedViews();
      mail.mutate(new Archive(2));
      mailServer.call(0).fail(new IOException("refused"));

      assertThat(isInvalidated(COUNTS)).isTrue();
    }

    @Test
    void starAndMarkReadLeaveTheCountsAlone() {
      seedViews();
      mail.mutate(new Star(2));
      mail.mutate(new MarkRead(3));
      mailServer.call(0).resolve(new MailResult(null));
      mailServer.call(1).resolve(new MailResult(null));

      assertThat(isInvalidated(COUNTS)).isFalse();
      assertThat(isInvalidated(INBOX)).isTrue();
      assertThat(isInvalidated(STARRED)).isTrue();
    }
  }

  // ---- undo -------------------------------------------------------------------------------

  @Nested
  class Undo {
    /** Archives row 2 and lets the server accept it with {@code mutationId}. */
    private CompletableFuture<MailResult> archiveAccepted(Mutation<MailAction, MailResult, Void> mail, String mutationId) {
      seedViews();
      CompletableFuture<MailResult> run = mail.mutate(new Archive(2));
      mailServer.call(0).resolve(new MailResult(mutationId));
      assertThat(run).isCompletedWithValue(new MailResult(mutationId));
      assertThat(inbox()).containsExactly(row(1), row(3));
      return run;
    }

    private UndoOffer theOffer() {
      assertThat(offers(toaster)).hasSize(1);
      return offers(toaster).get(0);
    }

    @Test
    void successWithAMutationIdOffersUndoInsteadOfASuccessToast() {
      archiveAccepted(funnel().build(), "m-42");

      assertThat(texts(toaster)).containsExactly("undo:Archived");
      UndoOffer offer = theOffer();
      assertThat(offer.isAvailable()).isTrue();
      assertThat(offer.window()).isEqualTo(Duration.ofSeconds(60));
      assertThat(offer.remaining()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void undoRunsTheReverseAndShowsTheRowAgainBeforeItCompletes() {
      archiveAccepted(funnel().build(), "m-42");

      CompletableFuture<Void> undone = theOffer().undo();

      assertThat(inbox()).as("optimistically, the data from before the archive").containsExactly(row(1), row(2), row(3));
      assertThat(starred()).containsExactly(row(2), row(3));
      assertThat(reverseCalls).isEmpty();
      assertThat(undone).isNotDone();

      time.runDue();

      assertThat(reverseCalls).containsExactly(new UndoRequest<>("m-42", new Archive(2)));
      assertThat(undone).isCompleted().isNotCompletedExceptionally();
      assertThat(inbox()).containsExactly(row(1), row(2), row(3));
      assertThat(client.getQueryState(INBOX).orElseThrow().optimisticLayers()).isZero();
    }

    @Test
    void failedReverseRollsBackTheUndoAndToastsCouldNotUndo() {
      archiveAccepted(funnel().build(), "m-42");
      reverseFails = true;

      CompletableFuture<Void> undone = theOffer().undo();
      assertThat(inbox()).containsExactly(row(1), row(2), row(3));
      time.runDue();

      assertThat(failureOf(undone)).isInstanceOf(IOException.class);
      assertThat(inbox()).containsExactly(row(1), row(3));
      assertThat(starred()).containsExactly(row(3));
      assertThat(client.getQueryState(INBOX).orElseThrow().optimisticLayers()).isZero();
      assertThat(texts(toaster)).containsExactly("undo:Archived", "error:Could not undo: Failed to archive");
    }

    @Test
    void offerExpiresAfterTheWindow() {
      archiveAccepted(funnel().build(), "m-42");
      UndoOffer offer = theOffer();

      time.advance(Duration.ofSeconds(59));
      assertThat(offer.isAvailable()).isTrue();
      assertThat(offer.remaining()).isEqualTo(Duration.ofSeconds(1));

      time.advance(Duration.ofSeconds(2));
      assertThat(offer.isAvailable()).isFalse();
      assertThat(offer.remaining()).isZero();
      assertThat(failureOf(offer.undo())).isInstanceOf(IllegalStateException.class);
      time.runDue();
      assertThat(reverseCalls).isEmpty();
      assertThat(inbox()).containsExactly(row(1), row(3));
    }

    @Test
    void undoWorksOnlyOnce() {
      archiveAccepted(funnel().build(), "m-42");
      UndoOffer offer = theOffer();

      CompletableFuture<Void> first = offer.undo();
      CompletableFuture<Void> second = offer.undo();
      time.runDue();

      assertThat(first).isCompleted().isNotCompletedExceptionally();
      assertThat(failureOf(second)).isInstanceOf(IllegalStateException.class);
      assertThat(reverseCalls).hasSize(1);
      assertThat(offer.isAvailable()).isFalse();
      assertThat(offer.remaining()).isZero();
    }

    @Test
    void resultWithoutAMutationIdGivesNoOffer() {
      Mutation<MailAction, MailResult, Void> mail = funnel().build();
      seedViews();
      CompletableFuture<MailResult> run = mail.mutate(new Archive(2));
      mailServer.call(0).resolve(new MailResult(null));

      assertThat(run).isCompleted();
      assertThat(offers(toaster)).isEmpty();
      assertThat(texts(toaster)).isEmpty();
    }

    @Test
    void undoWindowChangesTheWindow() {
      archiveAccepted(funnel().undoWindow(Duration.ofSeconds(10)).build(), "m-42");
      UndoOffer offer = theOffer();
      assertThat(offer.window()).isEqualTo(Duration.ofSeconds(10));

      time.advance(Duration.ofSeconds(9));
      assertThat(offer.isAvailable()).isTrue();
      time.advance(Duration.ofSeconds(2));
      assertThat(offer.isAvailable()).isFalse();
      assertThat(failureOf(offer.undo())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void undoPatchReplacesTheDefaultUndoProjection() {
      Mutation<MailAction, MailResult, Void> mail =
          funnel()
              .undoPatch((List<Row> current, List<Row> before, MailAction action) -> {
                List<Row> back = new ArrayList<>(current);
                if (before != null) {
                  before.stream().filter(r -> r.id() == action.id()).forEach(back::add);
                }
                back.sort(Comparator.comparingInt(Row::id));
                return List.copyOf(back);
              })
              .build();
      archiveAccepted(mail, "m-42");
      client.setQueryData(INBOX, rows(row(1), row(3), row(4))); // a new mail arrived meanwhile

      theOffer().undo();

      assertThat(inbox())
          .as("row 2 put back into the current data, not the old snapshot")
          .containsExactly(row(1), row(2), row(3), row(4));
      assertThat(starred()).containsExactly(row(2), row(3));
    }

    @Test
    void defaultUndoPutsBackWhatTheArchiveRemovedAndKeepsMailThatArrivedSince() {
      archiveAccepted(funnel().build(), "m-42");
      client.setQueryData(INBOX, rows(row(1), row(3), row(4))); // a new mail arrived meanwhile

      theOffer().undo();

      assertThat(inbox()).containsExactly(row(1), row(2), row(3), row(4));
      assertThat(starred()).containsExactly(row(2), row(3));
    }

    @Test
    void defaultUndoOfAnArchiveKeepsAStarConfirmedAfterIt() {
      archiveAccepted(funnel().build(), "m-42");
      Row threeStarred = new Row(3, false, true);
      client.setQueryData(INBOX, rows(row(1), threeStarred)); // row 3 was starred since

      theOffer().undo();

      assertThat(inbox()).as("the archive undone, the later star kept").containsExactly(row(1), row(2), threeStarred);
    }

    @Test
    void defaultUndoOfAStarUnstarsThatRowAndLeavesLaterChangesToOtherRows() {
      Mutation<MailAction, MailResult, Void> mail = funnel().build();
      seedViews();
      mail.mutate(new Star(1));
      mailServer.call(0).resolve(new MailResult("m-7"));
      Row threeRead = new Row(3, true, false);
      client.setQueryData(INBOX, rows(new Row(1, false, true), row(2), threeRead)); // row 3 read since

      theOffer().undo();

      assertThat(inbox()).containsExactly(row(1), row(2), threeRead);
    }

    @Test
    void defaultUndoLeavesARowThatALaterWriteChangedToThatWrite() {
      Mutation<MailAction, MailResult, Void> mail = funnel().build();
      seedViews();
      mail.mutate(new Star(1));
      mailServer.call(0).resolve(new MailResult("m-7"));
      Row oneReadToo = new Row(1, true, true);
      client.setQueryData(INBOX, rows(oneReadToo, row(2), row(3))); // row 1 marked read since

      theOffer().undo();

      assertThat(inbox())
          .as("a row changed since is the later write's; the server's undo and its refetch settle it")
          .containsExactly(oneReadToo, row(2), row(3));
    }

    @Test
    void undoIsOfferedWhenTheServerAnswersNotAfterTheSettleRefetch() {
      ControllableQuery<List<Row>> slowList = new ControllableQuery<>();
      seedViews();
      client.observe(QueryOptions.builder(INBOX).asyncFetcher(slowList).staleTime(QuerySettings.FOREVER).build(), result -> {});
      CompletableFuture<MailResult> run = funnel().build().mutate(new Archive(2));

      mailServer.call(0).resolve(new MailResult("m-42"));

      assertThat(slowList.callCount()).as("the settle refetch is in flight").isEqualTo(1);
      assertThat(run).as("the run waits for its settle refetch").isNotDone();
      assertThat(texts(toaster)).containsExactly("undo:Archived");
      assertThat(theOffer().remaining()).as("the window starts at the server's answer").isEqualTo(Duration.ofSeconds(60));

      time.advance(Duration.ofSeconds(20));
      slowList.resolve(rows(row(1), row(3)));
      assertThat(run).isCompleted();
      assertThat(theOffer().remaining()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void anUndoMessageFunctionReturningNullStillOffersTheUndoWithADefaultMessage() {
      Mutation<MailAction, MailResult, Void> mail =
          client.<MailAction, MailResult>asyncMutation(mailServer)
              .optimisticMatching(QueryFilter.prefix("mail", "list"), MailFunnel::project)
              .errorMessage(MailFunnel::errorMessage)
              .undoable(result -> Optional.ofNullable(result.mutationId()), reverse, action -> null)
              .build();

      archiveAccepted(mail, "m-42");

      assertThat(texts(toaster)).containsExactly("undo:" + RunToasts.DEFAULT_UNDO_MESSAGE);
      assertThat(theOffer().isAvailable()).isTrue();
    }
  }

  // ---- the plugin scope -------------------------------------------------------------------

  @Nested
  class Plugin {
    private final PluginScope notification = client.plugin("notification");
    private final QueryKey<List<String>> notifications = notification.queryKey("getNotifications", Map.of("limit", 20));
    private final QueryKey<Integer> unread = notification.queryKey("getUnreadCount", null);
    private final QueryKey<List<String>> configs = client.plugin("healthcheck").queryKey("getConfigs", null);
    private final ControllableMutation<String, Boolean> pluginServer = new ControllableMutation<>();

    private void seed() {
      client.setQueryData(notifications, List.of("n1", "n2"));
      client.setQueryData(unread, 2);
      client.setQueryData(configs, List.of("c1"));
    }

    @Test
    void keysHaveTheOrpcShape() {
      assertThat(notifications)
          .isEqualTo(QueryKey.of(
              List.of("notification", "getNotifications"),
              Map.of("input", Map.of("limit", 20), "type", "query")));
    }

    @Test
    void nullInputLeavesOutTheInput() {
      QueryKey<Object> key = notification.queryKey(List.of("admin", "list"), null);

      assertThat(key.parts()).hasSize(2);
      assertThat(key.parts().get(0)).isEqualTo(List.of("notification", "admin", "list"));
      assertThat(key.parts().get(1)).isEqualTo(Map.of("type", "query"));
      assertThat(((Map<?, ?>) key.parts().get(1)).containsKey("input")).isFalse();
    }

    @Test
    void queriesSelectsThePluginsQueriesOnly() {
      seed();

      List<QueryKey<?>> selected =
          client.getQueries(notification.queries()).stream().<QueryKey<?>>map(CachedQuery::key).collect(Collectors.toList());
      assertThat(selected).containsExactlyInAnyOrder(notifications, unread);
    }

    @Test
    void pluginMutationInvalidatesEveryQueryOfThePluginOnSuccess() {
      seed();
      Mutation<String, Boolean, Void> markAsRead = notification.<String, Boolean>asyncMutation(pluginServer).build();

      CompletableFuture<Boolean> run = markAsRead.mutate("n1");
      assertThat(isInvalidated(notifications)).isFalse();
      pluginServer.call(0).resolve(true);

      assertThat(run).isCompletedWithValue(true);
      assertThat(isInvalidated(notifications)).isTrue();
      assertThat(isInvalidated(unread)).isTrue();
      assertThat(isInvalidated(configs)).isFalse();
    }

    @Test
    void pluginMutationDoesNotInvalidateOnFailure() {
      seed();
      Mutation<String, Boolean, Void> markAsRead = notification.<String, Boolean>asyncMutation(pluginServer).build();

      CompletableFuture<Boolean> run = markAsRead.mutate("n1");
      pluginServer.call(0).fail(new IOException("refused"));

      assertThat(run).isCompletedExceptionally();
      assertThat(isInvalidated(notifications)).isFalse();
      assertThat(isInvalidated(unread)).isFalse();
    }

    @Test
    void userOnSuccessIsComposedWithThePluginInvalidation() {
      seed();
      List<String> seen = new CopyOnWriteArrayList<>();
      Mutation<String, Boolean, Void> markAsRead =
          notification.<String, Boolean>asyncMutation(pluginServer)
              .onSuccess((result, id, context) -> seen.add("onSuccess " + id + " " + result))
              .build();

      markAsRead.mutate("n1");
      pluginServer.call(0).resolve(true);

      assertThat(seen).containsExactly("onSuccess n1 true");
      assertThat(isInvalidated(notifications)).isTrue();
      assertThat(isInvalidated(unread)).isTrue();
    }

    @Test
    void withoutPluginInvalidationOptsOut() {
      seed();
      Mutation<String, Boolean, Void> markAsRead =
          notification.<String, Boolean>asyncMutation(pluginServer).withoutPluginInvalidation().build();

      markAsRead.mutate("n1");
      pluginServer.call(0).resolve(true);

      assertThat(isInvalidated(notifications)).isFalse();
      assertThat(isInvalidated(unread)).isFalse();
    }

    @Test
    void blockingPluginMutationInvalidatesToo() {
      seed();
      Mutation<String, Boolean, Void> markAsRead = notification.<String, Boolean>mutation(id -> true).build();

      CompletableFuture<Boolean> run = markAsRead.mutate("n1");
      time.runDue();

      assertThat(run).isCompletedWithValue(true);
      assertThat(isInvalidated(notifications)).isTrue();
    }

    @Test
    void undoingAPluginMutationInvalidatesThePluginsQueriesToo() {
      seed();
      RecordingToaster offers = new RecordingToaster();
      QueryClient undoClient = time.clientBuilder().fetchExecutor(Runnable::run).toaster(offers).build();
      PluginScope scope = undoClient.plugin("notification");
      QueryKey<List<String>> list = scope.queryKey("getNotifications", Map.of("limit", 20));
      QueryKey<Integer> count = scope.queryKey("getUnreadCount", null);
      undoClient.setQueryData(list, List.of("n1", "n2"));
      undoClient.setQueryData(count, 2);
      Mutation<String, Boolean, Void> archive =
          scope.<String, Boolean>asyncMutation(pluginServer)
              .optimistic(list, (rows, id) -> rows.stream().filter(row -> !row.equals(id)).collect(Collectors.toUnmodifiableList()))
              .errorMessage("Failed to archive")
              .undoable(result -> Optional.of("m-1"), request -> true, id -> "Archived")
              .build();
      archive.mutate("n1");
      pluginServer.call(0).resolve(true);
      undoClient.setQueryData(count, 1); // the refetch after the archive
      assertThat(undoClient.getQueryState(count).orElseThrow().isInvalidated()).isFalse();

      CompletableFuture<Void> undone = offers(offers).get(0).undo();

      assertThat(undone).isCompleted();
      assertThat(undoClient.getQueryState(count).orElseThrow().isInvalidated())
          .as("the unread count, under the plugin's prefix, refetches after the undo")
          .isTrue();
      undoClient.close();
    }

    @Test
    void blankPluginNameIsRejected() {
      assertThatThrownBy(() -> client.plugin("")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> client.plugin("   ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutPluginInvalidationOutsideAPluginIsRefused() {
      assertThatThrownBy(() -> client.<String, Boolean>asyncMutation(pluginServer).withoutPluginInvalidation())
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
