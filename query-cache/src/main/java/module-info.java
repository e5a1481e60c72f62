/**
 * query-cache core: structured keys, filters, the query client, observers and the
 * notification seam. Only {@code dev.querycache} is exported to everyone; everything else in
 * the package that is not {@code public} is the engine, and {@code dev.querycache.internal.ui}
 * is exported to the UI modules only.
 */
// The UI modules are built after this one, so javac cannot see them yet: its "module not
// found" warning for the qualified export below is expected.
@SuppressWarnings("module")
module dev.querycache {
  requires transitive org.jspecify;
  requires com.github.benmanes.caffeine;
  requires tools.jackson.databind;
  requires com.google.common;

  exports dev.querycache;
  exports dev.querycache.collection;
  // Shared by the UI modules, not part of the API: qualified, as OkHttp shares its internals.
  exports dev.querycache.internal.ui to dev.querycache.swing, dev.querycache.javafx;
}
