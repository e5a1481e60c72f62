package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.Refetch;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.awt.event.WindowEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.JFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specification of {@link FocusRefetch}: window activation tells the client it has focus
 * (which refetches stale observed queries), deactivation in favour of another application
 * tells it it has lost focus, deactivation in favour of another window of the application
 * changes nothing. A {@link Window} cannot be made headless, so the tests install on a mock
 * window and deliver synthetic events to the installed listener; with a display, one test
 * installs on a real frame.
 */
@ExtendWith(RunOnEdt.class)
class FocusRefetchTest {
  private final QueryClient client = QueryClient.builder().fetchExecutor(Runnable::run).build();
  private final Window window = mock(Window.class);
  private final Window otherWindowOfTheApp = mock(Window.class);
  private final FocusRefetch refetch = SwingQueries.installFocusRefetch(window, client);
  /** Counts the fetches of {@link #observe}d queries (focus refetches only); no answer comes. */
  private final AtomicInteger fetches = new AtomicInteger();

  @AfterEach
  void closeClient() {
    client.close();
  }

  private QueryObserver<String> observe(String name, Duration staleTime) {
    QueryOptions<String> options =
        QueryOptions.builder(QueryKey.<String>of(name))
            .asyncFetcher(
                context -> {
                  fetches.incrementAndGet();
                  return new CompletableFuture<>();
                })
            .staleTime(staleTime)
            .refetchOnMount(Refetch.NEVER) // so every fetch counted is a focus refetch
            .build();
    client.setQueryData(options.key(), "cached");
    return client.observe(options, result -> {});
  }

  /** The event of a switch to another application: it names no opposite window. */
  private void deactivate() {
    refetch.listener.windowDeactivated(new WindowEvent(window, WindowEvent.WINDOW_DEACTIVATED, null, 0, 0));
  }

  private void activate() {
    refetch.listener.windowActivated(new WindowEvent(window, WindowEvent.WINDOW_ACTIVATED, null, 0, 0));
  }

  @Test
  void installingAddsTheListenerToTheWindow() {
    verify(window).addWindowListener(refetch.listener);
  }

  @Test
  void losingTheFocusToAnotherApplicationTellsTheClient() {
    deactivate();

    assertThat(client.isFocused()).isFalse();
  }

  @Test
  void comingBackRefetchesTheStaleObservedQueries() {
    observe("stale", Duration.ZERO);
    deactivate();

    activate();

    assertThat(client.isFocused()).isTrue();
    assertThat(fetches).hasValue(1);
  }

  @Test
  void comingBackLeavesFreshQueriesAlone() {
    observe("fresh", Duration.ofHours(1));
    deactivate();

    activate();

    assertThat(fetches).hasValue(0);
  }

  @Test
  void movingToAnotherWindowOfTheApplicationKeepsTheFocus() {
    observe("stale", Duration.ZERO);

    // A WindowEvent names its opposite window only if that window belongs to this
    // application's AppContext, which a mock does not: tell the refetch directly.
    refetch.deactivated(otherWindowOfTheApp);
    activate();

    assertThat(client.isFocused()).isTrue();
    assertThat(fetches).hasValue(0);
  }

  @Test
  void closingRemovesTheListenerFromTheWindow() {
    refetch.close();

    verify(window).removeWindowListener(refetch.listener);
  }

  /** With a display: installing on a real frame adds a window listener, closing removes it. */
  @Test
  void aRealFrameGetsAndLosesTheListener() {
    assumeThat(GraphicsEnvironment.isHeadless()).as("needs a display").isFalse();
    JFrame frame = new JFrame();
    try {
      FocusRefetch installed = SwingQueries.installFocusRefetch(frame, client);
      boolean listening = Arrays.asList(frame.getWindowListeners()).contains(installed.listener);

      installed.close();

      assertThat(listening).isTrue();
      assertThat(frame.getWindowListeners()).doesNotContain(installed.listener);
    } finally {
      frame.dispose();
    }
  }
}
