package dev.querycache.examples.swing;

import dev.querycache.examples.AdminSettings;
import dev.querycache.examples.DemoApi;
import java.awt.FlowLayout;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;

/**
 * The demo server's knobs: latency and failure rate, sent to the server as they change (off
 * the EDT), so a user can watch an optimistic flip, a rollback and a reconciliation.
 */
final class ServerControls extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient DemoApi api;
  private final JSlider latency;
  private final JSlider failures;
  private final JLabel latencyLabel = new JLabel();
  private final JLabel failuresLabel = new JLabel();

  /** Starts at the server's current settings, which it does not send until changed. */
  ServerControls(DemoApi api, long latencyMs, double failureRate) {
    super(new FlowLayout(FlowLayout.LEFT, 12, 6));
    this.api = api;
    this.latency = new JSlider(0, 3000, (int) Math.min(3000, latencyMs));
    this.failures = new JSlider(0, 100, (int) Math.round(failureRate * 100));
    setBorder(BorderFactory.createMatteBorder(0, 0, 1, 0, getBackground().darker()));
    latency.setToolTipText("How long the server takes to answer each request");
    failures.setToolTipText("How often the server refuses a request");
    add(new JLabel("Server " + api.baseUri()));
    add(new JLabel("   Latency"));
    add(latency);
    add(latencyLabel);
    add(new JLabel("   Failure rate"));
    add(failures);
    add(failuresLabel);
    latency.addChangeListener(event -> changed());
    failures.addChangeListener(event -> changed());
    labels();
  }

  private void changed() {
    labels();
    if (!latency.getValueIsAdjusting() && !failures.getValueIsAdjusting()) {
      send();
    }
  }

  private void labels() {
    latencyLabel.setText(latency.getValue() + " ms");
    failuresLabel.setText(failures.getValue() + " %");
  }

  private void send() {
    AdminSettings update = new AdminSettings((long) latency.getValue(), failures.getValue() / 100.0, null);
    CompletableFuture.runAsync(() -> {
      try {
        api.updateSettings(update);
      } catch (IOException e) {
        System.getLogger(ServerControls.class.getName())
            .log(System.Logger.Level.WARNING, "could not update the server's settings", e);
      }
    });
  }

}
