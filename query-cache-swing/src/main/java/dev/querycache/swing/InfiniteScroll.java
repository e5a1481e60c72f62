package dev.querycache.swing;

import dev.querycache.InfiniteQueryObserver;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.InfiniteQueryResult;
import dev.querycache.QueryClient;
import java.util.function.Consumer;
import javax.swing.BoundedRangeModel;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;
import javax.swing.event.ChangeListener;
import org.jspecify.annotations.Nullable;

/**
 * An infinite query shown in a scroll pane, which loads the next page when the user scrolls
 * near the end: the "load more" of a mailbox or a feed, made by
 * {@link SwingQueries#observeInfinite(JScrollPane, QueryClient, InfiniteQueryOptions, Consumer)}
 * or {@link QueryTableModel#bindInfinite}.
 *
 * <ul>
 *   <li>The query is observed while the pane is displayable, as a {@link ComponentBinding}
 *       observes: its listener runs on the EDT with each result.
 *   <li>When the visible part of the view comes within half a viewport of its end, and the
 *       query has a next page that is not loading already, the next page is fetched
 *       (joining a fetch in flight rather than replacing it). This is checked when the user
 *       scrolls and after each result is shown, so pages load until the viewport is full.
 *   <li>After a failed page it waits for the user to scroll again, not asking in a loop.
 * </ul>
 *
 * <p>{@link #close()} unbinds for good. Confined to the EDT.
 *
 * @since 0.1.0
 */
public final class InfiniteScroll implements AutoCloseable {
  private final JScrollPane pane;
  private final ChangeListener scrolled = event -> loadMoreIfNearTheEnd(true);
  private @Nullable ComponentBinding binding;
  private @Nullable InfiniteQueryObserver<?, ?> observer;
  private @Nullable InfiniteQueryResult<?, ?> latest;
  private boolean closed;

  private InfiniteScroll(JScrollPane pane) {
    this.pane = pane;
  }

  /** Installs; the caller has checked the thread and the arguments. */
  static <P, Q> InfiniteScroll install(JScrollPane pane, QueryClient client, InfiniteQueryOptions<P, Q> options,
      Consumer<? super InfiniteQueryResult<P, Q>> listener) {
    InfiniteScroll scroll = new InfiniteScroll(pane);
    pane.getVerticalScrollBar().getModel().addChangeListener(scroll.scrolled);
    scroll.binding = ComponentBinding.<InfiniteQueryResult<P, Q>>bind(pane, sink -> {
      InfiniteQueryObserver<P, Q> opened = client.observeInfinite(options, sink);
      scroll.observer = opened;
      return () -> {
        opened.close();
        if (scroll.observer == opened) {
          scroll.observer = null;
          scroll.latest = null;
        }
      };
    }, result -> {
      scroll.latest = result;
      listener.accept(result);
      // The view grows with the rows the listener just showed: measure after its layout.
      SwingUtilities.invokeLater(() -> scroll.loadMoreIfNearTheEnd(false));
    });
    return scroll;
  }

  /**
   * Whether the query is observed now: not closed, and the pane is displayable.
   *
   * @return {@code true} while observing
   * @throws IllegalStateException if not called on the EDT
   */
  public boolean isObserving() {
    EdtExecutor.checkOnEdt("InfiniteScroll.isObserving");
    return observer != null;
  }

  /**
   * The latest result shown, or null before the first (or while not observing).
   *
   * @return the result
   * @throws IllegalStateException if not called on the EDT
   */
  public @Nullable InfiniteQueryResult<?, ?> result() {
    EdtExecutor.checkOnEdt("InfiniteScroll.result");
    return latest;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   * @throws IllegalStateException if not called on the EDT
   */
  public boolean isClosed() {
    EdtExecutor.checkOnEdt("InfiniteScroll.isClosed");
    return closed;
  }

  /**
   * Stops observing and following the scroll bar, for good. Idempotent.
   *
   * @throws IllegalStateException if not called on the EDT
   */
  @Override
  public void close() {
    EdtExecutor.checkOnEdt("InfiniteScroll.close");
    if (closed) {
      return;
    }
    closed = true;
    pane.getVerticalScrollBar().getModel().removeChangeListener(scrolled);
    ComponentBinding bound = binding;
    if (bound != null) {
      bound.close();
    }
  }

  /**
   * Fetches the next page if the view's end is within half a viewport and the query has a
   * next page not loading; {@code byUser}: the user scrolled (which also retries a failed
   * page).
   */
  private void loadMoreIfNearTheEnd(boolean byUser) {
    InfiniteQueryObserver<?, ?> open = observer;
    InfiniteQueryResult<?, ?> shown = latest;
    if (closed || open == null || shown == null || !shown.hasNextPage() || shown.isFetchingNextPage()
        || shown.isLoading() || (shown.isFetchNextPageError() && !byUser)) {
      return;
    }
    BoundedRangeModel bar = pane.getVerticalScrollBar().getModel();
    int unseenBelow = bar.getMaximum() - (bar.getValue() + bar.getExtent());
    int viewport = pane.getViewport().getExtentSize().height;
    if (unseenBelow <= viewport / 2) {
      open.fetchNextPage(false);
    }
  }

  @Override
  public String toString() {
    return "InfiniteScroll{" + (closed ? "closed" : observer != null ? "observing" : "waiting") + "}";
  }
}
