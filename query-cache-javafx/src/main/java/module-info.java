/**
 * query-cache for JavaFX: the cache's deliveries on the FX Application Thread, query results as
 * JavaFX properties, lifetimes from the scene graph. Start with
 * {@link dev.querycache.javafx.FxQueries}.
 */
module dev.querycache.javafx {
  requires transitive dev.querycache;
  requires transitive javafx.controls;

  exports dev.querycache.javafx;
}
