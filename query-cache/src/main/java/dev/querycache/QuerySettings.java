package dev.querycache;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How queries behave: staleness, retention, retries and when to refetch. Every setting is
 * optional; an unset setting is inherited. The client resolves the settings of a query from,
 * lowest precedence first: the built-in defaults, the client's defaults
 * ({@link QueryClientBuilder#defaults(QuerySettings)}), every prefix default whose prefix
 * matches the key ({@link QueryClient#setQueryDefaults(QueryKey, QuerySettings)}) in the order
 * they were set, and the settings of the {@link QueryOptions} in use.
 *
 * <table>
 *   <caption>Built-in defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>stale time</td><td>zero: data is stale as soon as it lands</td></tr>
 *   <tr><td>gc time</td><td>5 minutes</td></tr>
 *   <tr><td>retry</td><td>{@link RetryPolicy#exponential(int) exponential(3)}</td></tr>
 *   <tr><td>enabled</td><td>{@code true}</td></tr>
 *   <tr><td>refetch on mount, window focus, reconnect</td><td>{@link Refetch#IF_STALE}</td></tr>
 *   <tr><td>structural sharing</td><td>{@code true}</td></tr>
 *   <tr><td>retry on mount</td><td>{@code true}: an observer that opens on a query in
 *       error without data loads it again</td></tr>
 *   <tr><td>network mode</td><td>{@link NetworkMode#ONLINE}: fetches pause while offline</td></tr>
 *   <tr><td>refetch interval</td><td>none: no polling</td></tr>
 *   <tr><td>refetch interval in background</td><td>{@code false}: polling skips its turns
 *       while no window has focus</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class QuerySettings {
  /** A duration that never runs out: use it for a stale time or gc time of "never". */
  public static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

  /**
   * A stale time for data that never changes once loaded (TanStack Query's
   * {@code 'static'}): never stale, not even when invalidated, so mount, focus, reconnect,
   * {@code invalidateQueries} and {@code refetchQueries} never refetch it (an invalidation
   * only marks it); a query without data still loads, and an observer's own
   * {@code refetch()} still fetches. Beside {@link #FOREVER}, which an invalidation does make
   * stale.
   */
  public static final Duration STATIC = Duration.ofSeconds(Long.MAX_VALUE, 999_999_998);

  private static final QuerySettings EMPTY = new Builder().build();

  private final @Nullable Duration staleTime;
  private final @Nullable Duration gcTime;
  private final @Nullable RetryPolicy retry;
  private final @Nullable Boolean enabled;
  private final @Nullable Refetch refetchOnMount;
  private final @Nullable Refetch refetchOnWindowFocus;
  private final @Nullable Refetch refetchOnReconnect;
  private final @Nullable Boolean structuralSharing;
  private final @Nullable Function<? super QueryState<?>, @Nullable Duration> refetchInterval;
  private final @Nullable Boolean refetchIntervalInBackground;
  private final @Nullable Boolean retryOnMount;
  private final @Nullable Predicate<? super QueryState<?>> enabledWhen;
  private final @Nullable NetworkMode networkMode;
  private final @Nullable QueryFunction<Object> fetcher;
  private final @Nullable AsyncQueryFunction<Object> asyncFetcher;

  QuerySettings(AbstractBuilder<?> builder) {
    this.staleTime = builder.staleTime;
    this.gcTime = builder.gcTime;
    this.retry = builder.retry;
    this.enabled = builder.enabled;
    this.refetchOnMount = builder.refetchOnMount;
    this.refetchOnWindowFocus = builder.refetchOnWindowFocus;
    this.refetchOnReconnect = builder.refetchOnReconnect;
    this.structuralSharing = builder.structuralSharing;
    this.refetchInterval = builder.refetchInterval;
    this.refetchIntervalInBackground = builder.refetchIntervalInBackground;
    this.retryOnMount = builder.retryOnMount;
    this.enabledWhen = builder.enabledWhen;
    this.networkMode = builder.networkMode;
    this.fetcher = builder.defaultFetcher;
    this.asyncFetcher = builder.defaultAsyncFetcher;
  }

  /**
   * The blocking query function of queries whose options give none (set with
   * {@link Builder#fetcher(QueryFunction)}).
   *
   * @return the function, or null if not set here (inherited)
   */
  public @Nullable QueryFunction<Object> fetcher() {
    return fetcher;
  }

  /**
   * The non-blocking query function of queries whose options give none (set with
   * {@link Builder#asyncFetcher(AsyncQueryFunction)}).
   *
   * @return the function, or null if not set here (inherited)
   */
  public @Nullable AsyncQueryFunction<Object> asyncFetcher() {
    return asyncFetcher;
  }

  /**
   * Which attempts of a fetch pause while the client is offline.
   *
   * @return the mode, or null if not set here (inherited)
   */
  public @Nullable NetworkMode networkMode() {
    return networkMode;
  }

  /**
   * Whether observers fetch on their own, as a function of the query's state (set with
   * {@link AbstractBuilder#enabled(Predicate)}); {@link #enabled()} is null then.
   *
   * @return the predicate, or null if not set here
   */
  public @Nullable Predicate<? super QueryState<?>> enabledWhen() {
    return enabledWhen;
  }

  /**
   * Whether an observer that opens on a query in error without data loads it again.
   *
   * @return the flag, or null if not set here (inherited)
   */
  public @Nullable Boolean retryOnMount() {
    return retryOnMount;
  }

  /**
   * Settings with nothing set: everything inherited.
   *
   * @return the empty settings
   */
  public static QuerySettings none() {
    return EMPTY;
  }

  /**
   * Starts building settings.
   *
   * @return a builder with nothing set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How long fetched data stays fresh.
   *
   * @return the stale time, or null if not set here (inherited)
   */
  public @Nullable Duration staleTime() {
    return staleTime;
  }

  /**
   * How long a query without observers stays cached.
   *
   * @return the gc time, or null if not set here (inherited)
   */
  public @Nullable Duration gcTime() {
    return gcTime;
  }

  /**
   * How failed fetches are retried.
   *
   * @return the policy, or null if not set here (inherited)
   */
  public @Nullable RetryPolicy retry() {
    return retry;
  }

  /**
   * Whether observers fetch on their own.
   *
   * @return the flag, or null if not set here (inherited)
   */
  public @Nullable Boolean enabled() {
    return enabled;
  }

  /**
   * Whether a new observer refetches.
   *
   * @return the rule, or null if not set here (inherited)
   */
  public @Nullable Refetch refetchOnMount() {
    return refetchOnMount;
  }

  /**
   * Whether the window regaining focus refetches.
   *
   * @return the rule, or null if not set here (inherited)
   */
  public @Nullable Refetch refetchOnWindowFocus() {
    return refetchOnWindowFocus;
  }

  /**
   * Whether the network coming back refetches.
   *
   * @return the rule, or null if not set here (inherited)
   */
  public @Nullable Refetch refetchOnReconnect() {
    return refetchOnReconnect;
  }

  /**
   * Whether new data that equals the old keeps the old references.
   *
   * @return the flag, or null if not set here (inherited)
   */
  public @Nullable Boolean structuralSharing() {
    return structuralSharing;
  }

  /**
   * How often observed queries refetch (polling), as a function of the query's state: a
   * fixed interval set with {@link AbstractBuilder#refetchInterval(Duration)} is a function
   * that always gives it.
   *
   * @return the interval function, or null if not set here (inherited)
   */
  public @Nullable Function<? super QueryState<?>, @Nullable Duration> refetchInterval() {
    return refetchInterval;
  }

  /**
   * Whether polling goes on while no window has focus.
   *
   * @return the flag, or null if not set here (inherited)
   */
  public @Nullable Boolean refetchIntervalInBackground() {
    return refetchIntervalInBackground;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("QuerySettings{");
    append(out, "staleTime", staleTime);
    append(out, "gcTime", gcTime);
    append(out, "retry", retry);
    append(out, "enabled", enabled);
    append(out, "enabledWhen", enabledWhen);
    append(out, "refetchOnMount", refetchOnMount);
    append(out, "refetchOnWindowFocus", refetchOnWindowFocus);
    append(out, "refetchOnReconnect", refetchOnReconnect);
    append(out, "structuralSharing", structuralSharing);
    append(out, "refetchInterval", refetchInterval);
    append(out, "refetchIntervalInBackground", refetchIntervalInBackground);
    append(out, "retryOnMount", retryOnMount);
    append(out, "networkMode", networkMode);
    append(out, "fetcher", fetcher != null ? fetcher : asyncFetcher);
    if (out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 2);
    }
    return out.append('}').toString();
  }

  private static void append(StringBuilder out, String name, @Nullable Object value) {
    if (value != null) {
      out.append(name).append('=').append(value).append(", ");
    }
  }

  /** Builds {@link QuerySettings}. Not thread-safe; build once and share the result. */
  public static final class Builder extends AbstractBuilder<Builder> {
    Builder() {}

    /**
     * A default query function (TanStack Query's default {@code queryFn}): the blocking
     * function of every query these settings apply to whose options give none, run on the
     * client's fetch executor. Set on the client's defaults it serves every key; set for a
     * prefix ({@link QueryClient#setQueryDefaults(QueryKey, QuerySettings)}) it serves the keys
     * under it; where several apply, the one set last wins, as with any setting. It reads the key from its
     * context ({@code context.key().parts()}) to know what to fetch. What it returns is
     * checked against a data type the key declares ({@link QueryKey#withDataType(Class)});
     * declare one, since nothing else ties the function to the key's type. Replaces an
     * asynchronous default set before.
     *
     * @param function fetches the data of the key in its context
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder fetcher(QueryFunction<Object> function) {
      this.defaultFetcher = Objects.requireNonNull(function, "function == null");
      this.defaultAsyncFetcher = null;
      return this;
    }

    /**
     * A default non-blocking query function, as {@link #fetcher(QueryFunction)} is a blocking
     * one: called on the thread that starts the fetch. Replaces a blocking default set
     * before.
     *
     * @param function starts fetching the data of the key in its context
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder asyncFetcher(AsyncQueryFunction<Object> function) {
      this.defaultAsyncFetcher = Objects.requireNonNull(function, "function == null");
      this.defaultFetcher = null;
      return this;
    }

    /**
     * Returns the settings built so far.
     *
     * @return immutable settings
     */
    public QuerySettings build() {
      return new QuerySettings(this);
    }
  }

  /**
   * The setters shared by {@link QuerySettings.Builder} and {@link QueryOptions.Builder}.
   * Each setter may be called again to replace its value.
   *
   * @param <B> the concrete builder, returned by every setter for chaining
   */
  public abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {
    @Nullable Duration staleTime;
    @Nullable Duration gcTime;
    @Nullable RetryPolicy retry;
    @Nullable Boolean enabled;
    @Nullable Refetch refetchOnMount;
    @Nullable Refetch refetchOnWindowFocus;
    @Nullable Refetch refetchOnReconnect;
    @Nullable Boolean structuralSharing;
    @Nullable Function<? super QueryState<?>, @Nullable Duration> refetchInterval;
    @Nullable Boolean refetchIntervalInBackground;
    @Nullable Boolean retryOnMount;
    @Nullable Predicate<? super QueryState<?>> enabledWhen;
    @Nullable NetworkMode networkMode;
    /** Set only through {@link Builder}; a query's own function lives in its options. */
    @Nullable QueryFunction<Object> defaultFetcher;
    @Nullable AsyncQueryFunction<Object> defaultAsyncFetcher;

    AbstractBuilder() {}

    @SuppressWarnings("unchecked") // B is this builder's own type by construction
    private B self() {
      return (B) this;
    }

    /**
     * How long data stays fresh after it lands. Stale data is served, and refetched on the
     * events {@link Refetch#IF_STALE} names. {@link QuerySettings#FOREVER} means never stale
     * (until invalidated).
     *
     * @param staleTime zero or more
     * @return this builder
     * @throws NullPointerException if {@code staleTime} is null
     * @throws IllegalArgumentException if {@code staleTime} is negative
     */
    public B staleTime(Duration staleTime) {
      this.staleTime = nonNegative(staleTime, "staleTime");
      return self();
    }

    /**
     * How long a query nobody observes, fetches or patches stays in the cache before it is
     * removed. The countdown starts when the query is created, when its last observer leaves
     * and when its fetch ends. {@link QuerySettings#FOREVER} keeps it until removed by hand.
     *
     * @param gcTime zero or more
     * @return this builder
     * @throws NullPointerException if {@code gcTime} is null
     * @throws IllegalArgumentException if {@code gcTime} is negative
     */
    public B gcTime(Duration gcTime) {
      this.gcTime = nonNegative(gcTime, "gcTime");
      return self();
    }

    /**
     * How failed attempts are retried.
     *
     * @param retry the policy, such as {@link RetryPolicy#never()}
     * @return this builder
     * @throws NullPointerException if {@code retry} is null
     */
    public B retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry == null");
      return self();
    }

    /**
     * Shorthand for {@code retry(RetryPolicy.exponential(retries))}.
     *
     * @param retries the most retries; zero for none
     * @return this builder
     * @throws IllegalArgumentException if {@code retries} is negative
     */
    public B retry(int retries) {
      this.retry = RetryPolicy.exponential(retries);
      return self();
    }

    /**
     * Whether observers fetch by themselves (on subscribing, focus, reconnect). A disabled
     * observer still receives the query's state and can {@link QueryObserver#refetch()}.
     *
     * @param enabled {@code false} to make observers passive
     * @return this builder
     */
    public B enabled(boolean enabled) {
      this.enabled = enabled;
      this.enabledWhen = null;
      return self();
    }

    /**
     * Whether observers fetch by themselves, as a function of the query's state (TanStack
     * Query's {@code enabled: (query) => boolean}), read at each decision: on subscribing, on
     * focus and reconnect, when an invalidation looks for active queries, and when polling
     * sets its next turn. Such as "load once, never refetch by itself":
     * {@code state -> state.data() == null}. For a condition outside the query (a dependent
     * query waiting for another's data), pass the new options with
     * {@link QueryObserver#setOptions} when it changes. The predicate runs on the thread
     * deciding; if it throws, the fault is reported and the observer counts as disabled.
     *
     * @param enabled whether to fetch, for the query's state
     * @return this builder
     * @throws NullPointerException if {@code enabled} is null
     */
    public B enabled(Predicate<? super QueryState<?>> enabled) {
      this.enabledWhen = Objects.requireNonNull(enabled, "enabled == null");
      this.enabled = null;
      return self();
    }

    /**
     * Whether subscribing an observer refetches existing data. A query without data is always
     * fetched when an enabled observer subscribes.
     *
     * @param refetch when to refetch
     * @return this builder
     * @throws NullPointerException if {@code refetch} is null
     */
    public B refetchOnMount(Refetch refetch) {
      this.refetchOnMount = Objects.requireNonNull(refetch, "refetchOnMount == null");
      return self();
    }

    /**
     * Whether observed queries refetch when the window regains focus
     * ({@link QueryClient#focusChanged(boolean)}).
     *
     * @param refetch when to refetch
     * @return this builder
     * @throws NullPointerException if {@code refetch} is null
     */
    public B refetchOnWindowFocus(Refetch refetch) {
      this.refetchOnWindowFocus = Objects.requireNonNull(refetch, "refetchOnWindowFocus == null");
      return self();
    }

    /**
     * Whether observed queries refetch when the network comes back
     * ({@link QueryClient#onlineChanged(boolean)}).
     *
     * @param refetch when to refetch
     * @return this builder
     * @throws NullPointerException if {@code refetch} is null
     */
    public B refetchOnReconnect(Refetch refetch) {
      this.refetchOnReconnect = Objects.requireNonNull(refetch, "refetchOnReconnect == null");
      return self();
    }

    /**
     * Whether new data that equals the old keeps the old reference (and notifies nobody), and
     * whether equal elements of a new immutable list keep their old references.
     *
     * @param structuralSharing {@code false} to store every new value as it comes
     * @return this builder
     */
    public B structuralSharing(boolean structuralSharing) {
      this.structuralSharing = structuralSharing;
      return self();
    }

    /**
     * Polling: while an enabled observer follows the query, it refetches {@code interval}
     * after the query last changed (data landing, a fetch starting or failing: as TanStack
     * Query, whose interval restarts on every update of the query), and again every
     * {@code interval} while nothing changes. A poll does not cancel a fetch in flight, and is
     * skipped while no window has focus unless {@link #refetchIntervalInBackground(boolean)}
     * says otherwise. Each observer polls on its own timer, on the client's scheduler.
     * {@link Duration#ZERO} turns off an inherited interval.
     *
     * @param interval zero (no polling) or more
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public B refetchInterval(Duration interval) {
      this.refetchInterval = new Every(nonNegative(interval, "refetchInterval"));
      return self();
    }

    /**
     * Polling by the query's state, read whenever it changes: such as "every 2 s while the
     * job runs" ({@code state -> running(state) ? Duration.ofSeconds(2) : null}). Null or
     * zero means no polling for that state; otherwise as {@link #refetchInterval(Duration)}.
     * The function runs on the notify executor; if it throws or gives a negative duration,
     * the fault is reported and the observer does not poll until the state changes.
     *
     * @param interval the interval for a state of the query
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     */
    public B refetchInterval(Function<? super QueryState<?>, @Nullable Duration> interval) {
      this.refetchInterval = Objects.requireNonNull(interval, "interval == null");
      return self();
    }

    /**
     * Whether polling goes on while no window has focus ({@link QueryClient#focusChanged}).
     * By default a poll whose turn comes while the application is in the background is
     * skipped, and the next turn tries again.
     *
     * @param inBackground {@code true} to poll whatever the focus
     * @return this builder
     */
    public B refetchIntervalInBackground(boolean inBackground) {
      this.refetchIntervalInBackground = inBackground;
      return self();
    }

    /**
     * Whether an observer that opens on a query in error without data loads it again (the
     * default, as TanStack Query's {@code retryOnMount}). {@code false} leaves the error
     * showing until something else refetches (an explicit refetch, an invalidation, focus or
     * reconnect by their rules): for a screen that must not hammer a failing endpoint each
     * time it opens.
     *
     * @param retryOnMount {@code false} to keep the error on mount
     * @return this builder
     */
    public B retryOnMount(boolean retryOnMount) {
      this.retryOnMount = retryOnMount;
      return self();
    }

    /**
     * Which attempts of a fetch pause while the client is offline (TanStack Query's
     * {@code networkMode}): {@link NetworkMode#ONLINE} by default; {@link NetworkMode#ALWAYS}
     * for a function that needs no network; {@link NetworkMode#OFFLINE_FIRST} to try once
     * anyway and pause the retries.
     *
     * @param networkMode the mode
     * @return this builder
     * @throws NullPointerException if {@code networkMode} is null
     */
    public B networkMode(NetworkMode networkMode) {
      this.networkMode = Objects.requireNonNull(networkMode, "networkMode == null");
      return self();
    }

    /**
     * Sets every setting that {@code settings} sets, leaving the others as they are.
     *
     * @param settings the settings to copy in
     * @return this builder
     * @throws NullPointerException if {@code settings} is null
     */
    public B apply(QuerySettings settings) {
      Objects.requireNonNull(settings, "settings == null");
      staleTime = settings.staleTime != null ? settings.staleTime : staleTime;
      gcTime = settings.gcTime != null ? settings.gcTime : gcTime;
      retry = settings.retry != null ? settings.retry : retry;
      if (settings.enabled != null || settings.enabledWhen != null) {
        enabled = settings.enabled;
        enabledWhen = settings.enabledWhen;
      }
      refetchOnMount = settings.refetchOnMount != null ? settings.refetchOnMount : refetchOnMount;
      refetchOnWindowFocus =
          settings.refetchOnWindowFocus != null
              ? settings.refetchOnWindowFocus
              : refetchOnWindowFocus;
      refetchOnReconnect =
          settings.refetchOnReconnect != null ? settings.refetchOnReconnect : refetchOnReconnect;
      structuralSharing =
          settings.structuralSharing != null ? settings.structuralSharing : structuralSharing;
      refetchInterval = settings.refetchInterval != null ? settings.refetchInterval : refetchInterval;
      refetchIntervalInBackground =
          settings.refetchIntervalInBackground != null
              ? settings.refetchIntervalInBackground
              : refetchIntervalInBackground;
      retryOnMount = settings.retryOnMount != null ? settings.retryOnMount : retryOnMount;
      networkMode = settings.networkMode != null ? settings.networkMode : networkMode;
      if (settings.fetcher != null || settings.asyncFetcher != null) {
        defaultFetcher = settings.fetcher;
        defaultAsyncFetcher = settings.asyncFetcher;
      }
      return self();
    }

    /** A fixed polling interval, whatever the state. */
    private static final class Every implements Function<QueryState<?>, @Nullable Duration> {
      private final Duration interval;

      Every(Duration interval) {
        this.interval = interval;
      }

      @Override
      public Duration apply(QueryState<?> state) {
        return interval;
      }

      @Override
      public String toString() {
        return interval.toString();
      }
    }

    private static Duration nonNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name + " == null");
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + duration);
      }
      return duration;
    }
  }
}
