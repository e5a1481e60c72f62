package dev.querycache.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The recorded calls of one controllable function, in call order, with the look-ups that
 * fail with a message listing every call. Thread-safe.
 *
 * @param <C> the type of a recorded call
 */
final class CallLog<C> {
  private final String function;
  private final List<C> calls = new ArrayList<>(); // guarded by this

  /** {@code function} names the function in messages, as in "the mutation function". */
  CallLog(String function) {
    this.function = function;
  }

  /** Records a new call, made by {@code factory} from its index. */
  synchronized C add(IntFunction<C> factory) {
    C call = factory.apply(calls.size());
    calls.add(call);
    return call;
  }

  synchronized List<C> all() {
    return List.copyOf(calls);
  }

  synchronized int size() {
    return calls.size();
  }

  synchronized C get(int index) {
    if (index < 0 || index >= calls.size()) {
      throw new AssertionError(function + " has no call #" + index + "; " + listing());
    }
    return calls.get(index);
  }

  synchronized C latest() {
    if (calls.isEmpty()) {
      throw new AssertionError(function + " was never called");
    }
    return calls.get(calls.size() - 1);
  }

  /**
   * The pending calls that {@code matching} accepts, at least one.
   *
   * @throws AssertionError if there is none
   */
  List<C> pendingMatching(Predicate<? super C> pending, Predicate<? super C> matching) {
    List<C> snapshot = all();
    List<C> out = new ArrayList<>();
    for (C call : snapshot) {
      if (pending.test(call) && matching.test(call)) {
        out.add(call);
      }
    }
    if (out.isEmpty()) {
      throw new AssertionError("no pending call of " + function + " matches; " + listing());
    }
    return out;
  }

  /** "its calls: [#0 ...: pending, #1 ...: resolved with x]" or "it was never called". */
  synchronized String listing() {
    return calls.isEmpty() ? "it was never called" : "its calls: " + calls;
  }
}
