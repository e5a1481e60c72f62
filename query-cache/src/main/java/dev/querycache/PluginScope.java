package dev.querycache;

import dev.querycache.internal.mutation.MutationConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The client as seen by one plugin (a feature area with its own server procedures, as in an
 * oRPC app): keys in the plugin's shape, and mutations that keep the plugin's queries fresh.
 * Made by {@link QueryClient#plugin(String)}.
 *
 * <p>Keys are shaped {@code [[plugin, ...procedurePath], {"input": input, "type": "query"}]}
 * (without {@code "input"} when the input is null), so every query of the plugin sits under
 * the prefix {@code [[plugin]]}. Mutations built here invalidate that prefix when a run
 * succeeds, in addition to (never instead of) their own callbacks and invalidations; a
 * mutation opts out with {@link AbstractMutationBuilder#withoutPluginInvalidation()}.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class PluginScope {
  private final QueryClient client;
  private final String plugin;
  private final QueryKey<Void> prefix;

  PluginScope(QueryClient client, String plugin) {
    this.client = client;
    this.plugin = plugin;
    this.prefix = QueryKey.of(List.of(plugin));
  }

  /**
   * The plugin's name.
   *
   * @return the first part of its keys
   */
  public String name() {
    return plugin;
  }

  /**
   * The key of one procedure's query with one input:
   * {@code [[plugin, ...procedurePath], {"input": input, "type": "query"}]}.
   *
   * @param procedurePath the procedure's path, such as {@code "getNotifications"}; at least one
   * @param input the procedure's input (a map, a record, a scalar), or null for none
   * @param <T> the type of the data
   * @return the key
   * @throws IllegalArgumentException if the path is empty or the input cannot be a key part
   */
  public <T> QueryKey<T> queryKey(List<String> procedurePath, @Nullable Object input) {
    Objects.requireNonNull(procedurePath, "procedurePath == null");
    if (procedurePath.isEmpty()) {
      throw new IllegalArgumentException("procedurePath must name at least one procedure");
    }
    List<Object> path = new ArrayList<>(procedurePath.size() + 1);
    path.add(plugin);
    for (int i = 0; i < procedurePath.size(); i++) {
      path.add(Objects.requireNonNull(procedurePath.get(i), "procedurePath[" + i + "] == null"));
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    if (input != null) {
      meta.put("input", input);
    }
    meta.put("type", "query");
    return QueryKey.of(path, meta);
  }

  /**
   * Shorthand for {@code queryKey(List.of(procedure), input)}.
   *
   * @param procedure the procedure's name
   * @param input its input, or null
   * @param <T> the type of the data
   * @return the key
   */
  public <T> QueryKey<T> queryKey(String procedure, @Nullable Object input) {
    return queryKey(List.of(Objects.requireNonNull(procedure, "procedure == null")), input);
  }

  /**
   * Selects every query of the plugin: the prefix {@code [[plugin]]}.
   *
   * @return the filter
   */
  public QueryFilter queries() {
    return QueryFilter.prefix(prefix);
  }

  /**
   * Starts a mutation that invalidates every query of the plugin after each successful run.
   *
   * @param function the write
   * @param <V> the variables
   * @param <R> the result
   * @return a builder, as {@link QueryClient#mutation(MutationFunction)} gives
   * @throws NullPointerException if {@code function} is null
   */
  public <V, R> MutationBuilder<V, R, Void> mutation(MutationFunction<V, R> function) {
    Objects.requireNonNull(function, "function == null");
    return new MutationBuilder<>(client, forPlugin(MutationConfig.Draft.blocking(function)));
  }

  /**
   * Starts a mutation with a non-blocking function that invalidates every query of the
   * plugin after each successful run.
   *
   * @param function the write
   * @param <V> the variables
   * @param <R> the result
   * @return a builder, as {@link QueryClient#asyncMutation(AsyncMutationFunction)} gives
   * @throws NullPointerException if {@code function} is null
   */
  public <V, R> MutationBuilder<V, R, Void> asyncMutation(AsyncMutationFunction<V, R> function) {
    Objects.requireNonNull(function, "function == null");
    return new MutationBuilder<>(client, forPlugin(MutationConfig.Draft.async(function)));
  }

  /** The plugin's part of its mutations, given to the builder it starts: invalidate the plugin's queries on success. */
  private <V, R> MutationConfig.Draft<V, R, Void> forPlugin(MutationConfig.Draft<V, R, Void> draft) {
    draft.pluginInvalidation = queries();
    return draft;
  }

  @Override
  public String toString() {
    return "PluginScope{" + plugin + "}";
  }
}
