# Where scripts/install-deps.sh builds AWS's Node.js runtime interface client for
# tests/e2e/ric_test.sh, and where the test finds it: a cache outside the source tree (its native
# build takes minutes, so a fresh clone reuses it), named after package-lock.json's content so a
# new pin builds anew. Prints the directory. Usage: bash tests/e2e/ric/ric_dir.sh
lock=$(dirname "${BASH_SOURCE[0]}")/package-lock.json
hash=$(sha256sum "$lock" | cut -c1-12)
echo "${SLS_RIC_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sls/aws-lambda-ric-$hash}"
