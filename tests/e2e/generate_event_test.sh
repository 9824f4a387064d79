# sls generate-event as a script meets it: every event prints JSON that parses, flags reach
# the fields they name (escaped and encoded as the service does), the help lists the services,
# events and flags, and mistakes exit 1 with one message on stderr.
. "$(dirname "$0")/lib.sh"
cd "$WORK"

# field SERVICE EVENT JQ-FILTER [FLAGS...]: the filter's raw output on the event.
field() {
  local service=$1 event=$2 filter=$3
  shift 3
  "$SLS" generate-event "$service" "$event" "$@" | jq -r "$filter"
}

# Every event of every service listed by the help: exit 0, one JSON document, nothing on stderr.
services=$("$SLS" generate-event --help | awk '/^Subcommands:$/ { on = 1; next } on { print $1 }')
check "the services" "apigateway cloudwatch dynamodb eventbridge kinesis s3 sns sqs" \
  "$(echo $services)"
count=0
for service in $services; do
  events=$("$SLS" generate-event "$service" --help |
    awk '/^Subcommands:$/ { on = 1; next } on { print $1 }')
  for event in $events; do
    run "$SLS" generate-event "$service" "$event"
    check "$service $event exits 0" 0 "$RC"
    check "$service $event prints nothing on stderr" "" "$ERR"
    if printf '%s\n' "$OUT" | python3 -m json.tool >/dev/null; then
      check "$service $event parses" ok ok
    else
      check "$service $event parses" "valid JSON" "$OUT"
    fi
    check "$service $event is printed twice the same" "$OUT" "$("$SLS" generate-event "$service" "$event")"
    count=$((count + 1))
  done
done
check "the number of events" 14 "$count"

# SAM CLI's names: scripts written for `sam local generate-event` work.
check "apigateway events" "authorizer aws-proxy http-api-proxy request-authorizer" \
  "$(echo $("$SLS" generate-event apigateway --help | awk '/^Subcommands:$/ { on = 1; next } on { print $1 }'))"
check "s3 put flags" "-h,--help --region --partition --bucket --key" \
  "$(echo $("$SLS" generate-event s3 put --help | awk '/^  +-/ { print $1 }' | sed 's/TEXT.*//'))"
run "$SLS" generate-event
check "no service: the list of services, exit 0" "0 1" "$RC $(grep -c '^  sqs ' <<<"$OUT")"
run "$SLS" generate-event sqs
check "no event: the service's events, exit 0" "0 1" "$RC $(grep -c '^  receive-message ' <<<"$OUT")"
check "sls help generate-event lists the services" 1 \
  "$("$SLS" help generate-event | grep -c '^  kinesis ')"

# Fields from flags.
check "s3 key, URL-encoded" "photos/my+photo+%281%29.jpg" \
  "$(field s3 put '.Records[0].s3.object.key' --key 'photos/my photo (1).jpg')"
check "s3 bucket arn" "arn:aws-cn:s3:::media" \
  "$(field s3 delete '.Records[0].s3.bucket.arn' --bucket media --partition aws-cn)"
check "sqs md5OfBody of the default body" "7b270e59b47ff90a553787216d55d91d" \
  "$(field sqs receive-message '.Records[0].md5OfBody')"
body='{"say": "hi \"there\"", "path": "C:\\tmp"}'
check "sqs body with quotes and backslashes" "$body" \
  "$(field sqs receive-message '.Records[0].body' --body "$body")"
check "sqs md5OfBody of that body" "$(printf '%s' "$body" | md5sum | cut -d' ' -f1)" \
  "$(field sqs receive-message '.Records[0].md5OfBody' --body "$body")"
check "sqs queue arn" "arn:aws:sqs:eu-west-1:210987654321:jobs.fifo" \
  "$(field sqs receive-message '.Records[0].eventSourceARN' --queue-name jobs.fifo \
    --region eu-west-1 --account-id 210987654321)"
check "sns message and topic" "line 1
line 2|arn:aws:sns:us-east-1:123456789012:alerts" \
  "$(field sns notification '.Records[0].Sns.Message + "|" + .Records[0].Sns.TopicArn' \
    --message $'line 1\nline 2' --topic alerts)"
check "sns without a subject" null "$(field sns notification '.Records[0].Sns.Subject' --subject '')"
check "dynamodb stream arn" \
  "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2015-04-09T12:00:00.000" \
  "$(field dynamodb update '.Records[0].eventSourceARN' --table Orders)"
check "schedule rule arn, under both names" \
  "arn:aws:events:us-east-1:123456789012:rule/nightly arn:aws:events:us-east-1:123456789012:rule/nightly" \
  "$(field cloudwatch scheduled-event '.resources[0]' --rule nightly) $(field eventbridge scheduled-event '.resources[0]' --rule nightly)"
check "eventbridge detail object" '{"id":7}' \
  "$(field eventbridge custom-event '.detail | tojson' --detail '{"id": 7}')"
check "kinesis data, base64" "$(printf 'héllo' | base64)" \
  "$(field kinesis get-records '.Records[0].kinesis.data' --data 'héllo')"
check "cloudwatch logs data decodes to the message" "hello logs" \
  "$(field cloudwatch logs '.awslogs.data' --message 'hello logs' | base64 -d | gzip -dc |
    jq -r '.logEvents[0].message')"
check "aws-proxy path parameters and query" '{"id":"42"}|["a","b"]|GET|null' \
  "$(field apigateway aws-proxy \
    '(.pathParameters | tojson) + "|" + (.multiValueQueryStringParameters.tag | tojson) + "|" + .httpMethod + "|" + (.body | tojson)' \
    --resource '/items/{id}' --path /items/42 --method get --body '' \
    --querystringparameters '{"tag": ["a", "b"]}')"
check "http-api-proxy raw path, query and version" "2.0|/dev/items|q=a%20b|false" \
  "$(field apigateway http-api-proxy '.version + "|" + .rawPath + "|" + .rawQueryString + "|" + (has("body") | tostring)' \
    --stage dev --path /items --querystringparameters '{"q": "a b"}' --body '')"
check "TOKEN authorizer methodArn" "arn:aws:execute-api:us-east-1:123456789012:api1/prod/GET/items/1" \
  "$(field apigateway authorizer '.methodArn' --restApiId api1 --method GET --resource /items/1)"
check "REQUEST authorizer has no body" "REQUEST false" \
  "$(field apigateway request-authorizer '.type + " " + (has("body") | tostring)')"
check "pretty-printed with 2 spaces" '  "version": "0",' \
  "$("$SLS" generate-event cloudwatch scheduled-event | sed -n 2p)"

# Mistakes: exit 1, a message on stderr, nothing on stdout.
run "$SLS" generate-event s4 put
check "unknown service" '1||sls: error: unknown service "s4"; services: apigateway, cloudwatch, dynamodb, eventbridge, kinesis, s3, sns, sqs' \
  "$RC|$OUT|$ERR"
run "$SLS" generate-event s3 get
check "unknown event" '1||sls: error: unknown event "get" for service s3; events: delete, put' \
  "$RC|$OUT|$ERR"
run "$SLS" generate-event sqs receive-message --account-id 42
check "refused value" '1||sls: error: invalid --account-id "42": expected 12 digits' "$RC|$OUT|$ERR"
run "$SLS" generate-event s3 put --size 1
check "unknown flag exits 1" "1|" "$RC|$OUT"
run "$SLS" --output json generate-event s3 get
check "errors as JSON" 'usage' "$(jq -r .error.code <<<"$ERR")"

finish
