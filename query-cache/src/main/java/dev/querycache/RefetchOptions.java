package dev.querycache;

/**
 * How a bulk refetch treats fetches in flight and failures (TanStack Query's
 * {@code cancelRefetch} and {@code throwOnError}), for
 * {@link QueryClient#refetchQueries(QueryFilter, RefetchOptions)} and
 * {@link QueryClient#invalidateQueries(QueryFilter, RefetchType, RefetchOptions)}. Immutable;
 * each setter returns a new value.
 *
 * <pre>{@code
 * client.refetchQueries(QueryFilter.prefix("reports"),
 *     RefetchOptions.defaults().cancelRefetch(false).throwOnError(true));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RefetchOptions {
  private static final RefetchOptions DEFAULTS = new RefetchOptions(true, false);

  private final boolean cancelRefetch;
  private final boolean throwOnError;

  private RefetchOptions(boolean cancelRefetch, boolean throwOnError) {
    this.cancelRefetch = cancelRefetch;
    this.throwOnError = throwOnError;
  }

  /**
   * The defaults: a fetch in flight for a query with data is replaced, and the returned
   * future never fails.
   *
   * @return the default options
   */
  public static RefetchOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Whether a fetch in flight for a query with data is cancelled and replaced (the default:
   * it may have started before the change that made the data invalid), or joined.
   *
   * @param cancel {@code false} to join fetches in flight
   * @return options with that choice
   */
  public RefetchOptions cancelRefetch(boolean cancel) {
    return new RefetchOptions(cancel, throwOnError);
  }

  /**
   * Whether the returned future fails when a refetch fails (with that failure, once every
   * refetch ended), instead of always completing normally (the default).
   *
   * @param fail {@code true} to fail the future
   * @return options with that choice
   */
  public RefetchOptions throwOnError(boolean fail) {
    return new RefetchOptions(cancelRefetch, fail);
  }

  /**
   * See {@link #cancelRefetch(boolean)}.
   *
   * @return whether fetches in flight are replaced
   */
  public boolean cancelRefetch() {
    return cancelRefetch;
  }

  /**
   * See {@link #throwOnError(boolean)}.
   *
   * @return whether the future fails with a refetch's failure
   */
  public boolean throwOnError() {
    return throwOnError;
  }

  @Override
  public String toString() {
    return "RefetchOptions{cancelRefetch=" + cancelRefetch + ", throwOnError=" + throwOnError + "}";
  }
}
