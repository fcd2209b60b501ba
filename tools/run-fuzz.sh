#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) into build-fuzz/ with clang, ASan and UBSan, then for each
# target: runs its regression inputs (fuzz/corpus/TARGET/) once, then fuzzes it for FUZZ_SECONDS
# (default 60) from a seed corpus (the catalogue, tests/cli/bad/, the regression inputs; traces
# that `check --traces` writes for the trace loader). Fails on any crash, leak or hang (-timeout,
# seconds per input) and prints each target's executions and time. Installs clang,
# libclang-rt-14-dev and tools/setup.sh's packages with apt-get if any is missing (Debian 12).
#
#   bash tools/run-fuzz.sh                     # every target, 60 s each
#   FUZZ_SECONDS=600 bash tools/run-fuzz.sh fuzz_check
#
# Environment: FUZZ_SECONDS (per target), FUZZ_TIMEOUT (hang, default 10 s per input),
# FUZZ_RSS_MB (default 2048), FUZZ_JOBS (build parallelism, default 2). New findings are written
# as build-fuzz/findings/TARGET/crash-*|leak-*|timeout-*|oom-*; minimize one with
#   build-fuzz/fuzz/TARGET -minimize_crash=1 -runs=10000 FILE
# and add it to fuzz/corpus/TARGET/ once fixed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${FUZZ_SECONDS:-60}"
timeout="${FUZZ_TIMEOUT:-10}"
rss_mb="${FUZZ_RSS_MB:-2048}"
jobs="${FUZZ_JOBS:-2}"
all_targets=(fuzz_scenario_loader fuzz_trace_loader fuzz_check)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")

# ---- Dependencies (same pattern as tools/setup.sh) ---------------------------------------------
packages=(cmake g++ make pkg-config libcpputest-dev libboost-context-dev nlohmann-json3-dev
          libcli11-dev libfmt-dev clang libclang-rt-14-dev)
bash tools/apt-install.sh run-fuzz "${packages[@]}"

# ---- Build --------------------------------------------------------------------------------------
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRESVCHECK_FUZZ=ON -DRESVCHECK_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$jobs" --target "${targets[@]}" resvcheck

# ASan's leak checker on; a UBSan report stops the run as a crash (halt_on_error).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:handle_abort=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# ---- Seed corpora -------------------------------------------------------------------------------
seeds=build-fuzz/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds/scenarios" "$seeds/traces"
# Scenario seeds: every catalogue file and every bad input, flat (names made unique by path).
while IFS= read -r -d '' f; do
  cp "$f" "$seeds/scenarios/$(echo "${f#./}" | tr '/' '_')"
done < <(find scenarios/catalog tests/cli/bad -name '*.json' -print0)
# Trace seeds: the traces `check --traces` writes for a few catalogue folders (their findings).
for folder in scenarios/catalog/review scenarios/catalog/dma_buf scenarios/catalog/drm_exec; do
  [[ -d "$folder" ]] || continue
  build-fuzz/resvcheck check --max-executions 2000 \
    --traces "$seeds/traces" "$folder" >/dev/null 2>&1 || true
done
echo "run-fuzz: seeds: $(ls "$seeds/scenarios" | wc -l) scenarios, $(ls "$seeds/traces" | wc -l) traces"

seed_dirs() {
  case "$1" in
    fuzz_trace_loader) echo "$seeds/traces" ;;
    *) echo "$seeds/scenarios" ;;
  esac
}

# ---- Regression inputs of every target first, then fuzzing -------------------------------------
status=0
summary=()
declare -A failed=()
for t in "${targets[@]}"; do
  regressions="fuzz/corpus/${t#fuzz_}"
  log="build-fuzz/fuzz-logs/$t"
  mkdir -p "$log"
  mapfile -t inputs < <(find "$regressions" -type f ! -name '.*' 2>/dev/null | sort)
  ((${#inputs[@]})) || continue
  echo "run-fuzz: $t: ${#inputs[@]} regression inputs from $regressions/"
  if ! "build-fuzz/fuzz/$t" -timeout="$timeout" -rss_limit_mb="$rss_mb" "${inputs[@]}" \
      >"$log/regressions.log" 2>&1; then
    echo "run-fuzz: $t: FAIL on a regression input (log: $log/regressions.log)" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz:|Running: |.*runtime error)' "$log/regressions.log" \
      | tail -n 20 >&2 || true
    status=1
    failed[$t]=1
    summary+=("$t: FAIL on a regression input")
  fi
done

for t in "${targets[@]}"; do
  [[ -z "${failed[$t]:-}" ]] || continue
  bin="build-fuzz/fuzz/$t"
  regressions="fuzz/corpus/${t#fuzz_}"
  log="build-fuzz/fuzz-logs/$t"
  findings="build-fuzz/findings/$t"
  mkdir -p "$log" "$findings"

  # The working corpus starts from the seeds and the regression inputs; libFuzzer adds to it.
  corpus="build-fuzz/fuzz-corpus/$t"
  mkdir -p "$corpus"
  seed="$(seed_dirs "$t")"
  extra=()
  [[ -d "$regressions" ]] && extra+=("$regressions")
  echo "run-fuzz: $t: fuzzing for ${seconds} s (log: $log/fuzz.log)"
  start=$(date +%s)
  rc=0
  "$bin" "$corpus" "$seed" "${extra[@]}" -max_total_time="$seconds" -timeout="$timeout" \
    -rss_limit_mb="$rss_mb" -dict=fuzz/scenario.dict -artifact_prefix="$findings/" \
    -print_final_stats=1 >"$log/fuzz.log" 2>&1 || rc=$?
  elapsed=$(($(date +%s) - start))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log/fuzz.log" | grep -o '[0-9]*$' | tail -n1)
  runs="${runs:-?}"
  if ((rc != 0)); then
    echo "run-fuzz: $t: FAIL (exit $rc) after $runs executions in ${elapsed} s; input:" \
      "$(ls -t "$findings" | head -n1 | sed "s|^|$findings/|")" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz:|.*runtime error)' "$log/fuzz.log" | head -n 20 >&2 || true
    status=1
    summary+=("$t: FAIL after $runs executions in ${elapsed} s")
  else
    summary+=("$t: ok, $runs executions in ${elapsed} s")
  fi
done

echo "run-fuzz: summary"
for line in "${summary[@]}"; do echo "  $line"; done
exit "$status"
