package dev.querycache.swing;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.internal.ui.RowChannels;
import dev.querycache.internal.ui.ToggleSync;
import java.awt.event.ActionEvent;
import java.awt.event.ActionListener;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JToggleButton;
import org.jspecify.annotations.Nullable;

/**
 * Binds a {@link JToggleButton} (a {@code JCheckBox}, a {@code JRadioButton}...) to a boolean
 * of a query's data and to an optimistic mutation that writes it: the "starred", "paused",
 * "read" switch of a screen.
 *
 * <pre>{@code
 * Mutation<Toggle, Config, Void> pauseOrResume = ...;   // optimistic over the configs query
 * QueryToggle<List<Config>> paused = QueryToggle.bind(
 *     pausedBox, client, configsQuery,
 *     configs -> find(configs, id).paused(),            // what the box shows
 *     pauseOrResume, wanted -> new Toggle(id, wanted)); // what a click writes
 * ...
 * paused.close();                                       // when the screen goes
 * }</pre>
 *
 * <p><b>What the button shows</b> is always the query's visible data, which includes the
 * pending mutations' optimistic patches: so a click flips it at once (the mutation's patch
 * says so), a failure flips it back (the library removes the failed run's patch), and data
 * that lands in the meantime (a refetch, a push) cannot flip it back while the write is in
 * flight (the patch is applied on top of it). The binding never keeps a value of its own, so
 * it never fights the user or the cache. The mutation must therefore be optimistic over the
 * observed query, with a projection that sets the value rather than inverting it; a mutation
 * that does not patch the query makes the button snap back to the query's value after each
 * click.
 *
 * <p><b>Rapid clicks</b> coalesce: the binding writes through the mutation's
 * {@linkplain Mutation#synced sync twin}, so clicking on, off, on, off in quick succession
 * shows every click at once and sends one request, then one follow-up with the last value if
 * it differs from the one sent (on, off, on sends nothing more). A mutation that is already
 * {@linkplain dev.querycache.OptimisticMutationBuilder#sync sync} (to share channels with
 * other screens) or {@linkplain dev.querycache.AbstractMutationBuilder#exclusive exclusive},
 * or that is undoable, is used as it is.
 *
 * <p><b>Enabled state.</b> The binding disables the button while the query has no data
 * (loading, or failed before any data) and enables it once data is there.
 *
 * <p><b>Lifetime.</b> The query is observed while the button is displayable (see
 * {@link ComponentBinding}); {@link #close()} unbinds for good.
 *
 * <p><b>Threads.</b> Create, use and close the binding on the Event Dispatch Thread. Results
 * reach it on the EDT whatever the client's notify executor.
 *
 * @param <T> the type of the query's data
 * @since 0.1.0
 */
public final class QueryToggle<T> implements AutoCloseable {
  private final JToggleButton button;
  private final QueryKey<T> key;
  private final ToggleSync<T> sync;
  private final ActionListener clicks;
  private @Nullable ComponentBinding binding;
  private boolean closed;

  private <V> QueryToggle(
      JToggleButton button,
      QueryClient client,
      QueryKey<T> key,
      Function<? super T, @Nullable Boolean> selected,
      Mutation<V, ?, ?> mutation,
      Function<Boolean, ? extends V> variables) {
    this.button = button;
    this.key = key;
    Mutation<V, ?, ?> writes = mutation.coalescedBy(ignored -> key); // the twin is this binding's
    this.sync = new ToggleSync<>(() -> client.getQueryData(key).orElse(null), selected,
        wanted -> writes.fire(variables.apply(wanted)), new ToggleSync.Widget() {
          @Override
          public boolean isSelected() {
            return button.isSelected();
          }

          @Override
          public void setSelected(boolean on) {
            button.setSelected(on);
          }

          @Override
          public void setEnabled(boolean enabled) {
            button.setEnabled(enabled);
          }
        });
    this.clicks = event -> {
      if (!closed) {
        sync.clicked();
      }
    };
  }

  /**
   * Binds {@code button} to a boolean of {@code query}'s data and to {@code mutation}: observes
   * the query for as long as the button is displayable (through
   * {@link SwingQueries#observe(javax.swing.JComponent, QueryClient, QueryOptions,
   * java.util.function.Consumer) SwingQueries.observe}, so the observer fetches the query if
   * needed and closes when the button's window goes) and listens to the button's clicks. The
   * button shows {@code selected} of the query's visible data; a click runs {@code mutation}
   * with {@code variables} of the button's new value. Call on the EDT.
   *
   * @param button the button to drive; the binding sets its selection and enabled state
   * @param client the client
   * @param query what to observe
   * @param selected the boolean the button shows, from the query's data (null reads as
   *     false)
   * @param mutation the write; optimistic over {@code query}
   * @param variables the mutation's variables for the button's new value
   * @param <T> the type of the query's data
   * @param <V> the mutation's variables
   * @return the binding; closing it unbinds before the button goes away
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mutation} is not optimistic
   * @throws IllegalStateException if called off the EDT, or if {@code button} is bound
   *     already (a second binding would send two writes per click: close the first)
   */
  public static <T, V> QueryToggle<T> bind(
      JToggleButton button,
      QueryClient client,
      QueryOptions<T> query,
      Function<? super T, @Nullable Boolean> selected,
      Mutation<V, ?, ?> mutation,
      Function<Boolean, ? extends V> variables) {
    Objects.requireNonNull(button, "button == null");
    Objects.requireNonNull(client, "client == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(selected, "selected == null");
    Objects.requireNonNull(mutation, "mutation == null");
    Objects.requireNonNull(variables, "variables == null");
    requireOptimistic(mutation);
    EdtExecutor.checkOnEdt("QueryToggle.bind");
    Object bound = button.getClientProperty(QueryToggle.class);
    if (bound != null) {
      throw new IllegalStateException(
          "this button is bound already (" + bound + "): a second QueryToggle would send two writes"
              + " per click; close the first binding before binding the button again");
    }
    QueryToggle<T> toggle = new QueryToggle<>(button, client, query.key(), selected, mutation, variables);
    button.putClientProperty(QueryToggle.class, toggle);
    button.addActionListener(toggle.clicks);
    toggle.sync();
    toggle.binding = SwingQueries.observe(button, client, query, result -> toggle.sync());
    return toggle;
  }

  /**
   * A setter for the boolean cells of a table (or any list of rows): given a row's key and
   * its new value, runs {@code mutation} with {@code variables} of them. Call it from a table
   * model's {@code setValueAt}; the row shows the new value at once through the mutation's
   * optimistic patch, and the old one again if the write fails. Quick edits of one row
   * coalesce as {@link #bind clicks} do, one channel per row key; rows never wait for each
   * other.
   *
   * <pre>{@code
   * BiConsumer<String, Boolean> setPaused =
   *     QueryToggle.rowSetter(pauseOrResume, (id, paused) -> new Toggle(id, paused));
   * ...
   * public void setValueAt(Object value, int row, int column) {
   *   setPaused.accept(rows.get(row).id(), (Boolean) value);
   * }
   * }</pre>
   *
   * @param mutation the write; optimistic over the rows' query
   * @param variables the mutation's variables for a row key and its new value
   * @param <K> the rows' key
   * @param <V> the mutation's variables
   * @return the setter; it may be called on any thread, and throws
   *     {@link NullPointerException} for a null key or value
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mutation} is not optimistic
   */
  public static <K, V> BiConsumer<K, Boolean> rowSetter(
      Mutation<V, ?, ?> mutation, BiFunction<? super K, Boolean, ? extends V> variables) {
    Objects.requireNonNull(mutation, "mutation == null");
    Objects.requireNonNull(variables, "variables == null");
    requireOptimistic(mutation);
    RowChannels<V> rows = new RowChannels<>();
    Mutation<V, ?, ?> writes = mutation.coalescedBy(rows::channelOf);
    return (key, value) -> {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(value, "value == null");
      V row = variables.apply(key, value);
      rows.write(row, key, () -> writes.fire(row));
    };
  }

  /**
   * An action that flips the boolean of the selected row, for a menu item, a toolbar button
   * or a key binding over a table ("Star", "Pause"): when performed, it reads the selected
   * row's key (doing nothing if there is none) and its current value, and runs
   * {@code mutation} with {@code variables} of the key and the opposite value. Read the
   * current value from the query's visible data (a table model built on it does), so that a
   * second flip while the first is in flight flips back.
   *
   * @param name the action's name, shown by menus and buttons
   * @param selectedRow the selected row's key, or null if none; read on the EDT
   * @param current the row's current value
   * @param mutation the write; optimistic over the rows' query
   * @param variables the mutation's variables for a row key and its new value
   * @param <K> the rows' key
   * @param <V> the mutation's variables
   * @return the action
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mutation} is not optimistic
   */
  public static <K, V> Action rowAction(
      String name,
      Supplier<? extends @Nullable K> selectedRow,
      Predicate<? super K> current,
      Mutation<V, ?, ?> mutation,
      BiFunction<? super K, Boolean, ? extends V> variables) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(selectedRow, "selectedRow == null");
    Objects.requireNonNull(current, "current == null");
    BiConsumer<K, Boolean> setter = rowSetter(mutation, variables);
    return new AbstractAction(name) {
      private static final long serialVersionUID = 1L;

      @Override
      public void actionPerformed(ActionEvent event) {
        K key = selectedRow.get();
        if (key != null) {
          setter.accept(key, !current.test(key));
        }
      }
    };
  }

  /**
   * The button this binding drives.
   *
   * @return the button
   */
  public JToggleButton button() {
    return button;
  }

  /**
   * Unbinds: closes the observer, if open, and stops listening to the button, which keeps its
   * last selection and enabled state. Idempotent. Call on the EDT.
   *
   * @throws IllegalStateException if called off the EDT
   */
  @Override
  public void close() {
    EdtExecutor.checkOnEdt("QueryToggle.close");
    if (closed) {
      return;
    }
    closed = true;
    button.removeActionListener(clicks);
    if (button.getClientProperty(QueryToggle.class) == this) {
      button.putClientProperty(QueryToggle.class, null);
    }
    ComponentBinding open = binding;
    if (open != null) {
      open.close();
    }
  }

  /** Shows the query's value as the cache has it now. EDT. */
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
    ToggleSync.requireOptimistic(mutation.isOptimistic(), mutation);
  }

}
