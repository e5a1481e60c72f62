/**
 * What every user-interface module of query-cache needs and no UI toolkit provides: the
 * keyed row diff of table and list models ({@code RowDiff}), the batching core of a UI
 * thread's notify executor ({@code BatchingExecutor}), the hand-over of an observer's latest
 * result to the UI thread ({@code LatestValue}), and when a toast is due to go
 * ({@code ToastLifetime}). Each toolkit module gives them its thread and its widgets. Exported
 * only to the UI modules ({@code dev.querycache.swing}); not part of the public API.
 */
@NullMarked
package dev.querycache.internal.ui;

import org.jspecify.annotations.NullMarked;
