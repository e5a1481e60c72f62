package dev.querycache.tests;

import dev.querycache.CachedQuery;
import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryObserver;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.NetworkMode;
import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryHooks;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.Toaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The code of {@code docs/getting-started.md}, {@code docs/keys-and-filters.md},
 * {@code docs/queries-and-observers.md}, {@code docs/polling.md}, {@code docs/initial-data.md}
 * and {@code docs/network-modes.md}, compiled with the tests so the guides cannot drift
 * from the API. {@link QueryGuideExamplesTest} runs it.
 */
final class QueryGuideExamples {
  private QueryGuideExamples() {}

  record Todo(int id, String title, boolean done) {}

  record TodoFilter(String status, int page) {}

  interface TodoApi {
    List<Todo> todos(TodoFilter filter) throws Exception;

    Todo todo(int id) throws Exception;
  }

  // [keys]
  static final class TodoKeys {
    static QueryKey<Void> all() {
      return QueryKey.of("todos");
    }

    static QueryKey<List<Todo>> list(TodoFilter filter) {
      return all().append("list", filter)             // the record becomes {"page":..,"status":..}
          .withDataType(List.class);                  // a write of anything but a List fails
    }

    static QueryKey<Todo> detail(int id) {
      return all().append("detail", id).withDataType(Todo.class);
    }
  }
  // [/keys]

  // [options]
  static QueryOptions<List<Todo>> todoList(TodoApi api, TodoFilter filter) {
    return QueryOptions.builder(TodoKeys.list(filter))
        .fetcher(context -> api.todos(filter))         // blocking: runs on the fetch executor
        .staleTime(Duration.ofSeconds(30))              // fresh for 30 s: no refetch on mount
        .build();
  }
  // [/options]

  // [client]
  static QueryClient createClient() {
    return QueryClient.builder()
        .defaults(QuerySettings.builder().staleTime(Duration.ofSeconds(10)).build())
        .maxUnobservedQueries(10_000)                   // beyond gc time, a size cap
        .build();
  }
  // [/client]

  // [observe]
  static QueryObserver<List<Todo>> showTodos(QueryClient client, TodoApi api, Consumer<List<Todo>> render) {
    return client.observe(todoList(api, new TodoFilter("open", 1)), result -> {
      if (result.isLoading()) {
        render.accept(List.of());                       // first load: show a spinner instead
      } else if (result.isError()) {
        render.accept(List.of());                       // and an error with a Retry button
      } else if (result.data() != null) {
        render.accept(result.data());                   // refetches keep showing the old data
      }
    });
  }
  // [/observe]

  // [default-function]
  record User(int id, String name) {}

  interface Rest {
    Object get(List<?> path) throws Exception;
  }

  static QueryObserver<User> showUser(QueryClient client, Rest rest, Consumer<QueryResult<User>> render) {
    client.setQueryDefaults(QueryKey.of("api"), QuerySettings.builder()
        .fetcher(context -> rest.get(context.key().parts()))   // ["api", "users", 7] -> GET /api/users/7
        .build());

    return client.observe(
        QueryOptions.builder(QueryKey.<User>of("api", "users", 7).withDataType(User.class)).build(),
        result -> render.accept(result));
  }
  // [/default-function]

  // [infinite]
  record Envelope(String id, String subject) {}

  record EnvelopePage(List<Envelope> envelopes, @Nullable String nextCursor) {}

  interface MailApi {
    EnvelopePage envelopes(String cursor) throws Exception;   // "" for the newest
  }

  static final QueryKey<InfiniteData<EnvelopePage, String>> INBOX = QueryKey.of("mail", "inbox");

  static InfiniteQueryOptions<EnvelopePage, String> inbox(MailApi api) {
    return InfiniteQueryOptions.builder(INBOX)
        .pageFetcher(context -> api.envelopes(context.pageParam()))  // blocking: the fetch executor
        .initialPageParam("")
        .nextPageParam((page, cursor, data) -> page.nextCursor())    // null: no more envelopes
        .maxPages(20)                                                 // at most 20 pages in memory
        .staleTime(Duration.ofMinutes(1))
        .build();
  }

  static InfiniteQueryObserver<EnvelopePage, String> showInbox(
      QueryClient client, MailApi api, Consumer<List<Envelope>> render, Consumer<Boolean> showLoadMore) {
    return client.observeInfinite(inbox(api), result -> {
      render.accept(result.data() == null ? List.of() : result.data().flatMap(EnvelopePage::envelopes));
      showLoadMore.accept(result.hasNextPage() && !result.isFetchingNextPage());
    });
  }

  static void userScrolledToTheEnd(InfiniteQueryObserver<EnvelopePage, String> inbox) {
    inbox.fetchNextPage(false);       // false: a scroll event while the page loads asks nothing more
  }
  // [/infinite]

  // [select]
  static final Function<List<Todo>, Long> OPEN_COUNT =          // a field: one function, one memo
      todos -> todos.stream().filter(todo -> !todo.done()).count();

  static QueryObserver<Long> showOpenCount(QueryClient client, TodoApi api, Consumer<String> label) {
    return client.observe(todoList(api, new TodoFilter("all", 1)), OPEN_COUNT, result -> {
      label.accept(result.isSuccess() ? result.data() + " open" : "");
    });
  }
  // [/select]

  // [read-write]
  static void readAndWrite(QueryClient client) {
    Optional<Todo> cached = client.getQueryData(TodoKeys.detail(7));   // a miss is empty
    client.setQueryData(TodoKeys.detail(7), new Todo(7, "Write docs", false));
    client.updateQueryData(TodoKeys.detail(7), todo -> todo == null ? null : new Todo(7, todo.title(), true));
    cached.ifPresent(todo -> System.out.println("was " + todo));
  }
  // [/read-write]

  // [filters]
  static void invalidateAfterASave(QueryClient client) {
    client.invalidateQueries(QueryFilter.prefix(TodoKeys.all()));             // every todo query
    client.invalidateQueries(QueryFilter.prefix(TodoKeys.all().append("list"))); // only lists
    client.invalidateQueries(QueryFilter.exact(TodoKeys.detail(7)));          // one query
    client.invalidateQueries(QueryFilter.prefix("todos", "list", Map.of("status", "open")));
    client.refetchQueries(QueryFilter.all().active().stale(true));            // what screens show
  }
  // [/filters]

  // [plugin-filters]
  static void invalidateAPluginsQueries(QueryClient client) {
    client.invalidateQueries(client.plugin("notification").queries());       // [["notification", ...], ...]
    client.invalidateQueries(QueryFilter.prefix(List.of("notification")));   // the same queries
    // QueryFilter.prefix("notification") would select none of them: "notification" is a
    // string, and the first part of a plugin's key is the list ["notification", ...]
  }
  // [/plugin-filters]

  // [events]
  static List<QueryEvent.Kind> recordHistory(QueryClient client) {
    List<QueryEvent.Kind> history = new CopyOnWriteArrayList<>();
    client.onQueryEvent(event -> {
      if (event.kind().changesState()) {                // transitions, not observers coming and going
        history.add(event.kind());
      }
    });
    return history;
  }
  // [/events]

  // [cache-limit]
  static AutoCloseable keepAtMostFiftyUnwatchedQueries(QueryClient client) {
    return client.onQueryEvent(event -> {
      if (event.kind() == QueryEvent.Kind.OBSERVER_REMOVED) {
        List<CachedQuery<?>> unwatched = new ArrayList<>(client.getQueries(QueryFilter.all().inactive()));
        unwatched.sort(Comparator.comparingLong(query -> query.state().dataUpdatedAt()));
        for (CachedQuery<?> oldest : unwatched.subList(0, Math.max(0, unwatched.size() - 50))) {
          client.removeQueries(QueryFilter.exact(oldest.key()));
        }
      }
    });
  }
  // [/cache-limit]

  // [query-hooks]
  static QueryClient createClientThatToastsFailedRefreshes(QueryClientBuilder builder, Toaster toaster) {
    return builder
        .toaster(toaster)
        .queryHooks(new QueryHooks() {
          @Override
          public void onError(Throwable error, CachedQuery<?> query) {
            if (query.state().data() != null) {                 // not a first load: the screen shows data
              toaster.error("Could not refresh " + query.key(), error);
            }
          }
        })
        .build();
  }
  // [/query-hooks]

  // ---- polling --------------------------------------------------------------------------------

  record Build(String id, boolean running, String status) {}

  interface BuildApi {
    Build build(String id) throws Exception;
  }

  // [polling]
  static QueryOptions<Build> buildStatus(BuildApi api, String id) {
    return QueryOptions.builder(QueryKey.<Build>of("builds", id))
        .fetcher(context -> api.build(id))
        .refetchIntervalByData(build -> build.running()
            ? Duration.ofSeconds(2)                      // poll while the build runs
            : null)                                      // then stop
        .build();
  }

  static void pollTheDashboardEvenInTheBackground(QueryClient client) {
    client.setQueryDefaults(QueryKey.of("dashboard"), QuerySettings.builder()
        .refetchInterval(Duration.ofSeconds(30))
        .refetchIntervalInBackground(true)
        .build());
  }
  // [/polling]

  // ---- initial data -----------------------------------------------------------------------------

  // [initial-data]
  static QueryOptions<Todo> todoSeededFromTheList(QueryClient client, TodoApi api, int id) {
    QueryKey<List<Todo>> list = TodoKeys.list(new TodoFilter("open", 1));
    return QueryOptions.builder(TodoKeys.detail(id))
        .fetcher(context -> api.todo(id))
        .initialData(() -> client.getQueryData(list)
            .flatMap(todos -> todos.stream().filter(todo -> todo.id() == id).findFirst())
            .orElse(null))                               // not in the list: load it
        .initialDataUpdatedAt(() -> client.getQueryState(list)
            .map(QueryState::dataUpdatedAt).orElse(0L))  // as old as the list
        .staleTime(Duration.ofMinutes(1))
        .build();
  }
  // [/initial-data]

  // ---- placeholder data ---------------------------------------------------------------------

  record Page(int number, List<String> rows) {}

  interface PageApi {
    Page page(int number) throws Exception;
  }

  // [placeholder-data]
  static QueryOptions<Page> page(PageApi api, int number) {
    return QueryOptions.builder(QueryKey.<Page>of("pages", number))
        .fetcher(context -> api.page(number))
        .placeholderData(previous -> previous)   // keep the previous page until this one lands
        .build();
  }
  // [/placeholder-data]

  // ---- network modes ------------------------------------------------------------------------

  // [network-modes]
  static void draftsLiveOnTheDisk(QueryClient client) {
    QuerySettings localStore = QuerySettings.builder().networkMode(NetworkMode.ALWAYS).build();
    client.setQueryDefaults(QueryKey.of("drafts"), localStore);   // drafts live on the disk
  }
  // [/network-modes]
}
