package dev.querycache.tests;

import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryFunction;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.internal.query.Query;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.QueryCall;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static dev.querycache.tests.ToastTexts.texts;
import static dev.querycache.tests.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of optimistic layers (see {@link Query}'s class comment and docs/mutations.md,
 * "Overlapping writes"): the visible data is the confirmed data with the pending mutations'
 * patches applied on top in start order; a failure removes only its own layer; data landing
 * meanwhile becomes the confirmed data under the layers; a success keeps its layer until data
 * that includes it lands (fetched after the success, or written by hand after it), or folds it
 * into the confirmed data when the run settles if no fetch tried to confirm it; a fetch that
 * tried and failed leaves it unconfirmed, never folded.
 *
 * <p>Time is virtual ({@link VirtualTime}), fetches and mutation functions are completed by
 * hand, except in {@link Concurrency}, which uses real threads.
 */
class OptimisticLayersTest {
  record Row(int id, boolean read, boolean starred) {}

  record Doc(String title) {}

  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).toaster(toaster).build();
  private final QueryKey<List<Row>> key = QueryKey.of("rows");
  private final ControllableQuery<List<Row>> fetcher = new ControllableQuery<>();
  private final ControllableMutation<Row, Boolean> server = new ControllableMutation<>();
  private final List<QueryResult<List<Row>>> results = new CopyOnWriteArrayList<>();
  private final Mutation<Row, Boolean, Void> setRow =
      client.asyncMutation(server)
          .optimistic(key, OptimisticLayersTest::put)
          .errorMessage("Failed to update the row")
          .build();

  static Row row(int id) {
    return new Row(id, false, false);
  }

  static Row read(int id) {
    return new Row(id, true, false);
  }

  static List<Row> rows(Row... rows) {
    return List.of(rows);
  }

  /** The projection: the row with the variables' id becomes the variables (idempotent). */
  static List<Row> put(List<Row> rows, Row value) {
    return rows.stream()
        .map(r -> r.id() == value.id() ? value : r)
        .collect(Collectors.toUnmodifiableList());
  }

  /** Observes {@link #key} through {@link #fetcher}, recording results; lands {@code initial}. */
  private QueryObserver<List<Row>> observe(List<Row> initial) {
    QueryObserver<List<Row>> observer =
        client.observe(QueryOptions.builder(key).asyncFetcher(fetcher).build(), results::add);
    assertThat(fetcher.callCount()).isEqualTo(1);
    fetcher.resolve(initial);
    assertThat(data()).isEqualTo(initial);
    return observer;
  }

  private List<Row> data() {
    return client.getQueryData(key).orElseThrow();
  }

  private <T> int layersOf(QueryKey<T> k) {
    return client.getQueryState(k).orElseThrow().optimisticLayers();
  }

  private int layers() {
    return layersOf(key);
  }

  // ---- overlapping runs ----------------------------------------------------------------------

  @Nested
  class Overlap {
    @Test
    void failureOfOneRunKeepsTheOtherAndTheSettleRefetchLandsServerTruth() {
      observe(rows(row(1), row(2)));

      CompletableFuture<Boolean> a = setRow.mutate(read(1));
      CompletableFuture<Boolean> b = setRow.mutate(read(2));
      assertThat(data()).containsExactly(read(1), read(2));
      assertThat(layers()).isEqualTo(2);

      RuntimeException boom = new RuntimeException("boom");
      server.call(0).fail(boom);
      assertThat(data()).containsExactly(row(1), read(2));
      assertThat(layers()).isEqualTo(1);

      server.call(1).resolve(true);
      assertThat(data()).as("B's patch stays until its settle refetch lands").containsExactly(row(1), read(2));
      assertThat(fetcher.callCount()).as("the settle refetch is in flight").isGreaterThan(1);

      List<Row> truth = rows(row(1), read(2), row(3));
      fetcher.resolve(truth);
      assertThat(data()).isEqualTo(truth);
      assertThat(layers()).isZero();
      assertThat(failureOf(a)).isSameAs(boom);
      assertThat(b).isCompletedWithValue(true);
      assertThat(client.isMutating(MutationFilter.all())).isZero();
    }

    @Test
    void layersApplyInStartOrder() {
      QueryKey<Doc> doc = QueryKey.of("doc", 1);
      client.setQueryData(doc, new Doc("original"));
      ControllableMutation<String, Boolean> titles = new ControllableMutation<>();
      Mutation<String, Boolean, Void> rename =
          client.<String, Boolean>asyncMutation(titles)
              .optimistic(doc, (Doc current, String title) -> new Doc(title))
              .errorMessage("Rename failed")
              .build();

      rename.mutate("x");
      rename.mutate("y");
      assertThat(client.getQueryData(doc)).contains(new Doc("y"));

      titles.call(1).fail(new RuntimeException("B rejected"));
      assertThat(client.getQueryData(doc)).contains(new Doc("x"));
      assertThat(layersOf(doc)).isEqualTo(1);
    }

    @Test
    void earlierRunFailingUnderALaterOneKeepsTheLaterValue() {
      QueryKey<Doc> doc = QueryKey.of("doc", 2);
      client.setQueryData(doc, new Doc("original"));
      ControllableMutation<String, Boolean> titles = new ControllableMutation<>();
      Mutation<String, Boolean, Void> rename =
          client.<String, Boolean>asyncMutation(titles)
              .optimistic(doc, (Doc current, String title) -> new Doc(title))
              .errorMessage("Rename failed")
              .build();

      rename.mutate("x");
      rename.mutate("y");
      titles.call(0).fail(new RuntimeException("A rejected"));

      assertThat(client.getQueryData(doc)).contains(new Doc("y"));
    }
  }

  // ---- what a patch costs ---------------------------------------------------------------------

  @Nested
  class Economy {
    @Test
    void aLoneLayerFoldsWithoutRunningItsProjectionAgain() {
      client.setQueryData(key, rows(row(0), row(1)));
      AtomicInteger projections = new AtomicInteger();
      Mutation<Row, Boolean, Void> counted =
          client.asyncMutation(server)
              .optimistic(key, (List<Row> rows, Row value) -> {
                projections.incrementAndGet();
                return put(rows, value);
              })
              .errorMessage("Failed to update the row")
              .build();

      CompletableFuture<Boolean> done = counted.mutate(read(1));
      server.call(0).resolve(true);

      assertThat(done).isCompletedWithValue(true);
      assertThat(layers()).isZero();
      assertThat(data()).containsExactly(row(0), read(1));
      assertThat(projections).hasValue(1);
    }

    @Test
    void aPatchEqualToTheDataBeforeKeepsTheOldInstance() {
      List<Row> before = rows(read(0), row(1));
      client.setQueryData(key, before);
      List<QueryResult<List<Row>>> seen = new CopyOnWriteArrayList<>();
      QueryObserver<List<Row>> observer =
          client.observe(QueryOptions.builder(key).staleTime(QuerySettings.FOREVER).build(), seen::add);
      int delivered = seen.size();

      setRow.mutate(read(0));

      assertThat(data()).isSameAs(before);
      assertThat(seen.subList(delivered, seen.size()))
          .allSatisfy(result -> assertThat(result.data()).isSameAs(before));
      server.call(0).resolve(true);
      observer.close();
    }
  }

  // ---- data landing under the layers --------------------------------------------------------

  @Nested
  class Landing {
    @Test
    void refetchLandingMidMutationDoesNotUnflip() {
      observe(rows(row(1), row(2)));
      CompletableFuture<Boolean> run = setRow.mutate(read(1));

      client.refetchQueries(QueryFilter.exact(key));
      assertThat(fetcher.callCount()).isEqualTo(2);
      Row starredElsewhere = new Row(2, false, true);
      fetcher.resolve(rows(row(1), starredElsewhere)); // the server still says unread

      assertThat(data()).containsExactly(read(1), starredElsewhere);
      assertThat(layers()).isEqualTo(1);

      server.call(0).fail(new RuntimeException("rejected"));
      assertThat(data()).as("the new server data, not the old snapshot").containsExactly(row(1), starredElsewhere);
      assertThat(layers()).isZero();
      assertThat(run).isNotCompleted(); // waits for its settle refetch
    }

    @Test
    void setQueryDataMidMutationBecomesTheConfirmedDataUnderTheLayers() {
      client.setQueryData(key, rows(row(1), row(2)));
      setRow.mutate(read(1));

      client.setQueryData(key, rows(row(1), row(2), row(3)));

      assertThat(data()).containsExactly(read(1), row(2), row(3));
      assertThat(layers()).isEqualTo(1);

      server.call(0).fail(new RuntimeException("rejected"));
      assertThat(data()).containsExactly(row(1), row(2), row(3));
    }

    @Test
    void noFlashOnSuccess() {
      observe(rows(row(1), row(2)));
      CompletableFuture<Boolean> run = setRow.mutate(read(1));
      int firstPatched = results.size() - 1;
      assertThat(results.get(firstPatched).data()).containsExactly(read(1), row(2));

      server.call(0).resolve(true);
      assertThat(fetcher.callCount()).as("the settle refetch started").isGreaterThan(1);
      assertThat(data()).containsExactly(read(1), row(2));
      assertThat(layers()).isEqualTo(1);

      List<Row> truth = rows(read(1), new Row(2, false, true));
      fetcher.resolve(truth);
      assertThat(data()).isEqualTo(truth);
      assertThat(layers()).isZero();
      assertThat(run).isCompletedWithValue(true);

      List<QueryResult<List<Row>>> afterPatch = results.subList(firstPatched, results.size());
      assertThat(afterPatch)
          .allSatisfy(result -> assertThat(result.data()).contains(read(1)).doesNotContain(row(1)));
    }

    @Test
    void settleRefetchesAPatchedKeyOnce() {
      observe(rows(row(1), row(2)));
      setRow.mutate(read(1));

      server.call(0).resolve(true);

      // Two settle filters select the key; it must still be invalidated (and refetched) once.
      assertThat(fetcher.callCount()).as("the mount fetch and one settle refetch").isEqualTo(2);
    }

    @Test
    void fetchStartedBeforeTheSuccessLandingAfterItKeepsTheLayerUntilTheRunSettles() {
      QueryKey<Integer> counts = QueryKey.of("counts");
      ControllableQuery<Integer> countsFetcher = new ControllableQuery<>();
      client.observe(QueryOptions.builder(counts).asyncFetcher(countsFetcher).build(), r -> {});
      countsFetcher.resolve(2);
      client.fetchQuery(QueryOptions.builder(key).asyncFetcher(fetcher).build());
      fetcher.resolve(rows(row(1), row(2))); // unobserved: the settle does not refetch it
      Mutation<Row, Boolean, Void> m =
          client.asyncMutation(server)
              .optimistic(key, OptimisticLayersTest::put)
              .errorMessage("Failed")
              .invalidate(QueryFilter.exact(counts)) // keeps the run from settling at once
              .build();

      CompletableFuture<Boolean> run = m.mutate(read(1));
      client.refetchQueries(QueryFilter.exact(key)); // after the mutate step, before the success
      assertThat(fetcher.callCount()).isEqualTo(2);
      server.call(0).resolve(true);
      assertThat(countsFetcher.callCount()).isEqualTo(2);
      assertThat(run).isNotDone();

      fetcher.resolve(rows(row(1), row(2))); // does not include the change
      assertThat(data()).containsExactly(read(1), row(2));
      assertThat(layers()).isEqualTo(1);

      countsFetcher.resolve(1);
      assertThat(run).isCompletedWithValue(true);
      assertThat(layers()).isZero();
      assertThat(data()).containsExactly(read(1), row(2));
    }

    @Test
    void fetchStartedBeforeTheSuccessLandingAfterTheRunSettledDoesNotFlashBack() {
      client.fetchQuery(QueryOptions.builder(key).asyncFetcher(fetcher).build());
      fetcher.resolve(rows(row(1), row(2))); // unobserved: the run settles at its success
      CompletableFuture<Boolean> run = setRow.mutate(read(1));
      client.refetchQueries(QueryFilter.exact(key)); // after the mutate step, before the success
      assertThat(fetcher.callCount()).isEqualTo(2);

      server.call(0).resolve(true);
      assertThat(run).isCompletedWithValue(true);
      assertThat(data()).containsExactly(read(1), row(2));

      fetcher.resolve(rows(row(1), row(2))); // started before the success: predates the change
      // The fold waits for the older fetch, which lands under the layer, not over the change.
      assertThat(data()).containsExactly(read(1), row(2));
      assertThat(layers()).isZero();
    }

    @Test
    void layerIsAlreadyFoldedWhenTheRunsFutureCompletes() {
      QueryKey<Integer> counts = QueryKey.of("counts");
      ControllableQuery<Integer> countsFetcher = new ControllableQuery<>();
      client.observe(QueryOptions.builder(counts).asyncFetcher(countsFetcher).build(), r -> {});
      countsFetcher.resolve(2);
      client.setQueryData(key, rows(row(1), row(2)));
      Mutation<Row, Boolean, Void> m =
          client.asyncMutation(server)
              .optimistic(key, OptimisticLayersTest::put)
              .errorMessage("Failed")
              .invalidate(QueryFilter.exact(counts))
              .build();
      CompletableFuture<Boolean> run = m.mutate(read(1));
      AtomicInteger layersAtCompletion = new AtomicInteger(-1);
      run.whenComplete((r, e) -> layersAtCompletion.set(layers()));

      server.call(0).resolve(true);
      countsFetcher.resolve(1);

      assertThat(run).isCompletedWithValue(true);
      assertThat(layersAtCompletion.get()).as("layers seen by code chained on the run's future").isZero();
    }

    @Test
    void withoutAnActiveObserverASucceededLayerIsFoldedIntoTheConfirmedData() {
      client.setQueryData(key, rows(row(1), row(2)));
      int updates = client.getQueryState(key).orElseThrow().dataUpdateCount();

      CompletableFuture<Boolean> run = setRow.mutate(read(1));
      server.call(0).resolve(true);

      assertThat(run).isCompletedWithValue(true);
      assertThat(layers()).isZero();
      assertThat(data()).containsExactly(read(1), row(2));
      assertThat(client.getQueryState(key).orElseThrow().dataUpdateCount())
          .as("the fold is no new confirmed write")
          .isEqualTo(updates);

      // It is part of the confirmed data now: a later run's rollback goes back to it.
      setRow.mutate(read(2));
      server.call(1).fail(new RuntimeException("rejected"));
      assertThat(data()).containsExactly(read(1), row(2));
    }

    @Test
    void succeededLayerAboveAPendingOneIsFoldedWhenTheOneBelowFails() {
      client.setQueryData(key, rows(row(1), row(2)));
      CompletableFuture<Boolean> a = setRow.mutate(read(1));
      CompletableFuture<Boolean> b = setRow.mutate(read(2));

      server.call(1).resolve(true); // B settles; its fold waits for A below it
      assertThat(b).isCompletedWithValue(true);
      server.call(0).fail(new RuntimeException("rejected"));
      assertThat(a).isCompletedExceptionally();

      assertThat(data()).containsExactly(row(1), read(2));
      assertThat(layers()).isZero();
    }

    @Test
    void succeededLayerAboveAPendingOneIsFoldedWhenTheOneBelowSucceeds() {
      client.setQueryData(key, rows(row(1), row(2)));
      setRow.mutate(read(1));
      setRow.mutate(read(2));

      server.call(1).resolve(true);
      assertThat(layers()).isEqualTo(2);
      server.call(0).resolve(true);

      assertThat(layers()).isZero();
      assertThat(data()).containsExactly(read(1), read(2));
    }
  }

  // ---- notifications ------------------------------------------------------------------------

  // ---- what becomes of a succeeded run's layer ------------------------------------------------

  /**
   * A succeeded run's layer stays until data that includes the change lands; it is never taken
   * for the server's word. Data written by hand after the success (the server's answer written
   * in {@code onSuccess}, a push) includes the run, as a fetch started after the success does.
   */
  @Nested
  class AfterSuccess {
    @Test
    void aFailedSettleRefetchLeavesTheLayerUnconfirmedAndTheQueryInvalidated() {
      observe(rows(row(1), row(2)));
      CompletableFuture<Boolean> run = setRow.mutate(read(1));
      server.call(0).resolve(true);

      fetcher.fail(new IOException("list endpoint down")); // the settle refetch, retried...
      time.advance(Duration.ofMinutes(1));
      while (fetcher.call(fetcher.callCount() - 1).isPending()) {
        fetcher.fail(new IOException("list endpoint down"));
        time.advance(Duration.ofMinutes(1));
      }

      assertThat(run).isCompletedWithValue(true);
      QueryState<List<Row>> state = client.getQueryState(key).orElseThrow();
      assertThat(state.data()).as("the layer still shows").containsExactly(read(1), row(2));
      assertThat(state.optimisticLayers()).as("not folded into the confirmed data").isEqualTo(1);
      assertThat(state.isInvalidated()).isTrue();
      assertThat(state.status()).isEqualTo(QueryStatus.ERROR);

      client.refetchQueries(QueryFilter.exact(key));
      fetcher.resolve(rows(row(1), row(2), row(3))); // the server says otherwise
      assertThat(data()).as("the server's data stands").containsExactly(row(1), row(2), row(3));
      assertThat(layers()).isZero();
    }

    @Test
    void writingTheServersAnswerInOnSuccessReplacesTheLayer() {
      observe(rows(row(1), row(2)));
      Row serverAnswer = new Row(1, true, true); // the server also starred it
      Mutation<Row, Boolean, Void> withAnswer =
          client.asyncMutation(server)
              .optimistic(key, OptimisticLayersTest::put)
              .errorMessage("Failed to update the row")
              .onSuccess((result, value, context) -> client.setQueryData(key, put(data(), serverAnswer)))
              .build();

      withAnswer.mutate(read(1));
      server.call(0).resolve(true);

      assertThat(data()).as("the server's answer, not the run's own value on top of it")
          .containsExactly(serverAnswer, row(2));
      assertThat(layers()).isZero();
    }

    @Test
    void aPushAfterTheSuccessReplacesTheLayer() {
      observe(rows(row(1), row(2)));
      setRow.mutate(read(1));
      server.call(0).resolve(true); // the settle refetch is in flight

      client.setQueryData(key, rows(new Row(1, true, true), row(2))); // a push, after the success

      assertThat(data()).containsExactly(new Row(1, true, true), row(2));
      assertThat(layers()).isZero();
    }

    @Test
    void aPushBeforeTheSuccessKeepsThePendingLayerOnTop() {
      observe(rows(row(1), row(2)));
      setRow.mutate(read(1));

      client.setQueryData(key, rows(row(1), row(2), row(3)));

      assertThat(data()).containsExactly(read(1), row(2), row(3));
      assertThat(layers()).isEqualTo(1);
    }

    @Test
    void anUpdateAfterTheSuccessStartsFromTheRunsChangeSoNothingFlashes() {
      observe(rows(row(1), row(2)));
      setRow.mutate(read(1));
      server.call(0).resolve(true);
      List<List<Row>> seenByTheUpdater = new ArrayList<>();

      client.updateQueryData(key, current -> {
        seenByTheUpdater.add(current);
        List<Row> more = new ArrayList<>(current);
        more.add(row(3));
        return List.copyOf(more);
      });

      assertThat(seenByTheUpdater).containsExactly(rows(read(1), row(2)));
      assertThat(data()).containsExactly(read(1), row(2), row(3));
      assertThat(layers()).isZero();
      assertThat(results).noneSatisfy(result -> assertThat(result.data()).contains(row(1)).hasSize(3));
    }

    @Test
    void aSucceededLayerWaitingForConfirmationDoesNotKeepAnUnobservedQueryForever() {
      QueryObserver<List<Row>> screen = observe(rows(row(1), row(2)));
      setRow.mutate(read(1));
      server.call(0).resolve(true);
      fetcher.fail(new IOException("down")); // the settle refetch fails for good
      time.advance(Duration.ofMinutes(1));
      while (fetcher.call(fetcher.callCount() - 1).isPending()) {
        fetcher.fail(new IOException("down"));
        time.advance(Duration.ofMinutes(1));
      }
      assertThat(layers()).isEqualTo(1);

      screen.close();
      time.advance(Duration.ofMinutes(6)); // past the default gc time

      assertThat(client.getQueryState(key)).as("collected with its unconfirmed layer").isEmpty();
    }
  }

  // ---- first loads, removal ---------------------------------------------------------------------

  @Nested
  class FirstLoadAndRemoval {
    @Test
    void aRunDoesNotCancelTheFirstLoadOfTheKeyItPatches() {
      client.observe(QueryOptions.builder(key).asyncFetcher(fetcher).build(), results::add);
      assertThat(client.getQueryState(key).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.FETCHING);
      client.onlineChanged(false); // the run waits, offline

      setRow.mutate(read(1));
      fetcher.resolve(rows(row(1), row(2)));

      assertThat(fetcher.call(0).isPending()).as("the first load is the call answered").isFalse();
      assertThat(data()).as("the layer applies to the loaded data").containsExactly(read(1), row(2));
      client.onlineChanged(true);
      server.call(0).resolve(true);
      fetcher.resolve(rows(read(1), row(2)));
      assertThat(layers()).isZero();
    }

    @Test
    void aRunCancelsARefetchInFlightOfDataItPatches() {
      observe(rows(row(1), row(2)));
      client.refetchQueries(QueryFilter.exact(key));
      QueryCall<List<Row>> refetch = fetcher.call(1);

      setRow.mutate(read(1));

      assertThat(client.getQueryState(key).orElseThrow().fetchStatus()).isEqualTo(FetchStatus.IDLE);
      assertThat(fetcher.latestCall().context().signal().isCancelled()).isTrue();
      assertThat(refetch.isPending()).isTrue(); // the function's own call; the fetch's waiters were told
    }

    @Test
    void removingAQueryRemovesThePendingRunsLayersWithItAndTheRunStillSettles() {
      observe(rows(row(1), row(2)));
      CompletableFuture<Boolean> run = setRow.mutate(read(1));

      client.removeQueries(QueryFilter.exact(key));
      assertThat(client.getQueryData(key)).as("removed, with its data and layers").isEmpty();
      server.call(0).fail(new IOException("refused"));
      assertThat(layers()).as("nothing of the run appears on the observed successor").isZero();
      fetcher.resolve(rows(row(1), row(2))); // the settle refetch of the successor

      assertThat(failureOf(run)).hasMessage("refused");
      assertThat(texts(toaster)).containsExactly("error:Failed to update the row");
      assertThat(data()).containsExactly(row(1), row(2));
    }

    @Test
    void aRunThatSucceedsAfterItsQueryWasRemovedRefetchesTheObservedSuccessor() {
      observe(rows(row(1), row(2)));
      CompletableFuture<Boolean> run = setRow.mutate(read(1));
      client.removeQueries(QueryFilter.exact(key)); // the screen now shows an empty successor
      int callsBefore = fetcher.callCount();

      server.call(0).resolve(true);

      assertThat(fetcher.callCount()).as("the settle invalidation refetches the successor").isEqualTo(callsBefore + 1);
      fetcher.resolve(rows(read(1), row(2)));
      assertThat(run).isCompletedWithValue(true);
      assertThat(data()).containsExactly(read(1), row(2));
      assertThat(layers()).isZero();
    }
  }

  @Test
  void observersSeeOneNotificationPerVisibleChange() {
    QueryObserver<List<Row>> observer = observe(rows(row(1), row(2)));
    observer.refetch(); // a fetch in flight, so the mutate step cancels as well as patches
    assertThat(results.get(results.size() - 1).isFetching()).isTrue();
    int before = results.size();

    setRow.mutate(read(1));
    assertThat(results).hasSize(before + 1);
    QueryResult<List<Row>> patched = results.get(before);
    assertThat(patched.data()).containsExactly(read(1), row(2));
    assertThat(patched.fetchStatus()).isEqualTo(FetchStatus.IDLE);

    server.call(0).fail(new RuntimeException("rejected"));
    assertThat(results).hasSize(before + 2);
    assertThat(results.get(before + 1).data()).containsExactly(row(1), row(2));
  }

  // ---- retention and creation ---------------------------------------------------------------

  @Test
  void patchedQueryIsNotCollectedWhileItsLayerIsPending() {
    client.setQueryData(key, rows(row(1), row(2))); // unobserved, gcTime 5 minutes
    CompletableFuture<Boolean> run = setRow.mutate(read(1));

    time.advance(Duration.ofHours(1));
    assertThat(client.getQueryState(key)).isPresent();
    assertThat(data()).containsExactly(read(1), row(2));

    server.call(0).resolve(true);
    assertThat(run).isCompletedWithValue(true);
    time.advance(Duration.ofMinutes(6));
    assertThat(client.getQueryState(key)).isEmpty();
  }

  @Test
  void keyNotInTheCacheIsNeitherPatchedNorCreated() {
    CompletableFuture<Boolean> run = setRow.mutate(read(1));

    assertThat(server.callCount()).isEqualTo(1);
    assertThat(client.getQueryState(key)).isEmpty();

    server.call(0).resolve(true);
    assertThat(run).isCompletedWithValue(true);
    assertThat(client.getQueryState(key)).isEmpty();
  }

  @Test
  void optimisticMatchingPatchesEveryCachedQueryUnderThePrefixAndRestoresAllOnFailure() {
    QueryKey<List<Row>> inbox = QueryKey.of("rows", "inbox");
    QueryKey<List<Row>> starred = QueryKey.of("rows", "starred");
    QueryKey<List<Row>> other = QueryKey.of("other");
    for (QueryKey<List<Row>> k : List.of(inbox, starred, other)) {
      client.setQueryData(k, rows(row(1), row(2)));
    }
    Mutation<Row, Boolean, Void> m =
        client.asyncMutation(server)
            .optimisticMatching(QueryFilter.prefix("rows"), OptimisticLayersTest::put)
            .errorMessage("Failed")
            .build();

    m.mutate(read(1));
    assertThat(client.getQueryData(inbox)).contains(rows(read(1), row(2)));
    assertThat(client.getQueryData(starred)).contains(rows(read(1), row(2)));
    assertThat(client.getQueryData(other)).contains(rows(row(1), row(2)));
    assertThat(layersOf(inbox)).isEqualTo(1);
    assertThat(layersOf(starred)).isEqualTo(1);
    assertThat(layersOf(other)).isZero();

    server.call(0).fail(new RuntimeException("rejected"));
    for (QueryKey<List<Row>> k : List.of(inbox, starred, other)) {
      assertThat(client.getQueryData(k)).contains(rows(row(1), row(2)));
      assertThat(layersOf(k)).isZero();
    }
  }

  // ---- projections that throw ---------------------------------------------------------------

  @Nested
  class ThrowingProjection {
    @Test
    void failsTheRunWithItsExceptionAndLeavesNoLayer() {
      client.setQueryData(key, rows(row(1), row(2)));
      IllegalStateException bad = new IllegalStateException("bad projection");
      Mutation<Row, Boolean, Void> m =
          client.asyncMutation(server)
              .optimistic(key, (List<Row> rows, Row value) -> {
                throw bad;
              })
              .errorMessage("Failed")
              .build();

      CompletableFuture<Boolean> run = m.mutate(read(1));

      assertThat(failureOf(run)).isSameAs(bad);
      assertThat(server.callCount()).isZero();
      assertThat(layers()).isZero();
      assertThat(data()).containsExactly(row(1), row(2));
      assertThat(texts(toaster)).containsExactly("error:Failed");
    }

    @Test
    void secondKeyThrowingRestoresTheFirst() {
      QueryKey<List<Row>> second = QueryKey.of("rows2");
      client.setQueryData(key, rows(row(1), row(2)));
      client.setQueryData(second, rows(row(1), row(2)));
      IllegalStateException bad = new IllegalStateException("bad projection");
      Mutation<Row, Boolean, Void> m =
          client.asyncMutation(server)
              .optimistic(key, OptimisticLayersTest::put)
              .alsoPatch(second, (List<Row> rows, Row value) -> {
                throw bad;
              })
              .errorMessage("Failed")
              .build();

      CompletableFuture<Boolean> run = m.mutate(read(1));

      assertThat(failureOf(run)).isSameAs(bad);
      assertThat(server.callCount()).isZero();
      assertThat(data()).containsExactly(row(1), row(2));
      assertThat(layers()).isZero();
      assertThat(client.getQueryData(second)).contains(rows(row(1), row(2)));
      assertThat(layersOf(second)).isZero();
    }
  }

  // ---- superseded refetches -----------------------------------------------------------------

  @Test
  void runsWhoseSettleRefetchesSupersedeEachOtherThousandsOfTimesAllComplete() {
    observe(rows(row(1), row(2)));
    List<CompletableFuture<Boolean>> runs = new ArrayList<>();
    int count = 5000;
    for (int i = 0; i < count; i++) {
      runs.add(setRow.mutate(new Row(1 + i % 2, i % 3 == 0, false)));
    }
    for (int i = 0; i < count; i++) {
      server.call(i).resolve(true); // each settle refetch replaces the one in flight
    }
    assertThat(runs).noneMatch(CompletableFuture::isDone);

    fetcher.resolve(rows(row(1), row(2)));

    // Each replaced fetch hands its waiters to its successor; the last landing completes them
    // in a loop. Chained completions would overflow the stack (and CompletableFuture would
    // swallow the error, leaving runs pending forever).
    assertThat(runs.stream().filter(run -> !run.isDone()).count()).as("runs left pending").isZero();
    assertThat(layers()).isZero();
  }

  // ---- concurrency (real threads) -----------------------------------------------------------

  @Nested
  class Concurrency {
    @Test
    @Timeout(120)
    void concurrentOptimisticMutationsConvergeOnTheServersData() throws Exception {
      int rowCount = 16;
      Map<Integer, Row> serverRows = new ConcurrentHashMap<>();
      for (int id = 0; id < rowCount; id++) {
        serverRows.put(id, row(id));
      }
      QueryClient real = QueryClient.builder().toaster(new RecordingToaster()).build();
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        QueryKey<List<Row>> shared = QueryKey.of("shared", "rows");
        QueryFunction<List<Row>> fetch = context -> snapshot(serverRows);
        real.observe(QueryOptions.of(shared, fetch), result -> {});
        real.refetchQueries(QueryFilter.exact(shared)).get(10, TimeUnit.SECONDS);
        assertThat(real.getQueryData(shared)).contains(snapshot(serverRows));

        Mutation<Row, Boolean, Void> setRowReal =
            real.<Row, Boolean>mutation(value -> {
                  if (ThreadLocalRandom.current().nextBoolean()) {
                    throw new IOException("rejected");
                  }
                  serverRows.put(value.id(), value);
                  return true;
                })
                .optimistic(shared, OptimisticLayersTest::put)
                .errorMessage("Failed")
                .build();

        List<CompletableFuture<Boolean>> futures = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          workers.add(threads.submit(() -> {
            go.await();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 200; i++) {
              Row value = new Row(random.nextInt(rowCount), random.nextBoolean(), random.nextBoolean());
              futures.add(setRowReal.mutate(value));
            }
            return null;
          }));
        }
        go.countDown();
        for (java.util.concurrent.Future<?> worker : workers) {
          worker.get(60, TimeUnit.SECONDS);
        }
        assertThat(futures).hasSize(8 * 200);
        for (CompletableFuture<Boolean> future : futures) {
          try {
            future.get(60, TimeUnit.SECONDS);
          } catch (ExecutionException expected) {
            // a rejected write
          }
        }

        real.refetchQueries(QueryFilter.all()).get(10, TimeUnit.SECONDS);

        assertThat(real.getQueryData(shared)).contains(snapshot(serverRows));
        assertThat(real.getQueryState(shared).orElseThrow().optimisticLayers()).isZero();
        assertThat(real.isMutating(MutationFilter.all())).isZero();
      } finally {
        threads.shutdownNow();
        real.close();
      }
    }

    private List<Row> snapshot(Map<Integer, Row> serverRows) {
      return serverRows.values().stream()
          .sorted(Comparator.comparingInt(Row::id))
          .collect(Collectors.toUnmodifiableList());
    }
  }
}
