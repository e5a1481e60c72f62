package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link Edt}: a flush waits for what the EDT has queued, and for what that
 * queues in turn; calls run there and rethrow; none may be made on the EDT itself.
 */
class EdtTest {
  final List<String> ran = new CopyOnWriteArrayList<>();

  @Test
  void flushWaitsForTheQueuedEventsAndTheEventsTheyQueue() {
    SwingUtilities.invokeLater(() -> {
      ran.add("first");
      SwingUtilities.invokeLater(() -> {
        ran.add("second");
        SwingUtilities.invokeLater(() -> ran.add("third"));
      });
    });

    Edt.flush();

    assertThat(ran).containsExactly("first", "second", "third");
  }

  @Test
  void callRunsOnTheEdtAndReturnsItsResult() {
    assertThat(Edt.call(SwingUtilities::isEventDispatchThread)).isTrue();
  }

  @Test
  void callRethrowsWhatTheActionThrew() {
    assertThatThrownBy(() -> Edt.run(() -> {
      throw new IllegalArgumentException("bad row");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad row");
    assertThatThrownBy(() -> Edt.call(() -> {
      throw new IOException("disk");
    })).isInstanceOf(IllegalStateException.class).hasRootCauseInstanceOf(IOException.class);
  }

  @Test
  void waitingForTheEdtOnTheEdtIsRefused() {
    Throwable refused = Edt.call(() -> {
      try {
        Edt.flush();
        return null;
      } catch (IllegalStateException e) {
        return e;
      }
    });

    assertThat(refused).hasMessageStartingWith("Edt.flush waits for the EDT, so it must be called on the test's thread");
  }

  @Test
  void aBindingOnTheEdtShowsTheDataOnceTheEdtIsFlushed() {
    QueryClient client = QueryClient.builder().notifyExecutor(SwingUtilities::invokeLater).build();
    QueryKey<String> greeting = QueryKey.of("greeting");
    JLabel label = Edt.call(JLabel::new);
    client.observe(QueryOptions.builder(greeting).enabled(false).build(), result -> label.setText(result.data()));
    client.setQueryData(greeting, "hello");            // delivered to the EDT later
    Edt.flush();
    assertThat(Edt.call(label::getText)).isEqualTo("hello");
    client.close();
  }
}
