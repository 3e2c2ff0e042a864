#!/usr/bin/env bash
# Measures cold start of `deploysafe yaml-lint` on a 15 KB real values file (median of N runs),
# with plain `java -jar`, with the launcher (AppCDS archive + C1), and the peer: the real Helm
# binary reading the same file as a values file (`helm template` of a one-template chart).
# Usage: bench/scripts/cli-startup.sh [RUNS]   (build first: mvn -q -DskipTests package -pl cli -am)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
file=../shared/corpus/2i2c/config/clusters/leap/daskhub-common.values.yaml
eval "$(scripts/install-peers.sh --env)"
chart=$(mktemp -d); trap 'rm -rf "$chart"' EXIT
mkdir -p "$chart/templates"
printf 'apiVersion: v2\nname: x\nversion: 0.1.0\n' > "$chart/Chart.yaml"
echo '{{ .Values | toJson }}' > "$chart/templates/out.yaml"

median() { # median wall time in ms of running "$@" $runs times
  local t=()
  for ((i = 0; i < runs; i++)); do
    local s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; local e=$(date +%s%N)
    t+=($(((e - s) / 1000000)))
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

plain=$(median java -jar cli/target/deploysafe.jar yaml-lint "$file")
fast=$(median cli/bin/deploysafe yaml-lint "$file")
helm=$(median "$DEPLOYSAFE_HELM" template x "$chart" -f "$file")
echo "java:        $(java -version 2>&1 | head -1)"
echo "file:        $file ($(wc -c <"$file") bytes), median of $runs runs"
echo "java -jar:   ${plain} ms"
echo "launcher:    ${fast} ms (AppCDS + C1)"
echo "helm (peer): ${helm} ms"
awk -v a="$fast" -v b="$helm" 'BEGIN { printf "ratio launcher/helm: %.2f\n", a / b }'
