#!/usr/bin/env bash
# `sls local-table --db FILE` keeps every write it acknowledged: writes answered 200 are all there
# after the server is killed with SIGKILL (no chance to close anything) and restarted on the
# same file, also when many clients write at once and the kill lands in the middle of them.
# Every server is started here and killed by its PID.
# Usage: bash local_table_durability_test.sh path/to/sls
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "local_table_durability_test: curl is missing"; exit 1; }

PID=""
PORT=""
runs=0
writers=()
trap 'for w in "${writers[@]}"; do kill "$w" 2>/dev/null; done
      [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

DB=$WORK/data/tables.db
SEQUENTIAL=200   # items written one after the other
CLIENTS=8        # concurrent writers...
PER_CLIENT=100   # ...each writing this many items

# start_server: `sls local-table --db $DB` on a free port; waits (20 s at most) for its
# Listening line and sets PID and PORT.
start_server() {
  runs=$((runs + 1))
  "$SLS" local-table -p 0 --db "$DB" >"$WORK/out.$runs" 2>"$WORK/err.$runs" &
  PID=$!
  wait_listening "$PID" "$WORK/out.$runs" "$WORK/err.$runs" || exit 1
}

kill_server() {
  kill -KILL "$PID"
  wait "$PID" 2>/dev/null
  PID=""
}

# call OP BODY: prints the HTTP status and the body, on one line.
call() {
  curl -s -m 10 -w ' %{http_code}' "http://127.0.0.1:$PORT/" \
    -H 'Content-Type: application/x-amz-json-1.0' -H "X-Amz-Target: DynamoDB_20120810.$1" \
    --data-binary "$2"
}

# requests OP ID...: a curl config sending one OP per ID on one keep-alive connection, each
# answer printed as "BODY STATUS ID" on its own line.
requests() {
  local op=$1 id body first=1
  shift
  for id in "$@"; do
    ((first)) || echo next
    first=0
    if [ "$op" = PutItem ]; then
      body="{\\\"TableName\\\":\\\"durable\\\",\\\"Item\\\":{\\\"id\\\":{\\\"S\\\":\\\"$id\\\"},\\\"v\\\":{\\\"N\\\":\\\"1\\\"}}}"
    else
      body="{\\\"TableName\\\":\\\"durable\\\",\\\"Key\\\":{\\\"id\\\":{\\\"S\\\":\\\"$id\\\"}}}"
    fi
    printf '%s\n' "url = \"http://127.0.0.1:$PORT/\"" \
      'header = "Content-Type: application/x-amz-json-1.0"' \
      "header = \"X-Amz-Target: DynamoDB_20120810.$op\"" "data-binary = \"$body\"" \
      "write-out = \" %{http_code} $id\\n\"" 'max-time = 10'
  done
}

# put IDS_FILE OUT: writes the items named in IDS_FILE; appends the acknowledged ids (HTTP
# 200) to OUT as they come.
put() {
  mapfile -t ids <"$1"
  requests PutItem "${ids[@]}" >"$1.curl"
  stdbuf -oL curl -s -K "$1.curl" | sed -un 's/^{} 200 \(.*\)$/\1/p' >>"$2"
}

# missing IDS_FILE: the ids of IDS_FILE that GetItem does not find, sorted.
missing() {
  mapfile -t ids <"$1"
  requests GetItem "${ids[@]}" >"$1.get.curl"
  curl -s -K "$1.get.curl" >"$1.got"
  comm -23 <(sort "$1") <(sed -n 's/^{"Item":.* 200 \(.*\)$/\1/p' "$1.got" | sort)
}

mkdir -p "$WORK/data"
start_server
check "the table is created" 200 \
  "$(call CreateTable '{"TableName":"durable","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}' | awk '{print $NF}')"

# 1. One writer, then SIGKILL right after the last acknowledgement.
seq -f 'seq-%g' "$SEQUENTIAL" >"$WORK/ids.seq"
put "$WORK/ids.seq" "$WORK/acked.seq"
check "every sequential write is acknowledged" "$SEQUENTIAL" "$(wc -l <"$WORK/acked.seq")"
kill_server
start_server
check "after SIGKILL and a restart, every acknowledged item is there" "" \
  "$(missing "$WORK/acked.seq")"
printf 'never-1\nseq-1\n' >"$WORK/ids.never"
check "(the check itself sees a missing item)" never-1 "$(missing "$WORK/ids.never")"

# 2. Many writers at once; SIGKILL lands while they are still writing.
for c in $(seq "$CLIENTS"); do
  seq -f "c$c-%g" "$PER_CLIENT" >"$WORK/ids.c$c"
  : >"$WORK/acked.c$c"
  put "$WORK/ids.c$c" "$WORK/acked.c$c" &
  writers+=($!)
done
# Kill once about half of the writes are acknowledged (or after 30 s whatever happened).
half=$((CLIENTS * PER_CLIENT / 2))
deadline=$((SECONDS + 30))
until [ "$(cat "$WORK"/acked.c* | wc -l)" -ge "$half" ] || ((SECONDS >= deadline)); do
  sleep 0.005
done
kill_server
for w in "${writers[@]}"; do wait "$w"; done
writers=()
cat "$WORK"/acked.c* >"$WORK/acked.concurrent"
acked=$(wc -l <"$WORK/acked.concurrent")
((acked >= half && acked < CLIENTS * PER_CLIENT))
check "the kill landed mid-write, after at least half were acknowledged ($acked)" 0 $?
start_server
check "after SIGKILL mid-write and a restart, every acknowledged concurrent item is there" "" \
  "$(missing "$WORK/acked.concurrent")"
check "and the sequential items are still there" "" "$(missing "$WORK/acked.seq")"

# 3. All writers finish, then the kill: nothing is lost.
for c in $(seq "$CLIENTS"); do
  seq -f "all$c-%g" "$PER_CLIENT" >"$WORK/ids.all$c"
  put "$WORK/ids.all$c" "$WORK/acked.all$c" &
  writers+=($!)
done
for w in "${writers[@]}"; do wait "$w"; done
writers=()
cat "$WORK"/acked.all* >"$WORK/acked.all"
check "concurrent writers on a live server are all acknowledged" $((CLIENTS * PER_CLIENT)) \
  "$(wc -l <"$WORK/acked.all")"
kill_server
start_server
check "after SIGKILL, all of them are there" "" "$(missing "$WORK/acked.all")"
kill_server

finish
