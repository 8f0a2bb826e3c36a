#!/usr/bin/env bash
# Starts the integration test platform (tests/MailDsl.TestPlatform: the DSL's test platform, two hosts per layer on a lab
# network in a network namespace of its own, emitted for a target, installed by its own install.sh and running on that
# target's nginx, SOGo, Dovecot and Postfix: Debian 12's on this machine, or with --target debian13 Debian 13's in the
# cached root), runs testssl.sh against every TLS port of every VIP, and prints a summary: per port, findings by
# severity, and every line testssl.sh marks NOT ok or VULNERABLE, every finding of MEDIUM severity or worse and every
# scan problem. The test certificate is passed with --add-ca, so its chain is judged as a real CA's would be. Exits 1 if
# any port has such a finding.
# Needs root and scripts/install-deps.sh's packages (testssl.sh among them) and, for Debian 13, its root.
# Usage: scripts/testssl.sh [--target debian12|debian13] [DIR]   (testssl.sh's log and JSON for each port are kept in DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v testssl >/dev/null || { echo "testssl.sh is not installed: apt-get install testssl.sh (or run scripts/install-deps.sh)" >&2; exit 1; }
dotnet build tests/MailDsl.TestPlatform -c Release -nologo -v q >/dev/null
# The platform runs on a lab network, made only in a network namespace with no route out: unshare gives it one.
exec unshare --net -- bash -c 'ip link set lo up && exec "$@"' isolated dotnet tests/MailDsl.TestPlatform/bin/Release/net10.0/MailDsl.TestPlatform.dll testssl "$@"
