#!/usr/bin/env bash
# `sls local-lambda`'s InvokeWithResponseStream end to end, on 127.0.0.1 port 0: a Node function
# that streams (awslambda.streamifyResponse), one that fails mid-stream and Python functions that
# do not stream (one of them fails), called with curl (the raw body decoded by botocore's
# event-stream decoder, events.py) and with the AWS SDK for JavaScript v3 (js/invoke_stream.mjs).
# Failures are summarised by errors.py. The server is started here and stopped by its PID.
# Usage: bash local_lambda_stream_test.sh path/to/sls
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
command -v curl >/dev/null || { echo "local_lambda_stream_test: curl is missing"; exit 1; }
command -v node >/dev/null || { echo "local_lambda_stream_test: node is missing"; exit 1; }
"$PY" -c 'from botocore.eventstream import EventStreamBuffer' 2>/dev/null ||
  { echo "local_lambda_stream_test: botocore (python3-boto3) is missing"; exit 1; }
JS=$SRC/tests/e2e/local_lambda_stream/js
[ -d "$JS/node_modules/@aws-sdk/client-lambda" ] ||
  { echo "local_lambda_stream_test: @aws-sdk/client-lambda is missing: run scripts/install-deps.sh"; exit 1; }

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL
APP=$WORK/app
mkdir -p "$APP"
cp -r "$SRC/tests/e2e/local_lambda_stream/template.yaml" "$SRC/tests/e2e/local_lambda_stream/src" \
  "$SRC/tests/e2e/local_lambda_stream/events.py" "$SRC/tests/e2e/local_lambda_stream/errors.py" \
  "$APP/"
ID='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
NL=$'\n'
PID=""
trap '[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

(cd "$APP" && exec "$SLS" local-lambda -p 0 --no-sandbox --no-tables >"$WORK/server.out" \
  2>"$WORK/server.err") &
PID=$!
wait_listening "$PID" "$WORK/server.out" "$WORK/server.err" || exit 1

# stream FUNCTION PAYLOAD [CURL ARGS...]: InvokeWithResponseStream with curl; prints one line per
# event, "<arrival ms> <type> <message type> <content type> <payload>", and leaves the response
# head in $WORK/head.
stream() {
  local fn=$1 payload=$2
  shift 2
  curl -sN -D "$WORK/head" -X POST --data-binary "$payload" "$@" \
    "$URL/2021-11-15/functions/$fn/response-streaming-invocations" | "$PY" "$APP/events.py"
}
# without_times: the events without their arrival times.
without_times() { cut -d' ' -f2-; }
# errors: a failed call's events, summarised (errors.py).
errors() { "$PY" "$APP/errors.py"; }
head_field() { tr -d '\r' <"$WORK/head" | sed -n "s/^$1: //Ip"; }

######################################################## a streamed response, piece by piece
EV=$(stream Streamer '{"n":1}')
check "stream: the events, in order" \
  "PayloadChunk event application/octet-stream first 1;${NL}PayloadChunk event application/octet-stream second at W;${NL}InvokeComplete event application/json {}" \
  "$(printf '%s\n' "$EV" | without_times | sed 's/second at [0-9]*;/second at W;/')"
first_at=$(printf '%s\n' "$EV" | sed -n 1p | cut -d' ' -f1)
second_written=$(printf '%s\n' "$EV" | sed -n 2p | sed 's/.*second at \([0-9]*\);.*/\1/')
# The function waits 300 ms between its two writes: a first piece held back until the end would
# arrive after the second was written.
check "stream: the first PayloadChunk reached the client before the second piece was written" \
  "yes" "$([ "$first_at" -lt "$second_written" ] && echo yes)"
check "stream: 200 with the event-stream headers" \
  "HTTP/1.1 200 OK|application/vnd.amazon.eventstream|\$LATEST|chunked" \
  "$(tr -d '\r' <"$WORK/head" | head -1)|$(head_field Content-Type)|$(head_field X-Amz-Executed-Version)|$(head_field Transfer-Encoding)"
check_re "stream: the request id names the invocation" "^$ID\$" "$(head_field x-amzn-RequestId)"
check_re "stream: the invocation's REPORT line carries that request id" \
  "REPORT RequestId: $(head_field x-amzn-RequestId)" "$(cat "$WORK/server.err")"

##################################################################################### backpressure
# 48 MiB to a client that reads 16 MB/s (3 s) from a function that writes as fast as its stream
# takes it (pipeline()): sls reads the function only as fast as the client drains, so its own
# memory holds about 1 MiB of it (its queue), not the tens of MB the function runs ahead by
# without flow control. Its peak resident size (VmHWM) may grow a few MB (buffers), not 16.
# The events are summed up as "<bytes of b> <the other payloads> <InvokeComplete's payload>".
peak_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$PID/status"; }
before_kb=$(peak_kb)
SUM=$(curl -sN --limit-rate 16M -X POST --data-binary '{"mib":48}' \
  "$URL/2021-11-15/functions/Big/response-streaming-invocations" | "$PY" -c '
import sys
from botocore.eventstream import EventStreamBuffer
buf, bs, other, complete = EventStreamBuffer(), 0, b"", b""
for data in iter(lambda: sys.stdin.buffer.read(65536), b""):
    buf.add_data(data)
    for m in buf:
        p = m.payload
        if m.headers[":event-type"] == "InvokeComplete":
            complete = p
        elif other == b"" and p == b"b" * len(p):
            bs += len(p)
        else:
            other += p
print(bs, other.decode(), complete.decode())')
after_kb=$(peak_kb)
check_re "backpressure: every byte arrives, in order" '^50331648 end at [0-9]+; \{\}$' "$SUM"
# AddressSanitizer keeps freed memory in quarantine: there the peak says nothing.
if grep -q __asan_init "$SLS"; then
  echo "local_lambda_stream_test: AddressSanitizer build, sls's peak memory not checked"
else
  check "backpressure: sls did not hold what the client had not read (peak grew < 16 MB)" "yes" \
    "$([ $((after_kb - before_kb)) -lt 16384 ] && echo yes || echo "no: ${before_kb} -> ${after_kb} kB")"
fi

############################################################################ failing mid-stream
# InvokeComplete names the error trailer's type and carries the whole error document.
check "error mid-stream: the piece sent, then InvokeComplete with the error" \
  "PayloadChunk partial;${NL}InvokeComplete Error Error: mid-stream boom [trace]" \
  "$(stream StreamFails '{}' | without_times | errors)"

############################################################# a function that does not stream
check "buffered: the whole response is one PayloadChunk" \
  "PayloadChunk event application/octet-stream {\"hello\": \"world\", \"event\": {\"k\": 1}}${NL}InvokeComplete event application/json {}" \
  "$(stream Buffered '{"k":1}' | without_times)"

############################################################## a function that does not stream fails
# Its error document is the payload, then InvokeComplete says Unhandled and repeats it.
EV=$(stream BufferedFails '{}' | without_times)
check "buffered error: the document as a PayloadChunk, then Unhandled with it" \
  "PayloadChunk Exception: buffered boom [trace]${NL}InvokeComplete Unhandled Exception: buffered boom [trace] (the payload)" \
  "$(printf '%s\n' "$EV" | errors)"
check_re "buffered error: the document names the invocation" \
  "^PayloadChunk event application/octet-stream \\{\"errorMessage\": \"buffered boom\", \"errorType\": \"Exception\", \"requestId\": \"$(head_field x-amzn-RequestId)\"" \
  "$(printf '%s\n' "$EV" | sed -n 1p)"

########################################################################################## Tail
EV=$(stream Buffered '{}' -H 'X-Amz-Log-Type: Tail' | without_times)
check "tail: the response as a PayloadChunk" \
  'PayloadChunk event application/octet-stream {"hello": "world", "event": {}}' \
  "$(printf '%s\n' "$EV" | sed -n 1p)"
check_re "tail: InvokeComplete carries LogResult only" \
  '^InvokeComplete event application/json \{"LogResult":"[A-Za-z0-9+/=]+"\}$' \
  "$(printf '%s\n' "$EV" | sed -n 2p)"
LOG=$(printf '%s\n' "$EV" | sed -n 2p | sed 's/.*"LogResult":"\([^"]*\)".*/\1/' | base64 -d)
check_re "tail: the log of the invocation, START to REPORT" \
  "^START RequestId: ($ID) Version: \\\$LATEST${NL}buffered handler ran${NL}END RequestId: ($ID)${NL}REPORT RequestId: ($ID)" \
  "$LOG"

################################################################################# refusals, DryRun
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -X POST --data-binary '{}' \
  -H 'X-Amz-Invocation-Type: Event' "$URL/2021-11-15/functions/Streamer/response-streaming-invocations")
check "Event: 400 ValidationException" \
  "400 {\"Type\":\"User\",\"message\":\"1 validation error detected: Value 'Event' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [RequestResponse, DryRun]\"}" \
  "$code $(cat "$WORK/body")"
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -X POST --data-binary '{}' \
  -H 'X-Amz-Invocation-Type: DryRun' "$URL/2021-11-15/functions/Streamer/response-streaming-invocations")
check "DryRun: 204, nothing run" "204 " "$code $(cat "$WORK/body")"
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -X POST --data-binary '{}' \
  "$URL/2021-11-15/functions/Nope/response-streaming-invocations")
check "unknown function: 404 ResourceNotFoundException" \
  '404 {"Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope:$LATEST","Type":"User"}' \
  "$code $(cat "$WORK/body")"

############################################## the plain Invoke API still gets the whole body
body=$(curl -s -X POST --data-binary '{"n":3}' "$URL/2015-03-31/functions/Streamer/invocations")
check "Invoke of a streaming function: the whole streamed body at once" "first 3;second at W;" \
  "$(printf '%s' "$body" | sed 's/second at [0-9]*;/second at W;/')"

############################################################ the AWS SDK for JavaScript v3
# sdk FUNCTION PAYLOAD [Tail]: js/invoke_stream.mjs's lines (its stderr, where Node prints its
# warnings, goes to $WORK/sdk.err).
sdk() { node "$JS/invoke_stream.mjs" "$URL" "$@" 2>>"$WORK/sdk.err"; }
check "SDK: the events of a streamed response" \
  "200 \$LATEST${NL}{\"PayloadChunk\":\"first 2;\"}${NL}{\"PayloadChunk\":\"second at W;\"}${NL}{\"InvokeComplete\":{}}" \
  "$(sdk Streamer '{"n":2}' | sed 's/second at [0-9]*;/second at W;/')"
check "SDK: an error mid-stream" \
  "200 \$LATEST${NL}PayloadChunk partial;${NL}InvokeComplete Error Error: mid-stream boom [trace]" \
  "$(sdk StreamFails '{}' | errors)"
check "SDK: a function that does not stream fails" \
  "200 \$LATEST${NL}PayloadChunk Exception: buffered boom [trace]${NL}InvokeComplete Unhandled Exception: buffered boom [trace] (the payload)" \
  "$(sdk BufferedFails '{}' | errors)"
check "SDK: a buffered response with Tail" \
  "200 \$LATEST${NL}{\"PayloadChunk\":\"{\\\"hello\\\": \\\"world\\\", \\\"event\\\": {}}\"}${NL}{\"InvokeComplete\":{\"LogResult\":\"has REPORT\"}}" \
  "$(sdk Buffered '{}' Tail)"

kill -TERM "$PID"
wait "$PID"
RC=$?
PID=""
check "SIGTERM: exit 0" 0 "$RC"
finish
