#!/usr/bin/env bash
# How long `help` takes as a whole process, against an empty .NET console app on the same machine: examples/CorporateCloud's
# `--version`, `help` and `emit --help`, and `help` on a synthetic 10,000-host platform (help must not grow with the
# platform). Each of the five is run once to warm the disk cache, then ROUNDS times, alternating, output to /dev/null
# (not a terminal: the 110-column help). Prints each one's median wall time, its ratio to the empty app's, and its median
# CPU time (user + system).
#   scripts/bench/help.sh [ROUNDS]      ROUNDS default 20
# Needs only bash, awk and the .NET SDK. The empty app and the 10,000-host project are built in a temporary folder,
# removed at the end.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-20}
hosts=10000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/bench/common.sh
source "$(dirname "$0")/common.sh"

# $1: folder; $2: Program.cs; $3: extra csproj items.
project() {
  bench_project "$work/$1" "$2" "$3"
  dotnet build "$work/$1" -c Release -v q -nologo >/dev/null
}

echo "building examples/CorporateCloud, an empty console app and a $hosts-host platform (Release)..." >&2
dotnet build "$repo/examples/CorporateCloud" -c Release -v q -nologo >/dev/null
dotnet build "$repo/benchmarks/MailDsl.Benchmarks" -c Release -v q -nologo >/dev/null
# What `dotnet new console` writes, without depending on the template being installed.
project empty 'System.Console.WriteLine("Hello, World!");' ""
mkdir -p "$work/fleet"
dotnet "$repo/benchmarks/MailDsl.Benchmarks/bin/Release/net10.0/MailDsl.Benchmarks.dll" source "$hosts" >"$work/fleet/Platform.cs"
project fleet 'return Synthetic.Fleet.Run(args);' \
  "$(maildsl_references "$repo")
    $(analyzer_reference "$repo/generators/MailDsl.Generators/MailDsl.Generators.csproj")"

example="$repo/examples/CorporateCloud/bin/Release/net10.0/CorporateCloud"
names=("empty app" "CorporateCloud --version" "CorporateCloud help" "CorporateCloud emit --help" "$hosts hosts: help")
# $1: the index in names.
run_one() {
  case $1 in
    0) "$work/empty/bin/Release/net10.0/empty" ;;
    1) "$example" --version ;;
    2) "$example" help ;;
    3) "$example" emit --help ;;
    4) "$work/fleet/bin/Release/net10.0/fleet" help ;;
  esac
}

# Each must succeed, and the help ones print help, before anything is timed.
for i in "${!names[@]}"; do
  out=$(run_one "$i") || { echo "failed: ${names[$i]}" >&2; exit 1; }
  [[ ${names[$i]} != *help* || $out == *Usage:* ]] || { echo "no help from: ${names[$i]}" >&2; exit 1; }
done

# Bash's own `time`: no fork of its own inside the measured interval; CPU is the process's user + system time, which a
# machine shared with other work disturbs less than wall time.
TIMEFORMAT='%3R %3U %3S'
declare -A wall cpu
for ((r = 0; r < rounds; r++)); do
  for i in "${!names[@]}"; do
    read -r real user sys < <({ time run_one "$i" >/dev/null 2>&1; } 2>&1)
    wall[$i]+="$(awk "BEGIN { print $real * 1000 }") "
    cpu[$i]+="$(awk "BEGIN { print ($user + $sys) * 1000 }") "
  done
done

# $1: numbers separated by spaces.
median_of() { local -a values; read -ra values <<<"$1"; median "${values[@]}"; }
floor=$(median_of "${wall[0]}")
echo "$rounds alternating rounds, output to /dev/null; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %9s %11s %9s\n' "" "wall" "vs empty" "cpu"
for i in "${!names[@]}"; do
  w=$(median_of "${wall[$i]}")
  printf '%-28s %6.0f ms %10.2fx %6.0f ms\n' "${names[$i]}" "$w" "$(awk "BEGIN { print $w / $floor }")" "$(median_of "${cpu[$i]}")"
done
