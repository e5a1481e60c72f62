package dev.querycache.test;

import dev.querycache.AsyncQueryFunction;
import dev.querycache.QueryContext;
import dev.querycache.QueryKey;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * A query function driven by the test: every call is recorded and stays pending until the
 * test answers it, so a test decides exactly when each fetch lands or fails, and in which
 * order relative to everything else.
 *
 * <pre>{@code
 * ControllableQuery<List<Todo>> server = new ControllableQuery<>();
 * QueryOptions<List<Todo>> todos = QueryOptions.builder(key).asyncFetcher(server).build();
 * client.observe(todos, screen);     // fetches: the call is recorded, pending
 * server.resolve(List.of(todo));      // the data lands now
 * }</pre>
 *
 * <p>Settle the latest call ({@link #resolve(Object)}, {@link #fail(Throwable)}), a given one
 * ({@code call(i).resolve(...)}), or every pending call whose key matches
 * ({@link #resolveWhere(Predicate, Object)}). Settling runs the client's reaction on the calling
 * thread (see {@link QueryCall}). Look-ups that find nothing throw {@link AssertionError} with
 * the list of calls; settling a call twice throws {@link IllegalStateException}.
 *
 * <p>The client calls an async query function on the thread that starts the fetch; with
 * retries, again after each backoff (advance the {@link VirtualTime} to get there). One
 * instance may serve several keys. Thread-safe.
 *
 * @param <T> the type of the data
 * @since 0.1.0
 */
public final class ControllableQuery<T> implements AsyncQueryFunction<T> {
  private final CallLog<QueryCall<T>> log = new CallLog<>("the query function");

  /** A query function with no calls yet. */
  public ControllableQuery() {}

  /**
   * Records the call and returns its pending outcome. Called by the client.
   *
   * @param context the key and the cancellation signal
   * @return a stage the test completes through the recorded {@link QueryCall}
   * @throws NullPointerException if {@code context} is null
   */
  @Override
  public CompletionStage<T> fetch(QueryContext<T> context) {
    Objects.requireNonNull(context, "context == null");
    return log.add(index -> new QueryCall<>(index, context)).future();
  }

  /**
   * Every call so far.
   *
   * @return an immutable list, in call order
   */
  public List<QueryCall<T>> calls() {
    return log.all();
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
  public QueryCall<T> call(int index) {
    return log.get(index);
  }

  /**
   * The latest call.
   *
   * @return the call
   * @throws AssertionError if the function was never called
   */
  public QueryCall<T> latestCall() {
    return log.latest();
  }

  /**
   * The calls not settled yet, cancelled ones included.
   *
   * @return an immutable list, in call order
   */
  public List<QueryCall<T>> pendingCalls() {
    return log.all().stream().filter(QueryCall::isPending).toList();
  }

  /**
   * Answers the latest call with {@code value}.
   *
   * @param value the data
   * @throws NullPointerException if {@code value} is null
   * @throws AssertionError if the function was never called
   * @throws IllegalStateException if the latest call was already settled
   */
  public void resolve(T value) {
    Objects.requireNonNull(value, "value == null");
    log.latest().resolve(value);
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
   * Answers with {@code value} every pending call whose key {@code matching} accepts.
   *
   * @param matching a test on the call's key, such as {@code key -> key.equals(page2)}
   * @param value the data
   * @return how many calls were answered; at least 1
   * @throws NullPointerException if an argument is null
   * @throws AssertionError if no pending call matches; the message lists the calls
   */
  public int resolveWhere(Predicate<? super QueryKey<T>> matching, T value) {
    Objects.requireNonNull(matching, "matching == null");
    Objects.requireNonNull(value, "value == null");
    List<QueryCall<T>> calls = log.pendingMatching(QueryCall::isPending, call -> matching.test(call.key()));
    calls.forEach(call -> call.resolve(value));
    return calls.size();
  }

  /**
   * Fails with {@code error} every pending call whose key {@code matching} accepts.
   *
   * @param matching a test on the call's key
   * @param error the failure
   * @return how many calls were failed; at least 1
   * @throws NullPointerException if an argument is null
   * @throws AssertionError if no pending call matches; the message lists the calls
   */
  public int failWhere(Predicate<? super QueryKey<T>> matching, Throwable error) {
    Objects.requireNonNull(matching, "matching == null");
    Objects.requireNonNull(error, "error == null");
    List<QueryCall<T>> calls = log.pendingMatching(QueryCall::isPending, call -> matching.test(call.key()));
    calls.forEach(call -> call.fail(error));
    return calls.size();
  }

  /**
   * Lists the calls, for failure messages.
   *
   * @return such as {@code ControllableQuery[#0 ["todos"]: resolved with [a]]}
   */
  @Override
  public String toString() {
    return "ControllableQuery" + log.all();
  }
}
