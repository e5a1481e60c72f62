package dev.querycache.internal.mutation;

import dev.querycache.QueryKey;
import dev.querycache.UndoOffer;
import dev.querycache.internal.layer.LayerStack;
import dev.querycache.internal.runtime.Callbacks;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a settled run says to the user, the toast voice of a mutation: a failed run's error
 * toast, with the application's message for its variables (or the default one); an optimistic
 * success says nothing, except an undoable one whose result carries a mutation id, which
 * offers its undo; a plain success says its success message, if one was set. A message or id
 * function that throws, or gives nothing, never costs the user the toast: the default message
 * stands and the fault is reported. Runs on the notify executor, outside every lock.
 *
 * @param <V> the variables
 * @param <R> the result
 * @param <C> the context
 */
public final class RunToasts<V, R, C> {
  /** The undo toast's message when the undo message function gives none. */
  public static final String DEFAULT_UNDO_MESSAGE = "Done";

  private final MutationEngine engine;
  private final MutationConfig<V, R, C> config;
  /** The mutation, which reports name. */
  private final Object mutation;

  RunToasts(MutationEngine engine, MutationConfig<V, R, C> config, Object mutation) {
    this.engine = engine;
    this.config = config;
    this.mutation = mutation;
  }

  /** A run with {@code variables} failed with {@code error}: its error toast, unless turned off. */
  void failed(V variables, Throwable error) {
    if (!config.toastErrors || (config.quietErrors != null && config.quietErrors.test(error))) {
      return;
    }
    String[] message = {MutationConfig.DEFAULT_ERROR_MESSAGE};
    Callbacks.run("the error message function", mutation, () -> message[0] = config.errorMessageFor(variables));
    Callbacks.run("the toaster", mutation, () -> engine.runtime.toaster.error(message[0], error));
  }

  /**
   * A run with {@code variables} succeeded with {@code result}; {@code changes} gives what its
   * layers changed, for an undo offer.
   */
  void succeeded(V variables, R result, Supplier<Map<QueryKey<?>, LayerStack.Change<?>>> changes) {
    if (config.optimistic) {
      if (config.hasUndo()) {
        offerUndo(variables, result, changes);
      }
      return; // the UI already changed: no success toast
    }
    if (config.successMessage != null) {
      String message = config.successMessage;
      Callbacks.run("the toaster", mutation, () -> engine.runtime.toaster.success(message));
    }
  }

  @SuppressWarnings("unchecked") // the holder carries what undoId returned
  private void offerUndo(V variables, R result, Supplier<Map<QueryKey<?>, LayerStack.Change<?>>> changes) {
    Object[] id = new Object[1];
    if (!Callbacks.run("the undo id function", mutation, () -> id[0] = Objects.requireNonNull(config.undoId).apply(result))) {
      return;
    }
    Optional<String> mutationId = (Optional<String>) id[0];
    if (mutationId == null || mutationId.isEmpty()) {
      return; // not undoable this time
    }
    String message = undoMessage(variables);
    UndoOffer offer = new MutationUndo<>(engine, config, variables, mutationId.get(), changes.get());
    Callbacks.run("the toaster", mutation, () -> engine.runtime.toaster.undo(message, offer));
  }

  /**
   * The undo toast's message. A function that throws, or gives null or a blank message, does
   * not cost the user the undo: the toast says {@value #DEFAULT_UNDO_MESSAGE}, and the fault is
   * reported.
   */
  private String undoMessage(V variables) {
    String[] message = new String[1];
    Callbacks.run("the undo message function", mutation, () -> {
      message[0] = Objects.requireNonNull(config.undoMessage).apply(variables);
      if (message[0] == null || message[0].isBlank()) {
        throw new IllegalStateException(
            "the undo message function returned " + (message[0] == null ? "null" : "a blank message")
                + " for " + variables + "; the undo toast says \"" + DEFAULT_UNDO_MESSAGE + "\"");
      }
    });
    return message[0] == null || message[0].isBlank() ? DEFAULT_UNDO_MESSAGE : message[0];
  }
}
