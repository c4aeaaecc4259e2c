#!/usr/bin/env bash
# Packs the GPU check for the GPU machine (run on the CPU machine, from anywhere in the repository):
#   tools/gpu-bundle.sh [ARGS...]          ARGS of the app baked into run.sh; default: --device cuda (the full check)
# Calls ../shared/tools/gpu-bundle (self-contained linux-x64 publish without the CPU libtorch, .gpu/app.tar.xz and
# .gpu/run.sh). That tool writes $root/.git/info/exclude, which is not a directory in a git worktree (.git is a
# file there), so it runs from a scratch git root and the result is moved into this repository's .gpu/ (git-ignored
# by .gitignore).
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
tool=${RECDSL_GPU_BUNDLE:-/work/shared/tools/gpu-bundle}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git -C "$scratch" init -q
[ $# -gt 0 ] || set -- --device cuda
( cd "$scratch" && "$tool" "$repo/benchmarks/GpuCheck/GpuCheck.csproj" "$@" )
rm -rf "$repo/.gpu"
mv "$scratch/.gpu" "$repo/.gpu"
echo "tools/gpu-bundle.sh: $(du -h "$repo/.gpu/app.tar.xz" | cut -f1) in $repo/.gpu; on the GPU machine: bash tools/gpu-check.sh"
