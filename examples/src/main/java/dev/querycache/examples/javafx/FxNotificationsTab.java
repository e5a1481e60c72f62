package dev.querycache.examples.javafx;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryOptions;
import dev.querycache.examples.DemoQueries;
import dev.querycache.examples.Notification;
import dev.querycache.examples.NotificationsPage;
import dev.querycache.examples.NotificationsQuery;
import dev.querycache.javafx.QueryList;
import dev.querycache.javafx.QueryProperty;
import dev.querycache.javafx.QueryStatePane;
import dev.querycache.javafx.QueryToggle;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The notifications page of seed 002: a table of notifications whose "Read" box (or the
 * "Mark as read" button) marks a row read optimistically; a refused write flips it back with
 * an error toast, and the unread count follows.
 */
final class FxNotificationsTab extends BorderPane {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MMM d, HH:mm").withZone(ZoneId.systemDefault());

  FxNotificationsTab(QueryClient client, DemoQueries queries) {
    QueryOptions<NotificationsPage> page = queries.notifications(new NotificationsQuery(20, 0, false));
    Mutation<String, Notification, Void> markAsRead = queries.markAsRead();

    QueryList<Notification> rows = new QueryList<>(Notification::id);
    TableView<Notification> table = new TableView<>(rows);
    table.setEditable(true);
    TableColumn<Notification, Boolean> read = new TableColumn<>("Read");
    read.setCellValueFactory(QueryToggle.cellValues(Notification::isRead, markAsRead, (row, on) -> row.id()));
    read.setCellFactory(CheckBoxTableCell.forTableColumn(read));
    read.setEditable(true);
    read.setPrefWidth(60);
    table.getColumns().add(read);
    table.getColumns().add(column("Title", 180, Notification::title));
    table.getColumns().add(column("Message", 380, Notification::body));
    table.getColumns().add(column("Received", 140, n -> TIME.format(n.createdAt())));

    QueryStatePane<NotificationsPage> state =
        new QueryStatePane<>(table, p -> p.notifications().isEmpty(), "No notifications");
    QueryProperty<NotificationsPage> query =
        state.bind(client, page, rows, NotificationsPage::notifications); // one observer: the state and the rows

    Label unread = new Label();
    unread.textProperty().bind(Bindings.createStringBinding(() -> {
      NotificationsPage data = query.get().data();
      return data == null ? "" : data.unreadCount() + " unread of " + data.total()
          + "  \u00b7  checks for new ones every " + DemoQueries.NOTIFICATIONS_POLL.toSeconds() + " s"
          + (query.get().isRefetching() ? "  (refreshing)" : "");
    }, query));
    Button mark = new Button("Mark as read");
    mark.setOnAction(event -> {
      Notification selected = table.getSelectionModel().getSelectedItem();
      if (selected != null && !selected.isRead()) {
        markAsRead.fire(selected.id());
      }
    });

    // The button comes first, so that the count's text growing ("(refreshing)") never moves it.
    HBox header = new HBox(10, mark, unread);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(8));
    setTop(header);
    setCenter(state);
  }

  static <R> TableColumn<R, String> column(String name, double width, java.util.function.Function<R, String> text) {
    TableColumn<R, String> column = new TableColumn<>(name);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
