package dev.querycache.javafx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.test.FxStages;
import dev.querycache.test.FxThread;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Specification of {@link QueryToggle}: the control shows the query's visible value, a click
 * runs the optimistic mutation once and shows its patch at once, a failure flips it back, it
 * is disabled without data, bound once, and confined to the FX thread.
 */
class QueryToggleTest {
  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toasts = new RecordingToaster();
  private final QueryClient client = time.clientBuilder()
      .notifyExecutor(new FxExecutor(), Platform::isFxApplicationThread)
      .toaster(toasts)
      .build();
  private final QueryKey<Boolean> paused = QueryKey.of("healthcheck", "c1", "paused");
  private final QueryOptions<Boolean> query = QueryOptions.builder(paused).build();
  private final ControllableMutation<Boolean, Boolean> server = new ControllableMutation<>();
  private final Mutation<Boolean, Boolean, Void> setPaused = client.asyncMutation(server)
      .optimistic(paused, (was, wanted) -> wanted)
      .errorMessage(wanted -> wanted ? "Failed to pause the check" : "Failed to resume the check")
      .build();
  @RegisterExtension final FxStages stages = new FxStages();

  @AfterEach
  void close() {
    stages.hideAll();
    client.close();
  }

  private CheckBox shownBox() {
    return FxThread.call(() -> {
      CheckBox box = new CheckBox("Paused");
      stages.show(new StackPane(box), 100, 50);
      return box;
    });
  }

  private QueryToggle<Boolean> bind(CheckBox box) {
    return FxThread.call(() -> QueryToggle.bind(box, client, query, value -> value, setPaused, wanted -> wanted));
  }

  @Test
  void theBoxShowsTheQuerysValue() {
    client.setQueryData(paused, true);
    CheckBox box = shownBox();

    bind(box);

    assertThat(FxThread.call(box::isSelected)).isTrue();
    assertThat(FxThread.call(box::isDisabled)).isFalse();
  }

  @Test
  void withoutDataTheBoxIsDisabled() {
    CheckBox box = shownBox();

    bind(box);

    assertThat(FxThread.call(box::isDisabled)).isTrue();
  }

  @Test
  void aClickRunsTheMutationOnceAndShowsItsPatchAtOnce() {
    client.setQueryData(paused, false);
    CheckBox box = shownBox();
    bind(box);

    FxThread.run(box::fire);

    assertThat(server.variables()).containsExactly(true);
    assertThat(FxThread.call(box::isSelected)).isTrue();
    assertThat(client.getQueryData(paused)).contains(true);
  }

  @Test
  void aFailedWriteFlipsTheBoxBack() {
    client.setQueryData(paused, false);
    CheckBox box = shownBox();
    bind(box);
    FxThread.run(box::fire);

    server.fail(new IOException("down"));
    FxThread.flush();

    assertThat(FxThread.call(box::isSelected)).isFalse();
    assertThat(toasts.errors()).singleElement().extracting(toast -> toast.message()).isEqualTo("Failed to pause the check");
  }

  @Test
  void quickClicksSendOneRequestWhileItIsInFlightAndTheBoxShowsTheLast() {
    client.setQueryData(paused, false);
    CheckBox box = shownBox();
    bind(box);

    FxThread.run(() -> {
      box.fire();
      box.fire();
      box.fire();
    });

    assertThat(server.variables()).containsExactly(true);
    assertThat(FxThread.call(box::isSelected)).isTrue();
  }

  @Test
  void aLastClickThatDiffersFromTheSentValueIsSentWhenTheRequestAnswers() {
    client.setQueryData(paused, false);
    CheckBox box = shownBox();
    bind(box);
    FxThread.run(() -> {
      box.fire();
      box.fire();
    });

    server.resolve(true);
    FxThread.flush();

    assertThat(server.variables()).containsExactly(true, false);
    assertThat(FxThread.call(box::isSelected)).isFalse();
  }

  @Test
  void aToggleButtonIsBoundTheSameWay() {
    client.setQueryData(paused, false);
    ToggleButton button = FxThread.call(() -> new ToggleButton("Pause"));

    FxThread.run(() -> QueryToggle.bind(button, client, query, value -> value, setPaused, wanted -> wanted));
    FxThread.run(button::fire);

    assertThat(server.variables()).containsExactly(true);
    assertThat(FxThread.call(button::isSelected)).isTrue();
  }

  @Test
  void aControlIsBoundOnce() {
    CheckBox box = shownBox();
    bind(box);

    assertThatThrownBy(() -> bind(box))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bound already");
  }

  @Test
  void aClosedToggleNoLongerWrites() {
    client.setQueryData(paused, false);
    CheckBox box = shownBox();
    QueryToggle<Boolean> toggle = bind(box);

    FxThread.run(toggle::close);
    FxThread.run(box::fire);

    assertThat(server.callCount()).isZero();
    FxThread.run(() -> QueryToggle.bind(box, client, query, value -> value, setPaused, wanted -> wanted));
  }

  @Test
  void aMutationThatIsNotOptimisticIsRefused() {
    Mutation<Boolean, Boolean, Void> plain = client.asyncMutation(server).errorMessage("Failed").build();

    assertThatThrownBy(() -> FxThread.run(() -> QueryToggle.bind(new CheckBox(), client, query, v -> v, plain, w -> w)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mutation must be optimistic");
  }

  @Test
  void bindingOffTheFxThreadIsRefused() {
    assertThatThrownBy(() -> QueryToggle.bind(new CheckBox(), client, query, v -> v, setPaused, w -> w))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("QueryToggle.bind must be called on the JavaFX Application Thread");
  }

  // ---- a table's boolean column -------------------------------------------------------------

  /** A check of seed 002: its key is the id. */
  public record Check(String id, boolean paused) {}

  @Test
  void aTickedCellRunsTheMutationOnceForItsRowAndTheRowShowsThePatch() {
    QueryKey<List<Check>> checks = QueryKey.of("healthcheck", "configs");
    client.setQueryData(checks, List.of(new Check("c1", false), new Check("c2", false)));
    ControllableMutation<String, Boolean> api = new ControllableMutation<>();
    Mutation<String, Boolean, Void> pause = client.asyncMutation(api)
        .optimistic(checks, (rows, id) -> rows.stream()
            .map(check -> check.id().equals(id) ? new Check(id, true) : check).toList())
        .errorMessage("Failed to pause the check")
        .build();
    var values = QueryToggle.cellValues(Check::paused, pause, (Check row, Boolean on) -> row.id());
    QueryList<Check> rows = new QueryList<>(Check::id);
    FxThread.run(() -> rows.show(client.getQueryData(checks).orElseThrow()));

    javafx.beans.value.ObservableValue<Boolean> cell = FxThread.call(() ->
        values.call(new javafx.scene.control.TableColumn.CellDataFeatures<>(null, null, rows.get(1))));
    FxThread.run(() -> ((javafx.beans.property.BooleanProperty) cell).set(true));

    assertThat(api.variables()).containsExactly("c2");
    assertThat(client.getQueryData(checks).orElseThrow().get(1).paused()).isTrue();
  }

  @Test
  void quickTicksOfOneRowCoalesceAndOtherRowsGo() {
    QueryKey<List<Check>> checks = QueryKey.of("healthcheck", "configs");
    client.setQueryData(checks, List.of(new Check("c1", false), new Check("c2", false)));
    ControllableMutation<Check, Boolean> api = new ControllableMutation<>();
    Mutation<Check, Boolean, Void> save = client.asyncMutation(api)
        .optimistic(checks, (rows, wanted) -> rows.stream()
            .map(check -> check.id().equals(wanted.id()) ? wanted : check).toList())
        .errorMessage("Failed to save the check")
        .build();
    var values = QueryToggle.cellValues(Check::paused, save, (Check row, Boolean on) -> new Check(row.id(), on));
    List<Check> shown = client.getQueryData(checks).orElseThrow();

    FxThread.run(() -> {
      ((javafx.beans.property.BooleanProperty) values.call(
          new javafx.scene.control.TableColumn.CellDataFeatures<>(null, null, shown.get(0)))).set(true);
      ((javafx.beans.property.BooleanProperty) values.call(
          new javafx.scene.control.TableColumn.CellDataFeatures<>(null, null, new Check("c1", true)))).set(false);
      ((javafx.beans.property.BooleanProperty) values.call(
          new javafx.scene.control.TableColumn.CellDataFeatures<>(null, null, shown.get(1)))).set(true);
    });

    assertThat(api.variables()).containsExactly(new Check("c1", true), new Check("c2", true));
    assertThat(client.getQueryData(checks).orElseThrow()).containsExactly(new Check("c1", false), new Check("c2", true));
  }

  @Test
  void aCellColumnNeedsAnOptimisticMutation() {
    Mutation<Boolean, Boolean, Void> plain = client.asyncMutation(server).errorMessage("Failed").build();

    assertThatThrownBy(() -> QueryToggle.cellValues((Boolean row) -> row, plain, (row, on) -> on))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
