package dev.querycache.tests;

import dev.querycache.QueryKey;
import dev.querycache.internal.key.KeyJson;
import dev.querycache.internal.key.KeyParts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of {@link QueryKey}: its identity (equality and hash), how parts are
 * converted and copied, which parts are refused, how it prints, and how keys match partially.
 */
@DisplayName("QueryKey")
public class QueryKeyTest {

  // Test fixtures are public so that Jackson (a separate module) may read them.

  /** A page of results, as a record part. */
  public record Page(int limit, int offset) {}

  /** An enum used as a part and inside records. */
  public enum Status {
    OPEN,
    CLOSED
  }

  /** An enum whose toString differs from its name. */
  public enum Shouting {
    LOUD;

    @Override
    public String toString() {
      return "loud!";
    }
  }

  /** A record holding an enum and a nested record. */
  public record Search(String text, Status status, Page page) {}

  /** A record holding values that keys turn into strings. */
  public record Stamped(UUID id, LocalDate day) {}

  /** A record holding an enum whose toString differs from its name. */
  public record Loudness(Shouting level) {}

  /** A record holding a float. */
  public record Ratio(float value) {}

  /** A record holding a double. */
  public record Measure(double value) {}

  /** A class with no properties at all: nothing to turn into a key tree. */
  public static final class Empty {}

  /** A bean (not a record) whose child refers back to it. */
  public static final class Parent {
    private Child child;

    /** @return the child */
    public Child getChild() {
      return child;
    }

    /** @param child the child */
    public void setChild(Child child) {
      this.child = child;
    }

    /** @return a constant */
    public String getName() {
      return "parent";
    }
  }

  /** The child of a {@link Parent}, holding a reference back to it. */
  public static final class Child {
    private final Parent parent;

    Child(Parent parent) {
      this.parent = parent;
    }

    /** @return the parent */
    public Parent getParent() {
      return parent;
    }
  }

  /** A bean holding an exact amount. */
  public static final class Money {
    private final BigDecimal amount;

    Money(BigDecimal amount) {
      this.amount = amount;
    }

    /** @return the amount */
    public BigDecimal getAmount() {
      return amount;
    }
  }

  /** A record whose accessor throws. */
  public record Fragile(int page) {
    @Override
    public int page() {
      throw new IllegalStateException("page not loaded");
    }
  }

  /**
   * A list that grows between being sized and being read, as a concurrent list does when
   * another thread adds an element meanwhile: {@code size()} says 2 the first time, 3 after.
   */
  static final class GrowingList extends java.util.AbstractList<Object> {
    private final AtomicInteger sizeCalls = new AtomicInteger();

    @Override
    public Object get(int index) {
      return "item" + index;
    }

    @Override
    public int size() {
      return sizeCalls.getAndIncrement() == 0 ? 2 : 3;
    }
  }

  private static LinkedHashMap<String, Object> orderedMap(Object... keysAndValues) {
    LinkedHashMap<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static void assertSameKey(QueryKey<?> a, QueryKey<?> b) {
    assertThat(a).isEqualTo(b);
    assertThat(b).isEqualTo(a);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
  }

  private static boolean partialMatch(QueryKey<?> key, QueryKey<?> filter) {
    return KeyParts.partialMatch(key.parts(), filter.parts());
  }

  // ---------------------------------------------------------------------------------------
  @Nested
  @DisplayName("equality and hash")
  class EqualityAndHash {

    @Test
    void keysWithTheSamePartsAreEqualAndHashAlike() {
      assertSameKey(QueryKey.of("todos", 1, true), QueryKey.of("todos", 1, true));
    }

    @Test
    void keysWithPartsInAnotherOrderAreNotEqual() {
      assertThat(QueryKey.of("a", "b")).isNotEqualTo(QueryKey.of("b", "a"));
    }

    @Test
    void keysOfDifferentLengthsAreNotEqual() {
      assertThat(QueryKey.of("a")).isNotEqualTo(QueryKey.of("a", "b"));
    }

    @Test
    void mapsWithTheSameEntriesInAnotherOrderAreEqual() {
      Map<String, Object> abc = orderedMap("a", 1, "b", "two", "c", true);
      Map<String, Object> cba = orderedMap("c", true, "b", "two", "a", 1);

      assertSameKey(QueryKey.of("list", abc), QueryKey.of("list", cba));
    }

    @Test
    void nestedMapsWithTheSameEntriesInAnotherOrderAreEqual() {
      Map<String, Object> first =
          orderedMap("type", "query", "input", orderedMap("limit", 20, "cursor", "x"));
      Map<String, Object> second =
          orderedMap("input", orderedMap("cursor", "x", "limit", 20), "type", "query");

      assertSameKey(QueryKey.of(first), QueryKey.of(second));
    }

    @Test
    void mapsWithDifferentValuesAreNotEqual() {
      assertThat(QueryKey.of(Map.of("a", 1))).isNotEqualTo(QueryKey.of(Map.of("a", 2)));
    }

    @Test
    void mapsWithDifferentKeysAreNotEqual() {
      assertThat(QueryKey.of(Map.of("a", 1))).isNotEqualTo(QueryKey.of(Map.of("b", 1)));
    }

    @Test
    void integralNumbersOfEveryBoxedTypeAreEqualParts() {
      QueryKey<?> expected = QueryKey.of(1);
      for (Object one :
          List.of(1, 1L, (short) 1, (byte) 1, 1.0, 1.0f, new BigDecimal("1.00"), BigInteger.ONE)) {
        assertThat(QueryKey.of(one)).as("QueryKey.of(%s %s)", one.getClass().getSimpleName(), one)
            .isEqualTo(expected);
        assertThat(QueryKey.of(one).hashCode()).as("hash of %s %s", one.getClass().getSimpleName(), one)
            .isEqualTo(expected.hashCode());
      }
    }

    @Test
    void aDoubleEqualsTheDecimalItPrintsAs() {
      assertSameKey(QueryKey.of(0.1), QueryKey.of(new BigDecimal("0.1")));
    }

    @Test
    void decimalsDifferingOnlyInTrailingZerosAreEqual() {
      assertSameKey(QueryKey.of(new BigDecimal("2.50")), QueryKey.of(new BigDecimal("2.5")));
    }

    @Test
    void aFractionIsNotEqualToAnInteger() {
      assertThat(QueryKey.of(1.5)).isNotEqualTo(QueryKey.of(1));
    }

    @Test
    void negativeZeroEqualsZero() {
      assertSameKey(QueryKey.of(-0.0), QueryKey.of(0));
    }

    @Test
    void integersBeyondTheRangeOfLongCompareByValue() {
      BigInteger huge = BigInteger.TWO.pow(70);
      assertSameKey(QueryKey.of(huge), QueryKey.of(new BigDecimal(huge).setScale(3)));
    }

    @Test
    void longMaxValueAsABigIntegerEqualsTheLong() {
      assertSameKey(
          QueryKey.of(BigInteger.valueOf(Long.MAX_VALUE)), QueryKey.of(Long.MAX_VALUE));
    }

    @Test
    void numbersInsideMapsAndListsCompareByValue() {
      assertSameKey(
          QueryKey.of(Map.of("n", List.of(1, 2.0))),
          QueryKey.of(Map.of("n", List.of(1L, new BigDecimal("2.000")))));
    }

    @Test
    void anEnumEqualsTheStringOfItsName() {
      assertSameKey(QueryKey.of(Status.OPEN), QueryKey.of("OPEN"));
    }

    @Test
    void anEnumEqualsItsNameEvenWhenItsToStringDiffers() {
      assertSameKey(QueryKey.of(Shouting.LOUD), QueryKey.of("LOUD"));
    }

    @Test
    void differentEnumConstantsAreNotEqual() {
      assertThat(QueryKey.of(Status.OPEN)).isNotEqualTo(QueryKey.of(Status.CLOSED));
    }

    @Test
    void booleansAreEqualByValue() {
      assertSameKey(QueryKey.of(Boolean.TRUE), QueryKey.of(true));
      assertThat(QueryKey.of(true)).isNotEqualTo(QueryKey.of(false));
    }

    @Test
    void aBooleanIsNotEqualToItsString() {
      assertThat(QueryKey.of(true)).isNotEqualTo(QueryKey.of("true"));
    }

    @Test
    void aNumberIsNotEqualToItsString() {
      assertThat(QueryKey.of(1)).isNotEqualTo(QueryKey.of("1"));
    }

    @Test
    void nullPartsAreEqual() {
      assertSameKey(QueryKey.of("a", null), QueryKey.of("a", null));
    }

    @Test
    void aNullPartIsNotEqualToAMissingPart() {
      assertThat(QueryKey.of("a", null)).isNotEqualTo(QueryKey.of("a"));
    }

    @Test
    void aNullMapValueIsNotEqualToAMissingEntry() {
      Map<String, Object> withNull = new HashMap<>();
      withNull.put("a", null);
      assertThat(QueryKey.of(withNull)).isNotEqualTo(QueryKey.of(Map.of()));
    }

    @Test
    void nestedListsAreEqualElementByElement() {
      assertSameKey(
          QueryKey.of(List.of("a", List.of(1, List.of("b")))),
          QueryKey.of(new ArrayList<>(List.of("a", new ArrayList<>(List.of(1L, List.of("b")))))));
      assertThat(QueryKey.of(List.of("a", List.of(1, List.of("b")))))
          .isNotEqualTo(QueryKey.of(List.of("a", List.of(1, List.of("c")))));
    }

    @Test
    void aKeyFromAListEqualsAKeyOfTheSameParts() {
      assertSameKey(QueryKey.fromList(List.of("a", "b")), QueryKey.of("a", "b"));
    }

    @Test
    void aListGivenToOfIsASinglePart() {
      QueryKey<?> onePart = QueryKey.of(List.of("a", "b"));

      assertThat(onePart.parts()).hasSize(1);
      assertThat(onePart).isNotEqualTo(QueryKey.of("a", "b"));
    }

    @Test
    void theDataTypePlaysNoPartInEquality() {
      QueryKey<String> strings = QueryKey.of("x", 1);
      QueryKey<List<Integer>> lists = QueryKey.of("x", 1);

      assertThat((Object) strings).isEqualTo(lists);
      assertThat(strings.hashCode()).isEqualTo(lists.hashCode());
    }

    @Test
    void aKeyIsNotEqualToItsListOfParts() {
      assertThat((Object) QueryKey.of("a")).isNotEqualTo(List.of("a"));
    }

    @Test
    void theEmptyKeysAreEqual() {
      assertSameKey(QueryKey.of(), QueryKey.fromList(List.of()));
    }
  }

  // ---------------------------------------------------------------------------------------
  @Nested
  @DisplayName("conversion of records and JDK values")
  class Conversion {

    @Test
    void aRecordEqualsTheMapOfItsComponents() {
      assertSameKey(
          QueryKey.of("todos", new Page(20, 0)),
          QueryKey.of("todos", Map.of("limit", 20, "offset", 0)));
    }

    @Test
    void aRecordHoldingAnEnumAndANestedRecordEqualsTheNestedMaps() {
      Search search = new Search("milk", Status.OPEN, new Page(10, 30));

      assertSameKey(
          QueryKey.of(search),
          QueryKey.of(
              Map.of(
                  "text", "milk",
                  "status", "OPEN",
                  "page", Map.of("limit", 10, "offset", 30))));
    }

    @Test
    void anEnumInsideARecordEqualsItsNameEvenWhenItsToStringDiffers() {
      // Jackson 3 writes enums with toString() by default; KeyParts turns that off.
      // An enum part equals the string of its name; that must not depend on whether the
      // enum is given directly or inside a record.
      assertSameKey(QueryKey.of(new Loudness(Shouting.LOUD)), QueryKey.of(Map.of("level", "LOUD")));
    }

    @Test
    void aRecordPartIsStoredAsAMap() {
      assertThat(QueryKey.of(new Page(20, 0)).parts().get(0))
          .isEqualTo(Map.of("limit", 20L, "offset", 0L));
    }

    @Test
    void aUuidBecomesItsString() {
      UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

      assertSameKey(QueryKey.of(id), QueryKey.of("123e4567-e89b-12d3-a456-426614174000"));
    }

    @Test
    void aLocalDateBecomesItsIsoString() {
      assertSameKey(QueryKey.of(LocalDate.of(2024, 1, 2)), QueryKey.of("2024-01-02"));
    }

    @Test
    void aCharacterBecomesAOneCharacterString() {
      assertSameKey(QueryKey.of('c'), QueryKey.of("c"));
    }

    @Test
    void aUuidAndALocalDateInsideARecordBecomeStrings() {
      UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

      assertSameKey(
          QueryKey.of(new Stamped(id, LocalDate.of(2024, 1, 2))),
          QueryKey.of(Map.of("id", id.toString(), "day", "2024-01-02")));
    }

    @Test
    void aFloatInsideARecordEqualsTheSameFloatGivenDirectly() {
      // Jackson's tree holds the float; it must print as 0.1, not as its widened double.
      assertSameKey(QueryKey.of(new Ratio(0.1f)), QueryKey.of(Map.of("value", 0.1f)));
    }

    @Test
    void aDoubleInsideARecordEqualsTheSameDoubleGivenDirectly() {
      assertSameKey(QueryKey.of(new Measure(0.1)), QueryKey.of(Map.of("value", 0.1)));
    }

    @Test
    void partsAreCanonicalLongsDecimalsStringsListsAndMaps() {
      List<Object> parts =
          QueryKey.of(1, 1.5, Status.OPEN, List.of(2), Map.of("k", (short) 3)).parts();

      assertThat(parts.get(0)).isEqualTo(1L);
      assertThat(parts.get(1)).isEqualTo(new BigDecimal("1.5"));
      assertThat(parts.get(2)).isEqualTo("OPEN");
      assertThat(parts.get(3)).isEqualTo(List.of(2L));
      assertThat(parts.get(4)).isEqualTo(Map.of("k", 3L));
    }
  }

  // ---------------------------------------------------------------------------------------
  @Nested
  @DisplayName("immutability")
  class Immutability {

    @Test
    void changingTheListPassedInDoesNotChangeTheKey() {
      List<Object> list = new ArrayList<>(List.of("a", "b"));
      QueryKey<?> key = QueryKey.of(list);

      list.add("c");
      list.set(0, "z");

      assertSameKey(key, QueryKey.of(List.of("a", "b")));
    }

    @Test
    void changingTheMapPassedInDoesNotChangeTheKey() {
      Map<String, Object> map = new HashMap<>(Map.of("limit", 20));
      QueryKey<?> key = QueryKey.of(map);

      map.put("limit", 50);
      map.put("offset", 10);

      assertSameKey(key, QueryKey.of(Map.of("limit", 20)));
    }

    @Test
    void changingANestedCollectionPassedInDoesNotChangeTheKey() {
      List<Object> tags = new ArrayList<>(List.of("x"));
      Map<String, Object> input = new HashMap<>();
      input.put("tags", tags);
      QueryKey<?> key = QueryKey.of(input);

      tags.add("y");

      assertSameKey(key, QueryKey.of(Map.of("tags", List.of("x"))));
    }

    @Test
    void changingTheListGivenToFromListDoesNotChangeTheKey() {
      List<Object> parts = new ArrayList<>(List.of("a"));
      QueryKey<?> key = QueryKey.fromList(parts);

      parts.add("b");

      assertSameKey(key, QueryKey.of("a"));
    }

    @Test
    void changingTheVarargsArrayDoesNotChangeTheKey() {
      Object[] parts = {"a", "b"};
      QueryKey<?> key = QueryKey.of(parts);

      parts[0] = "z";

      assertSameKey(key, QueryKey.of("a", "b"));
    }

    @Test
    void changingAFixedSizeListPassedInDoesNotChangeTheKey() {
      List<Object> list = Arrays.asList("a", "b");
      QueryKey<?> key = QueryKey.of(list);

      list.set(0, "z");

      assertSameKey(key, QueryKey.of(List.of("a", "b")));
    }

    @Test
    void partsCannotBeAddedTo() {
      assertThatThrownBy(() -> QueryKey.of("a").parts().add("b"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void partsCannotBeReplaced() {
      assertThatThrownBy(() -> QueryKey.of("a").parts().set(0, "b"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nestedListPartsCannotBeChanged() {
      @SuppressWarnings("unchecked")
      List<Object> nested = (List<Object>) QueryKey.of(List.of("a")).parts().get(0);

      assertThatThrownBy(() -> nested.add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nestedMapPartsCannotBeChanged() {
      @SuppressWarnings("unchecked")
      Map<String, Object> nested = (Map<String, Object>) QueryKey.of(Map.of("a", 1)).parts().get(0);

      assertThatThrownBy(() -> nested.put("b", 2))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  // ---------------------------------------------------------------------------------------
  @Nested
  @DisplayName("rejected parts")
  class Rejections {

    @Test
    void anArrayPartIsRejectedNamingItsPath() {
      assertThatThrownBy(() -> QueryKey.of("todos", new int[] {1, 2}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[1]")
          .hasMessageContaining("array");
    }

    @Test
    void anArrayInsideAMapIsRejectedNamingItsPath() {
      Map<String, Object> input = Map.of("input", Map.of("tags", new String[] {"a"}));

      assertThatThrownBy(() -> QueryKey.of(input))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0].input.tags")
          .hasMessageContaining("array");
    }

    @Test
    void anArrayInsideAMapInsideAListIsRejectedNamingItsPath() {
      List<Object> list = List.of(Map.of("input", Map.of("tags", new String[] {"a"})));

      assertThatThrownBy(() -> QueryKey.of("todos", list))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[1][0].input.tags")
          .hasMessageContaining("array");
    }

    @Test
    void anArrayInAListGivenToFromListIsRejectedNamingItsPath() {
      assertThatThrownBy(() -> QueryKey.fromList(List.of("a", new Object[0])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[1]")
          .hasMessageContaining("array");
    }

    @Test
    void anArrayAppendedIsRejected() {
      assertThatThrownBy(() -> QueryKey.of("a").append(new long[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("array");
    }

    @Test
    void aSetIsRejectedAskingForAList() {
      assertThatThrownBy(() -> QueryKey.of(new HashSet<>(List.of("a", "b"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]")
          .hasMessageContaining("List");
    }

    @Test
    void aMapWithANonStringKeyIsRejected() {
      assertThatThrownBy(() -> QueryKey.of(Map.of(1, "one")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]")
          .hasMessageContaining("strings");
    }

    @Test
    void aMapWithANullKeyIsRejected() {
      Map<String, Object> map = new HashMap<>();
      map.put(null, "nothing");

      assertThatThrownBy(() -> QueryKey.of(map))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]")
          .hasMessageContaining("null")
          .hasMessageContaining("strings");
    }

    @Test
    void aStringBuilderIsRejected() {
      assertThatThrownBy(() -> QueryKey.of(new StringBuilder("a")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]");
    }

    @Test
    void anAtomicIntegerIsRejected() {
      assertThatThrownBy(() -> QueryKey.of(new AtomicInteger(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]");
    }

    @Test
    void aPlainObjectIsRejected() {
      assertThatThrownBy(() -> QueryKey.of(new Object()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]");
    }

    @Test
    void notANumberIsRejected() {
      assertThatThrownBy(() -> QueryKey.of(Double.NaN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]")
          .hasMessageContaining("finite");
    }

    @Test
    void anInfiniteDoubleIsRejected() {
      assertThatThrownBy(() -> QueryKey.of("a", Double.POSITIVE_INFINITY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[1]")
          .hasMessageContaining("finite");
    }

    @Test
    void anInfiniteFloatIsRejected() {
      assertThatThrownBy(() -> QueryKey.of(Float.NEGATIVE_INFINITY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("finite");
    }

    @Test
    void notANumberInsideARecordIsRejected() {
      assertThatThrownBy(() -> QueryKey.of(new Measure(Double.NaN)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]")
          .hasMessageContaining("finite");
    }

    @Test
    void aListThatContainsItselfIsRejectedAsACycle() {
      List<Object> list = new ArrayList<>();
      list.add("a");
      list.add(list);

      assertThatThrownBy(() -> QueryKey.of(list))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cycles");
    }

    @Test
    void aMapThatContainsItselfIsRejectedAsACycle() {
      Map<String, Object> map = new HashMap<>();
      map.put("self", map);

      assertThatThrownBy(() -> QueryKey.of(map))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cycles");
    }

    @Test
    void aCycleThroughAListAndAMapIsRejected() {
      List<Object> list = new ArrayList<>();
      Map<String, Object> map = new HashMap<>();
      map.put("back", list);
      list.add(map);

      assertThatThrownBy(() -> QueryKey.of("root", list))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cycles");
    }

    @Test
    void aClassWithNoPropertiesIsRejected() {
      // Jackson 3 accepts empty beans by default; KeyParts turns FAIL_ON_EMPTY_BEANS back on.
      assertThatThrownBy(() -> QueryKey.of(new Empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]");
    }

    @Test
    void aNullVarargsArrayIsRejected() {
      assertThatThrownBy(() -> QueryKey.of((Object[]) null))
          .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aNullListIsRejected() {
      assertThatThrownBy(() -> QueryKey.fromList(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aNullArrayToAppendIsRejected() {
      assertThatThrownBy(() -> QueryKey.of("a").append((Object[]) null))
          .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aSingleNullPartIsAccepted() {
      assertThat(QueryKey.of((Object) null).parts()).containsExactly((Object) null);
    }
  }

  // ---------------------------------------------------------------------------------------
  @Nested
  @DisplayName("hostile parts and bounds")
  class HostileParts {
    @Test
    void aBeanWithABackReferenceIsRefusedNamingTheCycle() {
      Parent parent = new Parent();
      parent.setChild(new Child(parent));

      assertThatThrownBy(() -> QueryKey.of("tree", parent))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[1]")
          .hasMessageContaining("the bean.child.parent is the same object as the bean")
          .hasMessageContaining("keys cannot hold cycles");
    }

    @Test
    void aBeanThatRefersToItselfIsRefusedTheSameWay() {
      Parent parent = new Parent();
      Child child = new Child(parent);
      parent.setChild(child);

      assertThatThrownBy(() -> QueryKey.of(child))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("keys cannot hold cycles");
    }

    @Test
    void aBigDecimalInABeanKeepsItsExactValue() {
      QueryKey<Object> precise = QueryKey.of(new Money(new BigDecimal("0.10000000000000000001")));
      QueryKey<Object> rounded = QueryKey.of(new Money(new BigDecimal("0.1")));

      assertThat(precise).isNotEqualTo(rounded);
      assertSameKey(precise, QueryKey.of(Map.of("amount", new BigDecimal("0.10000000000000000001"))));
    }

    @Test
    void aBigDecimalBeyondTheRangeOfADoubleInABeanIsAnExactPart() {
      QueryKey<Object> big = QueryKey.of(new Money(new BigDecimal("1E+400")));

      assertSameKey(big, QueryKey.of(Map.of("amount", new BigDecimal("10E+399"))));
    }

    @Test
    void aLambdaIsRefusedWithAMessage() {
      java.util.function.Supplier<String> lambda = () -> "x";

      assertThatThrownBy(() -> QueryKey.of("filter", lambda))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[1]")
          .hasMessageContaining("a lambda")
          .hasMessageContaining("use a record");
    }

    @Test
    void anAnonymousClassIsRefusedEvenWithReadableFields() {
      Object anonymous = new Object() {
        public final int page = 1;
      };

      assertThatThrownBy(() -> QueryKey.of(anonymous))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("anonymous class");
    }

    @Test
    void aProxyIsRefused() {
      Object proxy = java.lang.reflect.Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {Runnable.class}, (self, method, args) -> null);

      assertThatThrownBy(() -> QueryKey.of(proxy))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a proxy");
    }

    @Test
    void aListThatGrowsWhileItIsReadGivesAKeyOfOneStateItHad() {
      QueryKey<Object> key = QueryKey.of(new GrowingList());

      assertThat(key.parts().get(0)).isEqualTo(List.of("item0", "item1", "item2"));
    }

    @Test
    void aMapThatChangesWhileItIsReadGivesAKeyOfOneStateItHad() {
      Map<String, Object> shifting = new java.util.concurrent.ConcurrentHashMap<>(Map.of("a", 1)) {
        private final AtomicInteger sizeCalls = new AtomicInteger();

        @Override
        public int size() {
          if (sizeCalls.getAndIncrement() == 0) {
            put("b", 2); // another thread adds an entry right after the size was read
            return 1;
          }
          return super.size();
        }
      };

      QueryKey<Object> key = QueryKey.of(shifting);

      assertThat(key.parts().get(0)).isIn(Map.of("a", 1L), Map.of("a", 1L, "b", 2L));
    }

    @Test
    void aRecordAccessorThatThrowsIsReportedWithItsCause() {
      Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> QueryKey.of(new Fragile(3)));

      assertThat(refused)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key[0]")
          .hasMessageContaining("page() threw java.lang.IllegalStateException: page not loaded");
      assertThat(refused.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("page not loaded");
    }

    @Test
    void aKeyBeyondTheBoundOnPartsIsRefusedNamingTheBound() {
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < KeyParts.MAX_PARTS; i++) {
        ids.add(i);
      }

      assertThatThrownBy(() -> QueryKey.of("by-ids", ids))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("beyond " + KeyParts.MAX_PARTS + " parts");
      assertThat(QueryKey.of("by-ids", ids.subList(0, KeyParts.MAX_PARTS - 10)).parts()).hasSize(2);
    }

    @Test
    void sharedSublistsCountEveryTimeTheyAppear() {
      Object part = "leaf";
      for (int i = 0; i < 20; i++) {
        part = Arrays.asList(part, part); // 2^20 leaves, though only 20 lists exist
      }
      Object shared = part;

      assertThatThrownBy(() -> QueryKey.of(shared))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("beyond " + KeyParts.MAX_PARTS + " parts");
    }

    @Test
    void aLongRenderingIsAbbreviated() {
      QueryKey<Object> key = QueryKey.of("search", "x".repeat(50_000));

      String rendered = key.toString();

      assertThat(rendered).startsWith("[\"search\",\"xxx").endsWith("…");
      assertThat(rendered.length()).isLessThanOrEqualTo(KeyJson.MAX_LENGTH + 1);
    }

    @Test
    void aNumberWithAHugeExponentRendersInScientificNotation() {
      assertThat(QueryKey.of(new BigDecimal("1E+5000000")).toString()).isEqualTo("[1E+5000000]");
      assertThat(QueryKey.of(new BigDecimal("12.5"), new BigInteger("100000000000000000000")).toString())
          .isEqualTo("[12.5,100000000000000000000]");
    }
  }

  @Nested
  @DisplayName("toString")
  class Printing {

    @Test
    void printsAsJsonWithMapKeysSorted() {
      QueryKey<?> key =
          QueryKey.of(
              List.of("notification", "getNotifications"),
              Map.of("type", "query", "input", Map.of("limit", 20)));

      assertThat(key)
          .hasToString(
              "[[\"notification\",\"getNotifications\"],{\"input\":{\"limit\":20},\"type\":\"query\"}]");
    }

    @Test
    void escapesQuotesAndBackslashesInStrings() {
      assertThat(QueryKey.of("say \"hi\"", "C:\\dir"))
          .hasToString("[\"say \\\"hi\\\"\",\"C:\\\\dir\"]");
    }

    @Test
    void escapesQuotesAndBackslashesInMapKeys() {
      assertThat(QueryKey.of(Map.of("a\"b\\c", 1))).hasToString("[{\"a\\\"b\\\\c\":1}]");
    }

    @Test
    void escapesNewlinesAndControlCharacters() {
      assertThat(QueryKey.of("a\nb\u0001")).hasToString("[\"a\\nb\\u0001\"]");
    }

    @Test
    void printsDecimalsPlainly() {
      assertThat(QueryKey.of(new BigDecimal("1E+20"), new BigDecimal("0.000001"), 2.50))
          .hasToString("[100000000000000000000,0.000001,2.5]");
    }

    @Test
    void printsIntegralNumbersWithoutAFraction() {
      assertThat(QueryKey.of(1.0, new BigDecimal("3.00"))).hasToString("[1,3]");
    }

    @Test
    void printsNullAsNull() {
      Map<String, Object> map = new HashMap<>();
      map.put("x", null);

      assertThat(QueryKey.of(null, map)).hasToString("[null,{\"x\":null}]");
    }

    @Test
    void printsBooleansAndEnums() {
      assertThat(QueryKey.of(true, Status.CLOSED)).hasToString("[true,\"CLOSED\"]");
    }

    @Test
    void printsTheEmptyKeyAsAnEmptyList() {
      assertThat(QueryKey.of()).hasToString("[]");
    }
  }

  // ---------------------------------------------------------------------------------------
  @Nested
  @DisplayName("append")
  class Append {

    @Test
    void appendingPartsEqualsAKeyOfAllTheParts() {
      assertSameKey(QueryKey.of("todos").append("detail", 5), QueryKey.of("todos", "detail", 5));
    }

    @Test
    void appendingLeavesTheOriginalKeyUnchanged() {
      QueryKey<?> todos = QueryKey.of("todos");

      todos.append("detail", 5);

      assertThat(todos).isEqualTo(QueryKey.of("todos"));
    }

    @Test
    void appendingNothingGivesAnEqualKey() {
      assertSameKey(QueryKey.of("todos").append(), QueryKey.of("todos"));
    }

    @Test
    void appendedPartsAreConvertedLikeAnyOther() {
      assertSameKey(
          QueryKey.of("todos").append(new Page(20, 0), Status.OPEN),
          QueryKey.of("todos", Map.of("offset", 0L, "limit", 20.0), "OPEN"));
    }

    @Test
    void anAppendedKeyStartsWithTheOriginal() {
      QueryKey<?> todos = QueryKey.of("todos");

      assertThat(todos.append("detail", 5).startsWith(todos)).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------
  @Nested
  @DisplayName("partial matching")
  class PartialMatching {

    private final QueryKey<?> notifications =
        QueryKey.of(
            List.of("notification", "getNotifications"),
            Map.of("type", "query", "input", Map.of("limit", 20, "cursor", 0)));

    @Test
    void aKeyStartsWithItself() {
      assertThat(notifications.startsWith(notifications)).isTrue();
      assertThat(notifications.startsWith(QueryKey.fromList(new ArrayList<>(notifications.parts()))))
          .isTrue();
    }

    @Test
    void aKeyStartsWithAListPrefixOfItsParts() {
      QueryKey<?> key = QueryKey.of("todos", "detail", 5);

      assertThat(key.startsWith(QueryKey.of("todos"))).isTrue();
      assertThat(key.startsWith(QueryKey.of("todos", "detail"))).isTrue();
      assertThat(partialMatch(key, QueryKey.of("todos", "detail"))).isTrue();
    }

    @Test
    void aKeyDoesNotStartWithADifferentFirstPart() {
      assertThat(QueryKey.of("todos", "detail").startsWith(QueryKey.of("posts"))).isFalse();
      assertThat(QueryKey.of("todos", "detail").startsWith(QueryKey.of("detail"))).isFalse();
    }

    @Test
    void aPrefixOfANestedListMatchesTheWholeTrpcStyleKey() {
      QueryKey<?> filter = QueryKey.of(List.of("notification"));

      assertThat(notifications.startsWith(filter)).isTrue();
      assertThat(partialMatch(notifications, filter)).isTrue();
    }

    @Test
    void theFullPathWithoutInputMatchesTheTrpcStyleKey() {
      assertThat(notifications.startsWith(QueryKey.of(List.of("notification", "getNotifications"))))
          .isTrue();
    }

    @Test
    void aDifferentNestedListPrefixDoesNotMatch() {
      assertThat(notifications.startsWith(QueryKey.of(List.of("post")))).isFalse();
      assertThat(notifications.startsWith(QueryKey.of(List.of("getNotifications")))).isFalse();
    }

    @Test
    void aNestedListPrefixMatchesAtEveryDepth() {
      QueryKey<?> key = QueryKey.of(List.of("a", List.of("b", "c", "d"), "e"));

      assertThat(key.startsWith(QueryKey.of(List.of("a", List.of("b"))))).isTrue();
      assertThat(key.startsWith(QueryKey.of(List.of("a", List.of("b", "c"))))).isTrue();
      assertThat(key.startsWith(QueryKey.of(List.of("a", List.of("c"))))).isFalse();
    }

    @Test
    void aMapMatchesAMapHoldingAtLeastItsEntries() {
      QueryKey<?> key = QueryKey.of(Map.of("a", 1, "b", 2));

      assertThat(key.startsWith(QueryKey.of(Map.of("a", 1)))).isTrue();
      assertThat(partialMatch(key, QueryKey.of(Map.of("a", 1)))).isTrue();
    }

    @Test
    void aMapDoesNotMatchAMapWithADifferentValue() {
      QueryKey<?> key = QueryKey.of(Map.of("a", 1, "b", 2));

      assertThat(key.startsWith(QueryKey.of(Map.of("a", 2)))).isFalse();
    }

    @Test
    void aMapDoesNotMatchAMapMissingOneOfItsKeys() {
      assertThat(QueryKey.of(Map.of("a", 1)).startsWith(QueryKey.of(Map.of("a", 1, "b", 2))))
          .isFalse();
    }

    @Test
    void anEmptyMapMatchesAnyMap() {
      assertThat(QueryKey.of(Map.of("a", 1)).startsWith(QueryKey.of(Map.of()))).isTrue();
    }

    @Test
    void mapsMatchAsSubsetsRecursively() {
      assertThat(notifications.startsWith(
              QueryKey.of(
                  List.of("notification", "getNotifications"),
                  Map.of("input", Map.of("limit", 20)))))
          .isTrue();
      assertThat(notifications.startsWith(
              QueryKey.of(
                  List.of("notification", "getNotifications"),
                  Map.of("input", Map.of("limit", 50)))))
          .isFalse();
    }

    @Test
    void mapValuesMatchNumbersByValue() {
      assertThat(notifications.startsWith(
              QueryKey.of(
                  List.of("notification"), Map.of("input", Map.of("limit", 20.0)))))
          .isTrue();
    }

    @Test
    void aNullFilterValueMatchesAPresentNullEntry() {
      Map<String, Object> withNull = new HashMap<>();
      withNull.put("cursor", null);
      withNull.put("limit", 20);

      Map<String, Object> filter = new HashMap<>();
      filter.put("cursor", null);

      assertThat(QueryKey.of(withNull).startsWith(QueryKey.of(filter))).isTrue();
      assertThat(partialMatch(QueryKey.of(withNull), QueryKey.of(filter))).isTrue();
    }

    @Test
    void aNullFilterValueDoesNotMatchAMissingEntry() {
      Map<String, Object> filter = new HashMap<>();
      filter.put("cursor", null);

      assertThat(QueryKey.of(Map.of("limit", 20)).startsWith(QueryKey.of(filter))).isFalse();
      assertThat(partialMatch(QueryKey.of(Map.of("limit", 20)), QueryKey.of(filter))).isFalse();
    }

    @Test
    void aNullFilterValueDoesNotMatchANonNullEntry() {
      Map<String, Object> filter = new HashMap<>();
      filter.put("cursor", null);

      assertThat(QueryKey.of(Map.of("cursor", 0)).startsWith(QueryKey.of(filter))).isFalse();
    }

    @Test
    void aNullFilterPartMatchesOnlyANullPart() {
      assertThat(QueryKey.of("a", null).startsWith(QueryKey.of("a", null))).isTrue();
      assertThat(QueryKey.of("a", "b").startsWith(QueryKey.of("a", null))).isFalse();
      assertThat(QueryKey.of("a", null).startsWith(QueryKey.of("a", "b"))).isFalse();
    }

    @Test
    void aFilterLongerThanTheKeyDoesNotMatch() {
      assertThat(QueryKey.of("todos").startsWith(QueryKey.of("todos", "detail"))).isFalse();
      assertThat(partialMatch(QueryKey.of("todos"), QueryKey.of("todos", "detail"))).isFalse();
    }

    @Test
    void aNestedListFilterLongerThanTheNestedListDoesNotMatch() {
      assertThat(QueryKey.of(List.of("a")).startsWith(QueryKey.of(List.of("a", "b")))).isFalse();
    }

    @Test
    void aListFilterDoesNotMatchAMapPart() {
      assertThat(QueryKey.of(Map.of("a", 1)).startsWith(QueryKey.of(List.of()))).isFalse();
      assertThat(partialMatch(QueryKey.of(Map.of("a", 1)), QueryKey.of(List.of()))).isFalse();
    }

    @Test
    void aMapFilterDoesNotMatchAListPart() {
      assertThat(QueryKey.of(List.of("a")).startsWith(QueryKey.of(Map.of()))).isFalse();
      assertThat(partialMatch(QueryKey.of(List.of("a")), QueryKey.of(Map.of()))).isFalse();
    }

    @Test
    void aStringPartDoesNotMatchAListPartHoldingTheSameString() {
      assertThat(QueryKey.of(List.of("todos")).startsWith(QueryKey.of("todos"))).isFalse();
      assertThat(partialMatch(QueryKey.of(List.of("todos")), QueryKey.of("todos"))).isFalse();
    }

    @Test
    void aListPartDoesNotMatchAStringPartWithTheSameString() {
      assertThat(QueryKey.of("todos").startsWith(QueryKey.of(List.of("todos")))).isFalse();
    }

    @Test
    void scalarPartsMustBeEqual() {
      assertThat(QueryKey.of(1).startsWith(QueryKey.of(1L))).isTrue();
      assertThat(QueryKey.of(1).startsWith(QueryKey.of("1"))).isFalse();
      assertThat(QueryKey.of(true).startsWith(QueryKey.of(false))).isFalse();
    }

    @Test
    void theEmptyKeyMatchesEveryKey() {
      QueryKey<?> empty = QueryKey.of();

      assertThat(notifications.startsWith(empty)).isTrue();
      assertThat(QueryKey.of().startsWith(empty)).isTrue();
      assertThat(QueryKey.of((Object) null).startsWith(empty)).isTrue();
      assertThat(partialMatch(notifications, empty)).isTrue();
    }

    @Test
    void aNonEmptyFilterDoesNotMatchTheEmptyKey() {
      assertThat(QueryKey.of().startsWith(QueryKey.of("a"))).isFalse();
    }

    @Test
    void startsWithRejectsANullPrefix() {
      assertThatThrownBy(() -> notifications.startsWith(null))
          .isInstanceOf(NullPointerException.class);
    }

    @Test
    void partialMatchOfEqualScalarsIsTrueAndOfNullAgainstAValueIsFalse() {
      assertThat(KeyParts.partialMatch("a", "a")).isTrue();
      assertThat(KeyParts.partialMatch(null, null)).isTrue();
      assertThat(KeyParts.partialMatch("a", null)).isFalse();
      assertThat(KeyParts.partialMatch(null, "a")).isFalse();
    }
  }
}
