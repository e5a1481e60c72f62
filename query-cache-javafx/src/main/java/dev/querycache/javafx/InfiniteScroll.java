package dev.querycache.javafx;

import dev.querycache.InfiniteQueryObserver;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.InfiniteQueryResult;
import dev.querycache.QueryClient;
import dev.querycache.internal.ui.LatestValue;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.skin.VirtualFlow;
import org.jspecify.annotations.Nullable;

/**
 * An infinite query shown in a {@code ListView} or {@code TableView}, which loads the next
 * page when the user scrolls near the end: the "load more" of a mailbox or a feed, made by
 * {@link QueryList#bindInfinite} or
 * {@link FxQueries#observeInfinite(Control, QueryClient, InfiniteQueryOptions, Consumer)}.
 *
 * <ul>
 *   <li>The query is observed while the control is in a showing window, as a
 *       {@link QueryProperty} observes; its listener runs on the FX Application Thread with
 *       each result.
 *   <li>When the last visible row comes within half a screen of rows of the end, and the
 *       query has a next page that is not loading already, the next page is fetched (joining
 *       a fetch in flight rather than replacing it). This is checked when the user scrolls and
 *       after the layout pulse that lays out each new result's rows (and after later pulses
 *       while the rows are not laid out, say in a hidden tab), so short pages load until the
 *       control is full.
 *   <li>After a failed page it waits for the user to scroll again, not asking in a loop.
 * </ul>
 *
 * <p>{@link #close()} stops it for good. Confined to the FX Application Thread.
 *
 * @since 0.1.0
 */
public final class InfiniteScroll implements AutoCloseable {
  private final Control control;
  /** Observes while the control's window shows, until closed. */
  private final WhileShowing lifetime;
  /** After each layout pulse of the scene: measure, if something asked for it. */
  private final Runnable afterLayout = () -> {
    if (this.armed) {
      this.armed = !loadMoreIfNearTheEnd(false);
    }
  };
  private final ChangeListener<Number> scrolled = (value, was, is) -> {
    if (!loadMoreIfNearTheEnd(true)) {
      this.armed = true;
    }
  };
  private final Opener opener;
  private final Consumer<InfiniteQueryResult<?, ?>> listener;
  private @Nullable ScrollBar followedBar;
  /** The scene whose layout pulses are followed while observing. */
  private @Nullable Scene pulsed;
  /** Whether to measure after the next layout: a result arrived, or the rows were not laid out. */
  private boolean armed;
  private @Nullable InfiniteQueryObserver<?, ?> observer;
  private @Nullable LatestValue<InfiniteQueryResult<?, ?>> handOver;
  private @Nullable InfiniteQueryResult<?, ?> latest;
  private boolean closed;

  /** Opens an observer that hands its results to the consumer it is passed. */
  @FunctionalInterface
  private interface Opener {
    InfiniteQueryObserver<?, ?> open(Consumer<InfiniteQueryResult<?, ?>> sink);
  }

  private InfiniteScroll(Control control, Opener opener, Consumer<InfiniteQueryResult<?, ?>> listener) {
    this.control = control;
    this.opener = opener;
    this.listener = listener;
    this.lifetime = new WhileShowing(control, this::start, this::stop);
  }

  /** Installs; the caller has checked the thread and the arguments. */
  @SuppressWarnings("unchecked") // the sink passes on what this observer delivers
  static <P, Q> InfiniteScroll install(Control control, QueryClient client, InfiniteQueryOptions<P, Q> options,
      Consumer<? super InfiniteQueryResult<P, Q>> listener) {
    InfiniteScroll scroll = new InfiniteScroll(control,
        sink -> client.observeInfinite(options, result -> sink.accept(result)),
        result -> listener.accept((InfiniteQueryResult<P, Q>) result));
    scroll.lifetime.start();
    return scroll;
  }

  /**
   * Whether the query is observed now: not closed, and the control is in a showing window.
   *
   * @return {@code true} while observing
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public boolean isObserving() {
    FxExecutor.checkOnFxThread("InfiniteScroll.isObserving");
    return observer != null;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public boolean isClosed() {
    FxExecutor.checkOnFxThread("InfiniteScroll.isClosed");
    return closed;
  }

  /**
   * The latest result shown, or null before the first (or while not observing).
   *
   * @return the result
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  public @Nullable InfiniteQueryResult<?, ?> result() {
    FxExecutor.checkOnFxThread("InfiniteScroll.result");
    return latest;
  }

  /**
   * Stops observing and following the control, for good. Idempotent.
   *
   * @throws IllegalStateException if not called on the FX Application Thread
   */
  @Override
  public void close() {
    FxExecutor.checkOnFxThread("InfiniteScroll.close");
    if (closed) {
      return;
    }
    closed = true;
    ScrollBar bar = followedBar;
    if (bar != null) {
      bar.valueProperty().removeListener(scrolled);
      followedBar = null;
    }
    lifetime.end();
  }

  /** Starts observing: the window shows. */
  private void start() {
    LatestValue<InfiniteQueryResult<?, ?>> values =
        new LatestValue<>(Platform::isFxApplicationThread, Platform::runLater, this::receive);
    handOver = values;
    Scene scene = control.getScene();
    if (scene != null) {
      scene.addPostLayoutPulseListener(afterLayout);
      pulsed = scene;
    }
    observer = opener.open(values::offer);
  }

  private void stop() {
    LatestValue<InfiniteQueryResult<?, ?>> values = handOver;
    InfiniteQueryObserver<?, ?> open = observer;
    handOver = null;
    observer = null;
    latest = null;
    armed = false;
    Scene scene = pulsed;
    if (scene != null) {
      scene.removePostLayoutPulseListener(afterLayout);
      pulsed = null;
    }
    if (values != null) {
      values.close();
    }
    if (open != null) {
      open.close();
    }
  }

  private void receive(InfiniteQueryResult<?, ?> result) {
    latest = result;
    listener.accept(result);
    armed = true;
    control.requestLayout(); // measured after the layout that lays the new rows out
  }

  /**
   * Fetches the next page if the last visible row is within half a screen of rows of the end
   * and the query has a next page not loading; {@code byUser}: the user scrolled (which also
   * retries a failed page). Returns false if the rows are not laid out yet (measure again
   * after the next layout).
   */
  private boolean loadMoreIfNearTheEnd(boolean byUser) {
    followScrollBar();
    InfiniteQueryObserver<?, ?> open = observer;
    InfiniteQueryResult<?, ?> shown = latest;
    if (closed || open == null || shown == null || !shown.hasNextPage() || shown.isFetchingNextPage()
        || shown.isLoading() || (shown.isFetchNextPageError() && !byUser)) {
      return true;
    }
    Boolean near = nearTheEnd();
    if (near == null) {
      return false;
    }
    if (near) {
      open.fetchNextPage(false);
    }
    return true;
  }

  /** Whether the last visible row is near the end; null if the rows are not laid out yet. */
  private @Nullable Boolean nearTheEnd() {
    int items = itemCount();
    if (items == 0) {
      return true; // no rows (the pages so far were empty): nothing to scroll
    }
    Node found = control.lookup(".virtual-flow");
    if (!(found instanceof VirtualFlow<?> flow)) {
      return null;
    }
    int count = flow.getCellCount();
    IndexedCell<?> first = flow.getFirstVisibleCell();
    IndexedCell<?> last = flow.getLastVisibleCell();
    if ((items >= 0 && count != items) || count == 0 || first == null || last == null) {
      return null; // the flow has not laid the rows out (it was hidden, or is catching up)
    }
    int halfScreen = Math.max(1, (last.getIndex() - first.getIndex()) / 2);
    return last.getIndex() >= count - 1 - halfScreen;
  }

  /** How many rows the control shows: its items, for a list or a table. */
  private int itemCount() {
    if (control instanceof ListView<?> list) {
      return list.getItems() == null ? 0 : list.getItems().size();
    }
    if (control instanceof TableView<?> table) {
      return table.getItems() == null ? 0 : table.getItems().size();
    }
    if (control instanceof TreeTableView<?> tree) {
      return tree.getExpandedItemCount();
    }
    return -1; // unknown: the flow decides alone
  }

  /** Follows the vertical scroll bar once the control's skin has made it. */
  private void followScrollBar() {
    if (followedBar != null || closed) {
      return;
    }
    for (Node node : control.lookupAll(".scroll-bar")) {
      if (node instanceof ScrollBar bar && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL) {
        bar.valueProperty().addListener(scrolled);
        followedBar = bar;
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "InfiniteScroll{" + (closed ? "closed" : observer != null ? "observing" : "waiting") + "}";
  }
}
