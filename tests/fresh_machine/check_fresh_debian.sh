#!/usr/bin/env bash
# The new user's path on a fresh Debian 12 machine, in a chroot: a minimal root made by
# debootstrap (build-essential, git, make, ca-certificates, python3; nothing else), a clone of
# this repository in it, then the README's two commands, timed. Not part of `make test`: it
# needs root, network access to the Debian archive and npm, and about 2 GB of disk.
#
#   tests/fresh_machine/check_fresh_debian.sh ROOT_DIR [make arguments for reproduce ...]
#     ROOT_DIR   where the Debian root is made (reused when it already has /usr/bin/make)
#   QMLR_FRESH_MIRROR=DIR  bind-mounts DIR into the root as the data mirror, for datasets whose
#                          public source this network cannot reach (default: no mirror at all)
#
# Logs: ROOT_DIR/root/make-test.log and ROOT_DIR/root/make-reproduce.log.
set -euo pipefail
[[ $(id -u) -eq 0 ]] || { echo "check_fresh_debian: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
[[ $# -ge 1 ]] || { echo "usage: $0 ROOT_DIR [make arguments for reproduce ...]" >&2; exit 2; }
root=$1; shift
project=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if [[ ! -x $root/usr/bin/make ]]; then
  command -v debootstrap > /dev/null || apt-get install -y -q=2 debootstrap
  debootstrap --variant=minbase --include=build-essential,git,make,ca-certificates,python3 \
    bookworm "$root" http://deb.debian.org/debian
fi

mounted=()
cleanup() { for (( i = ${#mounted[@]} - 1; i >= 0; i-- )); do umount -l "${mounted[i]}" || true; done; }
trap cleanup EXIT
bind() { mkdir -p "$2"; mount --bind "$1" "$2"; mounted+=("$2"); }
mount -t proc proc "$root/proc"; mounted+=("$root/proc")
bind /dev "$root/dev"
# The host's network setup comes along: its resolver and any locally added CA certificates
# (for example a TLS-inspecting proxy's), which Debian's node needs named in NODE_EXTRA_CA_CERTS.
cp /etc/resolv.conf "$root/etc/resolv.conf"
extra_ca=()
if compgen -G "/usr/local/share/ca-certificates/*.crt" > /dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates > /dev/null
  extra_ca=(NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt)
fi
mirror_env=""
if [[ -n ${QMLR_FRESH_MIRROR:-} ]]; then
  bind "$QMLR_FRESH_MIRROR" "$root/mirror"
  mirror_env="QMLR_DATA_MIRROR=/mirror"
fi

rm -rf "$root/root/qmlr"
git clone -q "$project" "$root/root/qmlr"
run_in_root() {  # run_in_root LOG COMMAND: runs COMMAND in the clone, times it, keeps its log
  local log=$1 command=$2 start status=0
  start=$(date +%s)
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    "${extra_ca[@]}" $mirror_env \
    bash -c "cd /root/qmlr && $command" > "$root/root/$log" 2>&1 || status=$?
  echo "$command: exit $status after $(( $(date +%s) - start )) s (log: $root/root/$log)"
  return $status
}
run_in_root make-test.log "make test"
run_in_root make-reproduce.log "make reproduce $*"
