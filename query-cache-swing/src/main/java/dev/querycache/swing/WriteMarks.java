package dev.querycache.swing;

import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reduces mutation runs to one mark per row key, for {@link QueryTableModel#markWrites}: a
 * row with a pending run is {@link MutationStatus#PENDING}; otherwise a row whose latest run
 * failed is {@link MutationStatus#ERROR}; a row whose latest run succeeded has no mark.
 */
final class WriteMarks {
  private WriteMarks() {}

  /** The marks of {@code runs} (oldest first), by the row key of their variables. */
  static Map<Object, MutationStatus> of(List<MutationState<?, ?, ?>> runs, Function<Object, ?> rowKey) {
    Map<Object, MutationStatus> marks = new HashMap<>();
    for (MutationState<?, ?, ?> run : runs) {
      Object variables = run.variables();
      Object key = variables == null ? null : rowKey.apply(variables);
      if (key == null || marks.get(key) == MutationStatus.PENDING) {
        continue;
      }
      switch (run.status()) {
        case PENDING:
        case ERROR:
          marks.put(key, run.status());
          break;
        default:
          marks.remove(key); // a later success clears an earlier failure
      }
    }
    return marks.isEmpty() ? Map.of() : marks;
  }
}
