package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ControllableMutationTest {
  /** An application's API, async: the kind of interface a test mocks. */
  interface TodoApi {
    CompletionStage<Boolean> complete(String todoId);

    CompletionStage<Boolean> rename(String todoId, String title);
  }

  record Rename(String todoId, String title) {}

  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  final ControllableMutation<String, Boolean> server = new ControllableMutation<>();
  final QueryKey<List<String>> open = QueryKey.of("todos", "open");

  private Mutation<String, Boolean, Void> completeTodo() {
    return client.asyncMutation(server)
        .optimistic(open, (rows, id) -> rows.stream().filter(row -> !row.equals(id)).toList())
        .errorMessage("Failed to complete the todo")
        .build();
  }

  record Star(String messageId, boolean on) {}

  @Test
  void fiveTapsOnASyncStarSendTwoRequestsAndTheServerEndsWithTheLastTap() {
    QueryKey<Set<String>> starred = QueryKey.of("mail", "starred");
    ControllableMutation<Star, Boolean> mailServer = new ControllableMutation<>();
    Mutation<Star, Boolean, Void> star = client.asyncMutation(mailServer)
        .optimistic(starred, (ids, tap) -> tap.on() ? plus(ids, tap.messageId()) : minus(ids, tap.messageId()))
        .errorMessage("Could not star the message")
        .sync(Star::messageId)                               // one channel per message
        .build();
    client.setQueryData(starred, Set.of("m1"));

    for (boolean on : List.of(false, true, false, true, true)) {
      star.mutate(new Star("m1", on));                       // each tap shows at once
    }
    mailServer.resolveUntilIdle(true);                       // answer every request, follow-ups too

    assertThat(mailServer.callCount()).isEqualTo(2);         // the first tap, then the last value
    assertThat(mailServer.variables()).last().isEqualTo(new Star("m1", true));
    assertThat(client.getQueryData(starred)).contains(Set.of("m1"));
  }

  @Test
  void resolveUntilIdleAnswersNothingWhenNoCallIsPending() {
    assertThat(server.resolveUntilIdle(true)).isZero();
  }

  private static Set<String> plus(Set<String> ids, String id) {
    Set<String> out = new HashSet<>(ids);
    out.add(id);
    return Set.copyOf(out);
  }

  private static Set<String> minus(Set<String> ids, String id) {
    Set<String> out = new HashSet<>(ids);
    out.remove(id);
    return Set.copyOf(out);
  }

  @Test
  void theMutationWaitsForTheServerWithThePatchShown() {
    client.setQueryData(open, List.of("t1", "t2"));

    CompletableFuture<Boolean> done = completeTodo().mutate("t1");

    assertThat(done).isNotDone();
    assertThat(client.getQueryData(open)).contains(List.of("t2"));
    assertThat(server.variables()).containsExactly("t1");
  }

  @Test
  void resolvingTheCallSucceedsTheMutation() {
    client.setQueryData(open, List.of("t1", "t2"));
    CompletableFuture<Boolean> done = completeTodo().mutate("t1");

    server.resolve(true);

    assertThat(done).isCompletedWithValue(true);
    assertThat(client.getQueryData(open)).contains(List.of("t2"));
  }

  @Test
  void failingTheCallRollsTheMutationBack() {
    client.setQueryData(open, List.of("t1", "t2"));
    CompletableFuture<Boolean> done = completeTodo().mutate("t1");

    server.fail(new IOException("503"));

    assertThat(done).isCompletedExceptionally();
    assertThat(client.getQueryData(open)).contains(List.of("t1", "t2"));
  }

  @Test
  void overlappingCallsAreSettledOneByOne() {
    client.setQueryData(open, List.of("t1", "t2", "t3"));
    Mutation<String, Boolean, Void> complete = completeTodo();
    complete.mutate("t1");
    complete.mutate("t2");

    server.call(0).fail(new IOException("conflict"));

    assertThat(client.getQueryData(open)).contains(List.of("t1", "t3"));
    assertThat(server.pendingCalls()).extracting(MutationCall::variables).containsExactly("t2");
  }

  @Test
  void resolveWhereAnswersTheCallsWhoseVariablesMatch() {
    client.setQueryData(open, List.of("t1", "t2"));
    Mutation<String, Boolean, Void> complete = completeTodo();
    CompletableFuture<Boolean> first = complete.mutate("t1");
    CompletableFuture<Boolean> second = complete.mutate("t2");

    server.resolveWhere("t2"::equals, true);

    assertThat(second).isCompletedWithValue(true);
    assertThat(first).isNotDone();
  }

  @Test
  void failWhereFailsTheCallsWhoseVariablesMatch() {
    client.setQueryData(open, List.of("t1", "t2"));
    Mutation<String, Boolean, Void> complete = completeTodo();
    CompletableFuture<Boolean> first = complete.mutate("t1");
    CompletableFuture<Boolean> second = complete.mutate("t2");

    server.failWhere("t1"::equals, new IOException("gone"));

    assertThat(first).isCompletedExceptionally();
    assertThat(second).isNotDone();
  }

  @Test
  void aMatchThatFindsNoPendingCallFailsWithTheListOfCalls() {
    client.setQueryData(open, List.of("t1"));
    completeTodo().mutate("t1");
    server.resolve(true);

    assertThatThrownBy(() -> server.resolveWhere("t1"::equals, true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no pending call of the mutation function matches")
        .hasMessageContaining("#0 t1: resolved with true");
  }

  @Test
  void settlingACallTwiceFailsNamingTheCall() {
    client.setQueryData(open, List.of("t1"));
    completeTodo().mutate("t1");
    server.fail(new IOException("503"));

    assertThatThrownBy(() -> server.call(0).resolve(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call #0 of the mutation function (variables t1) was already failed with java.io.IOException: 503");
  }

  @Test
  void resolvingANeverCalledFunctionFails() {
    assertThatThrownBy(() -> server.resolve(true))
        .isInstanceOf(AssertionError.class)
        .hasMessage("the mutation function was never called");
  }

  @Test
  void anUnstubbedMockFailsTheRunWithAMessageNamingTheMutationAndTheFix() {
    TodoApi api = mock(TodoApi.class); // complete(...) not stubbed: Mockito answers a stage of null
    Mutation<String, Boolean, Void> complete = client.asyncMutation(api::complete)
        .mutationKey(QueryKey.of("complete"))
        .errorMessage("Failed to complete the todo")
        .build();

    CompletableFuture<Boolean> run = complete.mutate("t1");

    assertThat(run).isCompletedExceptionally();
    assertThatThrownBy(run::join)
        .hasRootCauseInstanceOf(NullPointerException.class)
        .rootCause()
        .hasMessageContaining("the mutation function of Mutation{key=[\"complete\"], plain} returned null")
        .hasMessageContaining("If it is a mock's method")
        .hasMessageContaining("stub it: when(api.call(any())).thenReturn(result)");
  }

  @Test
  void aMockedApiAnswersThroughTheControllableFunction() {
    TodoApi api = mock(TodoApi.class);
    when(api.complete(anyString())).thenAnswer(call -> server.mutate(call.getArgument(0)));
    Mutation<String, Boolean, Void> complete = client.asyncMutation(api::complete)
        .optimistic(open, (rows, id) -> rows.stream().filter(row -> !row.equals(id)).toList())
        .errorMessage("Failed to complete the todo")
        .build();
    client.setQueryData(open, List.of("t1", "t2"));

    complete.mutate("t1");
    assertThat(client.getQueryData(open)).contains(List.of("t2"));
    server.fail(new IOException("503"));

    verify(api).complete("t1");
    assertThat(client.getQueryData(open)).contains(List.of("t1", "t2"));
  }

  @Test
  void aMockedMethodOfSeveralParametersRecordsItsArgumentsAsAList() {
    TodoApi api = mock(TodoApi.class);
    ControllableMutation<List<Object>, Boolean> rename = new ControllableMutation<>();
    when(api.rename(anyString(), anyString())).thenAnswer(call -> rename.mutate(List.of(call.getArguments())));
    CompletableFuture<Boolean> done = client
        .asyncMutation((Rename r) -> api.rename(r.todoId(), r.title()))
        .build()
        .mutate(new Rename("t1", "Walk the dog"));

    rename.resolveWhere(args -> args.get(1).equals("Walk the dog"), true);

    assertThat(done).isCompletedWithValue(true);
    assertThat(rename.latestCall().variables()).containsExactly("t1", "Walk the dog");
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> server.mutate(null)).hasMessageContaining("variables");
    assertThatThrownBy(() -> server.resolve(null)).hasMessageContaining("result");
    assertThatThrownBy(() -> server.fail(null)).hasMessageContaining("error");
    assertThatThrownBy(() -> server.failWhere("x"::equals, null)).hasMessageContaining("error");
  }
}
