#!/usr/bin/env bash
# `sls validate --format sarif` output is valid against the SARIF 2.1.0 JSON schema, on small
# templates made here (clean, invalid, unparsable, unreadable, odd file names) and on the SAM
# translator conformance inputs when shared/ is beside the source tree.
# Usage: bash sarif_test.sh path/to/sls
# Needs python3 with jsonschema (Debian: python3-jsonschema) and the schema that npm's
# @microsoft/jest-sarif ships (or SARIF_SCHEMA=path/to/sarif-schema-2.1.0.json); prints a
# "skipped" line and exits 0 when either is missing.
set -euo pipefail

sls=${1:?usage: bash sarif_test.sh path/to/sls}
sls=$(cd "$(dirname "$sls")" && pwd)/$(basename "$sls")
source_dir=${SLS_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}

find_schema() {
  if [[ -n ${SARIF_SCHEMA:-} ]]; then
    echo "$SARIF_SCHEMA"
    return
  fi
  local roots=("$source_dir/node_modules")
  if command -v npm >/dev/null; then roots+=("$(npm root -g 2>/dev/null)"); fi
  local root
  for root in "${roots[@]}"; do
    local f="$root/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
    if [[ -f $f ]]; then
      echo "$f"
      return
    fi
  done
}

find_python() {
  local py
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import jsonschema' 2>/dev/null; then
      echo "$py"
      return
    fi
  done
}

schema=$(find_schema)
python=$(find_python)
if [[ -z $schema || ! -f $schema ]]; then
  echo "sarif_test: skipped: no SARIF 2.1.0 schema (npm install -g @microsoft/jest-sarif)"
  exit 0
fi
if [[ -z $python ]]; then
  echo "sarif_test: skipped: no python3 with jsonschema (apt-get install python3-jsonschema)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p "dir with space"
cat >clean.yaml <<'EOF'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
EOF
cat >invalid.yaml <<'EOF'
AWSTemplateFormatVersion: "2010-09-09"
Foo: bar
Outputs: []
EOF
printf 'Resources:\n  A: [unclosed\n' >unparsable.yaml
cp invalid.yaml "dir with space/a&b <c>.yaml"
cp invalid.yaml "$work/absolute.yaml"

# check NAME FILE...: renders FILEs as SARIF (exit 0 or 2 expected) and checks the log.
check() {
  local name=$1
  shift
  local rc=0
  "$sls" validate --format sarif "$@" >"$name.sarif" 2>"$name.err" || rc=$?
  if [[ $rc -ne 0 && $rc -ne 2 ]]; then
    echo "FAIL $name: sls exited $rc: $(head -c 300 "$name.err")"
    return 1
  fi
  if ! "$python" - "$schema" "$name.sarif" "$#" <<'PY'; then
import json, sys
from urllib.parse import urlsplit
import jsonschema

schema_path, log_path, n_files = sys.argv[1], sys.argv[2], int(sys.argv[3])
schema = json.load(open(schema_path, encoding="utf-8"))
log = json.load(open(log_path, encoding="utf-8"))
errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(log)]
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
for r in run["results"]:
    if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
        errors.append(f"ruleIndex {r['ruleIndex']} is not rule {r['ruleId']}")
    loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
    uri = urlsplit(loc["uri"])
    if (uri.scheme == "") != ("uriBaseId" in loc):
        errors.append(f"uri {loc['uri']}: relative exactly when uriBaseId is set")
    if " " in loc["uri"]:
        errors.append(f"uri {loc['uri']} is not percent-encoded")
if [x["id"] for x in rules] != sorted({r["ruleId"] for r in run["results"]}):
    errors.append("rules are not exactly the rules with results, sorted")
for e in errors[:20]:
    print("  " + e)
sys.exit(1 if errors else 0)
PY
    echo "FAIL $name: $name.sarif is not valid SARIF 2.1.0 (above)"
    return 1
  fi
  echo "ok $name"
}

failed=0
check clean clean.yaml || failed=1
check findings clean.yaml invalid.yaml unparsable.yaml "dir with space/a&b <c>.yaml" \
  "$work/absolute.yaml" "$work/missing.yaml" || failed=1
corpus=$source_dir/../shared/conformance/sam-translator/input
if [[ -d $corpus ]]; then
  check conformance "$corpus"/*.yaml || failed=1
else
  echo "sarif_test: conformance corpus not found at $corpus; checked the local templates only"
fi
if [[ $failed -ne 0 ]]; then
  echo "sarif_test: FAILED"
  exit 1
fi
echo "sarif_test: all SARIF logs valid"
