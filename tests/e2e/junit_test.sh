#!/usr/bin/env bash
# `sls validate --format junit` output is well-formed XML with one <testsuite> per file whose
# counts agree with its test cases, on small templates made here and on the SAM translator
# conformance inputs when shared/ is beside the source tree.
# Usage: bash junit_test.sh path/to/sls   (needs python3; prints "skipped" without it)
set -euo pipefail

sls=${1:?usage: bash junit_test.sh path/to/sls}
sls=$(cd "$(dirname "$sls")" && pwd)/$(basename "$sls")
source_dir=${SLS_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if ! command -v python3 >/dev/null; then
  echo "junit_test: skipped: no python3 to parse the XML"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' >clean.yaml
printf 'Foo: "a <b> & \\"c\\""\nOutputs: []\n' >'odd & <name>.yaml'
printf 'Resources:\n  A: [unclosed\n' >unparsable.yaml

# check NAME FILE...: renders FILEs as JUnit (exit 0 or 2 expected) and checks the XML.
check() {
  local name=$1
  shift
  local rc=0
  "$sls" validate --format junit "$@" >"$name.xml" 2>"$name.err" || rc=$?
  if [[ $rc -ne 0 && $rc -ne 2 ]]; then
    echo "FAIL $name: sls exited $rc: $(head -c 300 "$name.err")"
    return 1
  fi
  if ! python3 - "$name.xml" "$@" <<'PY'; then
import sys
import xml.etree.ElementTree as ET

path, files = sys.argv[1], sys.argv[2:]
errors = []
try:
    root = ET.parse(path).getroot()
except ET.ParseError as e:
    print(f"  not well-formed: {e}")
    sys.exit(1)
suites = root.findall("testsuite")
if root.tag != "testsuites":
    errors.append(f"root is <{root.tag}>")
if [s.get("name") for s in suites] != files:
    errors.append("one <testsuite> per file, in order, named by the path")
tests = failures = 0
for s in suites:
    cases = s.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    if not cases or int(s.get("tests")) != len(cases) or int(s.get("failures")) != len(failed):
        errors.append(f"{s.get('name')}: counts disagree with its test cases")
    tests, failures = tests + len(cases), failures + len(failed)
if int(root.get("tests")) != tests or int(root.get("failures")) != failures:
    errors.append("<testsuites> totals disagree with the suites")
for e in errors:
    print("  " + e)
sys.exit(1 if errors else 0)
PY
    echo "FAIL $name: $name.xml is not the JUnit report expected (above)"
    return 1
  fi
  echo "ok $name"
}

failed=0
check local clean.yaml 'odd & <name>.yaml' unparsable.yaml "$work/missing.yaml" || failed=1
corpus=$source_dir/../shared/conformance/sam-translator/input
if [[ -d $corpus ]]; then
  check conformance "$corpus"/*.yaml || failed=1
fi
if [[ $failed -ne 0 ]]; then
  echo "junit_test: FAILED"
  exit 1
fi
echo "junit_test: all JUnit reports valid"
