#!/usr/bin/env bash
# The GPU session's one script. Run on the GPU machine from the repository root, with .gpu/ carried along
# (made on the CPU machine by tools/gpu-bundle.sh):
#   bash tools/gpu-check.sh
# 1. The GPU check (.gpu/run.sh sets LD_LIBRARY_PATH to PyTorch's torch/lib): training, parity, collators, throughput.
# 2. Backend discovery probes of the same app without LD_LIBRARY_PATH: RECDSL_TORCH_LIB only (also with LD_BIND_NOW=1,
#    which makes a missing symbol fail the load instead of a later call), python3 discovery only, no visible GPU, an
#    index out of range, the CPU from a CUDA libtorch.
# 3. The symbol check of libLibTorchSharp.so against PyTorch's libraries (informational; needs nm).
# Everything goes to stdout and to $OUT (app.log, probe-*.log, summary.txt). Exit code 0 only when every step passed.
# Expected run time on an H100: about 2 minutes (check about 1.5, probes about 10 s each).
set -uo pipefail
out=${OUT:-/tmp/gpu-check}
mkdir -p "$out"
failed=0
summary() { echo "SUMMARY $*" | tee -a "$out/summary.txt"; }

start=$SECONDS
timeout 420 bash .gpu/run.sh
rc=$?
if [ "$rc" -eq 0 ]; then summary "check ok ($((SECONDS - start)) s)"; else summary "check FAILED rc=$rc ($((SECONDS - start)) s)"; failed=1; fi

app=/tmp/gpu-app/GpuCheck
tl=$(python3 -c "import torch, os; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))")
echo "PyTorch: $(python3 -c 'import torch; print(torch.__version__, torch.version.cuda)') at $tl"

# probe NAME WANTED_EXIT_CODE WANTED_TEXT DEVICE [VAR=VALUE...]: the app's --probe mode in a clean environment.
probe() {
  local name=$1 want_rc=$2 want_text=$3 device=$4
  shift 4
  local log="$out/probe-$name.log" t=$SECONDS
  env -u LD_LIBRARY_PATH -u RECDSL_TORCH_LIB NUGET_PACKAGES=/nonexistent "$@" timeout 120 "$app" --probe "$device" > "$log" 2>&1
  local rc=$?
  if [ "$rc" -eq "$want_rc" ] && grep -qF -- "$want_text" "$log"; then
    summary "probe $name ok (exit $rc, $((SECONDS - t)) s)"
  else
    summary "probe $name FAILED (exit $rc, wanted $want_rc and '$want_text'):"
    cat "$log"
    failed=1
  fi
}
probe torch_lib 0 "CHECK probe ok device=cuda:0 source=TorchLibVariable" cuda RECDSL_TORCH_LIB="$tl"
probe torch_lib_bind_now 0 "CHECK probe ok device=cuda:0 source=TorchLibVariable" cuda RECDSL_TORCH_LIB="$tl" LD_BIND_NOW=1
probe python 0 "CHECK probe ok device=cuda:0 source=PythonInstall" cuda
probe cpu_from_cuda_libtorch 0 "CHECK probe ok device=cpu source=TorchLibVariable" cpu RECDSL_TORCH_LIB="$tl"
probe no_visible_gpu 3 "CUDA is not available" cuda RECDSL_TORCH_LIB="$tl" CUDA_VISIBLE_DEVICES=
probe index_out_of_range 3 "CUDA device(s) are visible (cuda:0 to cuda:" cuda:7 RECDSL_TORCH_LIB="$tl"
cat "$out"/probe-torch_lib.log

if command -v nm > /dev/null; then
  nm -D --undefined-only /tmp/gpu-app/libLibTorchSharp.so | awk '{print $2}' | sed 's/@.*//' | sort -u > "$out/need.txt"
  for f in libtorch.so libc10.so libtorch_cpu.so libtorch_cuda.so libc10_cuda.so; do nm -D --defined-only "$tl/$f"; done \
    | awk '{print $3}' | sed 's/@.*//' | sort -u > "$out/have.txt"
  # Only libtorch's own C++ symbols (c10, at, torch namespaces); libc/libstdc++ come from the system. _ZTH: weak TLS stubs.
  comm -23 "$out/need.txt" "$out/have.txt" | grep -E '3c10|2at|5torch' | grep -v '^_ZTH' > "$out/missing-symbols.txt"
  summary "symbols: $(wc -l < "$out/missing-symbols.txt") libtorch symbols of libLibTorchSharp.so missing from $tl (0 expected)"
else
  summary "symbols: nm not installed, skipped"
fi
summary "total $SECONDS s, $([ "$failed" -eq 0 ] && echo PASS || echo FAIL)"
exit "$failed"
