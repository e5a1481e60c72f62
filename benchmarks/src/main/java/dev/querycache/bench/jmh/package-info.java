/**
 * JMH micro-benchmarks of the library's hot paths: building and comparing keys, reading,
 * prefix invalidation, updates delivered to observers, and one optimistic mutation cycle.
 * Each class measures one concept through the public API only, on clients that notify
 * synchronously ({@code notifyExecutor(Runnable::run)}).
 *
 * <p>They run from the shaded jar through JMH's own main, for example:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main -l
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main KeyBenchmark
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main ReadBenchmark -p n=100000
 * </pre>
 *
 * <p>Every class sets modest defaults (2 forks, 5 warm-up and 5 measured iterations of one
 * second) that the command line overrides. Unobserved queries expire after the default gc time
 * of five minutes, so a single fork must not run that long on a client populated in a
 * trial-level set-up; the benchmarks that read such queries fail loudly rather than measure
 * an emptied cache.
 */
package dev.querycache.bench.jmh;
