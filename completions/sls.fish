# fish completion for sls(1). Install in fish/vendor_completions.d/sls.fish.
# tests/e2e/docs_test.sh fails when a flag of `sls --help` or `sls COMMAND --help` is
# missing here.

set -l commands generate-event invoke local-lambda local-table validate help

# Template files (*.yaml, *.yml, *.json) and directories to look in, for the current token.
function __sls_templates
    set -l token (commandline -ct)
    for f in $token*
        if test -d $f
            echo $f/
        else if string match -qr '\.(ya?ml|json)$' -- $f
            echo $f
        end
    end
end

# Rule ids from `sls validate --list-rules`, after any ids already given before a comma.
function __sls_rule_ids
    set -l token (commandline -ct)
    set -l prefix (string match -r '^.*,' -- $token)
    set -l sls (commandline -opc)[1]
    for id in ($sls validate --list-rules 2>/dev/null | string replace -r ' .*' '')
        echo $prefix$id
    end
end

# The words after `generate-event` on the command line, flags and their values left out.
function __sls_event_args
    set -l words (commandline -opc)
    set -l at (contains -i -- generate-event $words); or return 1
    set -e words[1..$at]
    set -l skip 0
    for w in $words
        if test $skip = 1
            set skip 0
        else if string match -q -- '--*' $w
            string match -q -- '*=*' $w; or set skip 1
        else if not string match -q -- '-*' $w
            echo $w
        end
    end
    return 0
end

# __sls_event_words N [SERVICE]: generate-event is followed by exactly N words (the first being
# SERVICE when given), so the next word is a service (N = 0) or one of SERVICE's events (N = 1).
function __sls_event_words
    set -l args (__sls_event_args); or return 1
    test (count $args) -eq $argv[1]; or return 1
    test (count $argv) -lt 2; or test "$args[1]" = "$argv[2]"
end

# __sls_event_is SERVICE/EVENT...: the command line is `sls generate-event SERVICE EVENT`, one of
# those given.
function __sls_event_is
    set -l args (__sls_event_args); or return 1
    test (count $args) -ge 2; and contains -- "$args[1]/$args[2]" $argv
end

complete -c sls -f

# Commands.
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a validate \
    -d 'Lint templates against the schema, SAM rules and AWS service limits'
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a local-table \
    -d 'Serve the DynamoDB API locally, with the template tables'
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a invoke \
    -d 'Run a function of the template once, locally, as Lambda would'
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show help for a command'
complete -c sls -n '__fish_seen_subcommand_from help' -a 'generate-event invoke local-lambda local-table validate'

# Global options, accepted before or after the command.
complete -c sls -s h -l help -d 'Print help and exit'
complete -c sls -s V -l version -d 'Print the version and exit'
complete -c sls -l output -x -a 'text json' -d 'Output format for results'
complete -c sls -s q -l quiet -d 'Print only errors'
complete -c sls -l no-color -d 'Never colour output'
complete -c sls -l debug -d 'Print debug logs on stderr'
complete -c sls -l config-file -r -F -d 'samconfig file'
complete -c sls -l config-env -x -d 'samconfig environment'

# sls validate
set -l validate '__fish_seen_subcommand_from validate'
complete -c sls -n $validate -s t -l template -x -a '(__sls_templates)' -d 'Template file'
complete -c sls -n $validate -l parameter-overrides -x -d 'Parameter values (Key=Value ...)'
complete -c sls -n $validate -s f -l format -x -a 'text json sarif junit' -d 'Report format'
complete -c sls -n $validate -l ignore-checks -x -a '(__sls_rule_ids)' \
    -d 'Rule ids or prefixes to skip'
complete -c sls -n $validate -l include-checks -x -a '(__sls_rule_ids)' \
    -d 'Rule ids or prefixes to report even if ignored'
complete -c sls -n $validate -l strict -d 'Exit 4 when warnings are found and no errors'
complete -c sls -n $validate -l list-rules -d 'List every rule and exit'
complete -c sls -n $validate -a '(__sls_templates)'

# sls local-lambda
set -l local_lambda '__fish_seen_subcommand_from local-lambda'
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a local-lambda \
    -d 'Serve the Lambda Invoke API for the template functions'
complete -c sls -n $local_lambda -s t -l template -x -a '(__sls_templates)' -d 'Template file'
complete -c sls -n $local_lambda -l parameter-overrides -x -d 'Parameter values (Key=Value ...)'
complete -c sls -n $local_lambda -s p -l port -x -d 'Port to listen on (0 picks a free port)'
complete -c sls -n $local_lambda -l host -x -a '127.0.0.1 localhost' -d 'Address to listen on'
complete -c sls -n $local_lambda -s n -l env-vars -r -F -d 'Environment variable values (SAM JSON or .env)'
complete -c sls -n $local_lambda -l concurrency -x -d 'Environments per function'
complete -c sls -n $local_lambda -l dynamodb-endpoint -x -d 'DynamoDB endpoint for the functions'
complete -c sls -n $local_lambda -l db -r -F -d 'SQLite database of the template tables'
complete -c sls -n $local_lambda -l no-tables -d 'Do not serve the template tables'
complete -c sls -n $local_lambda -l no-sandbox -d 'Run without a sandbox'
complete -c sls -n $local_lambda -l no-freeze -d 'Let idle environments run between invocations'

# sls local-table
set -l local_table '__fish_seen_subcommand_from local-table'
complete -c sls -n $local_table -s t -l template -x -a '(__sls_templates)' -d 'Template file'
complete -c sls -n $local_table -l parameter-overrides -x -d 'Parameter values (Key=Value ...)'
complete -c sls -n $local_table -s p -l port -x -d 'Port to listen on (0 picks a free port)'
complete -c sls -n $local_table -l host -x -a '127.0.0.1 localhost' -d 'Address to listen on'
complete -c sls -n $local_table -l db -r -F -d 'SQLite database file'
complete -c sls -n $local_table -l in-memory -d 'Keep the data in memory only'
complete -c sls -n $local_table -l strict-auth -d 'Refuse requests without SigV4 credentials'

# sls generate-event: services, then a service's events, then the event's flags.
set -l generate_event '__fish_seen_subcommand_from generate-event'
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a generate-event \
    -d 'Print a sample event of an AWS service, as Lambda receives it'
complete -c sls -n '__sls_event_words 0' -a apigateway -d 'Amazon API Gateway (REST and HTTP APIs, Lambda authorizers)'
complete -c sls -n '__sls_event_words 0' -a cloudwatch -d 'Amazon CloudWatch (schedules and Logs subscriptions)'
complete -c sls -n '__sls_event_words 0' -a dynamodb -d 'Amazon DynamoDB Streams'
complete -c sls -n '__sls_event_words 0' -a eventbridge -d 'Amazon EventBridge (CloudWatch Events)'
complete -c sls -n '__sls_event_words 0' -a kinesis -d 'Amazon Kinesis Data Streams'
complete -c sls -n '__sls_event_words 0' -a s3 -d 'Amazon S3 event notifications'
complete -c sls -n '__sls_event_words 0' -a sns -d 'Amazon SNS topics'
complete -c sls -n '__sls_event_words 0' -a sqs -d 'Amazon SQS queues'
complete -c sls -n '__sls_event_words 1 apigateway' -a authorizer -d 'REST API Lambda TOKEN authorizer event'
complete -c sls -n '__sls_event_words 1 apigateway' -a aws-proxy -d 'REST API proxy integration event (payload 1.0)'
complete -c sls -n '__sls_event_words 1 apigateway' -a http-api-proxy -d 'HTTP API event (payload 2.0)'
complete -c sls -n '__sls_event_words 1 apigateway' -a request-authorizer -d 'REST API Lambda REQUEST authorizer event'
complete -c sls -n '__sls_event_words 1 cloudwatch' -a logs -d 'CloudWatch Logs subscription delivery (awslogs.data is gzipped, base64)'
complete -c sls -n '__sls_event_words 1 cloudwatch' -a scheduled-event -d 'Event of a schedule rule (cron or rate expression)'
complete -c sls -n '__sls_event_words 1 dynamodb' -a update -d 'Stream records of an item inserted, modified and removed'
complete -c sls -n '__sls_event_words 1 eventbridge' -a custom-event -d 'Event an application put on an event bus (PutEvents)'
complete -c sls -n '__sls_event_words 1 eventbridge' -a scheduled-event -d 'Event of a schedule rule (cron or rate expression)'
complete -c sls -n '__sls_event_words 1 kinesis' -a get-records -d 'Records read from a stream'
complete -c sls -n '__sls_event_words 1 s3' -a delete -d 'Object deleted (ObjectRemoved:Delete)'
complete -c sls -n '__sls_event_words 1 s3' -a put -d 'Object created by a PUT (ObjectCreated:Put)'
complete -c sls -n '__sls_event_words 1 sns' -a notification -d 'Notification delivered from a topic'
complete -c sls -n '__sls_event_words 1 sqs' -a receive-message -d 'Messages received from a queue'
complete -c sls -n '__sls_event_is apigateway/authorizer apigateway/aws-proxy apigateway/http-api-proxy apigateway/request-authorizer cloudwatch/logs cloudwatch/scheduled-event dynamodb/update eventbridge/custom-event eventbridge/scheduled-event kinesis/get-records sns/notification sqs/receive-message' -l account-id -x -d 'AWS account id'
complete -c sls -n '__sls_event_is apigateway/authorizer apigateway/request-authorizer cloudwatch/scheduled-event dynamodb/update eventbridge/scheduled-event kinesis/get-records s3/delete s3/put sns/notification sqs/receive-message' -l partition -x -a 'aws aws-cn aws-us-gov' -d 'AWS partition (aws, aws-cn, aws-us-gov)'
complete -c sls -n '__sls_event_is apigateway/authorizer apigateway/request-authorizer cloudwatch/scheduled-event dynamodb/update eventbridge/custom-event eventbridge/scheduled-event kinesis/get-records s3/delete s3/put sns/notification sqs/receive-message' -l region -x -d 'AWS region'
complete -c sls -n '__sls_event_is apigateway/authorizer apigateway/aws-proxy apigateway/http-api-proxy apigateway/request-authorizer' -l stage -x -d 'Stage name'
complete -c sls -n '__sls_event_is apigateway/authorizer apigateway/aws-proxy apigateway/http-api-proxy apigateway/request-authorizer' -l method -x -a 'DELETE GET HEAD OPTIONS PATCH POST PUT' -d 'HTTP method'
complete -c sls -n '__sls_event_is apigateway/authorizer' -l resource -x -d 'Request path in methodArn'
complete -c sls -n '__sls_event_is apigateway/authorizer apigateway/request-authorizer' -l restApiId -x -d 'REST API id'
complete -c sls -n '__sls_event_is apigateway/authorizer apigateway/request-authorizer' -l token -x -d 'Authorization header value'
complete -c sls -n '__sls_event_is apigateway/aws-proxy apigateway/http-api-proxy' -l body -x -d 'Request body, as text (empty: no body)'
complete -c sls -n '__sls_event_is apigateway/aws-proxy' -l resource -x -d 'Resource path template'
complete -c sls -n '__sls_event_is apigateway/aws-proxy apigateway/http-api-proxy' -l path -x -d 'Request path'
complete -c sls -n '__sls_event_is apigateway/aws-proxy apigateway/http-api-proxy' -l querystringparameters -x -d 'Query string as a JSON object (a list value repeats the name)'
complete -c sls -n '__sls_event_is apigateway/aws-proxy apigateway/http-api-proxy' -l dns-suffix -x -d 'Endpoint DNS suffix (region.amazonaws.com)'
complete -c sls -n '__sls_event_is apigateway/request-authorizer' -l resource -x -d 'Request path'
complete -c sls -n '__sls_event_is cloudwatch/logs' -l log-group -x -d 'Log group name'
complete -c sls -n '__sls_event_is cloudwatch/logs' -l log-stream -x -d 'Log stream name'
complete -c sls -n '__sls_event_is cloudwatch/logs' -l filter -x -d 'Subscription filter name'
complete -c sls -n '__sls_event_is cloudwatch/logs' -l message -x -d 'Message of the log event'
complete -c sls -n '__sls_event_is cloudwatch/scheduled-event eventbridge/scheduled-event' -l rule -x -d 'Rule name'
complete -c sls -n '__sls_event_is dynamodb/update' -l table -x -d 'Table name'
complete -c sls -n '__sls_event_is eventbridge/custom-event' -l source -x -d 'Event source'
complete -c sls -n '__sls_event_is eventbridge/custom-event' -l detail-type -x -d 'Event detail type'
complete -c sls -n '__sls_event_is eventbridge/custom-event' -l detail -x -d 'Event detail as a JSON object'
complete -c sls -n '__sls_event_is kinesis/get-records' -l sequence -x -d 'Sequence number'
complete -c sls -n '__sls_event_is kinesis/get-records' -l data -x -d 'Record data, as text (base64-encoded in the event)'
complete -c sls -n '__sls_event_is kinesis/get-records' -l partition-key -x -d 'Partition key'
complete -c sls -n '__sls_event_is kinesis/get-records' -l stream -x -d 'Stream name'
complete -c sls -n '__sls_event_is s3/delete s3/put' -l bucket -x -d 'Bucket name'
complete -c sls -n '__sls_event_is s3/delete s3/put' -l key -x -d 'Object key (URL-encoded in the event, as S3 does)'
complete -c sls -n '__sls_event_is sns/notification' -l topic -x -d 'Topic name'
complete -c sls -n '__sls_event_is sns/notification' -l subject -x -d 'Message subject (empty: none, sent as null)'
complete -c sls -n '__sls_event_is sns/notification' -l message -x -d 'Message text'
complete -c sls -n '__sls_event_is sqs/receive-message' -l queue-name -x -d 'Queue name'
complete -c sls -n '__sls_event_is sqs/receive-message' -l body -x -d 'Message body (md5OfBody is computed from it)'
# sls invoke
set -l invoke '__fish_seen_subcommand_from invoke'
complete -c sls -n $invoke -s t -l template -x -a '(__sls_templates)' -d 'Template file'
complete -c sls -n $invoke -l parameter-overrides -x -d 'Parameter values (Key=Value ...)'
complete -c sls -n $invoke -s e -l event -r -F -d 'Event file, or - for stdin'
complete -c sls -n $invoke -s n -l env-vars -r -F -d 'Environment variable values (SAM JSON or .env)'
complete -c sls -n $invoke -l dynamodb-endpoint -x -d 'DynamoDB endpoint for the function'
complete -c sls -n $invoke -l db -r -F -d 'SQLite database of the template tables'
complete -c sls -n $invoke -l no-tables -d 'Do not serve the template tables'
complete -c sls -n $invoke -l no-sandbox -d 'Run without a sandbox'
