package dev.querycache;

/**
 * How an optimistic mutation changes one query's data: a pure function from the current data
 * and the mutation's variables to the patched data. The library applies it when the mutation
 * starts and applies it again whenever newer data lands under it while the mutation is
 * pending, so it must not depend on anything but its arguments, and should be idempotent
 * (mark as read, set starred, remove row 7) rather than relative (toggle, add one).
 *
 * <p>It runs inside the transition of its query: it may read the client, but a call that
 * writes, fetches or observes is refused with an {@link IllegalStateException}. If it throws
 * when first applied, the run fails before its function is called; if it throws when applied
 * again over newer data, its layer is dropped and its run fails with what it threw.
 *
 * @param <T> the type of the query's data
 * @param <V> the mutation's variables
 * @since 0.1.0
 */
@FunctionalInterface
public interface Projection<T, V> {
  /**
   * Patches the data.
   *
   * @param current the data to patch (never {@code null}: queries without data are patched
   *     when their data lands)
   * @param variables the mutation's variables
   * @return the patched data, a new value (never the mutated {@code current}); not null
   */
  T apply(T current, V variables);
}
