package dev.querycache;

import org.jspecify.annotations.Nullable;

/**
 * One run of a mutation at one moment: an immutable snapshot, for UIs (a pending row, a
 * disabled button) and inspectors.
 *
 * @param id the run's number, unique in its client and increasing in start order (zero for
 *     the idle state)
 * @param name what a person calls the mutation: the name it was built with, else its key's
 *     text, else where it was built (see {@code AbstractMutationBuilder#name})
 * @param mutationKey the mutation's key, for filtering, or {@code null} if it has none
 * @param status where the run is in its cycle
 * @param variables the run's variables, or {@code null} while idle
 * @param context what {@code onMutate} returned, or {@code null}
 * @param result the server's result once succeeded, else {@code null}
 * @param error the failure once failed, else {@code null}
 * @param submittedAt when the run started, on the client's {@link Ticker}
 * @param failureCount failed attempts of the mutation function so far
 * @param failureReason the last failed attempt's error, or {@code null}
 * @param isPaused whether the run waits: for an earlier run of its scope, or for the network
 * @param <V> the variables
 * @param <R> the result
 * @param <C> the context
 * @since 0.1.0
 */
public record MutationState<V, R, C>(
    long id,
    String name,
    @Nullable QueryKey<?> mutationKey,
    MutationStatus status,
    @Nullable V variables,
    @Nullable C context,
    @Nullable R result,
    @Nullable Throwable error,
    long submittedAt,
    int failureCount,
    @Nullable Throwable failureReason,
    boolean isPaused) {

  /**
   * Checks the components.
   *
   * @param id see {@link #id()}
   * @param name see {@link #name()}
   * @param mutationKey see {@link #mutationKey()}
   * @param status see {@link #status()}
   * @param variables see {@link #variables()}
   * @param context see {@link #context()}
   * @param result see {@link #result()}
   * @param error see {@link #error()}
   * @param submittedAt see {@link #submittedAt()}
   * @param failureCount see {@link #failureCount()}
   * @param failureReason see {@link #failureReason()}
   * @param isPaused see {@link #isPaused()}
   * @throws NullPointerException if {@code name} or {@code status} is null
   * @throws IllegalArgumentException if {@code failureCount} is negative
   */
  public MutationState {
    java.util.Objects.requireNonNull(name, "name == null");
    java.util.Objects.requireNonNull(status, "status == null");
    if (failureCount < 0) {
      throw new IllegalArgumentException("failureCount must not be negative: " + failureCount);
    }
  }

  /**
   * The state of a mutation that never ran.
   *
   * @param name what a person calls the mutation
   * @param mutationKey the mutation's key, or null
   * @param <V> the variables
   * @param <R> the result
   * @param <C> the context
   * @return an idle state
   * @throws NullPointerException if {@code name} is null
   */
  public static <V, R, C> MutationState<V, R, C> idle(String name, @Nullable QueryKey<?> mutationKey) {
    return new MutationState<>(0, name, mutationKey, MutationStatus.IDLE, null, null, null, null, 0, 0, null, false);
  }

  /**
   * This run as the client's event stream names it in {@link QueryEvent#by()}: the
   * mutation's name and the run's id, such as {@code "archive #12"}. Devtools use it to find
   * the queries a run patched.
   *
   * @return the name, a space, {@code #} and the id
   */
  public String runName() {
    return name + " #" + id;
  }

  /**
   * Whether the run has started and not settled.
   *
   * @return {@code status() == PENDING}
   */
  public boolean isPending() {
    return status == MutationStatus.PENDING;
  }
}
