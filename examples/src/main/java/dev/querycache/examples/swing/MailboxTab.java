package dev.querycache.examples.swing;

import dev.querycache.InfiniteData;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.QueryClient;
import dev.querycache.examples.DemoQueries;
import dev.querycache.examples.Envelope;
import dev.querycache.examples.EnvelopeList;
import dev.querycache.examples.MailAction;
import dev.querycache.examples.MailCounts;
import dev.querycache.examples.MailResult;
import dev.querycache.examples.MailView;
import dev.querycache.swing.InfiniteScroll;
import dev.querycache.swing.QueryStatePanel;
import dev.querycache.swing.QueryTableModel;
import dev.querycache.swing.QueryTableModel.Column;
import dev.querycache.swing.SwingQueries;
import dev.querycache.swing.WriteMarkRenderer;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JToolBar;
import javax.swing.ListSelectionModel;
import org.jspecify.annotations.Nullable;

/**
 * The mailbox of seed 003: views on the left (with counts), envelopes on the right, and every
 * action (archive, trash, star, mark read, snooze) through one optimistic funnel. Archive,
 * trash and snooze answer with an undo toast for 60 seconds. Each view is an infinite query
 * of five envelopes a page: more load as the user scrolls to the end of the table.
 */
final class MailboxTab extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient QueryClient client;
  private final transient DemoQueries queries;
  private final transient Mutation<MailAction, MailResult, Void> funnel;
  private final QueryTableModel<Envelope> model =
      new QueryTableModel<>(
          Envelope::id,
          List.of(
              Column.of("★", String.class, e -> e.starred() ? "★" : ""),
              Column.of("From", String.class, Envelope::from),
              Column.of("Subject", String.class, e -> (e.read() ? "" : "● ") + e.subject()),
              Column.of("", String.class, Envelope::snippet)));
  private final JTable table = new JTable(model);
  private final QueryStatePanel<InfiniteData<EnvelopeList, Integer>> state =
      new QueryStatePanel<>(new JScrollPane(table), pages -> DemoQueries.rows(pages).isEmpty(), "Nothing here");
  /** Drives the state panel and the table from the current view's query, loading more on scroll. */
  private transient @Nullable InfiniteScroll binding;

  MailboxTab(QueryClient client, DemoQueries queries) {
    super(new BorderLayout());
    this.client = client;
    this.queries = queries;
    this.funnel = queries.mailFunnel();

    JList<MailView> views = new JList<>(MailView.values());
    views.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    views.setFixedCellHeight(30);
    views.setPreferredSize(new Dimension(170, 0));
    views.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
    MailCounts[] counts = new MailCounts[1];
    views.setCellRenderer((list, view, index, selected, focused) -> {
      javax.swing.JLabel label = (javax.swing.JLabel) new javax.swing.DefaultListCellRenderer()
          .getListCellRendererComponent(list, view.label(counts[0]), index, selected, focused);
      return label;
    });
    SwingQueries.observe(views, client, queries.counts(), result -> {
      counts[0] = result.data();
      views.repaint();
    });
    views.addListSelectionListener(event -> {
      if (!event.getValueIsAdjusting() && views.getSelectedValue() != null) {
        show(views.getSelectedValue());
      }
    });

    table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    table.setRowHeight(26);
    table.getColumnModel().getColumn(0).setMaxWidth(30);
    table.getColumnModel().getColumn(1).setPreferredWidth(150);
    table.getColumnModel().getColumn(2).setPreferredWidth(260);
    table.getColumnModel().getColumn(3).setPreferredWidth(320);
    // Rows with an action in flight show in italics; rows whose last action failed, in red.
    model.markWrites(client, MutationFilter.key(DemoQueries.MAIL_ACTIONS), action -> ((MailAction) action).envelopeId());
    WriteMarkRenderer.install(table);
    model.keepSelection(table); // an archived row brought back by its undo is selected again

    JToolBar actions = new JToolBar();
    actions.setFloatable(false);
    actions.add(actionButton("Archive", funnel, e -> new MailAction.Archive(e.id(), e.folder())));
    actions.add(actionButton("Trash", funnel, e -> new MailAction.Trash(e.id(), e.folder())));
    // Sync mode: click it five times quickly, and the request counter moves by one or two.
    actions.add(actionButton("Star / unstar", queries.star(), e -> new MailAction.Star(e.id(), !e.starred())));
    actions.add(actionButton("Read / unread", funnel, e -> new MailAction.MarkRead(e.id(), !e.read())));
    actions.add(actionButton("Snooze 1 h", funnel, e -> new MailAction.Snooze(e.id(), Instant.now().plus(Duration.ofHours(1)))));

    JPanel right = new JPanel(new BorderLayout());
    right.add(actions, BorderLayout.NORTH);
    right.add(state, BorderLayout.CENTER);
    add(new JScrollPane(views), BorderLayout.WEST);
    add(right, BorderLayout.CENTER);
    views.setSelectedValue(MailView.INBOX, true);
  }

  /** Follows another view: the state panel and its table rebind to its query. */
  private void show(MailView view) {
    if (binding != null) {
      binding.close();
    }
    binding = model.bindInfinite(state, client, queries.envelopes(view), EnvelopeList::envelopes);
  }

  private <A extends MailAction> JButton actionButton(String name, Mutation<A, ?, ?> mutation, Function<Envelope, A> action) {
    JButton button = new JButton(name);
    button.addActionListener(event -> {
      int row = table.getSelectedRow();
      if (row >= 0) {
        mutation.fire(action.apply(model.getRow(table.convertRowIndexToModel(row))));
      }
    });
    return button;
  }
}
