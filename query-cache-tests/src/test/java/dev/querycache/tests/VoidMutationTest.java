package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.MutationStatus;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link QueryClient#voidMutation}: a write whose function answers nothing
 * needs no placeholder result; it succeeds when the function returns, and fails, rolled back,
 * when it throws.
 */
@DisplayName("Writes without a result")
class VoidMutationTest {
  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final QueryKey<List<String>> inbox = QueryKey.of("inbox");
  final List<String> deleted = new ArrayList<>();

  @AfterEach
  void close() {
    client.close();
  }

  void delete(String id) throws IOException {
    if (id.startsWith("locked")) {
      throw new IOException("403 Forbidden");
    }
    deleted.add(id);
  }

  Mutation<String, Void, Void> deleteMail() {
    return client.voidMutation(this::delete)
        .optimistic(inbox, (rows, id) -> rows.stream().filter(row -> !row.equals(id)).toList())
        .name("Delete")
        .errorMessage("Could not delete")
        .build();
  }

  @Test
  void aFunctionThatReturnsNothingSucceedsAndItsFutureCompletesWithNull() {
    List<Object> results = new ArrayList<>();
    Mutation<String, Void, Void> delete = client.voidMutation(this::delete)
        .onSuccess((result, id, context) -> results.add(String.valueOf(result)))
        .build();

    CompletableFuture<Void> run = delete.mutate("m1");
    time.runDue();

    assertThat(run).isCompletedWithValue(null);
    assertThat(deleted).containsExactly("m1");
    assertThat(results).containsExactly("null");
    assertThat(delete.state().status()).isEqualTo(MutationStatus.SUCCESS);
  }

  @Test
  void anOptimisticDeleteShowsAtOnceAndStaysOnceTheFunctionReturns() {
    client.setQueryData(inbox, List.of("m1", "m2"));
    Mutation<String, Void, Void> delete = deleteMail();

    delete.mutate("m1");
    assertThat(client.getQueryData(inbox)).contains(List.of("m2"));
    time.runDue();

    assertThat(deleted).containsExactly("m1");
    assertThat(client.getQueryData(inbox)).contains(List.of("m2"));
    toaster.assertNoErrorToasts();
  }

  @Test
  void aFunctionThatThrowsRollsBackAndToasts() {
    client.setQueryData(inbox, List.of("locked-1", "m2"));
    Mutation<String, Void, Void> delete = deleteMail();

    CompletableFuture<Void> run = delete.mutate("locked-1");
    time.runDue();

    assertThat(failureOf(run)).isInstanceOf(IOException.class).hasMessage("403 Forbidden");
    assertThat(client.getQueryData(inbox)).contains(List.of("locked-1", "m2"));
    assertThat(toaster.messages()).containsExactly("Could not delete");
  }
}
