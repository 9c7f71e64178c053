#!/usr/bin/env bash
# Runs the selected experiment programs with one profile, then writes the report (make reproduce).
#   experiments/reproduce.sh BUILD_DIR PROFILE PAPERS [OUT]
#     PAPERS: comma-separated names from experiments/papers.list, run in the order given
#     OUT: the folder for every paper's tables and the report. Default: results/ for the default
#          profile (the committed tables), results-<profile>/ (git-ignored) for any other, so a
#          trial run never changes committed results.
# Each program resumes from its OUT/<paper>/runs/ (finished runs are reused). Before each
# program one line gives the overall progress: elapsed time and, for the default profile, the
# expected time of what is left and the clock time it should end, from the compute time the
# committed results record (results/<paper>/<paper>.meta.json, total_compute_seconds) rescaled by
# how fast this machine has been so far. Each program then draws its own progress line.
set -euo pipefail

build=$1 profile=$2 papers=$3
# The reference values and the protocols, as paths from here (the report quotes them).
here=$(dirname "${BASH_SOURCE[0]}")
reference=$(realpath --relative-to="$PWD" "$here/../tests/reference")
protocols=$(realpath --relative-to="$PWD" "$here")
out=${4:-}
if [[ -z $out ]]; then
  if [[ $profile == default ]]; then out=results; else out=results-$profile; fi
fi
known=$(grep -v '^#' "$here/papers.list" | tr '\n' ' ')

# The committed default-profile compute time of a paper in whole seconds (0 when unknown).
expected_seconds() {
  local meta="$here/../results/$1/$1.meta.json" seconds
  seconds=$(grep -o '"total_compute_seconds": [0-9]*' "$meta" 2>/dev/null | grep -o '[0-9]*$') || seconds=0
  echo "${seconds:-0}"
}

minutes() { echo "$(( ($1 + 30) / 60 )) min"; }

read -r -a selected <<< "${papers//,/ }"
for paper in "${selected[@]}"; do
  [[ " $known " == *" $paper "* ]] ||
    { echo "reproduce: unknown paper '$paper' in PAPERS; expected a comma-separated list of: ${known// /, }" >&2; exit 1; }
  [[ -x "$build/experiments/$paper/$paper" ]] ||
    { echo "reproduce: $build/experiments/$paper/$paper is missing; run 'make build' first" >&2; exit 1; }
done

start=$(date +%s)
done_expected=0  # reference seconds of the papers finished so far
for k in "${!selected[@]}"; do
  paper=${selected[$k]}
  now=$(date +%s) elapsed=$(( now - start ))
  line="reproduce [$((k + 1))/${#selected[@]}] $paper (profile $profile), $(minutes "$elapsed") elapsed"
  if [[ $profile == default ]]; then
    left=0
    for p in "${selected[@]:$k}"; do left=$(( left + $(expected_seconds "$p") )); done
    # Rescale by this machine's speed so far (resumed runs make it look faster; that is fine).
    if (( done_expected > 0 && elapsed > 0 )); then left=$(( left * elapsed / done_expected )); fi
    (( left > 0 )) &&
      line+="; about $(minutes "$left") left, done near $(date -d "@$(( now + left ))" +%H:%M)"
  fi
  echo "$line"
  "$build/experiments/$paper/$paper" --profile "$profile" --out "$out/$paper"
  done_expected=$(( done_expected + $(expected_seconds "$paper") ))
done
echo "reproduce: ${#selected[@]} paper(s) done in $(minutes $(( $(date +%s) - start ))); writing the report in $out/"
"$build/experiments/report/report" --results "$out" --reference "$reference" --protocols "$protocols" \
  --out "$out"
