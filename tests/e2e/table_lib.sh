# Shared helpers for the DynamoDB client suites (table_*_test.sh): start `sls local-table`
# in memory, wait for its "Listening on" line, export ENDPOINT, and stop it by PID at the end.
#
#   bash tests/e2e/table_X_test.sh path/to/sls
#   SLS_TABLE_ENDPOINT=http://127.0.0.1:8000 bash tests/e2e/table_X_test.sh
#
# With SLS_TABLE_ENDPOINT set nothing is started: the suite runs against that endpoint
# (another emulator, or an sls started by hand). Every suite names its tables with a random
# suffix and deletes them, so suites can share one endpoint.
# The sls path is optional only when an endpoint is given; lib.sh resolves it either way.
if [ -n "${SLS_TABLE_ENDPOINT:-}" ] && [ $# -eq 0 ]; then set -- sls; fi
SLS_GIVEN=${1:-}
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The clients the suites drive. The defaults are Debian's packages (CI installs them with
# scripts/install-deps.sh); a PATH shim such as pyenv's must not replace them silently.
AWS_CLI=${AWS_CLI:-/usr/bin/aws}
PYTHON=${PYTHON:-/usr/bin/python3}
NODE=${NODE:-$(command -v node || echo node)}
readonly TABLE_START_TIMEOUT_S=10  # the server must print its line within this time
readonly TABLE_STOP_TIMEOUT_S=10   # and exit within this time after SIGTERM

# Dummy credentials: the SDKs refuse to send unsigned requests, and any values are accepted.
export AWS_ACCESS_KEY_ID=AKIDLOCALTEST AWS_SECRET_ACCESS_KEY=local-secret
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_PAGER=""
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

SERVER_PID=""
trap 'table_kill; rm -rf "$WORK"' EXIT

# table_kill: the EXIT trap's stop, for a suite that ends early.
table_kill() {
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
  fi
}

# table_bail MESSAGE: a setup failure; counts as a failed check and ends the suite.
table_bail() {
  failed=$((failed + 1))
  echo "FAIL: $1"
  finish
  exit 1
}

# require_client NAME PATH: a missing client is a failure, never a silent skip.
require_client() {
  if ! command -v "$2" >/dev/null 2>&1; then
    table_bail "$1 not found at '$2' (scripts/install-deps.sh installs it)"
  fi
}

# table_start: start `sls local-table --port 0 --in-memory` (or use SLS_TABLE_ENDPOINT) and
# export ENDPOINT.
table_start() {
  if [ -n "${SLS_TABLE_ENDPOINT:-}" ]; then
    export ENDPOINT=$SLS_TABLE_ENDPOINT
    echo "using the running endpoint $ENDPOINT"
    return
  fi
  [ -x "$SLS" ] || table_bail "no sls binary at '$SLS_GIVEN'"
  "$SLS" local-table --port 0 --in-memory >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  local deadline=$((SECONDS + TABLE_START_TIMEOUT_S)) line=""
  while [ $SECONDS -le $deadline ]; do
    # A whole line (newline included) has been written.
    if [ "$(wc -l <"$WORK/server.out")" -ge 1 ]; then
      line=$(head -n 1 "$WORK/server.out")
      break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      SERVER_PID=""
      table_bail "sls local-table exited before listening: $(cat "$WORK/server.err")"
    fi
    sleep 0.05
  done
  if [[ ! $line =~ ^Listening\ on\ (http://127\.0\.0\.1:[0-9]+)$ ]]; then
    table_bail "sls local-table did not print 'Listening on http://127.0.0.1:PORT' within" \
      "${TABLE_START_TIMEOUT_S} s (stdout: '$line', stderr: $(cat "$WORK/server.err"))"
  fi
  export ENDPOINT=${BASH_REMATCH[1]}
}

# table_finish: stop the server (checking the SIGTERM contract) and print the summary.
table_finish() {
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID"
    local deadline=$((SECONDS + TABLE_STOP_TIMEOUT_S))
    while kill -0 "$SERVER_PID" 2>/dev/null && [ $SECONDS -le $deadline ]; do sleep 0.05; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      check "sls local-table stops within ${TABLE_STOP_TIMEOUT_S} s of SIGTERM" "stopped" "running"
      kill -KILL "$SERVER_PID"
    fi
    wait "$SERVER_PID"
    check "sls local-table exits 0 on SIGTERM" "0" "$?"
    check "sls local-table printed exactly one line on stdout" "1" "$(wc -l <"$WORK/server.out")"
    SERVER_PID=""
  fi
  finish
}

# run_scenarios LABEL CMD...: run a scenario program that prints "PASS name" / "FAIL name: why"
# lines; each line counts as one check, and the program's exit status must agree with them.
run_scenarios() {
  local label=$1 rc nfail
  shift
  "$@" >"$WORK/scenarios.out" 2>"$WORK/scenarios.err"
  rc=$?
  cat "$WORK/scenarios.out"
  nfail=$(grep -c '^FAIL ' "$WORK/scenarios.out")
  passed=$((passed + $(grep -c '^PASS ' "$WORK/scenarios.out")))
  failed=$((failed + nfail))
  check "$label exits 1 exactly when a scenario failed" "$([ "$nfail" -eq 0 ] && echo 0 || echo 1)" "$rc"
  [ "$rc" -le 1 ] || sed 's/^/    stderr: /' "$WORK/scenarios.err"
}

# unique_name PREFIX: a table name no other run uses.
unique_name() {
  printf '%s_%s_%04x%04x\n' "$1" "$$" "$RANDOM" "$RANDOM"
}
