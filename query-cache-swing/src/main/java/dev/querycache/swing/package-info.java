/**
 * Swing bindings for query-cache. Start with {@link SwingQueries}.
 *
 * <p>Everything here that touches a component must be called on the Event Dispatch Thread;
 * the library's own callbacks arrive there.
 *
 * <h2>The client and its thread</h2>
 * <ul>
 *   <li>{@link SwingQueries}: a client whose listeners run on the EDT, and observers bound
 *       to components.
 *   <li>{@link EdtExecutor}: the notify executor that delivers a burst of changes in one EDT
 *       event.
 *   <li>{@link FocusRefetch}: refetches stale observed queries when a window regains focus.
 * </ul>
 *
 * <h2>Showing queries</h2>
 * <ul>
 *   <li>{@link ComponentBinding}: an observer that lives as long as its component is shown.
 *   <li>{@link QueryTableModel}, {@link QueryListModel}: a query's rows in a table or a list,
 *       with exact row events that keep selection and scroll position.
 *   <li>{@link WriteMarkRenderer}: marks the rows with a write in flight or a failed write.
 *   <li>{@link QueryStatePanel}: a spinner, an error with Retry, an empty message or the
 *       content.
 *   <li>{@link InfiniteScroll}: loads the next page of an infinite query near the end of a
 *       scroll pane.
 * </ul>
 *
 * <h2>Writing</h2>
 * <ul>
 *   <li>{@link QueryToggle}: a toggle button bound to a boolean of the data and to an
 *       optimistic mutation.
 *   <li>{@link SwingToaster}: the mutations' error, success and undo toasts in a window.
 * </ul>
 *
 * <h2>Devtools</h2>
 * <ul>
 *   <li>{@link CacheInspector}: the queries, their data and timelines, and the mutation runs.
 * </ul>
 */
@NullMarked
package dev.querycache.swing;

import org.jspecify.annotations.NullMarked;
