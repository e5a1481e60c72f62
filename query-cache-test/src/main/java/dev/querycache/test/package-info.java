/**
 * The query-cache test kit: test a screen's cache transitions on virtual time, without
 * sleeping. Start with {@link QueryCacheTest}.
 *
 * <h2>The test's client and time</h2>
 * <ul>
 *   <li>{@link QueryCacheTest}, {@link QueryCacheExtension}: a fresh client on fresh virtual
 *       time for each test, checked for leftover work at its end; {@link AllowPending} lets a
 *       test end with work pending.
 *   <li>{@link VirtualTime}: a ticker and a scheduler that move only when the test says so.
 * </ul>
 *
 * <h2>Functions the test answers</h2>
 * <ul>
 *   <li>{@link ControllableQuery} and its {@link QueryCall}s: a query function whose every
 *       fetch waits for the test.
 *   <li>{@link ControllablePages} and its {@link PageCall}s: the same for an infinite
 *       query's pages.
 *   <li>{@link ControllableMutation} and its {@link MutationCall}s: a mutation function whose
 *       every write waits for the test.
 * </ul>
 *
 * <h2>What the screen went through</h2>
 * <ul>
 *   <li>{@link TransitionRecorder}, {@link TransitionLog}, {@link Transition}: every visible
 *       change of the queries a test cares about, in order.
 *   <li>{@link RowLog}: the row changes of a keyed collection, as a table receives them.
 *   <li>{@link RecordingToaster}, {@link Toast}: which toasts a mutation showed.
 *   <li>{@link LibraryLog}, {@link CapturedLog}: what the library logged, kept off the console
 *       and shown only for a failed test.
 * </ul>
 *
 * <h2>UI threads</h2>
 * <ul>
 *   <li>{@link UiThread}: a UI thread whose work waits until the test runs it.
 *   <li>{@link Edt}, {@link FxThread}: let Swing and JavaFX bindings catch up.
 *   <li>{@link FxStages}: the windows a JavaFX screen test shows, hidden after each test.
 * </ul>
 */
@NullMarked
package dev.querycache.test;

import org.jspecify.annotations.NullMarked;
