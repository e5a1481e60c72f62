package dev.querycache.tests;

import dev.querycache.tests.MutationGuideExamples.Archive;
import dev.querycache.tests.MutationGuideExamples.Config;
import dev.querycache.tests.MutationGuideExamples.Envelope;
import dev.querycache.tests.MutationGuideExamples.MailAction;
import dev.querycache.tests.MutationGuideExamples.MailApi;
import dev.querycache.tests.MutationGuideExamples.MailResult;
import dev.querycache.tests.MutationGuideExamples.Notification;
import dev.querycache.tests.MutationGuideExamples.NotificationApi;
import dev.querycache.tests.MutationGuideExamples.NotificationsPage;
import dev.querycache.tests.MutationGuideExamples.StarTap;
import dev.querycache.tests.MutationGuideExamples.Toggle;
import dev.querycache.Mutation;
import dev.querycache.MutationRefusedException;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.Toaster;
import dev.querycache.UndoOffer;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs the code of {@code docs/mutations.md} against fake servers. */
class MutationGuideExamplesTest {
  final VirtualTime time = new VirtualTime();
  final List<String> toasts = new ArrayList<>();
  final List<UndoOffer> offers = new ArrayList<>();
  final QueryClient client =
      time.clientBuilder().fetchExecutor(Runnable::run)
          .toaster(
              new Toaster() {
                @Override
                public void success(String message) {
                  toasts.add("success: " + message);
                }

                @Override
                public void error(String message, Throwable cause) {
                  toasts.add("error: " + message);
                }

                @Override
                public void undo(String message, UndoOffer offer) {
                  toasts.add("undo: " + message);
                  offers.add(offer);
                }
              })
          .build();

  final NotificationsPage page =
      new NotificationsPage(List.of(new Notification("n1", "Build finished", false)), 1);

  @Test
  void theRunOfAnAsyncOnSettledEndsOnceItsRefetchLanded() {
    ControllableQuery<List<String>> todosServer = new ControllableQuery<>();
    try (var screen = client.observe(QueryOptions.builder(QueryKey.<List<String>>of("todos")).asyncFetcher(todosServer).build(),
        result -> {})) {
      todosServer.resolve(List.of("t1"));

      CompletableFuture<Boolean> done = MutationGuideExamples.completeTodo(client, id -> true).mutate("t1");

      assertThat(done).as("waits for the refetch").isNotDone();
      todosServer.resolve(List.of());
      assertThat(done).isCompletedWithValue(true);
      assertThat(screen.result().data()).isEmpty();
    }
  }

  @Test
  void aButtonIsEnabledWhileNoRunIsPendingAndAClickFiresARun() {
    ControllableMutation<String, Boolean> server = new ControllableMutation<>();
    Mutation<String, Boolean, Void> markAsRead = client.asyncMutation(server).build();
    List<Boolean> enabled = new ArrayList<>();

    MutationGuideExamples.enableWhileIdle(markAsRead, enabled::add);
    MutationGuideExamples.onClick(markAsRead, "n1");
    MutationGuideExamples.onClick(markAsRead, "n1"); // pending: ignored
    server.resolve(true);

    assertThat(server.callCount()).isEqualTo(1);
    assertThat(enabled).containsExactly(true, false, true);
  }

  @Test
  void markAsReadFlipsAtOnceAndRollsBackWithAToastWhenTheServerRefuses() {
    NotificationApi refusing =
        new NotificationApi() {
          @Override
          public NotificationsPage getNotifications(int limit, int offset) {
            return page;
          }

          @Override
          public boolean markAsRead(String id) {
            throw new IllegalStateException("read-only mailbox");
          }
        };
    QueryKey<NotificationsPage> key =
        client.plugin("notification").queryKey("getNotifications", Map.of("limit", 20, "offset", 0, "unreadOnly", false));
    client.setQueryData(key, page);

    assertThatThrownBy(() -> MutationGuideExamples.markAsRead(client, refusing).mutate("n1").get())
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("read-only mailbox");

    assertThat(client.getQueryData(key)).contains(page);
    assertThat(toasts).containsExactly("error: Failed to mark as read");
  }

  @Test
  void pauseFlipsTheToggleAndTheSettleKeepsTheServersAnswer() throws Exception {
    QueryKey<List<Config>> configs = client.plugin("healthcheck").queryKey("getConfigurations", null);
    client.setQueryData(configs, List.of(new Config("c1", false)));
    MutationGuideExamples.HealthCheckApi api =
        new MutationGuideExamples.HealthCheckApi() {
          @Override
          public List<Config> getConfigurations() {
            return List.of(new Config("c1", true));
          }

          @Override
          public Config setPaused(String id, boolean paused) {
            return new Config(id, paused);
          }
        };

    MutationGuideExamples.pauseOrResume(client, api).mutate(new Toggle("c1", true)).get();

    assertThat(client.getQueryData(configs)).contains(List.of(new Config("c1", true)));
    assertThat(toasts).isEmpty();
  }

  @Test
  void fourTapsOnTheStarSendTheFirstAndThenTheLastAndShowEveryTapAtOnce() {
    QueryClient waiting = time.clientBuilder().build();               // requests wait for the clock
    List<StarTap> sent = new ArrayList<>();
    Mutation<StarTap, Boolean, Void> star = MutationGuideExamples.star(waiting, (id, starred) -> {
      sent.add(new StarTap(id, starred));
      return true;
    });
    QueryKey<List<Envelope>> inbox = QueryKey.of("mail", "envelopes", "inbox");
    waiting.setQueryData(inbox, List.of(new Envelope("m1", "Hello", false, false)));

    for (boolean starred : List.of(true, false, true, false)) {
      star.mutate(new StarTap("m1", starred));
      assertThat(waiting.getQueryData(inbox).orElseThrow().get(0).starred()).isEqualTo(starred);
    }
    time.runDue();                                                     // the server answers, follow-up included

    assertThat(sent).containsExactly(new StarTap("m1", true), new StarTap("m1", false));
    assertThat(waiting.getQueryData(inbox).orElseThrow().get(0).starred()).isFalse();
    waiting.close();
  }

  @Test
  void aDoubleClickOnSendSendsOnceAndRefusesTheSecondClick() {
    QueryClient waiting = time.clientBuilder().build();
    List<String> sent = new ArrayList<>();
    Mutation<String, String, Void> send = MutationGuideExamples.sendDraft(waiting, draftId -> {
      sent.add(draftId);
      return "sent " + draftId;
    });

    CompletableFuture<String> first = send.mutate("d1");
    CompletableFuture<String> second = send.mutate("d1");
    time.runDue();

    assertThat(first).isCompletedWithValue("sent d1");
    assertThat(second).isCompletedExceptionally();
    assertThatThrownBy(second::join).hasCauseInstanceOf(MutationRefusedException.class);
    assertThat(sent).containsExactly("d1");
    waiting.close();
  }

  @Test
  void archiveThroughTheFunnelOffersAnUndoThatBringsTheRowBack() throws Exception {
    QueryKey<List<Envelope>> inbox = QueryKey.of("mail", "envelopes", "inbox");
    Envelope mail = new Envelope("m1", "Hello", false, false);
    client.setQueryData(inbox, List.of(mail));
    List<String> undone = new ArrayList<>();
    MailApi api =
        new MailApi() {
          @Override
          public MailResult perform(MailAction action) {
            return new MailResult("mut-" + action.id());
          }

          @Override
          public void undo(String mutationId) {
            undone.add(mutationId);
          }
        };

    MutationGuideExamples.mailFunnel(client, api).mutate(new Archive("m1")).get();
    assertThat(client.getQueryData(inbox)).contains(List.of());
    assertThat(toasts).containsExactly("undo: Archived");

    offers.get(0).undo().get();
    assertThat(undone).containsExactly("mut-m1");
    assertThat(client.getQueryData(inbox)).contains(List.of(mail));
  }

  @Test
  void theHandWrittenPortGivesItsContextAndLeavesNoLayerOnFailure() {
    QueryKey<NotificationsPage> key = QueryKey.of("notifications");
    client.setQueryData(key, page);
    NotificationApi failing =
        new NotificationApi() {
          @Override
          public NotificationsPage getNotifications(int limit, int offset) {
            return page;
          }

          @Override
          public boolean markAsRead(String id) throws Exception {
            throw new java.io.IOException("offline");
          }
        };

    MutationGuideExamples.markAsReadByHand(client, failing, key).mutate("n1");

    assertThat(client.getQueryData(key)).contains(page);
    assertThat(client.getQueryState(key).orElseThrow().optimisticLayers()).isZero();
  }
}
