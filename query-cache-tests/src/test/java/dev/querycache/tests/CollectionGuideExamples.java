package dev.querycache.tests;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.AsyncChangeHandler;
import dev.querycache.collection.Gesture;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowChange;
import dev.querycache.collection.OptimisticAction;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.Pacing;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The code of {@code docs/collections.md}, compiled with the tests so the guide cannot drift
 * from the API. {@link CollectionGuideExamplesTest} runs it.
 */
final class CollectionGuideExamples {
  private CollectionGuideExamples() {}

  record Task(String id, String title, boolean done) {
    Task withDone(boolean value) {
      return new Task(id, title, value);
    }

    Task withTitle(String value) {
      return new Task(id, value, done);
    }
  }

  /** The server's task API, blocking. */
  interface TaskApi {
    List<Task> tasks() throws Exception;

    void create(List<Task> tasks) throws Exception;

    void save(List<Task> tasks) throws Exception;

    void delete(List<String> ids) throws Exception;
  }

  // [collection]
  static QueryCollection<String, Task> tasks(QueryClient client, TaskApi api) {
    QueryOptions<List<Task>> taskList =
        QueryOptions.builder(QueryKey.<List<Task>>of("tasks")).fetcher(context -> api.tasks()).build();
    return client.collection(taskList, Task::id)
        .name("tasks")
        .errorMessage("Could not save the task")
        .onInsert(changes -> api.create(rows(changes)))     // blocking: runs on the fetch executor
        .onUpdate(changes -> api.save(rows(changes)))
        .onDelete(changes -> api.delete(changes.stream().map(PendingChange::key).toList()))
        .build();
  }

  /** The rows after the changes: what an insert or an update sends. */
  static List<Task> rows(List<PendingChange<String, Task>> changes) {
    return changes.stream().map(PendingChange::modified).toList();
  }
  // [/collection]

  // [update]
  static Transaction complete(QueryCollection<String, Task> tasks, String id) {
    Transaction tx = tasks.update(id, task -> task.withDone(true)); // shown at once
    tx.isPersisted().exceptionally(error -> {
      // The row is back as it was, and the error toast says "Could not save the task".
      return tx;
    });
    return tx;
  }
  // [/update]

  // [beans]
  /** A task as a JavaFX-style bean: a copy constructor, getters and setters. */
  public static final class EditableTask {
    private final String id;
    private boolean done;

    public EditableTask(String id, boolean done) {
      this.id = id;
      this.done = done;
    }

    public EditableTask(EditableTask other) { // the copier
      this(other.id, other.done);
    }

    public String getId() {
      return id;
    }

    public boolean isDone() {
      return done;
    }

    public void setDone(boolean done) {
      this.done = done;
    }
  }

  static QueryCollection<String, EditableTask> editableTasks(QueryClient client,
      QueryOptions<List<EditableTask>> taskList, AsyncChangeHandler<String, EditableTask> save) {
    return client.collection(taskList, EditableTask::getId)
        .copier(EditableTask::new) // each update gets a copy of the row to change
        .onUpdateAsync(save)
        .build();
  }

  static Transaction completeEditable(QueryCollection<String, EditableTask> tasks, String id) {
    return tasks.update(id, task -> {
      task.setDone(true); // the copy: the row shown changes when the update returns
      return task;
    });
  }
  // [/beans]

  // [minted]
  record Message(String id, String channel, String text, Instant sentAt) {}

  static QueryCollection<String, Message> messages(QueryClient client, QueryOptions<List<Message>> channel,
      AsyncChangeHandler<String, Message> send) {
    return client.collection(channel, Message::id)
        .mintedIds() // an insert whose key is not a minted id is refused
        .onInsertAsync(send)
        .build();
  }

  static Transaction send(QueryCollection<String, Message> messages, String channel, String text) {
    Gesture gesture = Gesture.begin(); // its id and its time, read once
    return messages.insert(new Message(gesture.id(), channel, text, gesture.now()));
  }
  // [/minted]

  // [write-back]
  static void serverAnswered(QueryCollection<String, Task> tasks, Task saved) {
    tasks.writeRows(List.of(saved), List.of());
  }
  // [/write-back]

  // [transaction]
  static Transaction planTheWeek(QueryClient client, QueryCollection<String, Task> tasks, TaskApi api) {
    Transaction plan = client.transaction()
        .name("plan the week")
        .errorMessage("Could not save the plan")
        .persist(tx -> api.save(tx.changes().stream().map(change -> (Task) change.modified()).toList()))
        .autoCommit(false)                                          // commit() below sends it
        .build();
    plan.mutate(write -> write.update(tasks, "t1", task -> task.withDone(true)));
    plan.mutate(write -> {
      write.update(tasks, "t2", task -> task.withDone(true));
      write.update(tasks, "t1", task -> new Task(task.id(), task.title() + " (done)", task.done()));
    });
    plan.commit();                                                  // one request, two changes
    return plan;
  }
  // [/transaction]

  // [action]
  static OptimisticAction<String> addTask(QueryClient client, QueryCollection<String, Task> tasks, TaskApi api) {
    return client.optimisticAction((String title, TransactionWrites write) ->
            write.insert(tasks, new Task(UUID.randomUUID().toString(), title, false)))   // synchronous: shown at once
        .name("add task")
        .errorMessage("Could not add the task")
        .persist((title, tx) -> api.create(rows(tasks, tx)))
        .build();
  }

  /** The rows a transaction wrote to {@code tasks}. */
  static List<Task> rows(QueryCollection<String, Task> tasks, Transaction tx) {
    return tx.changes().stream().filter(change -> change.collection() == tasks).map(change -> (Task) change.modified()).toList();
  }
  // [/action]

  // [paced]
  /** A keystroke in a task's title field: the task and the field's text. */
  record TitleEdit(String id, String title) {}

  static PacedWrites<TitleEdit> titleEdits(QueryClient client, QueryCollection<String, Task> tasks, TaskApi api) {
    return client.pacedWrites(Pacing.debounce(Duration.ofMillis(500)),  // sent when the typing pauses
            (TitleEdit edit, TransactionWrites write) ->
                write.update(tasks, edit.id(), task -> task.withTitle(edit.title())))   // shown at once
        .name("edit title")
        .errorMessage("Could not save the title")
        .persist((edit, tx) -> api.save(rows(tasks, tx)))   // one request for the whole burst
        .build();
  }
  // [/paced]

  // [listen]
  static AutoCloseable showChanges(QueryCollection<String, Task> tasks, Consumer<String> log) {
    return tasks.onChange(changes -> {
      for (RowChange<String, Task> change : changes) {
        log.accept(change.isInsert() ? "added " + change.key()
            : change.isDelete() ? "removed " + change.key()
            : "changed " + change.key());
      }
    });
  }
  // [/listen]
}
