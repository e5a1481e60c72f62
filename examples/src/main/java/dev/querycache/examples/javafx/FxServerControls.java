package dev.querycache.examples.javafx;

import dev.querycache.examples.AdminSettings;
import dev.querycache.examples.DemoApi;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The demo server's knobs: latency and failure rate, sent to the server when a slider is let
 * go (off the FX thread), so a user can watch an optimistic flip, a rollback and a
 * reconciliation; and a counter of the writes sent, so that hammering a star or a pause
 * toggle shows how few requests reach the server (read four times a second while the
 * controls are in a showing window).
 */
final class FxServerControls extends HBox {
  private final DemoApi api;
  private final Slider latency;
  private final Slider failures;
  private final Label latencyLabel = new Label();
  private final Label failuresLabel = new Label();
  private final Label writesLabel = new Label();
  private final Timeline writesCounter = new Timeline(new KeyFrame(Duration.millis(250), event -> countWrites()));

  /** Starts at the server's current settings, which it does not send until changed. */
  FxServerControls(DemoApi api, long latencyMs, double failureRate) {
    super(12);
    this.api = api;
    this.latency = new Slider(0, 3000, Math.min(3000, latencyMs));
    this.failures = new Slider(0, 100, Math.round(failureRate * 100));
    setAlignment(Pos.CENTER_LEFT);
    setPadding(new Insets(6, 12, 6, 12));
    getStyleClass().add("server-controls");
    getChildren().addAll(
        new Label("Server " + api.baseUri()),
        new Label("Latency"), latency, latencyLabel,
        new Label("Failure rate"), failures, failuresLabel,
        new Label("Writes sent"), writesLabel);
    writesCounter.setCycleCount(Animation.INDEFINITE);
    sceneProperty().addListener((scene, was, is) -> {
      if (is == null) {
        writesCounter.stop();
      } else {
        writesCounter.play();
      }
    });
    latency.valueProperty().addListener((value, was, is) -> labels());
    failures.valueProperty().addListener((value, was, is) -> labels());
    latency.valueChangingProperty().addListener((value, was, is) -> sendUnless(is));
    failures.valueChangingProperty().addListener((value, was, is) -> sendUnless(is));
    labels();
    countWrites();
  }

  private void countWrites() {
    writesLabel.setText(Long.toString(api.writesSent()));
  }

  private void labels() {
    latencyLabel.setText(Math.round(latency.getValue()) + " ms");
    failuresLabel.setText(Math.round(failures.getValue()) + " %");
  }

  private void sendUnless(boolean changing) {
    if (changing) {
      return;
    }
    AdminSettings update = new AdminSettings(Math.round(latency.getValue()), Math.round(failures.getValue()) / 100.0, null);
    CompletableFuture.runAsync(() -> {
      try {
        api.updateSettings(update);
      } catch (IOException e) {
        System.getLogger(FxServerControls.class.getName())
            .log(System.Logger.Level.WARNING, "could not update the server's settings", e);
      }
    });
  }
}
