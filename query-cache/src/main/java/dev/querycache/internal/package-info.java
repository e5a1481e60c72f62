/**
 * The engine's root: the {@code Engine} puts the runtime ({@code internal.runtime}), the
 * query half ({@code internal.query}) and the mutation half ({@code internal.mutation})
 * together for one client from an {@code EngineConfig}, and runs what spans them (focus,
 * through the {@code FocusManager}; connectivity coming back; closing). Nothing below it
 * imports it: the engine's packages form no cycle (the architecture test checks it).
 *
 * <p>Not exported. The face ({@code dev.querycache}) holds an {@code Engine} and calls the
 * engine's packages; nothing here, or in any {@code dev.querycache.internal} package, calls
 * the face back (the architecture test checks it).
 */
@NullMarked
package dev.querycache.internal;

import org.jspecify.annotations.NullMarked;
