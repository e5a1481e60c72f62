package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.test.FxThread;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

/**
 * Specification of the test kit's {@link FxThread}, run here where JavaFX is on the class path:
 * steps run on the FX thread and their results and failures come back; a flush lets what was
 * posted run; waiting on the FX thread itself is refused.
 */
class KitFxThreadTest {
  @Test
  void aCallRunsOnTheFxThreadAndReturnsItsResult() {
    assertThat(FxThread.call(Platform::isFxApplicationThread)).isTrue();
  }

  @Test
  void whatAStepThrowsReachesTheTest() {
    assertThatThrownBy(() -> FxThread.run(() -> {
      throw new IllegalArgumentException("bad row");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad row");
  }

  @Test
  void aFlushLetsWhatWasPostedRunAndWhatThatPosted() {
    FxThread.start();
    List<String> ran = new ArrayList<>();
    Platform.runLater(() -> {
      ran.add("posted");
      Platform.runLater(() -> ran.add("posted by the posted"));
    });

    FxThread.flush();

    assertThat(FxThread.call(() -> List.copyOf(ran))).containsExactly("posted", "posted by the posted");
  }

  @Test
  void aPulseLaysOutTheNodesScene() {
    javafx.stage.Stage stage = FxThread.call(() -> {
      javafx.stage.Stage shown = new javafx.stage.Stage();
      shown.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(new javafx.scene.control.Label("x")), 100, 50));
      shown.show();
      return shown;
    });
    try {
      javafx.scene.Parent root = stage.getScene().getRoot();
      javafx.scene.control.Label grown = FxThread.call(() -> {
        javafx.scene.control.Label label = new javafx.scene.control.Label("a label added after the first layout");
        ((javafx.scene.layout.StackPane) root).getChildren().add(label);
        return label;
      });

      FxThread.pulse(root);

      assertThat(FxThread.call(() -> grown.getWidth())).isPositive();
    } finally {
      FxThread.run(stage::hide);
    }
  }

  @Test
  void aPulseOfANodeInNoSceneIsRefused() {
    assertThatThrownBy(() -> FxThread.pulse(FxThread.call(() -> new javafx.scene.control.Label("alone"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in no scene");
  }

  @Test
  void waitingOnTheFxThreadItselfIsRefused() {
    assertThatThrownBy(() -> FxThread.run(FxThread::flush))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("FxThread.flush waits for the FX thread");
  }
}
