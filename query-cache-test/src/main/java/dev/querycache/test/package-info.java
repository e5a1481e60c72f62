/**
 * The query-cache test kit. Start with {@link dev.querycache.test.QueryCacheExtension} or
 * {@link dev.querycache.test.VirtualTime}.
 */
@NullMarked
package dev.querycache.test;

import org.jspecify.annotations.NullMarked;
