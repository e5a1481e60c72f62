package dev.querycache.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Specification of what the UI modules say about an error: the reason line and the details. */
class ErrorWordsTest {
  @Test
  void theReasonIsTheFailuresOwnMessageWithoutWrappersClassNames() {
    Throwable wrapped = new CompletionException(new IOException("java.io.IOException: 503 Service Unavailable"));

    assertThat(ErrorWords.reason(wrapped, "Failed to archive")).isEqualTo("503 Service Unavailable");
  }

  @Test
  void noMessageOrTheToastsOwnMessageIsNoReason() {
    assertThat(ErrorWords.reason(new IllegalStateException(), "Failed")).isNull();
    assertThat(ErrorWords.reason(new IOException("failed to archive"), "Failed to archive")).isNull();
    assertThat(ErrorWords.reason(null, "Failed")).isNull();
  }

  @Test
  void theDetailsNameEachCauseOneALine() {
    Throwable error = new IllegalStateException("write refused", new IOException("disk full"));

    assertThat(ErrorWords.details(error))
        .isEqualTo("java.lang.IllegalStateException: write refused\nCaused by: java.io.IOException: disk full");
    assertThat(ErrorWords.details(null)).isEqualTo("No further details.");
  }
}
