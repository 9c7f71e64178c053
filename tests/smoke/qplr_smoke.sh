#!/usr/bin/env bash
# Smoke test of `qplr`: the quick profile on the real MNIST and Fashion-MNIST into a temporary
# folder; checks every declared table exists and parses against its declaration, has the expected
# rows, that the teacher and the M1/M3 students are above chance (10%) on clean test images,
# that each student's reliability bins hold its whole test set and that attack rates are in
# [0, 100]. Columns are read by name through the results_table tool.
#   qplr_smoke.sh <qplr binary> <data dir> <results_table binary>
set -euo pipefail
program=$1
data=$2
results_table=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$program" --profile quick --threads 2 --data "$data" --out "$out" > "$out/log.txt" 2>&1 || { cat "$out/log.txt"; exit 1; }
fail() { echo "qplr smoke: $*"; exit 1; }
# table FILE [results_table options...]: the tool on one table of the output (which it validates).
table() { local file=$1; shift; "$results_table" --paper qplr --file "$out/$file.csv" "$@"; }
# above LIMIT: every value on stdin is > LIMIT, and there is at least one.
above() { awk -v limit="$1" '{ n++; if ($1 <= limit) bad = 1 } END { exit (bad || n == 0) }'; }

for name in teacher labels robustness calibration reliability attacks sensitivity; do
  [ -s "$out/$name.csv" ] || fail "missing $name.csv"
  table "$name" --count > /dev/null || fail "$name.csv does not match its declaration"
done
[ -s "$out/qplr.meta.json" ] || fail "missing qplr.meta.json"

# MNIST: 8 methods x 6 sigmas x 2 rotations x 2 clip settings; Fashion-MNIST: 6 x 4 x 1 x 2.
grid=$((8 * 6 * 2 * 2 + 6 * 4 * 2))
rows=$(table robustness --count)
[ "$rows" -eq "$grid" ] || fail "robustness.csv has $rows rows, expected $grid"
rows=$(table calibration --count)
[ "$rows" -eq $((3 * grid)) ] || fail "calibration.csv has $rows rows, expected $((3 * grid))"

for dataset in mnist fashion_mnist; do
  for method in M1 M3; do
    table robustness --where dataset=$dataset --where method=$method --where sigma=0 --where rotation=0 \
      --where clipped=no --where metric=accuracy --column value | above 20 \
      || fail "clean accuracy of the $dataset $method student is not above chance"
  done
  table teacher --where dataset=$dataset --where metric=exact_test_accuracy --column value | above 20 \
    || fail "the $dataset teacher is not above chance"
done

# Reliability: 15 bins x (count, accuracy, confidence) per student (8 on MNIST, 6 on Fashion);
# each student's bin counts add up to its test-set size.
rows=$(table reliability --count)
[ "$rows" -eq $(((8 + 6) * 15 * 3)) ] || fail "reliability.csv has $rows rows"
for dataset in mnist fashion_mnist; do
  methods="M1 M2 M3 M4 M3e M4e"
  [ "$dataset" = mnist ] && methods="$methods BNN RS"
  for method in $methods; do
    where=(--where dataset=$dataset --where method=$method --where metric=count)
    total=$(table reliability "${where[@]}" --column value | awk '{ s += $1 } END { print s }')
    size=$(table reliability "${where[@]}" --column test_size | sort -u)
    [ "$total" = "$size" ] || fail "reliability.csv: $dataset $method bin counts $total != test size $size"
  done
done

rows=$(table attacks --count)
[ "$rows" -eq $((14 * 2 * 3 * 2)) ] || fail "attacks.csv has $rows rows, expected $((14 * 2 * 3 * 2))"
table attacks --column value | awk '{ if ($1 < 0 || $1 > 100) bad = 1 } END { exit bad }' \
  || fail "attacks.csv: a value outside [0, 100]"
echo "qplr smoke: ok"
