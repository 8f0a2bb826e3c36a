#!/usr/bin/env bash
# The README's test command: installs what the tests need, runs every test project, and prints one
# closing line "N passed, N failed" summed over all of them from their TRX results (skips on the line
# before it). The daemons are installed here, so daemon tests must not skip: MAILDSL_REQUIRE_DAEMONS.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || { echo "installing test dependencies failed"; exit 1; }
# Mermaid's own parser (npm, pinned by the lock file) for the emitted README's picture (MailDsl.Package.Tests); node and
# npm come from Debian when missing. The package tests restore from NuGet; both registries are reachable from CI.
command -v npm >/dev/null || apt-get install -y -qq nodejs npm >/dev/null || { echo "installing node and npm failed"; exit 1; }
npm ci --prefix tests/MailDsl.Package.Tests/Mermaid --no-audit --no-fund --loglevel=error >/dev/null \
  || { echo "installing the Mermaid parser (npm ci) failed"; exit 1; }
export MAILDSL_REQUIRE_DAEMONS=1
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet build MailDsl.sln -c Release -warnaserror || { echo "0 passed, 1 failed"; exit 1; }
status=0
dotnet test MailDsl.sln -c Release --no-build --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 10m || status=$?
python3 - "$results" "$status" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    skipped += int(c.get("notExecuted"))
if int(sys.argv[2]) != 0 and failed == 0:
    print("dotnet test failed outside any test result (a crashed or hung test host); counted as a failure")
    failed = 1
print(f"{skipped} skipped")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
summary=$?
if [[ $status -ne 0 || $summary -ne 0 ]]; then exit 1; fi
