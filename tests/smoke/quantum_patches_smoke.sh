#!/bin/bash
# Smoke test: the quantum_patches program's quick profile on the real data, into a temporary
# folder; checks that a shard publishes nothing, that the merged tables hold the expected rows
# (read by column name through results_table, which also validates each file against its
# declaration), that MNIST beats chance, and that a new ε list leaves only MNIST attacks to run.
#   quantum_patches_smoke.sh PROGRAM DATA_DIR RESULTS_TABLE
set -euo pipefail
program=$1
data=$2
results_table=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
table() { "$results_table" --paper quantum_patches "$@"; }

# A shard computes runs but publishes nothing: no table, no preview PNG before the merge.
"$program" --profile quick --data "$data" --out "$out" --shard 1/2 > "$out/shard.txt" 2>&1 || { cat "$out/shard.txt"; exit 1; }
for file in asr.csv patches_preview.csv datasets.csv patches_preview_mnist.png; do
  [ ! -e "$out/$file" ] || { echo "a shard wrote $file into the results folder"; exit 1; }
done

"$program" --profile quick --data "$data" --out "$out" > "$out/log.txt" 2>&1 || { cat "$out/log.txt"; exit 1; }
for file in asr.csv patches_preview.csv datasets.csv patches_preview_mnist.png patches_preview_cifar10.png \
            quantum_patches.meta.json; do
  [ -s "$out/$file" ] || { echo "missing $file"; exit 1; }
done
# Per condition: test_images and clean_accuracy, then 3 metrics per attack and ε.
# MNIST (2 ε): 4 x (2 + 2 x 2 x 3) = 56 rows; CIFAR-10 (1 ε): 4 x (2 + 2 x 3) = 32 rows.
for expected in mnist:56 cifar10:32; do
  dataset=${expected%%:*}
  rows=$(table --file "$out/asr.csv" --where dataset="$dataset" --count)
  [ "$rows" -eq "${expected#*:}" ] || { echo "expected ${expected#*:} $dataset rows in asr.csv, found $rows"; exit 1; }
done
rows=$(table --file "$out/patches_preview.csv" --count)
[ "$rows" -eq 16 ] || { echo "expected 16 rows in patches_preview.csv (8 per dataset), found $rows"; exit 1; }
# CINIC-10 has runs only when supplied; otherwise no rows anywhere and the log says why.
if [ ! -d "$data/cinic10" ]; then
  rows=$(table --file "$out/datasets.csv" --where dataset=cinic10 --count)
  [ "$rows" -eq 0 ] || { echo "CINIC-10 has rows although it was not supplied"; exit 1; }
  grep -q "dataset not available" "$out/log.txt" || { echo "no 'dataset not available' for CINIC-10"; exit 1; }
fi
source=$(table --file "$out/datasets.csv" --where dataset=cifar10 --column source)
case "$source" in
  "CIFAR-10" | "CIFAR-10 (JPEG q75 copy)") ;;
  *) echo "unexpected CIFAR-10 source label: $source"; exit 1 ;;
esac
table --file "$out/asr.csv" --where dataset=mnist --where metric=clean_accuracy --column value |
  awk '$1 + 0 <= 10 { bad = 1 } END { exit bad }' || { echo "MNIST clean accuracy (%) at or below chance"; exit 1; }
# The patch masks are an artifact of the patches run in the run store, not in the data folder.
compgen -G "$out/runs/patches-mnist-*/masks.bin" > /dev/null || { echo "no masks.bin in $out/runs/patches-mnist-*"; exit 1; }
# A new MNIST ε list leaves exactly the four MNIST attacks runs to compute.
"$program" --profile quick --data "$data" --out "$out" --set mnist_epsilons=0.1,0.2 --list-runs > "$out/list.txt" 2>&1 \
  || { cat "$out/list.txt"; exit 1; }
pending=$(awk -F'\t' '$5 == "pending"' "$out/list.txt" | wc -l)
pending_attacks=$(awk -F'\t' '$5 == "pending" && $3 ~ /^attacks-mnist-/' "$out/list.txt" | wc -l)
[ "$pending" -eq 4 ] && [ "$pending_attacks" -eq 4 ] \
  || { echo "expected 4 pending MNIST attacks runs after a new ε list:"; cat "$out/list.txt"; exit 1; }
# An unwritable --out fails before any run is computed: a path under a regular file
# (permission bits would not stop root).
if "$program" --profile quick --data "$data" --out "$out/log.txt/sub" > "$out/bad-out.txt" 2>&1; then
  echo "an --out under a regular file was accepted"; exit 1
fi
grep -q "cannot create the output folder $out/log.txt/sub" "$out/bad-out.txt" \
  || { echo "unexpected error for an unwritable --out:"; cat "$out/bad-out.txt"; exit 1; }
echo "quantum_patches smoke test: ok"
