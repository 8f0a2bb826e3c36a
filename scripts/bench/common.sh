# shellcheck shell=bash
# Sourced by the benchmark scripts: a throw-away project outside the repository, and the statistics they print.

# bench_project DIR PROGRAM ITEMS: DIR/<name of DIR>.csproj, a net10.0 console app with ITEMS in its ItemGroup, and
# DIR/Program.cs holding PROGRAM.
bench_project() {
  mkdir -p "$1"
  echo "$2" >"$1/Program.cs"
  cat >"$1/$(basename "$1").csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    $3
  </ItemGroup>
</Project>
XML
}

# maildsl_references REPO: the references a platform project needs. Inside the repository Directory.Build.targets adds
# MailDsl.Core beside MailDsl, as the package carries it; a temporary folder does not get it, so it is named here.
maildsl_references() {
  echo "<ProjectReference Include=\"$1/src/MailDsl/MailDsl.csproj\" />
    <ProjectReference Include=\"$1/src/MailDsl.Core/MailDsl.Core.csproj\" />"
}

# analyzer_reference PROJECT: a generator/analyzer project referenced as the compiler's, not as an assembly.
analyzer_reference() {
  echo "<ProjectReference Include=\"$1\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />"
}

# median NUMBER...: the median (the mean of the middle two for an even count).
median() { printf '%s\n' "$@" | sort -g | awk 'NF {a[++n]=$1} END {print (n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2)}'; }

# calc EXPRESSION: awk's arithmetic.
calc() { awk "BEGIN { print $* }"; }
