package dev.querycache;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to fetch and observe one query: its key, its function and its
 * {@linkplain QuerySettings settings}. Build one per screen (or one factory method per key
 * family) and hand it to {@link QueryClient#fetchQuery(QueryOptions)},
 * {@link QueryClient#observe(QueryOptions, java.util.function.Consumer)} and friends; the
 * data type travels with it, so nothing needs a cast.
 *
 * <pre>{@code
 * QueryOptions<List<Notification>> notifications =
 *     QueryOptions.builder(Keys.notifications(page))
 *         .fetcher(ctx -> api.getNotifications(page))
 *         .staleTime(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the type of the data
 * @since 0.1.0
 */
public final class QueryOptions<T> {
  private final QueryKey<T> key;
  private final @Nullable QueryFunction<T> blockingFunction;
  private final @Nullable AsyncQueryFunction<T> asyncFunction;
  private final QuerySettings settings;
  private final @Nullable Supplier<? extends @Nullable T> initialData;
  private final @Nullable LongSupplier initialDataUpdatedAt;
  private final @Nullable Function<? super @Nullable T, ? extends @Nullable T> placeholderData;
  private final Map<String, Object> meta;

  private QueryOptions(Builder<T> builder) {
    this.key = builder.key;
    this.blockingFunction = builder.blockingFunction;
    this.asyncFunction = builder.asyncFunction;
    this.settings = new QuerySettings(builder);
    this.initialData = builder.initialData;
    this.initialDataUpdatedAt = builder.initialDataUpdatedAt;
    this.placeholderData = builder.placeholderData;
    this.meta = builder.meta;
  }

  /**
   * What the application attached to these options for its own code: the query function
   * finds it in its {@link QueryContext#meta()}, query hooks and filter predicates in
   * {@link CachedQuery#meta()} (TanStack Query's {@code meta}).
   *
   * @return the meta data, immutable; empty if none
   */
  public Map<String, Object> meta() {
    return meta;
  }

  /**
   * What an observer shows while the query has no data: a function of the data the observer
   * last saw (of this key or the one before), or null for none.
   *
   * @return the placeholder function, or null
   */
  public @Nullable Function<? super @Nullable T, ? extends @Nullable T> placeholderData() {
    return placeholderData;
  }

  /**
   * What gives the data a query starts with, if it has none when these options create it.
   *
   * @return the supplier, or null for none
   */
  public @Nullable Supplier<? extends @Nullable T> initialData() {
    return initialData;
  }

  /**
   * When the initial data was written, in the client's ticker time; null for "when the
   * query is created".
   *
   * @return the supplier of the time, or null
   */
  public @Nullable LongSupplier initialDataUpdatedAt() {
    return initialDataUpdatedAt;
  }

  /**
   * Options with a blocking function and inherited settings.
   *
   * @param key the query's key
   * @param function fetches the data on the client's fetch executor
   * @param <T> the type of the data
   * @return the options
   * @throws NullPointerException if an argument is null
   */
  public static <T> QueryOptions<T> of(QueryKey<T> key, QueryFunction<T> function) {
    return builder(key).fetcher(function).build();
  }

  /**
   * Starts building options for {@code key}. Options without a function are valid for
   * observing data that is written by hand; fetching them fails.
   *
   * @param key the query's key
   * @param <T> the type of the data
   * @return a builder
   * @throws NullPointerException if {@code key} is null
   */
  public static <T> Builder<T> builder(QueryKey<T> key) {
    return new Builder<>(key);
  }

  /**
   * The key.
   *
   * @return the key these options fetch and observe
   */
  public QueryKey<T> key() {
    return key;
  }

  /**
   * The settings these options set (not the resolved ones: unset settings are inherited).
   *
   * @return the settings
   */
  public QuerySettings settings() {
    return settings;
  }

  /**
   * Whether a query function was given.
   *
   * @return {@code true} if these options can fetch
   */
  public boolean hasFunction() {
    return blockingFunction != null || asyncFunction != null;
  }

  /**
   * The blocking function, run on the client's fetch executor.
   *
   * @return the function, or null if these options have an async function or none
   */
  public @Nullable QueryFunction<T> blockingFunction() {
    return blockingFunction;
  }

  /**
   * The non-blocking function, called directly on the thread that starts each attempt; it must
   * not block.
   *
   * @return the function, or null if these options have a blocking function or none
   */
  public @Nullable AsyncQueryFunction<T> asyncFunction() {
    return asyncFunction;
  }

  /**
   * Returns a builder holding these options, to derive variants.
   *
   * @return a new builder
   */
  public Builder<T> toBuilder() {
    Builder<T> builder = new Builder<>(key).apply(settings);
    builder.blockingFunction = blockingFunction;
    builder.asyncFunction = asyncFunction;
    builder.initialData = initialData;
    builder.initialDataUpdatedAt = initialDataUpdatedAt;
    builder.placeholderData = placeholderData;
    builder.meta = meta;
    return builder;
  }

  /** A placeholder that does not depend on the previous data. */
  private static final class FixedPlaceholder<T> implements Function<@Nullable T, T> {
    private final T data;

    FixedPlaceholder(T data) {
      this.data = data;
    }

    @Override
    public T apply(@Nullable T previous) {
      return data;
    }

    @Override
    public String toString() {
      return "placeholder " + data;
    }
  }

  @Override
  public String toString() {
    return "QueryOptions{key=" + key + ", " + settings + "}";
  }

  /**
   * Builds {@link QueryOptions}. Not thread-safe; build once and share the result.
   *
   * @param <T> the type of the data
   */
  public static final class Builder<T> extends QuerySettings.AbstractBuilder<Builder<T>> {
    private final QueryKey<T> key;
    private @Nullable QueryFunction<T> blockingFunction;
    private @Nullable AsyncQueryFunction<T> asyncFunction;
    private @Nullable Supplier<? extends @Nullable T> initialData;
    private @Nullable LongSupplier initialDataUpdatedAt;
    private @Nullable Function<? super @Nullable T, ? extends @Nullable T> placeholderData;
    private Map<String, Object> meta = Map.of();

    Builder(QueryKey<T> key) {
      this.key = Objects.requireNonNull(key, "key == null");
    }

    /**
     * Sets a blocking query function, run on the client's fetch executor. Replaces any
     * function set before.
     *
     * @param function fetches the data
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder<T> fetcher(QueryFunction<T> function) {
      this.blockingFunction = Objects.requireNonNull(function, "function == null");
      this.asyncFunction = null;
      return this;
    }

    /**
     * Sets a non-blocking query function, called on the thread that starts the fetch.
     * Replaces any function set before.
     *
     * @param function starts fetching the data
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder<T> asyncFetcher(AsyncQueryFunction<T> function) {
      this.asyncFunction = Objects.requireNonNull(function, "function == null");
      this.blockingFunction = null;
      return this;
    }

    /**
     * The data the query starts with when these options create it (as TanStack Query's
     * {@code initialData}): it is cached like fetched data, its status is success, and it is
     * as fresh as its {@linkplain #initialDataUpdatedAt(long) time} and the stale time say
     * (by default written when the query is created, so with the default stale time of zero
     * an observer still refetches it at once, showing it meanwhile). A query that exists
     * already keeps its own data; {@code resetQueries} goes back to the initial data.
     *
     * @param data the initial data
     * @return this builder
     * @throws NullPointerException if {@code data} is null
     */
    public Builder<T> initialData(T data) {
      Objects.requireNonNull(data, "initialData == null");
      return initialData(() -> data);
    }

    /**
     * The initial data, computed when these options create the query (for a detail seeded
     * from a cached list, say); null from the supplier means none. The supplier runs on the
     * thread that creates the query (an observer's, a fetch's), outside the library's locks;
     * what it throws propagates to that call, and the query is not created.
     *
     * @param data gives the initial data, or null
     * @return this builder
     * @throws NullPointerException if {@code data} is null
     */
    public Builder<T> initialData(Supplier<? extends @Nullable T> data) {
      this.initialData = Objects.requireNonNull(data, "initialData == null");
      return this;
    }

    /**
     * When the initial data was written, in the client's ticker time (as
     * {@link QueryState#dataUpdatedAt()} reads: pass another query's, such as the list's the
     * detail was seeded from), so that old initial data is refetched at once.
     *
     * @param updatedAt the time
     * @return this builder
     */
    public Builder<T> initialDataUpdatedAt(long updatedAt) {
      return initialDataUpdatedAt(() -> updatedAt);
    }

    /**
     * When the initial data was written, read when the query is created.
     *
     * @param updatedAt gives the time, in the client's ticker time
     * @return this builder
     * @throws NullPointerException if {@code updatedAt} is null
     */
    public Builder<T> initialDataUpdatedAt(LongSupplier updatedAt) {
      this.initialDataUpdatedAt = Objects.requireNonNull(updatedAt, "initialDataUpdatedAt == null");
      return this;
    }

    /**
     * What observers show while the query has no data and is loading (as TanStack Query's
     * {@code placeholderData}): the result carries it as its data with a success status and
     * {@link QueryResult#isPlaceholderData()} true, until the query has data. Unlike
     * {@link #initialData(Object) initial data}, it is never cached, never makes the query
     * fresh, and does not stop the first fetch. Not shown while the query is in error.
     *
     * @param data the placeholder
     * @return this builder
     * @throws NullPointerException if {@code data} is null
     */
    public Builder<T> placeholderData(T data) {
      Objects.requireNonNull(data, "placeholderData == null");
      this.placeholderData = new FixedPlaceholder<>(data);
      return this;
    }

    /**
     * Placeholder data from the data the observer last saw, of this key or of the key it
     * followed before {@code setOptions} (null if none): {@code previous -> previous} keeps
     * the previous page on screen while the next one loads. Null from the function means no
     * placeholder. It runs on the notify executor, once per stretch of loading (its result is
     * kept until the query has data); what it throws is reported, and then there is no
     * placeholder.
     *
     * @param fromPrevious the placeholder for the previous data
     * @return this builder
     * @throws NullPointerException if {@code fromPrevious} is null
     */
    public Builder<T> placeholderData(Function<? super @Nullable T, ? extends @Nullable T> fromPrevious) {
      this.placeholderData = Objects.requireNonNull(fromPrevious, "placeholderData == null");
      return this;
    }

    /**
     * Attaches meta data to these options (TanStack Query's {@code meta}): such as
     * {@code Map.of("errorMessage", "Could not load the reports")} for a query hook that
     * toasts background failures. The query function gets it in its context; hooks and
     * filter predicates in the {@link CachedQuery}. Replaces meta data set before.
     *
     * @param meta the meta data; copied
     * @return this builder
     * @throws NullPointerException if {@code meta} is null or holds a null key or value
     */
    public Builder<T> meta(Map<String, ?> meta) {
      this.meta = Map.copyOf(Objects.requireNonNull(meta, "meta == null"));
      return this;
    }

    /**
     * Polling by the query's data, typed: {@code interval} gives the interval for the data
     * now, null or zero for no polling, such as
     * {@code build -> build.running() ? Duration.ofSeconds(2) : null}. While the query has no
     * data, it does not poll. Otherwise as {@link #refetchInterval(Duration)}; the function
     * runs on the notify executor, and a throw or a negative interval is reported and means
     * no polling until the data changes.
     *
     * @param interval the interval for the data now
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     */
    @SuppressWarnings("unchecked") // the state of this key's query holds T
    public Builder<T> refetchIntervalByData(Function<? super T, @Nullable Duration> interval) {
      Objects.requireNonNull(interval, "interval == null");
      return refetchInterval((QueryState<?> state) -> {
        Object data = state.data();
        return data == null ? null : interval.apply((T) data);
      });
    }

    /**
     * Returns the options built so far.
     *
     * @return immutable options
     */
    public QueryOptions<T> build() {
      return new QueryOptions<>(this);
    }
  }
}
