#!/usr/bin/env bash
# `sls local-table` end to end: the built binary on 127.0.0.1 port 0, driven with curl. Every
# server is started here and stopped by its PID.
# Usage: bash local_table_test.sh path/to/sls
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "local_table_test: curl is missing"; exit 1; }

PID=""
PORT=""
runs=0
# Whatever happens, no server of ours outlives the test.
trap '[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

# start_server DIR ARGS...: starts `sls local-table ARGS` in DIR and waits (20 s at most) for
# its Listening line. Sets PID, PORT, SOUT and SERR (files). Returns 1 if it never listens.
start_server() {
  local dir=$1
  shift
  runs=$((runs + 1))
  SOUT=$WORK/out.$runs
  SERR=$WORK/err.$runs
  (cd "$dir" && exec "$SLS" local-table "$@" >"$SOUT" 2>"$SERR") &
  PID=$!
  wait_listening "$PID" "$SOUT" "$SERR"
}

# stop_server SIGNAL: sends SIGNAL to the server and waits for it; sets RC.
stop_server() {
  kill -"$1" "$PID"
  wait "$PID"
  RC=$?
  PID=""
}

# call TARGET BODY [CURL ARGS...]: POSTs to the server (Content-Type $CT, JSON 1.0 by
# default); prints "STATUS BODY".
call() {
  local target=$1 body=$2
  shift 2
  curl -s -m 10 -o "$WORK/body" -w '%{http_code}' "http://127.0.0.1:$PORT/" \
    -H "Content-Type: ${CT:-application/x-amz-json-1.0}" -H "X-Amz-Target: $target" \
    --data-binary "$body" "$@" >"$WORK/status"
  echo "$(cat "$WORK/status") $(cat "$WORK/body")"
}

# header NAME: the value of NAME in the last `curl -D $WORK/headers` answer.
header() {
  tr -d '\r' <"$WORK/headers" | awk -v n="$(tr 'A-Z' 'a-z' <<<"$1")" -F': ' \
    'tolower($1) == n { print $2 }'
}

mkdir -p "$WORK/empty"

# --- protocol, in memory -----------------------------------------------------------------
start_server "$WORK/empty" --port 0 --in-memory || exit 1
check "the Listening line is the only stdout line and names the bound port" \
  "Listening on http://127.0.0.1:$PORT" "$(cat "$SOUT")"
[[ $PORT =~ ^[0-9]+$ ]] && [ "$PORT" -ne 0 ]
check "the port is a real one" 0 $?

check "GET / answers the health line" "healthy: dynamodb.us-east-1.amazonaws.com " \
  "$(curl -s -m 10 "http://127.0.0.1:$PORT/")"

curl -s -m 10 -D "$WORK/headers" -o /dev/null "http://127.0.0.1:$PORT/" \
  -H 'X-Amz-Target: DynamoDB_20120810.Nope' -d '{}' -H 'Content-Type: application/json'
check "an answer carries the CRC-32 of its body" 1368724161 "$(header x-amz-crc32)"
[[ $(header x-amzn-RequestId) =~ ^[0-9A-Z]{52}$ ]]
check "an answer carries a 52-character request id" 0 $?
[[ -n $(header Date) ]]
check "an answer carries a Date" 0 $?
check "an answer is JSON 1.0" application/x-amz-json-1.0 "$(header Content-Type)"

check "a missing target is UnknownOperationException" \
  '400 {"__type":"com.amazon.coral.service#UnknownOperationException"}' "$(call '' '{}')"
check "an unknown operation is UnknownOperationException" \
  '400 {"__type":"com.amazon.coral.service#UnknownOperationException"}' \
  "$(call DynamoDB_20120810.Nope '{}')"
check "an unparsable body is SerializationException" \
  '400 {"__type":"com.amazon.coral.service#SerializationException"}' \
  "$(call DynamoDB_20120810.ListTables '{"TableName":')"
check "an empty body is SerializationException" \
  '400 {"__type":"com.amazon.coral.service#SerializationException"}' \
  "$(call DynamoDB_20120810.PutItem '')"
check "JSON 1.1 is answered 404" '404 <UnknownOperationException/>' \
  "$(CT=application/x-amz-json-1.1 call DynamoDB_20120810.ListTables '{}')"

# A chunked body and Expect: 100-continue reach the same checks.
check "a chunked body is read whole" \
  '400 {"__type":"com.amazon.coral.service#SerializationException"}' \
  "$(call DynamoDB_20120810.ListTables '{"a":' -H 'Transfer-Encoding: chunked')"
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$WORK/big.json"
check "a body over 16 MiB is answered 413" 413 \
  "$(curl -s -m 30 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/" \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: DynamoDB_20120810.PutItem' \
    -H 'Expect: 100-continue' --data-binary @"$WORK/big.json")"

curl -s -m 10 -D "$WORK/headers" -o /dev/null -X OPTIONS "http://127.0.0.1:$PORT/" \
  -H 'Origin: http://localhost:5173' -H 'Access-Control-Request-Method: POST' \
  -H 'Access-Control-Request-Headers: content-type,x-amz-target'
check "a CORS preflight is 200" "HTTP/1.1 200 OK" "$(head -1 "$WORK/headers" | tr -d '\r')"
check "a preflight allows the requested headers" "content-type,x-amz-target" \
  "$(header Access-Control-Allow-Headers)"
check "a preflight allows the requested method" POST "$(header Access-Control-Allow-Methods)"
check "a preflight may be cached two days" 172800 "$(header Access-Control-Max-Age)"
check "a preflight allows any origin" "*" "$(header Access-Control-Allow-Origin)"
check "a preflight exposes DynamoDB's headers" \
  "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date" \
  "$(header Access-Control-Expose-Headers)"

# Many clients at once, each on its own connection.
for i in $(seq 20); do
  curl -s -m 10 "http://127.0.0.1:$PORT/" "http://127.0.0.1:$PORT/" >"$WORK/par.$i" &
done
wait $(jobs -p | grep -vx "$PID")
check "twenty clients at once are all answered" 40 \
  "$(cat "$WORK"/par.* | grep -o 'healthy' | wc -l | tr -d ' ')"

stop_server TERM
check "SIGTERM stops the server with status 0" 0 "$RC"
check "a request is logged only with --debug" "" "$(grep -i 'DynamoDB_20120810' "$SERR")"

start_server "$WORK/empty" -p 0 --in-memory --strict-auth || exit 1
check "--strict-auth refuses a request without credentials" \
  '400 {"__type":"com.amazon.coral.service#MissingAuthenticationTokenException","message":"Request is missing Authentication Token"}' \
  "$(call DynamoDB_20120810.ListTables '{}')"
stop_server INT
check "SIGINT (Ctrl-C) stops the server with status 0" 0 "$RC"

start_server "$WORK/empty" -p 0 --in-memory || exit 1
"$SLS" --debug local-table -p "$PORT" --in-memory >/dev/null 2>"$WORK/busy"
check "a busy port is a failure (1) naming the address" \
  "1 sls: error: cannot listen on 127.0.0.1:$PORT: Address already in use" \
  "$? $(grep error "$WORK/busy")"
stop_server TERM

run "$SLS" local-table --db x.db --in-memory
check "--db and --in-memory exclude each other" "1 1" "$RC $(grep -c excludes <<<"$ERR")"

# --- templates ----------------------------------------------------------------------------
mkdir -p "$WORK/app" "$WORK/bad"
cat >"$WORK/app/template.yaml" <<'YAML'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  Users:
    Type: AWS::Serverless::SimpleTable
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub orders-${Stage}
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      TimeToLiveSpecification: {AttributeName: expires, Enabled: true}
YAML
start_server "$WORK/app" -p 0 --parameter-overrides Stage=test || exit 1
[ -d "$WORK/app/.sls" ]
check "the default database lives in .sls/ next to the template" 0 $?
check "a SimpleTable without TableName is named by its logical id" "200 ACTIVE" \
  "$(call DynamoDB_20120810.DescribeTable '{"TableName":"Users"}' |
    sed -E 's/^([0-9]+).*"TableStatus":"([A-Z]+)".*/\1 \2/')"
check "a table's name is resolved through parameters" "200 ACTIVE" \
  "$(call DynamoDB_20120810.DescribeTable '{"TableName":"orders-test"}' |
    sed -E 's/^([0-9]+).*"TableStatus":"([A-Z]+)".*/\1 \2/')"
# TTL is checked once the engine implements it.
ttl=$(call DynamoDB_20120810.DescribeTimeToLive '{"TableName":"orders-test"}')
if [[ $ttl != *"not supported"* ]]; then
  check "the template's TTL is applied" '"TimeToLiveStatus":"ENABLED"' \
    "$(grep -o '"TimeToLiveStatus":"[A-Z]*"' <<<"$ttl")"
fi
check "an item is acknowledged" "200 {}" \
  "$(call DynamoDB_20120810.PutItem '{"TableName":"Users","Item":{"id":{"S":"u1"}}}')"
stop_server TERM
check "a template server stops with status 0" 0 "$RC"
[ -f "$WORK/app/.sls/tables.db" ]
check "the default database file is .sls/tables.db" 0 $?

start_server "$WORK/app" -p 0 --parameter-overrides Stage=test || exit 1
check "after a restart on the same file, the template's tables and their items are there" \
  '200 {"Item":{"id":{"S":"u1"}}}' \
  "$(call DynamoDB_20120810.GetItem '{"TableName":"Users","Key":{"id":{"S":"u1"}}}')"
stop_server TERM

cat >"$WORK/bad/template.yaml" <<'YAML'
Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !GetAtt Other.Arn
YAML
run bash -c "cd '$WORK/bad' && exec '$SLS' local-table -p 0 --in-memory"
check "an unresolvable table property is a located error and exit 2, nothing served" \
  "2|template.yaml:5:18: error: table T: TableName uses Fn::GetAtt, which cannot be resolved without a deployment|" \
  "$RC|$ERR|$OUT"

cat >"$WORK/bad/refused.yaml" <<'YAML'
Resources:
  Bad:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: k, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: j, AttributeType: S}]
YAML
run "$SLS" local-table -p 0 --in-memory -t "$WORK/bad/refused.yaml"
check "a table DynamoDB would refuse is its message, located at the resource, and exit 2" \
  "2|$WORK/bad/refused.yaml:2:3: error: table Bad: One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [k], AttributeDefinitions: [j]|" \
  "$RC|$ERR|$OUT"

printf 'Resources:\n  T: [unclosed\n' >"$WORK/bad/broken.yaml"
run "$SLS" local-table -p 0 --in-memory -t "$WORK/bad/broken.yaml"
check "a template that is not YAML is a located error and exit 2" "2 $WORK/bad/broken.yaml:3:1:" \
  "$RC $(cut -d' ' -f1 <<<"$ERR")"

finish
