package dev.querycache.examples.swing;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryOptions;
import dev.querycache.examples.ConfigToggle;
import dev.querycache.examples.DemoQueries;
import dev.querycache.examples.HealthCheckConfig;
import dev.querycache.swing.QueryStatePanel;
import dev.querycache.swing.QueryToggle;
import java.awt.BorderLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.UIManager;

/**
 * The health-check configuration page of seed 002: one row per check with a "Paused" switch
 * bound to the configurations query and the optimistic pause/resume mutation. Toggles of all
 * rows run one after another (one scope), yet each flips at once.
 */
final class HealthChecksTab extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient QueryClient client;
  private final transient QueryOptions<List<HealthCheckConfig>> configurations;
  private final transient Mutation<ConfigToggle, HealthCheckConfig, Void> pauseOrResume;
  private final JPanel rows = new JPanel(new GridBagLayout());
  private final transient List<QueryToggle<List<HealthCheckConfig>>> toggles = new ArrayList<>();
  private transient List<String> shownIds = List.of();

  HealthChecksTab(QueryClient client, DemoQueries queries) {
    super(new BorderLayout());
    this.client = client;
    this.configurations = queries.configurations();
    this.pauseOrResume = queries.pauseOrResume();
    JPanel top = new JPanel(new BorderLayout());
    top.add(rows, BorderLayout.NORTH);
    QueryStatePanel<List<HealthCheckConfig>> state =
        new QueryStatePanel<>(new JScrollPane(top), List::isEmpty, "No health checks configured");
    state.bind(client, configurations, this::layOut);
    add(state, BorderLayout.CENTER);
  }

  /** Builds a row per check when the set of checks changes; values update by binding. */
  private void layOut(List<HealthCheckConfig> configs) {
    List<String> ids = configs.stream().map(HealthCheckConfig::id).toList();
    if (ids.equals(shownIds)) {
      return;
    }
    shownIds = ids;
    toggles.forEach(QueryToggle::close);
    toggles.clear();
    rows.removeAll();
    GridBagConstraints c = new GridBagConstraints();
    c.insets = new Insets(8, 12, 8, 12);
    c.anchor = GridBagConstraints.WEST;
    int y = 0;
    for (String header : List.of("Check", "Endpoint", "Every", "Paused")) {
      c.gridy = y;
      JLabel label = new JLabel(header);
      label.setFont(label.getFont().deriveFont(java.awt.Font.BOLD));
      rows.add(label, c);
    }
    GridBagConstraints filler = new GridBagConstraints();
    filler.gridy = y;
    filler.weightx = 1; // takes the spare width, so the grid sits on the left
    rows.add(new JLabel(), filler);
    for (HealthCheckConfig config : configs) {
      c.gridy = ++y;
      rows.add(new JLabel(config.name()), c);
      JLabel url = new JLabel(config.url());
      url.setForeground(UIManager.getColor("Label.disabledForeground"));
      rows.add(url, c);
      rows.add(new JLabel(config.intervalSeconds() + " s"), c);
      JCheckBox paused = new JCheckBox();
      paused.setToolTipText("Pause or resume " + config.name());
      rows.add(paused, c);
      String id = config.id();
      toggles.add(QueryToggle.bind(
          paused, client, configurations,
          list -> list.stream().filter(x -> x.id().equals(id)).findFirst().map(HealthCheckConfig::paused).orElse(null),
          pauseOrResume,
          value -> new ConfigToggle(id, value)));
    }
    rows.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
    rows.revalidate();
    rows.repaint();
  }
}
