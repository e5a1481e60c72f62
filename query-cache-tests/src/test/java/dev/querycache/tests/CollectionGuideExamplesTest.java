package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowIds;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionState;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import dev.querycache.tests.CollectionGuideExamples.Message;
import dev.querycache.tests.CollectionGuideExamples.Task;
import dev.querycache.tests.CollectionGuideExamples.TaskApi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs the code of the collections guide. */
class CollectionGuideExamplesTest {
  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final List<String> sent = new ArrayList<>();
  boolean refuse;
  final TaskApi api = new TaskApi() {
    @Override
    public List<Task> tasks() {
      return List.of(new Task("t1", "Write the guide", false), new Task("t2", "Ship", false));
    }

    @Override
    public void create(List<Task> tasks) {
      sent.add("create " + tasks);
    }

    @Override
    public void save(List<Task> tasks) throws IOException {
      if (refuse) {
        throw new IOException("503 Service Unavailable");
      }
      sent.add("save " + tasks);
    }

    @Override
    public void delete(List<String> ids) {
      sent.add("delete " + ids);
    }
  };

  @AfterEach
  void close() {
    client.close();
  }

  private QueryCollection<String, Task> loadedTasks() {
    QueryCollection<String, Task> tasks = CollectionGuideExamples.tasks(client, api);
    time.runDue(); // the first fetch
    return tasks;
  }

  @Test
  void theCollectionHoldsTheFetchedTasks() {
    assertThat(loadedTasks().rows()).extracting(Task::id).containsExactly("t1", "t2");
  }

  @Test
  void completingATaskShowsAtOnceAndSavesIt() {
    QueryCollection<String, Task> tasks = loadedTasks();

    Transaction tx = CollectionGuideExamples.complete(tasks, "t1");
    assertThat(tasks.get("t1")).get().extracting(Task::done).isEqualTo(true);
    time.runDue();

    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(sent).containsExactly("save [Task[id=t1, title=Write the guide, done=true]]");
  }

  @Test
  void aRefusedSaveBringsTheTaskBackWithTheErrorToast() {
    QueryCollection<String, Task> tasks = loadedTasks();
    refuse = true;

    CollectionGuideExamples.complete(tasks, "t1");
    time.runDue();

    assertThat(tasks.get("t1")).get().extracting(Task::done).isEqualTo(false);
    assertThat(toaster.messages()).containsExactly("Could not save the task");
  }

  @Test
  void aBeanTaskIsCompletedOnACopyAndItsChangeNamesTheProperty() {
    List<PendingChange<String, CollectionGuideExamples.EditableTask>> saved = new ArrayList<>();
    CollectionGuideExamples.EditableTask loaded = new CollectionGuideExamples.EditableTask("t1", false);
    QueryCollection<String, CollectionGuideExamples.EditableTask> tasks = CollectionGuideExamples.editableTasks(client,
        QueryOptions.builder(QueryKey.<List<CollectionGuideExamples.EditableTask>>of("editable tasks"))
            .fetcher(context -> List.of(loaded)).build(),
        changes -> {
          saved.addAll(changes);
          return CompletableFuture.completedFuture(null);
        });
    time.runDue();

    CollectionGuideExamples.completeEditable(tasks, "t1");

    assertThat(tasks.get("t1")).get().extracting(CollectionGuideExamples.EditableTask::isDone).isEqualTo(true);
    assertThat(loaded.isDone()).as("the row loaded is left as it was").isFalse();
    assertThat(saved).singleElement().satisfies(change -> assertThat(change.changedFields()).containsExactly("done"));
  }

  @Test
  void aSentMessageIsShownAtOnceUnderItsMintedIdAndSentWithIt() {
    List<List<PendingChange<String, Message>>> sends = new ArrayList<>();
    QueryCollection<String, Message> messages = CollectionGuideExamples.messages(client,
        QueryOptions.builder(QueryKey.<List<Message>>of("messages", "general")).fetcher(context -> List.of()).build(),
        changes -> {
          sends.add(changes);
          return CompletableFuture.completedFuture(null);
        });
    time.runDue();

    Transaction tx = CollectionGuideExamples.send(messages, "general", "Hello");

    Message shown = messages.rows().get(0);
    assertThat(RowIds.isValid(shown.id())).isTrue();
    assertThat(sends).singleElement().satisfies(changes -> assertThat(changes.get(0).key()).isEqualTo(shown.id()));
    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
  }

  @Test
  void anInsertedRowTheServerAnswersForStaysOneRow() {
    QueryCollection<String, Task> tasks = loadedTasks();
    List<String> log = new ArrayList<>();
    CollectionGuideExamples.showChanges(tasks, log::add);
    tasks.insert(new Task("t3", "Rest", false));

    CollectionGuideExamples.serverAnswered(tasks, new Task("t3", "Rest (saved)", false));

    assertThat(tasks.rows()).extracting(Task::title).containsExactly("Write the guide", "Ship", "Rest (saved)");
    assertThat(log).containsExactly("added t3", "changed t3");
  }

  @Test
  void thePlanSendsOneRequestWithOneChangePerTask() {
    QueryCollection<String, Task> tasks = loadedTasks();

    Transaction plan = CollectionGuideExamples.planTheWeek(client, tasks, api);
    time.runDue();

    assertThat(plan.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(sent).containsExactly("save [Task[id=t1, title=Write the guide (done), done=true],"
        + " Task[id=t2, title=Ship, done=true]]");
  }

  @Test
  void addingATaskShowsItAtOnceAndCreatesItOnTheServer() {
    QueryCollection<String, Task> tasks = loadedTasks();
    var addTask = CollectionGuideExamples.addTask(client, tasks, api);

    Transaction tx = addTask.apply("Rest");
    assertThat(tasks.rows()).extracting(Task::title).containsExactly("Write the guide", "Ship", "Rest");
    time.runDue();

    assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(sent).singleElement().asString().startsWith("create [Task[id=").endsWith(", title=Rest, done=false]]");
  }

  @Test
  void aBurstOfTitleEditsShowsEachKeystrokeAndSavesOnceWhenTheTypingPauses() {
    QueryCollection<String, Task> tasks = loadedTasks();
    var titleEdits = CollectionGuideExamples.titleEdits(client, tasks, api);

    for (String typed : List.of("S", "Sh", "Shi", "Ship it")) {
      titleEdits.apply(new CollectionGuideExamples.TitleEdit("t2", typed));
      assertThat(tasks.get("t2").orElseThrow().title()).isEqualTo(typed);
      time.advance(Duration.ofMillis(200));
    }
    time.advance(Duration.ofMillis(300));

    assertThat(sent).containsExactly("save [Task[id=t2, title=Ship it, done=false]]");
  }

  @Test
  void theListenerHearsWhichRowsChanged() {
    QueryCollection<String, Task> tasks = loadedTasks();
    List<String> log = new ArrayList<>();
    CollectionGuideExamples.showChanges(tasks, log::add);

    tasks.insert(new Task("t3", "Rest", false));
    CollectionGuideExamples.complete(tasks, "t1");
    tasks.delete("t2");

    assertThat(log).containsExactly("added t3", "changed t1", "removed t2");
  }
}
