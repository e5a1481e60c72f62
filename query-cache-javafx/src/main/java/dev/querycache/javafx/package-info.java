/**
 * JavaFX bindings for query-cache. Start with {@link FxQueries}.
 *
 * <p>Everything here that touches a node or a property must be called on the FX Application
 * Thread; the library's own callbacks arrive there.
 *
 * <h2>The client and its thread</h2>
 * <ul>
 *   <li>{@link FxQueries}: a client whose listeners run on the FX Application Thread, and
 *       queries observed while their node is shown.
 *   <li>{@link FxExecutor}: the notify executor that delivers a burst of changes in one
 *       {@code Platform.runLater}.
 *   <li>{@link FocusRefetch}: refetches stale observed queries when a window regains focus.
 * </ul>
 *
 * <h2>Showing queries</h2>
 * <ul>
 *   <li>{@link QueryProperty}: an observed query as a property to bind.
 *   <li>{@link QueryList}: a query's rows as an observable list for a table or a list view,
 *       with exact changes that keep selection and scroll position.
 *   <li>{@link QueryStatePane}: a spinner, an error with Retry, an empty message or the
 *       content.
 *   <li>{@link InfiniteScroll}: loads the next page of an infinite query near the end of a
 *       list or table view.
 * </ul>
 *
 * <h2>Writing</h2>
 * <ul>
 *   <li>{@link QueryToggle}: a check box or toggle button bound to a boolean of the data and
 *       to an optimistic mutation.
 *   <li>{@link FxToaster}: the mutations' error, success and undo toasts in a scene.
 * </ul>
 *
 * <h2>Devtools</h2>
 * <ul>
 *   <li>{@link FxCacheInspector}: the queries, their data and timelines, and the mutation runs.
 * </ul>
 */
@NullMarked
package dev.querycache.javafx;

import org.jspecify.annotations.NullMarked;
