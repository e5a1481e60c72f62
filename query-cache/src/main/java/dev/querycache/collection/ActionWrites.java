package dev.querycache.collection;

/**
 * What an {@link OptimisticAction} shows at once for its variables: writes through the
 * transaction's handle, made synchronously, inside the call (TanStack DB's {@code onMutate}).
 * It cannot return a stage: its method returns nothing, and a write through the handle after
 * the call returned (from a stage, another thread, a callback) is refused, and fails the
 * action's transaction with the refusal, so that the mistake shows at its first call.
 *
 * @param <V> the type of the action's variables
 * @since 0.1.0
 */
@FunctionalInterface
public interface ActionWrites<V> {
  /**
   * Writes what the action shows for {@code variables}.
   *
   * @param variables the action's variables
   * @param write the transaction's handle, valid during this call only
   */
  void write(V variables, TransactionWrites write);
}
