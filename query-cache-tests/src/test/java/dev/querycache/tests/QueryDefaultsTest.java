package dev.querycache.tests;

import dev.querycache.AsyncQueryFunction;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryFunction;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.Refetch;
import dev.querycache.RetryPolicy;
import dev.querycache.test.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of default settings: the client's ({@link QueryClientBuilder#defaults}),
 * per key prefix ({@link QueryClient#setQueryDefaults}) and per call ({@link QueryOptions}),
 * and of the validation of {@link QuerySettings}.
 */
@DisplayName("query defaults")
class QueryDefaultsTest {
  final VirtualTime time = new VirtualTime();
  final AtomicInteger calls = new AtomicInteger();

  static QuerySettings staleFor(Duration staleTime) {
    return QuerySettings.builder().staleTime(staleTime).build();
  }

  /** Options for {@code key} whose function counts its calls and returns the call number. */
  QueryOptions.Builder<Integer> counting(QueryKey<Integer> key) {
    return QueryOptions.builder(key).fetcher(ctx -> calls.incrementAndGet());
  }

  /**
   * Fetches {@code options}, then again {@code after} later; returns whether the second fetch
   * called the function (the data was stale) rather than serving the cache (fresh).
   */
  boolean refetchesAfter(QueryClient client, QueryOptions<Integer> options, Duration after) {
    client.fetchQuery(options).join();
    int before = calls.get();
    time.advance(after);
    int data = client.fetchQuery(options).join();
    boolean refetched = calls.get() > before;
    assertThat(data).isEqualTo(calls.get());
    return refetched;
  }

  @Nested
  @DisplayName("client defaults")
  class ClientDefaults {
    @Test
    void clientStaleTimeKeepsDataFresh() {
      QueryClient client =
          time.clientBuilder().fetchExecutor(Runnable::run).defaults(staleFor(Duration.ofMinutes(1))).build();

      assertThat(refetchesAfter(client, counting(QueryKey.of("todos")).build(), Duration.ofSeconds(30)))
          .isFalse();
    }

    @Test
    void clientStaleTimeEndsWithItsDuration() {
      QueryClient client =
          time.clientBuilder().fetchExecutor(Runnable::run).defaults(staleFor(Duration.ofMinutes(1))).build();

      assertThat(refetchesAfter(client, counting(QueryKey.of("todos")).build(), Duration.ofSeconds(61)))
          .isTrue();
    }

    @Test
    void withoutDefaultsDataIsStaleAtOnce() {
      QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).build();

      assertThat(refetchesAfter(client, counting(QueryKey.of("todos")).build(), Duration.ZERO))
          .isTrue();
    }

    @Test
    void clientGcTimeGovernsRetention() {
      QueryClient client =
          time.clientBuilder().fetchExecutor(Runnable::run)
              .defaults(QuerySettings.builder().gcTime(Duration.ofMinutes(1)).build())
              .build();
      QueryKey<String> key = QueryKey.of("todos");
      client.setQueryData(key, "x");

      time.advance(Duration.ofSeconds(61));

      assertThat(client.getQueryData(key)).isEmpty();
    }
  }

  @Nested
  @DisplayName("prefix defaults")
  class PrefixDefaults {
    final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).build();

    @Test
    void applyToKeysUnderThePrefix() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofMinutes(1)));

      assertThat(refetchesAfter(client, counting(QueryKey.of("todos", 1)).build(), Duration.ofSeconds(30)))
          .isFalse();
    }

    @Test
    void applyToTheKeyEqualToThePrefix() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofMinutes(1)));

      assertThat(refetchesAfter(client, counting(QueryKey.of("todos")).build(), Duration.ofSeconds(30)))
          .isFalse();
    }

    @Test
    void doNotApplyToOtherKeys() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofMinutes(1)));

      assertThat(refetchesAfter(client, counting(QueryKey.of("users", 1)).build(), Duration.ofSeconds(30)))
          .isTrue();
    }

    @Test
    void doNotApplyToALongerFirstPart() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofMinutes(1)));

      assertThat(refetchesAfter(client, counting(QueryKey.of("todosArchive")).build(), Duration.ofSeconds(30)))
          .isTrue();
    }

    @Test
    void matchPartiallyLikePrefixFilters() {
      client.setQueryDefaults(QueryKey.of(List.of("notification")), staleFor(Duration.ofMinutes(1)));
      QueryKey<Integer> procedure =
          QueryKey.of(List.of("notification", "getNotifications"), java.util.Map.of("type", "query"));

      assertThat(refetchesAfter(client, counting(procedure).build(), Duration.ofSeconds(30)))
          .isFalse();
    }

    @Test
    void expireWithTheirStaleTime() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofMinutes(1)));

      assertThat(refetchesAfter(client, counting(QueryKey.of("todos", 1)).build(), Duration.ofSeconds(61)))
          .isTrue();
    }

    @Test
    void perCallOptionsWinOverPrefixDefaults() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofMinutes(10)));
      QueryOptions<Integer> options =
          counting(QueryKey.of("todos", 1)).staleTime(Duration.ofSeconds(10)).build();

      assertThat(refetchesAfter(client, options, Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void perCallOptionsWinOverPrefixDefaultsTowardsFresher() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofSeconds(10)));
      QueryOptions<Integer> options =
          counting(QueryKey.of("todos", 1)).staleTime(Duration.ofMinutes(10)).build();

      assertThat(refetchesAfter(client, options, Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void perCallOptionsLeaveUnsetSettingsToThePrefixDefaults() {
      client.setQueryDefaults(
          QueryKey.of("todos"),
          QuerySettings.builder()
              .staleTime(Duration.ofMinutes(10))
              .gcTime(Duration.ofMinutes(1))
              .build());
      QueryOptions<Integer> options = counting(QueryKey.of("todos", 1)).retry(0).build();

      assertThat(refetchesAfter(client, options, Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void twoMatchingPrefixesApplyInRegistrationOrderLaterWinning() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofSeconds(10)));
      client.setQueryDefaults(QueryKey.of("todos", "list"), staleFor(Duration.ofMinutes(10)));

      assertThat(refetchesAfter(client, counting(QueryKey.of("todos", "list", 1)).build(), Duration.ofSeconds(30)))
          .isFalse();
    }

    @Test
    void registrationOrderWinsOverSpecificity() {
      client.setQueryDefaults(QueryKey.of("todos", "list"), staleFor(Duration.ofMinutes(10)));
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofSeconds(10)));

      assertThat(refetchesAfter(client, counting(QueryKey.of("todos", "list", 1)).build(), Duration.ofSeconds(30)))
          .isTrue();
    }

    @Test
    void twoMatchingPrefixesMergeTheirDifferentSettings() {
      client.setQueryDefaults(
          QueryKey.of("todos"), QuerySettings.builder().gcTime(Duration.ofMinutes(1)).build());
      client.setQueryDefaults(QueryKey.of("todos", "list"), staleFor(Duration.ofMinutes(10)));

      assertThat(client.getQueryDefaults(QueryKey.of("todos", "list", 1)).toString())
          .isEqualTo("QuerySettings{staleTime=PT10M, gcTime=PT1M}");
    }

    @Test
    void settingAPrefixAgainReplacesItsSettings() {
      client.setQueryDefaults(
          QueryKey.of("todos"),
          QuerySettings.builder()
              .staleTime(Duration.ofMinutes(10))
              .gcTime(Duration.ofMinutes(1))
              .build());

      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofSeconds(10)));

      assertThat(client.getQueryDefaults(QueryKey.of("todos", 1)).toString())
          .isEqualTo("QuerySettings{staleTime=PT10S}");
      assertThat(refetchesAfter(client, counting(QueryKey.of("todos", 1)).build(), Duration.ofSeconds(30)))
          .isTrue();
    }

    @Test
    void settingAPrefixAgainKeepsItsPlaceInTheOrder() {
      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofSeconds(10)));
      client.setQueryDefaults(QueryKey.of("todos", "list"), staleFor(Duration.ofMinutes(10)));

      client.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofSeconds(20)));

      assertThat(client.getQueryDefaults(QueryKey.of("todos", "list", 1)).toString())
          .isEqualTo("QuerySettings{staleTime=PT10M}");
    }

    @Test
    void prefixDefaultsWinOverClientDefaults() {
      QueryClient withDefaults =
          time.clientBuilder().fetchExecutor(Runnable::run).defaults(staleFor(Duration.ofMinutes(10))).build();
      withDefaults.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofSeconds(10)));

      assertThat(refetchesAfter(withDefaults, counting(QueryKey.of("todos", 1)).build(), Duration.ofSeconds(30)))
          .isTrue();
      assertThat(refetchesAfter(withDefaults, counting(QueryKey.of("users", 1)).build(), Duration.ofSeconds(30)))
          .isFalse();
    }

    @Test
    void getQueryDefaultsMergesClientAndPrefixSettings() {
      QueryClient withDefaults =
          time.clientBuilder().fetchExecutor(Runnable::run)
              .defaults(
                  QuerySettings.builder()
                      .staleTime(Duration.ofMinutes(10))
                      .gcTime(Duration.ofMinutes(30))
                      .build())
              .build();
      withDefaults.setQueryDefaults(QueryKey.of("todos"), staleFor(Duration.ofSeconds(10)));

      assertThat(withDefaults.getQueryDefaults(QueryKey.of("todos", 1)).toString())
          .isEqualTo("QuerySettings{staleTime=PT10S, gcTime=PT30M}");
      assertThat(withDefaults.getQueryDefaults(QueryKey.of("users")).toString())
          .isEqualTo("QuerySettings{staleTime=PT10M, gcTime=PT30M}");
    }

    @Test
    void getQueryDefaultsIsEmptyWhenNothingIsSet() {
      assertThat(client.getQueryDefaults(QueryKey.of("todos")).toString())
          .isEqualTo("QuerySettings{}");
    }

    @Test
    void prefixGcTimeGovernsRetentionOfUnobservedQueries() {
      client.setQueryDefaults(
          QueryKey.of("tmp"), QuerySettings.builder().gcTime(Duration.ofMinutes(1)).build());
      QueryKey<String> temporary = QueryKey.of("tmp", 1);
      QueryKey<String> lasting = QueryKey.of("todos", 1);
      client.setQueryData(temporary, "x");
      client.setQueryData(lasting, "y");

      time.advance(Duration.ofSeconds(61));

      assertThat(client.getQueryData(temporary)).isEmpty();
      assertThat(client.getQueryState(temporary)).isEmpty();
      assertThat(client.getQueryData(lasting)).contains("y");
    }

    @Test
    void prefixGcTimeIsNotReachedBeforeItsDuration() {
      client.setQueryDefaults(
          QueryKey.of("tmp"), QuerySettings.builder().gcTime(Duration.ofMinutes(1)).build());
      QueryKey<String> temporary = QueryKey.of("tmp", 1);
      client.setQueryData(temporary, "x");

      time.advance(Duration.ofSeconds(59));

      assertThat(client.getQueryData(temporary)).contains("x");
    }

    @Test
    void prefixGcTimeAppliesToFetchedQueries() {
      client.setQueryDefaults(
          QueryKey.of("tmp"), QuerySettings.builder().gcTime(Duration.ofMinutes(1)).build());
      QueryKey<Integer> temporary = QueryKey.of("tmp", 1);
      client.fetchQuery(counting(temporary).build()).join();

      time.advance(Duration.ofSeconds(61));

      assertThat(client.getQueryData(temporary)).isEmpty();
      assertThat(client.getQueries(QueryFilter.prefix("tmp"))).isEmpty();
    }
  }

  @Nested
  @DisplayName("QuerySettings validation")
  class Validation {
    @Test
    void negativeStaleTimeIsRejectedNamingTheSetting() {
      assertThatThrownBy(() -> QuerySettings.builder().staleTime(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("staleTime");
    }

    @Test
    void negativeGcTimeIsRejectedNamingTheSetting() {
      assertThatThrownBy(() -> QuerySettings.builder().gcTime(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gcTime");
    }

    @Test
    void negativeDurationsAreRejectedByQueryOptionsToo() {
      assertThatThrownBy(() -> QueryOptions.builder(QueryKey.of("k")).staleTime(Duration.ofNanos(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("staleTime");
    }

    @Test
    void zeroDurationsAreAccepted() {
      QuerySettings settings =
          QuerySettings.builder().staleTime(Duration.ZERO).gcTime(Duration.ZERO).build();

      assertThat(settings.toString()).isEqualTo("QuerySettings{staleTime=PT0S, gcTime=PT0S}");
    }

    @Test
    void foreverIsAccepted() {
      QuerySettings settings =
          QuerySettings.builder()
              .staleTime(QuerySettings.FOREVER)
              .gcTime(QuerySettings.FOREVER)
              .build();

      assertThat(settings.toString()).contains("staleTime=", "gcTime=");
    }

    @Test
    void nullStaleTimeIsRejectedNamingTheArgument() {
      assertThatThrownBy(() -> QuerySettings.builder().staleTime(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("staleTime");
    }

    @Test
    void nullGcTimeIsRejectedNamingTheArgument() {
      assertThatThrownBy(() -> QuerySettings.builder().gcTime(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("gcTime");
    }

    @Test
    void nullRetryIsRejectedNamingTheArgument() {
      assertThatThrownBy(() -> QuerySettings.builder().retry((RetryPolicy) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("retry");
    }

    @Test
    void nullRefetchRulesAreRejectedNamingTheArgument() {
      assertThatThrownBy(() -> QuerySettings.builder().refetchOnMount(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("refetchOnMount");
      assertThatThrownBy(() -> QuerySettings.builder().refetchOnWindowFocus(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("refetchOnWindowFocus");
      assertThatThrownBy(() -> QuerySettings.builder().refetchOnReconnect(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("refetchOnReconnect");
    }

    @Test
    void nullSettingsToApplyAreRejectedNamingTheArgument() {
      assertThatThrownBy(() -> QuerySettings.builder().apply(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("settings");
    }

    @Test
    void nullClientDefaultsAreRejectedNamingTheArgument() {
      assertThatThrownBy(() -> QueryClient.builder().defaults(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("defaults");
    }

    @Test
    void setQueryDefaultsRejectsNullsNamingTheArgument() {
      QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).build();

      assertThatThrownBy(() -> client.setQueryDefaults(null, QuerySettings.none()))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("prefix");
      assertThatThrownBy(() -> client.setQueryDefaults(QueryKey.of("todos"), null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("settings");
    }
  }

  @Nested
  @DisplayName("as plain data")
  class AsPlainData {
    @Test
    void settingsReadBackWhatWasSet() {
      RetryPolicy retry = RetryPolicy.never();

      QuerySettings settings =
          QuerySettings.builder().staleTime(Duration.ofSeconds(5)).gcTime(Duration.ofMinutes(1)).retry(retry)
              .enabled(false).refetchOnMount(Refetch.ALWAYS).refetchOnWindowFocus(Refetch.NEVER)
              .refetchOnReconnect(Refetch.IF_STALE).structuralSharing(false).build();

      assertThat(settings.staleTime()).isEqualTo(Duration.ofSeconds(5));
      assertThat(settings.gcTime()).isEqualTo(Duration.ofMinutes(1));
      assertThat(settings.retry()).isSameAs(retry);
      assertThat(settings.enabled()).isFalse();
      assertThat(settings.refetchOnMount()).isEqualTo(Refetch.ALWAYS);
      assertThat(settings.refetchOnWindowFocus()).isEqualTo(Refetch.NEVER);
      assertThat(settings.refetchOnReconnect()).isEqualTo(Refetch.IF_STALE);
      assertThat(settings.structuralSharing()).isFalse();
    }

    @Test
    void whatIsNotSetReadsAsNullForInherited() {
      QuerySettings none = QuerySettings.none();

      assertThat(none.staleTime()).isNull();
      assertThat(none.gcTime()).isNull();
      assertThat(none.retry()).isNull();
      assertThat(none.enabled()).isNull();
      assertThat(none.refetchOnMount()).isNull();
      assertThat(none.refetchOnWindowFocus()).isNull();
      assertThat(none.refetchOnReconnect()).isNull();
      assertThat(none.structuralSharing()).isNull();
    }

    @Test
    void optionsReadBackTheirFunction() {
      QueryFunction<String> blocking = ctx -> "a";
      AsyncQueryFunction<String> async = ctx -> CompletableFuture.completedFuture("b");

      QueryOptions<String> withBlocking = QueryOptions.of(QueryKey.of("a"), blocking);
      QueryOptions<String> withAsync = QueryOptions.builder(QueryKey.<String>of("b")).asyncFetcher(async).build();

      assertThat(withBlocking.blockingFunction()).isSameAs(blocking);
      assertThat(withBlocking.asyncFunction()).isNull();
      assertThat(withAsync.asyncFunction()).isSameAs(async);
      assertThat(withAsync.blockingFunction()).isNull();
    }
  }
}
