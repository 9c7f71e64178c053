#!/usr/bin/env bash
# An interrupted program never leaves a results folder with a mix of old and new tables, nor a
# damaged run that is later used: the program is stopped dead (QMLR_FAULT, std::_Exit, as a
# kill would) at each named point of a run and of the publication, and the folder is checked.
#   publish_fault_test.sh PROGRAM DATA_DIR RESULTS_TABLE
# Generation A is the quick profile with seed 0, generation B with seed 1.
set -euo pipefail
program=$1 data=$2 results_table=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/out
fail() { echo "FAIL: $*"; exit 1; }
run() { "$program" --profile quick --threads 2 --data "$data" --out "$out" "$@" > "$work/log" 2>&1; }
tables() { (cd "$out" && md5sum -- *.csv); }
expect_fault() {
  local status=0
  QMLR_FAULT=$1 run --seeds "$2" || status=$?
  [[ $status == 86 ]] || { cat "$work/log"; fail "QMLR_FAULT=$1: exit status $status, expected 86"; }
}

run --seeds 0 || { cat "$work/log"; fail "generation A"; }
tables > "$work/A"
run --seeds 1 || { cat "$work/log"; fail "generation B"; }
tables > "$work/B"
cmp -s "$work/A" "$work/B" && fail "seeds 0 and 1 gave the same tables; the test cannot tell them apart"
first_table=$(ls "$out"/*.csv | head -1)
# From here on every run is stored: the faults below interrupt publications only.

run --seeds 0 || fail "back to A"
expect_fault publish:staged 1
cmp -s <(tables) "$work/A" || fail "publish:staged: the folder no longer holds generation A"
run --seeds 1 || fail "rerun after publish:staged"
cmp -s <(tables) "$work/B" || fail "rerun after publish:staged: not generation B"
echo "ok: killed before the commit point, the old tables stand; the next run publishes the new"

run --seeds 0 || fail "back to A"
for point in publish:journal publish:moving; do
  expect_fault "$point" 1
  # Committed but not moved in: readers refuse the folder rather than read a mix.
  "$results_table" --paper "$(basename "$program")" --file "$first_table" --count > "$work/reader" 2>&1 &&
    fail "$point: a reader accepted a folder with a pending publication"
  grep -q "interrupted publication" "$work/reader" || fail "$point: the reader's refusal does not say why"
  run --seeds 1 || fail "rerun after $point"
  grep -q "computed 0" "$work/log" || fail "rerun after $point computed runs again"
  cmp -s <(tables) "$work/B" || fail "$point: after recovery the folder is not generation B"
  run --seeds 0 || fail "back to A"
done
echo "ok: killed after the commit point, the next run completes the new tables"

# A run killed after computing, before its folder is renamed into place, is computed again.
rm -rf "$out/runs"
expect_fault run:finished 0
ls -d "$out"/runs/*.partial-* > /dev/null 2>&1 || fail "run:finished left no partial run folder"
run --seeds 0 || fail "rerun after run:finished"
ls -d "$out"/runs/*.partial-* > /dev/null 2>&1 && fail "the partial run folder of the killed process was not removed"
cmp -s <(tables) "$work/A" || fail "after run:finished and a rerun: not generation A"
ls "$out" | grep -q 'tmp-' && fail "temporary files left in $out"
echo "ok: a run killed before completion leaves nothing that is used, and is computed again"
