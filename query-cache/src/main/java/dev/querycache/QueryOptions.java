package dev.querycache;

import java.util.Objects;
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
 */
public final class QueryOptions<T> {
  private final QueryKey<T> key;
  private final @Nullable QueryFunction<T> blockingFunction;
  private final @Nullable AsyncQueryFunction<T> asyncFunction;
  private final QuerySettings settings;

  private QueryOptions(Builder<T> builder) {
    this.key = builder.key;
    this.blockingFunction = builder.blockingFunction;
    this.asyncFunction = builder.asyncFunction;
    this.settings = new QuerySettings(builder);
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
    return builder;
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
     * Returns the options built so far.
     *
     * @return immutable options
     */
    public QueryOptions<T> build() {
      return new QueryOptions<>(this);
    }
  }
}
