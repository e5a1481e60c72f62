package dev.querycache.tests;

import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.FollowUpLimitException;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationRefusedException;
import dev.querycache.OptimisticMutationBuilder;
import dev.querycache.QueryClient;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Specification of rapid toggles (seed 004): a sync mutation coalesces calls with the same key
 * into one channel, one request in flight per key, a follow-up only if the latest value
 * differs from the one sent, the answer used only once the value is stable; an exclusive
 * mutation refuses a second call for a busy key. Time is virtual; the server's answers are
 * given by hand.
 */
class RapidTogglesTest {
  record Row(int id, boolean starred) {}

  /** The variables: the value to set, never "flip it". */
  record Star(int id, boolean on) {}

  static final QueryKey<List<Row>> INBOX = QueryKey.of("mail", "inbox");

  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryClient client = time.clientBuilder().toaster(toaster).build();
  private final ControllableMutation<Star, String> server = new ControllableMutation<>();

  static List<Row> star(List<Row> rows, Star star) {
    return rows.stream()
        .map(row -> row.id() == star.id() ? new Row(row.id(), star.on()) : row)
        .collect(Collectors.toUnmodifiableList());
  }

  private OptimisticMutationBuilder<Star, String, Void> starring() {
    return client.<Star, String>asyncMutation(server)
        .optimistic(INBOX, RapidTogglesTest::star)
        .name("star")
        .errorMessage("Could not star the message");
  }

  private Mutation<Star, String, Void> syncStar() {
    return starring().sync(Star::id).build();
  }

  private void seed() {
    client.setQueryData(INBOX, List.of(new Row(1, false), new Row(2, false)));
  }

  private boolean starredOnScreen(int id) {
    return client.getQueryData(INBOX).orElseThrow().stream().filter(r -> r.id() == id).findFirst().orElseThrow().starred();
  }

  private int layers() {
    return client.getQueryState(INBOX).orElseThrow().optimisticLayers();
  }

  /** Taps the star of message {@code id} with each value in turn; returns the calls' futures. */
  private List<CompletableFuture<String>> tap(Mutation<Star, String, Void> mutation, int id, boolean... values) {
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (boolean value : values) {
      futures.add(mutation.mutate(new Star(id, value)));
    }
    return futures;
  }

  @Nested
  class SyncMode {
    @Test
    void everyTapShowsAtOnceAndTheStackHoldsOneLayer() {
      seed();
      Mutation<Star, String, Void> mutation = syncStar();

      for (boolean value : new boolean[] {true, false, true, false}) {
        mutation.mutate(new Star(1, value));
        assertThat(starredOnScreen(1)).as("the screen shows the tap at once").isEqualTo(value);
        assertThat(layers()).as("the channel's one layer, replaced per tap").isEqualTo(1);
      }
    }

    @Test
    void onlyTheFirstTapOfABurstSendsWhileItsRequestIsInFlight() {
      seed();
      tap(syncStar(), 1, true, false, true, false, true);

      assertThat(server.variables()).containsExactly(new Star(1, true));
    }

    @Test
    void aLatestValueEqualToTheSentOneNeedsNoFollowUp() {
      seed();
      List<CompletableFuture<String>> futures = tap(syncStar(), 1, true, false, true);

      server.call(0).resolve("ok");

      assertThat(server.callCount()).as("toggled back to the sent value").isEqualTo(1);
      assertThat(futures).allSatisfy(future -> assertThat(future).isCompletedWithValue("ok"));
      assertThat(starredOnScreen(1)).isTrue();
    }

    @Test
    void aLatestValueThatDiffersIsSentAsOneFollowUpAndTheServerEndsWithIt() {
      seed();
      List<CompletableFuture<String>> futures = tap(syncStar(), 1, true, false, true, false);

      server.call(0).resolve("first");
      assertThat(server.variables()).containsExactly(new Star(1, true), new Star(1, false));
      assertThat(futures).as("the channel is open until the follow-up answers").noneMatch(CompletableFuture::isDone);

      server.call(1).resolve("second");
      assertThat(futures).allSatisfy(future -> assertThat(future).isCompletedWithValue("second"));
      assertThat(starredOnScreen(1)).isFalse();
      assertThat(layers()).isZero();
    }

    @Test
    void theCallbacksRunOnceWithTheLatestValueAndTheStableAnswer() {
      seed();
      List<String> seen = new CopyOnWriteArrayList<>();
      Mutation<Star, String, Void> mutation = starring()
          .sync(Star::id)
          .onSuccess((result, star, context) -> seen.add("success " + star + " " + result))
          .onSettled((result, error, star, context) -> seen.add("settled " + star + " " + result))
          .build();
      tap(mutation, 1, true, false);

      server.call(0).resolve("server says true");
      server.call(1).resolve("server says false");

      assertThat(seen).containsExactly(
          "success Star[id=1, on=false] server says false", "settled Star[id=1, on=false] server says false");
    }

    @Test
    void theCompletionCallbackRunsAfterTheChannelClosedSoATapThereSendsAtOnce() {
      seed();
      List<Integer> requestsSeenByATapInTheCallback = new CopyOnWriteArrayList<>();
      AtomicReference<Mutation<Star, String, Void>> self = new AtomicReference<>();
      self.set(starring()
          .sync(Star::id)
          .onSettled((result, error, star, context) -> {
            if (requestsSeenByATapInTheCallback.isEmpty()) {
              self.get().mutate(new Star(1, false));
              requestsSeenByATapInTheCallback.add(server.callCount());
            }
          })
          .build());
      tap(self.get(), 1, true);

      server.call(0).resolve("ok");

      assertThat(requestsSeenByATapInTheCallback).as("the tap opened a new channel").containsExactly(2);
      assertThat(server.call(1).variables()).isEqualTo(new Star(1, false));
    }

    @Test
    void theCompletionCallbackMayPutTheServersValueBackAfterAFailure() {
      seed();
      List<Row> reloaded = List.of(new Row(1, true), new Row(2, false));
      Mutation<Star, String, Void> mutation = starring()
          .sync(Star::id)
          .onError((error, star, context) -> client.setQueryData(INBOX, reloaded))
          .build();
      tap(mutation, 1, true, false);
      server.call(0).resolve("ok");

      server.call(1).fail(new IOException("down"));

      assertThat(client.getQueryData(INBOX)).contains(reloaded);
      assertThat(layers()).isZero();
    }

    @Test
    void everyCallIsPendingUntilTheChannelCloses() {
      seed();
      Mutation<Star, String, Void> mutation = syncStar();
      tap(mutation, 1, true, false);
      server.call(0).resolve("ok");

      assertThat(client.getMutations(MutationFilter.all().pending())).hasSize(2);
      assertThat(mutation.state().isPending()).isTrue();

      server.call(1).resolve("ok");
      assertThat(client.getMutations(MutationFilter.all().pending())).isEmpty();
      assertThat(mutation.state().variables()).isEqualTo(new Star(1, false));
    }

    @Test
    void aKeyFunctionThatThrowsFailsThatCallAndLeavesTheOtherChannelsAlone() {
      seed();
      Mutation<Star, String, Void> mutation = starring().sync(star -> {
        if (star.id() == 2) {
          throw new IllegalArgumentException("no channel for message 2");
        }
        return star.id();
      }).build();
      List<CompletableFuture<String>> first = tap(mutation, 1, true);

      CompletableFuture<String> broken = mutation.mutate(new Star(2, true));

      assertThat(failureOf(broken)).hasMessage("no channel for message 2");
      assertThat(starredOnScreen(2)).isFalse();
      server.call(0).resolve("ok");
      assertThat(first.get(0)).isCompletedWithValue("ok");
    }

    @Test
    void anEarlierAnswerNeverOverwritesALaterTap() {
      seed();
      List<String> applied = new CopyOnWriteArrayList<>();
      Mutation<Star, String, Void> mutation = starring()
          .sync(Star::id)
          .onSuccess((result, star, context) -> applied.add(result))
          .build();
      tap(mutation, 1, true, false);

      server.call(0).resolve("stale answer for true");

      assertThat(applied).as("the first answer is dropped: a follow-up is under way").isEmpty();
      assertThat(starredOnScreen(1)).isFalse();
    }

    @Test
    void aFailedRequestRemovesTheLayerToastsOnceAndFailsEveryCoalescedCall() {
      seed();
      List<CompletableFuture<String>> futures = tap(syncStar(), 1, true, false, true);

      IOException down = new IOException("server down");
      server.call(0).fail(down);

      assertThat(starredOnScreen(1)).as("the confirmed value").isFalse();
      assertThat(layers()).isZero();
      assertThat(toaster.errors()).hasSize(1);
      assertThat(futures).allSatisfy(future -> assertThat(failureOf(future)).isSameAs(down));
    }

    @Test
    void aFailedFollowUpFailsTheChannelAndShowsTheConfirmedValue() {
      seed();
      List<CompletableFuture<String>> futures = tap(syncStar(), 1, true, false);
      server.call(0).resolve("true saved");

      IOException down = new IOException("server down");
      server.call(1).fail(down);

      assertThat(starredOnScreen(1)).as("the layer came off; the confirmed data is still as seeded").isFalse();
      assertThat(layers()).isZero();
      assertThat(toaster.errors()).hasSize(1);
      assertThat(futures).allSatisfy(future -> assertThat(failureOf(future)).isSameAs(down));
    }

    @Test
    void theFollowUpBoundEndsInAnErrorAndLeavesTheKeyFree() {
      seed();
      Mutation<Star, String, Void> mutation = starring().sync(Star::id, 1).build();
      List<CompletableFuture<String>> futures = tap(mutation, 1, true, false);
      server.call(0).resolve("ok");
      mutation.mutate(new Star(1, true));

      server.call(1).resolve("ok");

      assertThat(failureOf(futures.get(0))).isInstanceOf(FollowUpLimitException.class)
          .hasMessageContaining("1 follow-ups");
      assertThat(layers()).isZero();
      CompletableFuture<String> next = mutation.mutate(new Star(1, true));
      assertThat(server.callCount()).as("a new channel sends at once").isEqualTo(3);
      server.call(2).resolve("ok");
      assertThat(next).isCompletedWithValue("ok");
    }

    @Test
    void theSettleInvalidationRunsOnceWhenTheChannelCloses() {
      seed();
      List<QueryEvent.Kind> kinds = new CopyOnWriteArrayList<>();
      client.onQueryEvent(event -> kinds.add(event.kind()));
      tap(syncStar(), 1, true, false, true, false);

      server.call(0).resolve("ok");
      assertThat(kinds).doesNotContain(QueryEvent.Kind.INVALIDATED);
      server.call(1).resolve("ok");

      assertThat(kinds.stream().filter(kind -> kind == QueryEvent.Kind.INVALIDATED)).hasSize(1);
    }

    @Test
    void differentKeysHaveTheirOwnChannelsAndRequests() {
      seed();
      Mutation<Star, String, Void> mutation = syncStar();

      tap(mutation, 1, true, false);
      tap(mutation, 2, true, false);

      assertThat(server.variables()).containsExactly(new Star(1, true), new Star(2, true));
    }

    @Test
    void aTapAfterTheChannelClosedOpensANewOne() {
      seed();
      Mutation<Star, String, Void> mutation = syncStar();
      tap(mutation, 1, true);
      server.call(0).resolve("ok");

      tap(mutation, 1, false);

      assertThat(server.variables()).containsExactly(new Star(1, true), new Star(1, false));
    }

    @Test
    void aRefetchLandingMidBurstKeepsTheLatestTapOnTop() {
      seed();
      tap(syncStar(), 1, true, false, true);

      client.setQueryData(INBOX, List.of(new Row(1, false), new Row(2, true), new Row(3, false)));

      assertThat(starredOnScreen(1)).as("the tap over the new data").isTrue();
      assertThat(starredOnScreen(2)).isTrue();
      assertThat(layers()).isEqualTo(1);
    }

    @Test
    void aFetchLandingMidBurstIsShownUnderTheLatestTap() {
      ControllableQuery<List<Row>> inboxServer = new ControllableQuery<>();
      client.observe(QueryOptions.builder(INBOX).asyncFetcher(inboxServer).build(), result -> {});
      inboxServer.resolve(List.of(new Row(1, false), new Row(2, false)));
      tap(syncStar(), 1, true, false, true);

      client.invalidateQueries(QueryFilter.exact(INBOX));
      inboxServer.resolve(List.of(new Row(1, false), new Row(2, true)));

      assertThat(starredOnScreen(1)).as("the latest tap, over the fetched rows").isTrue();
      assertThat(starredOnScreen(2)).as("the fetched row").isTrue();
      assertThat(layers()).isEqualTo(1);
    }

    @Test
    void theKeyRemovedMidBurstLeavesTheChannelToFinish() {
      seed();
      List<CompletableFuture<String>> futures = tap(syncStar(), 1, true, false);

      client.removeQueries(QueryFilter.exact(INBOX));
      server.call(0).resolve("ok");
      server.call(1).resolve("ok");

      assertThat(futures).allSatisfy(future -> assertThat(future).isCompletedWithValue("ok"));
      assertThat(client.getMutations(MutationFilter.all().pending())).isEmpty();
    }

    @Test
    void closingTheClientMidBurstCancelsEveryCall() {
      seed();
      List<CompletableFuture<String>> futures = tap(syncStar(), 1, true, false, true);

      client.close();

      assertThat(futures).allSatisfy(future -> assertThat(failureOf(future)).isInstanceOf(java.util.concurrent.CancellationException.class));
      assertThat(toaster.toasts()).isEmpty();
    }

    @Test
    void aPatchThatThrowsFailsTheChannel() {
      seed();
      Mutation<Star, String, Void> mutation = client.<Star, String>asyncMutation(server)
          .optimistic(INBOX, (rows, star) -> {
            if (star.on() && star.id() == 2) {
              throw new IllegalStateException("no stars on message 2");
            }
            return star(rows, star);
          })
          .errorMessage("Could not star")
          .sync(star -> "one channel")
          .build();
      List<CompletableFuture<String>> futures = new ArrayList<>(tap(mutation, 1, true));
      futures.add(mutation.mutate(new Star(2, true)));

      server.call(0).resolve("ok");

      assertThat(futures).allSatisfy(future -> assertThat(failureOf(future)).hasMessage("no stars on message 2"));
      assertThat(starredOnScreen(1)).isFalse();
      assertThat(toaster.errors()).hasSize(1);
    }

    @Test
    void eightThreadsTappingTheSameKeysKeepOneRequestInFlightPerKeyAndEndOnTheLastTap() throws Exception {
      seed();
      ControllableMutation<Star, String> answering = new ControllableMutation<>();
      Mutation<Star, String, Void> mutation = client.<Star, String>asyncMutation(answering)
          .optimistic(INBOX, RapidTogglesTest::star)
          .errorMessage("Could not star")
          .sync(Star::id)
          .build();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seedValue = t;
        threads.add(new Thread(() -> {
          for (int i = 0; i < 200; i++) {
            mutation.mutate(new Star(1 + (i % 2), (i + seedValue) % 3 == 0));
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      // Answer until every channel closed: one pending request per key at most, at any time.
      for (int round = 0; round < 100 && !answering.pendingCalls().isEmpty(); round++) {
        assertThat(answering.pendingCalls().stream().map(call -> call.variables().id()).distinct().count())
            .isEqualTo(answering.pendingCalls().size());
        answering.pendingCalls().forEach(call -> call.resolve("ok"));
      }

      assertThat(answering.pendingCalls()).isEmpty();
      assertThat(layers()).isZero();
      for (int id = 1; id <= 2; id++) {
        int key = id;
        Star lastSent = answering.variables().stream().filter(s -> s.id() == key).reduce((a, b) -> b).orElseThrow();
        assertThat(starredOnScreen(id)).as("the server ends with the value on screen").isEqualTo(lastSent.on());
      }
      assertThat(client.getMutations(MutationFilter.all().pending())).isEmpty();
    }
  }

  @Nested
  class ExclusiveMode {
    private Mutation<Star, String, Void> exclusiveStar() {
      return starring().exclusive(Star::id).build();
    }

    @Test
    void aSecondCallForABusyKeyIsRefusedWithANamedExceptionAndNoLayer() {
      seed();
      Mutation<Star, String, Void> mutation = exclusiveStar();
      mutation.mutate(new Star(1, true));

      CompletableFuture<String> second = mutation.mutate(new Star(1, false));

      assertThat(failureOf(second)).isInstanceOf(MutationRefusedException.class)
          .hasMessageContaining("star is already running for 1");
      assertThat(((MutationRefusedException) failureOf(second)).key()).isEqualTo(1);
      assertThat(starredOnScreen(1)).as("the first call's patch only").isTrue();
      assertThat(layers()).isEqualTo(1);
      assertThat(server.callCount()).isEqualTo(1);
      assertThat(toaster.toasts()).isEmpty();
    }

    @Test
    void aRefusedCallRecordsNoRun() {
      seed();
      Mutation<Star, String, Void> mutation = exclusiveStar();
      mutation.mutate(new Star(1, true));

      mutation.mutate(new Star(1, false));

      assertThat(client.getMutations(MutationFilter.all())).hasSize(1);
      assertThat(mutation.state().variables()).isEqualTo(new Star(1, true));
    }

    @Test
    void theKeyIsFreeAgainOnceItsRunSettled() {
      seed();
      Mutation<Star, String, Void> mutation = exclusiveStar();
      mutation.mutate(new Star(1, true));
      server.call(0).fail(new IOException("down"));

      CompletableFuture<String> again = mutation.mutate(new Star(1, true));

      assertThat(again).isNotDone();
      assertThat(server.callCount()).isEqualTo(2);
    }

    @Test
    void callsForOtherKeysRunAsUsual() {
      seed();
      Mutation<Star, String, Void> mutation = exclusiveStar();
      mutation.mutate(new Star(1, true));

      mutation.mutate(new Star(2, true));

      assertThat(server.variables()).containsExactly(new Star(1, true), new Star(2, true));
    }

    @Test
    void aKeyFunctionThatThrowsFailsThatCallOnly() {
      seed();
      Mutation<Star, String, Void> mutation = starring().exclusive(star -> {
        throw new IllegalArgumentException("no key for " + star);
      }).build();

      CompletableFuture<String> call = mutation.mutate(new Star(1, true));

      assertThat(failureOf(call)).isInstanceOf(IllegalArgumentException.class);
      assertThat(layers()).isZero();
    }
  }

  @Nested
  class Building {
    @Test
    void aMutationIsSyncOrExclusiveNotBoth() {
      assertThatThrownBy(() -> starring().sync(Star::id).exclusive(Star::id))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already sync");
    }

    @Test
    void aSyncMutationIsNotUndoable() {
      assertThatThrownBy(() -> starring().sync(Star::id)
              .undoable(result -> Optional.of(result), request -> true, star -> "Starred").build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not undoable");
    }

    @Test
    void aPlainOptimisticMutationCoalescesThroughItsSyncTwin() {
      Mutation<Star, String, Void> plain = starring().build();

      Mutation<Star, String, Void> twin = plain.coalescedBy(Star::id);

      assertThat(twin).isNotSameAs(plain);
      assertThat(twin.isSync()).isTrue();
      assertThat(plain.isSync()).isFalse();
    }

    @Test
    void aMutationThatAlreadyDecidesHowCallsMeetIsUsedAsItIs() {
      Mutation<Star, String, Void> sync = syncStar();
      Mutation<Star, String, Void> exclusive = starring().exclusive(Star::id).build();
      Mutation<Star, String, Void> undoable =
          starring().undoable(result -> Optional.of(result), request -> true, star -> "Starred").build();
      Mutation<Star, String, Void> notOptimistic = client.<Star, String>asyncMutation(server).build();

      assertThat(sync.coalescedBy(Star::id)).isSameAs(sync);
      assertThat(exclusive.coalescedBy(Star::id)).isSameAs(exclusive);
      assertThat(undoable.coalescedBy(Star::id)).isSameAs(undoable);
      assertThat(notOptimistic.coalescedBy(Star::id)).isSameAs(notOptimistic);
    }

    @Test
    void aNegativeFollowUpBoundIsRefused() {
      assertThatThrownBy(() -> starring().sync(Star::id, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxFollowUps");
    }
  }
}
