#!/usr/bin/env bash
# check-format.sh: fail when a C++ source differs from clang-format's layout (.clang-format).
#   scripts/check-format.sh          check
#   scripts/check-format.sh --fix    rewrite files in place
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format missing, skipped"; exit 0; }
mapfile -t files < <(git ls-files 'cli/*.cpp' 'cli/*.h' 'lib/*.cpp' 'lib/*.h' 'tests/*.cpp' \
  'tests/*.h' 'fuzz/*.cpp' 'bench/*.cpp')
[ ${#files[@]} -gt 0 ] || exit 0
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
else
  clang-format --dry-run --Werror "${files[@]}"
  echo "check-format: ${#files[@]} files formatted"
fi
