#!/usr/bin/env bash
# `sls local-lambda` end to end: the Lambda Invoke API on 127.0.0.1 port 0, called with the AWS
# CLI v2 (`aws lambda invoke --endpoint-url`) and curl: results, function errors, Tail logs,
# warm reuse, Event and DryRun invocations, throttling at reserved concurrency, AWS's error
# bodies, and a function writing to the template's table through the embedded DynamoDB API.
# Every server is started here and stopped by its PID.
# Usage: bash local_lambda_test.sh path/to/sls
. "$(dirname "$0")/lib.sh"

# Debian's AWS CLI v2 (a pyenv shim of v1 may come first on PATH; v1 lacks --cli-binary-format).
AWS=/usr/bin/aws
[ -x "$AWS" ] || AWS=$(command -v aws) || { echo "local_lambda_test: the AWS CLI is missing"; exit 1; }
command -v curl >/dev/null || { echo "local_lambda_test: curl is missing"; exit 1; }

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_DYNAMODB
export AWS_PAGER=""
APP=$WORK/app
cp -r "$SRC/tests/e2e/local_lambda" "$APP"
ID='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
PID=""
trap '[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

SOUT=$WORK/server.out
SERR=$WORK/server.err
# start_server [ARGS...]: `sls local-lambda -p 0 --no-sandbox ARGS` in the app; sets PID and URL
# once it prints its Listening line.
start_server() {
  (cd "$APP" && exec "$SLS" local-lambda -p 0 --no-sandbox "$@" >"$SOUT" 2>"$SERR") &
  PID=$!
  wait_listening "$PID" "$SOUT" "$SERR" || exit 1
}
start_server
check "the Listening line is the only stdout line" "Listening on $URL" "$(cat "$SOUT")"

# lambda_invoke FUNCTION PAYLOAD [ARGS...]: `aws lambda invoke`; sets OUT (the CLI's JSON),
# RESULT (the payload file) and RC.
lambda_invoke() {
  local fn=$1 payload=$2
  shift 2
  run "$AWS" lambda invoke --endpoint-url "$URL" --function-name "$fn" \
    --cli-binary-format raw-in-base64-out --payload "$payload" "$@" "$WORK/result.json"
  RESULT=$(cat "$WORK/result.json" 2>/dev/null)
}
# post FUNCTION BODY [CURL ARGS...]: prints "STATUS BODY" of a raw Invoke request.
post() {
  local fn=$1 body=$2 file
  shift 2
  file=$(mktemp "$WORK/body.XXXXXX")
  curl -s -o "$file" -w '%{http_code}' -X POST --data-binary "$body" "$@" \
    "$URL/2015-03-31/functions/$fn/invocations"
  printf ' %s' "$(cat "$file")"
}
jq_out() { printf '%s' "$OUT" | jq -r "$1"; }

################################################################ RequestResponse and warm reuse
lambda_invoke Counter '{"n":1}'
check "invoke: exit 0" 0 "$RC"
check "invoke: StatusCode and ExecutedVersion" '200 $LATEST null' \
  "$(jq_out '"\(.StatusCode) \(.ExecutedVersion) \(.FunctionError)"')"
check "invoke: the result" '1 {"n":1}' "$(printf '%s' "$RESULT" | jq -c -r '"\(.count) \(.event)"')"
pid1=$(printf '%s' "$RESULT" | jq -r .pid)
lambda_invoke Counter '{"n":2}'
check "warm: the second invocation runs in the same process, state kept" "2 $pid1" \
  "$(printf '%s' "$RESULT" | jq -r '"\(.count) \(.pid)"')"

######################################################################### Tail and the log lines
lambda_invoke Counter '{}' --log-type Tail
LOG=$(jq_out .LogResult | base64 -d)
T=$'\t'
NL=$'\n'
check_re "tail: the whole log of the invocation, START to REPORT (warm: no Init Duration)" \
  "^START RequestId: ($ID) Version: \\\$LATEST${NL}call 3${NL}END RequestId: ($ID)${NL}REPORT RequestId: ($ID)${T}Duration: [0-9]+\\.[0-9]{2} ms${T}Billed Duration: [0-9]+ ms${T}Memory Size: 128 MB${T}Max Memory Used: [0-9]+ MB${T}${NL}?$" \
  "$LOG"
check "tail: one request id on every line" "1" \
  "$(printf '%s' "$LOG" | grep -oE "$ID" | sort -u | wc -l)"
check_re "the server's stderr carries the same log lines" "REPORT RequestId: $ID" "$(cat "$SERR")"

################################################################################ function errors
lambda_invoke failing-fn '{"x":1}'
check "error: the CLI reports FunctionError Unhandled, exit 0" "0 Unhandled 200" \
  "$RC $(jq_out '"\(.FunctionError) \(.StatusCode)"')"
check "error: the error document" 'ValueError bad input: {"x": 1}' \
  "$(printf '%s' "$RESULT" | jq -r '"\(.errorType) \(.errorMessage)"')"
lambda_invoke Failing '{}'
check "a function is found by logical id too" "Unhandled" "$(jq_out .FunctionError)"

##################################################### out of memory in a warm environment (§6)
lambda_invoke Hog '{"mb":1}'
lambda_invoke Hog '{"mb":1}'
check "memory: a warm environment under its cap" '{"count": 2, "allocated_mb": 1}' "$RESULT"
lambda_invoke Hog '{"mb":300}' --log-type Tail
LOG=$(jq_out .LogResult | base64 -d)
hid=$(printf '%s' "$LOG" | sed -n 's/^START RequestId: \([^ ]*\).*/\1/p')
check "memory: past MemorySize the CLI reports FunctionError Unhandled" "0 Unhandled 200" \
  "$RC $(jq_out '"\(.FunctionError) \(.StatusCode)"')"
check "memory: the Runtime.OutOfMemory document" \
  "{\"errorType\":\"Runtime.OutOfMemory\",\"errorMessage\":\"RequestId: $hid Error: Runtime exited with error: signal: killed\"}" \
  "$RESULT"
check_re "memory: the log, warm (no Init Duration), with the cap as Max Memory Used" \
  "^START RequestId: $hid Version: \\\$LATEST${NL}RequestId: $hid Error: Runtime exited with error: signal: killed${NL}Runtime.OutOfMemory${NL}END RequestId: $hid${NL}REPORT RequestId: $hid${T}Duration: [0-9]+\\.[0-9]{2} ms${T}Billed Duration: [0-9]+ ms${T}Memory Size: 128 MB${T}Max Memory Used: 128 MB${T}Status: error${T}Error Type: Runtime.OutOfMemory${T}${NL}?$" \
  "$LOG"
lambda_invoke Hog '{"mb":1}' --log-type Tail
check "memory: the next invocation starts a new process (state reset)" \
  '{"count": 1, "allocated_mb": 1}' "$RESULT"
check_re "memory: ... a cold start, with Init Duration" "${T}Init Duration: [0-9]+\\.[0-9]{2} ms${T}${NL}?$" \
  "$(jq_out .LogResult | base64 -d | tail -1)"

############################################################################## not found, payload
lambda_invoke Nope '{}'
check "not found: the CLI exits 254" 254 "$RC"
check_re "not found: ResourceNotFoundException with the function's ARN" \
  "ResourceNotFoundException.*Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope" \
  "$ERR"
check "invalid JSON payload: 400 InvalidRequestContentException" \
  '400 InvalidRequestContentException' \
  "$(post Counter '{oops' -D "$WORK/h" | cut -c1-3) $(tr -d '\r' <"$WORK/h" | sed -n 's/^x-amzn-ErrorType: //Ip')"

############################################################################### DryRun and Event
check "DryRun: 204, nothing run" "204 " "$(post Counter '{}' -H 'X-Amz-Invocation-Type: DryRun')"
MARK=$WORK/recorded.jsonl
lambda_invoke Recorder "{\"file\":\"$MARK\",\"n\":7}" --invocation-type Event
check "Event: 202 at once" 202 "$(jq_out .StatusCode)"
for _ in $(seq 1 100); do [ -s "$MARK" ] && break; sleep 0.05; done
check "Event: the function ran in the background" "7" "$(jq -r .n "$MARK" 2>/dev/null)"

#################################################################### reserved concurrency: 429
(post Slow '{"seconds":3}' >"$WORK/slow.txt") &
SLOW=$!
sleep 1  # the 3-second invocation is running by then
check "throttled: 429 TooManyRequestsException while the one environment is busy" \
  '429 {"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}' \
  "$(post Slow '{"seconds":0}')"
wait "$SLOW"
check "throttled: the first invocation finished" '200 {"slept": 3}' "$(cat "$WORK/slow.txt")"
check "after it, the function takes invocations again" '200 {"slept": 0}' \
  "$(post Slow '{"seconds":0}')"

###################################################################### freezing between invokes
# ticks_between URL: invokes Ticker, waits 0.5 s, invokes it again; prints "PID STATE DELTA":
# its process, that process's state in between (/proc: T = stopped) and what its 10 ms counter
# thread counted in between.
ticks_between() {
  local url=$1 first second pid state
  first=$(curl -s -X POST --data-binary '{}' "$url/2015-03-31/functions/Ticker/invocations")
  pid=$(printf '%s' "$first" | jq -r .pid)
  sleep 0.5
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)
  second=$(curl -s -X POST --data-binary '{}' "$url/2015-03-31/functions/Ticker/invocations")
  printf '%s %s %s' "$pid" "$state" \
    "$(($(printf '%s' "$second" | jq -r .ticks) - $(printf '%s' "$first" | jq -r .ticks)))"
}
read -r tpid tstate tdelta <<<"$(ticks_between "$URL")"
check "freeze: the idle environment's process is stopped" "T" "$tstate"
check "freeze: its thread made (almost) no progress while idle" "yes" \
  "$([ "$tdelta" -lt 10 ] && echo yes)"

############################################### the template's table, reached through the SDK
lambda_invoke Notes '{"id":"n1","text":"hello table"}'
check "table: the function wrote and read the template's table" '{"id": "n1", "text": "hello table"}' \
  "$RESULT"
check "table: the store is .sls/tables.db next to the template" "yes" \
  "$([ -s "$APP/.sls/tables.db" ] && echo yes)"

##################################################################################### stopping
CHILDREN=$(pgrep -P "$PID" | tr '\n' ' ')
check "the warm environments are child processes" "yes" "$([ -n "$CHILDREN" ] && echo yes)"
kill -TERM "$PID"
wait "$PID"
RC=$?
PID=""
check "SIGTERM: exit 0" 0 "$RC"
left=""
for c in $CHILDREN; do kill -0 "$c" 2>/dev/null && left="$left $c"; done
check "SIGTERM: no function process is left behind" "" "$left"

########################################### --no-freeze: idle environments keep running
start_server --no-tables --no-freeze
read -r tpid tstate tdelta <<<"$(ticks_between "$URL")"
check "--no-freeze: the idle environment's process is not stopped" "yes" \
  "$([ -n "$tstate" ] && [ "$tstate" != T ] && echo yes)"
check "--no-freeze: its thread kept counting while idle" "yes" "$([ "$tdelta" -gt 20 ] && echo yes)"
kill -TERM "$PID"
wait "$PID"
PID=""
finish
