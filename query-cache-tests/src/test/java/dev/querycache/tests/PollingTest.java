package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of polling ({@code refetchInterval}, {@code refetchIntervalInBackground}), as
 * TanStack Query's observers poll: while an enabled observer follows the query, it refetches
 * an interval after the query last changed, and every interval while nothing changes; a poll
 * leaves a fetch in flight alone and skips its turn while no window has focus. Time is
 * virtual.
 */
class PollingTest {
  record Job(String id, boolean running) {}

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  private final ControllableQuery<Integer> server = new ControllableQuery<>();
  private final QueryKey<Integer> count = QueryKey.of("count");

  @AfterEach
  void close() {
    client.close();
  }

  private QueryObserver<Integer> observe(QuerySettings settings) {
    QueryObserver<Integer> observer = client.observe(
        QueryOptions.builder(count).asyncFetcher(server).apply(settings).build(), result -> {});
    server.resolve(0); // the first load
    return observer;
  }

  private static QuerySettings every(Duration interval) {
    return QuerySettings.builder().refetchInterval(interval).build();
  }

  @Test
  void anObservedQueryRefetchesEveryInterval() {
    observe(every(Duration.ofSeconds(10)));

    time.advance(Duration.ofSeconds(10));
    assertThat(server.callCount()).isEqualTo(2);
    server.resolve(1);
    time.advance(Duration.ofSeconds(10));

    assertThat(server.callCount()).isEqualTo(3);
    assertThat(client.getQueryData(count)).contains(1);
  }

  @Test
  void theIntervalRestartsWhenTheQueryChanges() {
    observe(every(Duration.ofSeconds(10)));
    time.advance(Duration.ofSeconds(6));

    client.setQueryData(count, 5); // data lands by hand at 6 s
    time.advance(Duration.ofSeconds(9));
    assertThat(server.callCount()).as("15 s: only 9 s since the change").isEqualTo(1);
    time.advance(Duration.ofSeconds(1));

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void aPollLeavesAFetchInFlightAlone() {
    observe(every(Duration.ofSeconds(10)));
    time.advance(Duration.ofSeconds(10)); // the poll: a fetch in flight

    time.advance(Duration.ofSeconds(10)); // the next turn, the fetch still running

    assertThat(server.callCount()).isEqualTo(2);
    assertThat(server.call(1).isPending()).as("not cancelled").isTrue();
  }

  @Test
  void pollingSkipsItsTurnsWhileNoWindowHasFocus() {
    observe(every(Duration.ofSeconds(10)));
    client.focusChanged(false);

    time.advance(Duration.ofSeconds(30));
    assertThat(server.callCount()).isEqualTo(1);

    client.focusChanged(true); // the focus refetch (data stale), then polling again
    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void pollingInTheBackgroundGoesOnWithoutFocus() {
    observe(QuerySettings.builder().refetchInterval(Duration.ofSeconds(10)).refetchIntervalInBackground(true).build());
    client.focusChanged(false);

    time.advance(Duration.ofSeconds(10));

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void pollingStopsWhenTheObserverCloses() {
    QueryObserver<Integer> observer = observe(every(Duration.ofSeconds(10)));

    observer.close();
    time.advance(Duration.ofSeconds(30));

    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void aDisabledObserverDoesNotPoll() {
    client.setQueryData(count, 0);
    client.observe(QueryOptions.builder(count).asyncFetcher(server)
        .refetchInterval(Duration.ofSeconds(10)).enabled(false).build(), result -> {});

    time.advance(Duration.ofSeconds(30));

    assertThat(server.callCount()).isZero();
  }

  @Test
  void zeroTurnsOffAnIntervalSetForAPrefix() {
    client.setQueryDefaults(QueryKey.of("count"), every(Duration.ofSeconds(10)));

    observe(every(Duration.ZERO));
    time.advance(Duration.ofSeconds(30));

    assertThat(server.callCount()).isEqualTo(1);
  }

  @Test
  void anIntervalSetForAPrefixPollsItsQueries() {
    client.setQueryDefaults(QueryKey.of("count"), every(Duration.ofSeconds(10)));

    observe(QuerySettings.none());
    time.advance(Duration.ofSeconds(10));

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void anIntervalFunctionPollsWhileTheStateSaysSo() {
    QueryKey<Job> job = QueryKey.of("job", "j1");
    ControllableQuery<Job> jobs = new ControllableQuery<>();
    client.observe(QueryOptions.builder(job).asyncFetcher(jobs)
        .refetchInterval((QueryState<?> state) -> state.data() instanceof Job && ((Job) state.data()).running()
            ? Duration.ofSeconds(2) : null)
        .build(), result -> {});
    jobs.resolve(new Job("j1", true));

    time.advance(Duration.ofSeconds(2));
    assertThat(jobs.callCount()).isEqualTo(2);
    jobs.resolve(new Job("j1", false));
    time.advance(Duration.ofSeconds(10));

    assertThat(jobs.callCount()).as("the job is done: no more polls").isEqualTo(2);
  }

  @Test
  void anIntervalByDataPollsWhileTheDataSaysSoAndNotBeforeThereIsData() {
    QueryKey<Job> job = QueryKey.of("job", "j2");
    ControllableQuery<Job> jobs = new ControllableQuery<>();
    client.observe(QueryOptions.builder(job).asyncFetcher(jobs)
        .refetchIntervalByData(current -> current.running() ? Duration.ofSeconds(2) : null)
        .build(), result -> {});
    time.advance(Duration.ofSeconds(10));
    assertThat(jobs.callCount()).as("the first load, still pending: no data, no poll").isEqualTo(1);
    jobs.resolve(new Job("j2", true));

    time.advance(Duration.ofSeconds(2));
    assertThat(jobs.callCount()).isEqualTo(2);
    jobs.resolve(new Job("j2", false));
    time.advance(Duration.ofSeconds(10));

    assertThat(jobs.callCount()).isEqualTo(2);
  }

  @Test
  void anIntervalFunctionThatThrowsIsReportedAndDoesNotPoll() {
    try (LogCapture log = LogCapture.open(LogCapture.CALLBACKS)) {
      observe(QuerySettings.builder().refetchInterval((QueryState<?> state) -> {
        throw new IllegalStateException("no interval today");
      }).build());

      time.advance(Duration.ofSeconds(60));

      assertThat(server.callCount()).isEqualTo(1);
      assertThat(log.text()).contains("refetchInterval").contains("no interval today");
    }
  }

  @Test
  void changingTheObserversOptionsChangesItsInterval() {
    QueryObserver<Integer> observer = observe(every(Duration.ofSeconds(10)));

    observer.setOptions(QueryOptions.builder(count).asyncFetcher(server).refetchInterval(Duration.ofSeconds(3)).build());
    time.advance(Duration.ofSeconds(3));

    assertThat(server.callCount()).isEqualTo(2);
  }

  @Test
  void aQueryInvalidatedMeanwhileIsPolledOnItsTurnAsUsual() {
    observe(every(Duration.ofSeconds(10)));
    client.invalidateQueries(QueryFilter.exact(count)); // refetches at once: a change
    server.resolve(7);

    time.advance(Duration.ofSeconds(10));

    assertThat(server.callCount()).isEqualTo(3);
  }

  @Test
  void aNegativeIntervalIsRefused() {
    assertThatThrownBy(() -> QuerySettings.builder().refetchInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refetchInterval");
  }

  @Test
  void theSettingsSayTheirInterval() {
    assertThat(every(Duration.ofSeconds(10)).toString()).contains("refetchInterval=PT10S");
  }
}
