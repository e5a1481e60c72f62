/**
 * The canonical form of query keys behind {@code dev.querycache.QueryKey}: turning parts
 * (scalars, lists, maps, records, beans) into an immutable tree with value equality
 * ({@code KeyParts}, {@code BeanParts}), its nodes ({@code KeyList}, {@code KeyMap}), the
 * partial match of filters, and the readable rendering ({@code KeyJson}). Not exported.
 */
@NullMarked
package dev.querycache.internal.key;

import org.jspecify.annotations.NullMarked;
