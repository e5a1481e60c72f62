package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The testing guide's example of {@link LibraryLog}: a failure provoked on purpose, asserted, not printed. */
@ExtendWith(LibraryLog.class)
class CapturedLogGuideTest {
  private static final QueryKey<String> MOTD = QueryKey.of("motd");

  @Test
  void aListenerThatThrowsIsReportedNotPrinted(CapturedLog log) {
    VirtualTime time = new VirtualTime();
    try (QueryClient client = time.clientBuilder().build()) {
      client.setQueryData(MOTD, "hello");
      client.observe(QueryOptions.builder(MOTD).fetcher(context -> "hi").staleTime(Duration.ofHours(1)).build(),
          result -> {
            throw new IllegalStateException("a listener's bug");
          });
    }

    assertThat(log.messages()).anyMatch(message -> message.startsWith("WARNING: a query listener threw"));
    assertThat(log.thrown()).extracting(Throwable::getMessage).containsExactly("a listener's bug");
  }
}
