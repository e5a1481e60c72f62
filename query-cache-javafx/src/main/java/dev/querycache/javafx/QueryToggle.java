package dev.querycache.javafx;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.internal.ui.RowChannels;
import dev.querycache.internal.ui.ToggleSync;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.beans.property.BooleanProperty;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.ToggleButton;
import javafx.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Binds a {@link CheckBox} or a {@link ToggleButton} to a boolean of a query's data and to an
 * optimistic mutation that writes it: the "starred", "paused", "read" switch of a screen.
 *
 * <pre>{@code
 * Mutation<Toggle, Config, Void> pauseOrResume = ...;   // optimistic over the configs query
 * QueryToggle<List<Config>> paused = QueryToggle.bind(
 *     pausedBox, client, configsQuery,
 *     configs -> find(configs, id).paused(),            // what the box shows
 *     pauseOrResume, wanted -> new Toggle(id, wanted)); // what a click writes
 * }</pre>
 *
 * <p><b>What the control shows</b> is always the query's visible data, which includes the
 * pending mutations' optimistic patches: a click flips it at once (the mutation's patch says
 * so), a failure flips it back (the library removes the failed run's patch), and data that
 * lands meanwhile cannot flip it back while the write is in flight. The binding keeps no value
 * of its own. The mutation must therefore be optimistic over the observed query, with a
 * projection that sets the value rather than inverting it.
 *
 * <p><b>Rapid clicks</b> coalesce: the binding writes through the mutation's
 * {@linkplain Mutation#synced sync twin}, so quick clicks show at once and send one request,
 * then one follow-up with the last value if it differs from the one sent. A mutation that is
 * already sync (to share channels with other screens) or exclusive, or that is undoable, is
 * used as it is.
 *
 * <p><b>Disabled</b> while the query has no data (loading, or failed before any data).
 *
 * <p><b>Lifetime.</b> The query is observed while the control is in a showing window (see
 * {@link QueryProperty}); {@link #close()} unbinds for good. Create, use and close it on the
 * FX Application Thread.
 *
 * @param <T> the type of the query's data
 * @since 0.1.0
 */
public final class QueryToggle<T> implements AutoCloseable {
  private final ButtonBase control;
  private final QueryKey<T> key;
  private final ToggleSync<T> sync;
  private final EventHandler<ActionEvent> clicks;
  private @Nullable QueryProperty<T> binding;
  private boolean closed;

  private <V> QueryToggle(
      ButtonBase control,
      BooleanProperty selectedProperty,
      QueryClient client,
      QueryKey<T> key,
      Function<? super T, @Nullable Boolean> selected,
      Mutation<V, ?, ?> mutation,
      Function<Boolean, ? extends V> variables) {
    this.control = control;
    this.key = key;
    Mutation<V, ?, ?> writes = mutation.coalescedBy(ignored -> key); // the twin is this binding's
    this.sync = new ToggleSync<>(() -> client.getQueryData(key).orElse(null), selected,
        wanted -> writes.fire(variables.apply(wanted)), new ToggleSync.Widget() {
          @Override
          public boolean isSelected() {
            return selectedProperty.get();
          }

          @Override
          public void setSelected(boolean on) {
            selectedProperty.set(on);
          }

          @Override
          public void setEnabled(boolean enabled) {
            control.setDisable(!enabled);
          }
        });
    this.clicks = event -> {
      if (!closed) {
        sync.clicked();
      }
    };
  }

  /**
   * Binds {@code box} to a boolean of {@code query}'s data and to {@code mutation}; see the
   * class comment. Call on the FX Application Thread.
   *
   * @param box the check box to drive; the binding sets its selection and disabled state
   * @param client the client
   * @param query what to observe
   * @param selected the boolean the box shows, from the query's data (null reads as false)
   * @param mutation the write; optimistic over {@code query}
   * @param variables the mutation's variables for the box's new value
   * @param <T> the type of the query's data
   * @param <V> the mutation's variables
   * @return the binding; closing it unbinds
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mutation} is not optimistic
   * @throws IllegalStateException if called off the FX Application Thread, or if the box is
   *     bound already (a second binding would send two writes per click: close the first)
   */
  public static <T, V> QueryToggle<T> bind(
      CheckBox box,
      QueryClient client,
      QueryOptions<T> query,
      Function<? super T, @Nullable Boolean> selected,
      Mutation<V, ?, ?> mutation,
      Function<Boolean, ? extends V> variables) {
    Objects.requireNonNull(box, "box == null");
    return bind(box, box.selectedProperty(), client, query, selected, mutation, variables);
  }

  /**
   * Binds {@code button} to a boolean of {@code query}'s data and to {@code mutation}; see the
   * class comment. Call on the FX Application Thread.
   *
   * @param button the toggle button to drive; the binding sets its selection and disabled
   *     state
   * @param client the client
   * @param query what to observe
   * @param selected the boolean the button shows, from the query's data (null reads as false)
   * @param mutation the write; optimistic over {@code query}
   * @param variables the mutation's variables for the button's new value
   * @param <T> the type of the query's data
   * @param <V> the mutation's variables
   * @return the binding; closing it unbinds
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mutation} is not optimistic
   * @throws IllegalStateException if called off the FX Application Thread, or if the button is
   *     bound already
   */
  public static <T, V> QueryToggle<T> bind(
      ToggleButton button,
      QueryClient client,
      QueryOptions<T> query,
      Function<? super T, @Nullable Boolean> selected,
      Mutation<V, ?, ?> mutation,
      Function<Boolean, ? extends V> variables) {
    Objects.requireNonNull(button, "button == null");
    return bind(button, button.selectedProperty(), client, query, selected, mutation, variables);
  }

  private static <T, V> QueryToggle<T> bind(
      ButtonBase control,
      BooleanProperty selectedProperty,
      QueryClient client,
      QueryOptions<T> query,
      Function<? super T, @Nullable Boolean> selected,
      Mutation<V, ?, ?> mutation,
      Function<Boolean, ? extends V> variables) {
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(selected, "selected == null");
    Objects.requireNonNull(mutation, "mutation == null");
    Objects.requireNonNull(variables, "variables == null");
    requireOptimistic(mutation);
    FxExecutor.checkOnFxThread("QueryToggle.bind");
    Object bound = control.getProperties().get(QueryToggle.class);
    if (bound != null) {
      throw new IllegalStateException(
          "this control is bound already (" + bound + "): a second QueryToggle would send two writes"
              + " per click; close the first binding before binding the control again");
    }
    QueryToggle<T> toggle =
        new QueryToggle<>(control, selectedProperty, client, query.key(), selected, mutation, variables);
    control.getProperties().put(QueryToggle.class, toggle);
    control.addEventHandler(ActionEvent.ACTION, toggle.clicks);
    toggle.sync();
    QueryProperty<T> property = QueryProperty.observe(control, client, query);
    property.addListener((value, was, is) -> toggle.sync());
    toggle.binding = property;
    return toggle;
  }

  /**
   * The cell values of a boolean table column whose edits run a mutation: the "Read", "Starred"
   * or "Paused" box of each row, with a {@code CheckBoxTableCell}. Each row's cell shows
   * {@code value} of the row; ticking or unticking it runs {@code mutation} with
   * {@code variables} of the row and the new value (quick edits of one row coalesce, as
   * {@link #bind clicks} do; rows never wait for each other). The row shows the new value at once
   * through the mutation's optimistic patch (the list replaces the row, and the cell takes the
   * new row's value), and the old one again if the write fails.
   *
   * <pre>{@code
   * TableColumn<Notification, Boolean> read = new TableColumn<>("Read");
   * read.setCellValueFactory(QueryToggle.cellValues(Notification::isRead, markAsRead, (row, on) -> row.id()));
   * read.setCellFactory(CheckBoxTableCell.forTableColumn(read));
   * read.setEditable(true);
   * }</pre>
   *
   * @param value the boolean a row shows
   * @param mutation the write; optimistic over the rows' query
   * @param variables the mutation's variables for a row and its new value
   * @param <R> the type of the rows
   * @param <V> the mutation's variables
   * @return the cell value factory, for the FX Application Thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mutation} is not optimistic
   */
  public static <R, V> Callback<TableColumn.CellDataFeatures<R, Boolean>, ObservableValue<Boolean>> cellValues(
      Function<? super R, Boolean> value, Mutation<V, ?, ?> mutation, BiFunction<? super R, Boolean, ? extends V> variables) {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(variables, "variables == null");
    requireOptimistic(mutation);
    RowChannels<V> rows = new RowChannels<>();
    Mutation<V, ?, ?> writes = mutation.coalescedBy(rows::channelOf);
    return cell -> {
      R row = cell.getValue();
      boolean shown = Boolean.TRUE.equals(value.apply(row));
      SimpleBooleanProperty box = new SimpleBooleanProperty(shown);
      box.addListener((property, was, is) -> {
        if (is != shown) {
          V write = variables.apply(row, is);
          // The channel: what the row writes for "true", the same for every version of the row.
          rows.write(write, variables.apply(row, true), () -> writes.fire(write));
        }
      });
      return box;
    };
  }

  /**
   * The control this binding drives.
   *
   * @return the check box or toggle button
   */
  public ButtonBase control() {
    return control;
  }

  /**
   * Unbinds: stops observing and stops listening to the control, which keeps its last
   * selection and disabled state. Idempotent. Call on the FX Application Thread.
   *
   * @throws IllegalStateException if called off the FX Application Thread
   */
  @Override
  public void close() {
    FxExecutor.checkOnFxThread("QueryToggle.close");
    if (closed) {
      return;
    }
    closed = true;
    control.removeEventHandler(ActionEvent.ACTION, clicks);
    control.getProperties().remove(QueryToggle.class, this);
    QueryProperty<T> open = binding;
    if (open != null) {
      open.close();
    }
  }

  /** Shows the query's value as the cache has it now. FX thread. */
  private void sync() {
    if (!closed) {
      sync.sync();
    }
  }

  @Override
  public String toString() {
    return "QueryToggle{" + key + (closed ? ", closed" : "") + "}";
  }

  private static void requireOptimistic(Mutation<?, ?, ?> mutation) {
    ToggleSync.requireOptimistic(Objects.requireNonNull(mutation, "mutation == null").isOptimistic(), mutation);
  }

}
