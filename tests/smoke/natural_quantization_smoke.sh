#!/usr/bin/env bash
# Smoke test: natural_quantization --profile quick on the real MNIST files writes the three sweep
# tables, derived.csv and the meta file; the tables are well formed, the classical network
# learns (vote error well below chance 0.9), Model 1 at a = 0 equals the sign network row for
# row, and a second invocation reuses every stored run.
#   natural_quantization_smoke.sh PROGRAM DATA_DIR
set -euo pipefail
program=$1 data=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "natural_quantization smoke: $*" >&2; exit 1; }

"$program" --profile quick --threads 2 --data "$data" --out "$out" > "$out/log.txt" 2>&1 || { cat "$out/log.txt"; fail "the program failed"; }
for f in model1_a_sweep.csv model2_g_sweep.csv classical.csv derived.csv natural_quantization.meta.json; do
  [ -s "$out/$f" ] || fail "missing $f"
done
header='paper,experiment,activations,a,g_step,g,seed,epoch,metric,value'
# quick profile: 2 epochs, validation after each: 4 metrics per epoch per run.
for spec in model1_a_sweep:3 model2_g_sweep:3 classical:1; do
  table=${spec%%:*} runs=${spec##*:}
  [ "$(head -1 "$out/$table.csv")" = "$header" ] || fail "$table.csv: unexpected header"
  rows=$(($(wc -l < "$out/$table.csv") - 1))
  [ "$rows" -eq $((runs * 2 * 4)) ] || fail "$table.csv: expected $((runs * 8)) rows, found $rows"
  awk -F, 'NR > 1 && ($10 !~ /^[0-9.e+-]+$/ || ($9 ~ /error/ && ($10 < 0 || $10 > 1))) { bad = 1 } END { exit bad }' \
    "$out/$table.csv" || fail "$table.csv: a value is not a number or an error outside [0, 1]"
done
error=$(awk -F, '$8 == 2 && $9 == "validation_vote_error" { print $10 }' "$out/classical.csv")
awk -v e="$error" 'BEGIN { exit !(e < 0.5) }' || fail "the classical network did not learn: vote error $error"
diff <(awk -F, '$4 == 0 { print $8, $9, $10 }' "$out/model1_a_sweep.csv") \
     <(awk -F, 'NR > 1 { print $8, $9, $10 }' "$out/classical.csv") > /dev/null ||
  fail "Model 1 at a = 0 differs from the sign network"
grep -q '^natural_quantization,g_c,' "$out/derived.csv" || fail "derived.csv has no g_c"

"$program" --profile quick --threads 1 --data "$data" --out "$out" > "$out/log2.txt" 2>&1 || fail "the rerun failed"
grep -q "0 to train" "$out/log2.txt" || fail "the rerun did not reuse the stored runs: $(head -1 "$out/log2.txt")"
echo "natural_quantization smoke: ok ($error classical vote error after 2 quick epochs)"
