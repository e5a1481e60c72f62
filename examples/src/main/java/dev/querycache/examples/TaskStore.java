package dev.querycache.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's task list, in creation order. Creating a task whose id exists with the same
 * content succeeds (a retried request is not an error); with other content it is a conflict.
 * Saving or deleting an unknown task is not found, and nothing of the request is applied.
 * Thread-safe (every method locks the store).
 */
final class TaskStore {
  private final Map<String, Task> rows = new LinkedHashMap<>();

  TaskStore(List<Task> seed) {
    seed.forEach(task -> rows.put(task.id(), task));
  }

  synchronized List<Task> all() {
    return List.copyOf(rows.values());
  }

  /** Creates {@code tasks}; returns them as stored. */
  synchronized List<Task> create(List<Task> tasks) {
    for (Task task : tasks) {
      Task existing = rows.get(task.id());
      if (existing != null && !existing.equals(task)) {
        throw new HttpStatusException(409, "A different task with id '" + task.id() + "' exists");
      }
    }
    tasks.forEach(task -> rows.put(task.id(), task));
    return List.copyOf(tasks);
  }

  /** Saves {@code tasks} over the stored ones; returns them as stored. */
  synchronized List<Task> save(List<Task> tasks) {
    requireKnown(tasks.stream().map(Task::id).toList());
    tasks.forEach(task -> rows.put(task.id(), task));
    return List.copyOf(tasks);
  }

  /** Deletes the tasks {@code ids} name; returns the ids. */
  synchronized List<String> delete(List<String> ids) {
    requireKnown(ids);
    ids.forEach(rows::remove);
    return List.copyOf(ids);
  }

  private void requireKnown(List<String> ids) {
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      if (!rows.containsKey(id)) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw HttpStatusException.notFound("No task with id " + String.join(", ", unknown));
    }
  }
}
