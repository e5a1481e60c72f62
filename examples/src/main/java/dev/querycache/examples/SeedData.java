package dev.querycache.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The data a fresh {@link DemoServer} holds: twelve notifications (seven unread), five
 * health-check configurations (one paused), twenty envelopes (twelve in the inbox, some
 * starred, seven in the archive, one in the trash). Times count back from {@code now}.
 */
final class SeedData {
  private SeedData() {}

  static List<Notification> notifications(Instant now) {
    String[][] rows = {
      {"Deploy finished", "api-gateway 2.14.0 is live in production.", "unread"},
      {"Health check failing", "Payments webhook has failed 3 probes in a row.", "unread"},
      {"New comment", "Grace commented on 'Rate limits for the public API'.", "unread"},
      {"Certificate expires soon", "The certificate of auth.example.com expires in 14 days.", "read"},
      {"Review requested", "Linus asked you to review 'Cache eviction by size'.", "unread"},
      {"Incident resolved", "INC-2041 (elevated latency in eu-west) is resolved.", "read"},
      {"Backup completed", "The nightly database backup finished in 12 minutes.", "read"},
      {"Quota at 80%", "Your team has used 80% of its monthly build minutes.", "unread"},
      {"Weekly report", "Uptime last week: 99.97%. Slowest check: CDN edge.", "read"},
      {"New team member", "Barbara joined the Platform team.", "unread"},
      {"Maintenance window", "Database maintenance on Sunday, 02:00 to 03:00 UTC.", "read"},
      {"Password changed", "The password of the deploy bot was rotated.", "unread"},
    };
    List<Notification> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      out.add(new Notification("n" + (i + 1), rows[i][0], rows[i][1], rows[i][2].equals("read"),
          now.minus(Duration.ofMinutes(7L + 53L * i))));
    }
    return List.copyOf(out);
  }

  /** What arrives later, in turn, when the server lets notifications arrive by themselves. */
  private static final String[][] ARRIVALS = {
    {"Deploy started", "web-frontend 3.2.0 is rolling out to production."},
    {"New comment", "Ada replied on 'Rate limits for the public API'."},
    {"Build failed", "Nightly build #4513 failed: 2 tests in query-cache-swing."},
    {"Health check recovered", "Payments webhook answers its probes again."},
    {"Review approved", "Linus approved 'Cache eviction by size'."},
  };

  /**
   * The {@code n}th notification that arrives by itself (from 0), received at {@code at}:
   * unread, its id following the seed's ({@code n13}, {@code n14}, ...).
   */
  static Notification arrival(int n, Instant at) {
    String[] row = ARRIVALS[n % ARRIVALS.length];
    return new Notification("n" + (13 + n), row[0], row[1], false, at);
  }

  static List<HealthCheckConfig> healthChecks() {
    return List.of(
        new HealthCheckConfig("c1", "Public API", "https://api.example.com/health", 30, false),
        new HealthCheckConfig("c2", "Database", "tcp://db.internal.example.com:5432", 60, false),
        new HealthCheckConfig("c3", "Auth service", "https://auth.example.com/healthz", 30, false),
        new HealthCheckConfig("c4", "Payments webhook", "https://payments.example.com/ping", 120, false),
        new HealthCheckConfig("c5", "CDN edge", "https://cdn.example.com/status", 300, true));
  }

  static List<Task> tasks() {
    return List.of(
        new Task("k1", "Write the release notes", false),
        new Task("k2", "Review the pacing pull request", true),
        new Task("k3", "Book the venue for the meetup", false),
        new Task("k4", "Renew the TLS certificate", false),
        new Task("k5", "Answer the support backlog", false),
        new Task("k6", "Plan the next sprint", false));
  }

  static List<Envelope> envelopes(Instant now) {
    Object[][] rows = {
      // from, subject, snippet, label, folder, starred, read
      {"Grace Hopper", "Rate limits for the public API", "I think 100 requests per second is", "work", MailFolder.INBOX, true, false},
      {"Linus", "Cache eviction by size", "The size bound should count entries, not", "work", MailFolder.INBOX, false, false},
      {"Ada Lovelace", "Lunch on Friday?", "There is a new place near the station", "personal", MailFolder.INBOX, false, true},
      {"Build bot", "Nightly build #4512 passed", "All 2,341 tests passed in 14 minutes", "ci", MailFolder.INBOX, false, true},
      {"Barbara Liskov", "Welcome aboard", "Thanks for the warm welcome! Looking forward", "work", MailFolder.INBOX, true, false},
      {"Billing", "Your invoice for May", "Invoice INV-2026-05 is attached. Amount due", "receipts", MailFolder.INBOX, false, false},
      {"Ken Thompson", "Re: log format", "Plain text with one event per line is", "work", MailFolder.INBOX, false, true},
      {"Newsletter", "This week in Java", "Records, sealed types and pattern matching", "newsletters", MailFolder.INBOX, false, false},
      {"Margaret Hamilton", "Incident review notes", "Attached are the notes from Tuesday's review", "work", MailFolder.INBOX, true, true},
      {"Calendar", "Reminder: design review", "Design review of the mutation funnel at 15:00", "work", MailFolder.INBOX, false, false},
      {"Dennis Ritchie", "Printing the walkthrough", "Could the console demo print one line per", "work", MailFolder.INBOX, false, false},
      {"Travel desk", "Your train tickets", "Your booking reference is QX7R2. Seats 41 and", "personal", MailFolder.INBOX, false, true},
      {"Edsger Dijkstra", "On the cruelty of retries", "Exponential backoff is a kindness to the", "work", MailFolder.ARCHIVE, true, true},
      {"Billing", "Your invoice for April", "Invoice INV-2026-04 is attached. Amount due", "receipts", MailFolder.ARCHIVE, false, true},
      {"Alan Kay", "Objects and messages", "The big idea is messaging, not the objects", "work", MailFolder.ARCHIVE, true, true},
      {"Newsletter", "Last week in Java", "Virtual threads in production: what we", "newsletters", MailFolder.ARCHIVE, false, true},
      {"Frances Allen", "Compiler meetup slides", "Here are the slides from the meetup, with", "work", MailFolder.ARCHIVE, false, true},
      {"Hotel Central", "Booking confirmation", "We look forward to welcoming you on", "personal", MailFolder.ARCHIVE, false, true},
      {"Build bot", "Nightly build #4490 failed", "3 tests failed in query-cache-swing", "ci", MailFolder.ARCHIVE, false, true},
      {"Prize Office", "You have won!", "Claim your prize now by sending your", "spam", MailFolder.TRASH, false, false},
    };
    List<Envelope> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      Object[] r = rows[i];
      out.add(new Envelope("m" + (i + 1), (String) r[0], (String) r[1], r[2] + "...", List.of((String) r[3]),
          (MailFolder) r[4], (Boolean) r[5], (Boolean) r[6], null, now.minus(Duration.ofMinutes(11L + 97L * i))));
    }
    return List.copyOf(out);
  }
}
