package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.test.FxStages;
import dev.querycache.test.FxThread;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * Specification of the test kit's {@link FxStages}, run here where JavaFX is on the class
 * path: a node shown from either thread is in a showing window, and the windows are hidden
 * after the test.
 */
class KitFxStagesTest {
  private final FxStages stages = new FxStages();

  @Test
  void aNodeShownFromTheTestsThreadIsInAShowingWindowOfTheGivenSize() {
    StackPane root = FxThread.call(() -> new StackPane(new Label("hello")));

    Stage stage = stages.show(root, 240, 120);

    assertThat(FxThread.call(stage::isShowing)).isTrue();
    assertThat(FxThread.call(() -> root.getScene().getWindow())).isSameAs(stage);
    assertThat(FxThread.call(() -> root.getScene().getWidth())).isEqualTo(240.0);
    stages.hideAll();
  }

  @Test
  void aNodeShownOnTheFxThreadIsShowingAtOnce() {
    boolean showing = FxThread.call(() -> stages.show(new StackPane(new Label("hello"))).isShowing());

    assertThat(showing).isTrue();
    stages.hideAll();
  }

  @Test
  void afterTheTestEveryWindowItShowedIsHidden() {
    Stage first = stages.show(FxThread.call(StackPane::new));
    Stage second = stages.show(FxThread.call(StackPane::new));

    stages.afterEach(null);

    assertThat(FxThread.call(() -> first.isShowing() || second.isShowing())).isFalse();
  }

  @Test
  void aNodeAlreadyInASceneIsRefusedNamingTheProblem() {
    StackPane root = FxThread.call(StackPane::new);
    stages.show(root);

    assertThatThrownBy(() -> stages.show(root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("root is in a scene already");
    stages.hideAll();
  }

  @Test
  void badArgumentsAreRefusedNamingThem() {
    assertThatThrownBy(() -> stages.show(null)).isInstanceOf(NullPointerException.class).hasMessage("root == null");
    assertThatThrownBy(() -> stages.show(FxThread.call(StackPane::new), 0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("width and height must be positive: 0.0 x 100.0");
  }
}
