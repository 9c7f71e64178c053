#pragma once
// Which code produced a result. The build records the revision of its source tree
// (experiments/common/source_revision.sh: the commit, with "-dirty" when tracked or unignored
// files outside results/ differ from it), so a result computed by uncommitted code says so.
// The default profile writes the committed results, so it refuses a dirty build unless
// --allow-dirty is given; that choice is recorded in the meta file and flagged in the report.
#include <string>

#include "core/run_options.hpp"

namespace qmlr::experiments {

const std::string& build_revision();  // "1a2b3c4d5e6f", "1a2b3c4d5e6f-dirty" or "unknown"
bool build_is_dirty();                // dirty or unknown

// The machine and build of this process as a JSON object: git_revision, compiler, cpu,
// hardware_threads, threads, simd.
std::string environment_json();

// An Error with the fix when `profile` is the default one, the build is dirty and
// `allow_dirty` is false.
void require_clean_build(Profile profile, bool allow_dirty, const std::string& program);

}  // namespace qmlr::experiments
