#!/usr/bin/env bash
# Line coverage of src/RecDsl.Runtime (or, with "generator", of src/RecDsl.Generator: the generator and the rules the
# analyzers share) by the test projects that exercise it (coverlet.collector, referenced by every test project; it only
# runs with --collect). Prints the files with uncovered lines, most first, to find behaviour no test runs. Not part
# of CI: a place to look, not a gate. About 1 minute on 2 cores.
#   bash tools/coverage.sh [runtime|generator] [TOP]
set -euo pipefail
cd "$(dirname "$0")/.."
component=${1:-runtime}
case "$component" in
  runtime) source_dir=RecDsl.Runtime; projects="RecDsl.Runtime.Tests RecDsl.Generated.Tests RecDsl.Export.Tests RecDsl.GpuCheck.Tests" ;;
  generator) source_dir=RecDsl.Generator; projects="RecDsl.Generator.Tests RecDsl.Analyzers.Tests" ;;
  *) echo "usage: bash tools/coverage.sh [runtime|generator] [TOP]" >&2; exit 2 ;;
esac
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
for project in $projects; do
  dotnet test "tests/$project" --collect:"XPlat Code Coverage" --results-directory "$results" > "$results/$project.log" 2>&1 \
    || { cat "$results/$project.log"; exit 1; }
done
python3 - "$source_dir" "${2:-40}" "$results"/*/coverage.cobertura.xml <<'PY'
import collections, os, sys, xml.etree.ElementTree as ET
source, top, reports = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
marker = f"/src/{source}/"
lines = collections.defaultdict(dict)  # source file -> line -> hits, merged over the reports
for report in reports:
    tree = ET.parse(report)
    sources = [s.text for s in tree.iter('source')]
    for cls in tree.iter('class'):
        name = cls.get('filename')
        path = next((os.path.normpath(os.path.join(s, name)) for s in sources if os.path.exists(os.path.join(s, name))), name)
        if marker not in path: continue
        key = path.split(marker)[1]
        for line in cls.iter('line'):
            n = int(line.get('number'))
            lines[key][n] = max(lines[key].get(n, 0), int(line.get('hits')))
rows = sorted(((sum(h == 0 for h in ls.values()), len(ls), f, sorted(n for n, h in ls.items() if h == 0)) for f, ls in lines.items()), reverse=True)
total, missed = sum(r[1] for r in rows), sum(r[0] for r in rows)
print(f"src/{source}: {total} lines, {missed} not run by any test ({100 * (total - missed) / total:.1f}% covered)")
for missed, count, name, numbers in rows[:top]:
    if missed: print(f"{missed:4} of {count:4}  {name}  lines {','.join(map(str, numbers[:20]))}{' ...' if len(numbers) > 20 else ''}")
PY
