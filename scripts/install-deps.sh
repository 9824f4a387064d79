#!/usr/bin/env bash
# install-deps.sh: install what building and testing sls needs on Debian 12, idempotently.
# Runs as root, or through sudo. Installs nothing that is already there.
#   scripts/install-deps.sh           build + test dependencies
#   scripts/install-deps.sh --fuzz    also clang and its sanitizer/fuzzer runtime
set -euo pipefail

pkgs=(build-essential cmake ninja-build pkg-config git python3
      libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libcurl4-openssl-dev libsqlite3-dev zlib1g-dev
      libspdlog-dev libfmt-dev doctest-dev libboost1.81-dev libzip-dev libssl-dev libtomlplusplus-dev
      clang-format man-db groff-base bash-completion zsh fish python3-jsonschema
      awscli python3-boto3 jq xz-utils bubblewrap)
# Node.js may come from another repository (e.g. NodeSource, which bundles npm and conflicts
# with Debian's npm package): ask apt for it only when there is no node at all.
command -v node >/dev/null && command -v npm >/dev/null || pkgs+=(nodejs npm)
if [ "${1:-}" = "--fuzz" ]; then pkgs+=(clang libclang-rt-14-dev); fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The SARIF 2.1.0 schema the reporter test validates against ships in an npm package.
sarif_pkg=@microsoft/jest-sarif@1.0.0-beta.0
if command -v npm >/dev/null; then
  root=$(npm root -g 2>/dev/null || true)
  if [ ! -f "$root/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ]; then
    echo "install-deps: npm install -g $sarif_pkg"
    $sudo npm install -g --no-fund --no-audit --loglevel=error "$sarif_pkg" >/dev/null
  fi
fi
# The DynamoDB client suites (tests/e2e/table_jssdk_test.sh) run the AWS SDK for JavaScript at
# the versions pinned in tests/e2e/table/js/package-lock.json; npm ls fails when one is missing.
js_dir=$(cd "$(dirname "$0")/.." && pwd)/tests/e2e/table/js
if ! (cd "$js_dir" && npm ls --depth=0 >/dev/null 2>&1); then
  echo "install-deps: npm ci in tests/e2e/table/js"
  (cd "$js_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
# InvokeWithResponseStream is driven by @aws-sdk/client-lambda (tests/e2e/local_lambda_stream_test.sh),
# pinned in tests/e2e/local_lambda_stream/js/package-lock.json: Debian's AWS CLI and boto3 predate
# the operation.
stream_js=$(cd "$(dirname "$0")/.." && pwd)/tests/e2e/local_lambda_stream/js
if ! (cd "$stream_js" && npm ls --depth=0 >/dev/null 2>&1); then
  echo "install-deps: npm ci in tests/e2e/local_lambda_stream/js"
  (cd "$stream_js" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
# AWS's Node.js runtime interface client (tests/e2e/ric_test.sh), at the version pinned in
# tests/e2e/ric/package-lock.json. Its install builds curl and aws-lambda-cpp from the sources it
# ships and a node-gyp addon (cmake, make, g++, python3 and Node's headers; minutes on two
# cores), so it goes to a cache outside the source tree that later clones reuse. Node's headers
# come from the system (nodedir) where it has them: node-gyp would otherwise download them.
ric_src=$(cd "$(dirname "$0")/.." && pwd)/tests/e2e/ric
ric_dir=$(bash "$ric_src/ric_dir.sh")
if [ ! -f "$ric_dir/node_modules/aws-lambda-ric/rapid-client.node" ] && command -v npm >/dev/null; then
  echo "install-deps: building aws-lambda-ric in $ric_dir (a few minutes)"
  mkdir -p "$ric_dir"
  cp "$ric_src/package.json" "$ric_src/package-lock.json" "$ric_dir/"
  nodedir=()
  [ -f /usr/include/node/node_api.h ] && nodedir=(--nodedir=/usr)
  (cd "$ric_dir" && npm ci --no-audit --no-fund --loglevel=error --foreground-scripts \
    "${nodedir[@]}" >"$ric_dir/install.log" 2>&1) ||
    { echo "install-deps: aws-lambda-ric failed to build; see $ric_dir/install.log" >&2; exit 1; }
  [ -f "$ric_dir/node_modules/aws-lambda-ric/rapid-client.node" ] ||
    { echo "install-deps: aws-lambda-ric built no rapid-client.node; see $ric_dir/install.log" >&2; exit 1; }
fi
[ ${#missing[@]} -gt 0 ] || echo "install-deps: everything is installed"
