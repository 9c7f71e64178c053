#!/usr/bin/env bash
# Smoke test: natural_quantization --profile quick on the real MNIST files writes the three sweep
# tables, derived.csv and the meta file; every table parses against its declaration, the
# classical network learns (vote error well below chance, 90 %), Model 1 at a = 0 equals the
# sign network row for row, and a second invocation reuses every stored run. Columns are read by
# name through the results_table tool.
#   natural_quantization_smoke.sh PROGRAM DATA_DIR RESULTS_TABLE
set -euo pipefail
program=$1 data=$2 results_table=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "natural_quantization smoke: $*" >&2; exit 1; }
table() { "$results_table" --paper natural_quantization --file "$out/$1.csv" "${@:2}"; }

"$program" --profile quick --threads 2 --data "$data" --out "$out" > "$out/log.txt" 2>&1 || { cat "$out/log.txt"; fail "the program failed"; }
for f in model1_a_sweep.csv model2_g_sweep.csv classical.csv derived.csv natural_quantization.meta.json; do
  [ -s "$out/$f" ] || fail "missing $f"
done
# quick profile: 2 epochs, validation after each: 4 metrics per epoch per run.
for spec in model1_a_sweep:3 model2_g_sweep:3 classical:1; do
  name=${spec%%:*} runs=${spec##*:}
  rows=$(table "$name" --count) || fail "$name.csv does not parse against its declaration"
  [ "$rows" -eq $((runs * 2 * 4)) ] || fail "$name.csv: expected $((runs * 8)) rows, found $rows"
  for metric in train_error validation_vote_error validation_single_pass_error; do
    table "$name" --where metric=$metric --column value |
      awk '$1 < 0 || $1 > 100 { bad = 1 } END { exit bad }' || fail "$name.csv: a $metric outside [0, 100] %"
  done
done
error=$(table classical --where epoch=2 --where metric=validation_vote_error --column value)
[ -n "$error" ] || fail "classical.csv has no epoch-2 vote error"
awk -v e="$error" 'BEGIN { exit !(e < 50) }' || fail "the classical network did not learn: vote error $error %"
[ "$(table model1_a_sweep --where a=0 --count)" -eq 8 ] || fail "model1_a_sweep.csv: expected 8 rows at a = 0"
diff <(table model1_a_sweep --where a=0 --column value) <(table classical --column value) > /dev/null ||
  fail "Model 1 at a = 0 differs from the sign network"
[ "$(table derived --where metric=g_c --count)" -eq 1 ] || fail "derived.csv has no g_c"

"$program" --profile quick --threads 1 --data "$data" --out "$out" > "$out/log2.txt" 2>&1 || fail "the rerun failed"
grep -q "computed 0," "$out/log2.txt" || fail "the rerun did not reuse the stored runs: $(grep computed "$out/log2.txt")"
echo "natural_quantization smoke: ok ($error % classical vote error after 2 quick epochs)"
