package dev.querycache.tests;

/**
 * A row of the collection and transaction specifications: a task with an id, a title and
 * whether it is done, with the two changes the tests make.
 *
 * @param id the key
 * @param title the title
 * @param done whether it is done
 */
public record TodoRow(String id, String title, boolean done) {
  /** This row, done or not. */
  public TodoRow done(boolean value) {
    return new TodoRow(id, title, value);
  }

  /** This row with another title. */
  public TodoRow titled(String value) {
    return new TodoRow(id, value, done);
  }
}
