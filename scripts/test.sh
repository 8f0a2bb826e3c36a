#!/usr/bin/env bash
# The README's test command: installs what the tests need, runs every test project and prints one closing line
# "N passed, N failed" summed over all of them from their TRX results (skips on the line before it). The daemons are
# installed here (Debian 12's on the machine, Debian 13's in the cached root), so daemon tests must not skip:
# MAILDSL_REQUIRE_DAEMONS. The integration tests (both targets' platforms, mostly waiting on daemons, handshakes
# and testssl.sh) and the deployment tests (install.sh and Ansible on both targets, mostly waiting on daemons that
# start, reload and stop) and the rendering tests each run beside the other projects, which run one after another.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
began=$SECONDS
bash scripts/install-deps.sh || { echo "installing test dependencies failed"; exit 1; }
# Mermaid's own parser (npm, pinned by the lock file) for the emitted README's picture (MailDsl.Package.Tests); node and
# npm come from Debian when missing. The package tests restore from NuGet; both registries are reachable from CI.
command -v npm >/dev/null || apt-get install -y -qq nodejs npm >/dev/null || { echo "installing node and npm failed"; exit 1; }
npm ci --prefix tests/MailDsl.Package.Tests/Mermaid --no-audit --no-fund --loglevel=error >/dev/null \
  || { echo "installing the Mermaid parser (npm ci) failed"; exit 1; }
# puppeteer-core (npm, pinned by the lock file; it downloads no browser) drives Debian's Chromium through the webmail
# (MailDsl.Integration.Tests, WebmailBrowserTests); the inbox screenshots it takes are kept in TestResults/.
npm ci --prefix tests/MailDsl.Integration.Tests/Browser --no-audit --no-fund --loglevel=error >/dev/null \
  || { echo "installing the browser driver (npm ci) failed"; exit 1; }
export MAILDSL_TEST_ARTIFACTS=$PWD/TestResults
echo "time: dependencies (packages, Debian 13 root) $((SECONDS - began)) s"
export MAILDSL_REQUIRE_DAEMONS=1
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
built=$SECONDS
dotnet build MailDsl.sln -c Release -warnaserror || { echo "0 passed, 1 failed"; exit 1; }
echo "time: build $((SECONDS - built)) s"

# One project: its TRX and output in $results, its exit code and seconds in NAME.rc / NAME.time. The integration and
# deployment tests run in a network namespace of their own with only loopback up: their test hosts get addresses on
# private bridges there (TestPlatform's LabNetwork refuses a namespace with a route out), so nothing can leave the machine.
run_project() {
  local name=$1 started=$SECONDS wrap=()
  [[ $name == MailDsl.Integration.Tests || $name == MailDsl.Deploy.Tests ]] && wrap=(unshare --net -- bash -c 'ip link set lo up && exec "$@"' isolated)
  "${wrap[@]}" dotnet test "tests/$name" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout 30m >"$results/$name.log" 2>&1
  echo $? >"$results/$name.rc"
  echo $((SECONDS - started)) >"$results/$name.time"
}
projects=()
for csproj in tests/*Tests/*Tests.csproj; do projects+=("$(basename "$(dirname "$csproj")")"); done
# Lanes that run side by side: the daemon projects wait mostly on daemons; Render (every target's checkers over the
# rendered files) and Generators (compilations and the hostile corpus) are the two longest of the rest, so Render has a
# lane of its own and the other projects run one after another in the last.
own_lane=(MailDsl.Integration.Tests MailDsl.Deploy.Tests MailDsl.Render.Tests)
tested=$SECONDS
lanes=()
for name in "${own_lane[@]}"; do run_project "$name" & lanes+=($!); done
for name in "${projects[@]}"; do [[ " ${own_lane[*]} " == *" $name "* ]] || run_project "$name"; done
wait "${lanes[@]}"
status=0
for name in "${projects[@]}"; do
  echo "===== $name (exit $(cat "$results/$name.rc"), $(cat "$results/$name.time") s)"
  cat "$results/$name.log"
  [[ $(cat "$results/$name.rc") == 0 ]] || status=1
done
for name in "${projects[@]}"; do echo "time: $name $(cat "$results/$name.time") s"; done
echo "time: tests $((SECONDS - tested)) s, in all $((SECONDS - began)) s"
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
