#!/usr/bin/env bash
# The manual pages and shell completions cannot drift from the CLI. For `sls` and every
# command `sls --help` lists, each flag of its --help must appear in its page (man/sls.1 or
# man/sls-COMMAND.1) and in each completion file, and must complete in bash. The pages must
# render without groff warnings, and .pre-commit-hooks.yaml must pick template files.
# Usage: SLS_SOURCE_DIR=... bash docs_test.sh path/to/sls   (installs nothing)
set -uo pipefail

sls=${1:?usage: bash docs_test.sh path/to/sls}
src=${SLS_SOURCE_DIR:?set SLS_SOURCE_DIR to the source tree}
completions=("$src/completions/sls.bash" "$src/completions/_sls" "$src/completions/sls.fish")
completion_texts=()
for file in "${completions[@]}"; do completion_texts+=("$(cat "$file")"); done
failures=0
checks=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

pass() { checks=$((checks + 1)); }

# The flags of a CLI11 help text: the first word of each option line ("  -t,--template TEXT").
flags_of() {
  awk '/^  +-/ { print $1 }' | tr ',' '\n' | grep -oE '^--?[A-Za-z0-9][A-Za-z0-9-]*' | sort -u
}

# The commands of `sls --help`: the first word of each line of its Subcommands section.
commands_of() {
  awk '/^[A-Za-z].*:$/ { in_cmds = ($0 == "Subcommands:"); next }
       in_cmds && /^  +[a-z]/ { print $1 }' | grep -vx help
}

# A file's text with roff's escaped hyphens and font changes undone: "\-\-format" -> "--format".
plain_text() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' "$1"; }

# Whether FLAG is written in TEXT as a whole word. fish writes --name as "-l name" and -x as
# "-s x"; every other file writes the flag itself.
mentions_flag() {
  local flag=$1 text=$2 fish=$3
  local word
  if [[ $fish == 1 && $flag == --* ]]; then
    word="-l ${flag#--}"
  elif [[ $fish == 1 ]]; then
    word="-s ${flag#-}"
  else
    word=$flag
  fi
  local re="(^|[^A-Za-z0-9-])${word}([^A-Za-z0-9-]|\$)"
  [[ $text =~ $re ]]
}

# check_flags WHAT PAGE FLAG...: each flag in the page and in every completion file.
check_flags() {
  local what=$1 page=$2
  shift 2
  local page_text flag i
  page_text=$(plain_text "$page")
  for flag in "$@"; do
    if mentions_flag "$flag" "$page_text" 0; then
      pass
    else
      fail "$what flag $flag is missing from ${page#"$src"/}"
    fi
    for i in "${!completions[@]}"; do
      local is_fish=0
      [[ ${completions[i]} == *.fish ]] && is_fish=1
      if mentions_flag "$flag" "${completion_texts[i]}" $is_fish; then
        pass
      else
        fail "$what flag $flag is missing from ${completions[i]#"$src"/}"
      fi
    done
  done
}

# bash_complete WORD...: what the bash completion offers for the last word.
bash_complete() {
  bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _sls 2>/dev/null
    printf "%s\n" "${COMPREPLY[@]}"' bash "$src/completions/sls.bash" "$@"
}

# expect_bash WANT WORD...: bash completes the words to a list holding WANT.
expect_bash() {
  local want=$1
  shift
  local got
  got=$(bash_complete "$@")
  if grep -qxF -- "$want" <<<"$got"; then
    pass
  else
    fail "bash completion of '$*' does not offer $want (got: $(tr '\n' ' ' <<<"$got"))"
  fi
}

# expect_fish WANT LINE: fish completes the command line to a list holding WANT.
expect_fish() {
  local want=$1 line=$2
  local got
  got=$(fish --no-config -c "source '$src/completions/sls.fish'; complete -C'$line'" | cut -f1)
  if grep -qxF -- "$want" <<<"$got"; then
    pass
  else
    fail "fish completion of '$line' does not offer $want"
  fi
}

# expect_zsh WANT LINE: in an interactive zsh (on a pseudo-terminal), typing LINE and TAB
# shows WANT. Polls the terminal until WANT appears or the deadline passes.
expect_zsh() {
  local want=$1 line=$2
  if zsh -f -c '
    setopt extendedglob
    zmodload zsh/zpty || exit 2
    zpty z "zsh -f -i" || exit 2
    zpty -w z "PROMPT=\"%% \"; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
    zpty -n -w z "$2"$'"'"'\t'"'"'
    out="" chunk=""
    deadline=$((SECONDS + 10))
    while ((SECONDS < deadline)); do
      if zpty -r -t z chunk; then out+=$chunk; else sleep 0.05; fi
      [[ ${out//$'"'"'\e'"'"'\[[0-9;]#[A-Za-z]/} == *"$3"* ]] && { zpty -d z; exit 0; }
    done
    zpty -d z
    exit 1' zsh "$src/completions" "$line" "$want"; then
    pass
  else
    fail "zsh completion of '$line' does not show $want"
  fi
}

check_render() {
  local page=$1 warnings
  if command -v groff >/dev/null; then
    warnings=$(groff -ww -z -man -Tutf8 "$page" 2>&1)
    if [[ -z $warnings ]]; then pass; else fail "groff warns about ${page#"$src"/}: $warnings"; fi
  fi
  if command -v man >/dev/null; then
    warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    if [[ -z $warnings ]]; then pass; else fail "man warns about ${page#"$src"/}: $warnings"; fi
  fi
}

# check_subcommands PAGE WORD...: each subcommand `sls WORD... --help` lists (generate-event's
# services, then each service's events) is named in PAGE as "sls WORD... SUB" and in every
# completion file, and bash completes it; each of its flags is checked as a command's are, and
# its own subcommands likewise.
check_subcommands() {
  local page=$1
  shift
  local help page_text sub file flag
  help=$("$sls" "$@" --help) || {
    fail "sls $* --help failed"
    return
  }
  page_text=$(plain_text "$page")
  local -a subs
  mapfile -t subs < <(commands_of <<<"$help")
  for sub in "${subs[@]}"; do
    [[ -n $sub ]] || continue
    if [[ $page_text == *"sls $* $sub"* ]]; then
      pass
    else
      fail "subcommand 'sls $* $sub' is missing from ${page#"$src"/}"
    fi
    for file in "${completions[@]}"; do
      if grep -qw -- "$sub" "$file"; then
        pass
      else
        fail "subcommand 'sls $* $sub' is missing from ${file#"$src"/}"
      fi
    done
    expect_bash "$sub" sls "$@" "${sub:0:2}"
    local sub_help
    sub_help=$("$sls" "$@" "$sub" --help) || {
      fail "sls $* $sub --help failed"
      continue
    }
    local -a sub_flags
    mapfile -t sub_flags < <(flags_of <<<"$sub_help")
    check_flags "$* $sub" "$page" "${sub_flags[@]}"
    for flag in "${sub_flags[@]}"; do
      [[ $flag == --* ]] && expect_bash "$flag" sls "$@" "$sub" "${flag:0:5}"
    done
    check_subcommands "$page" "$@" "$sub"
  done
}

main_help=$("$sls" --help) || fail "sls --help failed"
mapfile -t global_flags < <(flags_of <<<"$main_help")
mapfile -t commands < <(commands_of <<<"$main_help")
[[ ${#global_flags[@]} -gt 0 ]] || fail "no flags found in sls --help"
[[ ${#commands[@]} -gt 0 ]] || fail "no commands found in sls --help"

check_flags "global" "$src/man/sls.1" "${global_flags[@]}"
for flag in "${global_flags[@]}"; do
  [[ $flag == --* ]] && expect_bash "$flag" sls "${flag:0:4}"
done

sls_page=$(plain_text "$src/man/sls.1")
for cmd in "${commands[@]}"; do
  page=$src/man/sls-$cmd.1
  if [[ ! -f $page ]]; then
    fail "command $cmd has no manual page man/sls-$cmd.1"
    continue
  fi
  see_also="(^|[^a-z-])sls-$cmd([^a-z-]|\$)"
  if [[ $sls_page =~ $see_also ]] && grep -qE "^\.B $cmd\$" "$src/man/sls.1"; then
    pass
  else
    fail "man/sls.1 does not list command $cmd (in COMMANDS and SEE ALSO)"
  fi
  for file in "${completions[@]}"; do
    grep -qw -- "$cmd" "$file" || fail "command $cmd is missing from ${file#"$src"/}"
  done
  expect_bash "$cmd" sls "${cmd:0:3}"
  cmd_help=$("$sls" "$cmd" --help) || fail "sls $cmd --help failed"
  mapfile -t cmd_flags < <(flags_of <<<"$cmd_help")
  check_flags "$cmd" "$page" "${cmd_flags[@]}"
  for flag in "${cmd_flags[@]}"; do
    [[ $flag == --* ]] && expect_bash "$flag" sls "$cmd" "${flag:0:5}"
  done
  check_subcommands "$page" "$cmd"
done

# The examples the brief of this test names, and a flag's values.
expect_bash validate sls val
expect_bash --format sls validate --fo
expect_bash sarif sls validate --format sa
expect_bash json sls --output j
expect_bash put sls generate-event s3 p
expect_bash --queue-name sls generate-event sqs receive-message --qu
expect_bash GET sls generate-event apigateway aws-proxy --method G
if command -v fish >/dev/null; then
  expect_fish validate "sls val"
  expect_fish --format "sls validate --fo"
  expect_fish junit "sls validate --format j"
  expect_fish put "sls generate-event s3 p"
  expect_fish --bucket "sls generate-event s3 put --b"
  expect_fish aws-cn "sls generate-event s3 put --partition aws-"
else
  echo "docs_test: fish not installed; fish completion checked for flags only"
fi
if command -v zsh >/dev/null; then
  if zsh -n "$src/completions/_sls"; then pass; else fail "completions/_sls is not valid zsh"; fi
  expect_zsh "sls validate" "sls val"
  expect_zsh "sls validate --format=" "sls validate --fo"
  expect_zsh "sls generate-event s3 put" "sls generate-event s3 p"
  expect_zsh "--queue-name=" "sls generate-event sqs receive-message --que"
else
  echo "docs_test: zsh not installed; zsh completion checked for flags only"
fi

for page in "$src"/man/*.1; do check_render "$page"; done
command -v groff >/dev/null || command -v man >/dev/null ||
  fail "neither groff nor man is installed: cannot check the pages render (apt-get install groff-base man-db)"

# pre-commit matches `files` with Python's re.search on paths relative to the repository.
if command -v python3 >/dev/null; then
  if python3 - "$src/.pre-commit-hooks.yaml" <<'PY'; then pass; else fail ".pre-commit-hooks.yaml (above)"; fi
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
files = re.search(r"^\s*files:\s*'([^']*)'\s*$", text, re.M)
errors = []
for key, want in (("id", "sls-validate"), ("entry", "sls validate"), ("pass_filenames", "true")):
    if not re.search(rf"^\s*-?\s*{key}:\s*{re.escape(want)}\s*$", text, re.M):
        errors.append(f"{key} is not {want}")
if not files:
    errors.append("no single-quoted files pattern")
else:
    pattern = re.compile(files.group(1))
    for path in ["template.yaml", "template.yml", "template.json", "app/template.yaml",
                 "prod-template.yml", "template-prod.yaml", "app.template.json",
                 "sam_template.yaml"]:
        if not pattern.search(path):
            errors.append(f"files does not match {path}")
    for path in ["package.json", ".github/workflows/ci.yml", "samconfig.toml", "templates.md",
                 "docker-compose.yml", "templates/readme.txt", "mytemplates.yaml"]:
        if pattern.search(path):
            errors.append(f"files matches {path}")
for e in errors:
    print("  " + e)
sys.exit(1 if errors else 0)
PY
fi

echo "docs_test: $checks passed, $failures failed"
[[ $failures -eq 0 ]]
