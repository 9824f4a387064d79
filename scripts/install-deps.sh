#!/usr/bin/env bash
# install-deps.sh: install what building and testing sls needs on Debian 12, idempotently.
# Runs as root, or through sudo. Installs nothing that is already there.
#   scripts/install-deps.sh           build + test dependencies
#   scripts/install-deps.sh --fuzz    also clang and its sanitizer/fuzzer runtime
set -euo pipefail

pkgs=(build-essential cmake ninja-build pkg-config git python3
      libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libcurl4-openssl-dev libsqlite3-dev
      libspdlog-dev doctest-dev libboost1.81-dev libzip-dev libssl-dev libtomlplusplus-dev
      clang-format man-db groff-base bash-completion zsh fish python3-jsonschema)
if [ "${1:-}" = "--fuzz" ]; then pkgs+=(clang libclang-rt-14-dev); fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
