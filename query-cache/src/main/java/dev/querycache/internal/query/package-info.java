/**
 * Queries in the engine: the store ({@code QueryCache}, with Caffeine's retention and the
 * prefix index {@code QueryIndex}), one entry's state machine ({@code Query}, whose every
 * transition is a {@code QueryAction}), its fetches ({@code Fetch}, {@code FetchTicket}),
 * the settings it resolved ({@code ResolvedOptions}, the one place staleness is decided),
 * filter matching ({@code FilterMatch}), structural sharing, and the engine's side of an
 * observer ({@code ObserverCore}). Not exported.
 */
@NullMarked
package dev.querycache.internal.query;

import org.jspecify.annotations.NullMarked;
