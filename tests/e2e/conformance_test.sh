# Conformance floors on the shared corpora (../shared/conformance), so a change that adds a
# false error or a crash fails here:
#  - sam-translator fixtures (lint-score.py): every `clean` template exits 0, every `tolerated`
#    one exits 0 or 2, and at least MIN_INVALID of the 166 `invalid` ones exit 2;
#  - real-world templates: no error on any `pass` template, and a located E0000 (exit 2, never
#    a crash) on every `unparseable` one; every other one exits 0 or 2.
. "$(dirname "$0")/lib.sh"
MIN_INVALID=${MIN_INVALID:-160}
shared=${SLS_SHARED_DIR:-$SRC/../shared}
conf=$shared/conformance
if [ ! -d "$conf/sam-translator" ]; then
  echo "conformance corpora not found at $conf"
  check "the shared conformance corpora are present" "yes" "no"
  finish; exit
fi

python3 "$conf/sam-translator/lint-score.py" --sls "$SLS" --jobs "$(nproc)" -v > "$WORK/lint.txt" 2>&1
tail -n 2 "$WORK/lint.txt"
read -r clean_ok clean_all invalid_ok invalid_all tol_ok tol_all < <(python3 - "$WORK/lint.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"without a false error (\d+)/(\d+); invalid templates flagged (\d+)/(\d+); "
              r"tolerated templates without a crash (\d+)/(\d+)", text)
print(*(m.groups() if m else ["0"] * 6))
PY
)
grep '^FAIL clean' "$WORK/lint.txt" | head -n 20
check "every clean SAM fixture validates without an error" "$clean_all" "$clean_ok"
check "no tolerated SAM fixture crashes" "$tol_all" "$tol_ok"
check "at least $MIN_INVALID invalid SAM fixtures are flagged" "yes" \
  "$([ "$invalid_ok" -ge "$MIN_INVALID" ] && echo yes || echo "no ($invalid_ok/$invalid_all)")"

python3 - "$SLS" "$conf/real-world" > "$WORK/real.txt" <<'PY'
import concurrent.futures as cf, json, os, subprocess, sys
sls, root = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(root, "manifest.json")))
def run(t):
    p = subprocess.run([sls, "validate", "--ignore-checks", "E2531,E2533,W2531",
                        os.path.join(root, "templates", t["file"])],
                       capture_output=True, text=True, timeout=20)
    return t, p.returncode, p.stdout
bad = []
with cf.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
    for t, rc, out in ex.map(run, manifest["templates"]):
        e = t["expect"]
        if e == "pass" and rc != 0:
            bad.append(f"pass template has errors: {t['file']}: {out[:300]}")
        elif e == "unparseable" and (rc != 2 or "E0000" not in out or ":" not in out):
            bad.append(f"unparseable template not reported as located E0000: {t['file']} (exit {rc})")
        elif rc not in (0, 2):
            bad.append(f"crash or failure: {t['file']} exit {rc}")
print("\n".join(bad))
print(f"real-world: {len(manifest['templates'])} templates, {len(bad)} problems")
PY
tail -n 1 "$WORK/real.txt"
check "real-world templates: no false error, no crash, located parse errors" "" \
  "$(grep -v '^real-world:' "$WORK/real.txt" | head -n 20)"
finish
