package dev.querycache.swing;

import dev.querycache.CachedQuery;
import dev.querycache.FetchStatus;
import dev.querycache.QueryKey;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.internal.ui.RelativeTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.swing.table.AbstractTableModel;
import org.jspecify.annotations.Nullable;

/**
 * The rows of the {@link CacheInspector}'s "Queries" table: one per cached query, kept by
 * key. {@link #update} changes rows in place (a row keeps its index while its query stays),
 * appends new queries (sorted by key text) and deletes gone ones, firing an event only for
 * the rows that changed, so that the table's selection and scroll position survive. Confined
 * to the EDT.
 */
final class QueriesTableModel extends AbstractTableModel {
  private static final long serialVersionUID = 1L;

  static final int KEY = 0;
  static final int BADGE = 1;
  static final int STATUS = 2;
  static final int FETCH_STATUS = 3;
  static final int STALE = 4;
  static final int OBSERVERS = 5;
  static final int LAYERS = 6;
  static final int UPDATED = 7;

  private static final String[] NAMES = {
    "Key", "State", "Status", "Fetch status", "Stale", "Observers", "Optimistic layers", "Updated"
  };
  private static final Class<?>[] TYPES = {
    String.class, QueryBadge.class, QueryStatus.class, FetchStatus.class, Boolean.class, Integer.class,
    Integer.class, String.class
  };
  static final String NEVER = "\u2014";

  /** One row: a snapshot and the "ago" text computed with it. */
  private static final class Row {
    final CachedQuery<?> query;
    final String keyText;
    final String updated;
    final QueryBadge badge;

    Row(CachedQuery<?> query, String updated) {
      this.query = query;
      this.keyText = query.key().toString();
      this.updated = updated;
      this.badge = QueryBadge.of(query);
    }

    boolean sameAs(Row other) {
      return query.state() == other.query.state()
          && query.observerCount() == other.query.observerCount()
          && query.isStale() == other.query.isStale()
          && updated.equals(other.updated);
    }
  }

  private final transient List<Row> rows = new ArrayList<>();

  /**
   * Brings the rows up to {@code queries}.
   *
   * @param queries every query in the cache
   * @param now the inspector's clock reading, for the "Updated" column
   */
  void update(List<CachedQuery<?>> queries, long now) {
    Map<QueryKey<?>, CachedQuery<?>> byKey = new HashMap<>();
    for (CachedQuery<?> query : queries) {
      byKey.put(query.key(), query);
    }
    for (int i = rows.size() - 1; i >= 0; i--) {
      if (!byKey.containsKey(rows.get(i).query.key())) {
        rows.remove(i);
        fireTableRowsDeleted(i, i);
      }
    }
    Set<QueryKey<?>> shown = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Row old = rows.get(i);
      CachedQuery<?> query = Objects.requireNonNull(byKey.get(old.query.key()));
      shown.add(query.key());
      Row next = new Row(query, updated(query.state(), now));
      if (!next.sameAs(old)) {
        rows.set(i, next);
        fireTableRowsUpdated(i, i);
      }
    }
    List<Row> added = new ArrayList<>();
    for (CachedQuery<?> query : queries) {
      if (!shown.contains(query.key())) {
        added.add(new Row(query, updated(query.state(), now)));
      }
    }
    if (!added.isEmpty()) {
      added.sort(Comparator.comparing(row -> row.keyText));
      int first = rows.size();
      rows.addAll(added);
      fireTableRowsInserted(first, rows.size() - 1);
    }
  }

  /**
   * The snapshot shown in {@code row}.
   *
   * @param row a model row index
   * @return the query's snapshot
   * @throws IndexOutOfBoundsException if there is no such row
   */
  CachedQuery<?> queryAt(int row) {
    return rows.get(row).query;
  }

  /**
   * How many rows show each badge.
   *
   * @return a count for every badge, zero included, in the badges' order
   */
  Map<QueryBadge, Integer> badgeCounts() {
    Map<QueryBadge, Integer> counts = new EnumMap<>(QueryBadge.class);
    for (QueryBadge badge : QueryBadge.values()) {
      counts.put(badge, 0);
    }
    for (Row row : rows) {
      counts.merge(row.badge, 1, Integer::sum);
    }
    return counts;
  }

  /**
   * The row of {@code key}.
   *
   * @param key a query key
   * @return the model row index, or -1 if the key has no row
   */
  int rowOf(@Nullable QueryKey<?> key) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).query.key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public int getColumnCount() {
    return NAMES.length;
  }

  @Override
  public String getColumnName(int column) {
    return NAMES[column];
  }

  @Override
  public Class<?> getColumnClass(int column) {
    return TYPES[column];
  }

  @Override
  public Object getValueAt(int row, int column) {
    Row shown = rows.get(row);
    CachedQuery<?> query = shown.query;
    switch (column) {
      case KEY:
        return shown.keyText;
      case BADGE:
        return shown.badge;
      case STATUS:
        return query.state().status();
      case FETCH_STATUS:
        return query.state().fetchStatus();
      case STALE:
        return query.isStale();
      case OBSERVERS:
        return query.observerCount();
      case LAYERS:
        return query.state().optimisticLayers();
      case UPDATED:
        return shown.updated;
      default:
        throw new IndexOutOfBoundsException("no column " + column);
    }
  }

  /** When the query last got data or an error, as "N s ago"; a dash if never. */
  private static String updated(QueryState<?> state, long now) {
    boolean hasData = state.dataUpdateCount() > 0;
    boolean hasError = state.errorUpdateCount() > 0;
    if (!hasData && !hasError) {
      return NEVER;
    }
    long at =
        hasData && hasError
            ? (state.errorUpdatedAt() - state.dataUpdatedAt() > 0 ? state.errorUpdatedAt() : state.dataUpdatedAt())
            : hasData ? state.dataUpdatedAt() : state.errorUpdatedAt();
    return ago(now - at);
  }

  /** See {@link RelativeTime#ago}. */
  static String ago(long nanos) {
    return RelativeTime.ago(nanos);
  }

}
