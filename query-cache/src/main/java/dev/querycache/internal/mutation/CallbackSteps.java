package dev.querycache.internal.mutation;

import dev.querycache.AsyncOnError;
import dev.querycache.AsyncOnSettled;
import dev.querycache.AsyncOnSuccess;
import dev.querycache.MutationHooks;
import dev.querycache.MutationState;
import dev.querycache.internal.runtime.Callbacks;
import dev.querycache.internal.runtime.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A run's callbacks of one path (success or error), in TanStack Query's order
 * ({@link #successPath}, {@link #errorPath}), one after another, each of which may
 * return a stage that the next waits for (TanStack's callbacks that return a promise). A step
 * that returns null or a completed stage hands over at once, on the same thread; a stage still
 * running hands over when it completes, through the notify executor, so that every callback
 * runs on the notify thread whatever thread completed the stage.
 *
 * <p>On the success path the first failure (a throw, or a stage that fails) ends the steps and
 * is handed to the continuation; on the error path each failure is reported and the steps go
 * on.
 */
final class CallbackSteps {
  /** One callback: returns a stage to wait for, or null. */
  @FunctionalInterface
  interface Body {
    @Nullable CompletionStage<?> run() throws Throwable;
  }

  /** A callback and its name in reports, such as {@code "onError"}. */
  record Step(String what, Body body) {}

  /**
   * The success path's callbacks, in TanStack Query's order: the hooks' {@code onSuccess},
   * the mutation's, the hooks' {@code onSettled}, the mutation's.
   */
  static <V, R, C> List<Step> successPath(
      List<MutationHooks> hooks, MutationConfig<V, R, C> config, R result, V variables, @Nullable C context,
      MutationState<V, R, C> state) {
    List<Step> steps = new ArrayList<>(2 * hooks.size() + 2);
    for (MutationHooks hook : hooks) {
      steps.add(new Step("a mutation hook's onSuccess", () -> {
        hook.onSuccess(result, state);
        return null;
      }));
    }
    AsyncOnSuccess<V, R, C> onSuccess = config.onSuccess;
    if (onSuccess != null) {
      steps.add(new Step("onSuccess", () -> onSuccess.onSuccess(result, variables, context)));
    }
    addSettled(steps, hooks, config, result, null, variables, context, state);
    return steps;
  }

  /**
   * The error path's callbacks, in TanStack Query's order: the hooks' {@code onError}, the
   * mutation's, the hooks' {@code onSettled}, the mutation's.
   */
  static <V, R, C> List<Step> errorPath(
      List<MutationHooks> hooks, MutationConfig<V, R, C> config, Throwable error, V variables, @Nullable C context,
      MutationState<V, R, C> state) {
    List<Step> steps = new ArrayList<>(2 * hooks.size() + 2);
    for (MutationHooks hook : hooks) {
      steps.add(new Step("a mutation hook's onError", () -> {
        hook.onError(error, state);
        return null;
      }));
    }
    AsyncOnError<V, C> onError = config.onError;
    if (onError != null) {
      steps.add(new Step("onError", () -> onError.onError(error, variables, context)));
    }
    addSettled(steps, hooks, config, null, error, variables, context, state);
    return steps;
  }

  private static <V, R, C> void addSettled(
      List<Step> steps, List<MutationHooks> hooks, MutationConfig<V, R, C> config, @Nullable R result,
      @Nullable Throwable error, V variables, @Nullable C context, MutationState<V, R, C> state) {
    for (MutationHooks hook : hooks) {
      steps.add(new Step("a mutation hook's onSettled", () -> {
        hook.onSettled(result, error, state);
        return null;
      }));
    }
    AsyncOnSettled<V, R, C> onSettled = config.onSettled;
    if (onSettled != null) {
      steps.add(new Step("onSettled", () -> onSettled.onSettled(result, error, variables, context)));
    }
  }

  private final Notifier notifier;
  private final Object subject;
  private final List<Step> steps;
  private final boolean stopAtFailure;
  private final Consumer<@Nullable Throwable> then;

  private CallbackSteps(
      Notifier notifier, Object subject, List<Step> steps, boolean stopAtFailure, Consumer<@Nullable Throwable> then) {
    this.notifier = notifier;
    this.subject = subject;
    this.steps = steps;
    this.stopAtFailure = stopAtFailure;
    this.then = then;
  }

  /**
   * Runs {@code steps} in order, then {@code then} with the failure that stopped them (only
   * when {@code stopAtFailure}) or null.
   */
  static void run(
      Notifier notifier, Object subject, List<Step> steps, boolean stopAtFailure, Consumer<@Nullable Throwable> then) {
    new CallbackSteps(notifier, subject, steps, stopAtFailure, then).from(0);
  }

  private void from(int first) {
    for (int i = first; i < steps.size(); i++) {
      Step step = steps.get(i);
      CompletionStage<?> stage;
      try {
        stage = step.body().run();
      } catch (Throwable thrown) {
        // Captured as Callbacks.capture does: a virtual-machine error is logged at once, whichever path this is.
        if (failed(step, Callbacks.captured(thrown))) {
          return;
        }
        continue;
      }
      if (stage == null) {
        continue;
      }
      if (stage instanceof CompletableFuture<?> done && done.isDone()) {
        Throwable failure = failureOf(done);
        if (failure != null && failed(step, failure)) {
          return;
        }
        continue;
      }
      int next = i + 1;
      stage.handle((ignored, failure) -> {
        notifier.post(() -> {
          if (failure == null || !failed(step, unwrap(failure))) {
            from(next);
          }
        });
        return null;
      });
      return;
    }
    then.accept(null);
  }

  /** Handles a step's failure; true if it ended the steps (the continuation has it). */
  private boolean failed(Step step, Throwable failure) {
    if (stopAtFailure) {
      then.accept(failure);
      return true;
    }
    Callbacks.report(step.what(), subject, failure);
    return false;
  }

  private static @Nullable Throwable failureOf(CompletableFuture<?> done) {
    if (!done.isCompletedExceptionally()) {
      return null;
    }
    Throwable[] failure = new Throwable[1];
    done.handle((ignored, error) -> failure[0] = error);
    return failure[0] == null ? null : unwrap(failure[0]);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
