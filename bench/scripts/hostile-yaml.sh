#!/usr/bin/env bash
# Runs `deploysafe yaml-lint` on every hostile file of the core test corpus with a 256 MB heap and
# reports wall time, exit code and the finding; fails if any run takes 2 s or more, prints a stack
# trace, or exits with anything but 1 (a clean rejection).
set -euo pipefail
cd "$(dirname "$0")/../.."
bad=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Files too big to keep in git, made here: a 5 MiB scalar and a 20 MiB file.
python3 -c "open('$tmp/huge-scalar-5mib.yaml','w').write('a: ' + 'x' * (5 << 20) + '\\n')"
python3 -c "open('$tmp/huge-file-20mib.yaml','w').write(''.join('k%d: %d\\n' % (i, i) for i in range(1600000)))"
printf '%-28s %7s %4s  %s\n' file ms exit finding
for f in core/src/test/resources/yaml/hostile/* "$tmp"/*; do
  # huge-scalar.yaml is hostile only under the lowered limit its unit test sets.
  [[ $(basename "$f") == huge-scalar.yaml ]] && continue
  s=$(date +%s%N)
  set +e
  out=$(java -Xmx256m -XX:+UseSerialGC -jar cli/target/deploysafe.jar yaml-lint "$f" 2>&1)
  code=$?
  set -e
  ms=$((($(date +%s%N) - s) / 1000000))
  first=$(echo "$out" | grep -m1 '^ERROR' | sed 's#[^ ]*/##' | cut -c1-80 || true)
  printf '%-28s %7d %4d  %s\n' "$(basename "$f")" "$ms" "$code" "$first"
  if ((ms >= 2000)) || [[ $code -ne 1 ]] || grep -q 'Exception\|	at ' <<<"$out"; then bad=1; fi
done
exit $bad
