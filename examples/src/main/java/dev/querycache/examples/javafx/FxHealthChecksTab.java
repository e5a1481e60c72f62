package dev.querycache.examples.javafx;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryOptions;
import dev.querycache.examples.ConfigToggle;
import dev.querycache.examples.DemoQueries;
import dev.querycache.examples.HealthCheckConfig;
import dev.querycache.javafx.QueryStatePane;
import dev.querycache.javafx.QueryToggle;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;

/**
 * The health-check configuration page of seed 002: one row per check with a "Paused" switch
 * bound to the configurations query and the optimistic pause/resume mutation. Toggles of all
 * rows run one after another (one scope), yet each flips at once.
 */
final class FxHealthChecksTab extends BorderPane {
  private final QueryClient client;
  private final QueryOptions<List<HealthCheckConfig>> configurations;
  private final Mutation<ConfigToggle, HealthCheckConfig, Void> pauseOrResume;
  private final GridPane rows = new GridPane();
  private final List<QueryToggle<List<HealthCheckConfig>>> toggles = new ArrayList<>();
  private List<String> shownIds = List.of();

  FxHealthChecksTab(QueryClient client, DemoQueries queries) {
    this.client = client;
    this.configurations = queries.configurations();
    this.pauseOrResume = queries.pauseOrResume();
    rows.setHgap(24);
    rows.setVgap(12);
    rows.setPadding(new Insets(16));
    QueryStatePane<List<HealthCheckConfig>> state =
        new QueryStatePane<>(new ScrollPane(rows), List::isEmpty, "No health checks configured");
    state.bind(client, configurations).addListener((value, was, is) -> {
      if (is.data() != null) {
        layOut(is.data());
      }
    });
    setCenter(state);
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
    rows.getChildren().clear();
    int column = 0;
    for (String header : List.of("Check", "Endpoint", "Every", "Paused")) {
      Label label = new Label(header);
      label.setStyle("-fx-font-weight: bold;");
      rows.add(label, column++, 0);
    }
    int y = 1;
    for (HealthCheckConfig config : configs) {
      rows.add(new Label(config.name()), 0, y);
      Label url = new Label(config.url());
      url.setOpacity(0.6);
      rows.add(url, 1, y);
      rows.add(new Label(config.intervalSeconds() + " s"), 2, y);
      CheckBox paused = new CheckBox();
      rows.add(paused, 3, y);
      String id = config.id();
      toggles.add(QueryToggle.bind(
          paused, client, configurations,
          list -> list.stream().filter(x -> x.id().equals(id)).findFirst().map(HealthCheckConfig::paused).orElse(null),
          pauseOrResume,
          value -> new ConfigToggle(id, value)));
      y++;
    }
  }
}
