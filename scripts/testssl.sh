#!/usr/bin/env bash
# Starts the loopback test platform (tests/MailDsl.TestPlatform: the DSL's test platform, emitted and running on
# Debian's nginx, sogod, Dovecot and Postfix), runs testssl.sh against every TLS port of it, and prints a summary:
# per port, how many findings of each severity, and every finding testssl.sh marks NOT ok or VULNERABLE.
# The test certificate is passed with --add-ca, so its chain is judged like a real CA's would be.
# Exits 1 if any port has such a finding. Needs root and scripts/install-deps.sh's packages.
# Usage: scripts/testssl.sh [OUT_DIR]   (testssl.sh's logs and JSON per port are kept there)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d -t maildsl-testssl-XXXXXX)}
mkdir -p "$out"
command -v testssl >/dev/null || { echo "testssl.sh is not installed: apt-get install testssl.sh (or scripts/install-deps.sh)" >&2; exit 1; }

dotnet build tests/MailDsl.TestPlatform -c Release -nologo -v q >/dev/null
coproc PLATFORM { exec dotnet tests/MailDsl.TestPlatform/bin/Release/net10.0/MailDsl.TestPlatform.dll up 2>&1; }
platform_pid=$PLATFORM_PID
trap 'kill -TERM "$platform_pid" 2>/dev/null || true; wait "$platform_pid" 2>/dev/null || true' EXIT

endpoints=()
certificate=
while IFS= read -r -u "${PLATFORM[0]}" line; do
  case $line in
    READY) break ;;
    "CERTIFICATE "*) certificate=${line#CERTIFICATE } ;;
    *" "*" "*" "*) endpoints+=("$line") ;;
    *) echo "$line" >&2 ;;
  esac
done
if [[ -z $certificate || ${#endpoints[@]} -eq 0 ]]; then
  echo "the test platform did not start" >&2
  exit 1
fi
echo "Platform up: ${#endpoints[@]} TLS ports; testssl.sh output in $out"

scan() {
  local host=$1 listener=$2 port=$3 starttls=$4 name
  name="${host%%.*}-$listener"
  local args=(--quiet --color 0 --warnings off --nodns none --add-ca "$certificate" --jsonfile "$out/$name.json" --logfile "$out/$name.log")
  [[ $starttls != - ]] && args+=(--starttls "$starttls")
  testssl "${args[@]}" "127.0.0.1:$port" >/dev/null 2>&1 || true
}
# Two scans at a time: testssl.sh is mostly waiting on handshakes, and the machine has two cores.
# (Waiting on the scans' own PIDs: a bare `wait` would wait for the platform too.)
scans=()
for endpoint in "${endpoints[@]}"; do
  # shellcheck disable=SC2086 # the endpoint line is four words
  scan $endpoint &
  scans+=("$!")
  if ((${#scans[@]} % 2 == 0)); then wait "${scans[@]}"; fi
done
wait "${scans[@]}"

python3 - "$out" "${endpoints[@]}" <<'PY'
import json, sys, re, os
out, endpoints = sys.argv[1], sys.argv[2:]
bad_ports = 0
print()
print(f"{'port':<28} {'OK':>4} {'INFO':>4} {'LOW':>4} {'MED':>4} {'HIGH':>4} {'CRIT':>4}  NOT ok / VULNERABLE")
for endpoint in endpoints:
    host, listener, port, starttls = endpoint.split()
    name = f"{host.split('.')[0]}-{listener}"
    try:
        findings = json.load(open(os.path.join(out, name + ".json")))
    except (OSError, ValueError) as e:
        print(f"{name + ':' + port:<28} testssl.sh wrote no results ({e})"); bad_ports += 1; continue
    counts = {s: 0 for s in ("OK", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL")}
    for f in findings:
        counts[f.get("severity", "INFO")] = counts.get(f.get("severity", "INFO"), 0) + 1
    log = open(os.path.join(out, name + ".log"), errors="replace").read()
    flagged = [re.sub(r"\s+", " ", l).strip() for l in log.splitlines() if re.search(r"NOT ok|VULNERABLE", l) and "not vulnerable" not in l.lower()]
    scan_errors = [f for f in findings if f.get("id") == "scanProblem"]
    if flagged or scan_errors: bad_ports += 1
    print(f"{name + ':' + port:<28} {counts['OK']:>4} {counts['INFO']:>4} {counts['LOW']:>4} {counts['MEDIUM']:>4} {counts['HIGH']:>4} {counts['CRITICAL']:>4}  " + ("none" if not flagged else ""))
    for l in flagged: print("    " + l)
    for f in scan_errors: print("    scan problem: " + f.get("finding", ""))
    for f in findings:
        if f.get("severity") in ("MEDIUM", "HIGH", "CRITICAL"):
            print(f"    {f['severity']}: {f['id']}: {f.get('finding', '')}")
print()
print(f"{len(endpoints)} ports scanned, {bad_ports} with a finding marked NOT ok or VULNERABLE")
sys.exit(1 if bad_ports else 0)
PY
