package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The wire form of mail actions. */
class MailActionTest {
  @Test
  void anActionIsWrittenWithItsTypeDiscriminator() {
    String json = Json.MAPPER.writerFor(MailAction.class).writeValueAsString(new MailAction.Star("m4", true));

    assertThat(json).isEqualTo("{\"type\":\"star\",\"envelopeId\":\"m4\",\"starred\":true}");
  }

  @Test
  void everyActionReadsBackAsItself() {
    MailAction[] actions = {
      new MailAction.Archive("m1"),
      new MailAction.Trash("m1"),
      new MailAction.Star("m1", false),
      new MailAction.MarkRead("m1", true),
      new MailAction.Snooze("m1", Instant.parse("2026-05-04T10:00:00Z")),
    };
    for (MailAction action : actions) {
      String json = Json.MAPPER.writerFor(MailAction.class).writeValueAsString(action);

      assertThat(Json.MAPPER.readValue(json, MailAction.class)).isEqualTo(action);
    }
  }

  @Test
  void aBlankEnvelopeIdIsRefused() {
    assertThatThrownBy(() -> new MailAction.Archive(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("envelopeId is required");
  }

  @Test
  void aResultWithoutMutationIdIsWrittenAsNull() {
    assertThat(Json.MAPPER.writeValueAsString(new MailResult(null))).isEqualTo("{\"mutationId\":null}");
  }
}
