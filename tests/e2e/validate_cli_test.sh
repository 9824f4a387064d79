# sls validate as a shell script or pre-commit hook meets it: exit statuses, the gcc-form
# lines, several files in one call, rule selection, JSON output, help and version.
. "$(dirname "$0")/lib.sh"
cd "$WORK"
export SLS_TODAY=2026-11-23  # runtime deprecation is judged against this date

cat > good.yaml <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key.zip
      Handler: app.handler
      Runtime: python3.12
YAML
cat > bad.yaml <<'YAML'
Transform: AWS::Serverless-2016-10-31
Bogus: 1
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key.zip
      Handler: app.handler
      Runtime: python3.12
YAML
cat > dup.yaml <<'YAML'
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Handler: app.other
YAML
printf 'Resources:\n  A: [1, 2\n' > broken.yaml

run "$SLS" validate good.yaml
check "a clean template exits 0" "0" "$RC"
check "a clean template prints nothing" "" "$OUT"

run "$SLS" validate bad.yaml
check "errors exit 2" "2" "$RC"
check "errors print one gcc-form line each" \
  "bad.yaml:2:1: error E1001 Additional properties are not allowed ('Bogus' was unexpected)" "$OUT"

run "$SLS" validate dup.yaml
check "a duplicate key is located at its second place and stops further checks" \
  "2:dup.yaml:6:7: error E0000 Duplicate found \"Handler\" (first at line 5, column 7)" "$RC:$OUT"

run "$SLS" validate broken.yaml
check "a YAML syntax error is a located E0000 finding" \
  "broken.yaml:3:1: error E0000 end of sequence flow not found" "$OUT"
check "a YAML syntax error exits 2" "2" "$RC"

run "$SLS" validate good.yaml bad.yaml dup.yaml missing.yaml
check "several templates in one call report every file, in order" \
"bad.yaml:2:1: error E1001 Additional properties are not allowed ('Bogus' was unexpected)
dup.yaml:6:7: error E0000 Duplicate found \"Handler\" (first at line 5, column 7)
missing.yaml: error E0000 cannot read template: missing.yaml" "$OUT"

run "$SLS" validate --ignore-checks E1001 --ignore-checks E0000 bad.yaml dup.yaml
check "--ignore-checks may repeat and silences the rules" "0:" "$RC:$OUT"
run "$SLS" validate --ignore-checks E1001,E0000 bad.yaml dup.yaml
check "--ignore-checks takes a comma-separated list" "0:" "$RC:$OUT"
run "$SLS" validate --ignore-checks E --include-checks E1001 bad.yaml
check "--include-checks wins over --ignore-checks" \
  "bad.yaml:2:1: error E1001 Additional properties are not allowed ('Bogus' was unexpected)" "$OUT"

cat > warn.yaml <<'YAML'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key.zip
      Handler: app.handler
      Runtime: python3.10
YAML
run "$SLS" validate warn.yaml
check "warnings alone exit 0 and are printed" \
  "0:warn.yaml:8:16: warning W2531 Runtime 'python3.10' was deprecated on 2026-10-31; creating functions with it is blocked from 2027-02-01 and updating them from 2027-03-03. Consider python3.14" \
  "$RC:$OUT"
run "$SLS" validate --strict warn.yaml
check "--strict makes warnings exit 4" "4" "$RC"
run "$SLS" --quiet validate warn.yaml bad.yaml
check "--quiet prints errors only" \
  "2:bad.yaml:2:1: error E1001 Additional properties are not allowed ('Bogus' was unexpected)" "$RC:$OUT"

run "$SLS" validate -t good.yaml
check "-t/--template names the template" "0" "$RC"
cp good.yaml template.yaml
run "$SLS" validate
check "without a template, template.yaml here is validated" "0" "$RC"

run "$SLS" --output json validate bad.yaml dup.yaml
check "--output json prints cfn-lint-shaped JSON" "E1001 2 1 Error bad.yaml|E0000 6 7 Error dup.yaml" \
  "$(printf '%s' "$OUT" | python3 -c '
import json, sys
rows = []
for f in json.load(sys.stdin):
    start = f["Location"]["Start"]
    rows.append("%s %d %d %s %s" % (f["Rule"]["Id"], start["LineNumber"], start["ColumnNumber"], f["Level"], f["Filename"]))
print("|".join(rows))')"

run "$SLS" validate --format nonsense good.yaml
check "an unknown --format is a usage error (exit 1) that names the choices" \
  "1:--format: nonsense not in {text,json,sarif,junit}" "$RC:$(printf '%s\n' "$ERR" | head -n 1)"
run "$SLS" frobnicate
check "an unknown command is a usage error (exit 1) that names it" \
  "1:The following argument was not expected: frobnicate" "$RC:$(printf '%s\n' "$ERR" | head -n 1)"

mkdir -p cfg && cp bad.yaml cfg/app.yaml
cat > cfg/samconfig.toml <<'TOML'
version = 0.1
[default.validate.parameters]
template_file = "app.yaml"
[ci.validate.parameters]
template_file = "other.yaml"
TOML
(cd cfg && run "$SLS" validate && check "samconfig.toml's template_file names the template" \
  "2:app.yaml:2:1: error E1001 Additional properties are not allowed ('Bogus' was unexpected)" \
  "$RC:$OUT"
 run "$SLS" --config-env ci validate && check "--config-env picks the samconfig environment" \
  "2:other.yaml: error E0000 cannot read template: other.yaml" "$RC:$OUT"
 echo "$passed $failed" > ../counts)
read -r passed failed < counts

run "$SLS" --version
check "--version prints the version" "sls 0.1.0" "$OUT"
run "$SLS" help validate
check "sls help validate shows the validate usage" "1" "$(printf '%s' "$OUT" | grep -c '^Usage: sls validate')"
HELP_TOPIC=$OUT
run "$SLS" --output json validate --help
check "a command's --help, after global options, is its help topic" "$HELP_TOPIC" "$OUT"
run "$SLS" --help
check "sls --help lists every command" "validate local-table generate-event invoke local-lambda help" \
  "$(printf '%s\n' "$OUT" | sed -n '/^Subcommands:/,$p' | tail -n +2 | awk 'NF > 1 {printf "%s%s", sep, $1; sep=" "}')"
run "$SLS" help nonsense
check "sls help with an unknown command fails" "1:sls: error: no such command: nonsense" "$RC:$ERR"

finish
