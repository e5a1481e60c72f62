package dev.querycache.examples.swing;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryOptions;
import dev.querycache.examples.DemoQueries;
import dev.querycache.examples.Notification;
import dev.querycache.examples.NotificationsPage;
import dev.querycache.examples.NotificationsQuery;
import dev.querycache.swing.QueryStatePanel;
import dev.querycache.swing.QueryTableModel;
import dev.querycache.swing.QueryTableModel.Column;
import dev.querycache.swing.SwingQueries;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;

/**
 * The notifications page of seed 002: a table of notifications whose "Read" box (or the
 * "Mark as read" button) marks a row read optimistically; a refused write flips it back with
 * an error toast, and the unread count follows.
 */
final class NotificationsTab extends JPanel {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MMM d, HH:mm").withZone(ZoneId.systemDefault());

  NotificationsTab(QueryClient client, DemoQueries queries) {
    super(new BorderLayout());
    QueryOptions<NotificationsPage> page = queries.notifications(new NotificationsQuery(20, 0, false));
    Mutation<String, Notification, Void> markAsRead = queries.markAsRead();

    QueryTableModel<Notification> model =
        new QueryTableModel<>(
            Notification::id,
            List.of(
                Column.editable("Read", Boolean.class, Notification::isRead, (row, read) -> {
                  if (read && !row.isRead()) {
                    markAsRead.fire(row.id());
                  }
                }),
                Column.of("Title", String.class, Notification::title),
                Column.of("Message", String.class, Notification::body),
                Column.of("Received", String.class, n -> TIME.format(n.createdAt()))));
    JTable table = new JTable(model);
    table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    table.setRowHeight(26);
    table.getColumnModel().getColumn(0).setMaxWidth(60);
    table.getColumnModel().getColumn(1).setPreferredWidth(180);
    table.getColumnModel().getColumn(2).setPreferredWidth(360);

    QueryStatePanel<NotificationsPage> state =
        new QueryStatePanel<>(new JScrollPane(table), p -> p.notifications().isEmpty(), "No notifications");
    state.bind(client, page, model, NotificationsPage::notifications); // one observer: the state and the rows

    JLabel unread = new JLabel(" ");
    SwingQueries.observe(unread, client, page, result -> {
      NotificationsPage data = result.data();
      unread.setText(data == null ? " " : data.unreadCount() + " unread of " + data.total()
          + "  \u00b7  checks for new ones every " + DemoQueries.NOTIFICATIONS_POLL.toSeconds() + " s"
          + (result.isRefetching() ? "  (refreshing)" : ""));
    });
    JButton mark = new JButton("Mark as read");
    mark.addActionListener(event -> {
      int row = table.getSelectedRow();
      if (row >= 0) {
        Notification selected = model.getRow(table.convertRowIndexToModel(row));
        if (!selected.isRead()) {
          markAsRead.fire(selected.id());
        }
      }
    });

    // The button comes first, so that the count's text growing ("(refreshing)") never moves it.
    JPanel header = new JPanel(new FlowLayout(FlowLayout.LEFT, 10, 6));
    header.add(mark);
    header.add(unread);
    header.setBorder(BorderFactory.createEmptyBorder(4, 4, 0, 4));
    add(header, BorderLayout.NORTH);
    add(state, BorderLayout.CENTER);
  }
}
