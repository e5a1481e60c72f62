package dev.querycache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything a built {@link Mutation} does, fixed at {@code build()}: immutable, so that a
 * builder used again never changes a mutation it built, and so that every run of one mutation
 * reads one configuration. The builders collect it in a {@link Draft}.
 */
final class MutationConfig<V, R, C> {
  static final Duration DEFAULT_UNDO_WINDOW = Duration.ofSeconds(60);
  static final String DEFAULT_ERROR_MESSAGE = "The change could not be saved";

  final @Nullable MutationFunction<V, R> blockingFunction;
  final @Nullable AsyncMutationFunction<V, R> asyncFunction;
  final @Nullable QueryKey<?> mutationKey;
  final @Nullable String scope;
  final RetryPolicy retry;
  final boolean optimistic;
  final List<MutationPatch<?, V>> patches;
  final List<Function<? super V, ? extends Collection<QueryFilter>>> settleInvalidations;
  /** What a plugin's mutation also invalidates after a success (the plugin's prefix). */
  final @Nullable QueryFilter pluginInvalidation;
  final boolean awaitSettle;
  final @Nullable Function<? super V, String> errorMessage;
  final boolean toastErrors;
  final @Nullable String successMessage;
  final @Nullable OnMutate<V, C> onMutate;
  final @Nullable OnSuccess<V, R, C> onSuccess;
  final @Nullable OnError<V, C> onError;
  final @Nullable OnSettled<V, R, C> onSettled;
  final @Nullable Function<? super R, Optional<String>> undoId;
  final @Nullable MutationFunction<UndoRequest<V>, ?> undoFunction;
  final @Nullable Function<? super V, String> undoMessage;
  final Duration undoWindow;

  private MutationConfig(Draft<V, R, C> draft) {
    blockingFunction = draft.blockingFunction;
    asyncFunction = draft.asyncFunction;
    mutationKey = draft.mutationKey;
    scope = draft.scope;
    retry = draft.retry;
    optimistic = draft.optimistic;
    patches = List.copyOf(draft.patches);
    settleInvalidations = List.copyOf(draft.settleInvalidations);
    pluginInvalidation = draft.pluginInvalidation;
    awaitSettle = draft.awaitSettle;
    errorMessage = draft.errorMessage;
    toastErrors = draft.toastErrors;
    successMessage = draft.successMessage;
    onMutate = draft.onMutate;
    onSuccess = draft.onSuccess;
    onError = draft.onError;
    onSettled = draft.onSettled;
    undoId = draft.undoId;
    undoFunction = draft.undoFunction;
    undoMessage = draft.undoMessage;
    undoWindow = draft.undoWindow;
  }

  boolean hasUndo() {
    return undoId != null;
  }

  /** The error toast's message for {@code variables}; the default one for null or blank. */
  String errorMessageFor(V variables) {
    if (errorMessage == null) {
      return DEFAULT_ERROR_MESSAGE;
    }
    String message = errorMessage.apply(variables);
    return message == null || message.isBlank() ? DEFAULT_ERROR_MESSAGE : message;
  }

  /**
   * A mutation's configuration while it is being built: what the builders write, and what
   * {@link #freeze()} fixes. Not thread-safe (the builders are not).
   */
  static final class Draft<V, R, C> {
    @Nullable MutationFunction<V, R> blockingFunction;
    @Nullable AsyncMutationFunction<V, R> asyncFunction;
    @Nullable QueryKey<?> mutationKey;
    @Nullable String scope;
    RetryPolicy retry = RetryPolicy.never();
    boolean optimistic;
    final List<MutationPatch<?, V>> patches = new ArrayList<>();
    final List<Function<? super V, ? extends Collection<QueryFilter>>> settleInvalidations = new ArrayList<>();
    @Nullable QueryFilter pluginInvalidation;
    boolean awaitSettle = true;
    @Nullable Function<? super V, String> errorMessage;
    boolean toastErrors = true;
    @Nullable String successMessage;
    @Nullable OnMutate<V, C> onMutate;
    @Nullable OnSuccess<V, R, C> onSuccess;
    @Nullable OnError<V, C> onError;
    @Nullable OnSettled<V, R, C> onSettled;
    @Nullable Function<? super R, Optional<String>> undoId;
    @Nullable MutationFunction<UndoRequest<V>, ?> undoFunction;
    @Nullable Function<? super V, String> undoMessage;
    Duration undoWindow = DEFAULT_UNDO_WINDOW;

    /** A draft for a mutation whose function blocks. */
    static <V, R> Draft<V, R, Void> blocking(MutationFunction<V, R> function) {
      Draft<V, R, Void> draft = new Draft<>();
      draft.blockingFunction = function;
      return draft;
    }

    /** A draft for a mutation whose function returns a stage. */
    static <V, R> Draft<V, R, Void> async(AsyncMutationFunction<V, R> function) {
      Draft<V, R, Void> draft = new Draft<>();
      draft.asyncFunction = function;
      return draft;
    }

    /** The configuration as it stands: a mutation built now keeps it, whatever comes next. */
    MutationConfig<V, R, C> freeze() {
      return new MutationConfig<>(this);
    }

    /** Re-types the context; only sound before any callback that sees the context is set. */
    @SuppressWarnings("unchecked")
    <C2> Draft<V, R, C2> withContext(OnMutate<V, C2> next) {
      if (onSuccess != null || onError != null || onSettled != null) {
        throw new IllegalStateException(
            "call onMutate before onSuccess, onError and onSettled: it decides the type of the "
                + "context they receive");
      }
      Draft<V, R, C2> retyped = (Draft<V, R, C2>) (Draft<V, R, ?>) this;
      retyped.onMutate = next;
      return retyped;
    }
  }
}
