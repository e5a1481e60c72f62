package dev.querycache.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link LatestValue}: values offered on the UI thread go straight to the
 * receiver, values offered elsewhere wait for one UI task that takes the newest, and nothing
 * reaches the receiver after the close. The UI thread is simulated: a flag says whether the
 * caller is on it, and posted tasks wait in a queue until the test runs them.
 */
class LatestValueTest {
  private boolean onUiThread;
  private final Queue<Runnable> uiTasks = new ArrayDeque<>();
  private final List<String> received = new ArrayList<>();
  private final LatestValue<String> latest = new LatestValue<>(() -> onUiThread, uiTasks::add, received::add);

  private void runUiTasks() {
    onUiThread = true;
    while (!uiTasks.isEmpty()) {
      uiTasks.remove().run();
    }
  }

  @Test
  void aValueOfferedOnTheUiThreadReachesTheReceiverAtOnce() {
    onUiThread = true;

    latest.offer("a");

    assertThat(received).containsExactly("a");
    assertThat(uiTasks).isEmpty();
  }

  @Test
  void aValueOfferedOffTheUiThreadWaitsForOneUiTask() {
    latest.offer("a");

    assertThat(received).isEmpty();
    assertThat(uiTasks).hasSize(1);
    runUiTasks();
    assertThat(received).containsExactly("a");
  }

  @Test
  void valuesThatPileUpBeforeTheUiThreadTakesThemAreCoalescedIntoTheNewest() {
    latest.offer("a");
    latest.offer("b");
    latest.offer("c");

    assertThat(uiTasks).hasSize(1);
    runUiTasks();
    assertThat(received).containsExactly("c");
  }

  @Test
  void aValueOfferedOnTheUiThreadWhileAnOlderWaitsTakesTheHandOverSoTheOlderNeverComesAfterIt() {
    latest.offer("older, from a fetch thread");
    onUiThread = true;

    latest.offer("newer, on the UI thread");

    assertThat(received).isEmpty();
    runUiTasks();
    assertThat(received).containsExactly("newer, on the UI thread");
  }

  @Test
  void afterTheCloseAWaitingValueIsDroppedAndLaterOffersReachNobody() {
    latest.offer("waiting");

    latest.close();
    runUiTasks();
    latest.offer("after the close");

    assertThat(received).isEmpty();
  }

  @Test
  void aNullValueIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> latest.offer(null)).isInstanceOf(NullPointerException.class).hasMessage("value == null");
    assertThat(uiTasks).isEmpty();
  }
}
