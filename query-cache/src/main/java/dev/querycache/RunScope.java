package dev.querycache;

import dev.querycache.internal.mutation.MutationRun;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@link MutationScope} that {@code onMutate} gets: the face over one run's writes, which
 * adds the client the engine does not know. Every method but {@link #client()} is the run's
 * own, with its checks (valid only during {@code onMutate}, on its thread).
 */
final class RunScope implements MutationScope {
  private final QueryClient client;
  private final MutationRun<?, ?, ?> run;

  RunScope(QueryClient client, MutationRun<?, ?, ?> run) {
    this.client = client;
    this.run = run;
  }

  @Override
  public <T> Optional<T> snapshot(QueryKey<T> key) {
    return run.snapshot(key);
  }

  @Override
  public void cancelQueries(QueryFilter filter) {
    run.cancelQueries(filter);
  }

  @Override
  public <T> void setQueryData(QueryKey<T> key, T data) {
    run.setQueryData(key, data);
  }

  @Override
  public <T> void updateQueryData(QueryKey<T> key, UnaryOperator<T> patch) {
    run.updateQueryData(key, patch);
  }

  @Override
  public QueryClient client() {
    return client;
  }

  @Override
  public String toString() {
    return "MutationScope of " + run;
  }
}
