#!/usr/bin/env bash
# Smoke test of `qplr`: the quick profile on the real MNIST and Fashion-MNIST into a temporary
# folder; checks every table exists with its header and expected rows, and that the teacher and
# the M1/M3 students are above chance (10%) on clean test images.
#   qplr_smoke.sh <qplr binary> <data dir>
set -euo pipefail
program=$1
data=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$program" --profile quick --threads 2 --data "$data" --out "$out" > "$out/log.txt" 2>&1 || { cat "$out/log.txt"; exit 1; }
fail() { echo "qplr smoke: $*"; exit 1; }
for table in teacher labels robustness calibration reliability attacks sensitivity; do
  [ -s "$out/$table.csv" ] || fail "missing $table.csv"
done
[ -s "$out/qplr.meta.json" ] || fail "missing qplr.meta.json"
head -1 "$out/robustness.csv" | grep -qx 'paper,dataset,method,sigma,rotation,clipped,seed,metric,value,train_size,test_size,student_epochs' \
  || fail "robustness.csv header: $(head -1 "$out/robustness.csv")"
# MNIST: 8 methods x 6 sigmas x 2 rotations x 2 clip settings; Fashion-MNIST: 6 x 4 x 1 x 2.
rows=$(($(wc -l < "$out/robustness.csv") - 1))
[ "$rows" -eq $((8 * 6 * 2 * 2 + 6 * 4 * 2)) ] || fail "robustness.csv has $rows rows"
rows=$(($(wc -l < "$out/calibration.csv") - 1))
[ "$rows" -eq $((3 * (8 * 6 * 2 * 2 + 6 * 4 * 2))) ] || fail "calibration.csv has $rows rows"
awk -F, 'NR > 1 && $4 == 0 && $5 == 0 && $6 == "no" && ($3 == "M1" || $3 == "M3") {
           n++; if ($9 <= 20) { print "clean accuracy " $9 " of " $2 " " $3 " is not above chance"; bad = 1 } }
         END { if (n != 4) { print "expected 4 clean M1/M3 rows, found " n; bad = 1 } exit bad }' "$out/robustness.csv" \
  || fail "robustness.csv check failed"
awk -F, 'NR > 1 && $4 == "exact_test_accuracy" { n++; if ($5 <= 20) { print $2 " teacher at " $5; bad = 1 } }
         END { exit (bad || n != 2) }' "$out/teacher.csv" || fail "teacher.csv check failed"
# Reliability: 15 bins × (count, accuracy, confidence) per student (8 on MNIST, 6 on Fashion);
# each student's bin counts add up to its test-set size.
awk -F, 'NR > 1 { n++; if ($8 == "count") { total[$2 "/" $3] += $9; size[$2 "/" $3] = $11 } }
         END { if (n != (8 + 6) * 15 * 3) { print "reliability.csv has " n " rows"; bad = 1 }
               for (k in total) if (total[k] != size[k]) { print k ": bin counts " total[k] " != " size[k]; bad = 1 }
               exit bad }' "$out/reliability.csv" || fail "reliability.csv check failed"
awk -F, 'NR > 1 { if ($8 < 0 || $8 > 100) bad = 1; n++ } END { exit (bad || n != 14 * 2 * 3 * 2) }' "$out/attacks.csv" \
  || fail "attacks.csv: expected 168 rows with values in [0, 100]"
echo "qplr smoke: ok"
