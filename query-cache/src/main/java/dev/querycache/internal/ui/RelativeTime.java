package dev.querycache.internal.ui;

/** How long ago something happened, as the UI modules' inspectors show ages. */
public final class RelativeTime {
  private RelativeTime() {}

  /**
   * A relative time: seconds under a minute, minutes under an hour, then hours.
   *
   * @param nanos how long ago; negative reads as zero
   * @return such as {@code "3 s ago"}, {@code "2 min ago"}, {@code "1 h ago"}
   */
  public static String ago(long nanos) {
    long seconds = Math.max(0, nanos) / 1_000_000_000L;
    if (seconds < 60) {
      return seconds + " s ago";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min ago";
    }
    return seconds / 3600 + " h ago";
  }

  /**
   * A relative time for a timeline: milliseconds under a second, tenths of seconds under a
   * minute, then as {@link #ago}.
   *
   * @param nanos how long ago; negative reads as zero
   * @return such as {@code "250 ms ago"}, {@code "3.2 s ago"}
   */
  public static String preciseAgo(long nanos) {
    long millis = Math.max(0, nanos) / 1_000_000L;
    if (millis < 1_000) {
      return millis + " ms ago";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s ago", millis / 1000.0);
    }
    return ago(nanos);
  }
}
