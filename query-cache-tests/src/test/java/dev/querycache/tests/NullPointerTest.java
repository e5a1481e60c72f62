package dev.querycache.tests;

import com.google.common.reflect.Invokable;
import com.google.common.reflect.Parameter;
import com.google.common.reflect.Reflection;
import com.google.common.testing.ArbitraryInstances;
import com.google.common.testing.NullPointerTester;
import dev.querycache.CachedQuery;
import dev.querycache.CancellationSignal;
import dev.querycache.FetchStatus;
import dev.querycache.Mutation;
import dev.querycache.MutationFilter;
import dev.querycache.MutationScope;
import dev.querycache.MutationState;
import dev.querycache.MutationStatus;
import dev.querycache.OptimisticMutationBuilder;
import dev.querycache.PluginScope;
import dev.querycache.QueryClient;
import dev.querycache.QueryContext;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryObserver;
import dev.querycache.QueryOptions;
import dev.querycache.QueryResult;
import dev.querycache.QuerySettings;
import dev.querycache.QueryState;
import dev.querycache.QueryStatus;
import dev.querycache.Refetch;
import dev.querycache.RetryPolicy;
import dev.querycache.Scheduler;
import dev.querycache.Ticker;
import dev.querycache.Toaster;
import dev.querycache.UndoRequest;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Null arguments: Guava testlib's {@link NullPointerTester} over every public class of the
 * core, its public constructors, static methods and instance methods (on real instances made
 * by the library), then a sweep that checks the message of each {@link NullPointerException}
 * names the argument ({@code "key == null"}).
 *
 * <p>Parameters annotated with JSpecify's {@code @Nullable} are skipped, as they should be: the
 * tester recognises any annotation whose simple name is {@code Nullable}, type-use annotations
 * included ({@link #jspecifyNullableParametersAreHonoured()} shows it), so no method had to be
 * excluded by hand. Where the library hands out an object of its own package-private class
 * behind a public interface ({@link MutationScope}, {@link CancellationSignal}, {@link Toaster},
 * {@link Scheduler}, {@link RetryPolicy}), only the interface's methods are tested: the class's
 * other public methods are engine internals.
 */
class NullPointerTest {
  private final VirtualTime time = new VirtualTime();
  private final RecordingToaster toaster = new RecordingToaster();
  private final QueryClient client = time.clientBuilder().fetchExecutor(Runnable::run).toaster(toaster).build();
  private final QueryKey<String> key = QueryKey.of("npe");
  private final QueryOptions<String> options = QueryOptions.builder(key).fetcher(ctx -> "data").build();
  private final QueryKey<dev.querycache.InfiniteData<String, Integer>> pagesKey = QueryKey.of("pages");
  private final dev.querycache.InfiniteQueryOptions<String, Integer> infinite =
      dev.querycache.InfiniteQueryOptions.builder(pagesKey)
          .pageFetcher(context -> "page " + context.pageParam())
          .initialPageParam(0)
          .nextPageParam((page, number, data) -> null)
          .build();

  /** Sample values for parameters the tester cannot make up. */
  private Map<Class<?>, Object> samples() {
    Map<Class<?>, Object> samples = new java.util.LinkedHashMap<>();
    samples.put(QueryKey.class, key);
    samples.put(QueryFilter.class, QueryFilter.all());
    samples.put(QueryOptions.class, options);
    samples.put(QuerySettings.class, QuerySettings.none());
    samples.put(RetryPolicy.class, RetryPolicy.never());
    samples.put(dev.querycache.RefetchOptions.class, dev.querycache.RefetchOptions.defaults());
    samples.put(Duration.class, Duration.ofSeconds(1));
    samples.put(MutationFilter.class, MutationFilter.all());
    samples.put(Executor.class, (Executor) Runnable::run);
    samples.put(Ticker.class, time);
    samples.put(Scheduler.class, time);
    samples.put(Toaster.class, toaster);
    samples.put(String.class, "s");
    samples.put(List.class, List.of("procedure"));
    samples.put(Object.class, "value");
    samples.put(Throwable.class, new RuntimeException("sample"));
    samples.put(Refetch.class, Refetch.IF_STALE);
    samples.put(QueryFilter.Type.class, QueryFilter.Type.ALL);
    samples.put(FetchStatus.class, FetchStatus.IDLE);
    samples.put(QueryStatus.class, QueryStatus.PENDING);
    samples.put(MutationStatus.class, MutationStatus.IDLE);
    samples.put(QueryState.class, QueryState.initial());
    samples.put(CancellationSignal.class, new NeverCancelled());
    samples.put(dev.querycache.InfiniteQueryOptions.class, infinite);
    samples.put(dev.querycache.collection.Pacing.class, dev.querycache.collection.Pacing.queue());
    return samples;
  }

  @SuppressWarnings("unchecked")
  private NullPointerTester tester() {
    NullPointerTester tester = new NullPointerTester();
    samples().forEach((type, value) -> tester.setDefault((Class<Object>) type, value));
    return tester;
  }

  /**
   * Tests the methods of the public interface {@code api} on {@code instance}, whose class is
   * the library's own (package-private: its other public methods are not API).
   */
  private void testInterfaceMethods(Object instance, Class<?> api) {
    for (Method method : api.getMethods()) {
      if (!Modifier.isStatic(method.getModifiers())) {
        tester().testMethod(instance, method);
      }
    }
  }

  private static final class NeverCancelled implements CancellationSignal {
    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void onCancel(Runnable callback) {}
  }

  // ---- the tester over every public class ------------------------------------------------

  @Nested
  class Tester {
    @Test
    void queryKey() {
      tester().testAllPublicStaticMethods(QueryKey.class);
      tester().testAllPublicInstanceMethods(QueryKey.of("a", 1));
    }

    @Test
    void queryFilter() {
      tester().testAllPublicStaticMethods(QueryFilter.class);
      tester().testAllPublicInstanceMethods(QueryFilter.all());
      tester().testAllPublicInstanceMethods(QueryFilter.prefix("a").stale(true));
      tester().testAllPublicStaticMethods(QueryFilter.Type.class);
    }

    @Test
    void mutationFilter() {
      tester().testAllPublicStaticMethods(MutationFilter.class);
      tester().testAllPublicInstanceMethods(MutationFilter.all());
      tester().testAllPublicInstanceMethods(MutationFilter.key(key).pending());
    }

    @Test
    void queryClient() {
      tester().testAllPublicStaticMethods(QueryClient.class);
      tester().testAllPublicInstanceMethods(client);
    }

    @Test
    void queryClientBuilder() {
      tester().testAllPublicInstanceMethods(QueryClient.builder());
    }

    @Test
    void queryOptionsAndItsBuilder() {
      tester().testAllPublicStaticMethods(QueryOptions.class);
      tester().testAllPublicInstanceMethods(options);
      tester().testAllPublicInstanceMethods(QueryOptions.builder(key));
    }

    @Test
    void infiniteQueriesTheirOptionsDataAndObserver() {
      tester().testAllPublicStaticMethods(dev.querycache.InfiniteQueryOptions.class);
      tester().testAllPublicInstanceMethods(infinite);
      tester().testAllPublicInstanceMethods(dev.querycache.InfiniteQueryOptions.builder(pagesKey));
      tester().testAllPublicStaticMethods(dev.querycache.InfiniteData.class);
      tester().testAllPublicInstanceMethods(dev.querycache.InfiniteData.<String, Integer>empty().append("page", 0));
      try (dev.querycache.InfiniteQueryObserver<String, Integer> observer = client.observeInfinite(infinite, result -> {})) {
        tester().testAllPublicInstanceMethods(observer);
      }
    }

    @Test
    void pacingsAndPacedWritesBuilders() {
      tester().testAllPublicStaticMethods(dev.querycache.collection.Pacing.class);
      tester().testAllPublicInstanceMethods(dev.querycache.collection.Pacing.throttle(Duration.ofSeconds(1)));
      tester().testAllPublicInstanceMethods(
          client.pacedWrites(dev.querycache.collection.Pacing.queue(), (String v, dev.querycache.collection.TransactionWrites w) -> {}));
    }

    @Test
    void querySettingsAndItsBuilder() {
      tester().testAllPublicStaticMethods(QuerySettings.class);
      tester().testAllPublicInstanceMethods(QuerySettings.builder().staleTime(Duration.ZERO).build());
      tester().testAllPublicInstanceMethods(QuerySettings.builder());
    }

    @Test
    void retryPolicyFactories() {
      tester().testAllPublicStaticMethods(RetryPolicy.class);
    }

    @Test
    void toasterTickerAndSchedulerFactories() {
      tester().testAllPublicStaticMethods(Toaster.class);
      tester().testAllPublicStaticMethods(Ticker.class);
      tester().testAllPublicStaticMethods(Scheduler.class);
    }

    @Test
    void enums() {
      for (Class<?> type :
          List.of(FetchStatus.class, QueryStatus.class, MutationStatus.class, Refetch.class)) {
        tester().testAllPublicStaticMethods(type);
      }
    }

    @Test
    void mutationBuilder() {
      tester().testAllPublicInstanceMethods(client.mutation(v -> "ok"));
      tester().testAllPublicInstanceMethods(client.asyncMutation(v -> CompletableFuture.completedFuture("ok")));
    }

    @Test
    void optimisticMutationDraftAndBuilder() {
      OptimisticMutationBuilder.Draft<String, String, Void> draft =
          client.<String, String>mutation(v -> "ok").optimistic(key, (data, v) -> data + v);
      tester().testAllPublicInstanceMethods(draft);
      tester().testAllPublicInstanceMethods(draft.errorMessage("failed"));
    }

    @Test
    void mutation() {
      Mutation<String, String, Void> mutation = client.<String, String>mutation(v -> "ok").build();
      tester().testAllPublicInstanceMethods(mutation);
      assertThat(client.getMutations(MutationFilter.all())).as("no refused call started a run").isEmpty();
    }

    @Test
    void pluginScope() {
      tester().testAllPublicInstanceMethods(client.plugin("mail"));
    }

    @Test
    void queryObserver() {
      QueryObserver<String> observer = client.observe(options, result -> {});
      tester().testAllPublicInstanceMethods(observer);
    }

    @Test
    void mutationScopeDuringOnMutate() {
      AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
      Mutation<String, String, Object> mutation =
          client.<String, String>mutation(v -> "ok")
              .<Object>onMutate(
                  (variables, scope) -> {
                    try {
                      testInterfaceMethods(scope, MutationScope.class);
                    } catch (Throwable e) {
                      failure.set(e);
                    }
                    return null;
                  })
              .build();
      mutation.mutate("go").join();
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
    }

    @Test
    void cancellationSignalOfAFetch() {
      ControllableQuery<String> fetcher = new ControllableQuery<>();
      client.fetchQuery(QueryOptions.builder(key).asyncFetcher(fetcher).build());
      testInterfaceMethods(fetcher.latestCall().context().signal(), CancellationSignal.class);
    }

    @Test
    void cachedQueriesAndResults() {
      client.setQueryData(key, "data");
      tester().testAllPublicInstanceMethods(client.getQueries(QueryFilter.all()).get(0));
      tester().testAllPublicInstanceMethods(client.observe(options, result -> {}).result());
    }
  }

  /**
   * The public records' canonical constructors, which are public API (a test builds a
   * {@link QueryResult} to drive a listener, say): a component that is not {@code @Nullable}
   * (the package is {@code @NullMarked}) must be refused, as everywhere else in the API. None
   * has a compact constructor that checks.
   */
  @Nested
  class Records {
    @Test
    void queryState() {
      tester().testAllPublicConstructors(QueryState.class);
    }

    @Test
    void queryResult() {
      tester().testAllPublicConstructors(QueryResult.class);
    }

    @Test
    void cachedQuery() {
      tester().testAllPublicConstructors(CachedQuery.class);
    }

    @Test
    void mutationState() {
      tester().testAllPublicConstructors(MutationState.class);
      tester().testAllPublicStaticMethods(MutationState.class);
    }

    @Test
    void queryContext() {
      tester().testAllPublicConstructors(QueryContext.class);
    }

    @Test
    void undoRequest() {
      tester().testAllPublicConstructors(UndoRequest.class);
    }
  }

  /**
   * Objects the library hands out behind a public service interface ({@link Toaster#logging()},
   * {@link Scheduler#system()}, {@link RetryPolicy}'s factories): whoever calls them with null
   * should hear of it at once rather than later (a null task scheduled, say).
   */
  @Nested
  class LibraryImplementationsOfServiceInterfaces {
    @Test
    void systemScheduler() {
      testInterfaceMethods(Scheduler.system(), Scheduler.class);
    }

    @Test
    void loggingToaster() {
      testInterfaceMethods(Toaster.logging(), Toaster.class);
    }

    @Test
    void retryPolicies() {
      testInterfaceMethods(RetryPolicy.exponential(3), RetryPolicy.class);
      testInterfaceMethods(RetryPolicy.fixed(2, Duration.ofSeconds(1)), RetryPolicy.class);
    }
  }

  /** Proof that the tester skips JSpecify {@code @Nullable} parameters rather than null them. */
  @Test
  void jspecifyNullableParametersAreHonoured() throws Exception {
    Method queryKey = PluginScope.class.getMethod("queryKey", String.class, Object.class);
    assertThat(isNullable(Invokable.from(queryKey).getParameters().get(1))).isTrue();
    // PluginScope.queryKey(String, @Nullable Object) accepts a null input: were the annotation
    // ignored, the tester would pass null there, see no exception and fail.
    PluginScope plugin = client.plugin("mail");
    assertThat(plugin.<String>queryKey("inbox", null)).isNotNull();
    new NullPointerTester()
        .setDefault(String.class, "inbox")
        .testMethod(plugin, queryKey);
  }

  // ---- every NullPointerException names its argument ----------------------------------------

  /**
   * The same sweep as the tester's, checking the message: every refusal of a null argument by
   * the library's public API reads {@code "<argument> == null"}. (Bad input must fail fast
   * with a message that names the argument.)
   */
  @Test
  void everyNullRefusalNamesItsArgument() throws Exception {
    List<Object> instances = new ArrayList<>();
    instances.add(QueryKey.of("a", 1));
    instances.add(QueryFilter.all());
    instances.add(MutationFilter.all());
    instances.add(client);
    instances.add(QueryClient.builder());
    instances.add(options);
    instances.add(QueryOptions.builder(key));
    instances.add(QuerySettings.builder());
    instances.add(client.mutation(v -> "ok"));
    instances.add(client.<String, String>mutation(v -> "ok").optimistic(key, (data, v) -> data + v));
    instances.add(client.<String, String>mutation(v -> "ok").optimistic(key, (data, v) -> data + v).errorMessage("failed"));
    instances.add(client.<String, String>mutation(v -> "ok").build());
    instances.add(client.plugin("mail"));
    instances.add(client.observe(options, result -> {}));
    ControllableQuery<String> fetcher = new ControllableQuery<>();
    client.fetchQuery(QueryOptions.builder(QueryKey.<String>of("signal")).asyncFetcher(fetcher).build());

    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Class<?> type :
        List.of(QueryKey.class, QueryFilter.class, MutationFilter.class, QueryOptions.class, RetryPolicy.class)) {
      for (Method method : type.getMethods()) {
        if (Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() == type) {
          checked += sweep(null, method, problems);
        }
      }
    }
    for (Object instance : instances) {
      for (Method method : instance.getClass().getMethods()) {
        if (!Modifier.isStatic(method.getModifiers())
            && method.getDeclaringClass() != Object.class
            && !method.getName().equals("equals")) {
          checked += sweep(instance, method, problems);
        }
      }
    }
    for (Method method : CancellationSignal.class.getMethods()) {
      checked += sweep(fetcher.latestCall().context().signal(), method, problems);
    }
    AtomicReference<Integer> inScope = new AtomicReference<>(0);
    client.<String, String>mutation(v -> "ok")
        .<Object>onMutate(
            (variables, scope) -> {
              int count = 0;
              for (Method method : MutationScope.class.getMethods()) {
                count += sweep(scope, method, problems);
              }
              inScope.set(count);
              return null;
            })
        .build()
        .mutate("go")
        .join();
    checked += inScope.get();
    assertThat(checked).as("null arguments tried").isGreaterThan(100);
    assertThat(problems).as("NullPointerExceptions whose message does not name the argument").isEmpty();
  }

  /** Nulls each checked parameter in turn; records a refusal whose message names no argument. */
  private int sweep(@Nullable Object receiver, Method method, List<String> problems) {
    List<Parameter> parameters = Invokable.from(method).getParameters();
    int checked = 0;
    for (int i = 0; i < parameters.size(); i++) {
      Parameter parameter = parameters.get(i);
      if (parameter.getType().getRawType().isPrimitive() || isNullable(parameter)) {
        continue;
      }
      @Nullable Object[] arguments = new Object[parameters.size()];
      for (int j = 0; j < parameters.size(); j++) {
        arguments[j] = j == i ? null : sample(parameters.get(j).getType().getRawType());
      }
      checked++;
      try {
        method.invoke(receiver, arguments);
      } catch (InvocationTargetException e) {
        Throwable thrown = e.getCause();
        if (thrown instanceof NullPointerException) {
          String message = thrown.getMessage();
          if (message == null || !message.matches("[A-Za-z]+ == null")) {
            problems.add(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + " parameter " + i + " (" + parameter.getType() + "): " + message);
          }
        }
        // anything else is for the tester above to judge
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    return checked;
  }

  private @Nullable Object sample(Class<?> type) {
    Object known = samples().get(type);
    if (known != null) {
      return known;
    }
    if (type.isArray()) {
      return java.lang.reflect.Array.newInstance(type.getComponentType(), 0);
    }
    Object arbitrary = ArbitraryInstances.get(type);
    if (arbitrary != null) {
      return arbitrary;
    }
    if (type.isInterface()) {
      return Reflection.newProxy(type, (proxy, method, args) -> defaultValue(method.getReturnType()));
    }
    return null;
  }

  private static @Nullable Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type.isPrimitive() && type != void.class) {
      return 0;
    }
    if (type == Optional.class) {
      return Optional.empty();
    }
    return null;
  }

  private static boolean isNullable(Parameter parameter) {
    for (Annotation annotation : parameter.getAnnotatedType().getAnnotations()) {
      if (annotation.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    for (Annotation annotation : parameter.getAnnotations()) {
      if (annotation.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }
}
