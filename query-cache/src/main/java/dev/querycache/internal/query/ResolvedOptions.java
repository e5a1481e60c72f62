package dev.querycache.internal.query;

import dev.querycache.AsyncQueryFunction;
import dev.querycache.FetchStatus;
import dev.querycache.NetworkMode;
import dev.querycache.QueryKey;
import dev.querycache.QueryFunction;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.Refetch;
import dev.querycache.RetryPolicy;
import dev.querycache.internal.runtime.Callbacks;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one query after inheritance, as plain values, plus its function.
 * Durations are nanoseconds with {@link Long#MAX_VALUE} for "never".
 */
public final class ResolvedOptions<T> {
  private static final Duration DEFAULT_GC_TIME = Duration.ofMinutes(5);
  private static final RetryPolicy DEFAULT_RETRY = RetryPolicy.exponential(3);

  final @Nullable QueryOptions<T> source;
  final long staleNanos;
  /** A stale time of {@code QuerySettings.STATIC}: never stale, never refetched but by hand. */
  final boolean isStatic;
  final long gcNanos;
  final RetryPolicy retry;
  final boolean enabled;
  /** Whether observers fetch on their own, by the query's state; null: {@link #enabled} decides. */
  final @Nullable Predicate<? super QueryState<?>> enabledWhen;
  final Refetch refetchOnMount;
  final Refetch refetchOnWindowFocus;
  final Refetch refetchOnReconnect;
  final boolean structuralSharing;
  /** How often observers poll, by the query's state; null for never. */
  final @Nullable Function<? super QueryState<?>, @Nullable Duration> refetchInterval;
  final boolean refetchIntervalInBackground;
  /** Whether an observer opening on a query in error without data loads it again. */
  final boolean retryOnMount;
  /** Which attempts pause while the client is offline. */
  final NetworkMode networkMode;
  /** The default functions inherited for options that give none (at most one is set). */
  private final @Nullable QueryFunction<Object> defaultFetcher;
  private final @Nullable AsyncQueryFunction<Object> defaultAsyncFetcher;

  public ResolvedOptions(@Nullable QueryOptions<T> source, QuerySettings merged) {
    this(source, merged, false);
  }

  /**
   * {@code imperative}: for {@code fetchQuery}, {@code prefetchQuery} and
   * {@code ensureQueryData}, which, as in TanStack Query, do not retry unless a retry policy
   * was set (by the call, a prefix default or the client's defaults).
   */
  public ResolvedOptions(@Nullable QueryOptions<T> source, QuerySettings merged, boolean imperative) {
    this.source = source;
    Duration staleTime = merged.staleTime();
    this.staleNanos = staleTime == null ? 0 : nanos(staleTime);
    this.isStatic = QuerySettings.STATIC.equals(staleTime);
    Duration gcTime = merged.gcTime();
    this.gcNanos = nanos(gcTime == null ? DEFAULT_GC_TIME : gcTime);
    RetryPolicy retry = merged.retry();
    this.retry = retry != null ? retry : imperative ? RetryPolicy.never() : DEFAULT_RETRY;
    Boolean enabled = merged.enabled();
    this.enabled = enabled == null || enabled;
    this.enabledWhen = merged.enabledWhen();
    this.refetchOnMount = orIfStale(merged.refetchOnMount());
    this.refetchOnWindowFocus = orIfStale(merged.refetchOnWindowFocus());
    this.refetchOnReconnect = orIfStale(merged.refetchOnReconnect());
    Boolean structuralSharing = merged.structuralSharing();
    this.structuralSharing = structuralSharing == null || structuralSharing;
    this.refetchInterval = merged.refetchInterval();
    Boolean inBackground = merged.refetchIntervalInBackground();
    this.refetchIntervalInBackground = inBackground != null && inBackground;
    Boolean retryMount = merged.retryOnMount();
    this.retryOnMount = retryMount == null || retryMount;
    NetworkMode mode = merged.networkMode();
    this.networkMode = mode == null ? NetworkMode.ONLINE : mode;
    this.defaultFetcher = merged.fetcher();
    this.defaultAsyncFetcher = merged.asyncFetcher();
  }

  /**
   * Whether observers with these options fetch on their own for a query in {@code state}. A
   * predicate that throws is reported (naming {@code key}) and means no.
   */
  boolean isEnabled(QueryState<?> state, Object key) {
    Predicate<? super QueryState<?>> when = enabledWhen;
    if (when == null) {
      return enabled;
    }
    boolean[] answer = new boolean[1];
    return Callbacks.run("the enabled predicate", key, () -> answer[0] = when.test(state)) && answer[0];
  }

  /**
   * The state a query created with these options starts in: its initial data, written at
   * {@code now} unless the options say when, or null if they give none. Runs the
   * application's suppliers, on the caller's thread; what they throw propagates.
   *
   * @throws IllegalArgumentException if the data does not fit {@code key}'s declared type
   */
  @Nullable QueryState<T> initialState(QueryKey<T> key, long now) {
    QueryOptions<T> options = source;
    Supplier<? extends @Nullable T> initialData = options == null ? null : options.initialData();
    if (options == null || initialData == null) {
      return null;
    }
    T data = initialData.get();
    if (data == null) {
      return null;
    }
    DataTypeCheck.requireFitsKey(key, data);
    LongSupplier updatedAt = options.initialDataUpdatedAt();
    return new QueryState<>(data, updatedAt == null ? now : updatedAt.getAsLong(), 0, null, 0, 0, 0, null,
        QueryStatus.SUCCESS, FetchStatus.IDLE, false, 0);
  }

  /**
   * The polling interval of a query in {@code state}, in nanoseconds, or zero for none. A
   * function that throws or gives a negative interval is reported (naming {@code key}), and
   * means no polling for that state.
   */
  long pollNanos(QueryState<?> state, Object key) {
    Function<? super QueryState<?>, @Nullable Duration> interval = refetchInterval;
    if (interval == null) {
      return 0;
    }
    Duration[] given = new Duration[1];
    if (!Callbacks.run("the refetchInterval function", key, () -> {
      given[0] = interval.apply(state);
      if (given[0] != null && given[0].isNegative()) {
        throw new IllegalArgumentException("the refetchInterval function gave a negative interval: " + given[0]);
      }
    })) {
      return 0;
    }
    return given[0] == null ? 0 : nanos(given[0]);
  }

  public boolean canFetch() {
    return (source != null && source.hasFunction()) || defaultFetcher != null || defaultAsyncFetcher != null;
  }

  /**
   * The non-blocking function to fetch with: the options' own, else, if they give no function
   * at all, the inherited default; null if the one to use is blocking or there is none.
   */
  @SuppressWarnings("unchecked") // a default serves every type; the fetch checks a declared one
  @Nullable AsyncQueryFunction<T> asyncFunction() {
    QueryOptions<T> options = source;
    if (options != null && options.hasFunction()) {
      return options.asyncFunction();
    }
    return (AsyncQueryFunction<T>) (AsyncQueryFunction<?>) defaultAsyncFetcher;
  }

  /** The blocking function to fetch with, chosen as {@link #asyncFunction()} is. */
  @SuppressWarnings("unchecked") // as above
  @Nullable QueryFunction<T> blockingFunction() {
    QueryOptions<T> options = source;
    if (options != null && options.hasFunction()) {
      return options.blockingFunction();
    }
    return (QueryFunction<T>) (QueryFunction<?>) defaultFetcher;
  }

  /**
   * Whether {@code state}'s data is stale at {@code now}: missing, invalidated, or older than
   * the stale time. The one place staleness is decided.
   */
  public boolean isStale(QueryState<?> state, long now) {
    return state.data() == null
        || (!isStatic && (state.isInvalidated() || isStaleByTime(state.dataUpdatedAt(), now)));
  }

  /** Whether data written at {@code updatedAt} is stale at {@code now} by time alone. */
  boolean isStaleByTime(long updatedAt, long now) {
    return staleNanos != Long.MAX_VALUE && now - updatedAt >= staleNanos;
  }

  private static Refetch orIfStale(@Nullable Refetch refetch) {
    return refetch == null ? Refetch.IF_STALE : refetch;
  }

  /** Saturating conversion: durations beyond ~292 years mean "never". */
  static long nanos(Duration duration) {
    return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : duration.toNanos();
  }
}
