package dev.querycache.bench;

import dev.querycache.QueryKey;
import java.util.List;
import java.util.Map;

/**
 * The keys of WORKLOADS.md: {@code K(i) = ["plugin-" + (i % F), "item", {"id": i, "page": i % 7}]}
 * with {@code F = n / 100} families, so each family prefix matches exactly 100 queries.
 */
final class Keys {
  private final int families;

  Keys(int n) {
    if (n < 100 || n % 100 != 0) {
      throw new IllegalArgumentException("n must be a positive multiple of 100, was " + n);
    }
    this.families = n / 100;
  }

  int families() {
    return families;
  }

  /** {@code K(i)}, built anew, as UI code builds it. */
  QueryKey<Integer> key(int i) {
    return QueryKey.of("plugin-" + (i % families), "item", Map.of("id", i, "page", i % 7));
  }

  /** The prefix of family {@code f}: {@code ["plugin-" + f]}. */
  QueryKey<Object> family(int f) {
    return QueryKey.of("plugin-" + f);
  }

  /** The W2base key: the same shape as plain JDK collections. */
  List<Object> plainKey(int i) {
    return List.of("plugin-" + (i % families), "item", Map.of("id", i, "page", i % 7));
  }
}
