#!/usr/bin/env bash
# bench/invoke-warm.sh [INVOKES] [SECONDS]: warm Lambda Invoke calls through `sls local-lambda`
# and through serverless-offline's Lambda endpoint, side by side in one run (issue 5's goal:
# p50 overhead < 0.5 ms over the handler's own time, and throughput with 2 instances).
#
# Servers (each on a free 127.0.0.1 port, stopped by the PID this script started):
#   sls      build/sls local-lambda on bench/fixtures/hello (python3.11: `hello` returns
#            {"statusCode": 200, ...}, `noop` returns None), --no-sandbox --no-tables
#   offline  serverless offline in a copy of ../shared/peers/sls-offline-hello (node20 handler
#            `hello`, run in process by the plugin), its Lambda port
# Clients, INVOKES calls each (default 3000, after 200 warm-ups), each capped at SECONDS (30):
#   raw      bench/raw-invoke.mjs: node:http over kept-alive connections, no SDK, so the
#            latency is the server's plus the loopback's
#   sdk      ../shared/bench/lambda-invoke-bench.mjs: the AWS SDK v3 Lambda client
# at concurrency 1 (latency) and 2 (throughput: sls runs 2 environments of the function).
# Overhead over the handler: the noop function's p50 through the raw client minus the handler's
# own time (timed in-process with timeit: well under a microsecond). The raw client's DryRun
# call (the server answers 204 without running anything) is the floor of the HTTP exchange
# alone; noop minus DryRun is the cost of the function's path (event to the runtime, its
# response back).
# Needs node, the peers (installed by ../shared/peers/setup.sh when their node_modules is
# missing) and a built sls (SLS=path, default build/sls).
set -euo pipefail

invokes=${1:-3000}
max_s=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
SLS=$(realpath "${SLS:-$here/../build/sls}")
SHARED=$(realpath "${SLS_SHARED_DIR:-$here/../../shared}")
PEERS=${PEERS_DIR:-$SHARED/peers}
FIX=$here/fixtures/hello
SDK_BENCH=$SHARED/bench/lambda-invoke-bench.mjs
STARTUP_DEADLINE_S=60
[ -x "$SLS" ] || { echo "no sls binary at $SLS (build first, or set SLS)" >&2; exit 2; }
[ -f "$SDK_BENCH" ] || { echo "no $SDK_BENCH (set SLS_SHARED_DIR)" >&2; exit 2; }
command -v node >/dev/null || { echo "node is missing" >&2; exit 2; }
if [ ! -d "$PEERS/node_modules" ]; then bash "$PEERS/setup.sh"; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sls-bench-warm.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_for FILE TEXT: until FILE holds TEXT, or the deadline.
wait_for() {
  local end=$((SECONDS + STARTUP_DEADLINE_S))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ $SECONDS -lt $end ] || { echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1; }
    sleep 0.1
  done
}

# sls local-lambda
(cd "$FIX" && exec "$SLS" local-lambda -t template.yaml -p 0 --no-sandbox --no-tables \
  >"$work/sls.out" 2>"$work/sls.err") &
pids+=($!)
wait_for "$work/sls.out" "Listening on"
sls_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/sls.out" | head -1)

# serverless-offline, from a copy of the peer app (it writes .serverless/ where it runs)
cp -r "$PEERS/sls-offline-hello" "$work/offline"
ln -s "$PEERS/node_modules" "$work/node_modules"
offline_port=$(free_port)
(cd "$work/offline" && SLS_TELEMETRY_DISABLED=1 exec ../node_modules/.bin/serverless offline \
  --httpPort "$(free_port)" --lambdaPort "$offline_port" >"$work/offline.log" 2>&1) &
pids+=($!)
wait_for "$work/offline.log" "listening on http://127.0.0.1:$offline_port"
offline_url=http://127.0.0.1:$offline_port
offline_fn=sls-offline-hello-dev-hello

PY=$("$SLS" invoke -t "$FIX/template.yaml" PyWhich --no-sandbox 2>/dev/null | tr -d '"')
handler_us() {
  (cd "$FIX/python" && "$PY" -c "import timeit, app
n = 200000
print('%.3f' % (timeit.timeit(lambda: app.$1({}, None), number=n) / n * 1e6))")
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version);" \
  "python $PY; $invokes invokes per row after 200 warm-ups, each row capped at ${max_s} s"
echo "sls: $sls_url ($SLS); serverless-offline: $offline_url"
echo "handler's own time (timeit): hello $(handler_us handler) us, noop $(handler_us noop) us"

# raw NAME URL FUNCTION CONCURRENCY [FLAGS...]: one raw-client row.
raw() {
  local name=$1 url=$2 fn=$3 c=$4
  shift 4
  node "$here/raw-invoke.mjs" --endpoint "$url" --function "$fn" --concurrency "$c" \
    --invokes "$invokes" --max-seconds "$max_s" "$@" >"$work/raw-$name.json"
}
# sdk NAME URL FUNCTION CONCURRENCY: one SDK row (warmed up by its own first calls).
sdk() {
  node "$SDK_BENCH" --endpoint "$2" --function "$3" --concurrency "$4" --invokes "$invokes" \
    --max-seconds "$max_s" --expect statusCode --json "$work/sdk-$1.json" >/dev/null 2>&1 ||
    { echo "sdk $1 failed" >&2; exit 1; }
}

raw sls-dryrun "$sls_url" noop 1 --dry-run
raw sls-noop-c1 "$sls_url" noop 1
raw sls-hello-c1 "$sls_url" hello 1 --expect statusCode
raw offline-hello-c1 "$offline_url" "$offline_fn" 1 --expect statusCode
raw sls-hello-c2 "$sls_url" hello 2 --expect statusCode
raw offline-hello-c2 "$offline_url" "$offline_fn" 2 --expect statusCode
sdk sls-c1 "$sls_url" hello 1
sdk offline-c1 "$offline_url" "$offline_fn" 1
sdk sls-c2 "$sls_url" hello 2
sdk offline-c2 "$offline_url" "$offline_fn" 2

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
raw = lambda n: json.load(open("%s/raw-%s.json" % (work, n)))
sdk = lambda n: json.load(open("%s/sdk-%s.json" % (work, n)))["results"][0]
rows = [("raw", "sls", "noop, DryRun (HTTP floor)", 1, raw("sls-dryrun")),
        ("raw", "sls", "noop", 1, raw("sls-noop-c1")),
        ("raw", "sls", "hello", 1, raw("sls-hello-c1")),
        ("raw", "offline", "hello", 1, raw("offline-hello-c1")),
        ("raw", "sls", "hello", 2, raw("sls-hello-c2")),
        ("raw", "offline", "hello", 2, raw("offline-hello-c2")),
        ("sdk", "sls", "hello", 1, sdk("sls-c1")),
        ("sdk", "offline", "hello", 1, sdk("offline-c1")),
        ("sdk", "sls", "hello", 2, sdk("sls-c2")),
        ("sdk", "offline", "hello", 2, sdk("offline-c2"))]
print("| client | server | function | concurrency | invokes | errors | invokes/s | p50 ms | p90 ms | p99 ms |")
print("|---|---|---|---|---|---|---|---|---|---|")
for client, server, fn, c, r in rows:
    errors = r.get("errors", 0) + r.get("wrong", 0)
    print("| %s | %s | %s | %d | %d | %d | %.0f | %.3f | %.3f | %.3f |" % (
        client, server, fn, c, r["count"], errors, r["ops_per_s"], r["p50_ms"], r["p90_ms"],
        r["p99_ms"]))
floor, noop = raw("sls-dryrun")["p50_ms"], raw("sls-noop-c1")["p50_ms"]
print()
print("sls overhead over the handler (raw client, noop, p50): %.3f ms; of which the HTTP"
      " exchange alone (DryRun) %.3f ms and the function's path %.3f ms" % (noop, floor, noop - floor))
for client, tag in (("raw", "raw-%s-hello-c%d"), ("sdk", "sdk-%s-c%d")):
    get = raw if client == "raw" else sdk
    for c in (1, 2):
        names = (("%s-hello-c%d" if client == "raw" else "%s-c%d") % ("sls", c),
                 ("%s-hello-c%d" if client == "raw" else "%s-c%d") % ("offline", c))
        s, o = get(names[0]), get(names[1])
        print("%s client, concurrency %d: sls/offline invokes/s %.2fx, offline/sls p50 %.2fx" % (
            client, c, s["ops_per_s"] / o["ops_per_s"], o["p50_ms"] / s["p50_ms"]))
PY
