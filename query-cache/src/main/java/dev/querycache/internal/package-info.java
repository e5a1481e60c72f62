/**
 * The engine's runtime and its shared machinery: the {@code Engine} (the seams the
 * application chose, the managers, the stores, the client-wide sequence, closing), the
 * managers of connectivity ({@code OnlineManager}), focus ({@code FocusManager}) and
 * defaults ({@code QueryDefaults}), the {@code Retryer} of fetches and mutation functions,
 * the {@code Notifier} (batches, coalescing channels, follow-up steps on a trampoline) and
 * {@code Callbacks} (the one rule for what application code throws).
 *
 * <p>Not exported. The face ({@code dev.querycache}) holds an {@code Engine} and calls the
 * engine's packages; nothing here, or in any {@code dev.querycache.internal} package, calls
 * the face back (the architecture test checks it).
 */
@NullMarked
package dev.querycache.internal;

import org.jspecify.annotations.NullMarked;
