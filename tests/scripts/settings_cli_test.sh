#!/usr/bin/env bash
# The settings interface of every paper program (docs/conventions.md §13): --print-config is read
# back by --config to the same configuration and the same runs, --list-runs lists them, and an
# unknown setting or a bad value is refused with a message naming it. Nothing is computed.
#   settings_cli_test.sh DATA_DIR PROGRAM...
set -euo pipefail
data=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

for program in "$@"; do
  name=$(basename "$program")
  common=(--profile quick --data "$data" --out "$work/$name")
  "$program" "${common[@]}" --print-config > "$work/config" || fail "$name --print-config"
  grep -qx 'profile = quick' "$work/config" || fail "$name: --print-config does not start from the profile"
  # Read back under another --profile: the file's own profile line and values win.
  "$program" --profile paper --data "$data" --config "$work/config" --print-config > "$work/again" ||
    fail "$name --config"
  cmp -s "$work/config" "$work/again" || fail "$name: --config of --print-config is not the same configuration"
  "$program" "${common[@]}" --list-runs > "$work/runs" || fail "$name --list-runs"
  "$program" --profile paper --data "$data" --out "$work/$name" --config "$work/config" --list-runs > "$work/runs2"
  cmp -s "$work/runs" "$work/runs2" || fail "$name: the same configuration lists other runs"
  head -1 "$work/runs" | grep -qx $'group\tstage\trun\tkey\tstatus' || fail "$name --list-runs header"
  total=$(grep -vc '^#\|^group' "$work/runs")
  grep -q "^# $total runs in .* groups .*; 0 done, $total pending" "$work/runs" || fail "$name --list-runs summary"
  # A changed seed list changes the plan.
  "$program" "${common[@]}" --seeds 7 --list-runs | grep -q -- '-s7\|seed7\|s7-' || fail "$name: --seeds 7 not in the run names"

  status=0
  "$program" "${common[@]}" --set no_such_setting=1 --list-runs > "$work/err" 2>&1 || status=$?
  [[ $status != 0 ]] && grep -q "unknown setting 'no_such_setting'" "$work/err" ||
    fail "$name: an unknown setting was not refused by name: $(cat "$work/err")"
  status=0
  "$program" "${common[@]}" --set seeds=0,0 --list-runs > "$work/err" 2>&1 || status=$?
  [[ $status != 0 ]] && grep -q "setting seeds = '0,0'" "$work/err" ||
    fail "$name: a repeated seed was not refused: $(cat "$work/err")"
  [[ ! -e $work/$name/runs ]] || fail "$name: --print-config or --list-runs wrote a run store"
  echo "ok: $name ($total runs in the quick profile)"
done
