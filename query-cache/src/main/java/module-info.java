/**
 * query-cache core: structured keys, filters, the query client, observers and the
 * notification seam. Only {@code dev.querycache} is exported; everything else in the
 * package that is not {@code public} is the engine.
 */
module dev.querycache {
  requires transitive org.jspecify;
  requires com.github.benmanes.caffeine;
  requires tools.jackson.databind;
  requires com.google.common;

  exports dev.querycache;
}
