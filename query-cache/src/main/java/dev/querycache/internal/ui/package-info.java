/**
 * What every user-interface module of query-cache needs and no UI toolkit provides: the
 * keyed row diff of table and list models, the batching executor core of a UI thread, the
 * hand-over of an observer's latest result to the UI thread. Exported only to the UI
 * modules ({@code dev.querycache.swing}); not part of the public API.
 */
@NullMarked
package dev.querycache.internal.ui;

import org.jspecify.annotations.NullMarked;
