package dev.querycache.internal.collection;

import dev.querycache.AsyncMutationFunction;
import dev.querycache.MutationFunction;
import dev.querycache.collection.CallDroppedException;
import dev.querycache.collection.DependentTransactionException;
import dev.querycache.collection.TransactionRolledBackException;
import dev.querycache.internal.mutation.MutationConfig;
import dev.querycache.internal.mutation.MutationCore;
import dev.querycache.internal.mutation.MutationEngine;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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
    return of(mutations, name, errorMessage, blocking, async, null);
  }

  /**
   * The same, paced by {@code pacing}'s stage (null: sent as committed). The handler runs only
   * for a transaction that has not failed meanwhile, and only if it holds a change (a paced
   * transaction can be emptied by later calls: an insert, then a delete); the transaction
   * takes no more writes from then on.
   */
  static MutationCore<TransactionCore, Boolean, Void> of(
      MutationEngine mutations, String name, String errorMessage,
      @Nullable MutationFunction<TransactionCore, Boolean> blocking,
      @Nullable AsyncMutationFunction<TransactionCore, Boolean> async,
      MutationConfig.@Nullable StageSpec pacing) {
    MutationConfig.Draft<TransactionCore, Boolean, Void> draft;
    if (blocking != null) {
      draft = MutationConfig.Draft.blocking(tx -> {
        Throwable failed = tx.freeze();
        if (failed != null) {
          throw asException(failed);
        }
        return tx.hasChanges() ? blocking.mutate(tx) : Boolean.TRUE;
      });
    } else {
      AsyncMutationFunction<TransactionCore, Boolean> handler = Objects.requireNonNull(async, "a persister needs a function");
      draft = MutationConfig.Draft.async(tx -> {
        Throwable failed = tx.freeze();
        if (failed != null) {
          return CompletableFuture.failedFuture(failed);
        }
        return tx.hasChanges() ? handler.mutate(tx) : CompletableFuture.completedFuture(Boolean.TRUE);
      });
    }
    if (pacing != null) {
      draft.paced(pacing);
      // The next transaction goes when the server answered, not after the settle refetch: the
      // intents of the one before stay until data that includes them lands.
      draft.awaitSettle = false;
    }
    draft.name = name;
    draft.optimistic = true;
    draft.errorMessage = tx -> errorMessage;
    // Told already (the transaction it relied on toasted), or the application's own doing.
    draft.quietErrors = error -> error instanceof DependentTransactionException
        || error instanceof TransactionRolledBackException || error instanceof CallDroppedException;
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

  /**
   * A handler's stage as the persister's answer: true once it completes, or its failure as it
   * is. Not {@code thenApply}, which wraps a failure in a new {@code CompletionException}, whose
   * stack trace is most of the cost of a failed write.
   */
  static CompletionStage<Boolean> answerOf(CompletionStage<?> handled) {
    if (handled instanceof CompletableFuture<?> done && done.isDone() && !done.isCompletedExceptionally()) {
      return CompletableFuture.completedFuture(Boolean.TRUE); // answered already: nothing to chain on
    }
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    handled.handle((ignored, error) -> error == null ? answer.complete(Boolean.TRUE) : answer.completeExceptionally(error));
    return answer;
  }

  private static Exception asException(Throwable failure) {
    return failure instanceof Exception exception ? exception : new CompletionException(failure);
  }
}
