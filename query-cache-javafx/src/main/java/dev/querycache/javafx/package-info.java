/**
 * JavaFX bindings for query-cache. Start with {@link dev.querycache.javafx.FxQueries}.
 *
 * <p>Everything here that touches a node or a property must be called on the FX Application
 * Thread; the library's own callbacks arrive there.
 */
@NullMarked
package dev.querycache.javafx;

import org.jspecify.annotations.NullMarked;
