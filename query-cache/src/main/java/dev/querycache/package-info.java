/**
 * The query cache: a keyed cache of server data that screens observe, with fetching,
 * deduplication, staleness, cancellation and prefix invalidation, and mutations whose
 * optimistic cycle cannot be left incomplete. Start with {@link QueryClient#builder()}.
 *
 * <p>Unless a type says otherwise, its methods may be called on any thread, and what the
 * client tells the application (listeners, mutation callbacks, toasts) runs on its notify
 * executor, outside the library's locks.
 *
 * <h2>The client</h2>
 * <ul>
 *   <li>{@link QueryClient}: reads, writes, fetches, observes and invalidates cached data;
 *       builds mutations.
 *   <li>{@link QueryClientBuilder}: its executors, time, defaults, size cap and toaster.
 *   <li>{@link QueryHooks}, {@link MutationHooks}: client-wide callbacks for every fetch and
 *       every mutation run.
 *   <li>{@link Toaster}: where the mutations' error, success and undo toasts go.
 * </ul>
 *
 * <h2>Keys and filters</h2>
 * <ul>
 *   <li>{@link QueryKey}: a query's identity, typed by its data.
 *   <li>{@link QueryFilter}: selects queries by key prefix, exact key, state or predicate.
 *   <li>{@link CachedQuery}: a query as filters' predicates and inspectors see it.
 *   <li>{@link MutationFilter}: selects mutation runs.
 * </ul>
 *
 * <h2>Queries</h2>
 * <ul>
 *   <li>{@link QueryOptions}: a key, its function and its settings.
 *   <li>{@link QuerySettings}: stale time, gc time, retries, refetch rules, polling; for a
 *       query, a key prefix or the whole client.
 *   <li>{@link QueryFunction}, {@link AsyncQueryFunction}: fetch a key's data, blocking or
 *       not; they get a {@link QueryContext} with a {@link CancellationSignal}.
 *   <li>{@link RetryPolicy}: whether and when a failed attempt is tried again.
 *   <li>{@link Refetch}: when an event (mount, focus, reconnect) refetches a query.
 *   <li>{@link RefetchOptions}, {@link RefetchType}: how bulk refetches and invalidations
 *       treat fetches in flight and which queries they refetch.
 *   <li>{@link NetworkMode}: which attempts wait for the network while offline.
 * </ul>
 *
 * <h2>Observing</h2>
 * <ul>
 *   <li>{@link QueryObserver}: a screen's live view of one query.
 *   <li>{@link QueryResult}: what an observer sees at one moment; {@link QueryState} is the
 *       query's own state, {@link QueryStatus} whether it has data, {@link FetchStatus}
 *       whether its function runs.
 *   <li>{@link QueryEvent}: one transition of a cached query, for devtools and logs.
 *   <li>{@link QueryDevtools}: puts queries in loading or error, takes the client offline,
 *       to show a screen's other faces.
 * </ul>
 *
 * <h2>Infinite queries</h2>
 * <ul>
 *   <li>{@link InfiniteQueryOptions}: a list that loads page after page.
 *   <li>{@link InfiniteQueryObserver}, {@link InfiniteQueryResult}: observe it and load more.
 *   <li>{@link InfiniteData}: its pages and their parameters.
 *   <li>{@link PageFunction}, {@link AsyncPageFunction}: fetch one page, given a
 *       {@link PageContext}; {@link PageParamFunction} finds the next or previous page;
 *       {@link PageDirection} says which way the list grows.
 * </ul>
 *
 * <h2>Mutations</h2>
 * <ul>
 *   <li>{@link Mutation}: a write, built once and run many times.
 *   <li>{@link MutationBuilder}, {@link OptimisticMutationBuilder} and their common
 *       {@link AbstractMutationBuilder}: what a mutation invalidates, retries, toasts and
 *       calls back.
 *   <li>{@link MutationFunction}, {@link AsyncMutationFunction},
 *       {@link VoidMutationFunction}: perform the write.
 *   <li>{@link Projection}: how an optimistic write patches a query's data;
 *       {@link MutationScope} is what its first step gets.
 *   <li>{@link OnMutate}, {@link OnSuccess}, {@link OnError}, {@link OnSettled} and their
 *       asynchronous forms {@link AsyncOnSuccess}, {@link AsyncOnError},
 *       {@link AsyncOnSettled}: the run's callbacks.
 *   <li>{@link MutationState}, {@link MutationStatus}: one run at one moment.
 *   <li>{@link MutationRefusedException}: why an exclusive mutation refused a call;
 *       {@link FollowUpLimitException}: why a coalescing (sync) mutation gave up.
 *   <li>{@link UndoOffer}, {@link UndoRequest}, {@link UndoProjection}: undo after a write
 *       succeeded.
 *   <li>{@link PluginScope}: keys and mutations in the shape of one plugin's procedures.
 * </ul>
 *
 * <h2>Time</h2>
 * <ul>
 *   <li>{@link Ticker}, {@link Scheduler}: every clock read and delay of the client, which
 *       tests replace with virtual time.
 * </ul>
 */
@NullMarked
package dev.querycache;

import org.jspecify.annotations.NullMarked;
