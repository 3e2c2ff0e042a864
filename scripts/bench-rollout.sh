#!/usr/bin/env bash
# Times deploysafe's rollout verdicts against the real `kubectl rollout status` on the same
# testkit API server (scripted object states), per scenario, median of RUNS, and prints a table.
#   scripts/bench-rollout.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/install-peers.sh --env)"
mvn -B -q -o -pl bench -am package -DskipTests -Dspotless.check.skip=true
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.deploysafe.bench.RolloutVsKubectl "${1:-3}"
