# fish completion for sls(1). Install in fish/vendor_completions.d/sls.fish.
# tests/e2e/docs_test.sh fails when a flag of `sls --help` or `sls COMMAND --help` is
# missing here.

set -l commands invoke local-table validate help

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

complete -c sls -f

# Commands.
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a validate \
    -d 'Lint templates against the schema, SAM rules and AWS service limits'
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a local-table \
    -d 'Serve the DynamoDB API locally, with the template tables'
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a invoke \
    -d 'Run a function of the template once, locally, as Lambda would'
complete -c sls -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show help for a command'
complete -c sls -n '__fish_seen_subcommand_from help' -a 'invoke local-table validate'

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

# sls local-table
set -l local_table '__fish_seen_subcommand_from local-table'
complete -c sls -n $local_table -s t -l template -x -a '(__sls_templates)' -d 'Template file'
complete -c sls -n $local_table -l parameter-overrides -x -d 'Parameter values (Key=Value ...)'
complete -c sls -n $local_table -s p -l port -x -d 'Port to listen on (0 picks a free port)'
complete -c sls -n $local_table -l host -x -a '127.0.0.1 localhost' -d 'Address to listen on'
complete -c sls -n $local_table -l db -r -F -d 'SQLite database file'
complete -c sls -n $local_table -l in-memory -d 'Keep the data in memory only'
complete -c sls -n $local_table -l strict-auth -d 'Refuse requests without SigV4 credentials'

# sls invoke
set -l invoke '__fish_seen_subcommand_from invoke'
complete -c sls -n $invoke -s t -l template -x -a '(__sls_templates)' -d 'Template file'
complete -c sls -n $invoke -l parameter-overrides -x -d 'Parameter values (Key=Value ...)'
complete -c sls -n $invoke -s e -l event -r -F -d 'Event file, or - for stdin'
complete -c sls -n $invoke -s n -l env-vars -r -F -d 'Environment variable values (SAM JSON or .env)'
complete -c sls -n $invoke -l no-sandbox -d 'Run without bubblewrap'
