package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationState;
import dev.querycache.QueryClient;
import dev.querycache.QueryEvent;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of what a person calls a mutation: the name it was built with, else its key,
 * else where it was built; in its states, its messages and its undo; and the key in filters,
 * with TanStack's "invalidate only when I am the last of my key" recipe in one line.
 */
@DisplayName("Mutation names")
class MutationNamesTest {
  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final ControllableMutation<String, Boolean> server = new ControllableMutation<>();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aNamedMutationIsCalledByItsNameInItsStatesAndMessages() {
    Mutation<String, Boolean, Void> markAsRead = client.<String, Boolean>mutation(id -> null)
        .name("Mark as read")
        .mutationKey(QueryKey.of("markAsRead"))
        .errorMessage("Failed to mark as read")
        .build();

    CompletableFuture<Boolean> run = markAsRead.mutate("n1");
    time.runDue();

    assertThat(markAsRead.state().name()).isEqualTo("Mark as read");
    assertThat(markAsRead).hasToString("Mutation{\"Mark as read\", key=[\"markAsRead\"], plain}");
    assertThat(failureOf(run)).hasMessageStartingWith(
        "the mutation function of Mutation{\"Mark as read\", key=[\"markAsRead\"], plain} returned null");
  }

  @Test
  void aMutationWithAKeyAndNoNameIsCalledByItsKey() {
    Mutation<String, Boolean, Void> archive = client.asyncMutation(server).mutationKey(QueryKey.of("mail", "archive")).build();

    assertThat(archive.state().name()).isEqualTo("[\"mail\",\"archive\"]");
    assertThat(archive).hasToString("Mutation{key=[\"mail\",\"archive\"], plain}");
  }

  @Test
  void aMutationWithNeitherIsCalledByWhereTheApplicationBuiltIt() {
    Mutation<String, Boolean, Void> plain = client.asyncMutation(server).build();

    assertThat(plain.state().name())
        .startsWith("the mutation built at MutationNamesTest.aMutationWithNeitherIsCalledByWhereTheApplicationBuiltIt(MutationNamesTest.java:");
    assertThat(plain.toString()).startsWith("Mutation{plain, built at MutationNamesTest.");
  }

  @Test
  void anOptimisticDraftTakesTheNameBeforeTheErrorMessage() {
    QueryKey<List<String>> inbox = QueryKey.of("inbox");
    Mutation<String, Boolean, Void> archive = client.asyncMutation(server)
        .optimistic(inbox, (rows, id) -> rows)
        .name("Archive")
        .errorMessage("Could not archive")
        .build();

    assertThat(archive).hasToString("Mutation{\"Archive\", optimistic}");
  }

  @Test
  void aBlankOrNullNameIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> client.asyncMutation(server).name(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> client.asyncMutation(server).name(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name == null");
  }

  @Test
  void anUndoIsCalledAfterTheMutationItUndoes() {
    QueryKey<List<String>> inbox = QueryKey.of("inbox");
    client.setQueryData(inbox, List.of("m1"));
    Mutation<String, Boolean, Void> archive = client.asyncMutation(server)
        .optimistic(inbox, (rows, id) -> List.of())
        .name("Archive")
        .errorMessage("Could not archive")
        .undoable(result -> Optional.of("mut-1"), request -> true, id -> "Archived")
        .build();
    archive.mutate("m1");
    server.resolve(true);

    toaster.lastUndoOffer().undo();

    assertThat(client.getMutations(MutationFilter.all().pending()))
        .extracting(MutationState::name)
        .containsExactly("undo of Archive");
    time.runDue();
  }

  @Test
  void theLastRunOfAKeyInvalidatesInOneLine() {
    QueryKey<?> todoKey = QueryKey.of("todos", "complete");
    AtomicInteger invalidations = new AtomicInteger();
    client.setQueryData(QueryKey.of("todos", "list"), List.of("t1", "t2"));
    client.onQueryEvent(event -> {
      if (event.kind() == QueryEvent.Kind.INVALIDATED) {
        invalidations.incrementAndGet();
      }
    });
    Mutation<String, Boolean, Void> complete = client.asyncMutation(server)
        .mutationKey(todoKey)
        .onSettled((result, error, id, context) -> {
          if (client.isMutating(MutationFilter.key(todoKey)) == 1) {       // the last one of its key
            client.invalidateQueries(QueryFilter.prefix(QueryKey.of("todos")));
          }
        })
        .build();

    complete.mutate("t1");
    complete.mutate("t2");
    server.call(0).resolve(true);
    assertThat(invalidations).hasValue(0);
    server.call(1).resolve(true);

    assertThat(invalidations).hasValue(1);
  }
}
