package dev.querycache.internal.runtime;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the application built something of the library's: the first stack frame outside the
 * library's own packages, such as {@code NotificationsTab.<init>(NotificationsTab.java:45)},
 * so that an unnamed mutation can still be told apart in messages and inspectors.
 */
public final class BuildSite {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private BuildSite() {}

  /** The caller's frame outside the library, or null if none is visible. */
  public static @Nullable String ofCaller() {
    Optional<StackWalker.StackFrame> frame =
        WALKER.walk(frames -> frames.filter(f -> !isLibrary(f.getClassName())).findFirst());
    return frame.map(f -> simpleName(f.getClassName()) + "." + f.getMethodName()
        + (f.getFileName() == null ? "" : "(" + f.getFileName() + ":" + f.getLineNumber() + ")")).orElse(null);
  }

  /** The library's own code: the face's package and the engine's, not the application's. */
  private static boolean isLibrary(String className) {
    return className.startsWith("dev.querycache.internal.")
        || (className.startsWith("dev.querycache.") && className.indexOf('.', "dev.querycache.".length()) < 0);
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
