package dev.querycache.swing;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs a test class on the Event Dispatch Thread: its constructor (so field initialisers),
 * its {@code @BeforeEach} and {@code @AfterEach} methods and its test methods, as Swing code
 * runs in an application. {@code @ExtendWith(RunOnEdt.class)}.
 */
final class RunOnEdt implements InvocationInterceptor {
  @Override
  public <T> T interceptTestClassConstructor(
      Invocation<T> invocation, ReflectiveInvocationContext<Constructor<T>> context, ExtensionContext extension)
      throws Throwable {
    return onEdt(invocation);
  }

  @Override
  public void interceptBeforeEachMethod(
      Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, ExtensionContext extension)
      throws Throwable {
    onEdt(invocation);
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, ExtensionContext extension)
      throws Throwable {
    onEdt(invocation);
  }

  @Override
  public void interceptAfterEachMethod(
      Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, ExtensionContext extension)
      throws Throwable {
    onEdt(invocation);
  }

  private static <T> T onEdt(Invocation<T> invocation) throws Throwable {
    AtomicReference<T> result = new AtomicReference<>();
    try {
      SwingUtilities.invokeAndWait(
          () -> {
            try {
              result.set(invocation.proceed());
            } catch (Throwable e) {
              throw new Carrier(e);
            }
          });
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Carrier ? cause.getCause() : cause;
    }
    return result.get();
  }

  /** Carries a checked throwable out of the EDT task. */
  private static final class Carrier extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Carrier(Throwable cause) {
      super(cause);
    }
  }
}
