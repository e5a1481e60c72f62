package dev.querycache.examples;

import java.util.List;
import java.util.Objects;

/**
 * The envelopes of one view, as {@code mail.envelopes} returns them.
 *
 * @param view the view these envelopes belong to
 * @param envelopes the envelopes, newest first
 */
public record EnvelopeList(MailView view, List<Envelope> envelopes) {
  /**
   * Copies the envelopes.
   *
   * @param view the view these envelopes belong to
   * @param envelopes the envelopes, newest first
   * @throws NullPointerException if a field is or holds null
   */
  public EnvelopeList {
    Objects.requireNonNull(view, "view == null");
    envelopes = List.copyOf(envelopes);
  }

  /**
   * The optimistic projection of the mail funnel: the envelope the action targets changes as
   * the action says ({@link MailAction#applyTo(Envelope)}) and stays in the list only if the
   * view still {@linkplain MailView#shows(Envelope) shows} it. So archiving removes the row
   * from the inbox but keeps it (archived) in the starred view, and unstarring removes it
   * from the starred view only. A pure, idempotent function of the list; an action whose
   * envelope is not in the list changes nothing (the settle refetch brings rows that enter
   * the view).
   *
   * @param action the action
   * @return the patched list, or this list if nothing changes
   */
  public EnvelopeList apply(MailAction action) {
    Objects.requireNonNull(action, "action == null");
    boolean present = envelopes.stream().anyMatch(e -> e.id().equals(action.envelopeId()));
    if (!present) {
      return this;
    }
    List<Envelope> rows = envelopes.stream()
        .map(e -> e.id().equals(action.envelopeId()) ? action.applyTo(e) : e)
        .filter(view::shows)
        .toList();
    return rows.equals(envelopes) ? this : new EnvelopeList(view, rows);
  }
}
