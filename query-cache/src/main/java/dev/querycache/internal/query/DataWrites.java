package dev.querycache.internal.query;

import com.google.common.collect.ImmutableMap;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Data written by hand ({@code setQueryData}, {@code updateQueryData},
 * {@code setQueriesData}): each write lands on the live query of its key, or creates one,
 * in an atomic step that no eviction can interleave, inside one notification batch. What the
 * writes mean for optimistic layers (they become the confirmed data; succeeded runs' layers
 * leave) is {@link Query}'s. The caller has checked its arguments and that the client is
 * open.
 */
public final class DataWrites {
  private final QueryEngine engine;

  public DataWrites(QueryEngine engine) {
    this.engine = engine;
  }

  /** Checks a write of {@code data} through {@code via} to {@code query}; see {@link DataTypeCheck}. */
  private static void check(Query<?> query, QueryKey<?> via, @Nullable Object data) {
    query.dataType.checkWrite(via, data, query.state().data());
  }

  /** Writes {@code data} under {@code key}; returns what is stored (the old reference if equal). */
  public <T> T set(QueryKey<T> key, T data) {
    return engine.runtime.notifier.batch(
        () -> {
          Query<T> query = engine.cache.get(key);
          if (query != null) {
            check(query, key, data);
          }
          T stored = query == null ? null : query.setData(data);
          if (stored != null) {
            return stored;
          }
          // Absent, or evicted before the write landed: create and write in one atomic step,
          // which no eviction can interleave (with a size cap of zero it is evicted just after).
          return Objects.requireNonNull(engine.cache.create(key, engine.resolve(key, null), live -> {
            check(live, key, data);
            return live.setData(data);
          }));
        });
  }

  /**
   * Writes what {@code updater} makes of the data (null if none); a null result changes and
   * creates nothing. The updater runs again on newer data if another thread wrote meanwhile.
   */
  @SuppressWarnings("unchecked") // Query.update returns the query's data or the GONE marker
  public <T> Optional<T> update(QueryKey<T> key, UnaryOperator<@Nullable T> updater) {
    return engine.runtime.notifier.batch(
        () -> {
          while (true) {
            Query<T> existing = engine.cache.get(key);
            if (existing != null) {
              Object stored = existing.update(current -> {
                T after = updater.apply(current);
                check(existing, key, after);
                return after;
              });
              if (stored != Query.GONE) {
                return Optional.ofNullable((T) stored);
              }
              continue; // evicted before the write landed: try again on its successor
            }
            T created = updater.apply(null);
            if (created == null) {
              return Optional.<T>empty();
            }
            Object stored =
                engine.cache.create(
                    key,
                    engine.resolve(key, null),
                    live -> {
                      if (live.state().data() != null) {
                        return Query.GONE;
                      }
                      check(live, key, created);
                      return live.setData(created);
                    });
            if (stored != Query.GONE) {
              return Optional.ofNullable((T) stored);
            }
            // someone wrote first: run the updater on their data
          }
        });
  }

  /**
   * Applies {@code updater} to every selected query with data: every new value first, then
   * every write, so an updater that throws changes nothing. Returns the new data of the
   * queries that changed.
   */
  @SuppressWarnings("unchecked") // the caller's filter selects queries of type T
  public <T> Map<QueryKey<?>, T> updateAll(QueryFilter filter, UnaryOperator<T> updater) {
    return engine.runtime.notifier.batch(
        () -> {
          List<Query<T>> queries = new ArrayList<>();
          List<T> befores = new ArrayList<>();
          List<T> afters = new ArrayList<>();
          for (Query<?> match : engine.cache.findAll(filter)) {
            Query<T> query = (Query<T>) match;
            T before = query.writeBase().data();
            if (before != null) {
              queries.add(query);
              befores.add(before);
              T after = updater.apply(before);
              check(query, query.key, after);
              afters.add(after);
            }
          }
          ImmutableMap.Builder<QueryKey<?>, T> out = ImmutableMap.builder();
          for (int i = 0; i < queries.size(); i++) {
            T before = befores.get(i);
            T computed = afters.get(i);
            Query<T> query = queries.get(i);
            Object after = query.update(current -> {
              if (current == null || current == before) {
                return current == null ? null : computed;
              }
              T again = updater.apply(current);
              check(query, query.key, again);
              return again;
            });
            if (after != Query.GONE && after != null && after != before) {
              out.put(query.key, (T) after);
            }
          }
          return out.buildKeepingLast();
        });
  }
}
