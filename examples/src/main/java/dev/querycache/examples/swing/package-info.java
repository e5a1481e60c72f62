/**
 * The Swing demo app: notifications, health-check configurations and a mailbox against the
 * embedded {@link dev.querycache.examples.DemoServer}, with controls for latency and failures
 * and the cache inspector. Start it with {@link dev.querycache.examples.Demo}.
 */
@NullMarked
package dev.querycache.examples.swing;

import org.jspecify.annotations.NullMarked;
