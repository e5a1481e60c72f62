package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import java.awt.GraphicsEnvironment;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@link ComponentBinding}, the observer that lives as long as its
 * component is displayable. Runs on the EDT with a synchronous notify executor. A component
 * becomes displayable and stops being displayable through {@code addNotify} and
 * {@code removeNotify}, which is what adding it to and removing it from a live window calls,
 * and which works headless.
 */
@ExtendWith(RunOnEdt.class)
class ComponentBindingTest {
  private final QueryClient client = QueryClient.builder().build();
  private final QueryKey<String> key = QueryKey.of("greeting");
  private final QueryOptions<String> options = QueryOptions.builder(key).build();
  private final List<QueryResult<String>> results = new ArrayList<>();
  private final JPanel panel = new JPanel();

  @AfterEach
  void closeClient() {
    client.close();
  }

  private ComponentBinding bind(JPanel component) {
    return SwingQueries.observe(component, client, options, results::add);
  }

  private boolean queryIsObserved() {
    return !client.getQueries(QueryFilter.all().active()).isEmpty();
  }

  @Test
  void anUndisplayableComponentDoesNotObserve() {
    ComponentBinding binding = bind(panel);

    assertThat(binding.isObserving()).isFalse();
    assertThat(queryIsObserved()).isFalse();
    assertThat(results).isEmpty();
  }

  @Test
  void becomingDisplayableOpensTheObserverWithTheCurrentResult() {
    client.setQueryData(key, "hello");
    ComponentBinding binding = bind(panel);

    panel.addNotify();

    assertThat(binding.isObserving()).isTrue();
    assertThat(queryIsObserved()).isTrue();
    assertThat(results).extracting(QueryResult::data).containsExactly("hello");
  }

  @Test
  void anAlreadyDisplayableComponentObservesAtOnce() {
    panel.addNotify();

    ComponentBinding binding = bind(panel);

    assertThat(binding.isObserving()).isTrue();
    assertThat(queryIsObserved()).isTrue();
  }

  @Test
  void changesReachTheListenerWhileTheComponentIsDisplayable() {
    panel.addNotify();
    bind(panel);

    client.setQueryData(key, "hello");

    assertThat(results).last().extracting(QueryResult::data).isEqualTo("hello");
  }

  @Test
  void aSelectingBindingShowsTheProjectionOfTheData() {
    List<QueryResult<Integer>> lengths = new ArrayList<>();
    panel.addNotify();
    SwingQueries.observe(panel, client, options, String::length, lengths::add);

    client.setQueryData(key, "hello");

    assertThat(lengths).last().extracting(QueryResult::data).isEqualTo(5);
  }

  @Test
  void ceasingToBeDisplayableClosesTheObserver() {
    panel.addNotify();
    ComponentBinding binding = bind(panel);

    panel.removeNotify();

    assertThat(binding.isObserving()).isFalse();
    assertThat(queryIsObserved()).isFalse();
  }

  @Test
  void noListenerCallAfterTheComponentStopsBeingDisplayable() {
    panel.addNotify();
    bind(panel);
    panel.removeNotify();
    results.clear();

    client.setQueryData(key, "nobody listens");

    assertThat(results).isEmpty();
  }

  @Test
  void becomingDisplayableAgainObservesAgain() {
    panel.addNotify();
    ComponentBinding binding = bind(panel);
    panel.removeNotify();
    client.setQueryData(key, "while away");
    results.clear();

    panel.addNotify();

    assertThat(binding.isObserving()).isTrue();
    assertThat(results).extracting(QueryResult::data).containsExactly("while away");
  }

  @Test
  void aChildObservesWhileItsAncestorIsDisplayable() {
    JPanel parent = new JPanel();
    JPanel child = new JPanel();
    parent.add(child);
    ComponentBinding binding = bind(child);

    parent.addNotify();
    boolean observingWhileShown = binding.isObserving();
    parent.removeNotify();

    assertThat(observingWhileShown).isTrue();
    assertThat(binding.isObserving()).isFalse();
  }

  @Test
  void closingUnbindsAtOnce() {
    panel.addNotify();
    ComponentBinding binding = bind(panel);

    binding.close();

    assertThat(binding.isClosed()).isTrue();
    assertThat(binding.isObserving()).isFalse();
    assertThat(queryIsObserved()).isFalse();
  }

  @Test
  void aClosedBindingIgnoresLaterDisplayability() {
    ComponentBinding binding = bind(panel);
    binding.close();

    panel.addNotify();

    assertThat(binding.isObserving()).isFalse();
    assertThat(queryIsObserved()).isFalse();
    assertThat(panel.getHierarchyListeners()).isEmpty();
  }

  @Test
  void closingTwiceIsHarmless() {
    ComponentBinding binding = bind(panel);
    binding.close();

    binding.close();

    assertThat(binding.isClosed()).isTrue();
  }

  @Test
  void aListenerThatClosesItsBindingOnTheFirstResultLeavesNoObserver() {
    ComponentBinding[] self = new ComponentBinding[1];
    self[0] = SwingQueries.observe(panel, client, options, result -> self[0].close());

    panel.addNotify(); // opens the observer, whose first result closes the binding

    assertThat(self[0].isClosed()).isTrue();
    assertThat(queryIsObserved()).isFalse();
  }

  @Test
  void aListenerThatRemovesTheComponentOnTheFirstResultLeavesNoObserver() {
    client.setQueryData(key, "hello");
    ComponentBinding binding = SwingQueries.observe(panel, client, options, result -> panel.removeNotify());

    panel.addNotify(); // opens the observer, whose first result undoes it

    assertThat(binding.isObserving()).isFalse();
    assertThat(queryIsObserved()).isFalse();
  }

  /**
   * A screen removed from its window leaves nothing behind: the query has no observer, and
   * nothing the client holds reaches the component, which the garbage collector can reclaim.
   */
  @Test
  void aComponentThatStoppedBeingDisplayableIsUnobservedAndCollectable() {
    WeakReference<JPanel> collectable = bindShowAndRemoveAPanel();

    assertThat(queryIsObserved()).isFalse();
    for (int round = 0; round < 50 && collectable.get() != null; round++) {
      System.gc();
      Thread.onSpinWait();
    }
    assertThat(collectable.get()).as("the removed panel was garbage-collected").isNull();
  }

  /** In its own frame, so that no local variable of the test keeps the panel alive. */
  private WeakReference<JPanel> bindShowAndRemoveAPanel() {
    JPanel screen = new JPanel();
    // The listener refers to the panel, as a real one does (it updates a label on it).
    SwingQueries.observe(screen, client, options, result -> screen.putClientProperty(key, result.data()));
    screen.addNotify();
    client.setQueryData(key, "shown");
    assertThat(screen.getClientProperty(key)).isEqualTo("shown");
    screen.removeNotify();
    return new WeakReference<>(screen);
  }

  @Test
  void resultsDeliveredOffTheEdtReachTheListenerOnTheEdt() throws Exception {
    panel.addNotify();
    List<Boolean> onEdt = new ArrayList<>();
    SwingQueries.observe(panel, client, options, result -> onEdt.add(SwingUtilities.isEventDispatchThread()));

    CompletableFuture.runAsync(() -> client.setQueryData(key, "from a fetch thread")).get(10, TimeUnit.SECONDS);
    flushEdtFromTheEdt();

    assertThat(onEdt).hasSize(2).containsOnly(true);
  }

  @Test
  void resultsHandedToTheEdtArriveCoalescedIntoTheLatest() throws Exception {
    panel.addNotify();
    bind(panel);
    results.clear();

    // The EDT is busy with this test while another thread writes three times.
    CompletableFuture.runAsync(
            () -> {
              client.setQueryData(key, "one");
              client.setQueryData(key, "two");
              client.setQueryData(key, "three");
            })
        .get(10, TimeUnit.SECONDS);
    flushEdtFromTheEdt();

    assertThat(results).extracting(QueryResult::data).containsExactly("three");
  }

  /** With a display: a frame packed and disposed of opens and closes the observer. */
  @Test
  void disposingOfTheWindowClosesTheObserver() {
    assumeThat(GraphicsEnvironment.isHeadless()).as("needs a display").isFalse();
    JFrame frame = new JFrame();
    try {
      frame.add(panel);
      ComponentBinding binding = bind(panel);
      frame.pack();
      boolean observingWhilePacked = binding.isObserving();

      frame.dispose();

      assertThat(observingWhilePacked).isTrue();
      assertThat(binding.isObserving()).isFalse();
      assertThat(queryIsObserved()).isFalse();
    } finally {
      frame.dispose();
    }
  }

  /**
   * Runs the events queued on the EDT so far, from a test that runs on the EDT itself: a
   * secondary loop pumps events until a marker posted behind them has run.
   */
  private static void flushEdtFromTheEdt() throws InterruptedException {
    java.awt.SecondaryLoop loop =
        java.awt.Toolkit.getDefaultToolkit().getSystemEventQueue().createSecondaryLoop();
    CountDownLatch marked = new CountDownLatch(1);
    SwingUtilities.invokeLater(
        () -> {
          marked.countDown();
          loop.exit();
        });
    if (!loop.enter()) {
      throw new AssertionError("could not pump the EDT");
    }
    assertThat(marked.await(0, TimeUnit.SECONDS)).isTrue();
  }
}
