package dev.querycache.examples;

/**
 * How many envelopes each folder holds, as {@code mail.counts} returns them: the badges of
 * the mailbox's side bar. Archive, trash and snooze change them; star and mark-read do not.
 *
 * @param inbox envelopes the inbox shows (snoozed ones left out)
 * @param snoozed snoozed envelopes of the inbox folder
 * @param archive envelopes in the archive
 * @param trash envelopes in the trash
 */
public record MailCounts(int inbox, int snoozed, int archive, int trash) {}
