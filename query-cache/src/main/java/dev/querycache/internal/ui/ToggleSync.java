package dev.querycache.internal.ui;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a toggle bound to a query does, whatever the toolkit (Swing's and JavaFX's
 * {@code QueryToggle}): it shows the boolean of the query's visible data, is disabled while
 * there is none, and writes each click's value through the optimistic mutation, then shows
 * what the query says (the mutation's patch, or the old value if the run could not start).
 * It keeps no value of its own. Confined to the UI thread.
 *
 * @param <T> the type of the query's data
 */
public final class ToggleSync<T> {
  /** The toggle's widget, as the toolkit has it. */
  public interface Widget {
    /** Whether the widget is selected now (after the toolkit flipped it on a click). */
    boolean isSelected();

    /** Selects or deselects it, without counting as a click. */
    void setSelected(boolean selected);

    /** Enables or disables it. */
    void setEnabled(boolean enabled);
  }

  private final Supplier<@Nullable T> data;
  private final Function<? super T, @Nullable Boolean> selected;
  private final Consumer<Boolean> write;
  private final Widget widget;

  /**
   * A toggle's behaviour.
   *
   * @param data the query's visible data now, or null for none
   * @param selected the boolean the toggle shows, from the data (null reads as false)
   * @param write runs the mutation for a new value
   * @param widget the toolkit's widget
   */
  public ToggleSync(
      Supplier<@Nullable T> data, Function<? super T, @Nullable Boolean> selected, Consumer<Boolean> write, Widget widget) {
    this.data = data;
    this.selected = selected;
    this.write = write;
    this.widget = widget;
  }

  /** Shows the query's value as the cache has it now (a result is only the signal). */
  public void sync() {
    T now = data.get();
    if (now == null) {
      widget.setEnabled(false);
      return;
    }
    widget.setEnabled(true);
    widget.setSelected(Boolean.TRUE.equals(selected.apply(now)));
  }

  /** The user clicked, and the toolkit flipped the widget: write its new value. */
  public void clicked() {
    boolean wanted = widget.isSelected();
    if (data.get() == null) {
      sync(); // nothing to flip yet
      return;
    }
    try {
      write.accept(wanted); // failures reach the user through the library's error toast
    } finally {
      sync();
    }
  }

  /**
   * Refuses a mutation that is not optimistic: the value shown must be the query's.
   *
   * @param isOptimistic whether the mutation patches the query
   * @param mutation the mutation, for the message
   * @throws IllegalArgumentException if it does not
   */
  public static void requireOptimistic(boolean isOptimistic, Object mutation) {
    Objects.requireNonNull(mutation, "mutation == null");
    if (!isOptimistic) {
      throw new IllegalArgumentException(
          "mutation must be optimistic (built with optimistic(...)), so that the value shown is the"
              + " query's: " + mutation);
    }
  }
}
