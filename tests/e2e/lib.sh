# Shared helpers for the end-to-end tests: each test is `bash X_test.sh path/to/sls`.
# A test counts its checks and ends with a plain "N passed, M failed" line.
set -uo pipefail
SLS=${1:?usage: bash $0 path/to/sls}
SLS=$(cd "$(dirname "$SLS")" && pwd)/$(basename "$SLS")
SRC=${SLS_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sls-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# What sls keeps between its runs (probe answers, the launches `sls invoke` records) stays in
# the test's own directory.
export XDG_RUNTIME_DIR=$WORK/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
passed=0
failed=0

# check NAME EXPECTED ACTUAL: exact comparison, with a diff on failure.
check() {
  if [ "$2" == "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $1"
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/    /'
  fi
}

# check_re NAME REGEX ACTUAL: passes when ACTUAL matches the extended REGEX.
check_re() {
  if [[ $3 =~ $2 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL: %s\n    regex:  %s\n    actual: %s\n' "$1" "$2" "$3"
  fi
}

# run CMD...: sets OUT, ERR and RC.
run() {
  OUT=$("$@" 2>"$WORK/stderr")
  RC=$?
  ERR=$(cat "$WORK/stderr")
}

# wait_listening PID OUT ERR: polls (20 s at most) until the server PID prints its
# "Listening on http://127.0.0.1:PORT" line to the file OUT, then sets URL and PORT. When the
# server exits or the time is up, prints why (the file ERR) and returns 1.
wait_listening() {
  local pid=$1 out=$2 err=$3 deadline=$((SECONDS + 20))
  until grep -q '^Listening on ' "$out" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "FAIL: the server did not start: $(cat "$err")"
      return 1
    fi
    sleep 0.02
  done
  URL=$(sed -n 's|^Listening on ||p' "$out")
  PORT=${URL##*:}
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
