#!/usr/bin/env bash
# real-build.sh [ROUNDS] [--cold]: what the generator adds to a build by the SDK's own compiler, as a user's project
# sees it (Program.cs measures the same in process). Writes the benchmark's 200 records into a project in a temporary
# folder that references the runtime and the analyzers, then builds it ROUNDS times with the generator and without it,
# alternately, after a one-line edit each time, and prints the Csc task's time (MSBuild's performance summary).
# The compiler server is used (a developer's warm builds) unless --cold is given: this machine's environment sets
# UseSharedCompilation=false, which makes every build a fresh csc process.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=10 shared=true
for arg in "$@"; do
  case $arg in
    --cold) shared=false ;;
    *[!0-9]*|'') echo "usage: real-build.sh [ROUNDS] [--cold]" >&2; exit 2 ;;
    *) rounds=$arg ;;
  esac
done
work=$(mktemp -d /tmp/recdsl-real-build.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release -v q -nologo "$root/src/RecDsl.Generator" >/dev/null
dotnet build -c Release -v q -nologo "$root/src/RecDsl.Analyzers" >/dev/null
dotnet run -c Release --project "$root/benchmarks/GeneratorCost" -- --write "$work/Records"
cat > "$work/RealBuild.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/RecDsl.Runtime/RecDsl.Runtime.csproj" />
    <Analyzer Include="$root/src/RecDsl.Analyzers/bin/Release/netstandard2.0/RecDsl.Analyzers.dll" />
    <Analyzer Include="$root/src/RecDsl.Generator/bin/Release/netstandard2.0/RecDsl.Generator.dll" Condition="'\$(WithGenerator)' != 'false'" />
  </ItemGroup>
</Project>
EOF
cd "$work"
dotnet restore -v q -nologo >/dev/null

# One build: the Csc task's milliseconds. The edit makes the compiler run again; BuildProjectReferences=false keeps
# the runtime's build out of the figure. The build's output goes to a log first, so that a failed build shows its
# errors (the temporary project is deleted on exit) instead of an empty figure.
csc_ms() {
  local log="$work/build-with-generator-$1.log"
  echo "// edit $RANDOM" >> Records/Record0.cs
  if ! dotnet build -c Release --no-restore -nologo -p:BuildProjectReferences=false -p:WithGenerator="$1" \
    -p:UseSharedCompilation=$shared -clp:PerformanceSummary > "$log" 2>&1; then
    echo "real-build.sh: the build with WithGenerator=$1 failed:" >&2
    grep -E ': (error|warning) ' "$log" | sort -u | head -40 >&2 || tail -40 "$log" >&2
    return 1
  fi
  awk '$2 == "ms" && $3 == "Csc" { print $1; exit }' "$log"
}
csc_ms true >/dev/null || exit 1; csc_ms false >/dev/null || exit 1 # warm-up: also starts the compiler server
with=() without=()
for ((r = 0; r < rounds; r++)); do
  ms=$(csc_ms true) || exit 1; with+=("$ms")
  ms=$(csc_ms false) || exit 1; without+=("$ms")
  echo "ROUND $((r + 1)) csc_ms_with_generator=${with[-1]} csc_ms_without=${without[-1]}"
done
best() { printf '%s\n' "$@" | sort -n | head -1; }
best_with=$(best "${with[@]}") best_without=$(best "${without[@]}")
echo "MACHINE nproc=$(nproc) sdk=$(dotnet --version) shared_compilation=$shared"
echo "REAL_BUILD_MS csc_with_generator_best $best_with"
echo "REAL_BUILD_MS csc_without_generator_best $best_without"
echo "RATIO real_build_generator_added_s $(awk -v a="$best_with" -v b="$best_without" 'BEGIN { printf "%.3f", (a - b) / 1000 }')"
dotnet build-server shutdown >/dev/null 2>&1 || true
