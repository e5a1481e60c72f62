package dev.querycache.internal.layer;

import dev.querycache.internal.runtime.Callbacks;
import dev.querycache.internal.runtime.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One query's optimistic layers over its confirmed data: the one mechanism every optimistic
 * write goes through. The visible data is the confirmed data (what a fetch or a write by hand
 * last said) with each layer's patch applied in its owner's start order.
 *
 * <ul>
 *   <li><b>Owners.</b> Each layer has a {@link LayerOwner} (a mutation run today); an owner's
 *       layers are added, removed, marked succeeded and settled together.
 *   <li><b>Inclusion.</b> Data that lands says which layers it already includes (a fetch's
 *       data, the runs that succeeded before the fetch started; data written by hand, every
 *       run that succeeded before now): those leave, the others are applied on top again.
 *   <li><b>Folding.</b> A settled layer at the bottom, which no fetch tried and failed to
 *       confirm, becomes part of the confirmed data once no fetch is in flight (see
 *       {@link OptimisticLayer#canFold}); so a layer never waits for an event that will not
 *       come, and the order of patches never changes.
 *   <li><b>Failures.</b> A patch that throws when first applied propagates (its run fails
 *       before its function is called); one that throws when applied again is skipped from
 *       then on and kept for {@link #takeFailed()}, so that its owner can be told.
 * </ul>
 *
 * <p>Not thread-safe: its query's monitor guards every change. The layer list and the
 * confirmed data are volatile, so that a reader may look without the monitor.
 *
 * @param <T> the type of the query's data
 */
public final class LayerStack<T> {
  private final Object subject;
  private final Notifier notifier;
  private volatile List<OptimisticLayer<T>> layers = List.of();
  private volatile @Nullable T confirmed; // meaningful while there are layers
  private @Nullable List<OptimisticLayer<T>> failed;
  /** The class every patch's output must be an instance of, if the query has one. */
  private volatile @Nullable Class<?> dataType;

  /**
   * {@code subject} names the query in reports (its key); patches run through
   * {@code notifier}, which refuses a patch's calls back into the client.
   */
  public LayerStack(Object subject, Notifier notifier) {
    this.subject = subject;
    this.notifier = notifier;
  }

  /** From now on, a patch whose output is not an instance of {@code type} fails. */
  public void requireOutputsOf(Class<?> type) {
    this.dataType = type;
  }

  public boolean isEmpty() {
    return layers.isEmpty();
  }

  public int size() {
    return layers.size();
  }

  /** The layers, in order, as an immutable list: also a version stamp (a new list per change). */
  public List<OptimisticLayer<T>> layers() {
    return layers;
  }

  /** The data without any patch; meaningful while the stack is not empty. */
  public @Nullable T confirmed() {
    return confirmed;
  }

  /** Whether a layer keeps its query in the cache: one whose owner has not settled. */
  public boolean pins() {
    for (OptimisticLayer<T> layer : layers) {
      if (layer.pins()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds {@code layer} in its owner's start order (a run that started earlier but patched
   * later still goes below); {@code visibleNow} is the data shown before it, which is the
   * confirmed data while the stack is empty. Returns the visible data with the layer. What
   * the new layer's patch throws propagates, and then nothing changed.
   */
  public @Nullable T add(OptimisticLayer<T> layer, @Nullable T visibleNow, boolean fetchInFlight) {
    List<OptimisticLayer<T>> current = layers;
    if (current.isEmpty()) { // the first layer: the usual case
      T visible = apply(layer, visibleNow, layer);
      set(visibleNow, List.of(layer), true, fetchInFlight);
      return visible;
    }
    List<OptimisticLayer<T>> next = new ArrayList<>(current.size() + 1);
    next.addAll(current);
    int at = next.size();
    while (at > 0 && next.get(at - 1).order > layer.order) {
      at--;
    }
    next.add(at, layer);
    T base = current.isEmpty() ? visibleNow : confirmed;
    T visible = at == current.size() ? apply(layer, visibleNow, layer) : applyAll(base, next, layer);
    set(base, next, true, fetchInFlight);
    return visible;
  }

  /**
   * Puts {@code layer} in place of its owner's layer, at the same position (the owner's start
   * order), and returns the visible data with it; adds it if the owner has none here. What
   * the new patch throws propagates, and then nothing changed.
   */
  public @Nullable T replace(OptimisticLayer<T> layer, @Nullable T visibleNow, boolean fetchInFlight) {
    List<OptimisticLayer<T>> current = layers;
    int at = -1;
    for (int i = 0; i < current.size(); i++) {
      if (current.get(i).owner == layer.owner) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      return add(layer, visibleNow, fetchInFlight);
    }
    List<OptimisticLayer<T>> next = new ArrayList<>(current);
    next.set(at, layer);
    T visible = applyAll(confirmed, next, layer);
    set(confirmed, next, true, fetchInFlight);
    return visible;
  }

  /**
   * Removes {@code owner}'s layers and returns the visible data then; {@code visibleNow} if it
   * had none (the size tells which).
   */
  public @Nullable T remove(LayerOwner owner, @Nullable T visibleNow, boolean fetchInFlight) {
    List<OptimisticLayer<T>> remaining = without(layer -> layer.owner == owner);
    if (remaining == null) {
      return visibleNow;
    }
    T base = set(confirmed, remaining, true, fetchInFlight);
    return applyAll(base, layers, null);
  }

  /**
   * Removes the layers whose patch failed; they were skipped already, so the visible data
   * stays. Returns whether any went.
   */
  public boolean dropFailed(boolean fetchInFlight) {
    List<OptimisticLayer<T>> remaining = without(layer -> layer.failure != null);
    if (remaining == null) {
      return false;
    }
    set(confirmed, remaining, false, fetchInFlight);
    return true;
  }

  /** The layers {@code which} does not select, or null if it selects none. */
  private @Nullable List<OptimisticLayer<T>> without(Predicate<OptimisticLayer<T>> which) {
    List<OptimisticLayer<T>> current = layers;
    List<OptimisticLayer<T>> remaining = null; // made at the first layer selected
    for (int i = 0; i < current.size(); i++) {
      OptimisticLayer<T> layer = current.get(i);
      if (which.test(layer)) {
        if (remaining == null) {
          remaining = new ArrayList<>(current.subList(0, i));
        }
      } else if (remaining != null) {
        remaining.add(layer);
      }
    }
    return remaining;
  }

  /**
   * Data lands and becomes the confirmed data ({@code share}: with structural sharing against
   * the previous confirmed data); the layers {@code included} accepts leave, the others are
   * applied on top again (a {@link LandingAwarePatch} is told first). Returns the visible data.
   */
  public T land(T data, Predicate<OptimisticLayer<T>> included, boolean share, boolean fetchInFlight) {
    for (OptimisticLayer<T> layer : layers) {
      if (layer.patch instanceof LandingAwarePatch aware) {
        aware.dataLands();
      }
    }
    T base = share ? StructuralSharing.share(confirmed, data) : data;
    List<OptimisticLayer<T>> remaining = without(included);
    T folded = set(base, remaining == null ? layers : remaining, true, fetchInFlight);
    // Layers over landed data give data: a patch yields non-null, a skipped one keeps its input.
    return java.util.Objects.requireNonNull(applyAll(folded, layers, null));
  }

  /** {@code owner} succeeded at the client sequence {@code sequence}. */
  public void succeeded(LayerOwner owner, long sequence) {
    for (OptimisticLayer<T> layer : layers) {
      if (layer.owner == owner) {
        layer.successSequence = sequence;
      }
    }
  }

  /**
   * {@code owner}'s settle step is done: its layers stop pinning and fold if they may (see the
   * class comment). Returns whether the count of layers changed; the visible data did not.
   */
  public boolean settled(LayerOwner owner, boolean fetchInFlight) {
    for (OptimisticLayer<T> layer : layers) {
      if (layer.owner == owner) {
        layer.settled = true;
      }
    }
    return refold(fetchInFlight);
  }

  /**
   * A fetch that started at {@code fetchSequence} ended without data (failed or cancelled):
   * the succeeded layers it was to confirm are never folded as if the server had said so, and
   * what waited for it to end may fold now. Returns whether the count of layers changed.
   */
  public boolean fetchEndedWithoutData(long fetchSequence) {
    for (OptimisticLayer<T> layer : layers) {
      if (layer.isIncludedIn(fetchSequence)) {
        layer.confirmationFailed = true;
      }
    }
    return refold(false);
  }

  /** The query was reset: no confirmed data; pending layers stay, over nothing for now. */
  public void clearConfirmed() {
    confirmed = null;
  }

  private boolean refold(boolean fetchInFlight) {
    int before = layers.size();
    if (before > 0) {
      set(confirmed, layers, false, fetchInFlight);
    }
    return layers.size() != before;
  }

  /**
   * The confirmed data with the changes of the owners that already succeeded: what the
   * server is believed to hold, and what a write by hand starts from (it replaces those
   * layers, so their changes must be in it).
   */
  public @Nullable T writeBase() {
    T data = confirmed;
    for (OptimisticLayer<T> layer : layers) {
      if (layer.hasSucceeded()) {
        data = apply(layer, data, null);
      }
    }
    return data;
  }

  /**
   * The change {@code owner}'s layer made when it was last applied; null if the owner has no
   * layer here (or its patch ignores its data).
   */
  public @Nullable Change<T> changeBy(LayerOwner owner) {
    for (OptimisticLayer<T> layer : layers) {
      T before = layer.lastInput;
      T after = layer.lastOutput;
      if (layer.owner == owner && !layer.constant && before != null && after != null) {
        return new Change<>(before, after);
      }
    }
    return null;
  }

  /** What one application of a patch did: the data before, and after. */
  public static final class Change<T> {
    public final T before;
    public final T after;

    Change(T before, T after) {
      this.before = before;
      this.after = after;
    }
  }

  /** The layers whose patch failed since the last call, for their owners to be told; or null. */
  public @Nullable List<OptimisticLayer<T>> takeFailed() {
    List<OptimisticLayer<T>> taken = failed;
    failed = null;
    return taken;
  }

  /**
   * Sets the confirmed data and the layers, folding the bottom layers that may fold. Returns
   * the new confirmed data; with {@code resultNeeded} false, a fold of every layer skips
   * applying the patches again (with no layer left, the visible data is the confirmed data,
   * which nobody reads) and returns null.
   */
  private @Nullable T set(@Nullable T base, List<OptimisticLayer<T>> next, boolean resultNeeded, boolean fetchInFlight) {
    int folded = 0;
    while (folded < next.size() && next.get(folded).canFold(fetchInFlight)) {
      folded++;
    }
    List<OptimisticLayer<T>> remaining =
        folded == 0 ? List.copyOf(next) : List.copyOf(next.subList(folded, next.size()));
    T confirmedNow = base;
    if (resultNeeded || !remaining.isEmpty()) {
      for (int i = 0; i < folded; i++) {
        confirmedNow = apply(next.get(i), confirmedNow, null);
      }
    } else {
      confirmedNow = null;
    }
    layers = remaining;
    confirmed = remaining.isEmpty() ? null : confirmedNow;
    return confirmedNow;
  }

  private @Nullable T applyAll(@Nullable T base, List<OptimisticLayer<T>> list, @Nullable OptimisticLayer<T> strict) {
    T data = base;
    for (OptimisticLayer<T> layer : list) {
      data = apply(layer, data, strict);
    }
    return data;
  }

  /**
   * Applies one layer's patch. The first application ({@code strict}) lets what the patch
   * throws propagate. Applied again, a patch that throws anything (a checked exception, a VM
   * error) must not break the transition under way: it is skipped from then on and kept for
   * {@link #takeFailed()}.
   */
  private @Nullable T apply(OptimisticLayer<T> layer, @Nullable T data, @Nullable OptimisticLayer<T> strict) {
    if (layer.failure != null || (data == null && !layer.constant)) {
      return data; // failed before; or nothing to patch yet: the layer applies once data lands
    }
    T patched;
    try {
      patched = notifier.applying(layer.patch, data);
      if (patched == null) {
        throw new NullPointerException("an optimistic patch of " + subject + " returned null");
      }
      Class<?> type = dataType;
      if (type != null && !type.isInstance(patched)) {
        throw new IllegalStateException("an optimistic patch of " + subject + " returned a "
            + patched.getClass().getName() + ", but the query holds " + type.getName()
            + " data (declared with withDataType)");
      }
    } catch (Throwable e) {
      if (layer == strict) {
        throw LayerStack.<RuntimeException>sneaky(e);
      }
      Callbacks.report("an optimistic patch applied again", subject, e);
      layer.failure = e;
      if (failed == null) {
        failed = new ArrayList<>(1);
      }
      failed.add(layer);
      return data;
    }
    if (data != null) {
      layer.lastInput = data;
      layer.lastOutput = patched;
    }
    return patched;
  }

  @SuppressWarnings("unchecked") // rethrows what the patch threw, checked or not
  private static <E extends Throwable> E sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
