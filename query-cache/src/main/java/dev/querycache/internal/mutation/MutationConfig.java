package dev.querycache.internal.mutation;

import dev.querycache.AsyncMutationFunction;
import dev.querycache.AsyncOnError;
import dev.querycache.AsyncOnSettled;
import dev.querycache.AsyncOnSuccess;
import dev.querycache.MutationFunction;
import dev.querycache.OnMutate;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.RetryPolicy;
import dev.querycache.UndoRequest;
import dev.querycache.VoidMutationFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Everything a built {@code Mutation} does, fixed at {@code build()}: immutable, so that a
 * builder used again never changes a mutation it built, and so that every run of one mutation
 * reads one configuration. The builders collect it in a {@link Draft}.
 */
public final class MutationConfig<V, R, C> {
  public static final Duration DEFAULT_UNDO_WINDOW = Duration.ofSeconds(60);
  /** How long a settled run is remembered by default (TanStack's mutation {@code gcTime}). */
  public static final Duration DEFAULT_GC_TIME = Duration.ofMinutes(5);
  static final String DEFAULT_ERROR_MESSAGE = "The change could not be saved";

  final @Nullable MutationFunction<V, R> blockingFunction;
  final @Nullable AsyncMutationFunction<V, R> asyncFunction;
  /** Whether the function answers nothing: its result is null, and that is a success. */
  public final boolean resultless;
  public final @Nullable QueryKey<?> mutationKey;
  /** The name given with {@code name(...)}, or null. */
  public final @Nullable String name;
  /** Where the application built the mutation (a stack frame), or null if unknown. */
  public final @Nullable String builtAt;
  public final @Nullable String scope;
  public final RetryPolicy retry;
  public final boolean optimistic;
  public final List<MutationPatch<?, V>> patches;
  public final List<Function<? super V, ? extends Collection<QueryFilter>>> settleInvalidations;
  /** What a plugin's mutation also invalidates after a success (the plugin's prefix). */
  public final @Nullable QueryFilter pluginInvalidation;
  public final boolean awaitSettle;
  public final @Nullable Function<? super V, String> errorMessage;
  public final boolean toastErrors;
  /** The errors a failed run does not toast, or null. */
  public final @Nullable Predicate<? super Throwable> quietErrors;
  public final @Nullable String successMessage;
  public final @Nullable OnMutate<V, C> onMutate;
  public final @Nullable AsyncOnSuccess<V, R, C> onSuccess;
  public final @Nullable AsyncOnError<V, C> onError;
  public final @Nullable AsyncOnSettled<V, R, C> onSettled;
  public final @Nullable Function<? super R, Optional<String>> undoId;
  public final @Nullable MutationFunction<UndoRequest<V>, ?> undoFunction;
  public final @Nullable Function<? super V, String> undoMessage;
  public final Duration undoWindow;
  /** How long a settled run is remembered, in nanoseconds. */
  public final long gcNanos;
  /** The mutation's own admission stages (sync or exclusive), made afresh for each built mutation. */
  final List<StageSpec> stages;

  /**
   * Sync mode: calls whose {@code key} is equal coalesce into one channel (see
   * {@link SyncStage}), with at most {@code maxFollowUps} follow-ups.
   */
  @SuppressWarnings("unchecked") // the key function reads the mutation's variables
  public static StageSpec syncStage(Function<?, ?> key, int maxFollowUps) {
    Function<Object, ?> keyOf = (Function<Object, ?>) key;
    return new StageSpec() {
      @Override
      public AdmissionStage create(String mutation) {
        return new SyncStage(mutation, keyOf, maxFollowUps);
      }

      @Override
      public String mode() {
        return "sync";
      }
    };
  }

  /** Exclusive mode: a call whose {@code key} has a run is refused (see {@link ExclusiveStage}). */
  @SuppressWarnings("unchecked") // the key function reads the mutation's variables
  static StageSpec exclusiveStage(Function<?, ?> key) {
    Function<Object, ?> keyOf = (Function<Object, ?>) key;
    return new StageSpec() {
      @Override
      public AdmissionStage create(String mutation) {
        return new ExclusiveStage(mutation, keyOf);
      }

      @Override
      public String mode() {
        return "exclusive";
      }
    };
  }

  /** How one of a mutation's own admission stages is made when the mutation is built. */
  public interface StageSpec {
    /** A new stage for the mutation that {@code mutation} names. */
    AdmissionStage create(String mutation);

    /** What the builder calls the mode, for messages: "sync", "exclusive" or "paced". */
    String mode();
  }

  private MutationConfig(Draft<V, R, C> draft) {
    blockingFunction = draft.blockingFunction;
    asyncFunction = draft.asyncFunction;
    resultless = draft.resultless;
    mutationKey = draft.mutationKey;
    name = draft.name;
    builtAt = draft.builtAt;
    scope = draft.scope;
    retry = draft.retry;
    optimistic = draft.optimistic;
    patches = List.copyOf(draft.patches);
    settleInvalidations = List.copyOf(draft.settleInvalidations);
    pluginInvalidation = draft.pluginInvalidation;
    awaitSettle = draft.awaitSettle;
    errorMessage = draft.errorMessage;
    toastErrors = draft.toastErrors;
    quietErrors = draft.quietErrors;
    successMessage = draft.successMessage;
    onMutate = draft.onMutate;
    onSuccess = draft.onSuccess;
    onError = draft.onError;
    onSettled = draft.onSettled;
    undoId = draft.undoId;
    undoFunction = draft.undoFunction;
    undoMessage = draft.undoMessage;
    undoWindow = draft.undoWindow;
    gcNanos = saturatedNanos(draft.gcTime);
    stages = List.copyOf(draft.stages);
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * What a person calls the mutation: its name, else its key's text, else where it was built,
   * so that messages and inspectors always say which mutation they mean.
   */
  public String displayName() {
    if (name != null) {
      return name;
    }
    if (mutationKey != null) {
      return mutationKey.toString();
    }
    return builtAt == null ? "an unnamed mutation" : "the mutation built at " + builtAt;
  }

  /** The mode of the mutation's own stages, "sync" or "exclusive", or null for neither. */
  public @Nullable String mode() {
    return stages.isEmpty() ? null : stages.get(0).mode();
  }

  public boolean hasUndo() {
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
  public static final class Draft<V, R, C> {
    @Nullable MutationFunction<V, R> blockingFunction;
    @Nullable AsyncMutationFunction<V, R> asyncFunction;
    boolean resultless;
    public @Nullable QueryKey<?> mutationKey;
    public @Nullable String name;
    public @Nullable String builtAt;
    public @Nullable String scope;
    public RetryPolicy retry = RetryPolicy.never();
    public boolean optimistic;
    public final List<MutationPatch<?, V>> patches = new ArrayList<>();
    public final List<Function<? super V, ? extends Collection<QueryFilter>>> settleInvalidations = new ArrayList<>();
    public @Nullable QueryFilter pluginInvalidation;
    public boolean awaitSettle = true;
    public @Nullable Function<? super V, String> errorMessage;
    public boolean toastErrors = true;
    /** The errors a failed run does not toast (they were told already, or the application caused them); null: none. */
    public @Nullable Predicate<? super Throwable> quietErrors;
    public @Nullable String successMessage;
    public @Nullable OnMutate<V, C> onMutate;
    public @Nullable AsyncOnSuccess<V, R, C> onSuccess;
    public @Nullable AsyncOnError<V, C> onError;
    public @Nullable AsyncOnSettled<V, R, C> onSettled;
    public @Nullable Function<? super R, Optional<String>> undoId;
    public @Nullable MutationFunction<UndoRequest<V>, ?> undoFunction;
    public @Nullable Function<? super V, String> undoMessage;
    public Duration undoWindow = DEFAULT_UNDO_WINDOW;
    public Duration gcTime = DEFAULT_GC_TIME;
    final List<StageSpec> stages = new ArrayList<>();

    /**
     * Sync mode: calls whose {@code key} is equal coalesce into one channel (see
     * {@link SyncStage}), with at most {@code maxFollowUps} follow-ups.
     */
    public void sync(Function<? super V, ?> key, int maxFollowUps) {
      addStage(syncStage(key, maxFollowUps));
    }

    /** Exclusive mode: a call whose {@code key} has a run is refused (see {@link ExclusiveStage}). */
    public void exclusive(Function<? super V, ?> key) {
      addStage(exclusiveStage(key));
    }

    /** Paced mode: the stage {@code spec} makes holds each run until its pacing lets it go (see {@link PaceStage}). */
    public void paced(StageSpec spec) {
      addStage(spec);
    }

    /** The mode already chosen ("sync" or "exclusive"), or null. */
    public @Nullable String mode() {
      return stages.isEmpty() ? null : stages.get(0).mode();
    }

    private void addStage(StageSpec spec) {
      String chosen = mode();
      if (chosen != null) {
        throw new IllegalStateException(
            "the mutation is already " + chosen + "; a mutation is sync or exclusive, not both, and chooses once");
      }
      stages.add(spec);
    }

    /** A draft for a mutation whose function blocks. */
    public static <V, R> Draft<V, R, Void> blocking(MutationFunction<V, R> function) {
      Draft<V, R, Void> draft = new Draft<>();
      draft.blockingFunction = function;
      return draft;
    }

    /** A draft for a mutation whose blocking function returns nothing. */
    @SuppressWarnings("NullAway") // the wrapper's R is Void: null is its only value
    public static <V> Draft<V, Void, Void> resultless(VoidMutationFunction<V> function) {
      Draft<V, Void, Void> draft = blocking(variables -> {
        function.mutate(variables);
        return null;
      });
      draft.resultless = true;
      return draft;
    }

    /** A draft for a mutation whose function returns a stage. */
    public static <V, R> Draft<V, R, Void> async(AsyncMutationFunction<V, R> function) {
      Draft<V, R, Void> draft = new Draft<>();
      draft.asyncFunction = function;
      return draft;
    }

    /** The configuration as it stands: a mutation built now keeps it, whatever comes next. */
    public MutationConfig<V, R, C> freeze() {
      return new MutationConfig<>(this);
    }

    /** Re-types the context; only sound before any callback that sees the context is set. */
    @SuppressWarnings("unchecked")
    public <C2> Draft<V, R, C2> withContext(OnMutate<V, C2> next) {
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
