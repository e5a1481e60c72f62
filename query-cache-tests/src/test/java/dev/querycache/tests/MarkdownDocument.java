package dev.querycache.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the repository's Markdown files, read as the documentation tests need it: its Java
 * blocks, the links of its prose (outside fenced blocks and code spans), and the anchors its
 * headings get when the file is rendered (GitHub's rule: lower case, punctuation dropped,
 * spaces to hyphens, a repeated heading numbered).
 */
final class MarkdownDocument {
  /** {@code [text](target)} and {@code ![alt](target)}, with an optional title after the target. */
  private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  /** {@code [label]: target} on a line of its own. */
  private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
  private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  /** A link of the document: its target as written, and the line it is on (from 1). */
  record Link(String target, int line) {}

  final Path file;
  private final List<String> lines;

  private MarkdownDocument(Path file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  static MarkdownDocument read(Path file) throws IOException {
    return new MarkdownDocument(file, Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** The contents of the document's fenced blocks marked {@code java}, in order. */
  List<String> javaBlocks() {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : lines) {
      if (block == null && line.strip().equals("```java")) {
        block = new StringBuilder();
      } else if (block != null && line.strip().equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  /** The links of the prose: none from fenced blocks or code spans. */
  List<Link> links() {
    List<Link> links = new ArrayList<>();
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      String prose = CODE_SPAN.matcher(line).replaceAll("");
      Matcher inline = INLINE_LINK.matcher(prose);
      while (inline.find()) {
        links.add(new Link(inline.group(1), i + 1));
      }
      Matcher reference = REFERENCE_LINK.matcher(prose);
      if (reference.find()) {
        links.add(new Link(reference.group(1), i + 1));
      }
    }
    return links;
  }

  /** The anchors of the document's headings, as a renderer makes them. */
  Set<String> anchors() {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (fenced || !heading.matches()) {
        continue;
      }
      String slug = slug(heading.group(1));
      int times = seen.merge(slug, 1, Integer::sum);
      anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
    }
    return anchors;
  }

  /** The anchor of a heading's text: lower case, without punctuation, spaces as hyphens. */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    StringBuilder slug = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        slug.appendCodePoint(c);
      } else if (c == ' ') {
        slug.append('-');
      }
    });
    return slug.toString();
  }
}
