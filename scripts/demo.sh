#!/usr/bin/env bash
# demo.sh: install what is missing, build sls, and run it on the bundled example app
# (templates/notes-python): validate its template, then serve its DynamoDB table from the
# embedded SQLite store (templates/notes-python/.sls/tables.db) and write and read a note
# through the DynamoDB API, as the app's function would.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j "$(nproc)"
app=templates/notes-python
sls=./build/sls

echo "\$ sls validate $app/template.yaml"
status=0
"$sls" validate "$app/template.yaml" || status=$?
if [ "$status" -ne 0 ]; then echo "exit status $status"; exit "$status"; fi
echo "no errors (exit 0)"

echo
echo "\$ sls local-table -t $app/template.yaml --port 0"
out=$(mktemp)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -f "$out"
}
trap cleanup EXIT
"$sls" local-table -t "$app/template.yaml" --port 0 >"$out" &
server=$!
endpoint=""
for _ in $(seq 100); do
  endpoint=$(sed -n 's/^Listening on //p' "$out")
  [ -n "$endpoint" ] && break
  kill -0 "$server" 2>/dev/null || { echo "sls local-table exited early" >&2; exit 1; }
  sleep 0.1
done
[ -n "$endpoint" ] || { echo "sls local-table did not start" >&2; exit 1; }
echo "Listening on $endpoint (data in $app/.sls/tables.db)"

call() {  # call OPERATION JSON: one DynamoDB API request, as the SDKs send it
  echo "> $1 $2"
  curl -s "$endpoint" -H 'Content-Type: application/x-amz-json-1.0' \
    -H "X-Amz-Target: DynamoDB_20120810.$1" -d "$2"
  echo
}
call ListTables '{}'
note_id="demo-$(date +%s)"
call PutItem "{\"TableName\":\"notes-dev\",\"Item\":{\"id\":{\"S\":\"$note_id\"},\"text\":{\"S\":\"hello from sls\"}},\"ReturnConsumedCapacity\":\"TOTAL\"}"
call GetItem "{\"TableName\":\"notes-dev\",\"Key\":{\"id\":{\"S\":\"$note_id\"}}}"
call Scan '{"TableName":"notes-dev","Select":"COUNT"}'
