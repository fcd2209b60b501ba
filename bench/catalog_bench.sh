#!/usr/bin/env bash
# The catalogue as a benchmark: scenarios/catalog, every version, default bounds.
#  - --jobs 1 and --jobs 2: wall time, complete executions, scheduled steps, executions per second,
#    nanoseconds of wall time per scheduled step, peak RSS;
#  - --shard k/4 (each --jobs 1): the four runs' executions summed, and their merged report
#    compared with the unsharded one (same results outside `work` and `timing`).
# Usage: bench/catalog_bench.sh RESVCHECK   (needs jq and GNU time; tools/run-bench.sh installs
# them). Figures are printed, never asserted on; a mismatch between the runs is an exit 1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
resvcheck=$1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# check NAME FLAGS...: one catalogue run; its report in $work/NAME.json, peak RSS in NAME.rss.
check() {
  local name=$1
  shift
  local status=0
  /usr/bin/time -f %M -o "$work/$name.rss" "$resvcheck" check scenarios/catalog --no-progress \
    --traces "$work/traces" --report "$work/$name.json" "$@" >/dev/null || status=$?
  if ((status != 0)); then
    echo "catalog_bench: check $* exited $status" >&2
    exit 1
  fi
}

# What does not describe effort: the report without `work` and `timing`.
result_of() { jq -S 'del(.timing) | .results |= map(del(.work))' "$1"; }

row() {
  local name=$1 report=$2 rss_kib=$3
  jq -r --arg name "$name" --argjson rss "$rss_kib" '
    ([.results[].stats.executions] | add) as $e |
    ([.results[].work.steps] | add) as $s |
    ([.results[].work.redundant] | add) as $r |
    ([.results[].work.prefixes // 0] | add) as $p |
    (.timing.elapsed_ms) as $ms |
    [$name, ($ms | tostring), ($e | tostring), ($r | tostring), ($p | tostring), ($s | tostring),
     (if $ms > 0 then ($e * 1000 / $ms | floor | tostring) else "-" end),
     (if $s > 0 then ($ms * 1000000 / $s * 10 | floor / 10 | tostring) else "-" end),
     ($rss / 1024 * 10 | floor / 10 | tostring)] | @tsv' "$report" |
    awk -F'\t' '{printf "%-22s %9s %11s %10s %9s %12s %10s %8s %9s\n", $1,$2,$3,$4,$5,$6,$7,$8,$9}'
}

printf '%-22s %9s %11s %10s %9s %12s %10s %8s %9s\n' run "wall ms" executions redundant \
  prefixes steps "exec/s" ns/step "RSS MiB"
printf '%s\n' "$(printf -- '-%.0s' {1..108})"
check jobs1 --jobs 1
row "--jobs 1" "$work/jobs1.json" "$(cat "$work/jobs1.rss")"
check jobs2 --jobs 2
row "--jobs 2" "$work/jobs2.json" "$(cat "$work/jobs2.rss")"
for k in 1 2 3 4; do
  check "shard$k" --jobs 1 --shard "$k/4"
  row "--shard $k/4 --jobs 1" "$work/shard$k.json" "$(cat "$work/shard$k.rss")"
done
"$resvcheck" merge "$work"/shard{1,2,3,4}.json --report "$work/merged.json" 2>/dev/null
sum=$(jq -s '[.[].results[].stats.executions] | add' "$work"/shard{1,2,3,4}.json)
one=$(jq '[.results[].stats.executions] | add' "$work/jobs1.json")
echo
echo "jobs 2 vs jobs 1: $(jq -rn --slurpfile a "$work/jobs1.json" --slurpfile b "$work/jobs2.json" \
  '($a[0].timing.elapsed_ms / $b[0].timing.elapsed_ms * 100 | floor / 100 | tostring) + "x"') faster"
echo "shards 1..4: $sum executions in all, unsharded $one"
status=0
for run in jobs2 merged; do
  if [[ "$(result_of "$work/$run.json")" == "$(result_of "$work/jobs1.json")" ]]; then
    echo "$run: the same results as --jobs 1 (outside work and timing)"
  else
    echo "$run: results DIFFER from --jobs 1" >&2
    status=1
  fi
done
exit $status
