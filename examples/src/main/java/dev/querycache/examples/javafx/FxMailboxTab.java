package dev.querycache.examples.javafx;

import dev.querycache.InfiniteData;
import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.examples.DemoQueries;
import dev.querycache.examples.Envelope;
import dev.querycache.examples.EnvelopeList;
import dev.querycache.examples.MailAction;
import dev.querycache.examples.MailCounts;
import dev.querycache.examples.MailResult;
import dev.querycache.examples.MailView;
import dev.querycache.javafx.FxQueries;
import dev.querycache.javafx.InfiniteScroll;
import dev.querycache.javafx.QueryList;
import dev.querycache.javafx.QueryProperty;
import dev.querycache.javafx.QueryStatePane;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.jspecify.annotations.Nullable;

/**
 * The mailbox of seed 003: views on the left (with counts), envelopes on the right, and every
 * action (archive, trash, star, mark read, snooze) through one optimistic funnel. Archive,
 * trash and snooze answer with an undo toast for 60 seconds. Each view is an infinite query
 * of five envelopes a page: more load as the user scrolls to the end of the table.
 */
final class FxMailboxTab extends BorderPane {
  private final QueryClient client;
  private final DemoQueries queries;
  private final Mutation<MailAction, MailResult, Void> funnel;
  private final QueryList<Envelope> rows = new QueryList<>(Envelope::id);
  private final TableView<Envelope> table = new TableView<>(rows);
  private final QueryStatePane<InfiniteData<EnvelopeList, Integer>> state =
      new QueryStatePane<>(table, pages -> DemoQueries.rows(pages).isEmpty(), "Nothing here");
  /** Drives the state pane and the table from the current view's query, loading more on scroll. */
  private @Nullable InfiniteScroll binding;

  FxMailboxTab(QueryClient client, DemoQueries queries) {
    this.client = client;
    this.queries = queries;
    this.funnel = queries.mailFunnel();

    ListView<MailView> views = new ListView<>();
    views.getItems().addAll(MailView.values());
    views.setPrefWidth(170);
    QueryProperty<MailCounts> counts = FxQueries.observe(views, client, queries.counts());
    views.setCellFactory(list -> new ListCell<>() {
      @Override
      protected void updateItem(@Nullable MailView view, boolean empty) {
        super.updateItem(view, empty);
        setText(empty || view == null ? null : view.label(counts.get().data()));
      }
    });
    counts.addListener((value, was, is) -> views.refresh());
    views.getSelectionModel().selectedItemProperty().addListener((value, was, is) -> {
      if (is != null) {
        show(is);
      }
    });

    table.getColumns().add(FxNotificationsTab.column("\u2605", 30, e -> e.starred() ? "\u2605" : ""));
    table.getColumns().add(FxNotificationsTab.column("From", 150, Envelope::from));
    table.getColumns().add(FxNotificationsTab.column("Subject", 260, e -> (e.read() ? "" : "\u25cf ") + e.subject()));
    table.getColumns().add(FxNotificationsTab.column("", 320, Envelope::snippet));

    ToolBar actions = new ToolBar(
        actionButton("Archive", funnel, e -> new MailAction.Archive(e.id(), e.folder())),
        actionButton("Trash", funnel, e -> new MailAction.Trash(e.id(), e.folder())),
        // Sync mode: click it five times quickly, and the request counter moves by one or two.
        actionButton("Star / unstar", queries.star(), e -> new MailAction.Star(e.id(), !e.starred())),
        actionButton("Read / unread", funnel, e -> new MailAction.MarkRead(e.id(), !e.read())),
        actionButton("Snooze 1 h", funnel, e -> new MailAction.Snooze(e.id(), Instant.now().plus(Duration.ofHours(1)))));
    BorderPane right = new BorderPane(state);
    right.setTop(actions);
    setLeft(views);
    setCenter(right);
    views.getSelectionModel().select(MailView.INBOX);
  }

  /** Follows another view: the state pane and its table rebind to its query. */
  private void show(MailView view) {
    if (binding != null) {
      binding.close();
    }
    binding = rows.bindInfinite(state, client, queries.envelopes(view), EnvelopeList::envelopes);
  }

  private <A extends MailAction> Button actionButton(String name, Mutation<A, ?, ?> mutation, Function<Envelope, A> action) {
    Button button = new Button(name);
    button.setOnAction(event -> {
      Envelope selected = table.getSelectionModel().getSelectedItem();
      if (selected != null) {
        mutation.fire(action.apply(selected));
      }
    });
    return button;
  }
}
