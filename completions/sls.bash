# bash completion for sls(1). Installed as bash-completion/completions/sls; or source this file.
# It needs nothing from the bash-completion package. tests/e2e/docs_test.sh fails when a flag
# of `sls --help` or `sls COMMAND --help` is missing here.

_sls_global_opts='-h --help -V --version --output -q --quiet --no-color --debug --config-file
  --config-env'
_sls_commands='generate-event invoke local-lambda local-table validate'  # every command but help

# Appends the lines a command prints to COMPREPLY (one candidate a line: names with spaces
# stay whole).
_sls_reply() {
  mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <("$@")
}

# Completes template files (*.yaml, *.yml, *.json) and directories to look in.
_sls_templates() {
  local cur=$1 ext
  compopt -o filenames 2>/dev/null
  COMPREPLY=()
  for ext in yaml yml json; do
    _sls_reply compgen -f -X "!*.$ext" -- "$cur"
  done
  _sls_reply compgen -d -- "$cur"
}

# Completes a comma-separated list of rule ids from `sls validate --list-rules`.
_sls_rule_ids() {
  local cur=$1 sls=$2 prefix='' last=$1
  if [[ $cur == *,* ]]; then
    prefix=${cur%,*},
    last=${cur##*,}
  fi
  local ids
  ids=$("$sls" validate --list-rules 2>/dev/null | cut -d' ' -f1)
  compopt -o nospace 2>/dev/null
  _sls_reply compgen -P "$prefix" -W "$ids" -- "$last"
}

_sls_validate() {
  local cur=$1 prev=$2 sls=$3
  case $prev in
    -t | --template)
      _sls_templates "$cur"
      return
      ;;
    -f | --format)
      _sls_reply compgen -W 'text json sarif junit' -- "$cur"
      return
      ;;
    --ignore-checks | --include-checks)
      _sls_rule_ids "$cur" "$sls"
      return
      ;;
    --parameter-overrides)
      return
      ;;
  esac
  if [[ $cur == -* ]]; then
    # -h/--help come with the global options, which are accepted after the command too.
    _sls_reply compgen -W "-t --template --parameter-overrides -f --format --ignore-checks
      --include-checks --strict --list-rules $_sls_global_opts" -- "$cur"
  else
    _sls_templates "$cur"
  fi
}

_sls_local_lambda() {
  local cur=$1 prev=$2
  case $prev in
    -t | --template)
      _sls_templates "$cur"
      return
      ;;
    -n | --env-vars | --db)
      compopt -o filenames 2>/dev/null
      _sls_reply compgen -f -- "$cur"
      return
      ;;
    -p | --port | --host | --parameter-overrides | --concurrency | --dynamodb-endpoint)
      return
      ;;
  esac
  if [[ $cur == -* ]]; then
    _sls_reply compgen -W "-t --template --parameter-overrides -p --port --host -n --env-vars
      --concurrency --dynamodb-endpoint --db --no-tables --no-sandbox --no-freeze
      $_sls_global_opts" -- "$cur"
  fi
}

_sls_local_table() {
  local cur=$1 prev=$2
  case $prev in
    -t | --template)
      _sls_templates "$cur"
      return
      ;;
    --db)
      compopt -o filenames 2>/dev/null
      _sls_reply compgen -f -- "$cur"
      return
      ;;
    -p | --port | --host | --parameter-overrides)
      return
      ;;
  esac
  if [[ $cur == -* ]]; then
    _sls_reply compgen -W "-t --template --parameter-overrides -p --port --host --db --in-memory
      --strict-auth $_sls_global_opts" -- "$cur"
  fi
}

# sls generate-event: its services, their events and each event's flags (as
# `sls generate-event [SERVICE [EVENT]] --help` lists them).
_sls_event_services='apigateway cloudwatch dynamodb eventbridge kinesis s3 sns sqs'

_sls_event_names() {
  case $1 in
    apigateway) echo 'authorizer aws-proxy http-api-proxy request-authorizer' ;;
    cloudwatch) echo 'logs scheduled-event' ;;
    dynamodb) echo 'update' ;;
    eventbridge) echo 'custom-event scheduled-event' ;;
    kinesis) echo 'get-records' ;;
    s3) echo 'delete put' ;;
    sns) echo 'notification' ;;
    sqs) echo 'receive-message' ;;
  esac
}

_sls_event_flags() {
  case "$1 $2" in
    'apigateway authorizer' | 'apigateway request-authorizer')
      echo '--account-id --partition --region --stage --method --resource --restApiId --token'
      ;;
    'apigateway aws-proxy')
      echo '--body --stage --method --resource --path --querystringparameters --account-id --dns-suffix'
      ;;
    'apigateway http-api-proxy')
      echo '--body --stage --method --path --querystringparameters --account-id --dns-suffix'
      ;;
    'cloudwatch logs')
      echo '--account-id --log-group --log-stream --filter --message'
      ;;
    'cloudwatch scheduled-event' | 'eventbridge scheduled-event')
      echo '--account-id --partition --region --rule'
      ;;
    'dynamodb update')
      echo '--account-id --partition --region --table'
      ;;
    'eventbridge custom-event')
      echo '--account-id --region --source --detail-type --detail'
      ;;
    'kinesis get-records')
      echo '--region --partition --sequence --data --partition-key --account-id --stream'
      ;;
    's3 delete' | 's3 put')
      echo '--region --partition --bucket --key'
      ;;
    'sns notification')
      echo '--account-id --partition --region --topic --subject --message'
      ;;
    'sqs receive-message')
      echo '--partition --region --account-id --queue-name --body'
      ;;
  esac
}

# Completes `sls generate-event SERVICE EVENT --flag value`; $3 is the index of generate-event
# in COMP_WORDS. Every flag takes a value.
_sls_generate_event() {
  local cur=$1 prev=$2 at=$3
  local service=${COMP_WORDS[at + 1]} event=${COMP_WORDS[at + 2]}
  if [[ $cur == -* ]] && ((COMP_CWORD <= at + 2)); then
    _sls_reply compgen -W "$_sls_global_opts" -- "$cur"
    return
  fi
  if ((COMP_CWORD == at + 1)); then
    _sls_reply compgen -W "$_sls_event_services" -- "$cur"
    return
  fi
  if ((COMP_CWORD == at + 2)); then
    _sls_reply compgen -W "$(_sls_event_names "$service")" -- "$cur"
    return
  fi
  case $prev in
    --method)
      _sls_reply compgen -W 'DELETE GET HEAD OPTIONS PATCH POST PUT' -- "$cur"
      return
      ;;
    --partition)
      _sls_reply compgen -W 'aws aws-cn aws-us-gov' -- "$cur"
      return
      ;;
    --*) return ;;  # a value of the event's own
  esac
  if [[ $cur == -* ]]; then
    _sls_reply compgen -W "$(_sls_event_flags "$service" "$event") $_sls_global_opts" -- "$cur"
  fi
}

# Completes the logical ids of the template's functions (the -t given, else the default one).
_sls_function_ids() {
  local cur=$1 tpl=$2 f
  if [[ -z $tpl ]]; then
    for f in template.yaml template.yml template.json; do
      [[ -f $f ]] && tpl=$f && break
    done
  fi
  [[ -f $tpl ]] || return
  _sls_reply compgen -W "$(awk '/^Resources:/ { in_res = 1; next }
    /^[^ #]/ { in_res = 0 }
    in_res && /^  [A-Za-z0-9]+:/ { id = $1; sub(":", "", id) }
    in_res && /Type: *(AWS::Serverless::Function|AWS::Lambda::Function)/ { print id }' "$tpl")" \
    -- "$cur"
}

_sls_invoke() {
  local cur=$1 prev=$2 i tpl=''
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in -t | --template) tpl=${COMP_WORDS[i + 1]} ;; esac
  done
  case $prev in
    -t | --template)
      _sls_templates "$cur"
      return
      ;;
    -e | --event | -n | --env-vars | --db)
      compopt -o filenames 2>/dev/null
      _sls_reply compgen -f -- "$cur"
      return
      ;;
    --parameter-overrides | --dynamodb-endpoint)
      return
      ;;
  esac
  if [[ $cur == -* ]]; then
    _sls_reply compgen -W "-t --template --parameter-overrides -e --event -n --env-vars
      --dynamodb-endpoint --db --no-tables --no-sandbox $_sls_global_opts" -- "$cur"
  else
    _sls_function_ids "$cur" "$tpl"
  fi
}

_sls() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=''
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # With '=' in COMP_WORDBREAKS, "--format=js" arrives as "--format" "=" "js".
  if [[ $cur == '=' ]]; then
    cur=''
  elif [[ $prev == '=' ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  COMPREPLY=()

  # The command is the first word that is neither an option nor a global option's value.
  local i cmd='' cmd_at=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --output | --config-file | --config-env) ((i++)) ;;
      -*) ;;
      *)
        cmd=${COMP_WORDS[i]}
        cmd_at=$i
        break
        ;;
    esac
  done

  case $prev in
    --output)
      _sls_reply compgen -W 'text json' -- "$cur"
      return
      ;;
    --config-file)
      compopt -o filenames 2>/dev/null
      _sls_reply compgen -f -- "$cur"
      return
      ;;
    --config-env)
      return
      ;;
  esac

  case $cmd in
    '')
      if [[ $cur == -* ]]; then
        _sls_reply compgen -W "$_sls_global_opts" -- "$cur"
      else
        _sls_reply compgen -W "$_sls_commands help" -- "$cur"
      fi
      ;;
    validate) _sls_validate "$cur" "$prev" "${COMP_WORDS[0]}" ;;
    local-table) _sls_local_table "$cur" "$prev" ;;
    local-lambda) _sls_local_lambda "$cur" "$prev" ;;
    generate-event) _sls_generate_event "$cur" "$prev" "$cmd_at" ;;
    invoke) _sls_invoke "$cur" "$prev" ;;
    help) _sls_reply compgen -W "$_sls_commands" -- "$cur" ;;
  esac
}

complete -F _sls sls
