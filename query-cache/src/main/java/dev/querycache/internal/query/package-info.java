/**
 * Queries in the engine: the query half ({@code QueryEngine}: the operations on what a
 * filter selects, the defaults by prefix in {@code QueryDefaults}, data written by hand in
 * {@code DataWrites}), the store ({@code QueryCache}, with Caffeine's retention and the
 * prefix index {@code QueryIndex}), one entry's state machine ({@code Query}, whose every
 * transition is a {@code QueryAction}), its fetches ({@code Fetch}, {@code FetchTicket}),
 * the settings it resolved ({@code ResolvedOptions}, the one place staleness is decided),
 * filter matching ({@code FilterMatch}), and the engine's side of an observer ({@code
 * ObserverCore}). Not exported. Uses the runtime, the key tree and the layer stack; knows
 * nothing of mutations.
 */
@NullMarked
package dev.querycache.internal.query;

import org.jspecify.annotations.NullMarked;
