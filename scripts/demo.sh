#!/usr/bin/env bash
# demo.sh: install what is missing, build sls, and run it on the bundled example app
# (templates/notes-python): validate its template and print the findings.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j "$(nproc)"
app=templates/notes-python
echo "\$ sls validate $app/template.yaml"
status=0
./build/sls validate "$app/template.yaml" || status=$?
if [ "$status" -eq 0 ]; then echo "no errors (exit 0)"; else echo "exit status $status"; fi
exit "$status"
