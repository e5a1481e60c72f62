package dev.querycache.internal.collection;

import dev.querycache.collection.AsyncTransactionHandler;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionBuilder;
import dev.querycache.collection.TransactionHandler;
import dev.querycache.internal.mutation.MutationEngine;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a transaction of {@code QueryClient.transaction()} is built from, collected by the
 * application through {@link TransactionBuilder}. Not thread-safe.
 */
public final class TransactionDraft implements TransactionBuilder {
  private final MutationEngine mutations;
  private @Nullable TransactionHandler blocking;
  private @Nullable AsyncTransactionHandler async;
  private String name = "transaction";
  private String errorMessage = TransactionPersister.DEFAULT_ERROR_MESSAGE;
  private boolean autoCommit = true;
  private @Nullable String writeKey;

  /** A draft of a transaction of the client {@code mutations} belongs to. */
  public TransactionDraft(MutationEngine mutations) {
    this.mutations = mutations;
  }

  @Override
  public TransactionBuilder persist(TransactionHandler handler) {
    Objects.requireNonNull(handler, "handler == null");
    checkNoHandler();
    blocking = handler;
    return this;
  }

  @Override
  public TransactionBuilder persistAsync(AsyncTransactionHandler handler) {
    Objects.requireNonNull(handler, "handler == null");
    checkNoHandler();
    async = handler;
    return this;
  }

  private void checkNoHandler() {
    if (blocking != null || async != null) {
      throw new IllegalStateException("the transaction has a handler already: give it one, with persist or persistAsync");
    }
  }

  @Override
  public TransactionBuilder name(String name) {
    this.name = TransactionPersister.requireText(name, "name");
    return this;
  }

  @Override
  public TransactionBuilder errorMessage(String message) {
    this.errorMessage = TransactionPersister.requireText(message, "message");
    return this;
  }

  @Override
  public TransactionBuilder autoCommit(boolean autoCommit) {
    this.autoCommit = autoCommit;
    return this;
  }

  @Override
  public TransactionBuilder writeKey(String writeKey) {
    this.writeKey = TransactionPersister.requireText(writeKey, "writeKey");
    return this;
  }

  @Override
  public Transaction build() {
    mutations.runtime.checkOpen();
    TransactionHandler persist = blocking;
    AsyncTransactionHandler persistAsync = async;
    if (persist == null && persistAsync == null) {
      throw new IllegalStateException("a transaction needs persist(...) or persistAsync(...): what sends its changes to the server");
    }
    TransactionCore made = new TransactionCore(mutations.runtime, mutations.queries, name,
        TransactionPersister.of(mutations, name, errorMessage,
            persist == null ? null : tx -> {
              persist.persist(tx);
              return Boolean.TRUE;
            },
            persistAsync == null ? null : tx -> TransactionPersister.answerOf(Objects.requireNonNull(
                persistAsync.persist(tx), () -> "the handler of " + name + " returned null, not a stage"))),
        autoCommit);
    String key = writeKey;
    if (key != null) {
      made.useWriteKey(key);
    }
    return made;
  }
}
