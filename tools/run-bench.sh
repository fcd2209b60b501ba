#!/usr/bin/env bash
# Performance figures, in one run: the engine's throughput, reduction and split-exploration
# scaling (engine_bench), resvcheck side by side with SPIN on the models of bench/spin/
# (spin_bench), and the catalogue with --jobs 1, --jobs 2 and four shards (catalog_bench.sh).
# Installs spin, gcc, jq and GNU time with apt-get if missing (as root, or through sudo), builds
# the targets into build/ (or $BUILD_DIR) and runs them. Figures are printed, never asserted on: timings depend on the
# machine and its load. Arguments go to spin_bench (--quick, --repeat N, --cc CC, --work DIR).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir="${BUILD_DIR:-build}"
packages=(spin gcc jq time)

bash tools/apt-install.sh run-bench "${packages[@]}"

if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build_dir" -j"${JOBS:-$(nproc)}" --target engine_bench spin_bench resvcheck

quick=()
for a in "$@"; do [[ "$a" == --quick ]] && quick=(--quick); done

echo "== engine_bench (dpor and dfs on the engine test programs)"
"$build_dir/engine_bench" "${quick[@]}"
echo
echo "== spin_bench (resvcheck vs SPIN on bench/spin/*.pml)"
"$build_dir/spin_bench" "$@"
echo
echo "== catalog_bench (scenarios/catalog: --jobs 1, --jobs 2, --shard k/4 and merge)"
bash bench/catalog_bench.sh "$build_dir/resvcheck"
