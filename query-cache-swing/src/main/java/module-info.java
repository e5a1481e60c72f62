/**
 * query-cache for Swing: listeners on the Event Dispatch Thread, observers bound to component
 * lifetimes, table and list models that fire fine-grained events, toggle bindings for
 * optimistic mutations, toasts, window-focus refetch and a cache inspector.
 */
module dev.querycache.swing {
  requires transitive dev.querycache;
  requires transitive java.desktop;
  requires tools.jackson.databind;

  exports dev.querycache.swing;
}
