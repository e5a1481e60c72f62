package dev.querycache.bench;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * W2, W2b and W2base: random reads of existing keys, with keys built anew per call, with keys
 * held, and against a {@link HashMap} of plain JDK lists and maps for comparison.
 */
final class Reads {
  private Reads() {}

  static List<Line> run(int n, int reads, Rounds rounds) {
    Keys keys = new Keys(n);
    int[] picks = new SplittableRandom(42).ints(reads, 0, n).toArray();

    QueryClient client = Keys.newClient();
    QueryKey<Integer>[] held = keys.populate(client);
    Map<List<Object>, Integer> plain = new HashMap<>();
    for (int i = 0; i < n; i++) {
      plain.put(keys.plainKey(i), i);
    }

    // The three loops are written out rather than shared through a read function: one loop
    // calling three different lambdas would make that call site megamorphic, and the JIT
    // would stop inlining the read being measured.
    List<Line> lines = new ArrayList<>();
    double fresh =
        rounds.nanosPerOp(
            reads,
            () -> {
              long sum = 0;
              long start = System.nanoTime();
              for (int r : picks) {
                sum += client.getQueryData(keys.key(r)).orElse(-1);
              }
              long elapsed = System.nanoTime() - start;
              Sink.consume(sum);
              return elapsed;
            });
    double heldKeys =
        rounds.nanosPerOp(
            reads,
            () -> {
              long sum = 0;
              long start = System.nanoTime();
              for (int r : picks) {
                sum += client.getQueryData(held[r]).orElse(-1);
              }
              long elapsed = System.nanoTime() - start;
              Sink.consume(sum);
              return elapsed;
            });
    double base =
        rounds.nanosPerOp(
            reads,
            () -> {
              long sum = 0;
              long start = System.nanoTime();
              for (int r : picks) {
                sum += plain.getOrDefault(keys.plainKey(r), -1);
              }
              long elapsed = System.nanoTime() - start;
              Sink.consume(sum);
              return elapsed;
            });
    client.close();
    lines.add(new Line("W2", n).with("ops", reads).with("ns_per_op", fresh)
        .with("vs_base", fresh / base).with("note", "ns per get, key built anew per call"));
    lines.add(new Line("W2b", n).with("ops", reads).with("ns_per_op", heldKeys)
        .with("note", "ns per get, keys built beforehand"));
    lines.add(new Line("W2base", n).with("ops", reads).with("ns_per_op", base)
        .with("note", "java.util.HashMap keyed by List.of(..., Map.of(...)), key built anew per call"));
    return lines;
  }
}
