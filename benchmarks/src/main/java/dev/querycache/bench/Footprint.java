package dev.querycache.bench;

import dev.querycache.QueryClient;
import java.lang.ref.Reference;

/**
 * W6: bytes of heap per cached query, for n queries holding an Integer each: heap used after
 * a full collection with the queries cached, minus heap used before populating, over n. The
 * count includes everything the cache keeps: keys, queries, states, entries, index, data.
 */
final class Footprint {
  private Footprint() {}

  static Line run(int n) {
    Keys keys = new Keys(n);
    long before = usedAfterGc();
    QueryClient client = Keys.newClient();
    for (int i = 0; i < n; i++) {
      client.setQueryData(keys.key(i), i);
    }
    long after = usedAfterGc();
    Reference.reachabilityFence(client);
    client.close();
    double perEntry = (double) (after - before) / n;
    return new Line("W6", n).with("bytes_per_entry", perEntry)
        .with("note", "heap used after full GC with n queries cached, minus before, over n");
  }

  /** Heap in use once collections no longer free anything. */
  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = runtime.totalMemory() - runtime.freeMemory();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
