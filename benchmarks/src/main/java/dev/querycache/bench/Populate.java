package dev.querycache.bench;

import dev.querycache.QueryClient;

/** W1: {@code setQueryData(K(i), i)} for i in 0..n-1 into an empty cache. */
final class Populate {
  private Populate() {}

  static Line run(int n, Rounds rounds) {
    Keys keys = new Keys(n);
    double nanos =
        rounds.nanosPerOp(
            n,
            () -> {
              QueryClient client = Keys.newClient();
              long start = System.nanoTime();
              for (int i = 0; i < n; i++) {
                client.setQueryData(keys.key(i), i);
              }
              long elapsed = System.nanoTime() - start;
              client.close();
              return elapsed;
            });
    return new Line("W1", n).with("ops", n).with("ns_per_op", nanos).with("note", "ns per set, key built per call, empty cache each round");
  }
}
