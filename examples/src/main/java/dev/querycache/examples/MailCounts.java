package dev.querycache.examples;

import org.jspecify.annotations.Nullable;

/**
 * How many envelopes each folder holds, as {@code mail.counts} returns them: the badges of
 * the mailbox's side bar. Archive, trash and snooze change them; star and mark-read do not.
 *
 * @param inbox envelopes the inbox shows (snoozed ones left out)
 * @param snoozed snoozed envelopes of the inbox folder
 * @param archive envelopes in the archive
 * @param trash envelopes in the trash
 */
public record MailCounts(int inbox, int snoozed, int archive, int trash) {
  /**
   * The counts after {@code action}, as the optimistic patch of the mail funnel: an archive
   * or a trash moves one envelope from the folder it was in ({@link MailAction#from()}) to
   * its new folder. An action whose
   * source folder is not known, and the others, leave the counts to the refetch. A pure
   * function.
   *
   * @param action what the user did
   * @return the counts after it
   */
  public MailCounts apply(MailAction action) {
    MailFolder from = action.from();
    MailFolder to = destination(action);
    if (from == null || to == null || from == to) {
      return this;
    }
    return new MailCounts(
        inbox - (from == MailFolder.INBOX ? 1 : 0) + (to == MailFolder.INBOX ? 1 : 0),
        snoozed,
        archive - (from == MailFolder.ARCHIVE ? 1 : 0) + (to == MailFolder.ARCHIVE ? 1 : 0),
        trash - (from == MailFolder.TRASH ? 1 : 0) + (to == MailFolder.TRASH ? 1 : 0));
  }

  /**
   * Whether {@code action} moves an envelope between folders the counts know of: an archive
   * or a trash whose source folder is known and differs.
   *
   * @param action what the user did
   * @return whether {@link #apply} changes the counts for it
   */
  public static boolean moves(MailAction action) {
    MailFolder from = action.from();
    MailFolder to = destination(action);
    return from != null && to != null && from != to;
  }

  private static @Nullable MailFolder destination(MailAction action) {
    if (action instanceof MailAction.Archive) {
      return MailFolder.ARCHIVE;
    }
    if (action instanceof MailAction.Trash) {
      return MailFolder.TRASH;
    }
    return null;
  }
}
