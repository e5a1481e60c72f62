package dev.querycache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The data of an infinite query: the pages fetched so far, in order, and the page parameter
 * each was fetched with (TanStack Query's {@code InfiniteData}). Immutable; a fetch of the next
 * or previous page makes a new one with the page added at its end. Optimistic patches and
 * {@code setQueryData} work on it like on any other data.
 *
 * @param pages the pages, first to last; an immutable copy
 * @param pageParams the parameter of each page, in the same order; an immutable copy
 * @param <P> the type of a page
 * @param <Q> the type of a page parameter (a cursor, an offset, a page number)
 * @since 0.1.0
 */
public record InfiniteData<P, Q>(List<P> pages, List<Q> pageParams) {
  /**
   * Checks and copies the lists.
   *
   * @param pages see {@link #pages()}
   * @param pageParams see {@link #pageParams()}
   * @throws NullPointerException if a list or one of its elements is null
   * @throws IllegalArgumentException if the lists differ in size
   */
  public InfiniteData {
    pages = List.copyOf(Objects.requireNonNull(pages, "pages == null"));
    pageParams = List.copyOf(Objects.requireNonNull(pageParams, "pageParams == null"));
    if (pages.size() != pageParams.size()) {
      throw new IllegalArgumentException("pages and pageParams differ in size: "
          + pages.size() + " pages, " + pageParams.size() + " parameters");
    }
  }

  /**
   * No pages.
   *
   * @param <P> the type of a page
   * @param <Q> the type of a page parameter
   * @return data without pages
   */
  public static <P, Q> InfiniteData<P, Q> empty() {
    return new InfiniteData<>(List.of(), List.of());
  }

  /**
   * These pages with {@code page} added after the last one.
   *
   * @param page the page
   * @param pageParam the parameter it was fetched with
   * @return new data
   * @throws NullPointerException if an argument is null
   */
  public InfiniteData<P, Q> append(P page, Q pageParam) {
    return new InfiniteData<>(concat(pages, page, false), concat(pageParams, pageParam, false));
  }

  /**
   * These pages with {@code page} added before the first one.
   *
   * @param page the page
   * @param pageParam the parameter it was fetched with
   * @return new data
   * @throws NullPointerException if an argument is null
   */
  public InfiniteData<P, Q> prepend(P page, Q pageParam) {
    return new InfiniteData<>(concat(pages, page, true), concat(pageParams, pageParam, true));
  }

  /**
   * These pages without the first {@code count}, or without the last {@code count}: how a
   * {@code maxPages} bound drops the pages furthest from the one just fetched.
   *
   * @param count how many pages to drop, at most {@link #size()}
   * @param fromStart whether to drop from the start (else from the end)
   * @return new data, or this if {@code count} is zero
   * @throws IllegalArgumentException if {@code count} is negative or above the size
   */
  public InfiniteData<P, Q> drop(int count, boolean fromStart) {
    if (count < 0 || count > pages.size()) {
      throw new IllegalArgumentException("count must be within 0.." + pages.size() + ": " + count);
    }
    if (count == 0) {
      return this;
    }
    int from = fromStart ? count : 0;
    int to = fromStart ? pages.size() : pages.size() - count;
    return new InfiniteData<>(pages.subList(from, to), pageParams.subList(from, to));
  }

  /**
   * These pages, each changed by {@code change}: how an optimistic patch of the rows reaches
   * every page ({@code data -> data.mapPages(page -> page.without(id))}). The parameters stay.
   *
   * @param change the change of one page; gives the page itself where nothing changes
   * @return new data, or this if {@code change} gave every page back as it was
   * @throws NullPointerException if {@code change} is null or gives null
   */
  public InfiniteData<P, Q> mapPages(UnaryOperator<P> change) {
    Objects.requireNonNull(change, "change == null");
    List<P> changed = new ArrayList<>(pages.size());
    boolean any = false;
    for (P page : pages) {
      P next = Objects.requireNonNull(change.apply(page), "the page change gave null");
      any |= next != page;
      changed.add(next);
    }
    return any ? new InfiniteData<>(changed, pageParams) : this;
  }

  /**
   * The items of every page, in order: what a list or a table shows
   * ({@code data.flatMap(Page::rows)}).
   *
   * @param items the items of one page
   * @param <R> the type of an item
   * @return an immutable list of the items, first page first
   * @throws NullPointerException if {@code items} is null or gives null
   */
  public <R> List<R> flatMap(Function<? super P, ? extends List<? extends R>> items) {
    Objects.requireNonNull(items, "items == null");
    List<R> all = new ArrayList<>();
    for (P page : pages) {
      all.addAll(Objects.requireNonNull(items.apply(page), "the items function gave null"));
    }
    return Collections.unmodifiableList(all);
  }

  /**
   * How many pages there are.
   *
   * @return the number of pages
   */
  public int size() {
    return pages.size();
  }

  private static <E> List<E> concat(List<E> list, E element, boolean before) {
    Objects.requireNonNull(element, "page or pageParam == null");
    Object[] all = new Object[list.size() + 1];
    int offset = before ? 1 : 0;
    for (int i = 0; i < list.size(); i++) {
      all[i + offset] = list.get(i);
    }
    all[before ? 0 : list.size()] = element;
    @SuppressWarnings("unchecked") // every element is an E
    List<E> result = (List<E>) List.of(all);
    return result;
  }
}
