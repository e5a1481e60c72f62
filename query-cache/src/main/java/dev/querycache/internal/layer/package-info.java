/**
 * The one mechanism of optimistic writes: a {@code LayerStack} of intents over a query's
 * confirmed data, each {@code OptimisticLayer} with its {@code LayerOwner} (a mutation run
 * today; transactions, sync channels and server pushes later) and its inclusion rule (by
 * fetch sequence), applied in order, re-projected over newer data, folded once confirmed,
 * with {@code StructuralSharing} keeping what did not change. Not exported.
 */
@NullMarked
package dev.querycache.internal.layer;

import org.jspecify.annotations.NullMarked;
