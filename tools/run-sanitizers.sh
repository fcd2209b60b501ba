#!/usr/bin/env bash
# Runs the checkers CI runs besides the plain test suite:
#   1. the whole test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (the `asan`
#      preset of CMakePresets.json, into build-asan/), LeakSanitizer included where it can run;
#   2. the engine tests (build/tests/scheduler_tests, the normal build of tools/setup.sh) under
#      Valgrind memcheck, with the fiber stacks registered (scheduler/fiber.cpp).
# Installs what it needs with apt-get if anything is missing (as root, or through sudo), like
# tools/setup.sh, and prints how long each part took. Exits non-zero if any part fails.
#
# RESVCHECK_SAN_NORMAL_BUILD=DIR builds the normal (RelWithDebInfo) tree for Valgrind in DIR
# instead of running tools/setup.sh on build/ (e.g. while build/ is in use).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jobs=2
packages=(cmake g++ make pkg-config libcpputest-dev libboost-context-dev nlohmann-json3-dev
          libcli11-dev libfmt-dev valgrind)

bash tools/apt-install.sh run-sanitizers "${packages[@]}"

timings=()
started=$SECONDS
step_start=$SECONDS
step_done() {  # step_done NAME: records how long the step that just ended took
  timings+=("$(printf '%-28s %4d s' "$1" $((SECONDS - step_start)))")
  echo "run-sanitizers: $1 took $((SECONDS - step_start)) s"
  step_start=$SECONDS
}
failed=()

# ---- 1. ASan + UBSan: the whole suite ----------------------------------------------------------
echo "run-sanitizers: building the asan preset into build-asan/"
cmake --preset asan
cmake --build --preset asan -j"$jobs"
step_done "asan build"

# The preset's options (CMakePresets.json): stop at the first error, leaks included, UBSan fatal.
# LeakSanitizer stops the process with ptrace; where that is not allowed (some containers, or
# under a debugger) it dies with a fatal error instead of reporting: then run without it.
asan_extra=""
probe_err=$(ASAN_OPTIONS=detect_leaks=1 build-asan/resvcheck --help 2>&1 >/dev/null) || true
lsan_broken='LeakSanitizer has encountered a fatal error|LeakSanitizer does not work under ptrace'
if grep -Eq "$lsan_broken" <<<"$probe_err"; then
  echo "run-sanitizers: LeakSanitizer cannot run here (ptrace restricted?); leak checking off:" >&2
  grep -E "$lsan_broken" <<<"$probe_err" | head -3 >&2
  asan_extra="detect_leaks=0"
fi
echo "run-sanitizers: running the test suite under ASan + UBSan"
if ! ASAN_OPTIONS="${asan_extra}" ctest --preset asan -j"$jobs"; then
  failed+=("asan ctest")
fi
step_done "asan ctest"

# ---- 2. Valgrind memcheck: the engine tests of the normal build ---------------------------------
if [[ -n "${RESVCHECK_SAN_NORMAL_BUILD:-}" ]]; then
  normal="$RESVCHECK_SAN_NORMAL_BUILD"
  cmake -S . -B "$normal" -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build "$normal" -j"$jobs" --target scheduler_tests
else
  normal=build
  bash tools/setup.sh
fi
step_done "normal build"

echo "run-sanitizers: running $normal/tests/scheduler_tests under valgrind memcheck"
supp=()
[[ -f tools/valgrind.supp ]] && supp=(--suppressions="$PWD/tools/valgrind.supp")
# The tests run with the build's tests/ folder as working directory, as under CTest.
# --show-mismatched-frees=no: CppUTest (linked statically) replaces operator new with malloc()
# but not the sized operator delete, so memcheck flags its own runner objects as malloc/delete
# mismatches; ASan (alloc_dealloc_mismatch, on by default) checks mismatches over the whole suite.
if ! (cd "$normal/tests" &&
      valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,possible \
               --show-mismatched-frees=no --quiet "${supp[@]}" ./scheduler_tests); then
  failed+=("valgrind scheduler_tests")
fi
step_done "valgrind scheduler_tests"

echo
echo "run-sanitizers: timings"
printf '  %s\n' "${timings[@]}"
printf '  %-28s %4d s\n' "total" $((SECONDS - started))
if ((${#failed[@]})); then
  echo "run-sanitizers: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "run-sanitizers: all clean"
