# The Python and Node.js bootstraps sls ships (lib/runtime/bootstraps) run handler fixtures
# against a mock Runtime API exactly as Lambda's managed runtimes would: result and error
# documents byte for byte, init errors, context fields, log line formats, response streaming.
# Usage: bash bootstrap_test.sh path/to/sls (the binary is not used: the bootstraps run alone).
. "$(dirname "$0")/lib.sh"

BOOT=$SRC/lib/runtime/bootstraps
FIX=$SRC/tests/e2e/runtime/fixtures
MOCK=$SRC/tests/e2e/runtime/mock_runtime_api.py
# The interpreter itself, not a version-manager shim that costs a second per start.
PY=$(python3 -c 'import sys; print(sys.executable)')
TS='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z'
RID1=00000000-0000-4000-8000-000000000001
RID2=00000000-0000-4000-8000-000000000002
TAB=$'\t'
CR=$'\r'
NBSP=$'\u00a0'
runs=0

# check_re NAME REGEX ACTUAL: ACTUAL matches the extended regex (anchor it to pin the format).
# invoke LANG HANDLER EVENTS_JSON [VAR=VALUE...]: runs LANG's bootstrap on the fixtures under
# the mock Runtime API; the mock's record lands in $R (see mock_runtime_api.py).
invoke() {
  local lang=$1 handler=$2 events=$3 root command
  shift 3
  runs=$((runs + 1))
  R=$WORK/run$runs
  printf '%s' "$events" >"$R.events"
  root=$FIX/$lang
  if [ "$lang" = python ]; then command=("$PY" "$BOOT/python/bootstrap.py"); else
    command=(node "$BOOT/nodejs/bootstrap.mjs")
  fi
  (cd "$root" && env -u AWS_EXECUTION_ENV -u AWS_LAMBDA_LOG_FORMAT -u AWS_LAMBDA_LOG_LEVEL \
    -u _X_AMZN_TRACE_ID -u NODE_OPTIONS \
    LAMBDA_TASK_ROOT="$root" _HANDLER="$handler" AWS_LAMBDA_FUNCTION_NAME=test-fn \
    AWS_LAMBDA_FUNCTION_VERSION='$LATEST' AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256 \
    AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/test-fn \
    AWS_LAMBDA_LOG_STREAM_NAME='2026/08/22/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0' "$@" \
    "$PY" "$MOCK" --events "$R.events" --out "$R" --timeout 20 -- "${command[@]}")
}

# body N: what the runtime posted for event N; line N: line N (1-based) of the process's stdout.
body() { cat "$R/$1.body" 2>/dev/null; }
line() { sed -n "${1}p" "$R/stdout"; }
header() { grep -i "^$2: " "$R/$1.headers" 2>/dev/null | sed 's/^[^:]*: //'; }
# json FILE EXPR: EXPR evaluated in Python with d = the parsed document.
json() { "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

PROTOCOL_3="GET /2018-06-01/runtime/invocation/next
POST /2018-06-01/runtime/invocation/$RID1/response
GET /2018-06-01/runtime/invocation/next
POST /2018-06-01/runtime/invocation/$RID2/response
GET /2018-06-01/runtime/invocation/next
POST /2018-06-01/runtime/invocation/00000000-0000-4000-8000-000000000003/response
GET /2018-06-01/runtime/invocation/next"
IDENTITY='{"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"}'
CLIENT_CONTEXT='{"custom":{"k":"v"},"env":{"platform":"test"},"client":{"installation_id":"inst-1"}}'
CONTEXT_EVENT='[{"event":{},"headers":{"Lambda-Runtime-Cognito-Identity":"{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}","Lambda-Runtime-Client-Context":"{\"custom\":{\"k\":\"v\"},\"env\":{\"platform\":\"test\"},\"client\":{\"installation_id\":\"inst-1\"}}"}}]'
TRACE='Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1'
TRACE_EVENTS='[{"event":{},"headers":{"Lambda-Runtime-Trace-Id":"'$TRACE'"}},{"event":{}}]'

########################################################################## Python

invoke python app.count '[{"event":{}},{"event":{}},{"event":{}}]'
check "python: a warm process keeps its globals" "1 2 3" "$(body 0) $(body 1) $(body 2)"
check "python: post the result, then ask for the next event" "$PROTOCOL_3" "$(cat "$R/log")"
check "python: results are posted as application/json" "application/json" "$(header 0 content-type)"
check "python: the process is still waiting for work" "running" "$(cat "$R/exit")"

invoke python app.echo '[{"event":{"a":[1,2.5,"x"],"b":null}}]'
check "python: the event is the parsed JSON, re-encoded with Lambda's separators" \
  '{"a": [1, 2.5, "x"], "b": null}' "$(body 0)"

invoke python pkg/sub/mod.handler '[{"event":{}}]'
check "python: a handler path with slashes names a package module" '{"module": "pkg.sub.mod"}' \
  "$(body 0)"
invoke python pkg.sub.mod.handler '[{"event":{}}]'
check "python: a dotted handler names a package module" '{"module": "pkg.sub.mod"}' "$(body 0)"

invoke python app.context_fields "$CONTEXT_EVENT"
check "python: the context carries every field" \
  '{"function_name": "test-fn", "function_version": "$LATEST", "invoked_function_arn": "arn:aws:lambda:us-east-1:123456789012:function:test-fn", "memory_limit_in_mb": "256", "aws_request_id": "'$RID1'", "log_group_name": "/aws/lambda/test-fn", "log_stream_name": "2026/08/22/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0", "identity": ["id-1", "pool-1"], "client_context": {"custom": {"k": "v"}, "env": {"platform": "test"}, "installation_id": "inst-1"}}' \
  "$(body 0)"
invoke python app.context_fields '[{"event":{}}]'
check_re "python: without the optional headers the identity is empty and client_context None" \
  '"identity": \[null, null\], "client_context": null\}$' "$(body 0)"

invoke python app.remaining '[{"event":{},"deadline_ms":5000}]'
check_re "python: get_remaining_time_in_millis counts down to Lambda-Runtime-Deadline-Ms" \
  '^([1-4][0-9]{3}|5000)$' "$(body 0)"

invoke python app.environment "$TRACE_EVENTS" MY_VAR=mine
check "python: _X_AMZN_TRACE_ID is set from the trace header" \
  '{"_X_AMZN_TRACE_ID": "'$TRACE'", "AWS_LAMBDA_FUNCTION_NAME": "test-fn", "MY_VAR": "mine", "task_root_first": true}' \
  "$(body 0)"
check "python: _X_AMZN_TRACE_ID is removed when the next event has none" \
  '{"_X_AMZN_TRACE_ID": null, "AWS_LAMBDA_FUNCTION_NAME": "test-fn", "MY_VAR": "mine", "task_root_first": true}' \
  "$(body 1)"

invoke python app.fail '[{"event":{}}]'
frame="  File \\\"$FIX/python/app.py\\\", line 57, in fail\\n    raise Exception(\\\"Handler fails\\\")\\n"
check "python: a handler exception is posted as Lambda's error document" "error" \
  "$(cat "$R/0.kind")"
check "python: the error document names type, message, request id and user frames" \
  '{"errorMessage": "Handler fails", "errorType": "Exception", "requestId": "'$RID1'", "stackTrace": ["'"$frame"'"]}' \
  "$(body 0)"
check "python: the error is logged as one [ERROR] event, CR-joined, NBSP-indented" \
  "[ERROR] Exception: Handler fails${CR}Traceback (most recent call last):${CR}${NBSP}${NBSP}File \"$FIX/python/app.py\", line 57, in fail${CR}${NBSP}${NBSP}${NBSP}${NBSP}raise Exception(\"Handler fails\")" \
  "$(line 1)"
check_re "python: the error post carries an X-Ray cause" '^\{"working_directory": ".*"exceptions": \[\{"message": "Handler fails", "type": "Exception"' \
  "$(header 0 lambda-runtime-function-xray-error-cause)"

invoke python app.fail_key '[{"event":{}}]'
check_re "python: str() of the exception is the message" \
  "^\\{\"errorMessage\": \"'missing'\", \"errorType\": \"KeyError\"" "$(body 0)"

invoke python app.decimals '[{"event":{}}]'
check "python: Decimal is written verbatim, NaN allowed, namedtuples as objects, bytes as text" \
  '{"price": 1.10, "big": 1E+2, "nan": NaN, "float": 1.5, "inf": Infinity, "tuple": [1, 2], "point": {"x": 3, "y": 4}, "bytes": "abc", "1": "int key", "null": "none key"}' \
  "$(body 0)"

invoke python app.unserializable '[{"event":{}}]'
check "python: a result JSON cannot hold is Runtime.MarshalError" \
  '{"errorMessage": "Unable to marshal response: Object of type set is not JSON serializable", "errorType": "Runtime.MarshalError", "requestId": "'$RID1'", "stackTrace": []}' \
  "$(body 0)"
check "python: the marshal error's log line" \
  "[ERROR] Runtime.MarshalError: Unable to marshal response: Object of type set is not JSON serializable${CR}Traceback (most recent call last):" \
  "$(line 1)"

invoke python app.echo '[{"body":"not json"}]'
check "python: an event that is not JSON is Runtime.UnmarshalError" \
  '{"errorMessage": "Unable to unmarshal input: Expecting value: line 1 column 1 (char 0)", "errorType": "Runtime.UnmarshalError", "requestId": "'$RID1'", "stackTrace": []}' \
  "$(body 0)"
invoke python app.echo '[{"event":{},"headers":{"Lambda-Runtime-Client-Context":"{bad"}}]'
check_re "python: an unreadable client context is Runtime.LambdaContextUnmarshalError" \
  '^\{"errorMessage": "Unable to parse Client Context JSON: Expecting property name enclosed in double quotes: line 1 column 2 \(char 1\)", "errorType": "Runtime.LambdaContextUnmarshalError"' \
  "$(body 0)"

invoke python app.unicode '[{"event":{}}]'
check "python: before python3.12 non-ASCII characters are escaped" '{"s": "caf\u00e9 \u2603"}' \
  "$(body 0)"
invoke python app.unicode '[{"event":{}}]' AWS_EXECUTION_ENV=AWS_Lambda_python3.13
check "python: from python3.12 non-ASCII characters are written as UTF-8" \
  '{"s": "café ☃"}' "$(body 0)"

invoke python app.raw_bytes '[{"event":{}}]'
check "python: bytes are posted as they are" "00726177" "$(od -An -tx1 "$R/0.body" | tr -d ' \n')"
check "python: bytes are posted as application/unknown" "application/unknown" \
  "$(header 0 content-type)"
invoke python app.nothing '[{"event":{}}]'
check "python: None is null" "null" "$(body 0)"

invoke python app.logs '[{"event":{}}]'
check "python: print goes to stdout unchanged" "plain print" "$(line 1)"
check_re "python: logging uses [LEVEL]<TAB>time<TAB>request id<TAB>message" \
  "^\\[WARNING\\]${TAB}${TS}${TAB}${RID1}${TAB}warning formatted\$" "$(line 2)"
check_re "python: INFO shows once the root logger allows it, for child loggers too" \
  "^\\[INFO\\]${TAB}${TS}${TAB}${RID1}${TAB}info after setLevel\$" "$(line 3)"
check "python: context.log writes as given" "context log" "$(line 4)"
check "python: the root logger starts at WARNING" "4" "$(wc -l <"$R/stdout" | tr -d ' ')"
check "python: stderr stays stderr" "to stderr" "$(cat "$R/stderr")"

invoke python app.logs '[{"event":{}}]' AWS_LAMBDA_LOG_FORMAT=JSON AWS_LAMBDA_LOG_LEVEL=INFO
check_re "python: JSON logs carry timestamp, level, message, logger, requestId" \
  '^\{"timestamp": "[0-9-]{10}T[0-9:]{8}Z", "level": "INFO", "message": "info before setLevel is dropped", "logger": "root", "requestId": "'$RID1'"\}$' \
  "$(line 2)"
invoke python app.fail '[{"event":{}}]' AWS_LAMBDA_LOG_FORMAT=JSON
check_re "python: with JSON logs an error is one JSON object" \
  '^\{"timestamp": "[0-9-]{10}T[0-9:]{8}Z", "log_level": "ERROR", "errorMessage": "Handler fails", "errorType": "Exception", "requestId": "'$RID1'", "stackTrace": \[' \
  "$(line 1)"

WARNING_RE="^\\[WARNING\\]${TAB}${TS}${TAB}${TAB}LAMBDA_WARNING: Unhandled exception\\. The most likely cause is an issue in the function code\\. .* https://docs\\.aws\\.amazon\\.com/lambda/latest/dg/runtimes-update\\.html${CR}\$"
# init_case NAME HANDLER TYPE BODY: the init error posted, its header, log lines and exit.
py_init_case() {
  invoke python "$2" '[{"event":{}}]'
  check "python: $1: init error document" "$4" "$(cat "$R/init_error.body" 2>/dev/null)"
  check "python: $1: error type header" "$3" "$(grep -i '^lambda-runtime-function-error-type: ' "$R/init_error.headers" | sed 's/^[^:]*: //')"
  check "python: $1: exit status 1, no event taken" "1|" "$(cat "$R/exit")|$(cat "$R/0.kind" 2>/dev/null)"
  check_re "python: $1: LAMBDA_WARNING line" "$WARNING_RE" "$(line 1)"
}
py_init_case "missing module" nothere.handler Runtime.ImportModuleError \
  '{"errorMessage": "Unable to import module '\''nothere'\'': No module named '\''nothere'\''", "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}'
check "python: missing module: the [ERROR] line" \
  "[ERROR] Runtime.ImportModuleError: Unable to import module 'nothere': No module named 'nothere'${CR}Traceback (most recent call last):" \
  "$(line 2)"
py_init_case "missing dependency" imports_missing.handler Runtime.ImportModuleError \
  '{"errorMessage": "Unable to import module '\''imports_missing'\'': No module named '\''not_a_real_dependency'\''", "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}'
py_init_case "missing handler" app.nothere Runtime.HandlerNotFound \
  '{"errorMessage": "Handler '\''nothere'\'' missing on module '\''app'\''", "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []}'
py_init_case "malformed handler" app Runtime.MalformedHandlerName \
  '{"errorMessage": "Bad handler '\''app'\'': not enough values to unpack (expected 2, got 1)", "errorType": "Runtime.MalformedHandlerName", "requestId": "", "stackTrace": []}'
py_init_case "built-in module" sys.handler Runtime.BuiltInModuleConflict \
  '{"errorMessage": "Cannot use built-in module sys as a handler module", "errorType": "Runtime.BuiltInModuleConflict", "requestId": "", "stackTrace": []}'
py_init_case "syntax error" broken_syntax.handler Runtime.UserCodeSyntaxError \
  '{"errorMessage": "Syntax error in module '\''broken_syntax'\'': '"$("$PY" -c 'import sys
try:
    compile(open(sys.argv[1]).read(), "broken_syntax.py", "exec")
except SyntaxError as e:
    print(e)' "$FIX/python/broken_syntax.py")"'", "errorType": "Runtime.UserCodeSyntaxError", "requestId": "", "stackTrace": ["  File \"'"$FIX"'/python/broken_syntax.py\" Line 1\n    def handler(event, context)\n"]}'
invoke python raises_at_import.handler '[{"event":{}}]'
check "python: an exception at import is posted with its own type" "ValueError|bad config|" \
  "$(json "$R/init_error.body" 'd["errorType"] + "|" + d["errorMessage"] + "|" + d["requestId"]')"
check "python: its stack ends at the user's line" \
  "  File \"$FIX/python/raises_at_import.py\", line 1, in <module>
    raise ValueError(\"bad config\")" "$(json "$R/init_error.body" 'd["stackTrace"][-1]')"

# The bootstrap's own HTTP/1.1 client against every answer shape a Runtime API may use (see
# wire_runtime_api.py): chunked with an extension and a trailer, Connection: close, a 100
# Continue first, HTTP/1.0 ended by the close, an idle kept-alive connection closed (the next
# request is retried on a new one), and finally a 500 it cannot go on after.
W=$WORK/wire
(cd "$FIX/python" && env -u AWS_EXECUTION_ENV LAMBDA_TASK_ROOT="$FIX/python" _HANDLER=app.echo \
  "$PY" "$SRC/tests/e2e/runtime/wire_runtime_api.py" --out "$W" --timeout 20 -- \
  "$PY" "$BOOT/python/bootstrap.py" 2>"$WORK/wire.stderr")
NEXT="GET /2018-06-01/runtime/invocation/next "
check "python: the Runtime API client reads every answer shape and retries a closed idle connection" \
  "$NEXT
POST /2018-06-01/runtime/invocation/r1/response {\"n\": 1}
$NEXT
POST /2018-06-01/runtime/invocation/r2/response {\"n\": 2}
$NEXT
POST /2018-06-01/runtime/invocation/r3/response {\"n\": 3}
$NEXT" "$(cat "$W/log")"
check "python: a failed next ends the runtime with status 1" "1" "$(cat "$W/exit")"
check_re "python: ... naming the status and body" "Failed to get next invocation: 500 b'oops!'" \
  "$(tail -1 "$WORK/wire.stderr")"

########################################################################## Node.js

invoke nodejs app.count '[{"event":{}},{"event":{}},{"event":{}}]'
check "node: a warm process keeps its globals" "1 2 3" "$(body 0) $(body 1) $(body 2)"
check "node: post the result, then ask for the next event" "$PROTOCOL_3" "$(cat "$R/log")"
check "node: results are posted as application/json" "application/json" "$(header 0 content-type)"

invoke nodejs app.echo '[{"event":{"a":[1,2.5,"x"],"b":null}}]'
check "node: the event is the parsed JSON, re-encoded by JSON.stringify" '{"a":[1,2.5,"x"],"b":null}' \
  "$(body 0)"
invoke nodejs app.nested.deeper.handler '[{"event":{}}]'
check "node: file.a.b.c resolves property by property" '{"nested":true}' "$(body 0)"
invoke nodejs esm.handler '[{"event":{"n":1}}]'
check "node: an .mjs module is ESM, with top-level await" \
  '{"esm":true,"topLevelAwait":"yes","event":{"n":1}}' "$(body 0)"
invoke nodejs typemod/app.handler '[{"event":{}}]'
check "node: a .js file under package.json type module is ESM" '{"module":true}' "$(body 0)"
invoke nodejs plain.handler '[{"event":{}}]'
check "node: a .cjs file is CommonJS" '{"cjs":true}' "$(body 0)"

invoke nodejs app.callback '[{"event":{}}]'
check "node: a callback handler's result" '{"via":"callback"}' "$(body 0)"
check_re "node: the callback's result waits for the event loop to empty" '^(3[0-9]{2}|[4-9][0-9]{2})$' \
  "$(cat "$R/0.elapsed_ms")"
check_re "node: callback handlers log the deprecation warning at init (request id undefined)" \
  "^${TS}${TAB}undefined${TAB}WARN${TAB}AWS Lambda plans to remove support for callback-based function handlers starting with Node\\.js 24\\. .* set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable\\.\$" \
  "$(line 1)"
check_re "node: the pending timer ran inside the invocation" "^${TS}${TAB}${RID1}${TAB}INFO${TAB}timer fired\$" \
  "$(line 2)"
invoke nodejs app.callbackNoWait '[{"event":{}}]' AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING=1
check "node: callbackWaitsForEmptyEventLoop = false answers at once" '{"waited":false}' "$(body 0)"
check_re "node: ... without waiting for the timer" '^([0-9]{1,2}|[12][0-9]{2})$' "$(cat "$R/0.elapsed_ms")"
check "node: the warning can be turned off" "" "$(cat "$R/stdout")"
invoke nodejs app.callbackError '[{"event":{}}]'
check "node: callback(error) posts the error" "TypeError|bad input|TypeError: bad input" \
  "$(json "$R/0.body" '"|".join([d["errorType"], d["errorMessage"], d["trace"][0]])')"
invoke nodejs app.succeed '[{"event":{}}]'
check "node: context.succeed posts the result" '{"via":"succeed"}' "$(body 0)"
invoke nodejs app.syncValue '[{"event":{}}]'
check "node: a synchronous handler's return value is ignored (null once the loop is empty)" \
  "null" "$(body 0)"

invoke nodejs app.thrown '[{"event":{}}]'
check "node: a thrown error is posted with errorType, errorMessage and trace" "error|Error|boom|Error: boom" \
  "$(cat "$R/0.kind")|$(json "$R/0.body" '"|".join([d["errorType"], d["errorMessage"], d["trace"][0]])')"
check "node: the error document has exactly those fields, in that order" "errorType,errorMessage,trace" \
  "$(json "$R/0.body" '",".join(d)')"
check_re "node: the trace points at the handler" '^    at exports\.thrown \[as handler\] \(.*/fixtures/nodejs/app\.js:[0-9]+:[0-9]+\)$' \
  "$(json "$R/0.body" 'd["trace"][1]')"
check_re "node: the error is logged as Invoke Error with the formatted error" \
  "^${TS}${TAB}${RID1}${TAB}ERROR${TAB}Invoke Error ${TAB}\\{\"errorType\":\"Error\",\"errorMessage\":\"boom\",\"stack\":\\[\"Error: boom\",\"    at exports\\.thrown .*\\]\\}\$" \
  "$(line 1)"
invoke nodejs app.rejected '[{"event":{}}]'
check "node: a rejected promise is posted as an error" "RangeError|out of range" \
  "$(json "$R/0.body" 'd["errorType"] + "|" + d["errorMessage"]')"
invoke nodejs app.rejectString '[{"event":{}}]'
check "node: a rejection with a non-Error is typed by typeof" \
  '{"errorType":"string","errorMessage":"plain string","trace":[]}' "$(body 0)"
invoke nodejs app.unserializable '[{"event":{}}]'
check "node: a result JSON.stringify rejects is an Error" "Error|Unable to stringify response body" \
  "$(json "$R/0.body" 'd["errorType"] + "|" + d["errorMessage"]')"

invoke nodejs app.contextFields "$CONTEXT_EVENT"
check "node: the context carries every field" \
  '{"functionName":"test-fn","functionVersion":"$LATEST","invokedFunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:test-fn","memoryLimitInMB":"256","awsRequestId":"'$RID1'","logGroupName":"/aws/lambda/test-fn","logStreamName":"2026/08/22/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0","identity":'"$IDENTITY"',"clientContext":'"$CLIENT_CONTEXT"',"callbackWaits":true,"hasDone":"function","remaining":"number"}' \
  "$(body 0)"
invoke nodejs app.remaining '[{"event":{},"deadline_ms":5000}]'
check_re "node: getRemainingTimeInMillis counts down to Lambda-Runtime-Deadline-Ms" '^([1-4][0-9]{3}|5000)$' \
  "$(body 0)"
invoke nodejs app.env "$TRACE_EVENTS"
check "node: _X_AMZN_TRACE_ID is set per invocation; awslambda is global" \
  '{"trace":"'$TRACE'","awslambda":"object","streamify":"function"}' "$(body 0)"
check "node: _X_AMZN_TRACE_ID is removed when the next event has none" \
  '{"trace":null,"awslambda":"object","streamify":"function"}' "$(body 1)"
invoke nodejs app.env '[{"event":{}}]' AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA=true
check "node: AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA leaves no global" \
  '{"trace":null,"awslambda":"undefined","streamify":"undefined"}' "$(body 0)"

invoke nodejs app.logs '[{"event":{}}]'
check_re "node: console.log is time<TAB>request id<TAB>INFO<TAB>util.format" \
  "^${TS}${TAB}${RID1}${TAB}INFO${TAB}hello world\$" "$(line 1)"
check_re "node: objects are formatted by util.format" "^${TS}${TAB}${RID1}${TAB}INFO${TAB}info \\{ a: 1 \\}\$" \
  "$(line 2)"
check_re "node: console.warn is WARN" "^${TS}${TAB}${RID1}${TAB}WARN${TAB}careful\$" "$(line 3)"
check_re "node: newlines in a message become CR" "^${TS}${TAB}${RID1}${TAB}ERROR${TAB}two${CR}lines\$" \
  "$(line 4)"
check_re "node: console.debug is DEBUG" "^${TS}${TAB}${RID1}${TAB}DEBUG${TAB}debugging\$" "$(line 5)"
check_re "node: console.trace is TRACE, without a stack" "^${TS}${TAB}${RID1}${TAB}TRACE${TAB}tracing\$" \
  "$(line 6)"
check "node: process.stdout.write stays raw" "raw stdout" "$(line 7)"
invoke nodejs app.logs '[{"event":{}}]' AWS_LAMBDA_LOG_FORMAT=JSON AWS_LAMBDA_LOG_LEVEL=WARN
check_re "node: JSON logs are timestamp, level, requestId, message" \
  "^\\{\"timestamp\":\"${TS}\",\"level\":\"WARN\",\"requestId\":\"${RID1}\",\"message\":\"careful\"\\}\$" \
  "$(line 1)"
check "node: AWS_LAMBDA_LOG_LEVEL drops lower levels" "3" "$(wc -l <"$R/stdout" | tr -d ' ')"

invoke nodejs stream.handler '[{"event":{}},{"event":{}}]'
check "node: a streamed response arrives whole" "first,second" "$(body 0)"
check "node: streaming uses the response mode header" "streaming" \
  "$(header 0 lambda-runtime-function-response-mode)"
check "node: streaming is chunked" "chunked" "$(header 0 transfer-encoding)"
check "node: streaming declares the error trailers" \
  "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body" "$(header 0 trailer)"
check "node: setContentType before the first write sets the type" "text/plain" \
  "$(header 0 content-type)"
check "node: each write is sent when made" "2" "$(cat "$R/0.chunks")"
check "node: a finished stream sends no trailers" "" "$(cat "$R/0.trailers")"
check "node: the next event follows a streamed response" '1:first,second' "$(cat "$R/1.kind" | wc -l):$(body 1)"
invoke nodejs stream.failing '[{"event":{}}]'
check "node: what was written before a failure is delivered" "partial" "$(body 0)"
check "node: a streaming failure is reported in the error-type trailer" "Error" \
  "$(grep -i '^lambda-runtime-function-error-type: ' "$R/0.trailers" | sed 's/^[^:]*: //')"
check "node: the error-body trailer is the base64 error document" "Error|stream broke|Error: stream broke" \
  "$(json "$R/0.error_body" '"|".join([d["errorType"], d["errorMessage"], d["trace"][0]])')"
invoke nodejs stream.http '[{"event":{}}]'
check "node: HttpResponseStream sends the prelude, 8 NUL bytes, then the body" \
  '{"statusCode":201,"headers":{"x-custom":"yes"}}|0000000000000000|body' \
  "$(head -c 47 "$R/0.body")|$(tail -c +48 "$R/0.body" | head -c 8 | od -An -tx1 | tr -d ' \n')|$(tail -c 4 "$R/0.body")"
check "node: with the http integration content type" \
  "application/vnd.awslambda.http-integration-response" "$(header 0 content-type)"

# node_init_case NAME HANDLER TYPE MESSAGE_REGEX [VAR=VALUE...]
node_init_case() {
  local name=$1 handler=$2 type=$3 message=$4
  shift 4
  invoke nodejs "$handler" '[{"event":{}}]' "$@"
  check "node: $name: init error type, header and exit status" "$type|$type|129" \
    "$(json "$R/init_error.body" 'd["errorType"]' 2>/dev/null)|$(grep -i '^lambda-runtime-function-error-type: ' "$R/init_error.headers" | sed 's/^[^:]*: //')|$(cat "$R/exit")"
  check_re "node: $name: message" "$message" "$(json "$R/init_error.body" 'd["errorMessage"]' 2>/dev/null)"
  check "node: $name: trace starts with the error" "$type: $(json "$R/init_error.body" 'd["errorMessage"].split(chr(10))[0]' 2>/dev/null)" \
    "$(json "$R/init_error.body" 'd["trace"][0]' 2>/dev/null)"
}
node_init_case "missing module" nothere.handler Runtime.ImportModuleError \
  "^Error: Cannot find module 'nothere'"$'\n'"Require stack:"$'\n'"- .*/bootstrap\\.mjs\$"
check_re "node: init errors are logged as Uncaught Exception" \
  "^${TS}${TAB}undefined${TAB}ERROR${TAB}Uncaught Exception ${TAB}\\{\"errorType\":\"Runtime.ImportModuleError\",\"errorMessage\":\"Error: Cannot find module 'nothere'\\\\n.*\"stack\":\\[\"Runtime.ImportModuleError: Error: Cannot find module 'nothere'\",.*\\]\\}\$" \
  "$(line 1)"
node_init_case "missing dependency" deps.handler Runtime.ImportModuleError \
  "^Error: Cannot find module 'not-a-real-dependency'"$'\n'"Require stack:"$'\n'"- .*/deps\\.js"
node_init_case "missing handler" app.nothere Runtime.HandlerNotFound '^app\.nothere is undefined or not exported$'
node_init_case "not a function" app.notAFunction Runtime.HandlerNotFound '^app\.notAFunction is not a function$'
node_init_case "malformed handler" app Runtime.MalformedHandlerName '^Bad handler$'
node_init_case "relative handler" ../app.echo Runtime.MalformedHandlerName \
  "^'\\.\\./app\\.echo' is not a valid handler name\\. Use absolute paths when specifying root directories in handler names\\.\$"
node_init_case "syntax error" broken.handler Runtime.UserCodeSyntaxError "^SyntaxError: Unexpected token ';'\$"
invoke nodejs throws_at_load.handler '[{"event":{}}]'
check "node: an error thrown at load is posted with its own type" "Error|bad config|Error" \
  "$(json "$R/init_error.body" 'd["errorType"] + "|" + d["errorMessage"]')|$(grep -i '^lambda-runtime-function-error-type: ' "$R/init_error.headers" | sed 's/^[^:]*: //')"

# nodejs24.x: callback handlers refused, handlers awaited, no context.done.
NODE24=AWS_EXECUTION_ENV=AWS_Lambda_nodejs24.x
node_init_case "nodejs24.x callback handler" callback24.handler Runtime.CallbackHandlerDeprecated \
  '^ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node\.js 24\. You need to modify this function to use a supported handler signature to use Node\.js 24 or later\. For more information see https://docs\.aws\.amazon\.com/lambda/latest/dg/nodejs-handler\.html\.$' \
  "$NODE24"
check_re "node: nodejs24.x logs init failures as Init Error" \
  "^${TS}${TAB}undefined${TAB}ERROR${TAB}Init Error ${TAB}\\{\"errorType\":\"Runtime.CallbackHandlerDeprecated\"" "$(line 1)"
invoke nodejs app.syncValue '[{"event":{}}]' "$NODE24"
check "node: nodejs24.x awaits a synchronous handler's value" "42" "$(body 0)"
invoke nodejs app.contextFields '[{"event":{}}]' "$NODE24"
check_re "node: nodejs24.x has no callbackWaitsForEmptyEventLoop nor context.done" \
  '"hasDone":"undefined","remaining":"number"\}$' "$(body 0)"
check "node: ... and no callbackWaits field" "False" "$(json "$R/0.body" '"callbackWaits" in d')"
invoke nodejs app.unserializable '[{"event":{}}]' "$NODE24"
check "node: nodejs24.x names an unserializable result Runtime.JSONStringifyError" \
  "Runtime.JSONStringifyError|Unable to stringify response body" \
  "$(json "$R/0.body" 'd["errorType"] + "|" + d["errorMessage"]')"
invoke nodejs defaultexport.handler '[{"event":{}}]' "$NODE24"
check "node: nodejs24.x finds the handler on the default export" '{"fromDefault":true}' "$(body 0)"
invoke nodejs stream.handler '[{"event":{}}]' "$NODE24"
check "node: nodejs24.x streams" "first,second|streaming" \
  "$(body 0)|$(header 0 lambda-runtime-function-response-mode)"

finish
