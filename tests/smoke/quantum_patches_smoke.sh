#!/bin/bash
# Smoke test: the quantum_patches program's quick profile on the real data, into a temporary
# folder; checks the tables are well-formed, hold the expected rows, and MNIST beats chance.
#   quantum_patches_smoke.sh PROGRAM DATA_DIR
set -euo pipefail
program=$1
data=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$program" --profile quick --data "$data" --out "$out" > "$out/log.txt" 2>&1 || { cat "$out/log.txt"; exit 1; }
for file in asr.csv patches_preview.csv patches_preview_mnist.png patches_preview_cifar10.png quantum_patches.meta.json; do
  [ -s "$out/$file" ] || { echo "missing $file"; exit 1; }
done
header=$(head -1 "$out/asr.csv")
[ "$header" = "paper,experiment,dataset_key,dataset,condition,seed,attack,epsilon,metric,value,n_train,n_test,epochs,profile,status" ] \
  || { echo "unexpected header: $header"; exit 1; }
# MNIST and CIFAR-10 x 4 conditions (CINIC-10 adds rows when supplied); MNIST: 1 + 2 eps x 2 attacks x 3 metrics = 13 rows, CIFAR-10: 7 rows.
ok_rows=$(grep -c ',ok$' "$out/asr.csv")
[ "$ok_rows" -ge 80 ] || { echo "expected at least 80 computed rows, found $ok_rows"; exit 1; }
grep -q '^quantum_patches,asr,cinic10,CINIC-10,a_clean,.*,not run: dataset not available$' "$out/asr.csv" \
  || [ -d "$data/cinic10" ] || { echo "no CINIC-10 not-run rows"; exit 1; }
grep -q ',CIFAR-10 (JPEG q75 copy),\|,CIFAR-10,' "$out/asr.csv" || { echo "no CIFAR-10 rows"; exit 1; }
awk -F, '$3 == "mnist" && $9 == "clean_accuracy" && $10 + 0 <= 0.1 { bad = 1 } END { exit bad }' "$out/asr.csv" \
  || { echo "MNIST clean accuracy at or below chance"; exit 1; }
# The patch masks are cached in the run store, not in the (possibly read-only) data folder.
compgen -G "$out/runs/cache/quantum-patches-mnist-train-*.bin" > /dev/null || { echo "no patch masks in $out/runs/cache"; exit 1; }
grep -q "patch masks computed into $out/runs/cache/" "$out/log.txt" || { echo "patch masks not computed into the run store"; exit 1; }
# An unwritable --out fails at once, before any data is read: a path under a regular file
# (permission bits would not stop root).
if "$program" --profile quick --data "$out/no-data" --out "$out/log.txt/sub" > "$out/bad-out.txt" 2>&1; then
  echo "an --out under a regular file was accepted"; exit 1
fi
grep -q "cannot create the output folder $out/log.txt/sub" "$out/bad-out.txt" \
  || { echo "unexpected error for an unwritable --out:"; cat "$out/bad-out.txt"; exit 1; }
echo "quantum_patches smoke test: ok"
