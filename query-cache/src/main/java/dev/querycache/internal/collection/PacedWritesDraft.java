package dev.querycache.internal.collection;

import dev.querycache.collection.ActionHandler;
import dev.querycache.collection.ActionWrites;
import dev.querycache.collection.AsyncActionHandler;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.PacedWritesBuilder;
import dev.querycache.collection.Pacing;
import dev.querycache.internal.mutation.MutationEngine;
import java.util.Objects;

/**
 * What paced writes are built from, collected by the application through
 * {@link PacedWritesBuilder}; {@link #build()} makes a {@link PacedWritesCore}. Not
 * thread-safe; the paced writes are.
 */
public final class PacedWritesDraft<V> implements PacedWritesBuilder<V> {
  private final MutationEngine mutations;
  private final Pacing pacing;
  private final ActionWrites<V> writes;
  private final ActionHandlers<V> handlers = new ActionHandlers<>("the paced writes");
  private String name = "paced writes";
  private String errorMessage = TransactionPersister.DEFAULT_ERROR_MESSAGE;

  /** A draft of writes paced by {@code pacing}, of the client {@code mutations} belongs to, showing {@code writes}. */
  public PacedWritesDraft(MutationEngine mutations, Pacing pacing, ActionWrites<V> writes) {
    this.mutations = mutations;
    this.pacing = Objects.requireNonNull(pacing, "pacing == null");
    this.writes = Objects.requireNonNull(writes, "writes == null");
  }

  @Override
  public PacedWritesBuilder<V> persist(ActionHandler<V> handler) {
    handlers.blocking(handler);
    return this;
  }

  @Override
  public PacedWritesBuilder<V> persistAsync(AsyncActionHandler<V> handler) {
    handlers.async(handler);
    return this;
  }

  @Override
  public PacedWritesBuilder<V> name(String name) {
    this.name = TransactionPersister.requireText(name, "name");
    return this;
  }

  @Override
  public PacedWritesBuilder<V> errorMessage(String message) {
    this.errorMessage = TransactionPersister.requireText(message, "message");
    return this;
  }

  @Override
  public PacedWrites<V> build() {
    mutations.runtime.checkOpen();
    if (!handlers.isGiven()) {
      throw new IllegalStateException("paced writes need persist(...) or persistAsync(...): what sends a transaction to the server");
    }
    return new PacedWritesCore<>(mutations, pacing, writes, handlers, name, errorMessage);
  }
}
