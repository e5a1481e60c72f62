package dev.querycache.internal.key;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The JSON-like rendering of canonical key parts, for {@code QueryKey.toString()} and for
 * messages. A rendering is abbreviated beyond {@value #MAX_LENGTH} characters (it stops there
 * and ends with an ellipsis), and a number with a large exponent is written in scientific
 * notation, so that rendering a key costs little whatever the key holds.
 */
public final class KeyJson {
  /** Renderings stop after about this many characters. */
  public static final int MAX_LENGTH = 1_000;
  /** Plain notation up to this many characters; scientific beyond. */
  private static final int MAX_PLAIN_NUMBER = 40;

  private KeyJson() {}

  /** The rendering of {@code part}, abbreviated if long. */
  static String render(@Nullable Object part) {
    StringBuilder out = new StringBuilder();
    if (!append(out, part)) {
      out.setLength(MAX_LENGTH);
      out.append("…");
    }
    return out.toString();
  }

  /** Appends the rendering of {@code part}; false once the rendering passed its bound. */
  private static boolean append(StringBuilder out, @Nullable Object part) {
    if (out.length() > MAX_LENGTH) {
      return false;
    }
    if (part instanceof String) {
      appendQuoted(out, (String) part);
    } else if (part instanceof KeyList) {
      out.append('[');
      KeyList list = (KeyList) part;
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        if (!append(out, list.get(i))) {
          return false;
        }
      }
      out.append(']');
    } else if (part instanceof KeyMap) {
      out.append('{');
      KeyMap map = (KeyMap) part;
      for (int i = 0; i < map.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        appendQuoted(out, map.keyAt(i));
        out.append(':');
        if (!append(out, map.valueAt(i))) {
          return false;
        }
      }
      out.append('}');
    } else if (part instanceof BigDecimal) {
      out.append(number((BigDecimal) part));
    } else {
      out.append(part);
    }
    return out.length() <= MAX_LENGTH;
  }

  /** Plain notation when short (12.5, 100000000000000000000), scientific otherwise (1E+400). */
  private static String number(BigDecimal decimal) {
    int scale = decimal.scale();
    int precision = decimal.precision();
    long plainLength = scale <= 0 ? (long) precision - scale : Math.max(precision, scale) + 2L;
    return plainLength <= MAX_PLAIN_NUMBER ? decimal.toPlainString() : decimal.toString();
  }

  private static void appendQuoted(StringBuilder out, String text) {
    out.append('"');
    int end = Math.min(text.length(), MAX_LENGTH + 1); // the rest would be cut anyway
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\r':
          out.append("\\r");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    if (end == text.length()) {
      out.append('"');
    }
  }
}
