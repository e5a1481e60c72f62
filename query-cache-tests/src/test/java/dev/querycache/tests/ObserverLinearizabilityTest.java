package dev.querycache.tests;

import dev.querycache.CachedQuery;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.test.VirtualTime;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * An open observer follows its key's live query whatever removals race, and a closed one
 * stays gone: checked by Lincheck 3 (model checking and stress) on hand-written scenarios.
 *
 * <p>{@code removeQueries} moves the observers of a removed query to a new query of the same
 * key. Two removals of one key racing each other, or a removal racing {@code close()}, must
 * leave the observer attached to the query the cache holds (its result shows what was last
 * written to the key, or no data after a removal), or, once closed, attached to nothing (the
 * key's query counts no observer). The sequential specification, {@link SequentialObserver}, is that contract one
 * call at a time.
 *
 * <p>Only the hand-written scenarios run (no random ones): what a closed observer's result
 * shows is not part of the contract, so {@code shown} never follows {@code close}. The
 * observer is disabled, so nothing fetches; time is virtual and never advances. The Caffeine
 * allowances are {@link LincheckScenarios#modelCheckingOverCaffeine()}. Budget: 3 scenarios × 100
 * interleavings in model checking, 3 × 300 runs in stress; a few seconds after the one-off
 * instrumentation.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class ObserverLinearizabilityTest {
  static final int MODEL_CHECKING_INVOCATIONS = Integer.getInteger("querycache.lincheck.invocations", 100);
  static final int STRESS_INVOCATIONS = Integer.getInteger("querycache.lincheck.stressInvocations", 300);

  static final QueryKey<Integer> KEY = QueryKey.of("todos", 0);

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().build();
  private final QueryObserver<Integer> observer =
      client.observe(QueryOptions.builder(KEY).enabled(false).build(), result -> {});

  @Operation
  public void remove() {
    client.removeQueries(QueryFilter.exact(KEY));
  }

  @Operation
  public void removePrefix() {
    client.removeQueries(QueryFilter.prefix("todos"));
  }

  @Operation
  public void close() {
    observer.close();
  }

  @Operation
  public Integer set(@Param(name = "value") int value) {
    return client.setQueryData(KEY, value);
  }

  /** The data the observer's result shows now. */
  @Operation
  public @Nullable Integer shown() {
    return observer.result().state().data();
  }

  /** How many observers the key's cached query has (0 when the key is absent). */
  @Operation
  public int observers() {
    return client.getQueries(QueryFilter.exact(KEY)).stream().mapToInt(CachedQuery::observerCount).sum();
  }

  private static Actor actor(String name, Object... args) {
    return LincheckScenarios.actor(ObserverLinearizabilityTest.class, name, args);
  }

  @Test
  void modelChecking() {
    ModelCheckingOptions options = LincheckScenarios.modelCheckingOverCaffeine();
    scenarios().forEach(options::addCustomScenario);
    options
        .iterations(0)
        .invocationsPerIteration(MODEL_CHECKING_INVOCATIONS)
        .sequentialSpecification(SequentialObserver.class)
        .check(getClass());
  }

  @Test
  void stress() {
    StressOptions options = new StressOptions();
    scenarios().forEach(options::addCustomScenario);
    options
        .iterations(0)
        .invocationsPerIteration(STRESS_INVOCATIONS)
        .sequentialSpecification(SequentialObserver.class)
        .check(getClass());
  }

  private static List<ExecutionScenario> scenarios() {
    return List.of(
        // Two removals of the key racing: the observer ends on the live query.
        LincheckScenarios.scenario(
            List.of(),
            List.of(List.of(actor("remove")), List.of(actor("removePrefix"))),
            List.of(actor("set", 1), actor("shown"), actor("observers"))),
        // Removals racing removals, writes and reads.
        LincheckScenarios.scenario(
            List.of(actor("set", 1)),
            List.of(
                List.of(actor("removePrefix"), actor("set", 2), actor("shown")),
                List.of(actor("remove"), actor("shown"), actor("remove"))),
            List.of(actor("shown"), actor("set", 3), actor("shown"), actor("observers"))),
        // A removal racing close: the closed observer is attached to nothing.
        LincheckScenarios.scenario(
            List.of(),
            List.of(List.of(actor("close")), List.of(actor("remove"), actor("observers"))),
            List.of(actor("observers"))));
  }



  /**
   * The contract one call at a time: an open observer keeps its key cached and shows what is
   * written to it; removing the key while the observer is open gives it a new, empty query;
   * a closed observer leaves the key's query without observers.
   */
  public static final class SequentialObserver {
    private boolean open = true;
    private boolean cached = true;
    private @Nullable Integer data;

    public void remove() {
      cached = open;
      data = null;
    }

    public void removePrefix() {
      remove();
    }

    public void close() {
      open = false;
    }

    public Integer set(int value) {
      cached = true;
      data = value;
      return value;
    }

    public @Nullable Integer shown() {
      return data;
    }

    public int observers() {
      return cached && open ? 1 : 0;
    }
  }
}
