#!/usr/bin/env bash
# Runs the whole test suite: installs the real peer binaries (Helm v4, kubectl v1.35) that the
# differential tests compare against, then builds and verifies every module (unit, property,
# differential and testkit scenario tests, formatting, enforcer rules, ArchUnit rules).
# Extra arguments go to Maven, e.g. scripts/test.sh -pl helm -am
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/install-peers.sh --env)"
export DEPLOYSAFE_HELM DEPLOYSAFE_KUBECTL
exec mvn -B verify "$@"
