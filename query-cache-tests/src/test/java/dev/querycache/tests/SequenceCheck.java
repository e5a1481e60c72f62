package dev.querycache.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Model-based testing without a framework: random sequences of steps run against a fresh
 * harness each, an invariant checked after every step and a final check at the end; a
 * failing sequence is shrunk to a short one that still fails, and reported with the seed that
 * reproduces it.
 *
 * <p><b>Steps.</b> Each {@link Kind} has a weight, a precondition on the harness, and two
 * integer arguments drawn below its bounds (a key, a value, or a choice among candidates that
 * the step takes modulo their number). A sequence is drawn while it runs, so preconditions see
 * the real state; it is deterministic for its seed as long as the harness is (virtual time,
 * functions completed by hand).
 *
 * <p><b>Shrinking.</b> The recorded steps are replayed on fresh harnesses with chunks removed
 * (halves, then quarters, down to single steps) and arguments set to zero, keeping every
 * change after which the replay still fails with the same type of error. A replayed step whose
 * precondition no longer holds is skipped.
 *
 * <p><b>Reproducing.</b> The failure names the sequence's seed; {@code -Dquerycache.sequenceSeed=S}
 * runs that one sequence alone. {@code -Dquerycache.seed=S} fixes the seed the sequences' seeds
 * are drawn from.
 *
 * @param <H> the harness: the system under test beside its model
 */
final class SequenceCheck<H> {
  /** One kind of step. */
  static final class Kind<H> {
    final String name;
    final int weight;
    final Predicate<H> applies;
    final int boundA;
    final int boundB;
    final StepBody<H> body;

    private Kind(String name, int weight, Predicate<H> applies, int boundA, int boundB, StepBody<H> body) {
      this.name = name;
      this.weight = weight;
      this.applies = applies;
      this.boundA = boundA;
      this.boundB = boundB;
      this.body = body;
    }

    /** A step that always applies, with arguments in [0, boundA) and [0, boundB). */
    static <H> Kind<H> of(String name, int weight, int boundA, int boundB, StepBody<H> body) {
      return new Kind<>(name, weight, h -> true, boundA, boundB, body);
    }

    /** A step that applies when {@code applies} holds. */
    static <H> Kind<H> when(String name, int weight, Predicate<H> applies, int boundA, int boundB, StepBody<H> body) {
      return new Kind<>(name, weight, applies, boundA, boundB, body);
    }
  }

  /** What a step does to the harness, given its two arguments. */
  @FunctionalInterface
  interface StepBody<H> {
    void run(H harness, int a, int b);
  }

  /** One drawn step. */
  record Step<H>(Kind<H> kind, int a, int b) {
    @Override
    public String toString() {
      return kind.name + "(" + a + ", " + b + ")";
    }
  }

  private final Supplier<H> fresh;
  private final List<Kind<H>> kinds;
  private final int maxSteps;
  private final Consumer<H> invariant;
  private final Consumer<H> atEnd;

  /**
   * @param fresh a new harness per sequence
   * @param kinds the steps to draw from
   * @param maxSteps the steps per sequence
   * @param invariant checked after every step; throws when it does not hold
   * @param atEnd run after the last step (to quiesce and check the end state); throws when
   *     the end state is wrong
   */
  SequenceCheck(Supplier<H> fresh, List<Kind<H>> kinds, int maxSteps, Consumer<H> invariant, Consumer<H> atEnd) {
    this.fresh = fresh;
    this.kinds = List.copyOf(kinds);
    this.maxSteps = maxSteps;
    this.invariant = invariant;
    this.atEnd = atEnd;
  }

  /**
   * Runs {@code count} sequences whose seeds are drawn from {@code seed} (or only the one of
   * {@code -Dquerycache.sequenceSeed}); {@code eachHarness} sees every harness that passed.
   *
   * @throws AssertionError for the first failing sequence, shrunk, with its seed
   */
  void run(long seed, int count, Consumer<H> eachHarness) {
    Long only = Long.getLong("querycache.sequenceSeed");
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 0; i < (only != null ? 1 : count); i++) {
      long sequenceSeed = only != null ? only : seeds.nextLong();
      List<Step<H>> steps = new ArrayList<>();
      H harness;
      try {
        harness = drawAndRun(sequenceSeed, steps);
      } catch (Throwable failure) {
        List<Step<H>> shrunk = shrink(steps, failure.getClass());
        Throwable shrunkFailure = replay(shrunk);
        AssertionError report = new AssertionError(
            "sequence " + i + " of " + count + " failed; -Dquerycache.sequenceSeed=" + sequenceSeed
                + " runs it alone (" + steps.size() + " steps, shrunk to " + shrunk.size() + "):\n  "
                + String.join("\n  ", shrunk.stream().map(Step::toString).toList())
                + "\nfailure of the shrunk sequence: " + shrunkFailure,
            shrunkFailure != null ? shrunkFailure : failure);
        report.addSuppressed(failure);
        throw report;
      }
      eachHarness.accept(harness);
    }
  }

  private H drawAndRun(long sequenceSeed, List<Step<H>> steps) {
    SplittableRandom random = new SplittableRandom(sequenceSeed);
    H harness = fresh.get();
    int length = 1 + random.nextInt(maxSteps);
    for (int n = 0; n < length; n++) {
      Kind<H> kind = pick(harness, random);
      if (kind == null) {
        break;
      }
      Step<H> step = new Step<>(kind, random.nextInt(kind.boundA), random.nextInt(kind.boundB));
      steps.add(step);
      kind.body.run(harness, step.a, step.b);
      invariant.accept(harness);
    }
    atEnd.accept(harness);
    return harness;
  }

  private Kind<H> pick(H harness, SplittableRandom random) {
    List<Kind<H>> open = new ArrayList<>();
    int total = 0;
    for (Kind<H> kind : kinds) {
      if (kind.applies.test(harness)) {
        open.add(kind);
        total += kind.weight;
      }
    }
    if (total == 0) {
      return null;
    }
    int ticket = random.nextInt(total);
    for (Kind<H> kind : open) {
      ticket -= kind.weight;
      if (ticket < 0) {
        return kind;
      }
    }
    throw new AssertionError("unreachable");
  }

  /** The failure of replaying {@code steps} on a fresh harness, or null if it passes. */
  private Throwable replay(List<Step<H>> steps) {
    try {
      H harness = fresh.get();
      for (Step<H> step : steps) {
        if (step.kind.applies.test(harness)) {
          step.kind.body.run(harness, step.a, step.b);
          invariant.accept(harness);
        }
      }
      atEnd.accept(harness);
      return null;
    } catch (Throwable failure) {
      return failure;
    }
  }

  private boolean stillFails(List<Step<H>> steps, Class<?> type) {
    Throwable failure = replay(steps);
    return failure != null && failure.getClass() == type;
  }

  private List<Step<H>> shrink(List<Step<H>> failing, Class<?> type) {
    List<Step<H>> steps = new ArrayList<>(failing);
    if (!stillFails(steps, type)) {
      return steps; // not reproducible by replay: report it as it ran
    }
    for (int chunk = Math.max(1, steps.size() / 2); chunk >= 1; chunk /= 2) {
      int start = 0;
      while (start < steps.size()) {
        List<Step<H>> candidate = new ArrayList<>(steps.subList(0, start));
        candidate.addAll(steps.subList(Math.min(steps.size(), start + chunk), steps.size()));
        if (stillFails(candidate, type)) {
          steps = candidate;
        } else {
          start += chunk;
        }
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      Step<H> step = steps.get(i);
      for (Step<H> simpler : List.of(new Step<>(step.kind, 0, step.b), new Step<>(step.kind, step.a, 0))) {
        if (!simpler.equals(steps.get(i))) {
          List<Step<H>> candidate = new ArrayList<>(steps);
          candidate.set(i, simpler);
          if (stillFails(candidate, type)) {
            steps = candidate;
          }
        }
      }
    }
    return steps;
  }
}
