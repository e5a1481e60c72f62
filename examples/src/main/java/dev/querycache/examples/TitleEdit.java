package dev.querycache.examples;

import java.util.Objects;

/**
 * A keystroke in a task's title field: which task, and the field's text now. The task list's
 * title edits are paced writes of these.
 *
 * @param taskId the task
 * @param title the title as typed so far
 */
public record TitleEdit(String taskId, String title) {
  /**
   * Checks the fields.
   *
   * @param taskId the task
   * @param title the title as typed so far
   * @throws NullPointerException if a field is null
   */
  public TitleEdit {
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(title, "title == null");
  }
}
