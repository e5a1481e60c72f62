package dev.querycache;

import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Selects mutation runs, for {@link QueryClient#isMutating(MutationFilter)} and
 * {@link QueryClient#getMutations(MutationFilter)}: by mutation key (matched partially, as
 * {@link QueryFilter#prefix(QueryKey)} matches query keys), by status, and by a predicate.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class MutationFilter {
  private static final MutationFilter ALL = new MutationFilter(null, null, null);

  private final @Nullable QueryKey<?> key;
  private final @Nullable MutationStatus status;
  private final @Nullable Predicate<? super MutationState<?, ?, ?>> predicate;

  private MutationFilter(
      @Nullable QueryKey<?> key,
      @Nullable MutationStatus status,
      @Nullable Predicate<? super MutationState<?, ?, ?>> predicate) {
    this.key = key;
    this.status = status;
    this.predicate = predicate;
  }

  /**
   * Selects every run the client remembers: the pending ones and the settled ones within
   * their mutation's gc time.
   *
   * @return the filter
   */
  public static MutationFilter all() {
    return ALL;
  }

  /**
   * Selects runs whose mutation key {@code prefix} matches partially; runs of mutations
   * without a key are not selected.
   *
   * @param prefix the leading parts of the mutation key
   * @return the filter
   * @throws NullPointerException if {@code prefix} is null
   */
  public static MutationFilter key(QueryKey<?> prefix) {
    return new MutationFilter(Objects.requireNonNull(prefix, "prefix == null"), null, null);
  }

  /**
   * Narrows to runs in {@code status}.
   *
   * @param status the status to keep
   * @return a new filter
   * @throws NullPointerException if {@code status} is null
   */
  public MutationFilter status(MutationStatus status) {
    return new MutationFilter(key, Objects.requireNonNull(status, "status == null"), predicate);
  }

  /**
   * Narrows to pending runs: {@code status(PENDING)}.
   *
   * @return a new filter
   */
  public MutationFilter pending() {
    return status(MutationStatus.PENDING);
  }

  /**
   * Narrows to runs that also satisfy {@code predicate} (ANDed with any earlier one).
   *
   * @param predicate a test on the run's state
   * @return a new filter
   * @throws NullPointerException if {@code predicate} is null
   */
  public MutationFilter where(Predicate<? super MutationState<?, ?, ?>> predicate) {
    Objects.requireNonNull(predicate, "predicate == null");
    Predicate<? super MutationState<?, ?, ?>> earlier = this.predicate;
    Predicate<? super MutationState<?, ?, ?>> combined =
        earlier == null ? predicate : state -> earlier.test(state) && predicate.test(state);
    return new MutationFilter(key, status, combined);
  }

  /**
   * The prefix a run's mutation key must start with to be selected.
   *
   * @return the prefix, or null for every run, with a key or without
   */
  public @Nullable QueryKey<?> mutationKey() {
    return key;
  }

  /**
   * The status a run must have to be selected.
   *
   * @return the status, or null for any
   */
  public @Nullable MutationStatus status() {
    return status;
  }

  /**
   * The test a run's state must pass, after the other conditions (the predicates of every
   * {@link #where} call, ANDed).
   *
   * @return the predicate, or null for none
   */
  public @Nullable Predicate<? super MutationState<?, ?, ?>> predicate() {
    return predicate;
  }

  @Override
  public String toString() {
    return "MutationFilter{" + (key == null ? "all" : "key " + key)
        + (status == null ? "" : ", " + status) + (predicate == null ? "" : ", where ...") + "}";
  }
}
