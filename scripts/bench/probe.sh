#!/usr/bin/env bash
# The probe verb on the synthetic platform (the generator and emit benchmarks' description) of each size given, every
# endpoint it describes answered by a stand-in on loopback (each host and VIP its own 127.1.x.y address, the described
# ports; implicit TLS or the protocol's STARTTLS dialogue, offering the endpoint's expected protocols and suites, one
# certificate for every name). One run per size; prints the wall time, the connections probe made, and the ratios.
#   scripts/bench/probe.sh [HOSTS...]    default: 10 100; as root (the stand-ins listen on ports 25 to 995)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/benchmarks/MailDsl.Benchmarks" -c Release -v q -nologo >/dev/null
exec dotnet "$repo/benchmarks/MailDsl.Benchmarks/bin/Release/net10.0/MailDsl.Benchmarks.dll" probe "$@"
