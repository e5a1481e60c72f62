package dev.querycache.bench;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import java.util.List;
import java.util.Map;

/**
 * The keys of the benchmark workloads (docs/benchmarks.md):
 * {@code K(i) = ["plugin-" + (i % F), "item", {"id": i, "page": i % 7}]} with
 * {@code F = n / 100} families, so each family prefix matches exactly 100 queries. Shared by
 * the workload harness and the JMH benchmarks, so both measure the same keys.
 */
public final class Keys {
  private final int n;
  private final int families;

  /**
   * Keys for a cache of {@code n} queries.
   *
   * @param n the number of queries
   * @throws IllegalArgumentException if {@code n} is not a positive multiple of 100
   */
  public Keys(int n) {
    if (n < 100 || n % 100 != 0) {
      throw new IllegalArgumentException("n must be a positive multiple of 100, was " + n);
    }
    this.n = n;
    this.families = n / 100;
  }

  /**
   * The number of families, {@code F = n / 100}.
   *
   * @return F
   */
  public int families() {
    return families;
  }

  /**
   * {@code K(i)}, built anew, as UI code builds it.
   *
   * @param i the query's number
   * @return the key
   */
  public QueryKey<Integer> key(int i) {
    return QueryKey.of("plugin-" + (i % families), "item", Map.of("id", i, "page", i % 7));
  }

  /**
   * The prefix filter of family {@code f}, {@code ["plugin-" + f]}, built anew.
   *
   * @param f the family's number
   * @return the filter
   */
  public QueryFilter family(int f) {
    return QueryFilter.prefix("plugin-" + f);
  }

  /**
   * Writes {@code K(i) -> i} for every i into {@code client}.
   *
   * @param client the client to fill
   * @return the keys written, indexed by i (held, for workloads that reuse key objects)
   */
  public QueryKey<Integer>[] populate(QueryClient client) {
    @SuppressWarnings("unchecked")
    QueryKey<Integer>[] held = (QueryKey<Integer>[]) new QueryKey<?>[n];
    for (int i = 0; i < n; i++) {
      held[i] = key(i);
      client.setQueryData(held[i], i);
    }
    return held;
  }

  /**
   * A client as the workloads need it: synchronous notification, every other default.
   *
   * @return a new client
   */
  public static QueryClient newClient() {
    return QueryClient.builder().notifyExecutor(Runnable::run).build();
  }

  /** The W2base key: the same shape as plain JDK collections. */
  List<Object> plainKey(int i) {
    return List.of("plugin-" + (i % families), "item", Map.of("id", i, "page", i % 7));
  }
}
