# sls local-table driven by unmodified boto3 (client, resource and dynamodbstreams APIs): every
# scenario in table/boto3_scenarios.py is one check.
#   bash tests/e2e/table_boto3_test.sh path/to/sls
#   SLS_TABLE_ENDPOINT=http://127.0.0.1:8000 bash tests/e2e/table_boto3_test.sh
. "$(dirname "$0")/table_lib.sh"
require_client "python3" "$PYTHON"
"$PYTHON" -c 'import boto3' 2>/dev/null ||
  table_bail "boto3 is not importable by $PYTHON (scripts/install-deps.sh installs python3-boto3)"
table_start
run_scenarios "boto3_scenarios.py" "$PYTHON" "$SRC/tests/e2e/table/boto3_scenarios.py" "$ENDPOINT"
table_finish
