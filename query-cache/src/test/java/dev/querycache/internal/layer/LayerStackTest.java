package dev.querycache.internal.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryKey;
import dev.querycache.internal.runtime.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link LayerStack} on its own: the one mechanism of optimistic writes, over lists of
 * strings, with owners that only record what they are told.
 */
@DisplayName("LayerStack")
class LayerStackTest {
  private final LayerStack<List<String>> stack = new LayerStack<>("key", new Notifier(Runnable::run));
  private long order;

  /** An owner that records the failures it is told of. */
  static final class Owner implements LayerOwner {
    final List<Throwable> failures = new ArrayList<>();

    @Override
    public void layerFailed(QueryKey<?> key, Throwable error) {
      failures.add(error);
    }

    @Override
    public String name() {
      return "a test owner";
    }
  }

  private OptimisticLayer<List<String>> layer(Owner owner, UnaryOperator<List<String>> patch) {
    return new OptimisticLayer<>(owner, ++order, patch, false);
  }

  static UnaryOperator<List<String>> append(String row) {
    return rows -> {
      List<String> out = new ArrayList<>(rows);
      out.add(row);
      return List.copyOf(out);
    };
  }

  @Test
  void layersApplyInTheirOwnersStartOrder() {
    Owner first = new Owner();
    Owner second = new Owner();
    OptimisticLayer<List<String>> early = layer(first, append("b"));
    OptimisticLayer<List<String>> late = layer(second, append("c"));

    List<String> afterLate = stack.add(late, List.of("a"), false);
    List<String> afterEarly = stack.add(early, afterLate, false); // started first, patched second

    assertThat(afterLate).containsExactly("a", "c");
    assertThat(afterEarly).as("the earlier run's patch goes below").containsExactly("a", "b", "c");
    assertThat(stack.confirmed()).containsExactly("a");
    assertThat(stack.size()).isEqualTo(2);
  }

  @Test
  void removingOneOwnerKeepsTheOthers() {
    Owner failing = new Owner();
    Owner staying = new Owner();
    List<String> shown = stack.add(layer(failing, append("b")), List.of("a"), false);
    shown = stack.add(layer(staying, append("c")), shown, false);

    List<String> after = stack.remove(failing, shown, false);

    assertThat(after).containsExactly("a", "c");
    assertThat(stack.size()).isEqualTo(1);
  }

  @Test
  void removingAnOwnerWithoutLayersChangesNothing() {
    List<String> shown = stack.add(layer(new Owner(), append("b")), List.of("a"), false);

    assertThat(stack.remove(new Owner(), shown, false)).isSameAs(shown);
    assertThat(stack.size()).isEqualTo(1);
  }

  @Test
  void newConfirmedDataIsProjectedAgainUnderThePendingLayers() {
    stack.add(layer(new Owner(), append("mine")), List.of("a"), false);

    List<String> shown = stack.land(List.of("a", "server"), layer -> false, true, false);

    assertThat(shown).containsExactly("a", "server", "mine");
    assertThat(stack.confirmed()).containsExactly("a", "server");
  }

  @Test
  void landedDataDropsTheLayersItIncludes() {
    Owner done = new Owner();
    Owner pending = new Owner();
    List<String> shown = stack.add(layer(done, append("b")), List.of("a"), false);
    stack.add(layer(pending, append("c")), shown, false);
    stack.succeeded(done, 5);

    List<String> landed = stack.land(List.of("a", "b"), layer -> layer.isIncludedIn(6), true, false);

    assertThat(landed).containsExactly("a", "b", "c");
    assertThat(stack.size()).as("the succeeded layer left, the pending one stays").isEqualTo(1);
  }

  @Test
  void aSettledSucceededLayerAtTheBottomFoldsIntoTheConfirmedData() {
    Owner owner = new Owner();
    stack.add(layer(owner, append("b")), List.of("a"), false);
    stack.succeeded(owner, 3);

    boolean folded = stack.settled(owner, false);

    assertThat(folded).isTrue();
    assertThat(stack.isEmpty()).isTrue();
    assertThat(stack.pins()).isFalse();
  }

  @Test
  void aSettledLayerWaitsForTheLayersBelowItAndForTheFetchInFlight() {
    Owner below = new Owner();
    Owner above = new Owner();
    List<String> shown = stack.add(layer(below, append("b")), List.of("a"), false);
    stack.add(layer(above, append("c")), shown, false);
    stack.succeeded(above, 3);

    assertThat(stack.settled(above, false)).as("a pending layer lies below").isFalse();
    assertThat(stack.pins()).as("the pending one pins").isTrue();
    stack.remove(below, shown, true);
    assertThat(stack.size()).as("a fetch is in flight: no fold yet").isEqualTo(1);
    assertThat(stack.pins()).as("a settled layer no longer pins").isFalse();
  }

  @Test
  void aLayerWhoseConfirmingFetchFailedIsNeverFolded() {
    Owner owner = new Owner();
    stack.add(layer(owner, append("b")), List.of("a"), false);
    stack.succeeded(owner, 3);

    stack.fetchEndedWithoutData(4); // a fetch started after the success failed
    boolean folded = stack.settled(owner, false);

    assertThat(folded).isFalse();
    assertThat(stack.size()).isEqualTo(1);
    assertThat(stack.land(List.of("a", "b"), OptimisticLayer::hasSucceeded, true, false))
        .as("data written by hand after the success includes it").containsExactly("a", "b");
    assertThat(stack.isEmpty()).isTrue();
  }

  @Test
  void aWriteStartsFromTheConfirmedDataWithTheSucceededLayersOnly() {
    Owner succeeded = new Owner();
    Owner pending = new Owner();
    List<String> shown = stack.add(layer(succeeded, append("b")), List.of("a"), false);
    stack.add(layer(pending, append("c")), shown, false);
    stack.succeeded(succeeded, 3);

    assertThat(stack.writeBase()).containsExactly("a", "b");
  }

  @Test
  void aPatchThatThrowsWhenFirstAppliedPropagatesAndChangesNothing() {
    IllegalStateException bug = new IllegalStateException("bug");

    assertThatThrownBy(() -> stack.add(layer(new Owner(), rows -> { throw bug; }), List.of("a"), false)).isSameAs(bug);
    assertThat(stack.isEmpty()).isTrue();
  }

  @Test
  void aPatchThatThrowsWhenAppliedAgainIsSkippedAndKeptForItsOwner() {
    Owner fragile = new Owner();
    AtomicInteger calls = new AtomicInteger();
    stack.add(layer(fragile, rows -> {
      if (calls.incrementAndGet() > 1) {
        throw new IllegalStateException("no longer applies");
      }
      return append("b").apply(rows);
    }), List.of("a"), false);

    List<String> shown = stack.land(List.of("a", "x"), layer -> false, true, false);
    List<OptimisticLayer<List<String>>> failed = stack.takeFailed();

    assertThat(shown).as("the landing completes, the patch skipped").containsExactly("a", "x");
    assertThat(failed).singleElement().satisfies(layer -> assertThat(layer.failure).hasMessage("no longer applies"));
    assertThat(stack.takeFailed()).as("taken once").isNull();
    assertThat(stack.dropFailed(false)).isTrue();
    assertThat(stack.isEmpty()).isTrue();
  }

  @Test
  void theChangeAnOwnersLayerLastMadeIsKnown() {
    Owner owner = new Owner();
    stack.add(layer(owner, append("b")), List.of("a"), false);
    stack.land(List.of("a", "x"), layer -> false, true, false);

    LayerStack.Change<List<String>> change = stack.changeBy(owner);

    assertThat(change).isNotNull();
    assertThat(change.before).containsExactly("a", "x");
    assertThat(change.after).containsExactly("a", "x", "b");
  }
}
