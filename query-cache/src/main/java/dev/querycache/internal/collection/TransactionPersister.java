package dev.querycache.internal.collection;

import dev.querycache.AsyncMutationFunction;
import dev.querycache.MutationFunction;
import dev.querycache.internal.mutation.MutationConfig;
import dev.querycache.internal.mutation.MutationCore;
import dev.querycache.internal.mutation.MutationEngine;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The internal optimistic mutation that persists transactions: a run per commit, whose
 * function is the transaction's handler (a collection's, or a manual transaction's own) and
 * whose steps decide the transaction's outcome. So a transaction gets the mutation cycle:
 * the error toast and no success toast, retries, network modes, the client's hooks, the
 * devtools, and the settle invalidation of every query it wrote.
 */
final class TransactionPersister {
  static final String DEFAULT_ERROR_MESSAGE = "The change could not be saved";

  private TransactionPersister() {}

  /** {@code value}, a name or a message of what persists, checked: not null, not blank. */
  static String requireText(String value, String argument) {
    Objects.requireNonNull(value, argument + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(argument + " is blank");
    }
    return value;
  }

  /**
   * The mutation named {@code name} that persists with {@code blocking} (on the fetch
   * executor) or, if null, {@code async}, and says {@code errorMessage} when it fails.
   */
  static MutationCore<TransactionCore, Boolean, Void> of(
      MutationEngine mutations, String name, String errorMessage,
      @Nullable MutationFunction<TransactionCore, Boolean> blocking,
      @Nullable AsyncMutationFunction<TransactionCore, Boolean> async) {
    MutationConfig.Draft<TransactionCore, Boolean, Void> draft = blocking != null
        ? MutationConfig.Draft.blocking(blocking)
        : MutationConfig.Draft.async(Objects.requireNonNull(async, "a persister needs a function"));
    draft.name = name;
    draft.optimistic = true;
    draft.errorMessage = tx -> errorMessage;
    draft.settleInvalidations.add(TransactionCore::invalidations);
    draft.onSuccess = (result, tx, context) -> {
      tx.succeeded();
      return null;
    };
    draft.onError = (error, tx, context) -> {
      tx.failed(error);
      return null;
    };
    draft.onSettled = (result, error, tx, context) -> {
      tx.settled();
      return null;
    };
    return new MutationCore<>(mutations, draft.freeze());
  }
}
