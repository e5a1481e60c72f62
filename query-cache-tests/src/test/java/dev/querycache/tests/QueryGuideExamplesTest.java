package dev.querycache.tests;

import dev.querycache.QueryClient;
import dev.querycache.tests.QueryGuideExamples.Todo;
import dev.querycache.tests.QueryGuideExamples.TodoApi;
import dev.querycache.tests.QueryGuideExamples.TodoFilter;
import dev.querycache.tests.QueryGuideExamples.TodoKeys;
import dev.querycache.QueryEvent;
import dev.querycache.QueryKey;
import dev.querycache.test.VirtualTime;
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
}
