# `sls invoke` end to end: python, node and provided.al2023 functions of a real template run as
# Lambda runs them: result on stdout, START/END/REPORT on stderr, errors, timeouts, crashes,
# init errors, out of memory, --env-vars precedence, context fields, 5 MB payloads, events from
# stdin, the template's tables served to the function, and the sandboxes (sls's own, and
# bubblewrap's) this machine allows.
# Usage: bash invoke_test.sh path/to/sls
. "$(dirname "$0")/lib.sh"

APP=$WORK/app
cp -r "$SRC/tests/e2e/invoke" "$APP"
T=$APP/template.yaml
PY=$(python3 -c 'import sys; print(sys.executable)')
ID='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
MS='[0-9]+\.[0-9]{2} ms'
TAB=$'\t'

# check_re NAME REGEX ACTUAL: ACTUAL matches the extended regex (anchored by the caller).
# line PREFIX: the first stderr line starting with PREFIX.
line() { printf '%s\n' "$ERR" | grep -m1 "^$1" || true; }
# field EXPR: EXPR evaluated in Python on d = stdout parsed as JSON.
field() { printf '%s' "$OUT" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
invoke() { run "$SLS" invoke -t "$T" "$@"; }

############################################################## python: result and log lines
invoke PyHello
check "python: the result alone on stdout" '{"hello": "world"}' "$OUT"
check "python: exit 0 on success" 0 "$RC"
check_re "python: INIT_START names the local runtime" \
  '^INIT_START Runtime Version: python:3\.[0-9]+\.local$' "$(line INIT_START)"
check_re "python: START line" "^START RequestId: $ID Version: \\\$LATEST$" "$(line START)"
check "python: the function's output is on stderr" "hello from PyHello" "$(line 'hello from')"
check_re "python: END line" "^END RequestId: $ID$" "$(line END)"
check_re "python: REPORT line, tab-separated, with Init Duration on a cold start" \
  "^REPORT RequestId: $ID${TAB}Duration: $MS${TAB}Billed Duration: [0-9]+ ms${TAB}Memory Size: 256 MB${TAB}Max Memory Used: [1-9][0-9]* MB${TAB}Init Duration: $MS${TAB}$" \
  "$(line REPORT)"
rid=$(line START | sed 's/^START RequestId: \([^ ]*\).*/\1/')
check "python: START, END and REPORT name one request" "$rid $rid" \
  "$(line END | cut -d' ' -f3) $(line REPORT | cut -d"$TAB" -f1 | cut -d' ' -f3)"
order=$(printf '%s\n' "$ERR" | grep -E '^(INIT_START|START|hello from|END|REPORT)' | cut -d' ' -f1)
check "python: lines in Lambda's order" "INIT_START START hello END REPORT" "$(echo $order)"

run "$SLS" invoke -t "$T" PyHello -e - <<<'{"name":"stdin"}'
check "python: the event read from stdin" '{"hello": "stdin"}' "$OUT"
printf '{"name":"file"}' >"$WORK/event.json"
invoke PyHello -e "$WORK/event.json"
check "python: the event read from a file" '{"hello": "file"}' "$OUT"

############################################################## python: failures
invoke PyError
check "python error: exit status 3" 3 "$RC"
check "python error: the runtime's error document" \
  "['errorMessage', 'errorType', 'requestId', 'stackTrace'] Handler fails Exception True" \
  "$(field '" ".join(map(str, [sorted(d), d["errorMessage"], d["errorType"], "raise Exception" in d["stackTrace"][-1]]))')"
check_re "python error: REPORT says Status: error" "${TAB}Init Duration: $MS${TAB}Status: error${TAB}$" "$(line REPORT)"

invoke PyTimeout
check "timeout: exit status 3" 3 "$RC"
tid=$(line START | sed 's/^START RequestId: \([^ ]*\).*/\1/')
check "timeout: Sandbox.Timedout document" \
  "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: $tid Error: Task timed out after 1.00 seconds\"}" "$OUT"
check_re "timeout: the timeout line" \
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z $tid Task timed out after 1\.00 seconds$" \
  "$(printf '%s\n' "$ERR" | grep 'Task timed out')"
check_re "timeout: REPORT with the clamped Duration and Status: timeout" \
  "^REPORT RequestId: $tid${TAB}Duration: 1000\.00 ms${TAB}Billed Duration: [0-9]+ ms${TAB}Memory Size: 256 MB${TAB}Max Memory Used: [0-9]+ MB${TAB}Init Duration: $MS${TAB}Status: timeout${TAB}$" \
  "$(line REPORT)"

invoke PyCrash
cid=$(line START | sed 's/^START RequestId: \([^ ]*\).*/\1/')
check "crash: exit status 3" 3 "$RC"
check "crash: Runtime.ExitError with the exit status" \
  "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: $cid Error: Runtime exited with error: exit status 3\"}" "$OUT"
check_re "crash: REPORT names the error type" "${TAB}Status: error${TAB}Error Type: Runtime.ExitError${TAB}$" "$(line REPORT)"

invoke PyImport
check "import error: exit status 3" 3 "$RC"
check "import error: the init error document" \
  "{\"errorMessage\": \"Unable to import module 'missing': No module named 'missing'\", \"errorType\": \"Runtime.ImportModuleError\", \"requestId\": \"\", \"stackTrace\": []}" \
  "$OUT"
check_re "import error: INIT_REPORT" \
  "^INIT_REPORT Init Duration: $MS${TAB}Phase: init${TAB}Status: error${TAB}Error Type: Runtime.ImportModuleError${TAB}$" \
  "$(line INIT_REPORT)"

############################################################## memory: killed at MemorySize
# bytearray(300 MiB) at MemorySize 128 (spec §6): whether a cgroup or the sampler catches it, the
# caller sees Runtime.OutOfMemory and REPORT shows the cap as Max Memory Used.
invoke PyHog
oid=$(line START | sed 's/^START RequestId: \([^ ]*\).*/\1/')
check "out of memory: exit status 3" 3 "$RC"
check "out of memory: Runtime.OutOfMemory with signal: killed" \
  "{\"errorType\":\"Runtime.OutOfMemory\",\"errorMessage\":\"RequestId: $oid Error: Runtime exited with error: signal: killed\"}" "$OUT"
check "out of memory: the crash lines" \
  "RequestId: $oid Error: Runtime exited with error: signal: killed|Runtime.OutOfMemory" \
  "$(printf '%s\n' "$ERR" | grep -A1 "^RequestId: $oid Error" | paste -sd'|')"
check_re "out of memory: REPORT with Max Memory Used = Memory Size and the error type" \
  "^REPORT RequestId: $oid${TAB}Duration: $MS${TAB}Billed Duration: [0-9]+ ms${TAB}Memory Size: 128 MB${TAB}Max Memory Used: 128 MB${TAB}Init Duration: $MS${TAB}Status: error${TAB}Error Type: Runtime.OutOfMemory${TAB}$" \
  "$(line REPORT)"
invoke PyHog -e - <<<'{"mb":20}'
check "under MemorySize the same handler succeeds" "0 {\"allocated_mb\": 20}" "$RC $OUT"
check_re "... with Max Memory Used under the cap" \
  "${TAB}Memory Size: 128 MB${TAB}Max Memory Used: ([2-9][0-9]|1[01][0-9]|12[0-7]) MB${TAB}Init Duration: $MS${TAB}$" \
  "$(line REPORT)"

############################################################## environment and context
invoke PyEnv -n "$APP/env.json"
check "env: template, Globals and --env-vars precedence; reserved names kept" \
  "{'FROM_TEMPLATE': 'template', 'SHARED': 'function', 'GLOBAL_VAR': 'from-globals', 'OVERRIDDEN': 'function-entry', 'BY_PARAMETERS': 'parameters', 'UNDECLARED': None, 'AWS_SAM_LOCAL': 'true', 'TZ': 'Europe/Paris', 'AWS_LAMBDA_FUNCTION_NAME': 'PyEnv', 'AWS_REGION': 'us-east-1'}" \
  "$(AWS_REGION= field 'd')"

AWS_REGION=eu-west-3 run "$SLS" invoke -t "$T" PyContext
rid=$(line START | sed 's/^START RequestId: \([^ ]*\).*/\1/')
check "context: name, memory, request id and ARN" \
  "context-fn 256 $rid arn:aws:lambda:eu-west-3:123456789012:function:context-fn True" \
  "$(field 'd["function_name"], d["memory_limit_in_mb"], d["aws_request_id"], d["invoked_function_arn"], d["remaining_ms"] > 0' | tr -d "(),'")"
check_re "context: the log stream name's shape" '^[0-9]{4}/[0-9]{2}/[0-9]{2}/\[\$LATEST\][0-9a-f]{32}$' \
  "$(field 'd["log_stream_name"]')"

############################################################## large payloads
"$PY" -c 'import json; print(json.dumps({"data": "x" * (5 * 1024 * 1024)}))' >"$WORK/big.json"
invoke PyEcho -e "$WORK/big.json"
check "5 MB event in and out" "0 5242880" "$RC $(field 'len(d["data"])')"
"$PY" -c 'print("x" * 6291457)' >"$WORK/huge.json"
invoke PyEcho -e "$WORK/huge.json"
check "an event over 6 MB is refused" \
  "1 sls: error: Request must be smaller than 6291456 bytes for the InvokeFunction operation" "$RC $ERR"

############################################################## node
invoke NodeSync
check "node: a callback handler's result" '{"sync":true,"name":"NodeSync"}' "$OUT"
check_re "node: console.log lines carry time, request id and level" \
  "^[0-9T:.-]+Z${TAB}$ID${TAB}INFO${TAB}sync handler$" "$(printf '%s\n' "$ERR" | grep "INFO${TAB}sync handler")"
check_re "node: INIT_START" '^INIT_START Runtime Version: nodejs:20\.local$' "$(line INIT_START)"
invoke NodeAsync -e "$WORK/event.json"
check "node: an async handler's result" '{"async":true,"got":{"name":"file"},"remaining":true}' "$OUT"
invoke NodeStream
check "node: a streamed response" "0 hello stream" "$RC $OUT"
# Its first piece is on stdout while the function still runs (2 s before its second).
"$SLS" invoke -t "$T" NodeStream -e - <<<'{"pause_ms": 2000}' >"$WORK/stream.out" 2>/dev/null &
spid=$!
for _ in $(seq 150); do [ -s "$WORK/stream.out" ] && break; sleep 0.02; done
early="$(cat "$WORK/stream.out") $(kill -0 $spid 2>/dev/null && echo running || echo ended)"
wait $spid
check "node: a streamed response is printed as it comes" "hello  running|hello stream" \
  "$early|$(cat "$WORK/stream.out")"
# 64 MB streamed to a reader that waits a second: every byte arrives, and sls holds the
# function back meanwhile instead of gathering the stream (its peak RSS stays far below 64 MB).
big=$("$PY" - "$SLS" "$T" <<'EOF'
import resource, subprocess, sys, time
p = subprocess.Popen([sys.argv[1], "invoke", "-t", sys.argv[2], "NodeBigStream", "-e", "-"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
p.stdin.write(b'{"mb": 64}')
p.stdin.close()
time.sleep(1)
data = p.stdout.read()
p.wait()
rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(p.returncode, len(data), data.count(b"x"), "small" if rss_mb < 40 else "rss=%dMB" % rss_mb)
EOF
)
# AddressSanitizer keeps freed memory in quarantine: there the peak says nothing.
if grep -q __asan_init "$SLS"; then big="${big% *} small"; fi
check "node: a 64 MB stream to a slow reader, whole, with bounded memory" \
  "0 67108865 67108864 small" "$big"
invoke NodeError
check "node error: exit 3 and the error document with trace" "3 Error boom Error: boom" \
  "$RC $(field 'd["errorType"], d["errorMessage"], d["trace"][0]' | tr -d "(),'")"

############################################################## provided.al2023
mkdir -p "$APP/shell"
cat >"$APP/shell/bootstrap" <<'SH'
#!/bin/sh
api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
while true; do
  head=$(mktemp)
  event=$(curl -sS -D "$head" "$api/invocation/next")
  id=$(grep -i '^lambda-runtime-aws-request-id:' "$head" | tr -d '\r' | cut -d' ' -f2)
  echo "shell got $id"
  curl -sS -o /dev/null -X POST "$api/invocation/$id/response" -d "{\"echo\":$event,\"env\":\"${AWS_EXECUTION_ENV:-unset}\"}"
done
SH
chmod +x "$APP/shell/bootstrap"
invoke Shell -e "$WORK/event.json"
check "provided: the bootstrap's answer; no AWS_EXECUTION_ENV" '{"echo":{"name":"file"},"env":"unset"}' "$OUT"
sid=$(line START | sed 's/^START RequestId: \([^ ]*\).*/\1/')
check "provided: its output, no INIT_START" "shell got $sid|" "$(line 'shell got')|$(line INIT_START)"
rm "$APP/shell/bootstrap"
invoke Shell
check "provided: no bootstrap is Runtime.InvalidEntrypoint" "3 Runtime.InvalidEntrypoint" "$RC $(field 'd["errorType"]')"
# A bootstrap built for another architecture than the function's cannot run in Lambda, even
# where this machine could run it.
if [ "$(uname -m)" = x86_64 ]; then
  mkdir -p "$APP/shellarm"
  cp "$(type -P true)" "$APP/shellarm/bootstrap"
  invoke ShellArm
  aid=$(line START | sed 's/^START RequestId: \([^ ]*\).*/\1/')
  check "provided: an x86_64 bootstrap of an arm64 function is Lambda's exec format error" \
    "3 Runtime.InvalidEntrypoint|RequestId: $aid Error: fork/exec $APP/shellarm/bootstrap: exec format error" \
    "$RC $(field 'd["errorType"]')|$(field 'd["errorMessage"]')"
fi

############################################################## the template's tables
# A function writes through AWS_ENDPOINT_URL_DYNAMODB with boto3; a second invocation (a new
# sls process) reads the item back from .sls/tables.db next to the template.
TAPP=$WORK/tables
cp -r "$SRC/tests/e2e/invoke_tables" "$TAPP"
tinvoke() {
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 \
    run "$SLS" invoke -t "$TAPP/template.yaml" Notes "$@"
}
tinvoke -e - <<<'{"id":"n1","text":"hello table"}'
check "tables: the function wrote and read the template's table" \
  '0 {"id": "n1", "text": "hello table"}' "$RC $OUT"
check_re "tables: served on a loopback port, from .sls/tables.db" \
  "^info: tables served at http://127\\.0\\.0\\.1:[0-9]+ \\(data in .*/tables/\\.sls/tables\\.db\\)$" \
  "$(line 'info: tables served')"
tinvoke -e - <<<'{"id":"n1"}'
check "tables: a later invocation reads the item back" '{"id": "n1", "text": "hello table"}' "$OUT"
check "tables: the item is in the store's file" "yes" \
  "$([ -s "$TAPP/.sls/tables.db" ] && echo yes)"
tinvoke --db "$WORK/other.db" -e - <<<'{"id":"n1"}'
check "--db: another store, without the item" "0 null yes" \
  "$RC $OUT $([ -s "$WORK/other.db" ] && echo yes)"
tinvoke --no-tables -e - <<<'{"endpoint_only":true}'
check "--no-tables: no endpoint, no server" '{"endpoint": null}|' \
  "$OUT|$(line 'info: tables served')"
tinvoke --dynamodb-endpoint http://127.0.0.1:8000 -e - <<<'{"endpoint_only":true}'
check "--dynamodb-endpoint: passed to the function as it is" \
  '{"endpoint": "http://127.0.0.1:8000"}|' "$OUT|$(line 'info: tables served')"
tinvoke --dynamodb-endpoint http://x --no-tables
check "--dynamodb-endpoint excludes --no-tables" "1" "$RC"
invoke PyHello
check "a template without tables starts no table server" "" "$(line 'info: tables served')"

############################################################## choosing the function
invoke Nope
check "unknown function: exit 1 and SAM's message" "1 sls: error: Function Nope not found in template" "$RC $ERR"
invoke
check "several functions and none named: exit 1" 1 "$RC"
mkdir -p "$WORK/one"
cp -r "$APP/python" "$WORK/one/"
printf 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Only:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: python/, Handler: app.hello, Runtime: python3.11}\n' >"$WORK/one/template.yaml"
(cd "$WORK/one" && run "$SLS" invoke && check "the only function runs without a name" '{"hello": "world"}' "$OUT")

############################################################## nothing left behind
# The runtime ends as Lambda ends one without extensions (SIGKILL of its process group), and sls
# exits without waiting for the kernel to tear it down: within moments nothing of it remains.
gone() { [ ! -e "/proc/$1" ] || grep -q ') Z ' "/proc/$1/stat" 2>/dev/null; }
invoke PyBackground --no-sandbox
check "background child: the invocation succeeds" 0 "$RC"
child=$(field 'd["child"]')
envtmp=$(field 'd["tmp"]')
for _ in $(seq 200); do gone "$child" && break; sleep 0.01; done
check "a process the handler left running is gone after sls exits" "gone" \
  "$(gone "$child" && echo gone || echo "left: $(tr '\0' ' ' <"/proc/$child/cmdline")")"
check "the environment's /tmp is removed" "removed" \
  "$([ -n "$envtmp" ] && [ ! -e "$envtmp" ] && echo removed || echo "kept: '$envtmp'")"

############################################################## sandbox
# Each sandbox this machine can make: sls's own (user and mount namespaces), then bubblewrap's
# (SLS_SANDBOX chooses one); without either, the sandboxed checks are skipped.
sandboxes=()
run env SLS_SANDBOX=namespaces "$SLS" --debug invoke -t "$T" PyHello
printf '%s\n' "$ERR" | grep -q '^debug: runtime: sandbox: namespaces$' && sandboxes+=(namespaces)
if bwrap --ro-bind / / --dev /dev --proc /proc --size 1048576 --tmpfs /tmp true 2>/dev/null; then
  sandboxes+=(bwrap)
fi
echo "# sandboxes here: ${sandboxes[*]:-none}"
touch "$WORK/marker"
tmp_file=/tmp/sls-invoke-test-$$
printf '{"marker":"%s","tmp_file":"%s"}' "$WORK/marker" "$tmp_file" >"$WORK/sandbox.json"
printf '{"fill_mb": 601}' >"$WORK/fill.json"
boxed() { run env SLS_SANDBOX="$box" "$SLS" invoke -t "$T" "$@"; }
for box in "${sandboxes[@]}"; do
  run env SLS_SANDBOX="$box" "$SLS" --debug invoke -t "$T" PySandbox -e "$WORK/sandbox.json"
  check "sandbox ($box): the code directory is read-only, /tmp is private" \
    '{"code_writable": false, "sees_host_file": false}' "$OUT"
  check "sandbox ($box): the one asked for" "1" \
    "$(printf '%s\n' "$ERR" | grep -c "^debug: runtime: sandbox: .*$box$")"
  check "sandbox ($box): nothing written to the host's /tmp" "no" \
    "$([ -e "$tmp_file" ] && echo yes || echo no)"
  # Lambda's cap on open files, 1,024 (soft and hard).
  boxed PyOpenFiles
  check "sandbox ($box): open files are capped at 1,024" "[1024, 1024]" "$OUT"
  # EphemeralStorage (600 MB here): /tmp has that size and a file past it fails with ENOSPC.
  boxed PyTmp -e "$WORK/fill.json"
  check "sandbox ($box): /tmp has EphemeralStorage's size; a file past it is ENOSPC" \
    '0 {"tmp_mb": 600, "fill": "ENOSPC"}' "$RC $OUT"
done
invoke PySandbox -e "$WORK/sandbox.json" --no-sandbox
check "--no-sandbox: the code directory is writable, /tmp is the host's" \
  '{"code_writable": true, "sees_host_file": true} yes' "$OUT $([ -e "$tmp_file" ] && echo yes)"
rm -f "$tmp_file"
invoke PyOpenFiles --no-sandbox
check "--no-sandbox: open files are capped at 1,024" "[1024, 1024]" "$OUT"

# Lambda's cap on processes and threads, 1,024 in all, where this machine has a pids cgroup
# (cgroup v1's pids hierarchy, or v2 with the pids controller delegated).
run "$SLS" --debug invoke -t "$T" PyThreads --no-sandbox
if printf '%s\n' "$ERR" | grep -q 'tasks cap by cgroup'; then
  check "--no-sandbox: the main thread and 1,023 more" "0 1023" "$RC $OUT"
  for box in "${sandboxes[@]}"; do
    boxed PyThreads
    if [ "$box" = bwrap ]; then
      check_re "sandbox (bwrap): bwrap's processes count too" "^0 102[0-2]$" "$RC $OUT"
    else
      check "sandbox ($box): the runtime is the only process" "0 1023" "$RC $OUT"
    fi
  done
else
  check "no pids cgroup here: the threads are not capped" "0 1100" "$RC $OUT"
fi

# Without the sandbox the write past EphemeralStorage succeeds on the host's disk, and sls
# says so at the end.
invoke PyTmp -e "$WORK/fill.json" --no-sandbox
check "--no-sandbox: a /tmp past EphemeralStorage is written, then reported" \
  "written|warning: PyTmp's /tmp held 601 MB, more than its EphemeralStorage of 600 MB: in Lambda, writes past 600 MB fail with ENOSPC (No space left on device)" \
  "$(field 'd["fill"]')|$(line 'warning: PyTmp')"


############################################################## head start
# A second `sls invoke` with the same arguments starts the runtime before main, from the launch
# the first recorded; the function's code loads only once sls has checked that launch.
A=$APP/ahead
sed -i "s|MARKS_FILE|$WORK/marks|" "$A/template.yaml"
ahead() { run "$SLS" --debug invoke -t "$A/template.yaml" Ahead --no-sandbox; }
started_ahead() { printf '%s\n' "$ERR" | grep -c 'was started before main' || true; }
ahead
check "head start: none the first time" "first 0" "$(field 'd["mark"]') $(started_ahead)"
ahead
check "head start: the second run is started ahead" "first 1" "$(field 'd["mark"]') $(started_ahead)"
check_re "... with a /tmp of its own, removed at the end" "^/.*/sls-env-[A-Za-z0-9]{6} gone$" \
  "$(field 'd["tmp"]') $([ -e "$(field 'd["tmp"]')" ] && echo kept || echo gone)"
sed -i 's/MARK: first/MARK: second/' "$A/template.yaml"
ahead
check "head start: a changed template: the stale process is not used" "second 0" \
  "$(field 'd["mark"]') $(started_ahead)"
check "head start: the stale process never loaded the function's code" "first first second" \
  "$(echo $(cat "$WORK/marks"))"
ahead
check "head start: the new launch is used next" "second 1" "$(field 'd["mark"]') $(started_ahead)"
run "$SLS" --debug invoke -t "$T" PyOpenFiles --no-sandbox
run "$SLS" --debug invoke -t "$T" PyOpenFiles --no-sandbox
check "head start: open files are capped at 1,024" "[1024, 1024] 1" "$OUT $(started_ahead)"
run "$SLS" --debug invoke -t "$T" NodeSync
run "$SLS" --debug invoke -t "$T" NodeSync
check "head start: node (in the sandbox where there is one)" '{"sync":true,"name":"NodeSync"} 1' \
  "$OUT $(started_ahead)"

finish
