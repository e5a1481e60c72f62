package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.test.ControllablePages;
import dev.querycache.test.Edt;
import dev.querycache.test.VirtualTime;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BoundedRangeModel;
import javax.swing.JFrame;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link InfiniteScroll} through {@link QueryTableModel#bindInfinite}: a
 * table shows an infinite query's rows page after page, loads the next page when the user
 * scrolls near the end (or while the rows do not fill the viewport), and a page that arrives
 * adds rows without resetting the selection. The table is in a window shown under Xvfb; the
 * client's clock is virtual and its pages are answered by the test.
 */
class InfiniteScrollTest {
  /** A page of rows; {@code more}: whether there is a page after it. */
  record Page(List<String> rows, boolean more) {}

  private static final QueryKey<InfiniteData<Page, Integer>> FEED = QueryKey.of("feed");
  private static final int ROW_HEIGHT = 20;

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client = time.clientBuilder().build();
  private final ControllablePages<Page, Integer> server = new ControllablePages<>();
  private final InfiniteQueryOptions<Page, Integer> feed = InfiniteQueryOptions.builder(FEED)
      .asyncPageFetcher(server)
      .initialPageParam(0)
      .nextPageParam((page, number, data) -> page.more() ? number + 1 : null)
      .retry(0)
      .build();
  private final List<TableModelEvent> events = new ArrayList<>();
  private QueryTableModel<String> model;
  private JTable table;
  private JScrollPane pane;
  private JFrame frame;
  private InfiniteScroll scroll;

  @BeforeEach
  void showTheTable() {
    assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
    Edt.run(() -> {
      model = new QueryTableModel<>(row -> row, List.of(QueryTableModel.Column.of("Row", String.class, row -> row)));
      model.addTableModelListener(events::add);
      table = new JTable(model);
      table.setRowHeight(ROW_HEIGHT);
      pane = new JScrollPane(table);
      frame = new JFrame("infinite scroll");
      frame.add(pane);
      frame.setSize(240, 10 * ROW_HEIGHT); // a viewport of some 6 rows under the header
      frame.setVisible(true);
      scroll = model.bindInfinite(pane, client, feed, Page::rows);
    });
    Edt.flush();
  }

  @AfterEach
  void close() {
    if (frame != null) {
      Edt.run(frame::dispose);
    }
    client.close();
  }

  private static Page page(int number, int rows, boolean more) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      out.add("p" + number + "r" + i);
    }
    return new Page(out, more);
  }

  /** Answers the latest page call and lets the window lay the rows out. */
  private void answer(Page page) {
    server.resolve(page);
    Edt.flush();
  }

  private void scrollToTheEnd() {
    Edt.run(() -> {
      BoundedRangeModel bar = pane.getVerticalScrollBar().getModel();
      bar.setValue(bar.getMaximum() - bar.getExtent());
    });
    Edt.flush();
  }

  @Test
  void theFirstPageIsShownAsRows() {
    answer(page(0, 20, true));

    assertThat(Edt.call(() -> model.getRowCount())).isEqualTo(20);
    assertThat(Edt.call(() -> model.getRow(0))).isEqualTo("p0r0");
  }

  @Test
  void aTallViewportAsksForPagesUntilItIsFull() {
    answer(page(0, 2, true));
    answer(page(1, 2, true));
    answer(page(2, 20, true));

    assertThat(server.pageParams()).containsExactly(0, 1, 2);
    assertThat(Edt.call(() -> model.getRowCount())).isEqualTo(24);
  }

  @Test
  void nothingMoreIsAskedWhileTheRowsFillTheViewport() {
    answer(page(0, 20, true));

    assertThat(server.pageParams()).containsExactly(0);
  }

  @Test
  void scrollingNearTheEndLoadsTheNextPage() {
    answer(page(0, 20, true));

    scrollToTheEnd();

    assertThat(server.pageParams()).containsExactly(0, 1);
    assertThat(server.latestCall().direction()).isEqualTo(dev.querycache.PageDirection.FORWARD);
  }

  @Test
  void scrollingAgainWhileThePageLoadsAsksNothingMore() {
    answer(page(0, 20, true));
    scrollToTheEnd();

    Edt.run(() -> pane.getVerticalScrollBar().setValue(pane.getVerticalScrollBar().getValue() - 1));
    scrollToTheEnd();

    assertThat(server.pageParams()).containsExactly(0, 1);
  }

  @Test
  void aPageThatArrivesAddsRowsAndKeepsTheSelection() {
    answer(page(0, 20, true));
    Edt.run(() -> table.setRowSelectionInterval(3, 3));
    scrollToTheEnd();
    events.clear();

    answer(page(1, 20, false));

    assertThat(Edt.call(() -> model.getRowCount())).isEqualTo(40);
    assertThat(Edt.call(() -> table.getSelectedRow())).isEqualTo(3);
    assertThat(events).extracting(TableModelEvent::getType).containsOnly(TableModelEvent.INSERT);
    assertThat(events.get(0).getFirstRow()).isEqualTo(20);
  }

  @Test
  void afterTheLastPageScrollingAsksNothing() {
    answer(page(0, 20, false));

    scrollToTheEnd();

    assertThat(server.pageParams()).containsExactly(0);
  }

  @Test
  void aFailedPageIsAskedAgainOnlyWhenTheUserScrollsAgain() {
    answer(page(0, 20, true));
    scrollToTheEnd();
    server.fail(new IOException("offline"));
    Edt.flush();
    assertThat(server.pageParams()).as("no retry loop").containsExactly(0, 1);

    Edt.run(() -> pane.getVerticalScrollBar().setValue(0));
    scrollToTheEnd();

    assertThat(server.pageParams()).containsExactly(0, 1, 1);
  }

  @Test
  void aStatePanelAroundTheTableShowsLoadingThenTheRowsOfOneObserver() {
    QueryKey<InfiniteData<Page, Integer>> other = QueryKey.of("other");
    InfiniteQueryOptions<Page, Integer> otherFeed = InfiniteQueryOptions.builder(other)
        .asyncPageFetcher(server).initialPageParam(0).nextPageParam((page, number, data) -> null).build();
    QueryTableModel<String> rows =
        Edt.call(() -> new QueryTableModel<>(row -> row, List.of(QueryTableModel.Column.of("Row", String.class, row -> row))));
    QueryStatePanel<InfiniteData<Page, Integer>> state = Edt.call(() -> {
      QueryStatePanel<InfiniteData<Page, Integer>> made =
          new QueryStatePanel<>(new JScrollPane(new JTable(rows)), data -> data.pages().isEmpty(), "Nothing here");
      frame.getContentPane().removeAll();
      frame.add(made);
      frame.validate();
      rows.bindInfinite(made, client, otherFeed, Page::rows);
      return made;
    });
    Edt.flush();
    assertThat(Edt.call(state::view)).isEqualTo(QueryStatePanel.View.LOADING);

    answer(page(0, 3, false));

    assertThat(Edt.call(state::view)).isEqualTo(QueryStatePanel.View.CONTENT);
    assertThat(Edt.call(rows::getRowCount)).isEqualTo(3);
    assertThat(client.getQueries(QueryFilter.exact(other))).singleElement()
        .satisfies(query -> assertThat(query.observerCount()).isEqualTo(1));
  }

  @Test
  void closingStopsObservingAndFollowingTheScrollBar() {
    answer(page(0, 20, true));

    Edt.run(scroll::close);
    scrollToTheEnd();

    assertThat(server.pageParams()).containsExactly(0);
    assertThat(client.getQueries(QueryFilter.all().active())).isEmpty();
    assertThat(Edt.call(() -> scroll.isObserving())).isFalse();
  }
}
