#!/usr/bin/env bash
# Lints all 31 corpus hubs with deploysafe (one warm JVM, per-hub median) and with one real
# `helm lint` process per hub (median of RUNS), and prints a table plus the ratio.
#   scripts/bench-lint.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/install-peers.sh --env)"
mvn -B -q -o -pl bench -am package -DskipTests -Dspotless.check.skip=true
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.deploysafe.bench.LintVsHelmLint "${1:-3}"
