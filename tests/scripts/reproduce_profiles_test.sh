#!/usr/bin/env bash
# make reproduce with a trial profile must leave the committed results alone: in a scratch
# folder holding a copy of results/, `reproduce.sh BUILD quick` writes every table and the
# report into results-quick/, results/ stays byte-identical and still passes the regression
# check, and an explicit OUT folder is honoured.
#   reproduce_profiles_test.sh PROJECT_ROOT BUILD_DIR
set -euo pipefail
root=$1 build=$2
papers=$(grep -v '^#' "$root/experiments/papers.list" | paste -sd, -)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/tests"
ln -s "$root/tests/reference" "$work/tests/reference"
ln -s "$root/data" "$work/data"
tar -C "$root" --exclude=runs -cf - results | tar -C "$work" -xf -
cp -a "$work/results" "$work/committed"

cd "$work"
bash "$root/experiments/reproduce.sh" "$build" quick "$papers" > "$work/log" 2>&1 ||
  { echo "FAIL: reproduce.sh quick exited non-zero:"; tail -20 "$work/log"; exit 1; }
diff -r "$work/committed" "$work/results" > "$work/diff" ||
  { echo "FAIL: the quick profile changed committed results:"; head -20 "$work/diff"; exit 1; }
for paper in ${papers//,/ }; do
  ls "$work/results-quick/$paper/"*.csv > /dev/null 2>&1 ||
    { echo "FAIL: results-quick/$paper/ has no tables"; exit 1; }
done
[[ -s $work/results-quick/REPORT.md ]] || { echo "FAIL: results-quick/REPORT.md is missing"; exit 1; }
"$build/tests/regression/regression" --results "$work/results" --reference "$root/tests/reference" > /dev/null ||
  { echo "FAIL: the committed results no longer pass the regression check"; exit 1; }
echo "ok: the quick profile wrote results-quick/ and left results/ unchanged"

bash "$root/experiments/reproduce.sh" "$build" quick natural_quantization "$work/elsewhere" > "$work/log" 2>&1 ||
  { echo "FAIL: reproduce.sh with OUT exited non-zero:"; tail -20 "$work/log"; exit 1; }
ls "$work/elsewhere/natural_quantization/"*.csv > /dev/null 2>&1 && [[ -s $work/elsewhere/REPORT.md ]] ||
  { echo "FAIL: OUT=elsewhere did not receive the tables and the report"; exit 1; }
diff -r "$work/committed" "$work/results" > /dev/null || { echo "FAIL: OUT run changed results/"; exit 1; }
echo "ok: OUT chooses the folder"
