#!/usr/bin/env bash
# Emit of a synthetic platform against the disk floor, in one process and one run: a plain loop writing the same files
# (Directory.CreateDirectory + File.WriteAllText) into a fresh folder, alternating with emit's writer into a fresh
# folder, the whole emit verb (build, check, render, write), the writer over an identical folder (nothing to write),
# after one cipher-string change, and the writer as it was before (every file rewritten). Prints medians and ratios.
#   scripts/bench/emit-vs-disk.sh [HOSTS] [ROUNDS] [DIR]    defaults: 1000 hosts, 7 rounds, a temporary folder
# DIR picks the disk measured (the folder is created; with DIR given, what is written there is left for you to look at).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/benchmarks/MailDsl.Benchmarks" -c Release -v q -nologo >/dev/null
exec dotnet "$repo/benchmarks/MailDsl.Benchmarks/bin/Release/net10.0/MailDsl.Benchmarks.dll" emit-floor "${1:-1000}" "${2:-7}" ${3:+"$3"}
