package dev.querycache.swing;

import dev.querycache.internal.ui.LatestValue;
import java.awt.event.HierarchyEvent;
import java.awt.event.HierarchyListener;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import org.jspecify.annotations.Nullable;

/**
 * A query observer bound to a component's lifetime, made by
 * {@link SwingQueries#observe(JComponent, QueryClient, QueryOptions, Consumer)}: the
 * observer is open exactly while the component is displayable (part of a window that has
 * been packed or shown). Adding the component to a live window opens an observer (which
 * fetches if the data is missing or stale, as any observer does); removing it, or disposing
 * of its window, closes that observer, so the query starts its gc countdown and nothing in
 * the client refers to the component any more. A component that becomes displayable again
 * gets a new observer.
 *
 * <p>The listener always runs on the EDT. With a client whose notify executor is the EDT
 * (see {@link SwingQueries#clientBuilder()}) it is called directly by the delivery; with
 * any other notify executor, the result is handed to the EDT, and results that pile up
 * before the EDT gets to them are coalesced into the latest.
 *
 * <p>{@link #close()} unbinds for good. Confined to the EDT.
 *
 * @since 0.1.0
 */
public final class ComponentBinding implements AutoCloseable {
  private final JComponent component;
  private final Subscriber subscriber;
  private final HierarchyListener displayability = this::hierarchyChanged;
  private @Nullable Subscription<?> subscription;
  private boolean closed;
  private boolean following;
  private boolean followAgain;

  private ComponentBinding(JComponent component, Subscriber subscriber) {
    this.component = component;
    this.subscriber = subscriber;
  }

  /**
   * Binds; the caller has checked the thread and the arguments. {@code open} opens an observer
   * that gives its results to the consumer it is passed, and returns what closes it.
   */
  static <V> ComponentBinding bind(
      JComponent component, Function<Consumer<V>, Runnable> open, Consumer<? super V> listener) {
    ComponentBinding binding = new ComponentBinding(component, () -> new Subscription<>(open, listener));
    component.addHierarchyListener(binding.displayability);
    binding.follow();
    return binding;
  }

  /**
   * Whether an observer is open now: the binding is not closed and the component is
   * displayable.
   *
   * @return {@code true} while the query is observed on the component's behalf
   * @throws IllegalStateException if not called on the EDT
   */
  public boolean isObserving() {
    EdtExecutor.checkOnEdt("ComponentBinding.isObserving");
    return subscription != null;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   * @throws IllegalStateException if not called on the EDT
   */
  public boolean isClosed() {
    EdtExecutor.checkOnEdt("ComponentBinding.isClosed");
    return closed;
  }

  /**
   * Unbinds: closes the observer if one is open (no listener call starts after this returns)
   * and stops following the component. Idempotent.
   *
   * @throws IllegalStateException if not called on the EDT
   */
  @Override
  public void close() {
    EdtExecutor.checkOnEdt("ComponentBinding.close");
    if (closed) {
      return;
    }
    closed = true;
    component.removeHierarchyListener(displayability);
    follow();
  }

  private void hierarchyChanged(HierarchyEvent event) {
    if ((event.getChangeFlags() & HierarchyEvent.DISPLAYABILITY_CHANGED) == 0) {
      return;
    }
    if (SwingUtilities.isEventDispatchThread()) {
      follow();
    } else {
      // A window packed or disposed of off the EDT: catch up there. follow() reads the
      // component's state then, so late or repeated calls do no harm.
      SwingUtilities.invokeLater(this::follow);
    }
  }

  /**
   * Opens or closes the observer to match the component's displayability. Opening delivers
   * the first result, synchronously with a synchronous notify executor, and a listener may
   * then close the binding or remove the component: such a nested call only asks this one to
   * look again, so that the outcome matches the final state and no observer is left open.
   */
  private void follow() {
    if (following) {
      followAgain = true;
      return;
    }
    following = true;
    try {
      do {
        followAgain = false;
        boolean wanted = !closed && component.isDisplayable();
        if (wanted && subscription == null) {
          subscription = subscriber.subscribe();
        } else if (!wanted) {
          unsubscribe();
        }
      } while (followAgain);
    } finally {
      following = false;
    }
  }

  private void unsubscribe() {
    Subscription<?> current = subscription;
    if (current != null) {
      subscription = null;
      current.close();
    }
  }

  @Override
  public String toString() {
    return "ComponentBinding{" + component.getClass().getSimpleName()
        + (closed ? ", closed}" : subscription != null ? ", observing}" : ", waiting}");
  }

  /** Opens a new subscription. */
  @FunctionalInterface
  private interface Subscriber {
    Subscription<?> subscribe();
  }

  /**
   * One open observer and the hand-over of its results to the EDT (the core's
   * {@link LatestValue}: results delivered off the EDT are coalesced into the latest, and
   * never overtake each other).
   */
  private static final class Subscription<V> {
    private final LatestValue<V> latest;
    private final Runnable closeObserver;

    Subscription(Function<Consumer<V>, Runnable> open, Consumer<? super V> listener) {
      this.latest = new LatestValue<>(SwingUtilities::isEventDispatchThread, SwingUtilities::invokeLater, listener);
      this.closeObserver = open.apply(latest::offer);
    }

    void close() {
      latest.close();
      closeObserver.run();
    }
  }
}
