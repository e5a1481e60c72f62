package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.CollectionBuilder;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowChange;
import dev.querycache.collection.RowChangedInPlaceException;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of a collection whose rows are mutable beans (getters and setters, no
 * {@code equals}), as many desktop models are: with a copier, an update changes a copy in
 * place and the row shown, its events and its rollback behave as with records; without one,
 * an update that changes the row it was given in place is refused, naming the fix. A bean's
 * changed fields are its properties.
 */
class BeanRowsTest {
  /** A task as a bean: a copy constructor, getters and setters. */
  public static final class Task {
    private String id;
    private String title;
    private boolean done;

    public Task() {}

    Task(String id, String title, boolean done) {
      this.id = id;
      this.title = title;
      this.done = done;
    }

    /** The copy constructor: the copier. */
    Task(Task other) {
      this(other.id, other.title, other.done);
    }

    public String getId() {
      return id;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public boolean isDone() {
      return done;
    }

    public void setDone(boolean done) {
      this.done = done;
    }
  }

  final VirtualTime time = new VirtualTime();
  final QueryClient client = time.clientBuilder().build();
  final ControllableQuery<List<Task>> server = new ControllableQuery<>();
  final ControllableMutation<List<PendingChange<String, Task>>, String> saves = new ControllableMutation<>();
  final Task loaded = new Task("a", "Write specs", false);

  @AfterEach
  void close() {
    client.close();
  }

  CollectionBuilder<String, Task> tasks() {
    return client.collection(QueryOptions.builder(QueryKey.<List<Task>>of("tasks")).asyncFetcher(server).retry(0).build(),
            Task::getId)
        .name("tasks")
        .onUpdateAsync(saves::mutate);
  }

  QueryCollection<String, Task> loaded(CollectionBuilder<String, Task> builder) {
    QueryCollection<String, Task> tasks = builder.build();
    server.resolve(List.of(loaded));
    return tasks;
  }

  @Test
  void withACopierAnUpdateChangesACopyInPlaceAndTheLoadedRowStaysAsItWas() {
    QueryCollection<String, Task> tasks = loaded(tasks().copier(Task::new));
    List<RowChange<String, Task>> heard = new ArrayList<>();
    tasks.onChange(heard::addAll);

    tasks.update("a", task -> {
      task.setDone(true);
      return task;
    });

    Task shown = tasks.get("a").orElseThrow();
    assertThat(shown).isNotSameAs(loaded);
    assertThat(shown.isDone()).isTrue();
    assertThat(loaded.isDone()).as("the row the server sent, untouched").isFalse();
    assertThat(heard).singleElement().satisfies(change -> {
      assertThat(change.before()).isSameAs(loaded);
      assertThat(change.after()).isSameAs(shown);
    });
  }

  @Test
  void withACopierARefusedUpdateBringsBackTheRowAsItWas() {
    QueryCollection<String, Task> tasks = loaded(tasks().copier(Task::new));
    tasks.update("a", task -> {
      task.setTitle("Write more specs");
      return task;
    });

    saves.fail(new IOException("refused"));

    assertThat(tasks.get("a")).containsSame(loaded);
    assertThat(loaded.getTitle()).isEqualTo("Write specs");
  }

  @Test
  void aBeansChangedFieldsAreItsPropertiesThatDiffer() {
    QueryCollection<String, Task> tasks = loaded(tasks().copier(Task::new));

    tasks.update("a", task -> {
      task.setDone(true);
      return task;
    });

    assertThat(saves.latestCall().variables()).singleElement()
        .satisfies(change -> assertThat(change.changedFields()).containsExactly("done"));
  }

  @Test
  void withoutACopierAnUpdateThatReturnsTheBeanItWasGivenIsRefusedNamingTheCopier() {
    QueryCollection<String, Task> tasks = loaded(tasks());

    assertThatThrownBy(() -> tasks.update("a", task -> {
      task.setDone(true);
      return task;
    }))
        .isInstanceOf(RowChangedInPlaceException.class)
        .hasMessageStartingWith("an update of row a of tasks returned the row it was given, which is not a record:"
            + " give the collection's builder copier(...), such as copier(Task::new)")
        .satisfies(refusal -> assertThat(((RowChangedInPlaceException) refusal).key()).isEqualTo("a"));
    assertThat(saves.callCount()).as("no transaction was started").isZero();
  }

  @Test
  void withoutACopierAnUpdateThatReturnsANewBeanIsTakenAsItIs() {
    QueryCollection<String, Task> tasks = loaded(tasks());

    tasks.update("a", task -> new Task(task.getId(), task.getTitle(), true));

    assertThat(tasks.get("a").orElseThrow().isDone()).isTrue();
    assertThat(saves.latestCall().variables().get(0).changedFields()).containsExactly("done");
  }

  @Test
  void aCopierThatReturnsTheRowItWasGivenIsRefusedAndNothingIsApplied() {
    QueryCollection<String, Task> tasks = loaded(tasks().copier(task -> task));

    assertThatThrownBy(() -> tasks.update("a", task -> task))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the copier of tasks returned the row it was given for row a: it must return a new copy,"
            + " such as new Task(task); nothing was applied");
    assertThat(tasks.get("a")).containsSame(loaded);
    assertThat(saves.callCount()).isZero();
  }

  @Test
  void aSecondCopierIsRefused() {
    CollectionBuilder<String, Task> builder = tasks().copier(Task::new);

    assertThatThrownBy(() -> builder.copier(Task::new))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the collection has a copier already: give it one");
    assertThatThrownBy(() -> tasks().copier(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("copier == null");
  }
}
