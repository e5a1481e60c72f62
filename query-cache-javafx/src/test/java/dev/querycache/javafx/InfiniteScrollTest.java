package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querycache.InfiniteData;
import dev.querycache.InfiniteQueryOptions;
import dev.querycache.PageDirection;
import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.test.ControllablePages;
import dev.querycache.test.FxThread;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link InfiniteScroll} through {@link QueryList#bindInfinite}: a list view
 * shows an infinite query's rows page after page, loads the next page when the user scrolls
 * near the end (or while the rows do not fill it), and a page that arrives adds rows without
 * resetting the selection. The list is in a stage shown by Monocle; the client delivers on
 * the FX thread, its clock is virtual and its pages are answered by the test.
 */
class InfiniteScrollTest {
  /** A page of rows; {@code more}: whether there is a page after it. */
  record Page(List<String> rows, boolean more) {}

  private static final QueryKey<InfiniteData<Page, Integer>> FEED = QueryKey.of("feed");
  private static final int ROW_HEIGHT = 20;

  private final VirtualTime time = new VirtualTime();
  private final QueryClient client =
      time.clientBuilder().notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread).build();
  private final ControllablePages<Page, Integer> server = new ControllablePages<>();
  private final InfiniteQueryOptions<Page, Integer> feed = InfiniteQueryOptions.builder(FEED)
      .asyncPageFetcher(server)
      .initialPageParam(0)
      .nextPageParam((page, number, data) -> page.more() ? number + 1 : null)
      .retry(0)
      .build();
  private final QueryList<String> rows = new QueryList<>(row -> row);
  private final List<String> changes = new ArrayList<>();
  private ListView<String> list;
  private Stage stage;
  private InfiniteScroll scroll;

  @BeforeAll
  static void startFx() {
    FxThread.start();
  }

  @BeforeEach
  void showTheList() {
    FxThread.run(() -> {
      list = new ListView<>(rows);
      list.setFixedCellSize(ROW_HEIGHT);
      rows.addListener((ListChangeListener<String>) change -> {
        while (change.next()) {
          changes.add(change.wasAdded() && !change.wasRemoved() ? "added " + change.getFrom() : "other");
        }
      });
      stage = new Stage();
      stage.setScene(new Scene(list, 200, 6 * ROW_HEIGHT));
      stage.show();
      scroll = rows.bindInfinite(list, client, feed, Page::rows);
    });
    settle();
  }

  @AfterEach
  void close() {
    FxThread.run(stage::hide);
    client.close();
  }

  private static Page page(int number, int count, boolean more) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add("p" + number + "r" + i);
    }
    return new Page(out, more);
  }

  /** Lets the FX thread deliver, lay the rows out in layout pulses, and react to them. */
  private void settle() {
    for (int round = 0; round < 3; round++) {
      FxThread.pulse(stage.getScene().getRoot());
    }
  }

  private void answer(Page page) {
    server.resolve(page);
    settle();
  }

  private void scrollToTheEnd() {
    FxThread.run(() -> list.scrollTo(rows.size() - 1));
    settle();
  }

  @Test
  void theFirstPageIsShownAsRows() {
    answer(page(0, 20, true));

    assertThat(FxThread.call(rows::size)).isEqualTo(20);
    assertThat(FxThread.call(() -> rows.get(0))).isEqualTo("p0r0");
  }

  @Test
  void aTallListAsksForPagesUntilItIsFull() {
    answer(page(0, 2, true));
    answer(page(1, 2, true));
    answer(page(2, 20, true));

    assertThat(server.pageParams()).containsExactly(0, 1, 2);
    assertThat(FxThread.call(rows::size)).isEqualTo(24);
  }

  @Test
  void nothingMoreIsAskedWhileTheRowsFillTheList() {
    answer(page(0, 20, true));

    assertThat(server.pageParams()).containsExactly(0);
  }

  @Test
  void scrollingNearTheEndLoadsTheNextPage() {
    answer(page(0, 20, true));

    scrollToTheEnd();

    assertThat(server.pageParams()).containsExactly(0, 1);
    assertThat(server.latestCall().direction()).isEqualTo(PageDirection.FORWARD);
  }

  @Test
  void aPageThatArrivesAddsRowsAndKeepsTheSelection() {
    answer(page(0, 20, true));
    FxThread.run(() -> list.getSelectionModel().select(3));
    scrollToTheEnd();
    changes.clear();

    answer(page(1, 20, false));

    assertThat(FxThread.call(rows::size)).isEqualTo(40);
    assertThat(FxThread.call(() -> list.getSelectionModel().getSelectedIndex())).isEqualTo(3);
    assertThat(changes).containsExactly("added 20");
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
    settle();
    assertThat(server.pageParams()).as("no retry loop").containsExactly(0, 1);

    FxThread.run(() -> list.scrollTo(0));
    settle();
    scrollToTheEnd();

    assertThat(server.pageParams()).containsExactly(0, 1, 1);
  }

  @Test
  void aStatePaneAroundTheListShowsLoadingThenTheRowsOfOneObserver() {
    QueryKey<InfiniteData<Page, Integer>> other = QueryKey.of("other");
    InfiniteQueryOptions<Page, Integer> otherFeed = InfiniteQueryOptions.builder(other)
        .asyncPageFetcher(server).initialPageParam(0).nextPageParam((page, number, data) -> null).build();
    QueryList<String> otherRows = new QueryList<>(row -> row);
    QueryStatePane<InfiniteData<Page, Integer>> state = FxThread.call(() -> {
      ListView<String> view = new ListView<>(otherRows);
      QueryStatePane<InfiniteData<Page, Integer>> made =
          new QueryStatePane<>(view, data -> data.pages().isEmpty(), "Nothing here");
      stage.getScene().setRoot(made);
      otherRows.bindInfinite(made, client, otherFeed, Page::rows);
      return made;
    });
    settle();
    assertThat(FxThread.call(state::getView)).isEqualTo(QueryStatePane.View.LOADING);

    answer(page(0, 3, false));

    assertThat(FxThread.call(state::getView)).isEqualTo(QueryStatePane.View.CONTENT);
    assertThat(FxThread.call(otherRows::size)).isEqualTo(3);
    assertThat(client.getQueries(QueryFilter.exact(other))).singleElement()
        .satisfies(query -> assertThat(query.observerCount()).isEqualTo(1));
  }

  @Test
  void rowsHiddenWhileTheFirstPageLoadsAreMeasuredOnceShown() {
    QueryKey<InfiniteData<Page, Integer>> other = QueryKey.of("other");
    InfiniteQueryOptions<Page, Integer> otherFeed = InfiniteQueryOptions.builder(other)
        .asyncPageFetcher(server).initialPageParam(0)
        .nextPageParam((page, number, data) -> page.more() ? number + 1 : null).build();
    QueryList<String> otherRows = new QueryList<>(row -> row);
    FxThread.run(() -> {
      ListView<String> view = new ListView<>(otherRows);
      view.setFixedCellSize(ROW_HEIGHT);
      QueryStatePane<InfiniteData<Page, Integer>> state = new QueryStatePane<>(view); // hides the list while loading
      stage.getScene().setRoot(state);
      otherRows.bindInfinite(state, client, otherFeed, Page::rows);
    });
    settle();

    answer(page(0, 2, true)); // two rows in a list of six: room for more

    assertThat(server.pageParams()).endsWith(0, 1);
  }

  @Test
  void closingStopsObservingAndFollowingTheList() {
    answer(page(0, 20, true));

    FxThread.run(scroll::close);
    scrollToTheEnd();

    assertThat(server.pageParams()).containsExactly(0);
    assertThat(client.getQueries(QueryFilter.all().active())).isEmpty();
    assertThat(FxThread.call(scroll::isObserving)).isFalse();
  }

  @Test
  void hidingTheWindowStopsObserving() {
    answer(page(0, 20, true));

    FxThread.run(stage::hide);
    FxThread.flush();

    assertThat(FxThread.call(scroll::isObserving)).isFalse();
    assertThat(client.getQueries(QueryFilter.all().active())).isEmpty();
  }
}
