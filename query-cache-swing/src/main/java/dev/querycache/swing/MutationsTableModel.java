package dev.querycache.swing;

import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.internal.ui.RowDiff;
import java.util.ArrayList;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/**
 * The rows of the {@link CacheInspector}'s "Mutations" table: one per mutation run the client
 * remembers (the pending ones and the latest settled ones), oldest first, kept by run id.
 * {@link #update} applies the same keyed diff as {@link QueryTableModel} ({@link RowDiff}),
 * firing events only for the rows that changed. Confined to the EDT.
 */
final class MutationsTableModel extends AbstractTableModel {
  private static final long serialVersionUID = 1L;

  static final int ID = 0;
  static final int NAME = 1;
  static final int KEY = 2;
  static final int STATUS = 3;
  static final int VARIABLES = 4;
  static final int PAUSED = 5;
  static final int FAILURES = 6;
  static final int RESULT = 7;
  static final int ERROR = 8;
  static final int SUBMITTED = 9;

  private static final String[] NAMES = {
    "ID", "Name", "Key", "Status", "Variables", "Paused", "Failures", "Result", "Error", "Submitted"
  };
  private static final Class<?>[] TYPES = {
    Long.class, String.class, String.class, MutationStatus.class, String.class, Boolean.class, Integer.class,
    String.class, String.class, String.class
  };
  /** The clock reading the "Submitted" column counts from. */
  private long now;

  private final transient List<MutationState<?, ?, ?>> rows = new ArrayList<>();
  private final transient RowDiff.Events events =
      new RowDiff.Events() {
        @Override
        public void deleted(int first, int last) {
          fireTableRowsDeleted(first, last);
        }

        @Override
        public void inserted(int first, int last) {
          fireTableRowsInserted(first, last);
        }

        @Override
        public void updated(int first, int last) {
          fireTableRowsUpdated(first, last);
        }
      };

  /**
   * Brings the rows up to {@code runs}.
   *
   * @param runs the runs the client remembers, oldest first
   */
  void update(List<MutationState<?, ?, ?>> runs, long now) {
    // The keyed diff the query models use: a run's state is replaced on every transition.
    RowDiff.apply(rows, runs, MutationState::id, events);
    boolean secondsMoved = (now - this.now) / 1_000_000_000L != 0;
    this.now = now;
    if (secondsMoved && !rows.isEmpty()) {
      fireTableRowsUpdated(0, rows.size() - 1); // the "Submitted" times
    }
  }

  /**
   * The run shown in {@code row}.
   *
   * @param row a model row index
   * @return the run's state
   * @throws IndexOutOfBoundsException if there is no such row
   */
  MutationState<?, ?, ?> runAt(int row) {
    return rows.get(row);
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
    MutationState<?, ?, ?> run = rows.get(row);
    switch (column) {
      case ID:
        return run.id();
      case NAME:
        return run.name();
      case KEY:
        return run.mutationKey() == null ? QueriesTableModel.NEVER : String.valueOf(run.mutationKey());
      case STATUS:
        return run.status();
      case VARIABLES:
        return run.variables() == null ? QueriesTableModel.NEVER : String.valueOf(run.variables());
      case PAUSED:
        return run.isPaused();
      case FAILURES:
        return run.failureCount();
      case RESULT:
        return run.result() == null ? QueriesTableModel.NEVER : String.valueOf(run.result());
      case ERROR:
        return run.error() == null ? QueriesTableModel.NEVER : String.valueOf(run.error());
      case SUBMITTED:
        return QueriesTableModel.ago(now - run.submittedAt());
      default:
        throw new IndexOutOfBoundsException("no column " + column);
    }
  }
}
