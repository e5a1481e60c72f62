package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TransitionLogTest {
  final QueryClient client = new VirtualTime().clientBuilder().build();
  final TransitionRecorder recorder = new TransitionRecorder(client);
  final QueryKey<String> key = QueryKey.of("greeting");
  final TransitionLog<String> log = recorder.watch(key);

  @Test
  void assertSequencePassesOnTheExactSummaries() {
    client.setQueryData(key, "hello");
    client.setQueryData(key, "bye");

    log.assertSequence("cached: hello", "updated: bye");
    log.assertSequence(java.util.List.of("cached: hello", "updated: bye"));
  }

  @Test
  void aDifferentSequenceFailsPrintingBothAndMarkingTheFirstDifference() {
    client.setQueryData(key, "hello");
    client.setQueryData(key, "bye");

    assertThatThrownBy(() -> log.assertSequence("cached: hello", "updated: hi"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("the transitions of [\"greeting\"] differ from the expected sequence at #1\n"
            + "expected:\n"
            + "  #0 cached: hello\n"
            + "> #1 updated: hi\n"
            + "recorded:\n"
            + "  #0 cached: hello  (SUCCESS, IDLE)\n"
            + "> #1 updated: bye  (SUCCESS, IDLE)\n");
  }

  @Test
  void theFailureCarriesExpectedAndActualForADiff() {
    client.setQueryData(key, "hello");

    assertThatThrownBy(() -> log.assertSequence("cached: hi"))
        .isInstanceOfSatisfying(AssertionFailedError.class, error -> {
          assertThat(error.getExpected().getStringRepresentation()).isEqualTo("cached: hi");
          assertThat(error.getActual().getStringRepresentation()).isEqualTo("cached: hello");
        });
  }

  @Test
  void aShorterRecordingFailsSayingWhatIsMissing() {
    assertThatThrownBy(() -> log.assertSequence("cached: hello"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageEndingWith("recorded:\n  (nothing)\n");
  }

  @Test
  void theLogGrowsAsTheRecorderRecords() {
    assertThat(log.transitions()).isEmpty();

    client.setQueryData(key, "hello");

    assertThat(log.last().summary()).isEqualTo("cached: hello");
  }

  @Test
  void lastOfAnEmptyLogFails() {
    assertThatThrownBy(log::last)
        .isInstanceOf(AssertionError.class)
        .hasMessage("no transition of [\"greeting\"] was recorded");
  }

  @Test
  void aTransitionPrintsItsStateDetails() {
    client.setQueryData(key, "hello");

    assertThat(log.last()).hasToString("cached: hello  (SUCCESS, IDLE)");
    assertThat(log.last().key()).isEqualTo(key);
  }
}
