package dev.querycache.internal.collection;

import dev.querycache.AsyncMutationFunction;
import dev.querycache.MutationFunction;
import dev.querycache.collection.ActionHandler;
import dev.querycache.collection.AsyncActionHandler;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The handler of writes called with variables (an optimistic action, paced writes), blocking
 * or with a stage, as its builder collects it; and the persister's functions that call it
 * with the variables of the transaction's last call. Not thread-safe: a builder's.
 *
 * @param <V> the type of the calls' variables
 */
final class ActionHandlers<V> {
  private final String owner;
  private @Nullable ActionHandler<V> blocking;
  private @Nullable AsyncActionHandler<V> async;

  /** The handlers of {@code owner}, such as "the action" or "the paced writes", for messages. */
  ActionHandlers(String owner) {
    this.owner = owner;
  }

  void blocking(ActionHandler<V> handler) {
    Objects.requireNonNull(handler, "handler == null");
    checkNone();
    blocking = handler;
  }

  void async(AsyncActionHandler<V> handler) {
    Objects.requireNonNull(handler, "handler == null");
    checkNone();
    async = handler;
  }

  private void checkNone() {
    if (blocking != null || async != null) {
      throw new IllegalStateException("a handler was given to " + owner + " already: give one, with persist or persistAsync");
    }
  }

  /** Whether a handler was given. */
  boolean isGiven() {
    return blocking != null || async != null;
  }

  /** The blocking handler as the persister's function, or null if the handler is async. */
  @SuppressWarnings("unchecked") // a transaction carries the variables of its calls
  @Nullable MutationFunction<TransactionCore, Boolean> blockingFunction() {
    ActionHandler<V> handler = blocking;
    return handler == null ? null : tx -> {
      handler.persist((V) Objects.requireNonNull(tx.variables), tx);
      return Boolean.TRUE;
    };
  }

  /** The async handler as the persister's function, or null if the handler blocks. */
  @SuppressWarnings("unchecked") // a transaction carries the variables of its calls
  @Nullable AsyncMutationFunction<TransactionCore, Boolean> asyncFunction(String name) {
    AsyncActionHandler<V> handler = async;
    return handler == null ? null : tx -> TransactionPersister.answerOf(Objects.requireNonNull(
        handler.persist((V) Objects.requireNonNull(tx.variables), tx), () -> "the handler of " + name + " returned null, not a stage"));
  }
}
