package dev.querycache.examples;

/** Where an envelope lives. Each envelope is in exactly one folder. */
public enum MailFolder {
  /** Mail that wants attention. */
  INBOX,
  /** Mail kept out of the way. */
  ARCHIVE,
  /** Mail on its way out. */
  TRASH
}
