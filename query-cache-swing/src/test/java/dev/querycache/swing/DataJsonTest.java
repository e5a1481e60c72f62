package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Specification of how the inspector turns a query's data into JSON: what Jackson writes,
 * else the data's {@code toString()}.
 */
public class DataJsonTest {
  public record Todo(long id, String title, boolean done) {}

  /** No getters: Jackson would see an empty object. */
  static final class Opaque {
    @Override
    public String toString() {
      return "Opaque[secret]";
    }
  }

  /** A getter that throws: Jackson cannot write it. */
  static final class Broken {
    public String getName() {
      throw new IllegalStateException("no name");
    }

    @Override
    public String toString() {
      return "Broken";
    }
  }

  @Test
  void aRecordBecomesAnObjectOfItsComponents() {
    JsonNode tree = DataJson.tree(new Todo(7, "Write specs", false));

    assertThat(tree.get("id").asLong()).isEqualTo(7);
    assertThat(tree.get("title").asString()).isEqualTo("Write specs");
    assertThat(tree.get("done").asBoolean()).isFalse();
  }

  @Test
  void aListBecomesAnArrayAndAMapAnObject() {
    assertThat(DataJson.tree(List.of(1, 2, 3)).size()).isEqualTo(3);
    assertThat(DataJson.tree(Map.of("unread", 3)).get("unread").asInt()).isEqualTo(3);
  }

  @Test
  void anEmptyMapStaysAnEmptyObject() {
    assertThat(DataJson.tree(Map.of()).isObject()).isTrue();
  }

  @Test
  void javaTimeValuesAreWritten() {
    assertThat(DataJson.tree(Instant.EPOCH).isNull()).isFalse();
  }

  @Test
  void noDataIsJsonNull() {
    assertThat(DataJson.tree(null).isNull()).isTrue();
  }

  @Test
  void aValueWithoutGettersReadsAsItsToString() {
    assertThat(DataJson.tree(new Opaque()).asString()).isEqualTo("Opaque[secret]");
  }

  @Test
  void aValueJacksonCannotWriteReadsAsItsToString() {
    assertThat(DataJson.tree(new Broken()).asString()).isEqualTo("Broken");
  }

  @Test
  void theTextIsIndentedJson() {
    assertThat(DataJson.text(DataJson.tree(Map.of("unread", 3))))
        .isEqualTo("{" + System.lineSeparator() + "  \"unread\" : 3" + System.lineSeparator() + "}");
  }
}
