package dev.querycache.examples;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Everything the user can do to one envelope: the variables of the mail funnel, and the body
 * of {@code POST /mail/action}, where the {@code "type"} property tells the actions apart
 * ({@code {"type":"star","envelopeId":"m4","starred":true}}).
 *
 * <p>Each action says what it does to an envelope ({@link #applyTo(Envelope)}); the server
 * applies that to its data and the client to its cached views, so the optimistic patch and
 * the server's answer agree. Whether an action can be undone is the server's to say: it
 * returns a {@link MailResult#mutationId() mutation id} for the undoable ones (archive, trash,
 * snooze).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = MailAction.Archive.class, name = "archive"),
  @JsonSubTypes.Type(value = MailAction.Trash.class, name = "trash"),
  @JsonSubTypes.Type(value = MailAction.Star.class, name = "star"),
  @JsonSubTypes.Type(value = MailAction.MarkRead.class, name = "markRead"),
  @JsonSubTypes.Type(value = MailAction.Snooze.class, name = "snooze")})
public sealed interface MailAction {
  /**
   * The envelope the action applies to.
   *
   * @return its id
   */
  String envelopeId();

  /**
   * What the action does to the envelope: a pure function.
   *
   * @param envelope the envelope as it is
   * @return the envelope after the action
   */
  Envelope applyTo(Envelope envelope);

  /**
   * The folder the envelope is in when the action is taken, if the caller said so: the
   * folder counts then move with the rows at once ({@link MailCounts#apply(MailAction)});
   * otherwise they wait for the refetch.
   *
   * @return the folder, or null if not known
   */
  default @Nullable MailFolder from() {
    return null;
  }

  /**
   * Moves the envelope to the archive (undoable).
   *
   * @param envelopeId the envelope
   * @param from the folder it is in now, or null if not known (see {@link MailAction#from()})
   */
  record Archive(String envelopeId, @Nullable MailFolder from) implements MailAction {
    /**
     * Checks the id.
     *
     * @param envelopeId the envelope
     * @param from the folder it is in now, or null
     * @throws IllegalArgumentException if {@code envelopeId} is null or blank
     */
    public Archive {
      requireId(envelopeId);
    }

    /**
     * Archives an envelope whose folder is not known.
     *
     * @param envelopeId the envelope
     * @throws IllegalArgumentException if {@code envelopeId} is null or blank
     */
    public Archive(String envelopeId) {
      this(envelopeId, null);
    }

    @Override
    public Envelope applyTo(Envelope envelope) {
      return envelope.inFolder(MailFolder.ARCHIVE).withSnoozedUntil(null);
    }
  }

  /**
   * Moves the envelope to the trash (undoable).
   *
   * @param envelopeId the envelope
   * @param from the folder it is in now, or null if not known (see {@link MailAction#from()})
   */
  record Trash(String envelopeId, @Nullable MailFolder from) implements MailAction {
    /**
     * Checks the id.
     *
     * @param envelopeId the envelope
     * @param from the folder it is in now, or null
     * @throws IllegalArgumentException if {@code envelopeId} is null or blank
     */
    public Trash {
      requireId(envelopeId);
    }

    /**
     * Trashes an envelope whose folder is not known.
     *
     * @param envelopeId the envelope
     * @throws IllegalArgumentException if {@code envelopeId} is null or blank
     */
    public Trash(String envelopeId) {
      this(envelopeId, null);
    }

    @Override
    public Envelope applyTo(Envelope envelope) {
      return envelope.inFolder(MailFolder.TRASH).withSnoozedUntil(null);
    }
  }

  /**
   * Stars or unstars the envelope.
   *
   * @param envelopeId the envelope
   * @param starred {@code true} to star, {@code false} to unstar
   */
  record Star(String envelopeId, boolean starred) implements MailAction {
    /**
     * Checks the id.
     *
     * @param envelopeId the envelope
     * @param starred {@code true} to star, {@code false} to unstar
     * @throws IllegalArgumentException if {@code envelopeId} is null or blank
     */
    public Star {
      requireId(envelopeId);
    }

    @Override
    public Envelope applyTo(Envelope envelope) {
      return envelope.withStarred(starred);
    }
  }

  /**
   * Marks the envelope read or unread.
   *
   * @param envelopeId the envelope
   * @param read {@code true} for read, {@code false} for unread
   */
  record MarkRead(String envelopeId, boolean read) implements MailAction {
    /**
     * Checks the id.
     *
     * @param envelopeId the envelope
     * @param read {@code true} for read, {@code false} for unread
     * @throws IllegalArgumentException if {@code envelopeId} is null or blank
     */
    public MarkRead {
      requireId(envelopeId);
    }

    @Override
    public Envelope applyTo(Envelope envelope) {
      return envelope.withRead(read);
    }
  }

  /**
   * Hides the envelope from the inbox until a given time (undoable).
   *
   * @param envelopeId the envelope
   * @param until when it comes back
   */
  record Snooze(String envelopeId, Instant until) implements MailAction {
    /**
     * Checks the fields.
     *
     * @param envelopeId the envelope
     * @param until when it comes back
     * @throws IllegalArgumentException if {@code envelopeId} is null or blank, or
     *     {@code until} is null
     */
    public Snooze {
      requireId(envelopeId);
      if (until == null) {
        throw new IllegalArgumentException("until is required");
      }
    }

    @Override
    public Envelope applyTo(Envelope envelope) {
      return envelope.withSnoozedUntil(until);
    }
  }

  private static void requireId(String envelopeId) {
    if (envelopeId == null || envelopeId.isBlank()) {
      throw new IllegalArgumentException("envelopeId is required");
    }
  }
}
