package dev.querycache.tests;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.test.VirtualTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the client's data operations ({@code getQueryData}, {@code getQueryState},
 * {@code setQueryData}, {@code updateQueryData} with an increment, {@code invalidateQueries} and
 * {@code removeQueries} by exact and by prefix filter), checked by Lincheck 3 in model-checking
 * mode (interleavings explored systematically on instrumented bytecode, up to a budget) and in
 * stress mode (real threads, many runs of each scenario).
 *
 * <p>Every concurrent history must be explainable by some sequential order of its operations,
 * consistent with real time, run against {@link SequentialClient}: a plain map from key to
 * value plus the set of invalidated keys. That is the contract of {@link QueryClient}'s class
 * comment: "the state transitions of one query are atomic".
 *
 * <p>The key space is small so that operations collide: three keys, two of them sharing the
 * leading part {@code "todos"}. The prefix operations use filters that go through the key
 * index (the trie) yet select one key of the space each ({@code ["todos", 0]},
 * {@code ["todos", 1]}, {@code ["users"]}). A prefix filter that selects several queries acts
 * on each atomically, not on all of them in one step (the client promises no atomicity across
 * queries), so such an operation is not linearizable against a map and is left out.
 *
 * <p>Time is virtual and never advances (nothing expires mid-run); no observer is open, so no
 * fetch starts. Lincheck needs the JVM options set in this module's pom (its agent loaded at
 * run time, and Caffeine's package opened to the reflection with which it walks the test's
 * object graph), and two allowances for Caffeine in model checking: a higher loop bound (its
 * timer wheel walks its buckets in loops longer than the default bound of 50, which Lincheck
 * would report as a livelock), and its buffer and clean-up internals treated as atomic (they
 * run under its own lock and are Caffeine's to test, not ours; every map operation the client
 * calls still has its switch points).
 *
 * <p>Budget: model checking, 3 hand-written scenarios aimed at the races of update, write,
 * invalidate and remove on one key, plus 2 random ones, each explored in 30 interleavings (150
 * invocations); stress, 10 random scenarios run 500 times each (5 000 invocations). A random
 * scenario is 2 threads × 3 operations, with 2 operations before and 2 after. About 20 to 50 s
 * on two cores (the more the machine is otherwise busy, the longer), much of it Lincheck's
 * one-off instrumentation. A longer run: {@code -Dquerycache.lincheck.scenarios=20
 * -Dquerycache.lincheck.invocations=100 -Dquerycache.lincheck.stressScenarios=40
 * -Dquerycache.lincheck.stressInvocations=1000} (about 2 minutes).
 */
@Param(name = "key", gen = IntGen.class, conf = "0:2")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class ClientLinearizabilityTest {
  /** Random scenarios in model-checking mode (the three hand-written ones come on top). */
  static final int MODEL_CHECKING_SCENARIOS = Integer.getInteger("querycache.lincheck.scenarios", 2);
  /** Interleavings explored per model-checking scenario. */
  static final int MODEL_CHECKING_INVOCATIONS = Integer.getInteger("querycache.lincheck.invocations", 30);
  static final int STRESS_SCENARIOS = Integer.getInteger("querycache.lincheck.stressScenarios", 10);
  static final int STRESS_INVOCATIONS = Integer.getInteger("querycache.lincheck.stressInvocations", 500);

  static final List<QueryKey<Integer>> KEYS =
      List.of(QueryKey.of("todos", 0), QueryKey.of("todos", 1), QueryKey.of("users", 0));
  /** One prefix filter per key of {@link #KEYS}, each selecting that key alone through the index. */
  static final List<QueryFilter> PREFIXES =
      List.of(QueryFilter.prefix("todos", 0), QueryFilter.prefix("todos", 1), QueryFilter.prefix("users"));

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().build();

  @Operation
  public @Nullable Integer get(@Param(name = "key") int key) {
    return client.getQueryData(KEYS.get(key)).orElse(null);
  }

  /** Data and the invalidated flag, as one atomic snapshot. */
  @Operation
  public String state(@Param(name = "key") int key) {
    return client.getQueryState(KEYS.get(key))
        .map(state -> describe(state.data(), state.isInvalidated()))
        .orElse("absent");
  }

  @Operation
  public Integer set(@Param(name = "key") int key, @Param(name = "value") int value) {
    return client.setQueryData(KEYS.get(key), value);
  }

  @Operation
  public @Nullable Integer increment(@Param(name = "key") int key) {
    return client.updateQueryData(KEYS.get(key), v -> v == null ? 1 : v + 1).orElse(null);
  }

  @Operation
  public void invalidate(@Param(name = "key") int key) {
    client.invalidateQueries(QueryFilter.exact(KEYS.get(key)));
  }

  @Operation
  public void invalidatePrefix(@Param(name = "key") int key) {
    client.invalidateQueries(PREFIXES.get(key));
  }

  @Operation
  public void remove(@Param(name = "key") int key) {
    client.removeQueries(QueryFilter.exact(KEYS.get(key)));
  }

  @Operation
  public void removePrefix(@Param(name = "key") int key) {
    client.removeQueries(PREFIXES.get(key));
  }

  static String describe(@Nullable Integer data, boolean invalidated) {
    return data + (invalidated ? " invalidated" : "");
  }

  private static Actor actor(String name, Object... args) {
    return LincheckScenarios.actor(ClientLinearizabilityTest.class, name, args);
  }

  @Test
  void modelChecking() {
    LincheckScenarios.modelCheckingOverCaffeine()
        // Increments racing a removal: none lost, none landing on a removed query.
        .addCustomScenario(
            LincheckScenarios.scenario(
                List.of(actor("set", 0, 1)),
                List.of(
                    List.of(actor("increment", 0), actor("increment", 0)),
                    List.of(actor("remove", 0), actor("increment", 0))),
                List.of(actor("state", 0))))
        // A write and an update of an invalidated key racing a removal by prefix: the value
        // and the flag move together.
        .addCustomScenario(
            LincheckScenarios.scenario(
                List.of(actor("set", 0, 1), actor("invalidate", 0)),
                List.of(
                    List.of(actor("set", 0, 2), actor("state", 0)),
                    List.of(actor("removePrefix", 0), actor("increment", 0))),
                List.of(actor("state", 0))))
        // Invalidation by prefix racing an update and a removal.
        .addCustomScenario(
            LincheckScenarios.scenario(
                List.of(actor("set", 2, 1)),
                List.of(
                    List.of(actor("invalidatePrefix", 2), actor("state", 2)),
                    List.of(actor("increment", 2), actor("remove", 2), actor("state", 2))),
                List.of(actor("get", 2))))
        .iterations(MODEL_CHECKING_SCENARIOS)
        .invocationsPerIteration(MODEL_CHECKING_INVOCATIONS)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(2)
        .sequentialSpecification(SequentialClient.class)
        .check(getClass());
  }

  @Test
  void stress() {
    new StressOptions()
        .iterations(STRESS_SCENARIOS)
        .invocationsPerIteration(STRESS_INVOCATIONS)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(2)
        .sequentialSpecification(SequentialClient.class)
        .check(getClass());
  }



  /**
   * The sequential specification: what the client's data operations mean, one at a time. A
   * write (set or update) stores the value and clears the invalidated flag; invalidating marks
   * a cached key (an absent one stays absent); removing forgets the key.
   */
  public static final class SequentialClient {
    private final Map<Integer, Integer> data = new HashMap<>();
    private final Set<Integer> invalidated = new HashSet<>();

    public @Nullable Integer get(int key) {
      return data.get(key);
    }

    public String state(int key) {
      return data.containsKey(key) ? describe(data.get(key), invalidated.contains(key)) : "absent";
    }

    public Integer set(int key, int value) {
      data.put(key, value);
      invalidated.remove(key);
      return value;
    }

    public @Nullable Integer increment(int key) {
      int next = data.getOrDefault(key, 0) + 1;
      return set(key, next);
    }

    public void invalidate(int key) {
      if (data.containsKey(key)) {
        invalidated.add(key);
      }
    }

    public void invalidatePrefix(int key) {
      invalidate(key);
    }

    public void remove(int key) {
      data.remove(key);
      invalidated.remove(key);
    }

    public void removePrefix(int key) {
      remove(key);
    }
  }
}
