package dev.querycache.bench;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.AsyncChangeHandler;
import dev.querycache.collection.CollectionBuilder;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowIds;
import dev.querycache.collection.RowPush;
import dev.querycache.collection.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * W8, W8b, W8c, W9 and W10: a keyed collection of n {@code Todo(id, title, done)} rows ({@code id =
 * "row-" + i}); updates of random rows (the workloads' generator, seed 42) flip {@code done}
 * through the collection, each awaited until persisted. The handler answers at once: W8 by
 * writing the row back as server data (an echo, which the collection takes without a flash),
 * W8c by failing (the row is checked back). W8b commits transactions of many single-row
 * update calls, each echoed by the server in one write: its cost per change must not grow
 * with the transaction's size. W9 inserts rows with client-minted ids into a fresh collection
 * per round, each echoed with the server's {@code createdAt} (W9p: the echo pushed before the answer). W10 reads rows by key from the same collection,
 * against a {@code HashMap} of the same rows. The collection's query is not fetched: it is
 * seeded by hand, and the server's word is the echo, as the workloads describe.
 */
final class CollectionWrites {
  /** A row. */
  record Todo(String id, String title, boolean done) {
    Todo flipped() {
      return new Todo(id, title, !done);
    }
  }

  private CollectionWrites() {}

  /** The rows of the workloads' generator: seed 42, then {@code seed * 1103515245 + 12345}, in 32-bit arithmetic. */
  private static int[] randomRows(int n, int count) {
    int[] rows = new int[count];
    int seed = 42;
    for (int k = 0; k < count; k++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      rows[k] = seed % n;
    }
    return rows;
  }

  private static List<Todo> todos(int n) {
    List<Todo> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new Todo("row-" + i, "Task " + i, false));
    }
    return List.copyOf(rows);
  }

  private static String[] keys(int n) {
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = "row-" + i;
    }
    return keys;
  }

  /** A client and a collection of {@code n} rows whose update handler is {@code handler}. */
  private static QueryCollection<String, Todo> collection(
      QueryClient client, int n, AsyncChangeHandler<String, Todo> handler) {
    QueryKey<List<Todo>> key = QueryKey.of("todos");
    client.setQueryData(key, todos(n));
    return client.collection(QueryOptions.builder(key).enabled(false).build(), Todo::id).onUpdateAsync(handler).build();
  }

  static Line w8(int n, int updates, Rounds rounds) {
    QueryClient client = QuietClient.build();
    AtomicReference<QueryCollection<String, Todo>> self = new AtomicReference<>();
    QueryCollection<String, Todo> todos = collection(client, n, changes -> {
      self.get().writeRows(List.of(new Todo(changes.get(0).key(), changes.get(0).modified().title(),
          changes.get(0).modified().done())), List.of()); // the server's echo: a new, equal row
      return CompletableFuture.completedFuture(null);
    });
    self.set(todos);
    String[] keys = keys(n);
    int[] rows = randomRows(n, updates);
    int[] passes = {0};
    double perUpdate = rounds.nanosPerOp(updates, () -> {
      passes[0]++;
      long begin = System.nanoTime();
      for (int k = 0; k < updates; k++) {
        todos.update(keys[rows[k]], Todo::flipped).isPersisted().join();
      }
      return System.nanoTime() - begin;
    });
    int size = todos.size();
    String wrong = firstRowNotAsEchoed(todos, keys, doneAfter(n, rows, passes[0]));
    client.close();
    if (size != n) {
      throw new IllegalStateException("W8 ended with " + size + " rows, not " + n);
    }
    if (wrong != null) {
      throw new IllegalStateException("W8 ended with a row the server did not echo: " + wrong);
    }
    return new Line("W8", n).with("ops", updates).with("ns_per_op", perUpdate)
        .with("note", "ns per update of a random row, persisted by a handler that echoes the row back; awaited");
  }

  /** Whether each of {@code n} rows is done after {@code flips} ({@code passes} times over them), from none done. */
  private static boolean[] doneAfter(int n, int[] flips, int passes) {
    boolean[] done = new boolean[n];
    for (int row : flips) {
      done[row] ^= passes % 2 == 1;
    }
    return done;
  }

  /**
   * The first row of {@code todos} whose {@code done} is not {@code done}'s, as the server
   * echoed it last, as text; null if every row is so. A flip applied again over its own echo
   * leaves its row unflipped.
   */
  private static @Nullable String firstRowNotAsEchoed(QueryCollection<String, Todo> todos, String[] keys, boolean[] done) {
    for (int i = 0; i < keys.length; i++) {
      Todo shown = todos.get(keys[i]).orElse(null);
      if (shown == null || shown.done() != done[i]) {
        return keys[i] + " shows " + shown + ", the server echoed done=" + done[i];
      }
    }
    return null;
  }

  static Line w8c(int n, int updates, Rounds rounds) {
    double made = w8cWith(n, updates, rounds, () -> new IllegalStateException("refused"), true);
    IllegalStateException refusal = new IllegalStateException("refused");
    double prebuilt = w8cWith(n, updates, rounds, () -> refusal, true);
    double unwrapped = w8cWith(n, updates, rounds, () -> refusal, false);
    return new Line("W8c", n).with("ops", updates).with("ns_per_op", made).with("prebuilt_failure_ns", prebuilt)
        .with("prebuilt_unwrapped_ns", unwrapped)
        .with("note", "ns per update of a random row whose handler fails, rolled back and checked; awaited"
            + " (prebuilt_failure_ns: the same with one exception made once, so that no stack is captured per update;"
            + " prebuilt_unwrapped_ns: that, awaited without join's new CompletionException, as JavaScript's await"
            + " rethrows the same error)");
  }

  /**
   * W8c with a handler that fails with {@code failure}'s exception: the median ns per update,
   * awaited with {@code join} (which throws a new {@code CompletionException} per failure) or,
   * if not {@code joinThrows}, by reading the failure through {@code handle}.
   */
  private static double w8cWith(int n, int updates, Rounds rounds, Supplier<Exception> failure, boolean joinThrows) {
    QueryClient client = QuietClient.build();
    QueryCollection<String, Todo> todos = collection(client, n,
        changes -> CompletableFuture.failedFuture(failure.get()));
    String[] keys = keys(n);
    int[] rows = randomRows(n, updates);
    double perUpdate = rounds.nanosPerOp(updates, () -> {
      long begin = System.nanoTime();
      for (int k = 0; k < updates; k++) {
        String key = keys[rows[k]];
        if (joinThrows) {
          try {
            todos.update(key, Todo::flipped).isPersisted().join();
            throw new IllegalStateException("W8c: an update persisted");
          } catch (CompletionException refused) {
            requireRolledBack(todos, key);
          }
        } else {
          Throwable refused = todos.update(key, Todo::flipped).isPersisted().handle((tx, error) -> error).join();
          if (refused == null) {
            throw new IllegalStateException("W8c: an update persisted");
          }
          requireRolledBack(todos, key);
        }
      }
      return System.nanoTime() - begin;
    });
    client.close();
    return perUpdate;
  }


  private static void requireRolledBack(QueryCollection<String, Todo> todos, String key) {
    if (todos.get(key).orElseThrow().done()) {
      throw new IllegalStateException("W8c: row " + key + " was not rolled back");
    }
  }

  static List<Line> w8b(int n, int transactions, int[] sizes, Rounds rounds) {
    List<Line> lines = new ArrayList<>();
    for (int size : sizes) {
      QueryClient client = QuietClient.build();
      QueryCollection<String, Todo> todos = collection(client, Math.max(n, size), changes -> CompletableFuture.completedFuture(null));
      String[] keys = keys(Math.max(n, size));
      int[] passes = {0};
      double perChange = rounds.nanosPerOp((long) transactions * size, () -> {
        passes[0]++;
        long begin = System.nanoTime();
        for (int t = 0; t < transactions; t++) {
          Transaction tx = client.transaction()
              .persistAsync(transaction -> {
                List<Todo> echoed = new ArrayList<>(size);
                for (PendingChange<?, ?> change : transaction.changes()) {
                  Todo row = (Todo) change.modified();
                  echoed.add(new Todo(row.id(), row.title(), row.done())); // the server's echo: new, equal rows
                }
                todos.writeRows(echoed, List.of());
                return CompletableFuture.completedFuture(null);
              })
              .autoCommit(false)
              .build();
          for (int k = 0; k < size; k++) {
            String key = keys[k];
            tx.mutate(write -> write.update(todos, key, Todo::flipped)); // one update call per change
          }
          tx.commit().join();
        }
        return System.nanoTime() - begin;
      });
      int shown = todos.size();
      int[] flips = new int[size];
      for (int k = 0; k < size; k++) {
        flips[k] = k;
      }
      String wrong = firstRowNotAsEchoed(todos, keys, doneAfter(keys.length, flips, passes[0] * transactions));
      client.close();
      if (shown != Math.max(n, size)) {
        throw new IllegalStateException("W8b ended with " + shown + " rows");
      }
      if (wrong != null) {
        throw new IllegalStateException("W8b ended with a row the server did not echo: " + wrong);
      }
      lines.add(new Line("W8b", size).with("ops", (long) transactions * size).with("ns_per_op", perChange)
          .with("transactions", transactions)
          .with("note", "ns per change of a transaction of " + size + " single-row update calls, committed and echoed in one write"));
    }
    return lines;
  }

  /** A row W9 inserts: the server adds the time it was created. */
  record Note(String id, String text, long createdAt) {}

  static Line w9(int n, int inserts, Rounds rounds) {
    return inserts(n, inserts, rounds, false);
  }

  /** W9's push variant: the echo arrives as a push, carrying the insert's write key, before the handler's answer. */
  static Line w9p(int n, int inserts, Rounds rounds) {
    return inserts(n, inserts, rounds, true);
  }

  /**
   * W9 ({@code push} false: the handler writes the echo back) and W9p ({@code push} true: the
   * echo is pushed with the write's key before the handler answers, into a collection of
   * minted ids, minted before the clock starts).
   */
  private static Line inserts(int n, int inserts, Rounds rounds, boolean push) {
    String workload = push ? "W9p" : "W9";
    int[] round = {0};
    double perInsert = rounds.nanosPerOp(inserts, () -> {
      QueryClient client = QuietClient.build();
      QueryKey<List<Note>> key = QueryKey.of("notes");
      List<Note> initial = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        initial.add(new Note("row-" + i, "Note " + i, 1));
      }
      client.setQueryData(key, List.copyOf(initial));
      AtomicReference<QueryCollection<String, Note>> self = new AtomicReference<>();
      long[] revision = {0};
      CollectionBuilder<String, Note> builder = client.collection(QueryOptions.builder(key).enabled(false).build(), Note::id);
      QueryCollection<String, Note> notes = (push ? builder.mintedIds() : builder)
          .onInsertAsync(changes -> {
            PendingChange<String, Note> change = changes.get(0);
            Note sent = change.modified();
            Note echoed = new Note(sent.id(), sent.text(), 2); // the server's copy, with createdAt
            if (push) {
              self.get().applyPush(RowPush.upsert(echoed, ++revision[0], change.transaction().writeKey()));
            } else {
              self.get().writeRows(List.of(echoed), List.of());
            }
            return CompletableFuture.completedFuture(null);
          })
          .build();
      self.set(notes);
      int r = round[0]++;
      String[] ids = new String[inserts];
      for (int k = 0; k < inserts; k++) {
        ids[k] = push ? RowIds.mint() : "new-" + r + "-" + k;
      }
      long begin = System.nanoTime();
      for (int k = 0; k < inserts; k++) {
        notes.insert(new Note(ids[k], "Text " + k, 0)).isPersisted().join();
      }
      long elapsed = System.nanoTime() - begin;
      int size = notes.size();
      long confirmed = notes.get(ids[inserts - 1]).orElseThrow().createdAt();
      client.close();
      if (size != n + inserts || confirmed != 2) {
        throw new IllegalStateException(workload + " ended with " + size + " rows, the last one's createdAt " + confirmed);
      }
      return elapsed;
    });
    return new Line(workload, n).with("ops", inserts).with("ns_per_op", perInsert)
        .with("note", push
            ? "ns per insert of a row with a client-minted id, whose echo (with createdAt) arrives as a push with the write's key before the answer; awaited; one row each"
            : "ns per insert of a row with a client-minted id, echoed by the server with createdAt; awaited; one row each");
  }

  static List<Line> w10(int n, int reads, Rounds rounds) {
    QueryClient client = QuietClient.build();
    QueryCollection<String, Todo> todos = collection(client, n, changes -> CompletableFuture.completedFuture(null));
    todos.update("row-0", Todo::flipped).isPersisted().join(); // one row through a write, as W10 reads after W8
    Map<String, Todo> plain = new HashMap<>();
    for (Todo todo : todos.rows()) {
      plain.put(todo.id(), todo);
    }
    String[] keys = keys(n);
    int[] rows = randomRows(n, reads);
    double collection = rounds.nanosPerOp(reads, () -> {
      long begin = System.nanoTime();
      long found = 0;
      for (int k = 0; k < reads; k++) {
        found += todos.get(keys[rows[k]]).isPresent() ? 1 : 0;
      }
      long elapsed = System.nanoTime() - begin;
      Sink.consume(found);
      return elapsed;
    });
    double map = rounds.nanosPerOp(reads, () -> {
      long begin = System.nanoTime();
      long found = 0;
      for (int k = 0; k < reads; k++) {
        found += plain.get(keys[rows[k]]) != null ? 1 : 0;
      }
      long elapsed = System.nanoTime() - begin;
      Sink.consume(found);
      return elapsed;
    });
    client.close();
    return List.of(
        new Line("W10", n).with("ops", reads).with("ns_per_op", collection).with("hashmap_ns", map)
            .with("ratio", collection / map)
            .with("note", "ns per read of a random row by key (QueryCollection.get), beside a HashMap get of the same rows"));
  }
}
