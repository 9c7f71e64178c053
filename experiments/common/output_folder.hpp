#pragma once
// The --out folder is checked before anything is loaded or trained: a folder that cannot be
// written would otherwise be found only when the first run's result is saved, after its compute.
#include <filesystem>

namespace qmlr::experiments {

// Creates `folder` (and its parents) when missing, then creates and removes a probe file in it.
// Any failure is an Error naming the folder, the reason and the fix (another --out).
void prepare_output_folder(const std::filesystem::path& folder);

}  // namespace qmlr::experiments
