# sls local-table driven by the unmodified AWS SDK for JavaScript v3 (client-dynamodb and the
# lib-dynamodb DocumentClient, versions pinned in table/js/package-lock.json): every scenario in
# table/js/scenarios.mjs is one check.
#   bash tests/e2e/table_jssdk_test.sh path/to/sls
#   SLS_TABLE_ENDPOINT=http://127.0.0.1:8000 bash tests/e2e/table_jssdk_test.sh
. "$(dirname "$0")/table_lib.sh"
require_client "node" "$NODE"
JS_DIR=$SRC/tests/e2e/table/js
for pkg in client-dynamodb lib-dynamodb; do
  [ -f "$JS_DIR/node_modules/@aws-sdk/$pkg/package.json" ] ||
    table_bail "@aws-sdk/$pkg is not installed in $JS_DIR (run 'npm ci' there, or scripts/install-deps.sh)"
done
table_start
# The SDK warns on stderr about future Node versions; that is noise here.
NODE_NO_WARNINGS=1 run_scenarios "scenarios.mjs" "$NODE" "$JS_DIR/scenarios.mjs" "$ENDPOINT"
table_finish
