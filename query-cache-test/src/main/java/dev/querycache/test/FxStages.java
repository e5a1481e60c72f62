package dev.querycache.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The windows a JavaFX screen test shows, hidden after each test. A node that observes a
 * query (a {@code QueryStatePane}, a list bound to a table, a property of a label) does so
 * only while its window shows, so a test shows it first:
 *
 * <pre>{@code
 * @RegisterExtension final FxStages stages = new FxStages();
 *
 * QueryStatePane<List<String>> pane = FxThread.call(() -> new QueryStatePane<>(new ListView<>(rows)));
 * stages.show(pane);
 * }</pre>
 *
 * <p>Making one starts the JavaFX platform, as {@link FxThread#start()} does. Needs JavaFX on
 * the test class path (the kit does not bring it).
 *
 * @since 0.1.0
 */
public final class FxStages implements AfterEachCallback {
  /** The stages shown and not hidden yet; touched on the FX thread only. */
  private final List<Stage> shown = new ArrayList<>();

  /**
   * Starts the JavaFX platform unless it runs already.
   *
   * @throws IllegalStateException if the platform cannot start
   */
  public FxStages() {
    FxThread.start();
  }

  /**
   * Shows {@code root} in a new window of its own, sized to {@code root}'s preferred size, and
   * waits until it shows. Call it on the test's thread or on the FX thread.
   *
   * @param root what the window shows
   * @return the window
   * @throws NullPointerException if {@code root} is null
   * @throws IllegalStateException if {@code root} is in a scene already
   */
  public Stage show(Parent root) {
    Objects.requireNonNull(root, "root == null");
    return onFxThread(() -> showNow(new Scene(checkSceneless(root))));
  }

  /**
   * Shows {@code root} in a new window of its own, its scene {@code width} by {@code height},
   * and waits until it shows. Call it on the test's thread or on the FX thread.
   *
   * @param root what the window shows
   * @param width the scene's width, in pixels
   * @param height the scene's height, in pixels
   * @return the window
   * @throws NullPointerException if {@code root} is null
   * @throws IllegalArgumentException if {@code width} or {@code height} is not positive
   * @throws IllegalStateException if {@code root} is in a scene already
   */
  public Stage show(Parent root, double width, double height) {
    Objects.requireNonNull(root, "root == null");
    if (!(width > 0) || !(height > 0)) {
      throw new IllegalArgumentException("width and height must be positive: " + width + " x " + height);
    }
    return onFxThread(() -> showNow(new Scene(checkSceneless(root), width, height)));
  }

  /**
   * Hides every window this shows and has not hidden yet, on the FX thread. Called by JUnit
   * after each test; call it yourself to hide them sooner.
   */
  public void hideAll() {
    onFxThread(() -> {
      List<Stage> hiding = new ArrayList<>(shown);
      shown.clear();
      hiding.forEach(Stage::hide);
      return null;
    });
  }

  /**
   * Hides the windows the test showed.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    hideAll();
  }

  private Stage showNow(Scene scene) {
    Stage stage = new Stage();
    stage.setScene(scene);
    stage.show();
    shown.add(stage);
    return stage;
  }

  private static Parent checkSceneless(Parent root) {
    if (root.getScene() != null) {
      throw new IllegalStateException("root is in a scene already: " + root);
    }
    return root;
  }

  private static <T> T onFxThread(Supplier<T> action) {
    return Platform.isFxApplicationThread() ? action.get() : FxThread.call(action::get);
  }
}
