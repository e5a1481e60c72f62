package dev.querycache.examples;

import java.util.Locale;

/**
 * The command line of {@link Demo}, parsed: {@code --latency-ms N}, {@code --failure-rate F},
 * {@code --port P}, {@code --javafx}, {@code --console}, {@code --help}; values follow their flag as the next
 * argument or after {@code =}.
 */
record DemoFlags(long latencyMs, double failureRate, int port, boolean javafx, boolean console, boolean help) {
  static final long DEFAULT_LATENCY_MS = 200;

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: Demo [--latency-ms N] [--failure-rate F] [--port P] [--javafx] [--console] [--help]",
      "  --latency-ms N    latency the server adds to each request, 0 to " + ServerSettings.MAX_LATENCY_MS
          + " (default " + DEFAULT_LATENCY_MS + ")",
      "  --failure-rate F  share of requests that fail with HTTP 500, 0.0 to 1.0 (default 0.0)",
      "  --port P          port on the loopback interface, 0 for any free one (default 0)",
      "  --javafx          show the JavaFX window instead of the Swing one",
      "  --console         run the console walkthrough even when a display is available",
      "  --help            print this help");

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException for an unknown flag, a missing value or a bad one; the
   *     message names the flag
   */
  static DemoFlags parse(String... args) {
    long latencyMs = DEFAULT_LATENCY_MS;
    double failureRate = 0.0;
    int port = 0;
    boolean javafx = false;
    boolean console = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (flag) {
        case "--javafx":
        case "--console":
        case "--help":
        case "-h":
          if (inline != null) {
            throw new IllegalArgumentException(flag + " takes no value: '" + arg + "'");
          }
          if (flag.equals("--javafx")) {
            javafx = true;
          } else if (flag.equals("--console")) {
            console = true;
          } else {
            help = true;
          }
          break;
        case "--latency-ms": {
          String value = inline != null ? inline : valueAfter(args, i++, flag);
          latencyMs = parseLong(flag, value, 0, ServerSettings.MAX_LATENCY_MS, "a whole number of milliseconds");
          break;
        }
        case "--failure-rate": {
          String value = inline != null ? inline : valueAfter(args, i++, flag);
          failureRate = parseRate(flag, value);
          break;
        }
        case "--port": {
          String value = inline != null ? inline : valueAfter(args, i++, flag);
          port = (int) parseLong(flag, value, 0, 65_535, "a port number");
          break;
        }
        default:
          throw new IllegalArgumentException("unknown flag '" + arg + "'");
      }
    }
    return new DemoFlags(latencyMs, failureRate, port, javafx, console, help);
  }

  private static String valueAfter(String[] args, int index, String flag) {
    if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index + 1];
  }

  private static long parseLong(String flag, String value, long min, long max, String what) {
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be " + what + " from " + min + " to " + max + ", not '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(flag + " must be from " + min + " to " + max + ", not " + parsed);
    }
    return parsed;
  }

  private static double parseRate(String flag, String value) {
    double parsed;
    try {
      parsed = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number from 0.0 to 1.0, not '" + value + "'");
    }
    if (!(parsed >= 0.0 && parsed <= 1.0)) {
      throw new IllegalArgumentException(
          flag + " must be from 0.0 to 1.0, not " + String.format(Locale.ROOT, "%s", value.trim()));
    }
    return parsed;
  }
}
