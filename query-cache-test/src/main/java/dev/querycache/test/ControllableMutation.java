package dev.querycache.test;

import dev.querycache.AsyncMutationFunction;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * A mutation function driven by the test: every call is recorded with its variables and stays
 * pending until the test answers it, so a test can look at the cache between the optimistic
 * patch and the server's answer, and choose that answer.
 *
 * <pre>{@code
 * ControllableMutation<String, Boolean> server = new ControllableMutation<>();
 * Mutation<String, Boolean, Void> markAsRead = client.asyncMutation(server)
 *     .optimistic(key, Page::markRead).errorMessage("Failed to mark as read").build();
 * markAsRead.mutate("n1");                        // patched; the call is recorded, pending
 * server.fail(new IOException("503"));            // rolled back, error toast, refetch started
 * }</pre>
 *
 * <p><b>With a Mockito mock</b> of an API whose methods return a {@link CompletionStage}, let
 * the stub answer with this function, and build the mutation on the mock as the application
 * does:
 *
 * <pre>{@code
 * when(api.markAsRead(anyString())).thenAnswer(call -> server.mutate(call.getArgument(0)));
 * Mutation<String, Boolean, Void> markAsRead = client.asyncMutation(api::markAsRead)...build();
 * }</pre>
 *
 * For a method of several parameters, make the variables a list or a record of the
 * arguments ({@code server.mutate(List.of(call.getArguments()))}). For an API whose methods
 * block, see {@link VirtualTime#executor()}.
 *
 * <p>Settle the latest call ({@link #resolve(Object)}, {@link #fail(Throwable)}), a given one
 * ({@code call(i).resolve(...)}), or every pending call whose variables match
 * ({@link #resolveWhere(Predicate, Object)}). Settling runs the mutation's reaction on the
 * calling thread (see {@link MutationCall}). Look-ups that find nothing throw
 * {@link AssertionError} with the list of calls; settling a call twice throws
 * {@link IllegalStateException}. Thread-safe.
 *
 * @param <V> the variables
 * @param <R> the server's result
 * @since 0.1.0
 */
public final class ControllableMutation<V, R> implements AsyncMutationFunction<V, R> {
  /** The most calls {@link #resolveUntilIdle} answers before it decides they never stop. */
  public static final int MAX_ANSWERED = 10_000;

  private final CallLog<MutationCall<V, R>> log = new CallLog<>("the mutation function");

  /** A mutation function with no calls yet. */
  public ControllableMutation() {}

  /**
   * Records the call and returns its pending outcome. Called by the client, or by a mock's
   * answer.
   *
   * @param variables what to write
   * @return a stage the test completes through the recorded {@link MutationCall}
   * @throws NullPointerException if {@code variables} is null
   */
  @Override
  public CompletionStage<R> mutate(V variables) {
    Objects.requireNonNull(variables, "variables == null");
    return log.add(index -> new MutationCall<V, R>(index, variables)).future();
  }

  /**
   * Every call so far.
   *
   * @return an immutable list, in call order
   */
  public List<MutationCall<V, R>> calls() {
    return log.all();
  }

  /**
   * The variables of every call so far.
   *
   * @return an immutable list, in call order
   */
  public List<V> variables() {
    return log.all().stream().map(MutationCall::variables).toList();
  }

  /**
   * How many times the function was called.
   *
   * @return the count
   */
  public int callCount() {
    return log.size();
  }

  /**
   * One call.
   *
   * @param index the call's number, from 0
   * @return the call
   * @throws AssertionError if there is no such call; the message lists the calls
   */
  public MutationCall<V, R> call(int index) {
    return log.get(index);
  }

  /**
   * The latest call.
   *
   * @return the call
   * @throws AssertionError if the function was never called
   */
  public MutationCall<V, R> latestCall() {
    return log.latest();
  }

  /**
   * The calls not settled yet.
   *
   * @return an immutable list, in call order
   */
  public List<MutationCall<V, R>> pendingCalls() {
    return log.all().stream().filter(MutationCall::isPending).toList();
  }

  /**
   * Answers the latest call with {@code result}.
   *
   * @param result the server's result
   * @throws NullPointerException if {@code result} is null
   * @throws AssertionError if the function was never called
   * @throws IllegalStateException if the latest call was already settled
   */
  public void resolve(R result) {
    Objects.requireNonNull(result, "result == null");
    log.latest().resolve(result);
  }

  /**
   * Fails the latest call with {@code error}.
   *
   * @param error the failure
   * @throws NullPointerException if {@code error} is null
   * @throws AssertionError if the function was never called
   * @throws IllegalStateException if the latest call was already settled
   */
  public void fail(Throwable error) {
    Objects.requireNonNull(error, "error == null");
    log.latest().fail(error);
  }

  /**
   * Answers with {@code result} every pending call whose variables {@code matching} accepts.
   *
   * @param matching a test on the variables, such as {@code "n1"::equals}
   * @param result the server's result
   * @return how many calls were answered; at least 1
   * @throws NullPointerException if an argument is null
   * @throws AssertionError if no pending call matches; the message lists the calls
   */
  public int resolveWhere(Predicate<? super V> matching, R result) {
    Objects.requireNonNull(matching, "matching == null");
    Objects.requireNonNull(result, "result == null");
    List<MutationCall<V, R>> calls =
        log.pendingMatching(MutationCall::isPending, call -> matching.test(call.variables()));
    calls.forEach(call -> call.resolve(result));
    return calls.size();
  }

  /**
   * Fails with {@code error} every pending call whose variables {@code matching} accepts.
   *
   * @param matching a test on the variables
   * @param error the failure
   * @return how many calls were failed; at least 1
   * @throws NullPointerException if an argument is null
   * @throws AssertionError if no pending call matches; the message lists the calls
   */
  public int failWhere(Predicate<? super V> matching, Throwable error) {
    Objects.requireNonNull(matching, "matching == null");
    Objects.requireNonNull(error, "error == null");
    List<MutationCall<V, R>> calls =
        log.pendingMatching(MutationCall::isPending, call -> matching.test(call.variables()));
    calls.forEach(call -> call.fail(error));
    return calls.size();
  }

  /**
   * Answers with {@code result} every pending call, then the calls those answers cause (a
   * sync mutation's follow-ups, a scope's next runs), until no call is pending: the server
   * at the end of a burst of rapid toggles. Count what was sent with {@link #callCount()}
   * and read the last value sent with {@link #variables()}.
   *
   * @param result the server's result for every call
   * @return how many calls were answered; zero if none was pending
   * @throws NullPointerException if {@code result} is null
   * @throws AssertionError if calls keep coming after {@value #MAX_ANSWERED} answers (a
   *     mutation that never stops sending)
   */
  public int resolveUntilIdle(R result) {
    Objects.requireNonNull(result, "result == null");
    int answered = 0;
    for (List<MutationCall<V, R>> pending = pendingCalls(); !pending.isEmpty(); pending = pendingCalls()) {
      for (MutationCall<V, R> call : pending) {
        if (answered == MAX_ANSWERED) {
          throw new AssertionError("calls kept coming after " + MAX_ANSWERED + " answers: " + this);
        }
        if (call.isPending()) {
          call.resolve(result);
          answered++;
        }
      }
    }
    return answered;
  }

  /**
   * Lists the calls, for failure messages.
   *
   * @return such as {@code ControllableMutation[#0 n1: pending]}
   */
  @Override
  public String toString() {
    return "ControllableMutation" + log.all();
  }
}
