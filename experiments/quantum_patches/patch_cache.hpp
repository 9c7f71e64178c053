#pragma once
// The patch masks of a training set, computed once and kept in the run store's cache folder
// <out>/runs/cache/ (git-ignored with the runs; the --data folder stays read-only):
//   <cache>/<name>-<hash>.bin, hash = ConfigHash of the filter configuration, the image tensor's
//   shape and a fingerprint (FNV-1a) of its bytes, and the file format version.
// File: "QPMASKS1", u64 hash, u64 images, u32 height, u32 width (little-endian), then
// images·4·height·width float32 masks. A file is reused only when its size and header match
// exactly; anything else is recomputed and rewritten (atomically, so a crash leaves no partial
// cache file).
#include <filesystem>
#include <string>

#include "experiments/common/config_hash.hpp"
#include "experiments/quantum_patches/patch_masks.hpp"

namespace qmlr::quantum_patches {

// Everything the masks depend on.
experiments::ConfigHash patch_cache_key(const Tensor& images, const PatchFilterConfig& config);

struct CachedMasks {
    PatchMasks masks;
    std::filesystem::path file;
    bool reused = false;  // read from the cache rather than computed
};

// Reads the masks from `cache_dir` when a valid file exists, else computes and stores them.
CachedMasks load_or_compute_patch_masks(const std::filesystem::path& cache_dir, const std::string& name,
                                        const Tensor& images, const PatchFilterConfig& config);

// The pieces, for tests: write, and read (false when the file is absent or does not match).
void write_patch_masks(const std::filesystem::path& file, std::uint64_t hash, const PatchMasks& masks);
bool read_patch_masks(const std::filesystem::path& file, std::uint64_t hash, std::size_t images, int height,
                      int width, PatchMasks& masks);

}  // namespace qmlr::quantum_patches
