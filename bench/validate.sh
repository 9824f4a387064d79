#!/usr/bin/env bash
# validate.sh: whole-process `sls validate` time on the bundled example app and on the small
# (2 resources) and large (200 resources) generated templates, beside cfn-lint in the same run.
# Uses the shared harness (../shared/bench/validate-bench.sh, hyperfine) and the peer set up by
# ../shared/peers/cfn-lint.sh (SLS_PEERS_CACHE may point at its cache).
#   bench/validate.sh [--no-peer]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SLS_SHARED_DIR:-$here/../shared}
sls=$here/build/sls
[ -x "$sls" ] || { echo "validate.sh: build sls first (scripts/test.sh)" >&2; exit 1; }
cache=${SLS_PEERS_CACHE:-$shared/peers/.cache}
out=$(mktemp -d "${TMPDIR:-/tmp}/sls-validate-bench.XXXXXX")

echo "== sls validate, example app (median of 20)"
hyperfine -N --warmup 3 --runs 20 --export-json "$out/example.json" \
  "$sls validate $here/templates/notes-python/template.yaml" | grep -E "Time|Range"

echo "== sls validate, generated templates"
"$shared/bench/validate-bench.sh" --label sls --cmd "$sls validate {template}" \
  --runs 20 --large-runs 20 --repeat 2 --out "$out/sls"

if [ "${1:-}" != "--no-peer" ] && [ -x "$cache/bin/cfn-lint" ]; then
  echo "== cfn-lint (peer), generated templates"
  "$shared/bench/validate-bench.sh" --label cfn-lint --cmd "$cache/bin/cfn-lint {template}" \
    --runs 10 --large-runs 5 --repeat 1 --out "$out/cfn-lint"
fi
echo "raw results in $out"
