/**
 * Runnable demos of query-cache against an embedded HTTP server: a notifications page with
 * an optimistic mark-as-read, a health-check configuration page with optimistic pause and
 * resume, and a mailbox whose actions run through one optimistic funnel with undo.
 *
 * <p>The pieces, from the wire up: the domain records shared by server and client
 * ({@link dev.querycache.examples.Notification}, {@link dev.querycache.examples.HealthCheckConfig},
 * {@link dev.querycache.examples.Envelope}, {@link dev.querycache.examples.MailAction}, ...);
 * {@link dev.querycache.examples.DemoServer}, the loopback HTTP server with adjustable latency
 * and failures; {@link dev.querycache.examples.DemoApi}, its blocking HTTP client;
 * {@link dev.querycache.examples.DemoQueries}, the query keys, options and mutations of each
 * screen; {@link dev.querycache.examples.ConsoleWalkthrough}, which runs the three scenarios
 * and prints every cache transition; and {@link dev.querycache.examples.Demo}, the main class.
 */
package dev.querycache.examples;
