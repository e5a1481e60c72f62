package dev.querycache.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.swing.JPanel;
import javax.swing.UIManager;
import org.junit.jupiter.api.Test;

/**
 * Specification of a toast's edge: the outline in the border colour, the accent stripe on the
 * left, and corners as round as the look and feel's components.
 */
class ToastBorderTest {
  private static final Color LINE = new Color(0x808080);
  private static final Color ACCENT = new Color(0x123456);

  private static BufferedImage paint(ToastBorder border) {
    BufferedImage image = new BufferedImage(60, 30, BufferedImage.TYPE_INT_ARGB);
    Graphics2D graphics = image.createGraphics();
    border.paintBorder(new JPanel(), graphics, 0, 0, 60, 30);
    graphics.dispose();
    return image;
  }

  private static int alpha(int argb) {
    return argb >>> 24;
  }

  @Test
  void withoutAnArcTheCornersAreSquare() {
    BufferedImage image = paint(new ToastBorder(LINE, ACCENT, 0));

    assertThat(alpha(image.getRGB(59, 0))).as("the corner pixel is drawn").isPositive();
  }

  @Test
  void withAnArcTheCornersAreRoundAndSeeThrough() {
    BufferedImage image = paint(new ToastBorder(LINE, ACCENT, 16));

    assertThat(alpha(image.getRGB(0, 0))).isZero();
    assertThat(alpha(image.getRGB(59, 29))).isZero();
    assertThat(image.getRGB(30, 0) & 0xFFFFFF).as("the outline along the top").isEqualTo(0x808080);
  }

  @Test
  void theAccentStripeRunsDownTheLeftInsideTheOutline() {
    BufferedImage image = paint(new ToastBorder(LINE, ACCENT, 16));

    assertThat(image.getRGB(2, 15) & 0xFFFFFF).isEqualTo(0x123456);
  }

  @Test
  void theArcIsTheLookAndFeelsComponentArc() {
    Object before = UIManager.get("Component.arc");
    try {
      UIManager.put("Component.arc", 10);
      assertThat(ToastBorder.themedArc()).isEqualTo(10);
      UIManager.put("Component.arc", null);
      assertThat(ToastBorder.themedArc()).isZero();
    } finally {
      UIManager.put("Component.arc", before);
    }
  }

  @Test
  void theInsetsLeaveRoomForTheStripe() {
    assertThat(new ToastBorder(LINE, ACCENT, 0).getBorderInsets(new JPanel()).left)
        .isGreaterThan(ToastBorder.STRIPE);
  }
}
