package dev.querycache;

import dev.querycache.internal.mutation.MutationConfig;
import dev.querycache.internal.mutation.MutationPatch;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds an optimistic {@link Mutation}: reached from
 * {@link MutationBuilder#optimistic(QueryKey, Projection)} through a {@link Draft}, which will
 * not give this builder up before it has an error message. The rest of the cycle cannot be
 * left out: the cancel, snapshot and patch, the restore on failure (the layer's removal), the
 * settle invalidation of every patched key, and the toast rules are the library's.
 *
 * @param <V> the variables
 * @param <R> the server's result
 * @param <C> the context {@code onMutate} returns ({@code Void} until one is set)
 * @since 0.1.0
 */
public final class OptimisticMutationBuilder<V, R, C>
    extends AbstractMutationBuilder<V, R, C, OptimisticMutationBuilder<V, R, C>> {

  /** The most follow-ups a sync channel sends unless {@link #sync(Function, int)} says otherwise. */
  public static final int DEFAULT_MAX_FOLLOW_UPS = 100;

  OptimisticMutationBuilder(QueryClient client, MutationConfig.Draft<V, R, C> config) {
    super(client, config);
  }

  /**
   * Also patches {@code key} with {@code projection} in every run.
   *
   * @param key the exact key
   * @param projection how its data changes
   * @param <T> the type of the data
   * @return this builder
   * @throws NullPointerException if an argument is null
   */
  public <T> OptimisticMutationBuilder<V, R, C> alsoPatch(QueryKey<T> key, Projection<T, V> projection) {
    config.patches.add(new MutationPatch<>(
        Objects.requireNonNull(key, "key == null"), null, Objects.requireNonNull(projection, "projection == null"), null));
    return this;
  }

  /**
   * Also patches every cached query {@code filter} selects when a run starts.
   *
   * @param filter which queries
   * @param projection how their data changes
   * @param <T> the type of their data
   * @return this builder
   * @throws NullPointerException if an argument is null
   */
  public <T> OptimisticMutationBuilder<V, R, C> alsoPatchMatching(QueryFilter filter, Projection<T, V> projection) {
    config.patches.add(new MutationPatch<T, V>(
        null, Objects.requireNonNull(filter, "filter == null"), Objects.requireNonNull(projection, "projection == null"), null));
    return this;
  }

  /**
   * Sync mode, for values where the last one wins (a star, a like, a switch): calls with the
   * same key (a function of the variables, compared with {@code equals}, such as
   * {@code star -> star.messageId()}) coalesce into one channel while a request is in
   * flight, with at most {@value #DEFAULT_MAX_FOLLOW_UPS} follow-ups; see
   * {@link #sync(Function, int)}.
   *
   * @param key the channel of a call, from its variables; must not return null
   * @return this builder
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if the mutation is already sync or exclusive
   */
  public OptimisticMutationBuilder<V, R, C> sync(Function<? super V, ?> key) {
    return sync(key, DEFAULT_MAX_FOLLOW_UPS);
  }

  /**
   * Sync mode, with a bound on follow-ups. The variables must carry the value to set (such as
   * {@code new Star(id, true)}), not a change to make ("flip it"), since intermediate calls
   * are never sent.
   *
   * <ul>
   *   <li>Every call paints at once: the channel keeps one layer per query, its latest call's
   *       patches, so the screen shows the last click and the layers do not grow per click.
   *   <li>One request is in flight per key; calls made meanwhile send nothing.
   *   <li>When it answers, the channel compares the variables sent with the latest call's:
   *       equal (clicked twice back, or not at all), the channel closes with that answer;
   *       different, it sends the latest as a follow-up. A server's answer is thus only used
   *       once the value is stable, and never overwrites a later click.
   *   <li>The run of the latest call speaks for the channel: {@code onSuccess},
   *       {@code onError} and {@code onSettled} run once, with the latest variables, after the
   *       channel closed (a click during them opens a new channel); on failure the layer
   *       comes off (the screen shows the confirmed value) and one error toast speaks; the
   *       settle invalidation runs once. Every call's future completes with the channel's
   *       outcome, failures included.
   *   <li>After {@code maxFollowUps} follow-ups with the value still changing, the channel
   *       fails with a {@link FollowUpLimitException}; the key is never left locked.
   *   <li>A call whose patch or {@code onMutate} throws, or a layer that fails when applied
   *       again, fails the channel.
   * </ul>
   *
   * <p>Keys with no open channel hold no memory. A sync mutation is not undoable.
   *
   * @param key the channel of a call, from its variables; must not return null
   * @param maxFollowUps the most follow-ups a channel sends, zero or more
   * @return this builder
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code maxFollowUps} is negative
   * @throws IllegalStateException if the mutation is already sync or exclusive
   */
  public OptimisticMutationBuilder<V, R, C> sync(Function<? super V, ?> key, int maxFollowUps) {
    Objects.requireNonNull(key, "key == null");
    if (maxFollowUps < 0) {
      throw new IllegalArgumentException("maxFollowUps must be zero or more: " + maxFollowUps);
    }
    config.sync(key, maxFollowUps);
    return this;
  }

  /**
   * Runs in every run right after the library patched, on the caller's thread; what it
   * returns is the context the other callbacks get. A throw fails the run and removes its
   * layers. Call it before the callbacks that receive the context.
   *
   * @param callback gets the variables and the run's {@link MutationScope} (with the
   *     snapshots taken before patching)
   * @param <C2> the context's type
   * @return this builder, typed by the new context
   * @throws NullPointerException if {@code callback} is null
   * @throws IllegalStateException if onSuccess, onError or onSettled was already set
   */
  public <C2> OptimisticMutationBuilder<V, R, C2> onMutate(OnMutate<V, C2> callback) {
    Objects.requireNonNull(callback, "callback == null");
    return new OptimisticMutationBuilder<>(client, config.withContext(callback));
  }

  /**
   * Makes runs undoable: when the server's result carries a mutation id, the toaster gets an
   * undo offer (instead of nothing) for the undo window (60 s unless
   * {@link #undoWindow(Duration) set}), at once when the server answers (not after the
   * settle refetch); taking it runs {@code reverse} with that id as a mutation of its own,
   * with its own rollback, error toast and settle invalidation. It is optimistic by the
   * patches' {@link #undoPatch undo projections}; by default it reverses only what the
   * original run's patch changed, applied to each view as it is now (on immutable lists, the
   * rows it removed come back, the rows it added go, the rows it changed get their old
   * version unless a later write changed them again; on immutable maps, per entry; on records,
   * component by component by the same rules; on other data, the old value only if the data
   * is still what the patch made), so later writes stay. A message function that gives null or a blank message for some variables still
   * gets its undo toast, with the message "Done" (and a warning logged).
   *
   * @param mutationId finds the server's mutation id in a result, or empty if not undoable
   * @param reverse the reverse operation, run on the fetch executor
   * @param message the undo toast's message for given variables, such as "Archived"
   * @return this builder
   * @throws NullPointerException if an argument is null
   */
  public OptimisticMutationBuilder<V, R, C> undoable(
      Function<? super R, Optional<String>> mutationId,
      MutationFunction<UndoRequest<V>, ?> reverse,
      Function<? super V, String> message) {
    Objects.requireNonNull(mutationId, "mutationId == null");
    Objects.requireNonNull(reverse, "reverse == null");
    Objects.requireNonNull(message, "message == null");
    config.undoId = mutationId;
    config.undoFunction = reverse;
    config.undoMessage = message;
    return this;
  }

  /**
   * How long undo offers last.
   *
   * @param window a positive duration
   * @return this builder
   * @throws NullPointerException if {@code window} is null
   * @throws IllegalArgumentException if {@code window} is zero or negative
   */
  public OptimisticMutationBuilder<V, R, C> undoWindow(Duration window) {
    Objects.requireNonNull(window, "window == null");
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("undoWindow must be positive: " + window);
    }
    config.undoWindow = window;
    return this;
  }

  /**
   * How the undo shows optimistically on the queries of the most recently declared patch
   * (instead of their data from before the run).
   *
   * @param projection the undo's patch
   * @param <T> the type of the data of that patch's queries
   * @return this builder
   * @throws NullPointerException if {@code projection} is null
   */
  @SuppressWarnings("unchecked") // the caller states the type of the last patch's data
  public <T> OptimisticMutationBuilder<V, R, C> undoPatch(UndoProjection<T, V> projection) {
    Objects.requireNonNull(projection, "projection == null");
    int last = config.patches.size() - 1;
    MutationPatch<T, V> patch = (MutationPatch<T, V>) config.patches.get(last);
    config.patches.set(last, patch.withUndo(projection));
    return this;
  }

  @Override
  void validate() {
    super.validate();
    if ("sync".equals(config.mode()) && config.undoId != null) {
      throw new IllegalStateException("a sync mutation is not undoable: its calls coalesce into channels");
    }
    if (config.undoWindow != MutationConfig.DEFAULT_UNDO_WINDOW && config.undoId == null) {
      throw new IllegalStateException("undoWindow was set but the mutation is not undoable: call undoable(...)");
    }
  }

  /**
   * The stage between {@link MutationBuilder#optimistic} and an optimistic mutation that can
   * be built. <b>Call {@link #errorMessage(String) errorMessage(...)} next</b>: it returns the
   * {@link OptimisticMutationBuilder}, which has {@code build()} and the callbacks. An
   * optimistic write changes the screen before the server answers, so when the server says no
   * the user must be told in words of the application's; there is no default message to fall
   * back on, and the compiler holds to it ("cannot find symbol: method build()" on a
   * {@code Draft} means the error message is missing).
   *
   * <p>Before the message, the stage takes more patches ({@link #alsoPatch},
   * {@link #alsoPatchMatching}) and the ordinary settings ({@link #mutationKey},
   * {@link #scope}, {@link #retry(int)}, {@link #retry(RetryPolicy)}, {@link #invalidate},
   * {@link #awaitSettle}); the rest is on the builder.
   *
   * <pre>{@code
   * client.mutation(api::markAsRead)
   *     .optimistic(key, (page, id) -> page.markRead(id))
   *     .scope("notifications")                     // ordinary settings may come first
   *     .errorMessage("Failed to mark as read")     // required: then build() is there
   *     .build();
   * }</pre>
   *
   * @param <V> the variables
   * @param <R> the server's result
   * @param <C> the context
   */
  public static final class Draft<V, R, C> {
    private final OptimisticMutationBuilder<V, R, C> builder;

    Draft(QueryClient client, MutationConfig.Draft<V, R, C> config) {
      this.builder = new OptimisticMutationBuilder<>(client, config);
    }

    /**
     * A key for filtering runs; see {@link AbstractMutationBuilder#mutationKey}. Then call
     * {@link #errorMessage(String) errorMessage(...)}.
     *
     * @param key the mutation key
     * @return this stage
     * @throws NullPointerException if {@code key} is null
     */
    public Draft<V, R, C> mutationKey(QueryKey<?> key) {
      builder.mutationKey(key);
      return this;
    }

    /**
     * Runs one after another with the other runs of the scope; see
     * {@link AbstractMutationBuilder#scope}. Then call {@link #errorMessage(String)
     * errorMessage(...)}.
     *
     * @param scopeId the scope
     * @return this stage
     * @throws NullPointerException if {@code scopeId} is null
     * @throws IllegalArgumentException if {@code scopeId} is blank
     */
    public Draft<V, R, C> scope(String scopeId) {
      builder.scope(scopeId);
      return this;
    }

    /**
     * What a person calls the mutation; see {@link AbstractMutationBuilder#name}. Then call
     * {@link #errorMessage(String) errorMessage(...)}.
     *
     * @param name the name
     * @return this stage
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Draft<V, R, C> name(String name) {
      builder.name(name);
      return this;
    }

    /**
     * How failed attempts are retried; see {@link AbstractMutationBuilder#retry(RetryPolicy)}.
     * Then call {@link #errorMessage(String) errorMessage(...)}.
     *
     * @param retry the policy
     * @return this stage
     * @throws NullPointerException if {@code retry} is null
     */
    public Draft<V, R, C> retry(RetryPolicy retry) {
      builder.retry(retry);
      return this;
    }

    /**
     * Shorthand for {@code retry(RetryPolicy.exponential(retries))}. Then call
     * {@link #errorMessage(String) errorMessage(...)}.
     *
     * @param retries the most retries
     * @return this stage
     * @throws IllegalArgumentException if {@code retries} is negative
     */
    public Draft<V, R, C> retry(int retries) {
      builder.retry(retries);
      return this;
    }

    /**
     * Also invalidates what {@code filter} selects when a run settles; see
     * {@link AbstractMutationBuilder#invalidate}. Then call {@link #errorMessage(String)
     * errorMessage(...)}.
     *
     * @param filter which queries
     * @return this stage
     * @throws NullPointerException if {@code filter} is null
     */
    public Draft<V, R, C> invalidate(QueryFilter filter) {
      builder.invalidate(filter);
      return this;
    }

    /**
     * Whether a run's future waits for the settle refetches; see
     * {@link AbstractMutationBuilder#awaitSettle}. Then call {@link #errorMessage(String)
     * errorMessage(...)}.
     *
     * @param await whether to wait
     * @return this stage
     */
    public Draft<V, R, C> awaitSettle(boolean await) {
      builder.awaitSettle(await);
      return this;
    }

    /**
     * Also patches {@code key}; see {@link OptimisticMutationBuilder#alsoPatch}.
     *
     * @param key the exact key
     * @param projection how its data changes
     * @param <T> the type of the data
     * @return this stage
     * @throws NullPointerException if an argument is null
     */
    public <T> Draft<V, R, C> alsoPatch(QueryKey<T> key, Projection<T, V> projection) {
      builder.alsoPatch(key, projection);
      return this;
    }

    /**
     * Also patches what {@code filter} selects; see
     * {@link OptimisticMutationBuilder#alsoPatchMatching}.
     *
     * @param filter which queries
     * @param projection how their data changes
     * @param <T> the type of their data
     * @return this stage
     * @throws NullPointerException if an argument is null
     */
    public <T> Draft<V, R, C> alsoPatchMatching(QueryFilter filter, Projection<T, V> projection) {
      builder.alsoPatchMatching(filter, projection);
      return this;
    }

    /**
     * The message of the error toast every failed run shows: the step that makes the
     * mutation buildable.
     *
     * @param message such as "Failed to mark as read"
     * @return the builder, which can now build
     * @throws NullPointerException if {@code message} is null
     * @throws IllegalArgumentException if {@code message} is blank
     */
    public OptimisticMutationBuilder<V, R, C> errorMessage(String message) {
      Objects.requireNonNull(message, "message == null");
      if (message.isBlank()) {
        throw new IllegalArgumentException("the error message must not be blank");
      }
      return builder.errorMessage(message);
    }

    /**
     * The message of the error toast, by the run's variables (per-action messages for a
     * funnel). A function that returns null or blank for some variables gets a generic
     * message for them.
     *
     * @param message the message for given variables
     * @return the builder, which can now build
     * @throws NullPointerException if {@code message} is null
     */
    public OptimisticMutationBuilder<V, R, C> errorMessage(Function<? super V, String> message) {
      return builder.errorMessage(message);
    }
  }
}
