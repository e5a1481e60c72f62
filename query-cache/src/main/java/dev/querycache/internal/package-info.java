/**
 * The engine's shared machinery: the {@code Notifier} (batches, coalescing channels,
 * follow-up steps on a trampoline) and {@code Callbacks} (the one rule for what application
 * code throws). Not exported; the face in {@code dev.querycache} and the engine's other
 * packages use it.
 */
@NullMarked
package dev.querycache.internal;

import org.jspecify.annotations.NullMarked;
