/**
 * The demo's JavaFX window: the same three screens as the Swing one (notifications, health
 * checks, mailbox with undo), against the same embedded server, on {@code query-cache-javafx}.
 */
@NullMarked
package dev.querycache.examples.javafx;

import org.jspecify.annotations.NullMarked;
