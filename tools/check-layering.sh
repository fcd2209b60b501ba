#!/usr/bin/env bash
# Checks the one-way layering of the folders (README.md, Layout) on the source tree (run by CTest as `layering`):
#   tools/ -> traces/ -> scenarios/ -> model/ -> scheduler/
# A folder may include headers only from folders to its right. tests/programs/ and bench/ link
# the scheduler only, so they include no model, scenario, trace or tool headers either.
# Boost.Context is included by exactly one file: scheduler/fiber.cpp.
#
# Usage: tools/check-layering.sh [REPO_ROOT]     (default: the repository holding this script)
# Exit status: 0 clean, 1 violations (each printed as file:line: include), 2 usage error.
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$root" || { echo "check-layering: no such directory: $root" >&2; exit 2; }

# folder : folders it must not include
rules=(
  "scheduler:model scenarios traces tools"
  "model:scenarios traces tools"
  "scenarios:traces tools"
  "traces:tools"
  "tests/programs:model scenarios traces tools"
  "bench:model scenarios traces tools"
)

# Source files below the given paths, skipping .git, build trees (build*, cmake-build-*, any
# folder holding a CMakeCache.txt) and fetched dependencies.
mapfile -t build_trees < <(find . -name .git -prune -o -name CMakeCache.txt -printf '%h\n')
sources() {
  local existing=()
  for p in "$@"; do [[ -e "$p" ]] && existing+=("$p"); done
  ((${#existing[@]})) || return 0
  find "${existing[@]}" \
    \( -name .git -o -name 'build' -o -name 'build-*' -o -name 'build_*' -o -name 'cmake-build-*' \
       -o -name _deps -o -name CMakeFiles \) -prune -o \
    -type f \( -name '*.cpp' -o -name '*.cc' -o -name '*.cxx' -o -name '*.c' -o -name '*.h' \
               -o -name '*.hh' -o -name '*.hpp' -o -name '*.hxx' -o -name '*.ipp' -o -name '*.inc' \
               -o -name '*.tpp' \) -print |
    sed 's|^\./||' |
    while IFS= read -r f; do
      for b in "${build_trees[@]}"; do
        b="${b#./}"
        [[ "$b" != "." && "$f" == "$b"/* ]] && continue 2
      done
      printf '%s\n' "$f"
    done | LC_ALL=C sort
}

fail=0
include_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]'

for rule in "${rules[@]}"; do
  folder="${rule%%:*}"
  forbidden="${rule#*:}"
  alt="${forbidden// /|}"
  # "model/x.h", <model/x.h>, "../model/x.h", "./../model/x.h", "scheduler/../model/x.h"
  re="${include_re}((\\.{1,2}/)*|[^\">]*/\\.\\./)(${alt})/"
  mapfile -t files < <(sources "$folder")
  ((${#files[@]})) || continue
  while IFS= read -r hit; do
    [[ -n "$hit" ]] || continue
    echo "layering: $folder/ must not include headers from ${forbidden// /\/, }/: $hit"
    fail=1
  done < <(grep -HnE "$re" "${files[@]}" || true)
done

# Boost.Context: exactly scheduler/fiber.cpp.
mapfile -t all_files < <(sources .)
mapfile -t ctx_users < <( ((${#all_files[@]})) &&
  grep -lE "${include_re}boost/context/" "${all_files[@]}" || true)
if [[ "${#ctx_users[@]}" -ne 1 || "${ctx_users[0]}" != "scheduler/fiber.cpp" ]]; then
  if ((${#ctx_users[@]} == 0)); then
    echo "layering: no file includes boost/context; expected exactly one: scheduler/fiber.cpp"
  else
    echo "layering: boost/context must be included by scheduler/fiber.cpp only; included by:"
    printf '  %s\n' "${ctx_users[@]}"
  fi
  fail=1
fi

if ((fail)); then
  echo "layering: FAILED (the folders depend on each other one way only: see README.md, Layout)"
  exit 1
fi
echo "layering: OK"
