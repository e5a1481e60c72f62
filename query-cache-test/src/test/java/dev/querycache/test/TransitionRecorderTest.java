package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransitionRecorderTest {
  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  final TransitionRecorder recorder = new TransitionRecorder(client);
  final ControllableQuery<String> server = new ControllableQuery<>();
  final QueryKey<String> todos = QueryKey.of("todos", 1);
  final QueryKey<String> users = QueryKey.of("users");

  @AfterEach
  void close() {
    recorder.close();
  }

  private QueryOptions<String> options(QueryKey<String> key) {
    return QueryOptions.builder(key).asyncFetcher(server).build();
  }

  @Test
  void observeRecordsWhatAScreenSees() {
    TransitionLog<String> screen = recorder.observe(options(todos));

    server.resolve("walk the dog");

    screen.assertSequence("loading", "fetched: walk the dog");
  }

  @Test
  void observeMakesTheQueryActiveSoInvalidationRefetchesIt() {
    TransitionLog<String> screen = recorder.observe(options(todos));
    server.resolve("walk the dog");

    client.invalidateQueries(QueryFilter.exact(todos));
    server.resolve("feed the cat");

    assertThat(screen.labels()).containsExactly("loading", "fetched", "refetching", "refetched");
  }

  @Test
  void describeTurnsDataIntoTheWordsTheTestAsserts() {
    TransitionLog<String> screen = recorder.observe(options(todos), String::length);

    server.resolve("walk the dog");

    assertThat(screen.summaries()).containsExactly("loading", "fetched: 12");
  }

  @Test
  void watchingAKeyRecordsItsCurrentStateAtOnce() {
    client.setQueryData(todos, "walk the dog");

    TransitionLog<String> log = recorder.watch(todos);

    log.assertSequence("cached: walk the dog");
  }

  @Test
  void watchingAKeyNeitherObservesNorFetchesIt() {
    client.setQueryData(todos, "walk the dog");
    recorder.watch(todos);

    client.invalidateQueries(QueryFilter.exact(todos));

    assertThat(client.getQueries(QueryFilter.exact(todos)).get(0).observerCount()).isZero();
    assertThat(server.callCount()).isZero();
  }

  @Test
  void watchingAKeyRecordsEveryChange() {
    TransitionLog<String> log = recorder.watch(todos);

    client.setQueryData(todos, "walk the dog");
    client.invalidateQueries(QueryFilter.exact(todos));
    client.setQueryData(todos, "feed the cat");

    log.assertSequence("cached: walk the dog", "invalidated: walk the dog", "updated: feed the cat");
  }

  @Test
  void watchingAKeyRecordsItsRemoval() {
    client.setQueryData(todos, "walk the dog");
    TransitionLog<String> log = recorder.watch(todos);

    client.removeQueries(QueryFilter.exact(todos));

    assertThat(log.labels()).containsExactly("cached", "removed");
    assertThat(log.dataSequence()).containsExactly("walk the dog", null);
  }

  @Test
  void watchingAFilterRecordsQueriesThatAppearLater() {
    recorder.watch(QueryFilter.prefix(QueryKey.of("todos")));

    client.setQueryData(todos, "walk the dog");
    client.setQueryData(users, "ada");

    recorder.of(todos).assertSequence("cached: walk the dog");
    assertThat(recorder.transitions()).extracting(Transition::summary).containsExactly("cached: walk the dog");
  }

  @Test
  void watchingAFilterRecordsTheRemovalOfTheQueriesItSaw() {
    client.setQueryData(todos, "walk the dog");
    recorder.watch(QueryFilter.prefix(QueryKey.of("todos")), data -> "a todo");

    client.removeQueries(QueryFilter.all());

    recorder.of(todos).assertSequence("cached: a todo", "removed");
  }

  @Test
  void aLogAskedForBeforeItsFilterMatchedFillsLater() {
    recorder.watch(QueryFilter.prefix(QueryKey.of("todos")));
    TransitionLog<String> log = recorder.of(todos);

    client.setQueryData(todos, "walk the dog");

    log.assertSequence("cached: walk the dog");
  }

  @Test
  void askingForAKeyNothingRecordsFailsNamingTheRecordedKeys() {
    recorder.watch(todos);

    assertThatThrownBy(() -> recorder.of(users))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nothing records [\"users\"]: observe or watch it first; recorded keys: [[\"todos\",1]]");
  }

  @Test
  void recordingAKeyTwiceFails() {
    recorder.watch(todos);

    assertThatThrownBy(() -> recorder.observe(options(todos)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already observed or watched");
  }

  @Test
  void transitionsListsEveryKeyInTheOrderRecorded() {
    recorder.watch(todos);
    recorder.watch(users);

    client.setQueryData(users, "ada");
    client.setQueryData(todos, "walk the dog");
    client.setQueryData(users, "grace");

    assertThat(recorder.transitions()).extracting(Transition::summary)
        .containsExactly("cached: ada", "cached: walk the dog", "updated: grace");
  }

  @Test
  void oneOperationIsOneTransition() {
    TransitionLog<String> log = recorder.watch(todos);

    client.batch(() -> {
      client.setQueryData(todos, "walk the dog");
      client.setQueryData(todos, "feed the cat");
    });

    log.assertSequence("cached: feed the cat");
  }

  @Test
  void stalenessByTimeAloneIsNotATransition() {
    TransitionLog<String> screen = recorder.observe(
        QueryOptions.builder(todos).asyncFetcher(server).staleTime(Duration.ofSeconds(30)).build());
    server.resolve("walk the dog");

    time.advance(Duration.ofMinutes(1));

    assertThat(screen.labels()).containsExactly("loading", "fetched");
  }

  @Test
  void aDescribeFunctionThatThrowsIsRecordedAsSuch() {
    TransitionLog<String> log = recorder.watch(todos, data -> {
      throw new IllegalStateException("no words");
    });

    client.setQueryData(todos, "walk the dog");

    assertThat(log.last().description()).isEqualTo("<describe threw java.lang.IllegalStateException: no words>");
  }

  @Test
  void closeClosesTheObserversAndStopsRecording() {
    TransitionLog<String> screen = recorder.observe(options(todos));
    server.resolve("walk the dog");

    recorder.close();
    client.setQueryData(todos, "feed the cat");

    assertThat(client.getQueries(QueryFilter.exact(todos)).get(0).observerCount()).isZero();
    assertThat(screen.labels()).containsExactly("loading", "fetched");
  }

  @Test
  void aClosedRecorderRefusesNewRecordings() {
    recorder.close();

    assertThatThrownBy(() -> recorder.watch(todos))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the recorder is closed");
  }

  @Test
  void toStringListsEveryKeysTransitions() {
    recorder.watch(todos);
    client.setQueryData(todos, "walk the dog");

    assertThat(recorder.toString()).isEqualTo(
        "TransitionRecorder\n[\"todos\",1]:\n  #0 cached: walk the dog  (SUCCESS, IDLE)\n");
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> new TransitionRecorder(null)).hasMessageContaining("client");
    assertThatThrownBy(() -> recorder.observe(null)).hasMessageContaining("options");
    assertThatThrownBy(() -> recorder.watch(todos, null)).hasMessageContaining("describe");
    assertThatThrownBy(() -> recorder.watch((QueryFilter) null)).hasMessageContaining("filter");
    assertThatThrownBy(() -> recorder.of(null)).hasMessageContaining("key");
  }

  @Test
  void theMarkAsReadStoryReadsOptimisticRolledBackRefetched() {
    ControllableMutation<String, Boolean> markAsRead = new ControllableMutation<>();
    QueryKey<List<String>> unread = QueryKey.of("unread");
    ControllableQuery<List<String>> unreadServer = new ControllableQuery<>();
    TransitionLog<List<String>> screen =
        recorder.observe(QueryOptions.builder(unread).asyncFetcher(unreadServer).build());
    unreadServer.resolve(List.of("n1", "n2"));

    client.asyncMutation(markAsRead)
        .optimistic(unread, (rows, id) -> rows.stream().filter(row -> !row.equals(id)).toList())
        .errorMessage("Failed to mark as read")
        .build()
        .mutate("n1");
    markAsRead.fail(new java.io.IOException("503"));
    unreadServer.resolve(List.of("n1", "n2"));

    assertThat(screen.labels()).containsExactly("loading", "fetched", "optimistic", "rolled back", "refetched");
    assertThat(screen.dataSequence()).containsExactly(
        null, List.of("n1", "n2"), List.of("n2"), List.of("n1", "n2"), List.of("n1", "n2"));
  }
}
