package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mail funnel's projection, one view at a time. */
class EnvelopeListTest {
  private static final Instant AT = Instant.parse("2026-05-04T09:00:00Z");

  private static Envelope envelope(String id, MailFolder folder, boolean starred) {
    return new Envelope(id, "Ada", "Subject " + id, "Snippet", List.of("work"), folder, starred, false, null, AT);
  }

  private final Envelope plain = envelope("m1", MailFolder.INBOX, false);
  private final Envelope starred = envelope("m2", MailFolder.INBOX, true);

  @Test
  void archiveRemovesTheRowFromTheInbox() {
    EnvelopeList inbox = new EnvelopeList(MailView.INBOX, List.of(plain, starred));

    assertThat(inbox.apply(new MailAction.Archive("m1")).envelopes()).containsExactly(starred);
  }

  @Test
  void archiveKeepsAStarredRowInTheStarredViewAsArchived() {
    EnvelopeList view = new EnvelopeList(MailView.STARRED, List.of(starred));

    assertThat(view.apply(new MailAction.Archive("m2")).envelopes()).extracting(Envelope::folder)
        .containsExactly(MailFolder.ARCHIVE);
  }

  @Test
  void unstarRemovesTheRowFromTheStarredViewOnly() {
    MailAction unstar = new MailAction.Star("m2", false);

    assertThat(new EnvelopeList(MailView.STARRED, List.of(starred)).apply(unstar).envelopes()).isEmpty();
    assertThat(new EnvelopeList(MailView.INBOX, List.of(starred)).apply(unstar).envelopes())
        .extracting(Envelope::starred).containsExactly(false);
  }

  @Test
  void snoozeRemovesTheRowFromTheInbox() {
    EnvelopeList inbox = new EnvelopeList(MailView.INBOX, List.of(plain));

    assertThat(inbox.apply(new MailAction.Snooze("m1", AT.plusSeconds(3600))).envelopes()).isEmpty();
  }

  @Test
  void trashRemovesTheRowFromTheStarredViewToo() {
    EnvelopeList view = new EnvelopeList(MailView.STARRED, List.of(starred));

    assertThat(view.apply(new MailAction.Trash("m2")).envelopes()).isEmpty();
  }

  @Test
  void anActionOnAnAbsentEnvelopeChangesNothing() {
    EnvelopeList inbox = new EnvelopeList(MailView.INBOX, List.of(plain));

    assertThat(inbox.apply(new MailAction.Archive("m9"))).isSameAs(inbox);
  }

  @Test
  void applyingTwiceIsApplyingOnce() {
    EnvelopeList inbox = new EnvelopeList(MailView.INBOX, List.of(plain, starred));
    MailAction read = new MailAction.MarkRead("m1", true);

    EnvelopeList once = inbox.apply(read);

    assertThat(once.apply(read)).isSameAs(once);
  }
}
