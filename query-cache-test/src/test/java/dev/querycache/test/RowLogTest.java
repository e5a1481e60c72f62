package dev.querycache.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.QueryCollection;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The kit's {@link RowLog}: a test asserts the row changes a table received, one entry per
 * change of what the collection shows, as easily as the transitions of a query.
 */
class RowLogTest {
  record Task(String id, String title, boolean done) {
    Task withDone(boolean value) {
      return new Task(id, title, value);
    }
  }

  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().toaster(new RecordingToaster()).build();
  final TransitionRecorder recorder = new TransitionRecorder(client);
  final ControllableQuery<List<Task>> server = new ControllableQuery<>();
  final ControllableMutation<List<Task>, String> saves = new ControllableMutation<>();
  QueryCollection<String, Task> tasks;
  RowLog<String, Task> table;

  @BeforeEach
  void openTheCollection() {
    tasks = client.collection(QueryOptions.builder(QueryKey.<List<Task>>of("tasks")).asyncFetcher(server).build(), Task::id)
        .onUpdateAsync(changes -> saves.mutate(changes.stream().map(change -> change.modified()).toList()))
        .build();
    table = recorder.rows(tasks, task -> task.title() + (task.done() ? " (done)" : ""));
  }

  @AfterEach
  void close() {
    recorder.close();
    client.close();
  }

  @Test
  void theFirstFetchIsOneEntryAddingEveryRow() {
    server.resolve(List.of(new Task("t1", "Write specs", false), new Task("t2", "Ship", false)));

    table.assertSequence("added t1: Write specs; added t2: Ship");
    table.assertRows("Write specs", "Ship");
  }

  @Test
  void aFailedUpdateIsTheRowChangedThenChangedBack() {
    server.resolve(List.of(new Task("t1", "Write specs", false)));
    table.clear();

    tasks.update("t1", task -> task.withDone(true));
    saves.fail(new IOException("503"));
    time.runDue();

    table.assertSequence("changed t1: Write specs -> Write specs (done)", "changed t1: Write specs (done) -> Write specs");
  }

  @Test
  void anEchoEqualToTheRowShownIsNoEntry() {
    server.resolve(List.of(new Task("t1", "Write specs", false)));
    table.clear();

    tasks.update("t1", task -> task.withDone(true));
    saves.resolve("ok");
    time.runDue();
    server.resolve(List.of(new Task("t1", "Write specs", true)));

    table.assertSequence("changed t1: Write specs -> Write specs (done)");
  }

  @Test
  void aDeleteNamesTheRowThatWent() {
    server.resolve(List.of(new Task("t1", "Write specs", false), new Task("t2", "Ship", false)));
    table.clear();

    client.setQueryData(tasks.key(), List.of(new Task("t1", "Write specs", false)));

    table.assertSequence("removed t2: Ship");
    assertThat(table.entries()).hasSize(1);
  }

  @Test
  void aDifferentSequenceFailsWithBothListedAndTheFirstDifferenceMarked() {
    server.resolve(List.of(new Task("t1", "Write specs", false)));

    assertThatThrownBy(() -> table.assertSequence("added t1: Write the specs"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("differ from the expected sequence at #0")
        .hasMessageContaining("> #0 added t1: Write the specs")
        .hasMessageContaining("> #0 added t1: Write specs");
    assertThatThrownBy(() -> table.assertRows("Ship"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("shown:\n> #0 Write specs");
  }

  @Test
  void nothingIsRecordedOnceTheRecorderIsClosed() {
    recorder.close();

    server.resolve(List.of(new Task("t1", "Write specs", false)));

    assertThat(table.entries()).isEmpty();
    assertThatThrownBy(() -> recorder.rows(tasks)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the recorder is closed");
  }
}
