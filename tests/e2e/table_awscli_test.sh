# sls local-table driven by the unmodified AWS CLI v2 (`aws dynamodb ... --endpoint-url`):
# the commands a developer types, with DynamoDB's exact results, exit codes and messages.
#   bash tests/e2e/table_awscli_test.sh path/to/sls
#   SLS_TABLE_ENDPOINT=http://127.0.0.1:8000 bash tests/e2e/table_awscli_test.sh
. "$(dirname "$0")/table_lib.sh"
require_client "the AWS CLI" "$AWS_CLI"
require_client "jq" jq
require_client "python3" "$PYTHON"
table_start

readonly CLI_SERVICE_ERROR=254  # AWS CLI v2: the request was sent and the service refused it
T=$(unique_name cli)
MISSING=$(unique_name cli_missing)

# ddb OPERATION ARGS...: one CLI call against the endpoint; sets OUT, ERR and RC.
ddb() {
  run "$AWS_CLI" dynamodb "$1" --endpoint-url "$ENDPOINT" --output json "${@:2}"
  ERR=$(sed '/./,$!d' <<<"$ERR")  # the CLI puts a blank line before its error text
}

# ddb_bg ID OPERATION ARGS...: the same call in the background; ddb_wait ID collects it.
# Independent calls overlap so the suite stays fast despite the CLI's start-up time.
ddb_bg() {
  local id=$1
  shift
  ("$AWS_CLI" dynamodb "$1" --endpoint-url "$ENDPOINT" --output json "${@:2}" \
    >"$WORK/bg.$id.out" 2>"$WORK/bg.$id.err"
   echo $? >"$WORK/bg.$id.rc") &
}
ddb_wait() {
  while [ ! -s "$WORK/bg.$1.rc" ]; do sleep 0.05; done
  OUT=$(cat "$WORK/bg.$1.out")
  ERR=$(sed '/./,$!d' "$WORK/bg.$1.err")
  RC=$(cat "$WORK/bg.$1.rc")
}

# js [-r] FILTER: jq over OUT, compact with sorted keys and string sets sorted (set order is
# unspecified).
js() {
  local opts=()
  [ "$1" = -r ] && opts=(-r) && shift
  jq -cS "${opts[@]}" \
    "walk(if type == \"object\" and has(\"SS\") then .SS |= sort else . end) | $1" <<<"$OUT"
}

# check_ok NAME: the last call succeeded.
check_ok() {
  check "$1: exit status" "0" "$RC"
  [ "$RC" = 0 ] || echo "    stderr: $ERR"
}

# check_error NAME CODE OPERATION MESSAGE: the last call failed with exactly this error.
check_error() {
  check "$1: exit status" "$CLI_SERVICE_ERROR" "$RC"
  check "$1: message" "An error occurred ($2) when calling the $3 operation: $4" "$ERR"
}

# ---- create-table, wait, describe-table, list-tables ----------------------------------------
ddb create-table --table-name "$T" \
  --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
  AttributeName=cat,AttributeType=S AttributeName=price,AttributeType=N \
  --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
  --billing-mode PAY_PER_REQUEST \
  --global-secondary-indexes '[{"IndexName":"byCat","KeySchema":[{"AttributeName":"cat","KeyType":"HASH"},{"AttributeName":"price","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]'
check_ok "create-table"
check "create-table: description" \
  "{\"billing\":\"PAY_PER_REQUEST\",\"gsi\":[{\"IndexName\":\"byCat\",\"IndexStatus\":\"CREATING\",\"KeySchema\":[{\"AttributeName\":\"cat\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"price\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}],\"items\":0,\"keys\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],\"name\":\"$T\",\"size\":0,\"status\":\"CREATING\",\"throughput\":{\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":0,\"WriteCapacityUnits\":0}}" \
  "$(js '.TableDescription | {name: .TableName, status: .TableStatus, keys: .KeySchema,
         billing: .BillingModeSummary.BillingMode, throughput: .ProvisionedThroughput,
         items: .ItemCount, size: .TableSizeBytes,
         gsi: [.GlobalSecondaryIndexes[] | {IndexName, KeySchema, Projection, IndexStatus}]}')"
# The region comes from the request's credential scope; the account is the server's own.
# (Dynoxide puts "dynoxide" where the region belongs.)
ARN=$(js -r '.TableDescription.TableArn')
[[ $ARN =~ ^arn:aws:dynamodb:us-east-1:[0-9]{12}:table/$T$ ]] && arn_ok=yes || arn_ok="no: $ARN"
check "create-table: TableArn is arn:aws:dynamodb:us-east-1:<account>:table/<name>" "yes" "$arn_ok"

run "$AWS_CLI" dynamodb wait table-exists --endpoint-url "$ENDPOINT" --table-name "$T"
check_ok "wait table-exists"

ddb_bg describe describe-table --table-name "$T"
ddb_bg list list-tables
ddb_bg exists create-table --table-name "$T" \
  --attribute-definitions AttributeName=pk,AttributeType=S \
  --key-schema AttributeName=pk,KeyType=HASH --billing-mode PAY_PER_REQUEST
ddb_wait describe
check_ok "describe-table"
check "describe-table: an ACTIVE table with its definitions and index" \
  '{"defs":[{"AttributeName":"cat","AttributeType":"S"},{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"price","AttributeType":"N"},{"AttributeName":"sk","AttributeType":"N"}],"gsi":[["byCat","ACTIVE"]],"items":0,"status":"ACTIVE"}' \
  "$(js '.Table | {status: .TableStatus, items: .ItemCount,
         defs: (.AttributeDefinitions | sort_by(.AttributeName)),
         gsi: [.GlobalSecondaryIndexes[] | [.IndexName, .IndexStatus]]}')"
check "describe-table: TableArn as create-table returned it" "$ARN" "$(js -r '.Table.TableArn')"
ddb_wait list
check_ok "list-tables"
check "list-tables: the new table, once" "1" "$(js "[.TableNames[] | select(. == \"$T\")] | length")"
check "list-tables: names in ascending order" "true" "$(js '.TableNames == (.TableNames | sort)')"
ddb_wait exists
# dynalite sends this error without a message.
check_error "create-table of an existing table" ResourceInUseException CreateTable \
  "Table already exists: $T"

# ---- put-item, get-item, update-item, delete-item ----------------------------------------
KEY='{"pk":{"S":"u1"},"sk":{"N":"0"}}'
ddb put-item --table-name "$T" --item '{"pk":{"S":"u1"},"sk":{"N":"0"},"name":{"S":"Ada"},"n":{"N":"1"}}' \
  --condition-expression 'attribute_not_exists(pk)'
check_ok "put-item with attribute_not_exists on a new key"
check "put-item: no output without ReturnValues" "" "$OUT"

ddb_bg again put-item --table-name "$T" --item "$KEY" --condition-expression 'attribute_not_exists(pk)'
ddb_bg badrv put-item --table-name "$T" --item "$KEY" --return-values ALL_NEW
ddb_bg badkey get-item --table-name "$T" --key '{"pk":{"S":"u1"}}'
ddb_bg miss get-item --table-name "$MISSING" --key "$KEY"
ddb_wait again
check_error "put-item with attribute_not_exists on an existing key" \
  ConditionalCheckFailedException PutItem "The conditional request failed"
ddb_wait badrv
# Dynoxide prefixes this and the other non-constraint messages with "1 validation error
# detected: " (the wording drift of some regions, not the classic us-east-1 text; spec 1).
check_error "put-item with ReturnValues ALL_NEW" ValidationException PutItem \
  "ReturnValues can only be ALL_OLD or NONE"
ddb_wait badkey
check_error "get-item with half a key" ValidationException GetItem \
  "The provided key element does not match the schema"
ddb_wait miss
check_error "get-item on a missing table" ResourceNotFoundException GetItem \
  "Requested resource not found"

ddb put-item --table-name "$T" --return-values ALL_OLD \
  --item '{"pk":{"S":"u1"},"sk":{"N":"0"},"name":{"S":"Ada"},"n":{"N":"5"},"tags":{"SS":["x","y"]}}' \
  --condition-expression '#n = :one' --expression-attribute-names '{"#n":"n"}' \
  --expression-attribute-values '{":one":{"N":"1.0"}}'
check_ok "put-item replacing with a condition"
check "put-item ALL_OLD: the replaced item" \
  '{"Attributes":{"n":{"N":"1"},"name":{"S":"Ada"},"pk":{"S":"u1"},"sk":{"N":"0"}}}' "$(js .)"

ddb update-item --table-name "$T" --key "$KEY" \
  --update-expression 'SET #n = #n + :inc, info = :m, lst = list_append(if_not_exists(lst, :empty), :l) REMOVE #name ADD tags :t' \
  --condition-expression 'attribute_exists(pk) AND contains(tags, :x)' \
  --expression-attribute-names '{"#n":"n","#name":"name"}' \
  --expression-attribute-values '{":inc":{"N":"0.5"},":m":{"M":{"a":{"L":[{"BOOL":true},{"NULL":true}]}}},":empty":{"L":[]},":l":{"L":[{"S":"one"},{"N":"2"}]},":t":{"SS":["z"]},":x":{"S":"x"}}' \
  --return-values ALL_NEW
check_ok "update-item with SET, REMOVE and ADD"
check "update-item ALL_NEW: the whole new item" \
  '{"Attributes":{"info":{"M":{"a":{"L":[{"BOOL":true},{"NULL":true}]}}},"lst":{"L":[{"S":"one"},{"N":"2"}]},"n":{"N":"5.5"},"pk":{"S":"u1"},"sk":{"N":"0"},"tags":{"SS":["x","y","z"]}}}' \
  "$(js .)"

# UPDATED_OLD returns only the written list element, nested (AWS-verified tests; Dynoxide
# returns whole top-level attributes).
ddb update-item --table-name "$T" --key "$KEY" --return-values UPDATED_OLD \
  --update-expression 'SET n = :v, info.b = :v, lst[1] = :v' \
  --expression-attribute-values '{":v":{"N":"-7E-3"}}'
check_ok "update-item of a nested path"
check "update-item UPDATED_OLD: only the old values of the written attributes" \
  '{"Attributes":{"lst":{"L":[{"N":"2"}]},"n":{"N":"5.5"}}}' "$(js .)"

ddb get-item --table-name "$T" --key "$KEY" --consistent-read \
  --projection-expression 'info.b, lst[0], n, #t' --expression-attribute-names '{"#t":"tags"}'
check_ok "get-item with a projection"
check "get-item: the projected parts in their enclosing maps and lists" \
  '{"Item":{"info":{"M":{"b":{"N":"-0.007"}}},"lst":{"L":[{"S":"one"}]},"n":{"N":"-0.007"},"tags":{"SS":["x","y","z"]}}}' \
  "$(js .)"

ddb_bg keyupd update-item --table-name "$T" --key "$KEY" --update-expression 'SET pk = :v' \
  --expression-attribute-values '{":v":{"S":"u2"}}'
ddb_bg syntax update-item --table-name "$T" --key "$KEY" --update-expression 'INVALID SYNTAX HERE'
ddb_bg unused update-item --table-name "$T" --key "$KEY" --update-expression 'SET a = :v' \
  --expression-attribute-names '{"#unused":"x"}' --expression-attribute-values '{":v":{"S":"v"}}'
ddb_bg delcond delete-item --table-name "$T" --key "$KEY" --condition-expression 'n = :zero' \
  --expression-attribute-values '{":zero":{"N":"0"}}'
ddb_wait keyupd
check_error "update-item of a key attribute" ValidationException UpdateItem \
  "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"
ddb_wait syntax
check_error "update-item with a syntax error" ValidationException UpdateItem \
  'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"'
ddb_wait unused
check_error "update-item with an unused name placeholder" ValidationException UpdateItem \
  "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"
ddb_wait delcond
check_error "delete-item with a false condition" ConditionalCheckFailedException DeleteItem \
  "The conditional request failed"

ddb delete-item --table-name "$T" --key "$KEY" --return-values ALL_OLD \
  --condition-expression 'size(lst) = :two' --expression-attribute-values '{":two":{"N":"2"}}'
check_ok "delete-item with a true condition"
check "delete-item ALL_OLD: the deleted item" \
  '{"Attributes":{"info":{"M":{"a":{"L":[{"BOOL":true},{"NULL":true}]},"b":{"N":"-0.007"}}},"lst":{"L":[{"S":"one"},{"N":"-0.007"}]},"n":{"N":"-0.007"},"pk":{"S":"u1"},"sk":{"N":"0"},"tags":{"SS":["x","y","z"]}}}' \
  "$(js .)"

# ---- batch-write-item, query, GSI query, scan ----------------------------------------------
# p1 holds numbers whose order as strings differs from their numeric order; p2 is small.
put() { printf '{"PutRequest":{"Item":{"pk":{"S":"%s"},"sk":{"N":"%s"}%s}}}' "$1" "$2" "${3:-}"; }
P1_SK=(-100 -2.5 -2 0 0.001 1 2 10 1e3 12345678901234567890123456789012345678)
reqs=()
for sk in "${P1_SK[@]}"; do reqs+=("$(put p1 "$sk")"); done
reqs[1]=$(put p1 -2.5 ',"cat":{"S":"a"},"price":{"N":"5"}')
reqs[5]=$(put p1 1 ',"cat":{"S":"a"},"price":{"N":"-1"}')
reqs[7]=$(put p1 10 ',"cat":{"S":"a"},"price":{"N":"30"}')
reqs+=("$(put p2 1 ',"cat":{"S":"b"},"price":{"N":"7"}')" "$(put p2 2)" "$(put p2 3)")
ddb batch-write-item --request-items "{\"$T\":[$(IFS=,; echo "${reqs[*]}")]}"
check_ok "batch-write-item of 13 puts"
check "batch-write-item: nothing unprocessed" '{"UnprocessedItems":{}}' "$(js .)"

ddb_bg between query --table-name "$T" --no-scan-index-forward \
  --key-condition-expression 'pk = :p AND sk BETWEEN :lo AND :hi' \
  --expression-attribute-values '{":p":{"S":"p1"},":lo":{"N":"-2.5"},":hi":{"N":"10"}}'
ddb_bg filter query --table-name "$T" --key-condition-expression 'pk = :p AND sk > :lo' \
  --filter-expression 'attribute_exists(cat) AND price < :max' \
  --expression-attribute-values '{":p":{"S":"p1"},":lo":{"N":"-1E2"},":max":{"N":"10"}}'
ddb_bg gsi query --table-name "$T" --index-name byCat --key-condition-expression 'cat = :c' \
  --expression-attribute-values '{":c":{"S":"a"}}'
ddb_bg gsicons query --table-name "$T" --index-name byCat --consistent-read \
  --key-condition-expression 'cat = :c' --expression-attribute-values '{":c":{"S":"a"}}'
ddb_bg nopk query --table-name "$T" --key-condition-expression 'sk = :v' \
  --expression-attribute-values '{":v":{"N":"1"}}'
ddb_wait between
check_ok "query with BETWEEN, newest first"
check "query --no-scan-index-forward: numeric order, reversed" \
  '{"Count":7,"ScannedCount":7,"sk":["10","2","1","0.001","0","-2","-2.5"]}' \
  "$(js '{Count, ScannedCount, sk: [.Items[].sk.N]}')"
ddb_wait filter
check_ok "query with a filter"
check "query with a filter: Count after the filter, ScannedCount before it" \
  '{"Count":2,"ScannedCount":9,"sk":["-2.5","1"]}' \
  "$(js '{Count, ScannedCount, sk: [.Items[].sk.N]}')"
ddb_wait gsi
check_ok "query of a global secondary index"
check "GSI query: items in index sort-key order, whole items projected" \
  '[["p1","1","-1"],["p1","-2.5","5"],["p1","10","30"]]' \
  "$(js '[.Items[] | [.pk.S, .sk.N, .price.N]]')"
ddb_wait gsicons
check_error "consistent GSI query" ValidationException Query \
  "Consistent reads are not supported on global secondary indexes"
ddb_wait nopk
check_error "query without the partition key" ValidationException Query \
  "Query condition missed key schema element: pk"

# The CLI's paginator: --max-items pages through NextToken; every item exactly once.
ALL_KEYS='["p1/-100","p1/-2","p1/-2.5","p1/0","p1/0.001","p1/1","p1/10","p1/1000","p1/12345678901234567890123456789012345678","p1/2","p2/1","p2/2","p2/3"]'
token=() seen="[]" pages=0
while :; do
  ddb scan --table-name "$T" --page-size 3 --max-items 7 "${token[@]}"
  [ "$RC" = 0 ] || break
  seen=$(jq -c --argjson s "$seen" '$s + [.Items[] | "\(.pk.S)/\(.sk.N)"]' <<<"$OUT")
  pages=$((pages + 1))
  next=$(js -r '.NextToken // empty')
  if [ -z "$next" ] || [ $pages -ge 10 ]; then break; fi
  token=(--starting-token "$next")
done
check_ok "scan --max-items 7 --page-size 3"
check "scan --max-items: two CLI pages" "2" "$pages"
check "scan --max-items: every item exactly once" "$ALL_KEYS" "$(jq -c sort <<<"$seen")"

ddb scan --table-name "$T" --page-size 4 --filter-expression 'pk = :p' \
  --expression-attribute-values '{":p":{"S":"p2"}}'
check_ok "scan with a filter over several pages"
check "scan --page-size 4: counts summed over the pages by the CLI" \
  '{"Count":3,"ScannedCount":13,"keys":["p2/1","p2/2","p2/3"]}' \
  "$(js '{Count, ScannedCount, keys: ([.Items[] | "\(.pk.S)/\(.sk.N)"] | sort)}')"

# ---- transactions, batch-get-item ----------------------------------------------------------
# dynalite has no transactions and no TTL (spec 6.5): everything from here to the tags fails there.
# --debug makes botocore log the raw response, the only place the CLI shows CancellationReasons.
run "$AWS_CLI" dynamodb transact-write-items --endpoint-url "$ENDPOINT" --debug \
  --transact-items "[{\"Put\":{\"TableName\":\"$T\",\"Item\":{\"pk\":{\"S\":\"tx\"},\"sk\":{\"N\":\"1\"}}}},
    {\"ConditionCheck\":{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"1\"}},
      \"ConditionExpression\":\"price = :p\",\"ExpressionAttributeValues\":{\":p\":{\"N\":\"8\"}},
      \"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}}]"
check "transact-write-items with a false condition: exit status" "$CLI_SERVICE_ERROR" "$RC"
check "transact-write-items with a false condition: message" \
  "An error occurred (TransactionCanceledException) when calling the TransactWriteItems operation: Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]" \
  "$(tail -n 1 <<<"$ERR")"
check "transact-write-items: CancellationReasons in request order, Item of the failed check" \
  '[{"Code":"None"},{"Code":"ConditionalCheckFailed","Item":{"cat":{"S":"b"},"pk":{"S":"p2"},"price":{"N":"7"},"sk":{"N":"1"}},"Message":"The conditional request failed"}]' \
  "$("$PYTHON" -c '
import ast, json, sys
bodies = [l for l in sys.stdin.read().splitlines() if l.startswith("b\x27{")]
print(json.dumps(json.loads(ast.literal_eval(bodies[-1])).get("CancellationReasons"),
                 sort_keys=True, separators=(",", ":")) if bodies else "no response body logged")
' <<<"$ERR")"

ddb transact-write-items --transact-items "[
  {\"Update\":{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"2\"}},
    \"UpdateExpression\":\"ADD hits :one\",\"ConditionExpression\":\"attribute_exists(pk)\",
    \"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}},
  {\"Delete\":{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"3\"}}}},
  {\"ConditionCheck\":{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"1\"}},
    \"ConditionExpression\":\"price = :p\",\"ExpressionAttributeValues\":{\":p\":{\"N\":\"7\"}}}}]"
check_ok "transact-write-items with true conditions"

ddb batch-get-item --request-items "{\"$T\":{\"Keys\":[
  {\"pk\":{\"S\":\"tx\"},\"sk\":{\"N\":\"1\"}},{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"2\"}},
  {\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"3\"}},{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1E3\"}}],
  \"ProjectionExpression\":\"pk, sk, hits\",\"ConsistentRead\":true}}"
check_ok "batch-get-item"
check "batch-get-item: the cancelled put and the deleted item are absent, the update applied" \
  "{\"UnprocessedKeys\":{},\"items\":[{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1000\"}},{\"hits\":{\"N\":\"1\"},\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"2\"}}]}" \
  "$(js "{UnprocessedKeys, items: (.Responses[\"$T\"] | sort_by(.pk.S))}")"

# ---- time to live, tags ------------------------------------------------------------------
ddb update-time-to-live --table-name "$T" --time-to-live-specification Enabled=true,AttributeName=expires
check_ok "update-time-to-live"
check "update-time-to-live: the specification echoed" \
  '{"TimeToLiveSpecification":{"AttributeName":"expires","Enabled":true}}' "$(js .)"
ddb_bg ttl describe-time-to-live --table-name "$T"
ddb_bg ttl2 update-time-to-live --table-name "$T" --time-to-live-specification Enabled=true,AttributeName=other
ddb_bg tag tag-resource --resource-arn "$ARN" --tags Key=team,Value=core Key=env,Value=dev
ddb_wait ttl
check_ok "describe-time-to-live"
check "describe-time-to-live: ENABLED on the attribute" \
  '{"TimeToLiveDescription":{"AttributeName":"expires","TimeToLiveStatus":"ENABLED"}}' "$(js .)"
ddb_wait ttl2
# Dynoxide: "... already enabled with a different attribute name"; the spec has one text.
check_error "update-time-to-live when already enabled" ValidationException UpdateTimeToLive \
  "TimeToLive is already enabled"
ddb_wait tag
check_ok "tag-resource"
check "tag-resource: no output" "" "$OUT"
ddb tag-resource --resource-arn "$ARN" --tags Key=env,Value=prod
ddb list-tags-of-resource --resource-arn "$ARN"
check_ok "list-tags-of-resource"
check "list-tags-of-resource: both tags, the second tag-resource overwrote env" \
  '[{"Key":"env","Value":"prod"},{"Key":"team","Value":"core"}]' "$(js '.Tags | sort_by(.Key)')"

# ---- delete-table ------------------------------------------------------------------------
ddb delete-table --table-name "$T"
check_ok "delete-table"
check "delete-table: the description says DELETING" "$T DELETING" \
  "$(js -r '.TableDescription | "\(.TableName) \(.TableStatus)"')"
ddb describe-table --table-name "$T"
check_error "describe-table of a deleted table" ResourceNotFoundException DescribeTable \
  "Requested resource not found: Table: $T not found"

table_finish
