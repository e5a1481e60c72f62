package dev.querycache.examples;

import java.util.Objects;

/**
 * One task of the task list: an id the client mints when it creates the task, a title, and
 * whether it is done.
 *
 * @param id the task's id, such as {@code "k3"} or a client-minted UUID
 * @param title what to do
 * @param done whether it is done
 */
public record Task(String id, String title, boolean done) {
  /**
   * Checks the fields.
   *
   * @param id the task's id
   * @param title what to do
   * @param done whether it is done
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code id} or {@code title} is blank
   */
  public Task {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(title, "title == null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id is blank");
    }
    if (title.isBlank()) {
      throw new IllegalArgumentException("the title of " + id + " is blank");
    }
  }

  /**
   * This task, done or not.
   *
   * @param value whether it is done
   * @return the changed task
   */
  public Task withDone(boolean value) {
    return new Task(id, title, value);
  }

  /**
   * This task with another title.
   *
   * @param value the new title
   * @return the changed task
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public Task withTitle(String value) {
    return new Task(id, value, done);
  }
}
