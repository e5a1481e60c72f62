package dev.querycache.internal.query;

import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.QuerySettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The settings queries inherit: the client's defaults, then the defaults of each key prefix
 * that matches (in the order the prefixes were first set, later ones winning), then the
 * options of the call. Resolves them into a {@link ResolvedOptions}. Thread-safe: prefixes
 * may be set while queries resolve.
 */
public final class QueryDefaults {
  private final QuerySettings client;
  private final ResolvedOptions<?> baseline;
  private final List<PrefixDefaults> prefixes = new CopyOnWriteArrayList<>();

  QueryDefaults(QuerySettings client) {
    this.client = client;
    this.baseline = new ResolvedOptions<>(null, client);
  }

  /** Sets the defaults of {@code prefix}, replacing its earlier ones in place. */
  public void set(QueryKey<?> prefix, QuerySettings settings) {
    synchronized (prefixes) {
      for (int i = 0; i < prefixes.size(); i++) {
        if (prefixes.get(i).prefix.equals(prefix)) {
          prefixes.set(i, new PrefixDefaults(prefix, settings));
          return;
        }
      }
      prefixes.add(new PrefixDefaults(prefix, settings));
    }
  }

  /** The defaults that apply to {@code key}: the client's, then each matching prefix's. */
  public QuerySettings get(QueryKey<?> key) {
    return merged(key).build();
  }

  /**
   * The settings of {@code key} with {@code options} (null: none given, as for a write by
   * hand); {@code imperative}: see {@link ResolvedOptions}.
   */
  @SuppressWarnings("unchecked") // the baseline has no function, so it suits every type
  public <T> ResolvedOptions<T> resolve(QueryKey<T> key, @Nullable QueryOptions<T> options, boolean imperative) {
    if (options == null && prefixes.isEmpty()) {
      return (ResolvedOptions<T>) baseline;
    }
    QuerySettings.Builder merged = merged(key);
    if (options != null) {
      merged.apply(options.settings());
    }
    return new ResolvedOptions<>(options, merged.build(), imperative);
  }

  private QuerySettings.Builder merged(QueryKey<?> key) {
    QuerySettings.Builder merged = QuerySettings.builder().apply(client);
    for (PrefixDefaults entry : prefixes) {
      if (key.startsWith(entry.prefix)) {
        merged.apply(entry.settings);
      }
    }
    return merged;
  }

  private static final class PrefixDefaults {
    final QueryKey<?> prefix;
    final QuerySettings settings;

    PrefixDefaults(QueryKey<?> prefix, QuerySettings settings) {
      this.prefix = prefix;
      this.settings = settings;
    }
  }
}
