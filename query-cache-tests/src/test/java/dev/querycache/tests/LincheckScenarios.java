package dev.querycache.tests;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import java.lang.reflect.Method;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * What the Lincheck tests share: model-checking options with the allowances Caffeine needs,
 * and hand-written scenarios built from a test class's operations by name.
 */
final class LincheckScenarios {
  private LincheckScenarios() {}

  /**
   * Model checking with two allowances for Caffeine: a higher loop bound (its timer wheel
   * walks its buckets in loops longer than the default bound of 50, which Lincheck would
   * report as a livelock), and its buffer and clean-up internals treated as atomic (they run
   * under its own lock and are Caffeine's to test, not ours; every map operation the client
   * calls keeps its switch points).
   */
  static ModelCheckingOptions modelCheckingOverCaffeine() {
    return new ModelCheckingOptions()
        .loopBound(1_000)
        .addGuarantee(
            forClasses(name -> name.startsWith("com.github.benmanes.caffeine.")
                    && (name.contains("TimerWheel") || name.contains("FrequencySketch")
                        || name.contains("Buffer") || name.contains("Pacer")))
                .allMethods()
                .treatAsAtomic())
        .addGuarantee(
            forClasses(name -> name.startsWith("com.github.benmanes.caffeine.cache.BoundedLocalCache"))
                .methods("performCleanUp", "maintenance", "cleanUp")
                .treatAsAtomic());
  }

  /** A call of the public operation {@code name} of {@code test} with {@code args}. */
  static Actor actor(Class<?> test, String name, Object... args) {
    for (Method method : test.getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == args.length) {
        return new Actor(method, List.of(args));
      }
    }
    throw new IllegalArgumentException("no operation " + name + "/" + args.length + " in " + test.getSimpleName());
  }

  /** A scenario: {@code before} on one thread, then {@code parallel} (one list per thread), then {@code after}. */
  static ExecutionScenario scenario(List<Actor> before, List<List<Actor>> parallel, List<Actor> after) {
    return new ExecutionScenario(before, parallel, after, null);
  }
}
