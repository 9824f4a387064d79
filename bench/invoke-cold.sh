#!/usr/bin/env bash
# bench/invoke-cold.sh [RUNS] [ROUNDS]: a cold `sls invoke` of a hello handler, whole process,
# against the same handler run by its interpreter alone (issue 5's goal: <= 1.2x for python).
#
# Timed with hyperfine -N (no shell), RUNS runs (default 30) after 3 warm-ups, ROUNDS times
# (default 3); each round times every command back to back, so the ratios of one round share
# the machine's load. Prints each round's medians and ratios, then the median over rounds.
#   py-alone   PY -c "import app; print(app.handler({}, None))"   (in the fixture's python/)
#   py-sls     sls invoke -t bench/fixtures/hello/template.yaml PyHello --no-sandbox
#   py-bwrap   the same in the bubblewrap sandbox (only where bwrap can build one)
#   node-alone node -e: import index.mjs, await handler({}), print it
#   node-sls   sls invoke ... NodeHello --no-sandbox
# PY is the interpreter sls itself picks for python3.11 (asked from sls: the PyWhich function
# returns sys.executable), so both sides start the same python; `python3` on PATH may be a
# version manager's shim that costs more than everything measured here.
# Needs hyperfine and a built sls (SLS=path, default build/sls). Raw JSON lands in a temp dir.
set -euo pipefail

runs=${1:-30}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
SLS=$(realpath "${SLS:-$here/../build/sls}")
FIX=$here/fixtures/hello
[ -x "$SLS" ] || { echo "no sls binary at $SLS (build first, or set SLS)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
out=$(mktemp -d "${TMPDIR:-/tmp}/sls-bench-cold.XXXXXX")

PY=$("$SLS" invoke -t "$FIX/template.yaml" PyWhich --no-sandbox 2>/dev/null | tr -d '"')
[ -x "$PY" ] || { echo "sls could not run python3.11 here (got '$PY')" >&2; exit 2; }
expect='{"statusCode": 200, "body": "hello"}'
names=(py-alone py-sls)
cmds=("$PY -c 'import app; print(app.handler({}, None))'"
  "$SLS invoke -t $FIX/template.yaml PyHello --no-sandbox")
if [ "$("$SLS" invoke -t "$FIX/template.yaml" PyHello 2>/dev/null)" = "$expect" ] &&
  command -v bwrap >/dev/null; then
  names+=(py-bwrap)
  cmds+=("$SLS invoke -t $FIX/template.yaml PyHello")
fi
if command -v node >/dev/null; then
  names+=(node-alone node-sls)
  cmds+=("node -e 'import(\"./index.mjs\").then((m) => m.handler({})).then((r) => console.log(JSON.stringify(r)))'"
    "$SLS invoke -t $FIX/template.yaml NodeHello --no-sandbox")
fi

# Every command must print the handler's result before it is timed.
for i in "${!cmds[@]}"; do
  dir=$FIX/python
  [[ ${names[$i]} == node-* ]] && dir=$FIX/node
  got=$(cd "$dir" && bash -c "${cmds[$i]}" 2>/dev/null)
  case $got in
    *statusCode*200*hello*) ;;
    *) echo "${names[$i]} printed '$got'" >&2; exit 1 ;;
  esac
done

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); python: $PY ($("$PY" --version 2>&1))"
echo "sls: $SLS; runs per command: $runs x $rounds rounds"
for r in $(seq 1 "$rounds"); do
  for i in "${!cmds[@]}"; do
    dir=$FIX/python
    [[ ${names[$i]} == node-* ]] && dir=$FIX/node
    (cd "$dir" && hyperfine -N --runs "$runs" --warmup 3 --style none \
      --export-json "$out/$r-${names[$i]}.json" "${cmds[$i]}" >/dev/null 2>&1)
  done
done

python3 - "$out" "$rounds" "${names[@]}" <<'PY'
import json, statistics, sys
out, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
med = {}
for r in range(1, rounds + 1):
    for n in names:
        times = json.load(open("%s/%d-%s.json" % (out, r, n)))["results"][0]["times"]
        med[(r, n)] = statistics.median(times) * 1000
pairs = [(n, n.split("-")[0] + "-alone") for n in names if not n.endswith("-alone")]
print("| round | " + " | ".join(names) + " | " + " | ".join("%s / %s" % p for p in pairs) + " |")
print("|---" * (1 + len(names) + len(pairs)) + "|")
ratios = {p: [] for p in pairs}
for r in range(1, rounds + 1):
    cells = ["%.1f ms" % med[(r, n)] for n in names]
    for p in pairs:
        ratios[p].append(med[(r, p[0])] / med[(r, p[1])])
        cells.append("%.2fx" % ratios[p][-1])
    print("| %d | %s |" % (r, " | ".join(cells)))
cells = ["%.1f ms" % statistics.median(med[(r, n)] for r in range(1, rounds + 1)) for n in names]
cells += ["**%.2fx**" % statistics.median(ratios[p]) for p in pairs]
print("| median | %s |" % " | ".join(cells))
PY
echo "raw hyperfine JSON in $out"
