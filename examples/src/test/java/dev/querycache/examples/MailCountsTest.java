package dev.querycache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Specification of {@link MailCounts#apply}: the folder counts an action moves at once. */
class MailCountsTest {
  private final MailCounts counts = new MailCounts(12, 1, 7, 3);

  @Test
  void anArchiveFromTheInboxMovesOneToTheArchive() {
    assertThat(counts.apply(new MailAction.Archive("m1", MailFolder.INBOX))).isEqualTo(new MailCounts(11, 1, 8, 3));
  }

  @Test
  void aTrashFromTheArchiveMovesOneToTheTrash() {
    assertThat(counts.apply(new MailAction.Trash("m1", MailFolder.ARCHIVE))).isEqualTo(new MailCounts(12, 1, 6, 4));
  }

  @Test
  void anActionWhoseFolderIsNotKnownLeavesTheCountsToTheRefetch() {
    assertThat(counts.apply(new MailAction.Archive("m1"))).isSameAs(counts);
  }

  @Test
  void anArchiveOfArchivedMailChangesNothing() {
    assertThat(counts.apply(new MailAction.Archive("m1", MailFolder.ARCHIVE))).isSameAs(counts);
  }

  @Test
  void actionsThatMoveNothingLeaveTheCounts() {
    assertThat(counts.apply(new MailAction.Star("m1", true))).isSameAs(counts);
    assertThat(counts.apply(new MailAction.Snooze("m1", Instant.EPOCH))).isSameAs(counts);
  }
}
