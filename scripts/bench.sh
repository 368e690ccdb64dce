#!/usr/bin/env bash
# Runs the engine benchmarks and the ns-3 / SimPy peers on the same M/M/1 model and prints
# the figures quoted in docs/benchmarks.md. Run it on an otherwise idle machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
cmake --build "$build" --target bench_engine bench_e2e bench_experiments bench_grading bench_serve
echo "== machine"
lscpu | grep -E 'Model name|^CPU\(s\)' || true
echo "== the whole product: scaleboard-cli run, end to end, against bare simulators of the same models"
"$build/bench/e2e/bench_e2e" "${BENCH_LONG_RUN_S:-600}"
echo "== an experiment on one core and on two (--jobs 1 vs --jobs 2, same sweep)"
"$build/bench/experiments/bench_experiments"
echo "== grading a practice problem over 5 seeds against one run of its reference (scaleboard-cli grade vs run)"
"$build/bench/grading/bench_grading"
echo "== the live endpoint under wrk, against a bare Beast server (scaleboard-cli serve)"
"$build/bench/serve/bench_serve" "${BENCH_SERVE_S:-10}"
echo "== the kernel alone (CPU time; one core)"
"$build/bench/engine/bench_engine" --benchmark_filter='phold|hold|mm1|fourTier' --benchmark_counters_tabular=true
echo "== memory over run length (peak RSS, one process per length)"
for length in 10 60 300; do
  "$build/bench/engine/bench_engine" --benchmark_filter="memoryOverRunLength/$length/" 2>/dev/null | grep memoryOverRunLength || true
done
echo "== peers on the same M/M/1 (rho 0.9, 1M customers)"
if [ -x "$build/bench/peers/bench_ns3_mm1" ]; then "$build/bench/peers/bench_ns3_mm1"; else echo "ns-3: not built (apt-get install libns3-dev)"; fi
if /usr/bin/python3 -c 'import SimPy' 2>/dev/null; then /usr/bin/python3 "$here/bench/peers/simpy_mm1.py" 200000; else echo "SimPy: not installed (apt-get install python3-simpy)"; fi
for b in "$build/bench/gui/bench_gui" "$build/bench/gui_live/bench_gui_live"; do
  [ -x "$b" ] && { echo "== $(basename "$b")"; QT_QPA_PLATFORM=offscreen "$b" 2>&1 | grep -v 'plugin does not support'; }
done
