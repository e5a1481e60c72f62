package dev.querycache.test;

import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * A JUnit 5 extension that gives each test a fresh {@link QueryClient} wired to a fresh
 * {@link VirtualTime} (its ticker and scheduler, a synchronous fetch executor, synchronous
 * notification), a {@link RecordingToaster} as its toaster, and a {@link TransitionRecorder} of
 * it. Test methods and {@code @BeforeEach}/{@code @AfterEach} methods receive them as
 * parameters:
 *
 * <pre>{@code
 * @ExtendWith(QueryCacheExtension.class)
 * class MarkAsReadTest {
 *   @Test
 *   void aRefusedWriteRollsBack(QueryClient client, TransitionRecorder recorder, RecordingToaster toaster) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>After each test (and its {@code @AfterEach} methods) the extension checks that nothing is
 * left in flight: no fetch running or paused, no mutation pending, no optimistic layer on any
 * query. Otherwise it fails the test with the list of what is pending: a test that leaves
 * work pending usually forgot a step of the story (a server call never answered, a refetch
 * never landed). Annotate a test or class with {@link AllowPending} when the pending state is
 * the point. A test that already failed is not checked. The client and recorder are closed
 * after the check.
 *
 * <p>To configure the client further, register the extension with
 * {@link #withClient(BiConsumer)}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final QueryCacheExtension kit =
 *     QueryCacheExtension.withClient((builder, time) -> builder.fetchExecutor(time.executor()));
 * }</pre>
 *
 * <p>Parameters are resolved per test; constructors and {@code @BeforeAll} methods cannot
 * receive them. Tests may run in parallel: nothing is shared between them.
 *
 * @since 0.1.0
 */
public final class QueryCacheExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QueryCacheExtension.class);
  private static final String FIXTURE = "fixture";

  private final BiConsumer<? super QueryClientBuilder, ? super VirtualTime> configuration;

  /** The extension with the kit's wiring only, for {@code @ExtendWith(QueryCacheExtension.class)}. */
  public QueryCacheExtension() {
    this((builder, time) -> {});
  }

  private QueryCacheExtension(BiConsumer<? super QueryClientBuilder, ? super VirtualTime> configuration) {
    this.configuration = configuration;
  }

  /**
   * The extension, with {@code configuration} applied to each test's client builder after the
   * kit's wiring (virtual time, synchronous executors, the recording toaster), for
   * {@code @RegisterExtension}. Replacing the ticker, scheduler or toaster there disconnects
   * the {@link VirtualTime} or {@link RecordingToaster} parameter from the client.
   *
   * @param configuration sets defaults, a fetch executor, hooks, and so on; it gets the test's
   *     virtual time too
   * @return the extension
   * @throws NullPointerException if {@code configuration} is null
   */
  public static QueryCacheExtension withClient(BiConsumer<? super QueryClientBuilder, ? super VirtualTime> configuration) {
    return new QueryCacheExtension(Objects.requireNonNull(configuration, "configuration == null"));
  }

  /**
   * Builds the test's client, virtual time, toaster and recorder.
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put(FIXTURE, new KitFixture(configuration));
  }

  /**
   * Checks that the test left nothing pending (unless it failed already or allows it), then
   * closes the recorder and the client.
   *
   * @param context the test's context
   * @throws AssertionFailedError if a fetch, mutation or optimistic layer is pending; the
   *     message lists them
   */
  @Override
  public void afterEach(ExtensionContext context) {
    KitFixture fixture = context.getStore(NAMESPACE).remove(FIXTURE, KitFixture.class);
    if (fixture == null) {
      return;
    }
    try {
      if (context.getExecutionException().isEmpty() && !allowsPending(context)) {
        List<String> pending = PendingWork.of(fixture.client);
        if (!pending.isEmpty()) {
          StringBuilder message = new StringBuilder("the test left work pending in the query cache:\n");
          pending.forEach(line -> message.append("  - ").append(line).append('\n'));
          message.append("Settle it (answer the pending server calls, advance the virtual time), or annotate the"
              + " test with @AllowPending if the pending state is what it checks.");
          throw new AssertionFailedError(message.toString());
        }
      }
    } finally {
      fixture.close();
    }
  }

  /**
   * Whether the parameter is one the kit provides: {@link QueryClient}, {@link VirtualTime},
   * {@link RecordingToaster} or {@link TransitionRecorder}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context
   * @return {@code true} for those four types
   */
  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return KitFixture.provides(parameterContext.getParameter().getType());
  }

  /**
   * The test's instance of the parameter's type.
   *
   * @param parameterContext the parameter
   * @param extensionContext the context
   * @return the client, virtual time, toaster or recorder of the running test
   * @throws ParameterResolutionException if asked outside a test, such as by a constructor or a
   *     {@code @BeforeAll} method
   */
  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    KitFixture fixture = extensionContext.getStore(NAMESPACE).get(FIXTURE, KitFixture.class);
    if (fixture == null || parameterContext.getDeclaringExecutable() instanceof Constructor) {
      throw new ParameterResolutionException(
          "QueryCacheExtension gives each test its own " + type.getSimpleName()
              + ": declare it as a parameter of the test method or of a @BeforeEach or @AfterEach method, not of "
              + parameterContext.getDeclaringExecutable());
    }
    return fixture.parameter(type);
  }

  private static boolean allowsPending(ExtensionContext context) {
    Optional<? extends AnnotatedElement> method = context.getTestMethod();
    if (method.isPresent() && AnnotationSupport.isAnnotated(method.get(), AllowPending.class)) {
      return true;
    }
    for (Class<?> type = context.getTestClass().orElse(null); type != null; type = type.getEnclosingClass()) {
      if (AnnotationSupport.isAnnotated(type, AllowPending.class)) {
        return true;
      }
    }
    return false;
  }
}
