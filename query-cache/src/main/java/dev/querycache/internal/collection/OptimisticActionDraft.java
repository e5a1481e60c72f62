package dev.querycache.internal.collection;

import dev.querycache.collection.ActionHandler;
import dev.querycache.collection.ActionWrites;
import dev.querycache.collection.AsyncActionHandler;
import dev.querycache.collection.OptimisticAction;
import dev.querycache.collection.OptimisticActionBuilder;
import dev.querycache.collection.Transaction;
import dev.querycache.internal.mutation.MutationCore;
import dev.querycache.internal.mutation.MutationEngine;
import java.util.Objects;

/**
 * What an optimistic action is built from, collected by the application through
 * {@link OptimisticActionBuilder}; {@link #build()} makes the action, whose every call is a
 * transaction that commits as its writes return. Not thread-safe; the action is.
 */
public final class OptimisticActionDraft<V> implements OptimisticActionBuilder<V> {
  private final MutationEngine mutations;
  private final ActionWrites<V> writes;
  private final ActionHandlers<V> handlers = new ActionHandlers<>("the action");
  private String name = "optimistic action";
  private String errorMessage = TransactionPersister.DEFAULT_ERROR_MESSAGE;

  /** A draft of an action of the client {@code mutations} belongs to, showing {@code writes}. */
  public OptimisticActionDraft(MutationEngine mutations, ActionWrites<V> writes) {
    this.mutations = mutations;
    this.writes = Objects.requireNonNull(writes, "writes == null");
  }

  @Override
  public OptimisticActionBuilder<V> persist(ActionHandler<V> handler) {
    handlers.blocking(handler);
    return this;
  }

  @Override
  public OptimisticActionBuilder<V> persistAsync(AsyncActionHandler<V> handler) {
    handlers.async(handler);
    return this;
  }

  @Override
  public OptimisticActionBuilder<V> name(String name) {
    this.name = TransactionPersister.requireText(name, "name");
    return this;
  }

  @Override
  public OptimisticActionBuilder<V> errorMessage(String message) {
    this.errorMessage = TransactionPersister.requireText(message, "message");
    return this;
  }

  @Override
  public OptimisticAction<V> build() {
    mutations.runtime.checkOpen();
    if (!handlers.isGiven()) {
      throw new IllegalStateException("an optimistic action needs persist(...) or persistAsync(...): what sends a call to the server");
    }
    String actionName = name;
    ActionWrites<V> show = writes;
    MutationCore<TransactionCore, Boolean, Void> persister = TransactionPersister.of(mutations, actionName, errorMessage,
        handlers.blockingFunction(), handlers.asyncFunction(actionName));
    return new OptimisticAction<>() {
      @Override
      public Transaction apply(V variables) {
        Objects.requireNonNull(variables, "variables == null");
        TransactionCore tx = new TransactionCore(mutations.runtime, mutations.queries, actionName, persister, false, variables);
        tx.write(write -> show.write(variables, write));
        if (tx.isEmpty()) {
          throw new IllegalStateException(actionName + " wrote nothing for " + variables + ": an action's writes are made"
              + " inside the call, through its handle, not later (from a stage, another thread or a callback); nothing was sent");
        }
        tx.commit();
        return tx;
      }

      @Override
      public String toString() {
        return "OptimisticAction{" + actionName + "}";
      }
    };
  }
}
