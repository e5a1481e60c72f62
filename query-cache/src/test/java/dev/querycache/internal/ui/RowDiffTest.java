package dev.querycache.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.internal.ui.RowDiff.Change;
import dev.querycache.internal.ui.RowDiff.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link RowDiff}, the keyed diff both models fire their events from. Rows
 * are strings {@code "key:value"} keyed by the part before the colon; changes print as
 * {@code "delete 1..2"}, {@code "insert 0..4"}, {@code "update 3..3"}.
 */
class RowDiffTest {
  private static final Function<String, String> KEY = row -> row.substring(0, row.indexOf(':'));

  /** Rows {@code "a:0", "b:0", ...} for the given keys. */
  private static List<String> rows(String keys) {
    return keys.chars().mapToObj(key -> (char) key + ":0").collect(Collectors.toList());
  }

  private static List<String> changes(List<String> before, List<String> after) {
    return RowDiff.between(before, after, KEY).stream().map(RowDiffTest::describe).collect(Collectors.toList());
  }

  private static String describe(Change<?> change) {
    return change.kind().name().toLowerCase() + " " + change.first() + ".." + change.last();
  }

  @Test
  void identicalListsNeedNoChange() {
    assertThat(changes(rows("abc"), rows("abc"))).isEmpty();
  }

  @Test
  void equalRowsInNewInstancesNeedNoChange() {
    List<String> before = List.of(new String("a:0"), new String("b:0"));

    assertThat(changes(before, List.of(new String("a:0"), new String("b:0")))).isEmpty();
  }

  @Test
  void firstLoadIsOneInsertOfEveryRow() {
    assertThat(changes(List.of(), rows("abcde"))).containsExactly("insert 0..4");
  }

  @Test
  void clearingIsOneDeleteOfEveryRow() {
    assertThat(changes(rows("abcde"), List.of())).containsExactly("delete 0..4");
  }

  @Test
  void aChangedValueUnderTheSameKeyIsAnUpdateOfThatRow() {
    assertThat(changes(rows("abcde"), List.of("a:0", "b:0", "c:1", "d:0", "e:0"))).containsExactly("update 2..2");
  }

  @Test
  void adjacentChangesOfOneKindAreOneRun() {
    assertThat(changes(rows("abcdef"), rows("aef"))).containsExactly("delete 1..3");
    assertThat(changes(rows("af"), rows("abcdf"))).containsExactly("insert 1..3");
    assertThat(changes(rows("abc"), List.of("a:1", "b:1", "c:0"))).containsExactly("update 0..1");
  }

  @Test
  void deletesComeBottomRunFirstSoThatEachIndexIsStillValid() {
    assertThat(changes(rows("abcde"), rows("ace"))).containsExactly("delete 3..3", "delete 1..1");
  }

  @Test
  void insertsComeTopRunFirstAtTheirNewIndexes() {
    assertThat(changes(rows("ace"), rows("abcde"))).containsExactly("insert 1..1", "insert 3..3");
  }

  @Test
  void deletesComeBeforeInsertsWhichComeBeforeUpdatesAtTheNewIndexes() {
    List<String> after = List.of("a:0", "c:1", "d:0", "x:0", "e:0");

    assertThat(changes(rows("abcde"), after)).containsExactly("delete 1..1", "insert 3..3", "update 1..1");
  }

  @Test
  void aSwapMovesOneRowByDeletingAndInsertingIt() {
    assertThat(changes(rows("ab"), rows("ba"))).containsExactly("delete 0..0", "insert 1..1");
  }

  @Test
  void aRowMovedUpIsTheOnlyRowThatMoves() {
    assertThat(changes(rows("abcde"), rows("adbce"))).containsExactly("delete 3..3", "insert 1..1");
  }

  @Test
  void aMovedRowWhoseValueChangedIsInsertedWithItsNewValue() {
    List<Change<String>> changes = RowDiff.between(rows("ab"), List.of("b:0", "a:1"), KEY);

    assertThat(changes.get(changes.size() - 1).rows()).containsExactly("a:1");
  }

  @Test
  void aDeleteCarriesTheRemovedRowsAndAnInsertTheNewOnes() {
    List<Change<String>> changes = RowDiff.between(rows("abc"), List.of("a:0", "x:0", "c:0"), KEY);

    assertThat(changes).containsExactly(
        new Change<>(Kind.DELETE, 1, List.of("b:0")), new Change<>(Kind.INSERT, 1, List.of("x:0")));
  }

  @Test
  void nullIsAKeyLikeAnyOther() {
    Function<String, String> nullForBlank = row -> row.startsWith(":") ? null : KEY.apply(row);

    assertThat(RowDiff.between(List.of(":0", "a:0"), List.of(":1", "a:0"), nullForBlank))
        .extracting(RowDiffTest::describe)
        .containsExactly("update 0..0");
  }

  @Test
  void duplicateKeysInTheNewListAreRefusedNamingTheKeyAndRows() {
    assertThatThrownBy(() -> changes(rows("ab"), List.of("a:0", "b:0", "a:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rowKey")
        .hasMessageContaining("rows 0 and 2 of the after list the same key a");
  }

  @Test
  void duplicateKeysInTheOldListAreRefused() {
    assertThatThrownBy(() -> changes(List.of("a:0", "a:1"), rows("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows 0 and 1 of the before list the same key a");
  }

  @Test
  void applyChangesTheRowsInStepWithTheEvents() {
    List<String> rows = new ArrayList<>(rows("abcde"));
    List<String> seen = new ArrayList<>();
    RowDiff.Events events =
        new RowDiff.Events() {
          @Override
          public void deleted(int first, int last) {
            seen.add("delete " + first + ".." + last + " leaves " + String.join(",", rows));
          }

          @Override
          public void inserted(int first, int last) {
            seen.add("insert " + first + ".." + last + " gives " + String.join(",", rows));
          }

          @Override
          public void updated(int first, int last) {
            seen.add("update " + first + ".." + last + " gives " + String.join(",", rows));
          }
        };

    RowDiff.apply(rows, List.of("a:0", "c:1", "x:0", "e:0"), KEY, events);

    assertThat(seen).containsExactly(
        "delete 3..3 leaves a:0,b:0,c:0,e:0",
        "delete 1..1 leaves a:0,c:0,e:0",
        "insert 2..2 gives a:0,c:0,x:0,e:0",
        "update 1..1 gives a:0,c:1,x:0,e:0");
  }

  @Test
  void applyAdoptsTheNewInstancesOfEqualRowsWithoutEvents() {
    String fresh = new String("a:0");
    List<String> rows = new ArrayList<>(List.of("a:0"));
    List<String> seen = new ArrayList<>();

    RowDiff.apply(rows, List.of(fresh), KEY, recordingInto(seen));

    assertThat(rows.get(0)).isSameAs(fresh);
    assertThat(seen).isEmpty();
  }

  @Test
  void applyLeavesTheRowsUnchangedWhenKeysCollide() {
    List<String> rows = new ArrayList<>(rows("ab"));

    assertThatThrownBy(() -> RowDiff.apply(rows, List.of("a:1", "a:2"), KEY, recordingInto(new ArrayList<>())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(rows).containsExactly("a:0", "b:0");
  }

  /** Over many random edits: the changes, applied in order, turn the old rows into the new. */
  @Test
  void appliedInOrderTheChangesTurnTheOldRowsIntoTheNew() {
    Random random = new Random(42);
    for (int round = 0; round < 2_000; round++) {
      List<String> before = randomRows(random);
      List<String> after = randomRows(random);
      List<String> rows = new ArrayList<>(before);

      for (Change<String> change : RowDiff.between(before, after, KEY)) {
        assertThat(change.first()).as("round %d: %s", round, change).isBetween(0, rows.size());
        change.applyTo(rows);
      }

      assertThat(rows).as("round %d: %s -> %s", round, before, after).isEqualTo(after);
    }
  }

  /** Over many random reorders: a row is moved only if no order-keeping diff could leave it. */
  @Test
  void aReorderMovesAsFewRowsAsPossible() {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      List<String> before = randomRows(random);
      List<String> after = new ArrayList<>(before);
      java.util.Collections.shuffle(after, random);

      int moved = RowDiff.between(before, after, KEY).stream()
          .filter(change -> change.kind() == Kind.DELETE)
          .mapToInt(change -> change.rows().size())
          .sum();

      assertThat(moved).as("round %d: %s -> %s", round, before, after)
          .isEqualTo(before.size() - longestCommonOrder(before, after));
    }
  }

  /** Up to 12 rows with distinct keys from a to p, in random order, values 0 or 1. */
  private static List<String> randomRows(Random random) {
    List<Character> keys = new ArrayList<>();
    for (char key = 'a'; key <= 'p'; key++) {
      keys.add(key);
    }
    java.util.Collections.shuffle(keys, random);
    int size = random.nextInt(13);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      rows.add(keys.get(i) + ":" + random.nextInt(2));
    }
    return rows;
  }

  /** The longest common subsequence of two permutations of one key set, by quadratic DP. */
  private static int longestCommonOrder(List<String> before, List<String> after) {
    Map<String, Integer> position = new HashMap<>();
    for (int j = 0; j < after.size(); j++) {
      position.put(KEY.apply(after.get(j)), j);
    }
    int[] sequence = before.stream().mapToInt(row -> position.get(KEY.apply(row))).toArray();
    int[] best = new int[sequence.length];
    Arrays.fill(best, 1);
    int longest = 0;
    for (int i = 0; i < sequence.length; i++) {
      for (int k = 0; k < i; k++) {
        if (sequence[k] < sequence[i]) {
          best[i] = Math.max(best[i], best[k] + 1);
        }
      }
      longest = Math.max(longest, best[i]);
    }
    return longest;
  }

  private static RowDiff.Events recordingInto(List<String> seen) {
    return new RowDiff.Events() {
      @Override
      public void deleted(int first, int last) {
        seen.add("delete " + first + ".." + last);
      }

      @Override
      public void inserted(int first, int last) {
        seen.add("insert " + first + ".." + last);
      }

      @Override
      public void updated(int first, int last) {
        seen.add("update " + first + ".." + last);
      }
    };
  }

  @Test
  void theSameKeysAtTheSameIndexesGiveOneUpdatePerRunOfChangedRows() {
    List<String> before = List.of("a1", "b1", "c1", "d1", "e1");
    List<String> after = List.of("a1", "b2", "c2", "d1", "e2");

    List<RowDiff.Change<String>> changes = RowDiff.between(before, after, row -> row.charAt(0));

    assertThat(changes).extracting(RowDiff.Change::kind, RowDiff.Change::first, RowDiff.Change::rows)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RowDiff.Kind.UPDATE, 1, List.of("b2", "c2")),
            org.assertj.core.groups.Tuple.tuple(RowDiff.Kind.UPDATE, 4, List.of("e2")));
  }
}
