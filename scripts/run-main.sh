#!/usr/bin/env bash
# The main job on the embedded default: builds the deploysafe CLI and runs it over the bundled
# examples (examples/values, examples/charts). It prints what deploysafe reports and exits 0 when
# every example gave the outcome it is there to show.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl cli -am
DS=(java -jar cli/target/deploysafe.jar)
fail=0

expect() { # expect EXIT_CODE -- command...
  local want=$1; shift 2
  echo "\$ deploysafe ${*:4}"
  set +e; "$@"; local got=$?; set -e
  if [[ $got -ne $want ]]; then echo "!! expected exit $want, got $got"; fail=1; fi
  echo
}

echo "== yaml-lint: what Helm reads differently from how the YAML looks"
expect 0 -- "${DS[@]}" yaml-lint examples/values

if "${DS[@]}" --help | grep -q '^  lint '; then
  echo "== lint: incident 1, imagePullSecret at the umbrella's top level (Helm ignores it silently)"
  expect 1 -- "${DS[@]}" lint --chart examples/charts/incident-1-umbrella -f examples/charts/incident-1-umbrella/values-broken.yaml
  echo "== lint: the fix, nested under jupyterhub:"
  expect 0 -- "${DS[@]}" lint --chart examples/charts/incident-1-umbrella -f examples/charts/incident-1-umbrella/values-fixed.yaml
fi

if [[ $fail -ne 0 ]]; then echo "main job: some example did not give its expected outcome"; exit 1; fi
echo "main job: every example gave its expected outcome"
