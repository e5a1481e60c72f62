package dev.querycache.tests;

/**
 * A row of the collection and transaction specifications: a task with an id, a title and
 * whether it is done, with the changes the tests make.
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

  /** This row, done if it was not and not done if it was: an update that depends on the row. */
  public TodoRow toggled() {
    return new TodoRow(id, title, !done);
  }

  /** This row with another title. */
  public TodoRow titled(String value) {
    return new TodoRow(id, value, done);
  }
}
