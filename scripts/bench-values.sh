#!/usr/bin/env bash
# Benchmarks the Helm-exact values pipeline on the largest corpus hub (leap/prod).
#   scripts/bench-values.sh          one library call vs one `helm template` process (median of 21)
#   scripts/bench-values.sh jmh      the JMH benchmark ValuesPipelineBenchmark
# Needs the peers (eval "$(scripts/install-peers.sh --env)") and the shared corpus
# (DEPLOYSAFE_SHARED, default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl bench -am package -DskipTests -Dspotless.check.skip=true
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
if [[ "${1:-}" == "jmh" ]]; then
  shift
  exec java -cp "$CP" org.openjdk.jmh.Main ValuesPipelineBenchmark "$@"
fi
exec java -cp "$CP" dev.deploysafe.bench.ValuesVsHelm "${1:-21}"
