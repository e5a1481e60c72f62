#!/usr/bin/env bash
# Runs the benchmark workloads (docs/benchmarks.md): one JSON object per line on standard
# output, nothing else there (the build and the progress go to standard error).
#
#   scripts/benchmarks.sh [--quick] [--n N] [--only W1,W3,...]
#
# JVM options come from JAVA_OPTS. The default gives W3's million queries room and backs the
# heap with transparent huge pages where the kernel allows them (madvise): a prefix
# invalidation at n = 1 000 000 is bound by memory latency, and huge pages spare it most TLB
# misses (about 30 µs per call without them on the reference machine, about 22 µs with).
# JMH benchmarks of the hot paths: java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am package -DskipTests >&2
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:--Xms4g -Xmx4g -XX:+UseTransparentHugePages} -jar benchmarks/target/benchmarks.jar "$@"
