package dev.querycache.swing;

import dev.querycache.Ticker;
import dev.querycache.UndoOffer;
import dev.querycache.internal.ui.ErrorWords;
import dev.querycache.internal.ui.ToastLifetime;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.UIManager;
import org.jspecify.annotations.Nullable;

/**
 * One toast: a small non-modal panel with a message, a close button and, by kind, a
 * "Details" button that expands the cause (errors) or a countdown and an "Undo" button (undo
 * offers). It knows when it is due to go ({@link #tick(long)}); the {@link ToastStack}
 * places it and removes it. Confined to the EDT.
 */
final class ToastPanel extends JPanel {
  private static final long serialVersionUID = 1L;

  /**
   * What a toast says, and its accent colour: the look and feel's (FlatLaf's action colours,
   * which follow light and dark themes), else a fixed one.
   */
  enum Kind {
    SUCCESS("Actions.Green", new Color(0x2E7D32)),
    ERROR("Actions.Red", new Color(0xC62828)),
    UNDO("Actions.Blue", new Color(0x1565C0));

    private final String accentKey;
    private final Color fallback;

    Kind(String accentKey, Color fallback) {
      this.accentKey = accentKey;
      this.fallback = fallback;
    }

    /** The accent under the current look and feel. EDT. */
    Color accent() {
      return themed(accentKey, fallback);
    }
  }

  static final int WIDTH = 360;

  private final Kind kind;
  /** Its rounded edge, whose shape the background fills. */
  private final ToastBorder edge;
  private final transient @Nullable UndoOffer offer;
  private final transient Ticker ticker;
  private final transient Runnable onDismiss;
  private final transient Runnable onResize;
  private final JLabel message = new JLabel();
  private final JButton close = new JButton("\u00D7");
  private final @Nullable JButton details;
  private final @Nullable JScrollPane detailsPane;
  private final @Nullable JLabel countdown;
  private final @Nullable JButton undo;
  /** When it is due to go: its lifetime, pinned while its details are shown (the core's rule). */
  private final transient ToastLifetime lifetime;
  private boolean undoUsed;

  /**
   * Builds a toast, not yet shown.
   *
   * @param kind what it says
   * @param text the message
   * @param cause the error's cause (errors only)
   * @param offer the undo offer (undo toasts only)
   * @param lifetime how long a success or error toast stays (ignored for undo toasts)
   * @param ticker the toaster's clock; read now for the start of the lifetime
   * @param onDismiss removes this toast from its stack
   * @param onResize lays the stack out again after this toast changed size
   */
  ToastPanel(
      Kind kind,
      String text,
      @Nullable Throwable cause,
      @Nullable UndoOffer offer,
      Duration lifetime,
      Ticker ticker,
      Runnable onDismiss,
      Runnable onResize) {
    super(new BorderLayout(8, 4));
    this.kind = kind;
    this.lifetime = offer != null ? ToastLifetime.untilUndoEnds(offer) : ToastLifetime.timed(lifetime, ticker.read());
    this.offer = offer;
    this.ticker = ticker;
    this.onDismiss = onDismiss;
    this.onResize = onResize;
    setName("toast:" + kind.name().toLowerCase(Locale.ROOT));
    setOpaque(false); // paintComponent fills the rounded shape, the corners stay see-through
    setBackground(themed("Panel.background", Color.WHITE));
    this.edge = new ToastBorder(themed("Component.borderColor", Color.GRAY), kind.accent(), ToastBorder.themedArc());
    setBorder(edge);

    message.setName("toast.message");
    message.setText(text);
    message.setToolTipText(text);
    String words = kind == Kind.ERROR ? ErrorWords.reason(cause, text) : null;
    if (words != null) {
      JLabel because = new JLabel(words);
      because.setName("toast.reason");
      because.setToolTipText(words);
      because.setForeground(themed("Label.disabledForeground", Color.DARK_GRAY));
      JPanel texts = new JPanel(new BorderLayout(0, 2));
      texts.setOpaque(false);
      texts.add(message, BorderLayout.NORTH);
      texts.add(because, BorderLayout.CENTER);
      add(texts, BorderLayout.CENTER); // the error's own words under the message
    } else {
      add(message, BorderLayout.CENTER);
    }

    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 4, 0));
    buttons.setOpaque(false);
    add(buttons, BorderLayout.EAST);

    if (kind == Kind.ERROR) {
      JButton detailsButton = new JButton("Details");
      detailsButton.setName("toast.details");
      JTextArea detailsText = new JTextArea(ErrorWords.details(cause), 4, 30);
      detailsText.setName("toast.detailsText");
      detailsText.setEditable(false);
      detailsText.setLineWrap(true);
      detailsText.setWrapStyleWord(true);
      JScrollPane pane = new JScrollPane(detailsText);
      pane.setName("toast.detailsPane");
      pane.setVisible(false);
      add(pane, BorderLayout.SOUTH);
      detailsButton.addActionListener(event -> toggleDetails());
      buttons.add(detailsButton);
      this.details = detailsButton;
      this.detailsPane = pane;
    } else {
      this.details = null;
      this.detailsPane = null;
    }

    if (kind == Kind.UNDO && offer != null) {
      JLabel remaining = new JLabel(ToastLifetime.countdownText(offer.remaining()));
      remaining.setName("toast.countdown");
      JButton undoButton = new JButton("Undo");
      undoButton.setName("toast.undo");
      undoButton.addActionListener(event -> runUndo());
      buttons.add(remaining);
      buttons.add(undoButton);
      this.countdown = remaining;
      this.undo = undoButton;
    } else {
      this.countdown = null;
      this.undo = null;
    }

    close.setName("toast.close");
    close.setToolTipText("Dismiss");
    close.getAccessibleContext().setAccessibleName("Dismiss");
    close.setBorderPainted(false);
    close.setContentAreaFilled(false);
    close.addActionListener(event -> onDismiss.run());
    buttons.add(close);
  }

  Kind kind() {
    return kind;
  }

  /**
   * Brings the toast up to {@code now}: refreshes an undo countdown and disables its button
   * once the offer is gone.
   *
   * @param now the toaster's clock reading
   * @return whether the toast is due to be dismissed
   */
  boolean tick(long now) {
    if (offer != null && countdown != null && undo != null) {
      countdown.setText(ToastLifetime.countdownText(offer.remaining()));
      if (!offer.isAvailable()) {
        undo.setEnabled(false);
      }
    }
    return lifetime.isDue(now);
  }

  /** Shows or hides the cause; a toast whose details are open stays until they close. */
  private void toggleDetails() {
    JScrollPane pane = detailsPane;
    JButton button = details;
    if (pane == null || button == null) {
      return;
    }
    boolean show = !pane.isVisible();
    pane.setVisible(show);
    button.setText(show ? "Hide details" : "Details");
    if (show) {
      lifetime.pin();
    } else {
      lifetime.unpin(ticker.read());
    }
    onResize.run();
  }

  private void runUndo() {
    UndoOffer taken = offer;
    JButton button = undo;
    if (taken == null || button == null || undoUsed) {
      return;
    }
    undoUsed = true;
    lifetime.undoTaken();
    button.setEnabled(false);
    button.setText("Undoing\u2026");
    CompletableFuture<Void> outcome;
    try {
      outcome = taken.undo();
    } catch (RuntimeException e) {
      onDismiss.run();
      return;
    }
    // The undo's own failure is toasted by the library ("Could not undo: ..."): this toast
    // just goes once the undo settled, either way.
    outcome.whenComplete((ignored, error) -> SwingToaster.onEdt(onDismiss));
  }

  /** Fills the toast's rounded shape with its background. */
  @Override
  protected void paintComponent(Graphics g) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setColor(getBackground());
      g2.fill(edge.shape(0, 0, getWidth(), getHeight()));
    } finally {
      g2.dispose();
    }
    super.paintComponent(g);
  }

  @Override
  public Dimension getPreferredSize() {
    Dimension preferred = super.getPreferredSize();
    return new Dimension(WIDTH, preferred.height);
  }

  @Override
  public Dimension getMaximumSize() {
    return getPreferredSize();
  }

  /** A colour of the look and feel, or {@code fallback} where it has none. */
  static Color themed(String key, Color fallback) {
    Color color = UIManager.getColor(key);
    return color != null ? color : fallback;
  }


}
