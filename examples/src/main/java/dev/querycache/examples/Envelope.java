package dev.querycache.examples;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of the mailbox, as the envelope lists show it (no full body).
 *
 * @param id the envelope's id, such as {@code "m4"}
 * @param from the sender
 * @param subject the subject line
 * @param snippet the first words of the body
 * @param labels the user's labels, such as {@code "work"}
 * @param folder the folder it is in
 * @param starred whether it is starred
 * @param read whether it has been read
 * @param snoozedUntil when a snoozed envelope comes back to the inbox, or null if it is not
 *     snoozed (the server clears it when that time has passed)
 * @param receivedAt when it arrived; lists are sorted newest first
 */
public record Envelope(
    String id,
    String from,
    String subject,
    String snippet,
    List<String> labels,
    MailFolder folder,
    boolean starred,
    boolean read,
    @Nullable Instant snoozedUntil,
    Instant receivedAt) {

  /**
   * Copies the labels and checks the fields.
   *
   * @param id the envelope's id, such as {@code "m4"}
   * @param from the sender
   * @param subject the subject line
   * @param snippet the first words of the body
   * @param labels the user's labels, such as {@code "work"}
   * @param folder the folder it is in
   * @param starred whether it is starred
   * @param read whether it has been read
   * @param snoozedUntil when a snoozed envelope comes back to the inbox, or null if it is not
   *     snoozed (the server clears it when that time has passed)
   * @param receivedAt when it arrived; lists are sorted newest first
   * @throws NullPointerException if a field other than {@code snoozedUntil} is null
   */
  public Envelope {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(snippet, "snippet == null");
    labels = List.copyOf(labels);
    Objects.requireNonNull(folder, "folder == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
  }

  /**
   * This envelope in another folder.
   *
   * @param newFolder the folder
   * @return the copy
   */
  public Envelope inFolder(MailFolder newFolder) {
    return new Envelope(id, from, subject, snippet, labels, newFolder, starred, read, snoozedUntil, receivedAt);
  }

  /**
   * This envelope, starred or not.
   *
   * @param nowStarred whether it is starred
   * @return the copy
   */
  public Envelope withStarred(boolean nowStarred) {
    return new Envelope(id, from, subject, snippet, labels, folder, nowStarred, read, snoozedUntil, receivedAt);
  }

  /**
   * This envelope, read or not.
   *
   * @param nowRead whether it is read
   * @return the copy
   */
  public Envelope withRead(boolean nowRead) {
    return new Envelope(id, from, subject, snippet, labels, folder, starred, nowRead, snoozedUntil, receivedAt);
  }

  /**
   * This envelope, snoozed until {@code until} (or awake, for null).
   *
   * @param until when it comes back, or null
   * @return the copy
   */
  public Envelope withSnoozedUntil(@Nullable Instant until) {
    return new Envelope(id, from, subject, snippet, labels, folder, starred, read, until, receivedAt);
  }
}
