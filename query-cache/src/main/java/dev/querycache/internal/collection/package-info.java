/**
 * Keyed collections' rows: each row's confirmed value (what the server last said) and, while
 * writes to it are pending, its {@code LayerStack} of intents, the same mechanism a query's
 * data goes through, one row at a time, so that a write to one row of ten thousand costs what
 * a write to one row costs. Not exported.
 */
@NullMarked
package dev.querycache.internal.collection;

import org.jspecify.annotations.NullMarked;
