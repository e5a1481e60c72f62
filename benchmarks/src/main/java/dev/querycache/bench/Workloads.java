package dev.querycache.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The workloads of {@code docs/benchmarks.md}, run in one process: one JSON object per line on
 * standard output and nothing else there; progress goes to standard error.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--n N] [--only W1,W3,...]
 * </pre>
 *
 * <ul>
 *   <li>{@code --quick}: every workload small enough that the whole run takes seconds (a
 *       smoke test of the harness, not a measurement).
 *   <li>{@code --n N}: the cache size for W1, W2, W3 (one line instead of three) and W6; a
 *       positive multiple of 100.
 *   <li>{@code --only}: run only the named workloads (W2 includes W2b and W2base).
 * </ul>
 */
public final class Workloads {
  private static final List<String> ALL =
      List.of("W1", "W2", "W3", "W4", "W4e", "W4s", "W4l", "W5", "W6", "W7", "W8", "W8b", "W8c", "W9", "W9p", "W10", "W11", "W12");

  private Workloads() {}

  /**
   * Runs the workloads the arguments select and prints their lines.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) {
    List<Line> lines;
    try {
      lines = run(Settings.parse(args), System.out, System.err);
    } catch (IllegalArgumentException bad) {
      System.err.println("benchmarks: " + bad.getMessage());
      System.err.println("usage: java -jar benchmarks.jar [--quick] [--n N] [--only W1,W2,...]");
      System.exit(2);
      return;
    }
    System.err.println("done: " + lines.size() + " lines");
  }

  /** Runs the selected workloads, printing each line to {@code out} as it is measured. */
  static List<Line> run(Settings settings, PrintStream out, PrintStream progress) {
    // The full run warms each workload up for 3 rounds and 3 seconds at least: its JIT's steady state.
    Rounds rounds = settings.quick ? new Rounds(1, 5) : new Rounds(3, 7, 3_000_000_000L);
    List<Line> lines = new ArrayList<>();
    for (String workload : settings.only) {
      progress.println("running " + workload + (settings.quick ? " (quick)" : "") + " ...");
      switch (workload) {
        case "W1":
          emit(lines, out, () -> List.of(Populate.run(settings.n(10_000, 100_000), rounds)));
          break;
        case "W2":
          emit(lines, out, () -> Reads.run(settings.n(10_000, 100_000), settings.quick ? 100_000 : 1_000_000, rounds));
          break;
        case "W3":
          int calls = settings.quick ? 200 : 2_000;
          List<Integer> sizes = settings.n != null
              ? List.of(settings.n)
              : settings.quick ? List.of(1_000, 10_000) : List.of(10_000, 100_000, 1_000_000);
          for (int n : sizes) {
            emit(lines, out, () -> List.of(PrefixInvalidation.run(n, calls, rounds)));
          }
          break;
        case "W4":
          emit(lines, out, () -> List.of(ObservedUpdates.run(settings.quick ? 100 : 1_000, settings.quick ? 100_000 : 1_000_000, rounds)));
          break;
        case "W4e":
          emit(lines, out, () -> List.of(ObservedUpdates.run(
              settings.quick ? 100 : 1_000, settings.quick ? 100_000 : 1_000_000, rounds,
              ObservedUpdates.Variant.EVENT_LISTENER)));
          break;
        case "W4s":
          emit(lines, out, () -> List.of(ObservedUpdates.run(
              settings.quick ? 100 : 1_000, settings.quick ? 100_000 : 1_000_000, rounds, ObservedUpdates.Variant.SELECT)));
          break;
        case "W4l":
          emit(lines, out, () -> List.of(KeyedListUpdates.run(
              settings.quick ? 1_000 : 10_000, settings.quick ? 2_000 : 20_000, rounds)));
          break;
        case "W5":
          emit(lines, out, () -> List.of(OptimisticCycle.run(1_000, settings.quick ? 5_000 : 100_000, rounds)));
          break;
        case "W6":
          emit(lines, out, () -> List.of(Footprint.run(settings.n(10_000, 100_000))));
          break;
        case "W7":
          emit(lines, out, () -> List.of(RapidToggles.run(1_000, settings.quick ? 10_000 : 100_000, rounds)));
          break;
        case "W8":
          emit(lines, out, () -> List.of(CollectionWrites.w8(10_000, settings.quick ? 10_000 : 100_000, rounds)));
          break;
        case "W8b":
          emit(lines, out, () -> CollectionWrites.w8b(
              10_000, settings.quick ? 10 : 100, settings.quick ? new int[] {1_000} : new int[] {1_000, 10_000}, rounds));
          break;
        case "W8c":
          emit(lines, out, () -> List.of(CollectionWrites.w8c(10_000, settings.quick ? 10_000 : 100_000, rounds)));
          break;
        case "W9":
          emit(lines, out, () -> List.of(CollectionWrites.w9(10_000, settings.quick ? 1_000 : 10_000, rounds)));
          break;
        case "W9p":
          emit(lines, out, () -> List.of(CollectionWrites.w9p(10_000, settings.quick ? 1_000 : 10_000, rounds)));
          break;
        case "W10":
          emit(lines, out, () -> CollectionWrites.w10(10_000, settings.quick ? 100_000 : 1_000_000, rounds));
          break;
        case "W11":
          emit(lines, out, () -> List.of(InfiniteRefetch.run(20, settings.quick ? 500 : 10_000, rounds)));
          break;
        case "W12":
          emit(lines, out, () -> PacedTitleEdits.run(1_000, settings.quick ? 1_000 : 10_000, 10, rounds));
          break;
        default:
          throw new AssertionError(workload);
      }
    }
    return lines;
  }

  private static void emit(List<Line> lines, PrintStream out, Supplier<List<Line>> workload) {
    for (Line line : workload.get()) {
      out.println(line.toJson());
      out.flush();
      lines.add(line);
    }
  }

  /** The parsed command line. */
  static final class Settings {
    final boolean quick;
    final Integer n;
    final Set<String> only;

    private Settings(boolean quick, Integer n, Set<String> only) {
      this.quick = quick;
      this.n = n;
      this.only = only;
    }

    int n(int quickDefault, int fullDefault) {
      return n != null ? n : quick ? quickDefault : fullDefault;
    }

    /** @throws IllegalArgumentException naming the argument that is wrong */
    static Settings parse(String... args) {
      boolean quick = false;
      Integer n = null;
      Set<String> only = new LinkedHashSet<>(ALL);
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick":
            quick = true;
            break;
          case "--n":
            n = parseN(valueOf(args, i++));
            break;
          case "--only":
            only = new LinkedHashSet<>();
            for (String name : valueOf(args, i++).split(",")) {
              String workload =
                  ALL.stream().filter(known -> known.equalsIgnoreCase(name.trim())).findFirst().orElse(null);
              if (workload == null) {
                throw new IllegalArgumentException("--only: unknown workload " + name + ", expected some of " + ALL);
              }
              only.add(workload);
            }
            break;
          default:
            throw new IllegalArgumentException("unknown argument " + args[i] + " in " + Arrays.toString(args));
        }
      }
      return new Settings(quick, n, only);
    }

    private static String valueOf(String[] args, int at) {
      if (at + 1 >= args.length) {
        throw new IllegalArgumentException(args[at] + " needs a value");
      }
      return args[at + 1];
    }

    private static int parseN(String text) {
      int n;
      try {
        n = Integer.parseInt(text.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--n: not a number: " + text);
      }
      if (n < 100 || n % 100 != 0) {
        throw new IllegalArgumentException("--n: must be a positive multiple of 100, was " + n);
      }
      return n;
    }
  }
}
