# AWS's own Node.js runtime interface client (aws-lambda-ric, pinned in ric/package-lock.json)
# runs as the bootstrap of provided.al2023 functions against sls's Runtime API: results, the
# client's error and init-error documents, its log lines, a streamed response, and warm reuse
# under `sls local-lambda`, each with the exact START/END/REPORT lines.
# scripts/install-deps.sh builds the client into the directory ric/ric_dir.sh names.
# Usage: bash ric_test.sh path/to/sls
. "$(dirname "$0")/lib.sh"

RIC=$(bash "$SRC/tests/e2e/ric/ric_dir.sh")
if [ ! -f "$RIC/node_modules/aws-lambda-ric/rapid-client.node" ]; then
  failed=$((failed + 1))
  echo "FAIL: aws-lambda-ric is not built in $RIC (scripts/install-deps.sh builds it)"
  finish
  exit 1
fi
RIC=$(cd "$RIC" && pwd -P)
APP=$WORK/app
cp -r "$SRC/tests/e2e/ric" "$APP"
FN=$(cd "$APP/fn" && pwd -P)
# The function's package holds the client, as a deployment package would.
ln -s "$RIC/node_modules" "$FN/node_modules"
T=$APP/template.yaml
ID='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
MS='[0-9]+\.[0-9]{2} ms'
TAB=$'\t'
NL=$'\n'
TS='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z'
PID=""
trap '[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

# The log lines of a run: stderr without sls's own "info:" lines.
log() { printf '%s\n' "$ERR" | grep -v '^info: '; }
rid() { log | sed -n 's/^START RequestId: \([^ ]*\).*/\1/p' | head -1; }
invoke() { run "$SLS" invoke -t "$T" "$@"; }
# re TEXT: TEXT with the extended-regex metacharacters escaped.
re() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }
REPORT_HEAD="REPORT RequestId: ($ID)${TAB}Duration: $MS${TAB}Billed Duration: [0-9]+ ms${TAB}Memory Size: 128 MB${TAB}Max Memory Used: [1-9][0-9]* MB${TAB}Init Duration: $MS${TAB}"

################################################################## a result, and the log lines
invoke Hello -e - <<<'{"name":"ric"}'
id=$(rid)
check "result: the handler's value as the client serialises it; exit 0" \
  "0 {\"hello\":\"ric\",\"calls\":1,\"requestId\":\"$id\",\"functionName\":\"Hello\",\"memory\":\"128\",\"arn\":\"arn:aws:lambda:us-east-1:123456789012:function:Hello\",\"remaining\":true}" \
  "$RC $OUT"
check_re "result: START, the client's console.log line, END, REPORT; no INIT_START for provided" \
  "^START RequestId: $id Version: \\\$LATEST${NL}$TS${TAB}$id${TAB}INFO${TAB}got \{\"name\":\"ric\"\}${NL}END RequestId: $id${NL}${REPORT_HEAD}$" \
  "$(log)"

############################################################# a handler error: the client's document
invoke Fail
id=$(rid)
check "error: exit 3" 3 "$RC"
frame="    at BufferedInvokeProcessor.fail [as handler] (file://$FN/index.mjs:19:9)"
# A frame of the client's own code, named ("at f (file:…:1:2)") or anonymous ("at file:…:1:2").
client_frame="    at ([^\"(]+ \\()?file://$(re "$RIC")/node_modules/aws-lambda-ric/index\\.mjs:[0-9]+:[0-9]+\\)?"
check_re "error: errorType, errorMessage and trace (not stackTrace), the handler's frame first" \
  "^\{\"errorType\":\"Error\",\"errorMessage\":\"boom\",\"trace\":\[\"Error: boom\",\"$(re "$frame")\"(,\"$client_frame\")+\]\}$" \
  "$OUT"
check_re "error: the client logs Invoke Error; REPORT says Status: error (the client sends no type)" \
  "^START RequestId: $id Version: \\\$LATEST${NL}$TS${TAB}$id${TAB}ERROR${TAB}Invoke Error ${TAB}\{\"errorType\":\"Error\",\"errorMessage\":\"boom\",\"stack\":\[\"Error: boom\",\"$(re "$frame")\"(,\"$client_frame\")+\]\}${NL}END RequestId: $id${NL}${REPORT_HEAD}Status: error${TAB}$" \
  "$(log)"

########################################################## an init error: /runtime/init/error
invoke Missing
id=$(rid)
check "init error: exit 3" 3 "$RC"
check_re "init error: the client's Runtime.HandlerNotFound document" \
  "^\{\"errorType\":\"Runtime.HandlerNotFound\",\"errorMessage\":\"index.nope is undefined or not exported\",\"trace\":\[\"Runtime.HandlerNotFound: index.nope is undefined or not exported\"(,\"$client_frame\")+\]\}$" \
  "$OUT"
check_re "init error: the client's Init Error line, INIT_REPORT with the type, then the invocation" \
  "^$TS${TAB}-${TAB}ERROR${TAB}Init Error ${TAB}\{\"errorType\":\"Runtime.HandlerNotFound\",[^$NL]*${NL}INIT_REPORT Init Duration: $MS${TAB}Phase: init${TAB}Status: error${TAB}Error Type: Runtime.HandlerNotFound${TAB}${NL}START RequestId: $id Version: \\\$LATEST${NL}END RequestId: $id${NL}REPORT RequestId: $id${TAB}Duration: $MS${TAB}Billed Duration: [0-9]+ ms${TAB}Memory Size: 128 MB${TAB}Max Memory Used: [0-9]+ MB${TAB}Init Duration: $MS${TAB}Status: error${TAB}Error Type: Runtime.HandlerNotFound${TAB}$" \
  "$(log)"

######################################################### a streamed response (chunked + trailers)
invoke Stream
check "stream: awslambda.streamifyResponse's chunks, buffered into the result" "0 hello stream" \
  "$RC $OUT"

######################################################## warm reuse: the client's next loop
SOUT=$WORK/server.out
(cd "$APP" && exec "$SLS" local-lambda -p 0 >"$SOUT" 2>"$WORK/server.err") &
PID=$!
wait_listening "$PID" "$SOUT" "$WORK/server.err" || exit 1
# post FUNCTION: the result and the decoded Tail log of one invocation, as "RESULT|LOG".
post() {
  curl -s -D "$WORK/h" -o "$WORK/body" -X POST --data-binary '{"name":"warm"}' \
    -H 'X-Amz-Log-Type: Tail' "$URL/2015-03-31/functions/$1/invocations"
  printf '%s|%s' "$(jq -c '{hello, calls}' "$WORK/body")" \
    "$(tr -d '\r' <"$WORK/h" | sed -n 's/^X-Amz-Log-Result: //Ip' | base64 -d)"
}
first=$(post Hello)
second=$(post Hello)
check "warm: the second invocation runs in the same client process" \
  '{"hello":"warm","calls":1} {"hello":"warm","calls":2}' "${first%%|*} ${second%%|*}"
check_re "warm: the cold start's REPORT has Init Duration" "${TAB}Init Duration: $MS${TAB}${NL}?$" \
  "${first#*|}"
check_re "warm: the warm one's does not" \
  "^START RequestId: ($ID) Version: \\\$LATEST${NL}$TS${TAB}$ID${TAB}INFO${TAB}got \{\"name\":\"warm\"\}${NL}END RequestId: $ID${NL}REPORT RequestId: $ID${TAB}Duration: $MS${TAB}Billed Duration: [0-9]+ ms${TAB}Memory Size: 128 MB${TAB}Max Memory Used: [1-9][0-9]* MB${TAB}${NL}?$" \
  "${second#*|}"
kill -TERM "$PID"
wait "$PID"
check "local-lambda stops on SIGTERM" 0 "$?"
PID=""

finish
