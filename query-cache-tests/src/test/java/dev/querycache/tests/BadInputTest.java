package dev.querycache.tests;

import dev.querycache.Mutation;
import dev.querycache.MutationBuilder;
import dev.querycache.MutationFilter;
import dev.querycache.MutationScope;
import dev.querycache.MutationStatus;
import dev.querycache.OptimisticMutationBuilder;
import dev.querycache.PluginScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.RetryPolicy;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static dev.querycache.tests.ToastTexts.texts;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input fails fast, with a message that names the argument (or what is missing), and
 * leaves nothing half-applied: invalid keys (what {@link QueryKeyTest} does not already
 * cover), invalid filters, negative or zero durations and counts, misuse of the builders (a
 * refused call leaves the builder as it was, still usable), and operations whose user code
 * throws half-way. Null arguments are {@link NullPointerTest}'s.
 */
class BadInputTest {
  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).toaster(toaster).build();

  // ---- keys ----------------------------------------------------------------------------------

  @Nested
  class Keys {
    @Test
    void anAppendedBadPartIsNamedByItsPositionInTheWholeKey() {
      QueryKey<Object> todos = QueryKey.of("todos", 1);

      assertThatThrownBy(() -> todos.append("detail", new int[] {7}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[3]")
          .hasMessageContaining("array");
    }

    @Test
    void nestingTooDeepIsRejectedNamingThePathAndTheLimit() {
      Object nested = "leaf";
      for (int i = 0; i < 70; i++) {
        nested = List.of(nested);
      }
      Object tooDeep = nested;

      assertThatThrownBy(() -> QueryKey.of("deep", tooDeep))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("key part at key[1][0][0]")
          .hasMessageContaining("deeper than 64");
    }

    @Test
    void nestingWithinTheLimitIsAccepted() {
      Object nested = "leaf";
      for (int i = 0; i < 60; i++) {
        nested = List.of(nested);
      }
      Object deep = nested;

      assertThatCode(() -> QueryKey.of("deep", deep)).doesNotThrowAnyException();
    }

    @Test
    void aNonStringMapKeyInsideAListIsNamedByItsPath() {
      assertThatThrownBy(() -> QueryKey.of("a", List.of("b", Map.of(1, "one"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("key part at key[1][1] ")
          .hasMessageContaining("map keys must be strings");
    }

    @Test
    void aPluginKeyNeedsAProcedure() {
      PluginScope mail = client.plugin("mail");

      assertThatThrownBy(() -> mail.queryKey(List.of(), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("procedurePath");
    }

    @Test
    void aPluginKeyWithAnUnsupportedInputNamesWhereItSits() {
      PluginScope mail = client.plugin("mail");

      assertThatThrownBy(() -> mail.queryKey("inbox", Map.of("tags", new String[] {"a"})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[1].input.tags")
          .hasMessageContaining("array");
    }

    @Test
    void aPluginKeyWithANullProcedureNameIsRejected() {
      PluginScope mail = client.plugin("mail");
      List<String> path = Arrays.asList("inbox", null);

      assertThatThrownBy(() -> mail.queryKey(path, null))
          .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class)
          .hasMessageContaining("procedurePath");
    }

    @Test
    void aBlankPluginNameIsRejected() {
      for (String name : List.of("", " ", "\t")) {
        assertThatThrownBy(() -> client.plugin(name))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("plugin name");
      }
    }
  }

  // ---- filters -------------------------------------------------------------------------------

  @Nested
  class Filters {
    private final QueryKey<Integer> a = QueryKey.of("items", "a");
    private final QueryKey<Integer> b = QueryKey.of("items", "b");
    private final QueryKey<Integer> c = QueryKey.of("items", "c");
    private final IllegalStateException boom = new IllegalStateException("predicate failed");
    /** Throws on b, whatever order the candidates come in. */
    private final QueryFilter throwing =
        QueryFilter.prefix("items").where(query -> {
          if (query.key().equals(b)) {
            throw boom;
          }
          return true;
        });

    private void cacheThree() {
      client.setQueryData(a, 1);
      client.setQueryData(b, 2);
      client.setQueryData(c, 3);
    }

    @Test
    void aPrefixWithAnUnsupportedPartIsRejectedNamingIt() {
      assertThatThrownBy(() -> QueryFilter.prefix("items", new int[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[1]")
          .hasMessageContaining("array");
    }

    @Test
    void aThrowingPredicateFailsAnInvalidationBeforeAnyQueryIsInvalidated() {
      cacheThree();

      assertThatThrownBy(() -> client.invalidateQueries(throwing)).isSameAs(boom);

      for (QueryKey<Integer> key : List.of(a, b, c)) {
        assertThat(client.getQueryState(key).orElseThrow().isInvalidated()).as("%s", key).isFalse();
      }
    }

    @Test
    void aThrowingPredicateFailsARemovalBeforeAnyQueryIsRemoved() {
      cacheThree();

      assertThatThrownBy(() -> client.removeQueries(throwing)).isSameAs(boom);

      assertThat(client.getQueriesData(QueryFilter.prefix("items"))).hasSize(3);
    }

    @Test
    void aThrowingPredicateFailsAResetBeforeAnyQueryIsReset() {
      cacheThree();

      assertThatThrownBy(() -> client.resetQueries(throwing)).isSameAs(boom);

      assertThat(client.getQueriesData(QueryFilter.prefix("items"))).containsOnlyKeys(a, b, c);
    }

    @Test
    void aThrowingPredicateFailsACancellationBeforeAnyFetchIsCancelled() {
      List<ControllableQuery<Integer>> fetchers = new ArrayList<>();
      for (QueryKey<Integer> key : List.of(a, b, c)) {
        ControllableQuery<Integer> fetcher = new ControllableQuery<>();
        fetchers.add(fetcher);
        client.fetchQuery(QueryOptions.builder(key).asyncFetcher(fetcher).build());
      }

      assertThatThrownBy(() -> client.cancelQueries(throwing)).isSameAs(boom);

      assertThat(client.isFetching(QueryFilter.prefix("items"))).isEqualTo(3);
      for (ControllableQuery<Integer> fetcher : fetchers) {
        assertThat(fetcher.latestCall().context().signal().isCancelled()).isFalse();
      }
    }

    @Test
    void aThrowingPredicateFailsABulkUpdateBeforeAnyQueryIsUpdated() {
      cacheThree();

      assertThatThrownBy(() -> client.setQueriesData(throwing, (Integer n) -> n * 10)).isSameAs(boom);

      assertThat(client.getQueriesData(QueryFilter.prefix("items"))).isEqualTo(Map.of(a, 1, b, 2, c, 3));
    }
  }

  // ---- durations and counts ------------------------------------------------------------------

  @Nested
  class DurationsAndCounts {
    private final Duration negative = Duration.ofMillis(-1);

    @Test
    void aNegativeStaleTimeIsRefusedNamingIt() {
      assertThatThrownBy(() -> QuerySettings.builder().staleTime(negative))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("staleTime")
          .hasMessageContaining("-0.001");
      assertThatThrownBy(() -> QueryOptions.builder(QueryKey.of("k")).staleTime(negative))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("staleTime");
    }

    @Test
    void aNegativeGcTimeIsRefusedNamingIt() {
      assertThatThrownBy(() -> QuerySettings.builder().gcTime(negative))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gcTime");
      assertThatThrownBy(() -> QueryOptions.builder(QueryKey.of("k")).gcTime(negative))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gcTime");
    }

    @Test
    void zeroAndForeverAreValidStaleAndGcTimes() {
      assertThatCode(
              () -> QuerySettings.builder()
                  .staleTime(Duration.ZERO).gcTime(Duration.ZERO)
                  .staleTime(QuerySettings.FOREVER).gcTime(QuerySettings.FOREVER)
                  .build())
          .doesNotThrowAnyException();
    }

    @Test
    void aRefusedDurationLeavesTheEarlierValueInPlace() {
      QuerySettings.Builder builder = QuerySettings.builder().staleTime(Duration.ofSeconds(5)).gcTime(Duration.ofMinutes(1));

      assertThatThrownBy(() -> builder.staleTime(negative)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.gcTime(negative)).isInstanceOf(IllegalArgumentException.class);

      QuerySettings settings = builder.build();
      assertThat(settings.staleTime()).isEqualTo(Duration.ofSeconds(5));
      assertThat(settings.gcTime()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aNegativeRetryCountIsRefusedNamingIt() {
      List<Runnable> refusals = List.of(
          () -> QuerySettings.builder().retry(-1),
          () -> QueryOptions.builder(QueryKey.of("k")).retry(-1),
          () -> RetryPolicy.exponential(-1),
          () -> RetryPolicy.fixed(-1, Duration.ofSeconds(1)),
          () -> client.mutation(v -> "ok").retry(-1),
          () -> client.<String, String>mutation(v -> "ok").optimistic(QueryKey.<String>of("k"), (d, v) -> d)
              .errorMessage("failed").retry(-1));
      for (Runnable refusal : refusals) {
        assertThatThrownBy(refusal::run)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("retries")
            .hasMessageContaining("-1");
      }
    }

    @Test
    void zeroRetriesIsValid() {
      assertThatCode(() -> RetryPolicy.exponential(0)).doesNotThrowAnyException();
      assertThat(RetryPolicy.fixed(0, Duration.ZERO).shouldRetry(0, new RuntimeException())).isFalse();
    }

    @Test
    void aNegativeRetryDelayIsRefusedNamingIt() {
      assertThatThrownBy(() -> RetryPolicy.fixed(1, negative))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("delay");
    }

    @Test
    void aRefusedRetryCountLeavesTheMutationBuilderAsItWas() {
      AtomicInteger calls = new AtomicInteger();
      MutationBuilder<String, String, Void> builder = client.<String, String>mutation(v -> {
        if (calls.incrementAndGet() <= 2) {
          throw new java.io.IOException("down");
        }
        return "ok";
      }).retry(2);

      assertThatThrownBy(() -> builder.retry(-1)).isInstanceOf(IllegalArgumentException.class);

      CompletableFuture<String> result = builder.build().mutate("x");
      time.runUntilIdle();
      assertThat(result).as("still two retries: the third call succeeds").isCompletedWithValue("ok");
      assertThat(calls).hasValue(3);
    }

    @Test
    void aZeroOrNegativeUndoWindowIsRefusedNamingIt() {
      OptimisticMutationBuilder<String, String, Void> builder = optimisticBuilder();

      for (Duration window : List.of(Duration.ZERO, negative)) {
        assertThatThrownBy(() -> builder.undoWindow(window))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("undoWindow");
      }
      assertThatCode(builder::build)
          .as("the window is still the default: a set window without undo would be refused at build")
          .doesNotThrowAnyException();
    }

    @Test
    void aNegativeCapOnUnobservedQueriesIsRefusedNamingIt() {
      QueryClientBuilder builder = time.clientBuilder().fetchExecutor(Runnable::run);

      assertThatThrownBy(() -> builder.maxUnobservedQueries(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxUnobservedQueries");

      assertThatCode(() -> builder.maxUnobservedQueries(0).build()).doesNotThrowAnyException();
    }
  }

  // ---- builder misuse ------------------------------------------------------------------------

  private final QueryKey<String> doc = QueryKey.of("doc");

  private OptimisticMutationBuilder<String, String, Void> optimisticBuilder() {
    return client.<String, String>mutation(v -> "ok").optimistic(doc, (data, v) -> v).errorMessage("Could not save");
  }

  @Nested
  class BuilderMisuse {
    @Test
    void anOptimisticMutationWithASuccessMessageIsRefusedAndTheBuilderStaysPlain() {
      MutationBuilder<String, String, Void> builder = client.<String, String>mutation(v -> "ok").successMessage("Saved");

      assertThatThrownBy(() -> builder.optimistic(doc, (data, v) -> v))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("successMessage");

      Mutation<String, String, Void> plain = builder.build();
      assertThat(plain.isOptimistic()).as("no patch declared").isFalse();
      plain.mutate("x").join();
      assertThat(texts(toaster)).containsExactly("success:Saved");
    }

    @Test
    void onMutateAfterACallbackIsRefusedNamingTheOrderAndTheBuilderStillBuilds() {
      MutationBuilder<String, String, Void> builder =
          client.<String, String>mutation(v -> "ok").onSuccess((result, v, context) -> {});

      AtomicInteger refusedCalls = new AtomicInteger();

      assertThatThrownBy(() -> builder.onMutate((v, scope) -> {
            refusedCalls.incrementAndGet();
            return "context";
          }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("onMutate")
          .hasMessageContaining("onSuccess");

      assertThat(builder.build().mutate("x").join()).isEqualTo("ok");
      assertThat(refusedCalls).as("the refused onMutate is not kept").hasValue(0);
    }

    @Test
    void droppingThePluginInvalidationOfAPlainMutationIsRefused() {
      MutationBuilder<String, String, Void> builder = client.mutation(v -> "ok");

      assertThatThrownBy(builder::withoutPluginInvalidation)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("withoutPluginInvalidation()")
          .hasMessageContaining("PluginScope");

      assertThatCode(builder::build).doesNotThrowAnyException();
    }

    @Test
    void anUndoWindowWithoutUndoIsRefusedAtBuildNamingWhatIsMissing() {
      OptimisticMutationBuilder<String, String, Void> builder = optimisticBuilder().undoWindow(Duration.ofSeconds(10));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("undoWindow")
          .hasMessageContaining("undoable(...)");

      builder.undoable(result -> Optional.of("m1"), request -> "undone", v -> "Saved");
      assertThatCode(builder::build).as("complete now").doesNotThrowAnyException();
    }

    @Test
    void aRefusedUndoableCallLeavesTheBuilderAsItWas() {
      OptimisticMutationBuilder<String, String, Void> builder = optimisticBuilder();

      assertThatThrownBy(() -> builder.undoable(result -> Optional.of("m1"), request -> "undone", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("message == null");

      assertThatCode(builder::build).doesNotThrowAnyException();
      assertThatThrownBy(builder.undoWindow(Duration.ofSeconds(10))::build)
          .as("no undo half-set: a window still needs undoable(...)")
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("undoable(...)");
    }

    @Test
    void aBlankErrorMessageIsRefusedAndTheDraftStaysUsable() {
      OptimisticMutationBuilder.Draft<String, String, Void> draft =
          client.<String, String>mutation(v -> "ok").optimistic(doc, (data, v) -> v);

      for (String blank : List.of("", "  ")) {
        assertThatThrownBy(() -> draft.errorMessage(blank))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("error message");
      }

      assertThatCode(() -> draft.errorMessage("Could not save").build()).doesNotThrowAnyException();
    }

    @Test
    void aBlankScopeIsRefusedNamingItAndNoScopeIsSet() {
      ControllableMutation<String, String> server = new ControllableMutation<>();
      MutationBuilder<String, String, Void> builder = client.asyncMutation(server);

      assertThatThrownBy(() -> builder.scope(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scopeId");

      Mutation<String, String, Void> mutation = builder.build();
      CompletableFuture<String> first = mutation.mutate("a");
      mutation.mutate("b");
      assertThat(server.callCount()).as("no scope set: runs do not queue").isEqualTo(2);
      server.call(0).resolve("ok");
      assertThat(first).isCompletedWithValue("ok");
    }

    @Test
    void aRefusedFunctionLeavesTheOptionsBuilderWithItsFunction() {
      QueryOptions.Builder<String> builder = QueryOptions.builder(doc).fetcher(ctx -> "fetched");

      assertThatThrownBy(() -> builder.asyncFetcher(null)).isInstanceOf(NullPointerException.class);

      QueryOptions<String> options = builder.build();
      assertThat(options.hasFunction()).isTrue();
      assertThat(client.fetchQuery(options).join()).isEqualTo("fetched");
    }

    @Test
    void fetchingWithOptionsThatHaveNoFunctionFailsSayingWhatIsMissing() {
      CompletableFuture<String> fetched = client.fetchQuery(QueryOptions.builder(doc).retry(0).build());

      assertThat(failureOf(fetched))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no query function for [\"doc\"]")
          .hasMessageContaining("fetcher");
    }

    @Test
    void aClosedObserverRefusesNewOptionsAndRefetches() {
      QueryObserver<String> observer =
          client.observe(QueryOptions.builder(doc).fetcher(ctx -> "fetched").build(), result -> {});
      observer.close();

      assertThatThrownBy(() -> observer.setOptions(QueryOptions.builder(QueryKey.<String>of("other")).build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThatThrownBy(observer::refetch).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      assertThat(observer.key()).isEqualTo(doc);
      assertThat(client.getQueryState(QueryKey.of("other"))).isEmpty();
    }

    @Test
    void aMutationScopeKeptPastOnMutateRefusesWritesAndWritesNothing() {
      client.setQueryData(doc, "before");
      AtomicReference<@Nullable MutationScope> leaked = new AtomicReference<>();
      client.<String, String>mutation(v -> "ok")
          .<Void>onMutate((v, scope) -> {
            leaked.set(scope);
            return null;
          })
          .build()
          .mutate("x")
          .join();
      MutationScope scope = java.util.Objects.requireNonNull(leaked.get());

      assertThatThrownBy(() -> scope.setQueryData(doc, "after"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("only during onMutate");
      assertThatThrownBy(() -> scope.updateQueryData(doc, d -> d + "!"))
          .isInstanceOf(IllegalStateException.class);

      QueryState<String> state = client.getQueryState(doc).orElseThrow();
      assertThat(state.data()).isEqualTo("before");
      assertThat(state.optimisticLayers()).isZero();
    }
  }

  // ---- nothing half-applied ------------------------------------------------------------------

  @Nested
  class NothingHalfApplied {
    private final QueryKey<Integer> a = QueryKey.of("items", "a");
    private final QueryKey<Integer> b = QueryKey.of("items", "b");
    private final QueryKey<Integer> c = QueryKey.of("items", "c");

    /**
     * The issue: "nothing is half-applied". {@link QueryClient#setQueriesData}'s Javadoc says
     * otherwise: an updater that throws "propagates after the queries before it were
     * updated", in no particular order. The test holds the library to the issue.
     */
    @Test
    void aBulkUpdateWhoseUpdaterThrowsChangesNoQuery() {
      client.setQueryData(a, 1);
      client.setQueryData(b, 2);
      client.setQueryData(c, 3);
      List<QueryResult<Integer>> heard = new ArrayList<>();
      for (QueryKey<Integer> key : List.of(a, b, c)) {
        client.observe(QueryOptions.builder(key).enabled(false).build(), heard::add);
      }
      heard.clear();
      IllegalStateException boom = new IllegalStateException("updater failed on 2");

      assertThatThrownBy(() -> client.setQueriesData(QueryFilter.prefix("items"), (Integer n) -> {
        if (n == 2) {
          throw boom;
        }
        return n * 10;
      })).isSameAs(boom);

      assertThat(client.getQueriesData(QueryFilter.prefix("items")))
          .as("no query changed")
          .isEqualTo(Map.of(a, 1, b, 2, c, 3));
      assertThat(heard).as("no observer heard of a change").isEmpty();
    }

    @Test
    void anUpdaterThatThrowsChangesNothingAndCreatesNothing() {
      client.setQueryData(a, 1);
      IllegalStateException boom = new IllegalStateException("updater failed");

      assertThatThrownBy(() -> client.updateQueryData(a, n -> { throw boom; })).isSameAs(boom);
      assertThatThrownBy(() -> client.updateQueryData(b, n -> { throw boom; })).isSameAs(boom);

      assertThat(client.getQueryState(a).orElseThrow().data()).isEqualTo(1);
      assertThat(client.getQueryState(a).orElseThrow().dataUpdateCount()).isEqualTo(1);
      assertThat(client.getQueryState(b)).as("nothing created").isEmpty();
    }

    @Test
    void refusedWritesCreateNoQuery() {
      assertThatThrownBy(() -> client.setQueryData(a, null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> client.updateQueryData(a, null)).isInstanceOf(NullPointerException.class);

      assertThat(client.getQueries(QueryFilter.all())).isEmpty();
    }

    @Test
    void aRefusedRunStartsNothing() {
      Mutation<String, String, Void> mutation = optimisticBuilder().build();
      client.setQueryData(doc, "before");

      assertThatThrownBy(() -> mutation.mutate(null)).isInstanceOf(NullPointerException.class).hasMessage("variables == null");

      assertThat(client.getMutations(MutationFilter.all())).isEmpty();
      assertThat(mutation.state().status()).isEqualTo(MutationStatus.IDLE);
      assertThat(client.getQueryState(doc).orElseThrow().optimisticLayers()).isZero();
      assertThat(texts(toaster)).isEmpty();
    }

    @Test
    void aProjectionThatThrowsOnTheSecondKeyLeavesNoLayerOnTheFirst() {
      client.setQueryData(a, 1);
      client.setQueryData(b, 2);
      IllegalStateException boom = new IllegalStateException("projection failed");
      ControllableMutation<Integer, String> server = new ControllableMutation<>();
      Mutation<Integer, String, Void> mutation =
          client.<Integer, String>asyncMutation(server)
              .optimistic(a, (Integer data, Integer v) -> data + v)
              .alsoPatch(b, (Integer data, Integer v) -> { throw boom; })
              .errorMessage("Could not add")
              .build();

      CompletableFuture<String> run = mutation.mutate(5);

      assertThat(failureOf(run)).isSameAs(boom);
      assertThat(server.callCount()).as("the mutation function never ran").isZero();
      for (QueryKey<Integer> key : List.of(a, b)) {
        QueryState<Integer> state = client.getQueryState(key).orElseThrow();
        assertThat(state.optimisticLayers()).as("layers of %s", key).isZero();
      }
      assertThat(client.getQueryData(a)).contains(1);
      assertThat(client.getQueryData(b)).contains(2);
      assertThat(texts(toaster)).containsExactly("error:Could not add");
      assertThat(client.isMutating(MutationFilter.all())).isZero();
    }

    /**
     * {@code invalidateFor}'s function is user code run at settle time; returning null (its
     * Javadoc says "never null") or throwing is bad input that cannot be refused at build
     * time. The run must still settle, with a clear error, and leave no layer behind.
     */
    @Test
    void settleInvalidationsThatAreNullOrThrowStillSettleTheRun() {
      client.setQueryData(doc, "before");
      ControllableMutation<String, String> server = new ControllableMutation<>();
      Mutation<String, String, Void> returnsNull =
          client.<String, String>asyncMutation(server)
              .optimistic(doc, (data, v) -> v)
              .errorMessage("Could not save")
              .invalidateFor(v -> null)
              .build();
      Mutation<String, String, Void> throwing =
          client.<String, String>asyncMutation(server)
              .optimistic(doc, (data, v) -> v)
              .errorMessage("Could not save")
              .invalidateFor(v -> {
                throw new IllegalStateException("no filters for " + v);
              })
              .build();

      CompletableFuture<String> succeeded = returnsNull.mutate("a");
      server.call(0).resolve("ok");
      CompletableFuture<String> failed = throwing.mutate("b");
      server.call(1).fail(new IllegalStateException("server down"));

      assertThat(succeeded).as("the run whose filters are null settles").isDone();
      assertThat(failed).as("the run whose filters throw settles").isDone();
      assertThat(client.isMutating(MutationFilter.all())).isZero();
      assertThat(client.getQueryState(doc).orElseThrow().optimisticLayers()).as("no layer left").isZero();
    }
  }
}
