#!/usr/bin/env bash
# bench/table.sh [SECONDS]: DynamoDB servers side by side, with no SDK in the way.
# Runs the shared table-wrk.sh (PutItem, GetItem, Query; wrk 2 threads x 32 connections,
# SECONDS each, default 10) against
#   sls-mem    sls local-table --in-memory
#   sls-file   sls local-table on its default durable file (.sls/tables.db in a fresh folder)
#   dynalite   dynalite (in memory), from the peers' node_modules
#   dynoxide   Dynoxide serve (in memory), from the peers' node_modules
# and measures for each: startup to the first HTTP answer (ms), RSS at rest right after (MB),
# and the server's CPU time (user + system, /proc/PID/stat) per request of each operation
# (sampled every 50 ms and charged to the operation whose wrk is running).
# Prints one row per server, then sls-mem's ratios to each other server.
# Every server listens on 127.0.0.1 and is stopped by the PID this script started.
# Needs: wrk and the peers (bash PEERS/setup.sh), a built sls (SLS=path, default build/sls).
set -euo pipefail

secs=${1:-10}
here=$(cd "$(dirname "$0")" && pwd)
SLS=${SLS:-$here/../build/sls}
SHARED=${SLS_SHARED_DIR:-$here/../../shared}
PEERS=${PEERS_DIR:-$SHARED/peers}
WRK_SCRIPT=$SHARED/bench/table-wrk.sh
[ -x "$SLS" ] || { echo "no sls binary at $SLS (build first, or set SLS)" >&2; exit 2; }
[ -f "$WRK_SCRIPT" ] || { echo "no $WRK_SCRIPT (set SLS_SHARED_DIR)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: bash $PEERS/setup.sh" >&2; exit 2; }
CLK_TCK=$(getconf CLK_TCK)
STARTUP_DEADLINE_S=30   # a server that has not answered by then is reported as failed

work=$(mktemp -d "${TMPDIR:-/tmp}/sls-bench-table.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$work"' EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# cpu_ticks PID: user + system time of the process so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# sample_cpu SERVER_PID PORT OUT: every 50 ms, "OP TICKS" (OP: that of the wrk aimed at PORT,
# "-" between runs) until the server ends.
sample_cpu() {
  local spid=$1 port=$2 out=$3 w op
  while kill -0 "$spid" 2>/dev/null; do
    op=-
    for w in $(pgrep -x wrk || true); do
      if { tr '\0' ' ' <"/proc/$w/cmdline"; } 2>/dev/null | grep -q "127.0.0.1:$port"; then
        op=$({ tr '\0' '\n' <"/proc/$w/environ"; } 2>/dev/null | sed -n 's/^OP=//p')
        break
      fi
    done
    echo "${op:--} $(cpu_ticks "$spid" 2>/dev/null || echo 0)" >>"$out"
    sleep 0.05
  done
}

# stop PID: TERM, then KILL after 5 s.
stop() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# bench NAME DIR CMD...: start CMD (with {port} filled in) in DIR, wait for its first answer,
# run table-wrk.sh against it, stop it; append a result row to $work/rows.
bench() {
  local name=$1 dir=$2
  shift 2
  local port args=() a t0 t1 code="" rss sampler out
  port=$(free_port)
  for a in "$@"; do args+=("${a//\{port\}/$port}"); done
  t0=$(now_ms)
  (cd "$dir" && exec "${args[@]}") >"$work/$name.log" 2>&1 &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port/" \
      -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
      -d '{}' 2>/dev/null) || true
    [[ $code =~ ^[1-5][0-9][0-9]$ ]] && break
    if ! kill -0 "$pid" 2>/dev/null || (($(now_ms) - t0 > STARTUP_DEADLINE_S * 1000)); then
      echo "$name did not start: $(tail -3 "$work/$name.log")" >&2
      stop "$pid"
      pid=""
      return 0
    fi
    sleep 0.005
  done
  t1=$(now_ms)
  rss=$(rss_kb "$pid")
  : >"$work/$name.cpu"
  sample_cpu "$pid" "$port" "$work/$name.cpu" &
  sampler=$!
  out=$(bash "$WRK_SCRIPT" "http://127.0.0.1:$port" "$secs" 2>&1) || true
  stop "$pid"
  pid=""
  wait "$sampler" 2>/dev/null || true
  echo "$out" | sed "s/^/  $name: /" >&2
  # CPU ticks between two samples are charged to the operation running at the second.
  awk -v name="$name" -v startup=$((t1 - t0)) -v rss="$rss" -v hz="$CLK_TCK" '
    FNR == NR { if (NR > 1 && $1 != "-") ticks[$1] += $2 - last; last = $2; next }
    /^wrk-dynamodb/ {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      rps[f["op"]] = f["rps"]; p99[f["op"]] = f["p99_ms"]; bad[f["op"]] = f["non2xx"]
      n[f["op"]] = f["requests"]
    }
    function us(op) { return n[op] > 0 ? ticks[op] / hz * 1e6 / n[op] : 0 }
    END {
      printf "%s %s %s %s %s %s %s %s %s %s %d %.1f %.0f %.0f %.0f\n", name, rps["put"],
        rps["get"], rps["query"], p99["put"], p99["get"], p99["query"], bad["put"], bad["get"],
        bad["query"], startup, rss / 1024, us("put"), us("get"), us("query")
    }' "$work/$name.cpu" - <<<"$out" >>"$work/rows"
}

mkdir -p "$work/file"
echo "table.sh: $secs s per operation; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
bench sls-mem "$work" "$SLS" local-table -p '{port}' --in-memory
bench sls-file "$work/file" "$SLS" local-table -p '{port}'
bench dynalite "$work" node "$PEERS/node_modules/dynalite/cli.js" --port '{port}'
bench dynoxide "$work" "$PEERS/node_modules/@dynoxide/linux-x64/dynoxide" serve --port '{port}'

echo
printf '%-9s %7s %7s %7s %8s %8s %8s %14s %8s %6s %14s\n' server put/s get/s query/s \
  put_p99 get_p99 qry_p99 'non2xx p/g/q' start_ms rss_MB 'cpu_us p/g/q'
while read -r n put get query pp gp qp bp bg bq st rss cp cg cq; do
  printf '%-9s %7s %7s %7s %8s %8s %8s %14s %8s %6s %14s\n' "$n" "$put" "$get" "$query" "$pp" \
    "$gp" "$qp" "$bp/$bg/$bq" "$st" "$rss" "$cp/$cg/$cq"
done <"$work/rows"

echo
echo "sls-mem / other (throughput: higher is better for sls; start, RSS, CPU: lower is better)"
awk '
  { n[NR] = $1; put[NR] = $2; get[NR] = $3; st[NR] = $11; rss[NR] = $12; cp[NR] = $13; cg[NR] = $14 }
  function r(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
  END {
    printf "%-9s %7s %7s %7s %7s %9s %9s\n", "vs", "put/s", "get/s", "start", "rss", "cpu/put", "cpu/get"
    for (i = 2; i <= NR; i++)
      printf "%-9s %7s %7s %7s %7s %9s %9s\n", n[i], r(put[1], put[i]), r(get[1], get[i]),
        r(st[1], st[i]), r(rss[1], rss[i]), r(cp[1], cp[i]), r(cg[1], cg[i])
  }' "$work/rows"
