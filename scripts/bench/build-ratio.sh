#!/usr/bin/env bash
# Builds the same platform project with and without the MailDsl generator/analyzer, alternating, on a warm compiler
# server, and prints the medians and the ratio; then the compiler's own report (-p:ReportAnalyzer=true) of the
# generator's and the analyzer's time against the Csc task, beside a floor generator that does nothing (the least any
# attribute-driven generator costs), and an emit of the built platform.
#   scripts/bench/build-ratio.sh [HOSTS] [ROUNDS]     HOSTS: a synthetic platform's size (default 10000), or
#                                                     "example" for examples/CorporateCloud; ROUNDS default 5
# Needs only the .NET SDK. Everything is built in a temporary folder, removed at the end.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
hosts=${1:-10000}
rounds=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/bench/common.sh
source "$(dirname "$0")/common.sh"

dotnet build "$repo/benchmarks/MailDsl.Benchmarks" -c Release -v q -nologo >/dev/null
bench=("dotnet" "$repo/benchmarks/MailDsl.Benchmarks/bin/Release/net10.0/MailDsl.Benchmarks.dll")

if [[ $hosts == example ]]; then
  cp "$repo/examples/CorporateCloud/CorporateCloud.cs" "$work/Platform.cs"
  class=Examples.CorporateCloud
else
  "${bench[@]}" source "$hosts" >"$work/Platform.cs"
  class=Synthetic.Fleet
fi
ns=${class%.*}; name=${class##*.}

# The floor: a generator that finds the same [MailPlatform] class with ForAttributeWithMetadataName and writes Run(args),
# evaluating nothing. The first semantic question in a build binds the compilation's references, and the compiler
# counts that against whichever generator asks it first: an attribute-driven generator cannot cost less than this.
mkdir -p "$work/floorgen"
cat >"$work/floorgen/floorgen.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <LangVersion>latest</LangVersion>
    <EnforceExtendedAnalyzerRules>true</EnforceExtendedAnalyzerRules>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="4.8.0" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat >"$work/floorgen/FloorGenerator.cs" <<'CS'
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

[Generator(LanguageNames.CSharp)]
public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName("MailDsl.MailPlatformAttribute",
            static (node, _) => node is ClassDeclarationSyntax,
            static (ctx, _) => (Namespace: ctx.TargetSymbol.ContainingNamespace.ToDisplayString(), ctx.TargetSymbol.Name));
        context.RegisterSourceOutput(names, static (spc, n) => spc.AddSource(n.Name + ".g.cs",
            "namespace " + n.Namespace + " { public static partial class " + n.Name
            + " { public static int Run(string[] args) => MailDsl.Hosting.PlatformHost.Run(args, Describe); } }"));
    }
}
CS

# $1: folder, $2: yes/no/floor generator.
project() {
  local analyzer=""
  if [[ $2 == yes ]]; then
    analyzer=$(analyzer_reference "$repo/generators/MailDsl.Generators/MailDsl.Generators.csproj")
  elif [[ $2 == floor ]]; then
    analyzer=$(analyzer_reference "$work/floorgen/floorgen.csproj")
  else
    # Without the generator, Run is written by hand: what the generated code does, minus the fingerprint.
    mkdir -p "$work/$1"
    printf 'namespace %s;\npublic static partial class %s\n{\n    public static int Run(string[] args) => MailDsl.Hosting.PlatformHost.Run(args, Describe);\n}\n' "$ns" "$name" >"$work/$1/Run.cs"
  fi
  bench_project "$work/$1" "return $class.Run(args);" "$(maildsl_references "$repo")
    $analyzer"
  cp "$work/Platform.cs" "$work/$1/Platform.cs"
}
project with yes
project without no
project floor floor

# The compiler server on, whatever the environment says (some CI environments set UseSharedCompilation=false): the
# figures are those of a developer's warm `dotnet build`. The server exits by itself when idle.
build() { dotnet build "$work/$1" -c Release --no-restore -v q -nologo -p:UseSharedCompilation=true "${@:2}"; }
for p in with without floor; do
  dotnet build "$work/$p" -c Release -v q -nologo -p:UseSharedCompilation=true >"$work/first.log" || { cat "$work/first.log"; exit 1; }  # restore, the referenced projects
  touch "$work/$p/Platform.cs"; build "$p" >/dev/null                                          # a warm server
done

now() { date +%s.%N; }
declare -a tw two
for ((i = 0; i < rounds; i++)); do
  for p in with without; do
    touch "$work/$p/Platform.cs"
    t0=$(now); build "$p" >/dev/null; t1=$(now)
    if [[ $p == with ]]; then tw+=("$(calc "$t1 - $t0")"); else two+=("$(calc "$t1 - $t0")"); fi
  done
done
mw=$(median "${tw[@]}"); mwo=$(median "${two[@]}")
echo "platform: $hosts ($(wc -c <"$work/Platform.cs") bytes of source), $rounds alternating rebuilds after touching Platform.cs, warm compiler server"
printf 'build with the generator     %6.2f s (median)\n' "$mw"
printf 'build without the generator  %6.2f s (median)\n' "$mwo"
printf 'ratio                        %6.2fx\n' "$(calc "$mw / $mwo")"

# The compiler's own report, once per round (a single build's figure is noisy), MailDsl's project and the floor's
# alternating: medians of the Csc task, the generators, the analyzer and of each build's share.
report() { # $1: project, $2: the generator's type name; prints "csc generator-ms analyzer-ms"
  touch "$work/$1/Platform.cs"
  build "$1" -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary >"$work/report.log" || { tail -30 "$work/report.log"; exit 1; }
  grep -q "CompilerServer: server" "$work/report.log" || echo "warning: the compiler server was not used; this round's figures are a cold compiler's" >&2
  local csc gen ana
  csc=$(grep -E '^ +[0-9]+ ms +Csc +[0-9]+ calls' "$work/report.log" | awk '{print $1}' | head -1)
  gen=$(grep -E "$2" "$work/report.log" | grep -oE '[0-9]+\.[0-9]+|<0\.001' | head -1)
  ana=$(grep -E 'MailDsl\.Generators\.Analysis\.MailPlatformAnalyzer' "$work/report.log" | grep -oE '[0-9]+\.[0-9]+|<0\.001' | head -1) || true  # the floor project has no analyzer
  [[ -n ${csc:-} && -n ${gen:-} ]] || { echo "the compiler's report names no Csc task or generator time" >&2; exit 1; }
  gen=${gen/<0.001/0}; ana=${ana:-0}; ana=${ana/<0.001/0}
  echo "$csc $(calc "$gen * 1000") $(calc "$ana * 1000")"
}
declare -a cs gs as ps fcs fgs fps
for ((i = 0; i < rounds; i++)); do
  read -r csc g a < <(report with 'MailDsl\.Generators\.PlatformGenerator')
  cs+=("$csc"); gs+=("$g"); as+=("$a"); ps+=("$(calc "($g + $a) * 100 / $csc")")
  read -r csc g a < <(report floor 'FloorGenerator')
  fcs+=("$csc"); fgs+=("$g"); fps+=("$(calc "$g * 100 / $csc")")
done
printf "compiler's report (ReportAnalyzer), medians of %d builds each, alternating:\n" "$rounds"
printf '  MailDsl:  Csc task %4.0f ms; PlatformGenerator %4.1f ms; MailPlatformAnalyzer %4.1f ms; together %4.1f%% of the Csc task\n' \
  "$(median "${cs[@]}")" "$(median "${gs[@]}")" "$(median "${as[@]}")" "$(median "${ps[@]}")"
printf '  floor:    Csc task %4.0f ms; FloorGenerator    %4.1f ms;                             %4.1f%% of the Csc task\n' \
  "$(median "${fcs[@]}")" "$(median "${fgs[@]}")" "$(median "${fps[@]}")"
printf '  MailDsl above the floor: %.1f ms (%.1f%% of its Csc task)\n' \
  "$(calc "$(median "${gs[@]}") + $(median "${as[@]}") - $(median "${fgs[@]}")")" \
  "$(calc "($(median "${gs[@]}") + $(median "${as[@]}") - $(median "${fgs[@]}")) * 100 / $(median "${cs[@]}")")"
printf '  each build, MailDsl: %s\n' "$(printf '%.1f%% ' "${ps[@]}")"
printf '  each build, floor:   %s\n' "$(printf '%.1f%% ' "${fps[@]}")"

out="$work/out"
t0=$(now); "$work/with/bin/Release/net10.0/with" emit --out "$out" | tail -1; t1=$(now)
printf 'emit into a fresh folder: %.2f s\n' "$(calc "$t1 - $t0")"
t0=$(now); "$work/with/bin/Release/net10.0/with" emit --out "$out" | tail -1; t1=$(now)
printf 'emit again, nothing changed: %.2f s\n' "$(calc "$t1 - $t0")"
t0=$(now); "$work/with/bin/Release/net10.0/with" help >/dev/null; t1=$(now)
printf 'help (whole process): %.3f s\n' "$(calc "$t1 - $t0")"
