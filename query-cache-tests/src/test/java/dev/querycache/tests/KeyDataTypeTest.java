package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryStatus;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of {@link QueryKey#withDataType}: a key that says its data's class makes a
 * write of data of another class fail at the call, naming both classes, whichever way the
 * data comes (by hand, from a fetch, from an optimistic patch) and whichever key with the same
 * parts it comes through; the cache is left as it was.
 */
@DisplayName("Keys with a data class")
class KeyDataTypeTest {
  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final QueryKey<List<String>> todos = QueryKey.of("todos").withDataType(List.class);
  /** The mistake the check is for: another key over the same parts, typed for a count. */
  final QueryKey<Integer> sameParts = QueryKey.of("todos");

  @AfterEach
  void close() {
    client.close();
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // the raw key stands for an unchecked cast somewhere in the application
  static <T> QueryKey<T> rawly(QueryKey<?> key) {
    return (QueryKey) key;
  }

  @Test
  void aKeySaysItsDataClassAndItPlaysNoPartInEquality() {
    assertThat(todos.dataType()).contains(List.class);
    assertThat(QueryKey.of("todos").dataType()).isEmpty();
    assertThat(todos).isEqualTo(QueryKey.of("todos")).hasSameHashCodeAs(QueryKey.of("todos"));
  }

  @Test
  void aLongerKeyHasNoDataClassUntilGivenOne() {
    QueryKey<String> detail = todos.append("detail", 1).withDataType(String.class);

    assertThat(todos.append("detail", 1).dataType()).isEmpty();
    assertThat(detail.dataType()).contains(String.class);
  }

  @Test
  void aPrimitiveOrNullDataClassIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> QueryKey.of("count").withDataType(int.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataType must be a class of objects, not the primitive int");
    assertThatThrownBy(() -> QueryKey.of("count").withDataType(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataType == null");
  }

  @Test
  void dataOfAnotherClassWrittenUnderATypedKeyIsRefusedAtTheCall() {
    assertThatThrownBy(() -> client.setQueryData(rawly(todos), 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the data written under [\"todos\"] is a java.lang.Integer, but the key holds java.util.List data (its withDataType)");
    assertThat(client.getQueryData(todos)).isEmpty();
  }

  @Test
  void anotherKeyOverTheSamePartsCannotReplaceTheListWithANumber() {
    client.setQueryData(todos, List.of("write specs"));

    assertThatThrownBy(() -> client.setQueryData(sameParts, 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a java.lang.Integer, but the query cached under that key holds java.util.List data")
        .hasMessageContaining("is the key of this write built over the parts of another query's key?");
    assertThat(client.getQueryData(todos)).contains(List.of("write specs"));
  }

  @Test
  void aTypedKeyThatAddressesAnotherClassOfDataIsRefused() {
    client.setQueryData(QueryKey.of("todos"), List.of("write specs")); // cached by an untyped key
    QueryKey<Integer> count = QueryKey.of("todos").withDataType(Integer.class);

    assertThatThrownBy(() -> client.setQueryData(count, 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the key [\"todos\"] holds java.lang.Integer data (its withDataType), but the query cached under it holds a java.util.");
    assertThat(client.getQueryData(todos)).contains(List.of("write specs"));
  }

  @Test
  void aTypedWriteTypesTheQuerySoLaterUntypedWritesAreChecked() {
    client.setQueryData(todos, List.of("write specs"));
    QueryKey<Object> untyped = QueryKey.of("todos");

    assertThatThrownBy(() -> client.setQueryData(untyped, "not a list"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds java.util.List data");
    client.setQueryData(untyped, List.of("still a list"));
    assertThat(client.getQueryData(todos)).contains(List.of("still a list"));
  }

  @Test
  void anUpdateThatReturnsAnotherClassIsRefusedAndWritesNothing() {
    client.setQueryData(todos, List.of("write specs"));

    assertThatThrownBy(() -> client.updateQueryData(KeyDataTypeTest.<Object>rawly(todos), data -> 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a java.lang.Integer, but the key holds java.util.List data");
    assertThat(client.getQueryData(todos)).contains(List.of("write specs"));
  }

  @Test
  void aFilteredUpdateThatReturnsAnotherClassChangesNoQuery() {
    QueryKey<List<String>> done = QueryKey.of("todos", "done").withDataType(List.class);
    client.setQueryData(todos, List.of("write specs"));
    client.setQueryData(done, List.of("ship"));

    assertThatThrownBy(() -> client.setQueriesData(QueryFilter.prefix(QueryKey.of("todos")), data -> "oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a java.lang.String, but the key holds java.util.List data");
    assertThat(client.getQueryData(todos)).contains(List.of("write specs"));
    assertThat(client.getQueryData(done)).contains(List.of("ship"));
  }

  @Test
  void aFetchThatReturnsAnotherClassFailsTheQueryNamingBothClasses() {
    ControllableQuery<Object> server = new ControllableQuery<>();
    QueryOptions<Object> options = QueryOptions.builder(KeyDataTypeTest.<Object>rawly(todos))
        .asyncFetcher(server).retry(0).build();

    CompletableFuture<Object> fetched = client.fetchQuery(options);
    server.resolve(42);

    assertThat(failureOf(fetched))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the query function of [\"todos\"] returned a java.lang.Integer, but the query holds java.util.List data (declared with withDataType)");
    assertThat(client.getQueryState(todos).orElseThrow().status()).isEqualTo(QueryStatus.ERROR);
    assertThat(client.getQueryData(todos)).isEmpty();
  }

  @Test
  void anOptimisticPatchThatReturnsAnotherClassFailsTheRunAtTheCallAndRollsBack() {
    client.setQueryData(todos, List.of("write specs"));
    ControllableMutation<String, String> server = new ControllableMutation<>();
    Mutation<String, String, Void> count = client.asyncMutation(server)
        .optimistic(rawly(todos), (data, text) -> 42)
        .errorMessage("Could not count")
        .build();

    CompletableFuture<String> run = count.mutate("x");

    assertThat(failureOf(run))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("an optimistic patch of [\"todos\"] returned a java.lang.Integer, but the query holds java.util.List data");
    assertThat(server.callCount()).isZero();
    assertThat(client.getQueryData(todos)).contains(List.of("write specs"));
  }
}
