#!/usr/bin/env bash
# The generator per keystroke, without BenchmarkDotNet's statistics (a minute, not an hour): for synthetic platforms of
# each size, the driver's first run, then an unrelated edit, a comment inside the platform and one cipher-string change,
# each from a warm driver: wall milliseconds (best of five) and, per step, its reason and Roslyn's recorded time.
# Then where Core's time goes at those sizes (each rule, the renderer, the DH check).
#   scripts/bench/generator.sh [HOSTS...]     default: 10 100 1000 10000
# The BenchmarkDotNet figures (time and allocations, with statistics) come from
#   dotnet run -c Release --project benchmarks/MailDsl.Benchmarks -- --filter '*GeneratorBenchmarks*' '*StepBenchmarks*' '*AnalyzerBenchmarks*'
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/benchmarks/MailDsl.Benchmarks" -c Release -v q -nologo >/dev/null
bench=("dotnet" "$repo/benchmarks/MailDsl.Benchmarks/bin/Release/net10.0/MailDsl.Benchmarks.dll")
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 100 1000 10000)
"${bench[@]}" quick "${sizes[@]}"
"${bench[@]}" core-costs "${sizes[@]}"
