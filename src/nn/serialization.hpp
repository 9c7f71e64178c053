#pragma once
// Model files: the parameters of a Model, checked against the architecture on load.
//
// Layout (little-endian):
//   magic    8 bytes  "QMLRNET\0"
//   version  u32      1
//   layers   u32      L
//   L times: description (u32 length + bytes, Layer::describe()), parameter count u32, then
//            per parameter: name (u32 length + bytes), rank u32, dims i64[rank],
//            values f32[element count]
//   checksum u64      FNV-1a 64 of every byte before it
// Floats are stored bit for bit, so save -> load is exact. Loading rebuilds nothing: the caller
// builds the same architecture in code, and any difference (layer description, parameter
// name or shape), a wrong magic or version, a truncated file or a checksum mismatch is an
// Error naming the file and what differs.
#include <filesystem>

#include "nn/model.hpp"

namespace qmlr::nn {

inline constexpr std::uint32_t kModelFileVersion = 1;

// Written atomically (a temporary file renamed into place).
void save_model(Model& model, const std::filesystem::path& path);
// Overwrites the model's parameters and marks it initialised; on any Error it is unchanged.
void load_model(Model& model, const std::filesystem::path& path);

}  // namespace qmlr::nn
