package dev.querycache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything a mutation's builders collected. Mutable while building; {@link #copy()} freezes
 * a copy into each built {@link Mutation}, so a builder used again does not change it.
 */
final class MutationConfig<V, R, C> {
  static final Duration DEFAULT_UNDO_WINDOW = Duration.ofSeconds(60);
  static final String DEFAULT_ERROR_MESSAGE = "The change could not be saved";

  @Nullable MutationFunction<V, R> blockingFunction;
  @Nullable AsyncMutationFunction<V, R> asyncFunction;
  @Nullable QueryKey<?> mutationKey;
  @Nullable String scope;
  RetryPolicy retry = RetryPolicy.never();
  boolean optimistic;
  List<MutationPatch<?, V>> patches = new ArrayList<>();
  List<Function<? super V, ? extends Collection<QueryFilter>>> settleInvalidations = new ArrayList<>();
  @Nullable QueryFilter pluginInvalidation;
  boolean awaitSettle = true;
  @Nullable Function<? super V, String> errorMessage;
  boolean toastErrors = true;
  @Nullable String successMessage;
  Mutation.@Nullable OnMutate<V, C> onMutate;
  Mutation.@Nullable OnSuccess<V, R, C> onSuccess;
  Mutation.@Nullable OnError<V, C> onError;
  Mutation.@Nullable OnSettled<V, R, C> onSettled;
  @Nullable Function<? super R, Optional<String>> undoId;
  @Nullable MutationFunction<UndoRequest<V>, ?> undoFunction;
  @Nullable Function<? super V, String> undoMessage;
  Duration undoWindow = DEFAULT_UNDO_WINDOW;

  MutationConfig<V, R, C> copy() {
    MutationConfig<V, R, C> copy = new MutationConfig<>();
    copy.blockingFunction = blockingFunction;
    copy.asyncFunction = asyncFunction;
    copy.mutationKey = mutationKey;
    copy.scope = scope;
    copy.retry = retry;
    copy.optimistic = optimistic;
    copy.patches = List.copyOf(patches);
    copy.settleInvalidations = List.copyOf(settleInvalidations);
    copy.pluginInvalidation = pluginInvalidation;
    copy.awaitSettle = awaitSettle;
    copy.errorMessage = errorMessage;
    copy.toastErrors = toastErrors;
    copy.successMessage = successMessage;
    copy.onMutate = onMutate;
    copy.onSuccess = onSuccess;
    copy.onError = onError;
    copy.onSettled = onSettled;
    copy.undoId = undoId;
    copy.undoFunction = undoFunction;
    copy.undoMessage = undoMessage;
    copy.undoWindow = undoWindow;
    return copy;
  }

  /** Re-types the context; only sound before any callback that sees the context is set. */
  @SuppressWarnings("unchecked")
  <C2> MutationConfig<V, R, C2> withContext(Mutation.OnMutate<V, C2> next) {
    if (onSuccess != null || onError != null || onSettled != null) {
      throw new IllegalStateException(
          "call onMutate before onSuccess, onError and onSettled: it decides the type of the "
              + "context they receive");
    }
    MutationConfig<V, R, C2> retyped = (MutationConfig<V, R, C2>) (MutationConfig<V, R, ?>) this;
    retyped.onMutate = next;
    return retyped;
  }

  boolean hasUndo() {
    return undoId != null;
  }

  String errorMessageFor(V variables) {
    if (errorMessage == null) {
      return DEFAULT_ERROR_MESSAGE;
    }
    String message = errorMessage.apply(variables);
    return message == null || message.isBlank() ? DEFAULT_ERROR_MESSAGE : message;
  }
}
