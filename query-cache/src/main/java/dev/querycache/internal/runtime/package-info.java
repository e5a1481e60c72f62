/**
 * What every part of the engine runs on, and knows nothing of those parts: the {@code
 * Notifier} (batches, coalescing channels, follow-up steps on a trampoline), {@code
 * Callbacks} (the one rule for what application code throws), the {@code Retryer} of fetches
 * and mutation functions, and the {@code OnlineManager} that pauses and resumes them.
 *
 * <p>Not exported. A leaf of the engine: it uses the JDK, its libraries and the face's
 * service interfaces (the ticker, the scheduler, the retry policy), and no other engine
 * package (the architecture test checks it).
 */
@NullMarked
package dev.querycache.internal.runtime;

import org.jspecify.annotations.NullMarked;
