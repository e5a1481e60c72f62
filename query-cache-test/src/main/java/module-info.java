/**
 * The query-cache test kit: virtual time, controllable query and mutation functions, a
 * recorder of cache transitions, a recording toaster and a JUnit 5 extension, so that tests
 * of screens assert sequences of cache states without sleeping.
 */
module dev.querycache.test {
  requires transitive dev.querycache;
  requires transitive org.junit.jupiter.api;
  requires java.logging; // LibraryLog: the library's System.Logger backend, captured per test
  requires java.desktop; // Edt: the Event Dispatch Thread, for tests of Swing bindings
  requires static transitive javafx.graphics; // FxThread (its pulse takes a Node), for tests of JavaFX bindings: their JavaFX

  exports dev.querycache.test;

  // With JUnit's extension auto-detection on, every test keeps the library's log off the console.
  provides org.junit.jupiter.api.extension.Extension with dev.querycache.test.LibraryLog;
}
