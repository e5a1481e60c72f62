package dev.querycache.examples.swing;

import dev.querycache.examples.AdminSettings;
import dev.querycache.examples.DemoApi;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.Timer;

/**
 * The demo server's knobs: latency and failure rate, sent to the server as they change (off
 * the EDT), so a user can watch an optimistic flip, a rollback and a reconciliation; and a
 * counter of the writes sent, so that hammering a star or a pause toggle shows how few
 * requests reach the server (read four times a second while the controls are showing).
 */
final class ServerControls extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient DemoApi api;
  private final JSlider latency;
  private final JSlider failures;
  private final JLabel latencyLabel = new JLabel();
  private final JLabel failuresLabel = new JLabel();
  private final JLabel writesLabel = new JLabel();
  private final Timer writesCounter = new Timer(250, event -> countWrites());

  /** Starts at the server's current settings, which it does not send until changed. */
  ServerControls(DemoApi api, long latencyMs, double failureRate) {
    super(new FlowLayout(FlowLayout.LEFT, 12, 6));
    this.api = api;
    this.latency = new JSlider(0, 3000, (int) Math.min(3000, latencyMs));
    this.failures = new JSlider(0, 100, (int) Math.round(failureRate * 100));
    setBorder(BorderFactory.createMatteBorder(0, 0, 1, 0, getBackground().darker()));
    for (JSlider slider : new JSlider[] {latency, failures}) {
      slider.setPreferredSize(new Dimension(150, slider.getPreferredSize().height));
    }
    latency.setName("serverControls.latency");
    failures.setName("serverControls.failureRate");
    latency.setToolTipText("How long the server takes to answer each request");
    failures.setToolTipText("How often the server refuses a request");
    add(new JLabel("Server " + api.baseUri()));
    add(new JLabel("   Latency"));
    add(latency);
    add(latencyLabel);
    add(new JLabel("   Failure rate"));
    add(failures);
    add(failuresLabel);
    add(new JLabel("   Writes sent"));
    add(writesLabel);
    writesLabel.setToolTipText("Requests that changed something on the server, since the demo started");
    latency.addChangeListener(event -> changed());
    failures.addChangeListener(event -> changed());
    labels();
    countWrites();
  }

  @Override
  public void addNotify() {
    super.addNotify();
    writesCounter.start();
  }

  @Override
  public void removeNotify() {
    writesCounter.stop();
    super.removeNotify();
  }

  private void countWrites() {
    writesLabel.setText(Long.toString(api.writesSent()));
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
