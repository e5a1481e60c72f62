package dev.querycache.examples;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A list of envelopes the mailbox shows: the input of {@code mail.envelopes}. Which envelopes
 * a view shows is a pure function of the envelope ({@link #shows(Envelope)}), shared by the
 * server (to answer) and the client (to patch optimistically), so both agree.
 */
public enum MailView {
  /** The inbox: envelopes in the inbox folder that are not snoozed. */
  INBOX,
  /** Starred envelopes of every folder but the trash. */
  STARRED,
  /** The archive folder. */
  ARCHIVE;

  /**
   * The view's name in a list of views, with its count where the counts have one:
   * {@code "Inbox  (11)"}, {@code "Starred"}.
   *
   * @param counts the mailbox's counts, or null while they load
   * @return the label
   */
  public String label(@org.jspecify.annotations.Nullable MailCounts counts) {
    String name = name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    if (counts == null) {
      return name;
    }
    switch (this) {
      case INBOX:
        return name + "  (" + counts.inbox() + ")";
      case ARCHIVE:
        return name + "  (" + counts.archive() + ")";
      default:
        return name;
    }
  }

  /**
   * Whether this view lists {@code envelope}.
   *
   * @param envelope the envelope
   * @return whether it belongs in this view
   */
  public boolean shows(Envelope envelope) {
    Objects.requireNonNull(envelope, "envelope == null");
    switch (this) {
      case INBOX:
        return envelope.folder() == MailFolder.INBOX && envelope.snoozedUntil() == null;
      case STARRED:
        return envelope.starred() && envelope.folder() != MailFolder.TRASH;
      case ARCHIVE:
        return envelope.folder() == MailFolder.ARCHIVE;
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * The name on the wire and in query keys: {@code "inbox"}, {@code "starred"},
   * {@code "archive"}.
   *
   * @return the lower-case name
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The view of a wire name, ignoring case.
   *
   * @param name such as {@code "inbox"}
   * @return the view
   * @throws IllegalArgumentException if no view has that name; the message lists the views
   */
  @JsonCreator
  public static MailView fromWireName(String name) {
    Objects.requireNonNull(name, "name == null");
    for (MailView view : values()) {
      if (view.wireName().equalsIgnoreCase(name.trim())) {
        return view;
      }
    }
    throw new IllegalArgumentException("unknown view '" + name + "': expected one of "
        + Arrays.stream(values()).map(MailView::wireName).collect(Collectors.joining(", ")));
  }
}
