#!/bin/sh
# Prints the revision of the source tree for the build's provenance (experiments/common/provenance.hpp):
# the commit's 12-digit hash, with "-dirty" when a tracked file differs from it or an unignored
# file is untracked, results/ (which the programs themselves write) excepted; "unknown" outside git.
#   source_revision.sh SOURCE_ROOT
root=$1
revision=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null) || { echo unknown; exit 0; }
changes=$(git -C "$root" status --porcelain --untracked-files=normal -- . ':(exclude)results' 2>/dev/null) ||
  { echo unknown; exit 0; }
if [ -n "$changes" ]; then echo "$revision-dirty"; else echo "$revision"; fi
