/**
 * Swing bindings for query-cache. Start with {@link dev.querycache.swing.SwingQueries}.
 *
 * <p>Everything here that touches a component must be called on the Event Dispatch Thread;
 * the library's own callbacks arrive there.
 */
@NullMarked
package dev.querycache.swing;

import org.jspecify.annotations.NullMarked;
