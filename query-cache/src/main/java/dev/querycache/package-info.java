/**
 * The query cache: {@link dev.querycache.QueryKey keys}, {@link dev.querycache.QueryFilter
 * filters}, the {@link dev.querycache.QueryClient client} and its {@link
 * dev.querycache.QueryObserver observers}.
 *
 * <p>Start with {@link dev.querycache.QueryClient#builder()}.
 */
@NullMarked
package dev.querycache;

import org.jspecify.annotations.NullMarked;
