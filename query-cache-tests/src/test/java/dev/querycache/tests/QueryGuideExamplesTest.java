package dev.querycache.tests;

import dev.querycache.QueryClient;
import dev.querycache.tests.QueryGuideExamples.Todo;
import dev.querycache.tests.QueryGuideExamples.TodoApi;
import dev.querycache.tests.QueryGuideExamples.TodoFilter;
import dev.querycache.tests.QueryGuideExamples.TodoKeys;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs the code of the query guides. */
class QueryGuideExamplesTest {
  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).build();
  final List<Todo> open = List.of(new Todo(1, "Write docs", false));
  final TodoApi api =
      new TodoApi() {
        @Override
        public List<Todo> todos(TodoFilter filter) {
          return open;
        }

        @Override
        public Todo todo(int id) {
          return open.get(0);
        }
      };

  @Test
  void aRecordInAKeyIsAMapOfItsProperties() {
    assertThat(TodoKeys.list(new TodoFilter("open", 1)))
        .isEqualTo(QueryKey.of("todos", "list", Map.of("status", "open", "page", 1)));
    assertThat(TodoKeys.list(new TodoFilter("open", 1)).startsWith(TodoKeys.all())).isTrue();
  }

  @Test
  void theObserverRendersTheFetchedList() {
    List<List<Todo>> rendered = new ArrayList<>();

    QueryGuideExamples.showTodos(client, api, rendered::add);

    assertThat(rendered).last().isEqualTo(open);
  }

  @Test
  void theDefaultFunctionFetchesTheUserByItsKey() {
    List<Object> paths = new ArrayList<>();
    List<QueryResult<QueryGuideExamples.User>> shown = new ArrayList<>();

    QueryGuideExamples.showUser(client, path -> {
      paths.add(path);
      return new QueryGuideExamples.User(7, "Ada");
    }, shown::add);

    assertThat(paths).containsExactly(List.of("api", "users", 7L)); // keys hold whole numbers as longs
    assertThat(shown).last().extracting(QueryResult::data).isEqualTo(new QueryGuideExamples.User(7, "Ada"));
  }

  @Test
  void aRefreshThatFailsBehindShownDataToastsAndAFirstLoadThatFailsDoesNot() {
    RecordingToaster toaster = new RecordingToaster();
    QueryClient toasting = QueryGuideExamples.createClientThatToastsFailedRefreshes(time.clientBuilder(), toaster);
    ControllableQuery<Todo> server = new ControllableQuery<>();
    QueryOptions<Todo> detail = QueryOptions.builder(TodoKeys.detail(7)).asyncFetcher(server).retry(0).build();
    toasting.observe(detail, result -> {});
    server.fail(new IOException("offline"));
    assertThat(toaster.errors()).as("a first load that fails: the screen shows its error view").isEmpty();

    toasting.refetchQueries(QueryFilter.exact(TodoKeys.detail(7)));
    server.resolve(new Todo(7, "Write docs", false));
    toasting.refetchQueries(QueryFilter.exact(TodoKeys.detail(7)));
    server.fail(new IOException("503 Service Unavailable"));

    assertThat(toaster.messages()).containsExactly("Could not refresh [\"todos\",\"detail\",7]");
    assertThat(toaster.errors().get(0).cause()).hasMessage("503 Service Unavailable");
    toasting.close();
  }

  @Test
  void closingTheCacheLimitStopsIt() throws Exception {
    AutoCloseable limit = QueryGuideExamples.keepAtMostFiftyUnwatchedQueries(client);
    limit.close();
    for (int id = 0; id < 60; id++) {
      client.setQueryData(TodoKeys.detail(id), new Todo(id, "t" + id, false));
    }

    client.observe(QueryOptions.builder(TodoKeys.detail(59)).build(), result -> {}).close();

    assertThat(client.getQueries(QueryFilter.all())).hasSize(60);
  }

  @Test
  void theListenerKeepsTheFiftyNewestUnwatchedQueries() {
    QueryGuideExamples.keepAtMostFiftyUnwatchedQueries(client);
    for (int id = 0; id < 60; id++) {
      client.setQueryData(TodoKeys.detail(id), new Todo(id, "t" + id, false));
      time.advance(Duration.ofMillis(1));
    }

    client.observe(QueryOptions.builder(TodoKeys.detail(59)).build(), result -> {}).close();

    assertThat(client.getQueries(dev.querycache.QueryFilter.all())).hasSize(50);
    assertThat(client.getQueryData(TodoKeys.detail(0))).isEmpty();
    assertThat(client.getQueryData(TodoKeys.detail(59))).isPresent();
  }

  @Test
  void theInboxLoadsMoreEnvelopesWhenTheUserScrollsToTheEnd() {
    Map<String, QueryGuideExamples.EnvelopePage> server = Map.of(
        "", new QueryGuideExamples.EnvelopePage(List.of(new QueryGuideExamples.Envelope("m1", "Hello")), "c1"),
        "c1", new QueryGuideExamples.EnvelopePage(List.of(new QueryGuideExamples.Envelope("m2", "Again")), null));
    List<List<QueryGuideExamples.Envelope>> shown = new ArrayList<>();
    List<Boolean> loadMore = new ArrayList<>();
    var inbox = QueryGuideExamples.showInbox(client, server::get, shown::add, loadMore::add);
    assertThat(loadMore).last().isEqualTo(true);

    QueryGuideExamples.userScrolledToTheEnd(inbox);

    assertThat(shown).last().extracting(envelopes -> envelopes.stream().map(QueryGuideExamples.Envelope::id).toList())
        .isEqualTo(List.of("m1", "m2"));
    assertThat(loadMore).last().isEqualTo(false);
  }

  @Test
  void theBadgeShowsTheOpenCount() {
    List<String> label = new ArrayList<>();

    QueryGuideExamples.showOpenCount(client, api, label::add);

    assertThat(label).last().isEqualTo("1 open");
  }

  @Test
  void readAndWriteLeaveTheDetailDone() {
    QueryGuideExamples.readAndWrite(client);

    assertThat(client.getQueryData(TodoKeys.detail(7))).contains(new Todo(7, "Write docs", true));
  }

  @Test
  void theFiltersInvalidateWhatTheySay() {
    client.setQueryData(TodoKeys.detail(7), new Todo(7, "x", false));
    client.setQueryData(TodoKeys.list(new TodoFilter("open", 1)), open);
    client.setQueryData(QueryKey.of("users", 1), "ann");

    QueryGuideExamples.invalidateAfterASave(client);

    assertThat(client.getQueryState(TodoKeys.detail(7)).orElseThrow().isInvalidated()).isTrue();
    assertThat(client.getQueryState(TodoKeys.list(new TodoFilter("open", 1))).orElseThrow().isInvalidated()).isTrue();
    assertThat(client.getQueryState(QueryKey.<String>of("users", 1)).orElseThrow().isInvalidated()).isFalse();
  }

  @Test
  void aPluginsQueriesAreSelectedByTheListFormNotByAString() {
    QueryKey<String> unread = client.plugin("notification").queryKey("getUnreadCount", Map.of());
    client.setQueryData(unread, "3");

    assertThat(client.getQueries(QueryFilter.prefix("notification"))).as("the trap").isEmpty();
    QueryGuideExamples.invalidateAPluginsQueries(client);

    assertThat(client.getQueryState(unread).orElseThrow().isInvalidated()).isTrue();
    assertThat(client.getQueries(QueryFilter.prefix(List.of("notification")))).hasSize(1);
  }

  @Test
  void theHistoryRecordsEachTransition() {
    List<QueryEvent.Kind> history = QueryGuideExamples.recordHistory(client);

    QueryGuideExamples.readAndWrite(client);

    assertThat(history).containsExactly(QueryEvent.Kind.SET, QueryEvent.Kind.SET);
  }

  @Test
  void theGuideClientHasItsDefaults() {
    try (QueryClient guide = QueryGuideExamples.createClient()) {
      assertThat(guide.getQueryDefaults(TodoKeys.all()).toString()).contains("staleTime=PT10S");
    }
  }

  @Test
  void aBuildIsPolledEveryTwoSecondsWhileItRunsThenNoMore() {
    QueryClient waiting = time.clientBuilder().build();       // fetches wait for the clock
    List<Boolean> answers = new ArrayList<>(List.of(true, true, false));
    int[] calls = {0};
    waiting.observe(QueryGuideExamples.buildStatus(id -> {
      calls[0]++;
      return new QueryGuideExamples.Build(id, answers.remove(0), "…");
    }, "b1"), result -> {});
    time.runDue();                                             // the first load: running

    time.advance(Duration.ofSeconds(2));                       // a poll: running
    time.advance(Duration.ofSeconds(2));                       // a poll: done
    time.advance(Duration.ofSeconds(10));

    assertThat(calls[0]).isEqualTo(3);
    waiting.close();
  }

  @Test
  void theDashboardDefaultsPollEveryThirtySeconds() {
    QueryGuideExamples.pollTheDashboardEvenInTheBackground(client);

    assertThat(client.getQueryDefaults(QueryKey.of("dashboard", "sales")).refetchInterval()).isNotNull();
    assertThat(client.getQueryDefaults(QueryKey.of("dashboard", "sales")).refetchIntervalInBackground()).isTrue();
  }

  @Test
  void aDetailSeededFromTheListShowsAtOnceWithoutARequest() throws Exception {
    List<Integer> requested = new ArrayList<>();
    TodoApi api = new TodoApi() {
      @Override
      public List<Todo> todos(TodoFilter filter) {
        return List.of(new Todo(7, "Write the guide", false));
      }

      @Override
      public Todo todo(int id) {
        requested.add(id);
        return new Todo(id, "from the server", false);
      }
    };
    client.setQueryData(TodoKeys.list(new TodoFilter("open", 1)), api.todos(null));

    Todo seven = client.ensureQueryData(QueryGuideExamples.todoSeededFromTheList(client, api, 7)).join();
    Todo eight = client.ensureQueryData(QueryGuideExamples.todoSeededFromTheList(client, api, 8)).join();

    assertThat(seven.title()).isEqualTo("Write the guide");
    assertThat(eight.title()).isEqualTo("from the server");
    assertThat(requested).containsExactly(8);
  }

  @Test
  void theNextPageShowsThePreviousOneUntilItLands() {
    QueryClient waiting = time.clientBuilder().build();       // fetches wait for the clock
    QueryGuideExamples.PageApi api = number -> new QueryGuideExamples.Page(number, List.of("row of page " + number));
    List<dev.querycache.QueryResult<QueryGuideExamples.Page>> seen = new ArrayList<>();
    dev.querycache.QueryObserver<QueryGuideExamples.Page> observer =
        waiting.observe(QueryGuideExamples.page(api, 1), seen::add);
    time.runDue();

    observer.setOptions(QueryGuideExamples.page(api, 2));
    assertThat(seen.get(seen.size() - 1).data().number()).isEqualTo(1);
    assertThat(seen.get(seen.size() - 1).isPlaceholderData()).isTrue();
    time.runDue();

    assertThat(seen.get(seen.size() - 1).data().number()).isEqualTo(2);
    assertThat(seen.get(seen.size() - 1).isPlaceholderData()).isFalse();
    waiting.close();
  }

  @Test
  void draftsAreReadFromTheDiskWhileOffline() {
    QueryGuideExamples.draftsLiveOnTheDisk(client);
    client.onlineChanged(false);
    int[] reads = {0};

    client.fetchQuery(QueryOptions.builder(QueryKey.<String>of("drafts", "d1")).fetcher(context -> {
      reads[0]++;
      return "Dear team";
    }).build());

    assertThat(reads[0]).isEqualTo(1);
    assertThat(client.getQueryData(QueryKey.<String>of("drafts", "d1"))).contains("Dear team");
  }
}
