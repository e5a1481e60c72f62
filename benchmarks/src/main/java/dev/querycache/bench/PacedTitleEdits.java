package dev.querycache.bench;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.PacedWrites;
import dev.querycache.collection.Pacing;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.Transaction;
import dev.querycache.collection.TransactionWrites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W12, paced writes: a title field's keystrokes on a keyed collection of n rows. A burst is
 * {@code burst} calls on one row, each writing the title typed so far, through a debounce
 * whose pause never ends during the burst (an hour): the calls join one pending transaction;
 * {@code flush()} then sends it, and the burst is awaited. The figure is per call, the send
 * and the handler's echo included. A queue is timed beside it: every call a transaction of
 * its own, in turn.
 */
final class PacedTitleEdits {
  record Todo(String id, String title, boolean done) {
    Todo titled(String value) {
      return new Todo(id, value, done);
    }
  }

  /** The call of a keystroke: which row, and the title so far. */
  record Edit(String id, String title) {}

  private PacedTitleEdits() {}

  static List<Line> run(int n, int bursts, int burst, Rounds rounds) {
    List<Line> lines = new ArrayList<>();
    lines.add(measure("debounce", Pacing.debounce(Duration.ofHours(1)), n, bursts, burst, rounds));
    lines.add(measure("queue", Pacing.queue(), n, bursts, burst, rounds));
    return lines;
  }

  private static Line measure(String name, Pacing pacing, int n, int bursts, int burst, Rounds rounds) {
    QueryClient client = QuietClient.build();
    QueryKey<List<Todo>> key = QueryKey.of("todos");
    List<Todo> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new Todo("row-" + i, "Task " + i, false));
    }
    client.setQueryData(key, List.copyOf(rows));
    QueryCollection<String, Todo> todos = client.collection(QueryOptions.builder(key).enabled(false).build(), Todo::id).build();
    AtomicLong sent = new AtomicLong();
    PacedWrites<Edit> edits = client.pacedWrites(pacing,
            (Edit edit, TransactionWrites write) -> write.update(todos, edit.id(), todo -> todo.titled(edit.title())))
        .persistAsync((edit, tx) -> {
          List<Todo> echoed = new ArrayList<>();
          tx.changes().forEach(change -> echoed.add((Todo) change.modified()));
          todos.writeRows(echoed, List.of()); // the server's echo
          sent.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        })
        .build();
    String[] titles = new String[burst];
    for (int k = 0; k < burst; k++) {
      titles[k] = "Title typed " + "x".repeat(k + 1);
    }
    double perCall = rounds.nanosPerOp((long) bursts * burst, () -> {
      long begin = System.nanoTime();
      for (int b = 0; b < bursts; b++) {
        String id = "row-" + (b % n);
        Transaction last = null;
        for (int k = 0; k < burst; k++) {
          last = edits.apply(new Edit(id, titles[k]));
        }
        edits.flush();
        last.isPersisted().join();
      }
      return System.nanoTime() - begin;
    });
    String shown = todos.get("row-0").orElseThrow().title();
    client.close();
    if (!shown.equals(titles[burst - 1])) {
      throw new IllegalStateException("W12 " + name + " ended with row-0 titled " + shown);
    }
    return new Line("W12", n).with("pacing", name).with("ops", (long) bursts * burst).with("ns_per_op", perCall)
        .with("sends", sent.get())
        .with("note", "ns per paced call, bursts of " + burst + " calls on one row, each burst flushed, sent, echoed and awaited");
  }
}
