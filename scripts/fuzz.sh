#!/usr/bin/env bash
# fuzz.sh: build the libFuzzer targets with clang (ASan+UBSan) and run each for a bounded time,
# seeded with the conformance templates and our fixtures.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
scripts/install-deps.sh --fuzz
cmake -S . -B build-fuzz -G Ninja -DSLS_FUZZ=ON -DSLS_BUILD_TESTS=OFF -DSLS_SANITIZE=ON \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_template fuzz_validate fuzz_expr fuzz_table fuzz_partiql \
  fuzz_http fuzz_launch
corpus=build-fuzz/corpus
mkdir -p "$corpus"
seeds=(../shared/conformance/sam-translator/input templates tests/fixtures)
for d in "${seeds[@]}"; do
  [ -d "$d" ] && find "$d" -name '*.yaml' -size -64k -exec cp -t "$corpus" {} + 2>/dev/null || true
done
# fuzz_expr: first byte picks the parameter (0 condition, 1 filter, 2 key condition,
# 3 projection, 4 update), the rest is the expression.
expr_corpus=build-fuzz/fuzz_expr-corpus
mkdir -p "$expr_corpus"
printf '\x00attribute_not_exists(#a.b[1]) AND (s BETWEEN :s AND :s OR size(l) > :n)' \
  >"$expr_corpus/seed-condition"
printf '\x01NOT contains(ss, :s) OR begins_with(s, :s) AND n IN (:n, :big)' >"$expr_corpus/seed-filter"
printf '\x02#k = :s AND sk BETWEEN :n AND :big' >"$expr_corpus/seed-key"
printf '\x03a.b[1].c, s, l[2], #d' >"$expr_corpus/seed-projection"
printf '\x04SET n = n + :n, l = list_append(if_not_exists(l, :e), :l) REMOVE l[0] ADD ns :ns DELETE ss :ss' \
  >"$expr_corpus/seed-update"
# fuzz_table: first byte picks the operation (see fuzz/fuzz_table.cpp), the rest is the body.
table_corpus=build-fuzz/fuzz_table-corpus
mkdir -p "$table_corpus"
printf '\x00{"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},"l":{"B":"AQ=="}}}' \
  >"$table_corpus/seed-put"
printf '\x02{"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET #a = :v ADD n :n","ExpressionAttributeNames":{"#a":"a"},"ExpressionAttributeValues":{":v":{"L":[{"S":"x"}]},":n":{"N":"2"}},"ReturnValues":"ALL_NEW"}' \
  >"$table_corpus/seed-update"
printf '\x04{"TableName":"t","IndexName":"li","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}},"ScanIndexForward":false,"Limit":2}' \
  >"$table_corpus/seed-query"
printf '\x08{"TransactItems":[{"Put":{"TableName":"h","Item":{"id":{"S":"1"}},"ConditionExpression":"attribute_not_exists(id)"}},{"Delete":{"TableName":"t","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}}]}' \
  >"$table_corpus/seed-transact"
# fuzz_partiql: first byte is how many parameters are bound, the rest is the statement.
partiql_corpus=build-fuzz/fuzz_partiql-corpus
mkdir -p "$partiql_corpus"
printf "\x01SELECT a.b[1], s FROM \"t\".\"gi\" WHERE pk = ? AND (sk BETWEEN 1 AND 5 OR NOT begins_with(s, 'ab')) ORDER BY sk DESC" \
  >"$partiql_corpus/seed-select"
printf "\x02INSERT INTO \"t\" VALUE {'pk': ?, 'n': -1.5e3, 'l': [1, 'a', ?], 'm': {'x': true}, 'z': null, 's': <<'a','b'>>}" \
  >"$partiql_corpus/seed-insert"
printf "\x00UPDATE \"t\" SET n = n + 1, l = list_append(l, [2]) SET ss = set_add(ss, <<'q'>>) REMOVE a.b[0] WHERE pk = 'a' AND attribute_exists(n) RETURNING ALL NEW *" \
  >"$partiql_corpus/seed-update"
printf "\x00DELETE FROM \"t\" WHERE pk = 'a' AND x IS NOT MISSING AND n IN [1, 2] -- note" \
  >"$partiql_corpus/seed-delete"
printf '\x0a{"Statement":"SELECT * FROM \\"t\\" WHERE pk = ? AND sk > 1","Parameters":[{"S":"a"}],"Limit":2}' \
  >"$table_corpus/seed-execute-statement"
printf '\x0b{"Statements":[{"Statement":"INSERT INTO t VALUE {'"'"'pk'"'"': '"'"'a'"'"', '"'"'sk'"'"': 1}"},{"Statement":"UPDATE h SET n = 1 WHERE id = ?","Parameters":[{"S":"1"}]}]}' \
  >"$table_corpus/seed-batch-statement"
printf '\x0c{"TransactStatements":[{"Statement":"SELECT * FROM t WHERE pk = '"'"'a'"'"' AND sk = 1"},{"Statement":"SELECT * FROM h WHERE id = '"'"'1'"'"'"}]}' \
  >"$table_corpus/seed-transaction-statement"
# fuzz_http: first byte sets the options (see fuzz/fuzz_http.cpp), the rest is what a client
# sends.
http_corpus=build-fuzz/fuzz_http-corpus
mkdir -p "$http_corpus"
printf '\x01POST /2018-06-01/runtime/invocation/1/response HTTP/1.1\r\nHost: x\r\nLambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type\r\n\r\n5;ext=1\r\nhello\r\n0\r\nLambda-Runtime-Function-Error-Type: E\r\n\r\n' \
  >"$http_corpus/seed-chunked-trailers"
printf '\x1ePOST /2015-03-31/functions/f/invocations?Qualifier=%%24LATEST HTTP/1.1\r\nContent-Length: 7\r\nExpect: 100-continue\r\n\r\n{"a":1}' \
  >"$http_corpus/seed-content-length"
printf '\x02GET /2018-06-01/runtime/invocation/next HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' \
  >"$http_corpus/seed-get"
# fuzz_launch: a head start's launch record (runtime/head_start.h), as sls writes one.
launch_corpus=build-fuzz/fuzz_launch-corpus
mkdir -p "$launch_corpus"
printf 'sls-launch 3\n19 /tmp/sls-env-7Rq5mZ\n6 131072\n1 m\n52 2026/11/24/[$LATEST]3b4eb08ef03b640e1ed6579ebfda52a7\n15 127.0.0.1:47311\n9 /var/task\n1 2\n19 /usr/bin/python3.11\n12 bootstrap.py\n1 -\n1 2\n6 TMPDIR\n1 v\n19 /tmp/sls-env-7Rq5mZ\n17 AWS_ACCESS_KEY_ID\n1 h\n0 \n' \
  >"$launch_corpus/seed-python"
printf 'sls-launch 3\n1 -\n6 131072\n1 -\n52 2026/11/24/[$LATEST]3b4eb08ef03b640e1ed6579ebfda52a7\n15 127.0.0.1:47311\n9 /var/task\n1 2\n19 /usr/bin/python3.11\n12 bootstrap.py\n9 536870912\n1 2\n9 /var/task\n16 /opt/sls/runtime\n1 1\n17 AWS_ACCESS_KEY_ID\n1 h\n0 \n' \
  >"$launch_corpus/seed-sandboxed"
for t in fuzz_template fuzz_validate fuzz_expr fuzz_table fuzz_partiql fuzz_http fuzz_launch; do
  mkdir -p "build-fuzz/$t-corpus"
  echo "fuzz: $t for ${secs}s"
  "build-fuzz/fuzz/$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix=build-fuzz/ "build-fuzz/$t-corpus" "$corpus" 2>&1 | tail -n 12
done
