package dev.querycache.bench;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import java.util.SplittableRandom;

/**
 * W3: a cache of n queries; {@code invalidateQueries(prefix ["plugin-" + f])} for random f,
 * each call marking 100 queries invalid. No observers, so nothing refetches.
 *
 * <p>So that every call really marks 100 valid queries (not queries a call before already
 * marked), each call is timed on its own and its family is written back afterwards, outside
 * the timing: writing data clears the invalid mark.
 */
final class PrefixInvalidation {
  private PrefixInvalidation() {}

  static Line run(int n, int calls, Rounds rounds) {
    Keys keys = new Keys(n);
    QueryClient client = Keys.newClient();
    QueryKey<Integer>[] held = keys.populate(client);
    SplittableRandom random = new SplittableRandom(7);
    int[] matched = new int[1];
    double nanos =
        rounds.nanosPerOp(
            calls,
            () -> {
              long elapsed = 0;
              matched[0] = 0;
              for (int call = 0; call < calls; call++) {
                int f = random.nextInt(keys.families());
                long start = System.nanoTime();
                client.invalidateQueries(keys.family(f));
                elapsed += System.nanoTime() - start;
                for (int i = f; i < n; i += keys.families()) {
                  if (client.getQueryState(held[i]).orElseThrow().isInvalidated()) {
                    matched[0]++;
                  }
                  client.setQueryData(held[i], i);
                }
              }
              return elapsed;
            });
    client.close();
    return new Line("W3", n).with("ops", calls).with("ns_per_op", nanos)
        .with("matched", matched[0] / calls)
        .with("note", "ns per invalidateQueries(prefix), each call marks valid queries invalid");
  }
}
