package dev.querycache.test;

import dev.querycache.QueryKey;
import dev.querycache.QueryState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * The recorded transitions of one key: a live view that grows as the
 * {@link TransitionRecorder} records. Assert the whole sequence, so that a test states the
 * story (optimistic, rolled back, refetched) and not only its end:
 *
 * <pre>{@code
 * screen.assertSequence(
 *     "fetched: n1 unread",
 *     "optimistic: n1 read",
 *     "rolled back: n1 unread",
 *     "refetched: n1 unread");
 * assertThat(screen.labels()).containsSubsequence("optimistic", "rolled back");
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @param <T> the type of the data
 * @since 0.1.0
 */
public final class TransitionLog<T> {
  private final QueryKey<T> key;
  private final Object lock;
  private final List<Transition<T>> transitions = new ArrayList<>(); // guarded by lock
  private @Nullable Function<? super T, ?> describe; // guarded by lock
  private @Nullable QueryState<T> last; // guarded by lock; null before the first and after removal
  private final Sink sink;

  /** Where a log reports each new transition, in the recorder's global order. */
  interface Sink {
    void recorded(Transition<?> transition);
  }

  TransitionLog(QueryKey<T> key, @Nullable Function<? super T, ?> describe, Object lock, Sink sink) {
    this.key = key;
    this.describe = describe;
    this.lock = lock;
    this.sink = sink;
  }

  /**
   * The key this log records.
   *
   * @return the key
   */
  public QueryKey<T> key() {
    return key;
  }

  /**
   * Every transition so far.
   *
   * @return an immutable list, oldest first
   */
  public List<Transition<T>> transitions() {
    synchronized (lock) {
      return List.copyOf(transitions);
    }
  }

  /**
   * The labels of the transitions so far (see {@link Transition} for their meaning).
   *
   * @return an immutable list, oldest first, such as {@code [fetched, optimistic, rolled back]}
   */
  public List<String> labels() {
    return transitions().stream().map(Transition::label).toList();
  }

  /**
   * The summaries ({@link Transition#summary()}) of the transitions so far.
   *
   * @return an immutable list, oldest first, such as {@code [loading, fetched: 2 unread]}
   */
  public List<String> summaries() {
    return transitions().stream().map(Transition::summary).toList();
  }

  /**
   * The data after each transition so far, for assertions on the data itself.
   *
   * @return an unmodifiable list, oldest first; an element is {@code null} where there was no
   *     data (loading, removed)
   */
  public List<@Nullable T> dataSequence() {
    List<@Nullable T> out = new ArrayList<>();
    for (Transition<T> transition : transitions()) {
      out.add(transition.data());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The latest transition.
   *
   * @return the transition
   * @throws AssertionError if nothing was recorded
   */
  public Transition<T> last() {
    synchronized (lock) {
      if (transitions.isEmpty()) {
        throw new AssertionError("no transition of " + key + " was recorded");
      }
      return transitions.get(transitions.size() - 1);
    }
  }

  /**
   * Fails unless the summaries of the recorded transitions are exactly {@code expected}, in
   * order: each a label, followed by ": " and the data's description when there is data, as in
   * {@code "rolled back: n1 unread"}.
   *
   * @param expected the summaries, oldest first
   * @throws NullPointerException if {@code expected} is or holds null
   * @throws AssertionError if they differ; the message prints both sequences, the recorded one
   *     with each state's status, fetch status and layers, and marks the first difference
   */
  public void assertSequence(String... expected) {
    Objects.requireNonNull(expected, "expected == null");
    assertSequence(List.of(expected));
  }

  /**
   * Fails unless the summaries of the recorded transitions are exactly {@code expected}; see
   * {@link #assertSequence(String...)}.
   *
   * @param expected the summaries, oldest first
   * @throws NullPointerException if {@code expected} is or holds null
   * @throws AssertionError if they differ; the message prints both sequences
   */
  public void assertSequence(List<String> expected) {
    List<String> wanted = List.copyOf(Objects.requireNonNull(expected, "expected == null"));
    List<Transition<T>> recorded = transitions();
    List<String> actual = recorded.stream().map(Transition::summary).toList();
    if (actual.equals(wanted)) {
      return;
    }
    int first = 0;
    while (first < actual.size() && first < wanted.size() && actual.get(first).equals(wanted.get(first))) {
      first++;
    }
    StringBuilder message = new StringBuilder()
        .append("the transitions of ").append(key).append(" differ from the expected sequence at #")
        .append(first).append("\nexpected:\n");
    for (int i = 0; i < wanted.size(); i++) {
      message.append(i == first ? "> " : "  ").append('#').append(i).append(' ').append(wanted.get(i)).append('\n');
    }
    message.append("recorded:\n").append(listing(recorded, first));
    throw new AssertionFailedError(message.toString(), String.join("\n", wanted), String.join("\n", actual));
  }

  /**
   * Lists the recorded transitions, one a line, for failure messages.
   *
   * @return such as {@code ["todos"]:\n  #0 loading  (PENDING, FETCHING)\n...}
   */
  @Override
  public String toString() {
    return key + ":\n" + listing(transitions(), -1);
  }

  private static String listing(List<? extends Transition<?>> recorded, int mark) {
    if (recorded.isEmpty()) {
      return "  (nothing)\n";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < recorded.size(); i++) {
      out.append(i == mark ? "> " : "  ").append('#').append(i).append(' ').append(recorded.get(i)).append('\n');
    }
    return out.toString();
  }

  // ---- recording, called by the recorder --------------------------------------------------

  /** Describes the data recorded from now on with {@code describe}. */
  void describeWith(Function<? super T, ?> describe) {
    synchronized (lock) {
      this.describe = describe;
    }
  }

  /** Sets the describe function if none was set (a log made early by {@code of}). */
  void describeIfUnset(@Nullable Function<? super T, ?> describe) {
    synchronized (lock) {
      if (this.describe == null) {
        this.describe = describe;
      }
    }
  }

  /** Records {@code state} unless it is the one recorded last. */
  void record(QueryState<T> state) {
    Transition<T> transition;
    synchronized (lock) {
      if (state == last) {
        return;
      }
      transition = new Transition<>(key, TransitionLabels.label(last, state), state, describe(state.data()));
      last = state;
      transitions.add(transition);
      sink.recorded(transition);
    }
  }

  /** Records that the query left the cache, unless it was not there. */
  void recordRemoved() {
    synchronized (lock) {
      if (last == null) {
        return;
      }
      Transition<T> transition = new Transition<>(key, TransitionLabels.REMOVED, QueryState.initial(), "");
      last = null;
      transitions.add(transition);
      sink.recorded(transition);
    }
  }

  /** Whether the latest recording saw the query in the cache. */
  boolean isPresent() {
    synchronized (lock) {
      return last != null;
    }
  }

  private String describe(@Nullable T data) {
    if (data == null) {
      return "";
    }
    Function<? super T, ?> fn = describe;
    if (fn == null) {
      return String.valueOf(data);
    }
    try {
      return String.valueOf(fn.apply(data));
    } catch (RuntimeException e) {
      return "<describe threw " + e + ">";
    }
  }
}
