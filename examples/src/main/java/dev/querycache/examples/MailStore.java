package dev.querycache.examples;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's mailbox: envelopes, and the undo log of the undoable actions (the envelope as
 * it was before each, by mutation id). Snoozed envelopes wake up when their time has passed,
 * on the next read or write. Thread-safe (every method locks the store).
 */
final class MailStore {
  private final Map<String, Envelope> envelopes = new LinkedHashMap<>();
  private final Map<String, Envelope> undoLog = new HashMap<>();
  private final Clock clock;
  private long nextMutation = 1;

  MailStore(List<Envelope> seed, Clock clock) {
    this.clock = clock;
    seed.forEach(e -> envelopes.put(e.id(), e));
  }

  synchronized EnvelopeList envelopes(MailView view) {
    wakeUp();
    List<Envelope> rows = envelopes.values().stream()
        .filter(view::shows)
        .sorted(Comparator.comparing(Envelope::receivedAt).reversed().thenComparing(Envelope::id))
        .toList();
    return new EnvelopeList(view, rows);
  }

  /** Up to {@code limit} envelopes of {@code view} from {@code offset}, in the same order. */
  synchronized EnvelopeList envelopes(MailView view, int offset, int limit) {
    List<Envelope> all = envelopes(view).envelopes();
    int from = Math.min(offset, all.size());
    return new EnvelopeList(view, all.subList(from, Math.min(all.size(), from + limit)));
  }

  synchronized MailCounts counts() {
    wakeUp();
    int inbox = 0;
    int snoozed = 0;
    int archive = 0;
    int trash = 0;
    for (Envelope e : envelopes.values()) {
      switch (e.folder()) {
        case INBOX:
          if (e.snoozedUntil() == null) {
            inbox++;
          } else {
            snoozed++;
          }
          break;
        case ARCHIVE:
          archive++;
          break;
        case TRASH:
          trash++;
          break;
        default:
          throw new AssertionError(e.folder());
      }
    }
    return new MailCounts(inbox, snoozed, archive, trash);
  }

  synchronized MailResult perform(MailAction action) {
    wakeUp();
    Envelope before = envelopes.get(action.envelopeId());
    if (before == null) {
      throw HttpStatusException.notFound("No envelope with id '" + action.envelopeId() + "'");
    }
    if (action instanceof MailAction.Snooze && !((MailAction.Snooze) action).until().isAfter(clock.instant())) {
      throw HttpStatusException.badRequest("Cannot snooze until " + ((MailAction.Snooze) action).until()
          + ": the time must be in the future");
    }
    envelopes.put(before.id(), action.applyTo(before));
    if (!isUndoable(action)) {
      return new MailResult(null);
    }
    String mutationId = "mut-" + nextMutation++;
    undoLog.put(mutationId, before);
    return new MailResult(mutationId);
  }

  synchronized Envelope undo(String mutationId) {
    Envelope before = undoLog.remove(mutationId);
    if (before == null) {
      throw HttpStatusException.notFound(
          "Unknown mutation id '" + mutationId + "' (never issued, or already undone)");
    }
    envelopes.put(before.id(), before);
    wakeUp();
    return envelopes.get(before.id());
  }

  private static boolean isUndoable(MailAction action) {
    return action instanceof MailAction.Archive
        || action instanceof MailAction.Trash
        || action instanceof MailAction.Snooze;
  }

  private void wakeUp() {
    Instant now = clock.instant();
    envelopes.replaceAll((id, e) ->
        e.snoozedUntil() != null && !e.snoozedUntil().isAfter(now) ? e.withSnoozedUntil(null) : e);
  }
}
