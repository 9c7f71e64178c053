#include "experiments/quantum_patches/patch_cache.hpp"

#include <array>
#include <cstring>
#include <fstream>

#include "core/atomic_file.hpp"
#include "core/rng.hpp"

namespace qmlr::quantum_patches {

namespace {

constexpr std::array<char, 8> kMagic = {'Q', 'P', 'M', 'A', 'S', 'K', 'S', '1'};
constexpr std::size_t kHeaderBytes = 8 + 8 + 8 + 4 + 4;

struct Header {
    std::uint64_t hash, images;
    std::uint32_t height, width;
};

// The header fields are stored little-endian; the build targets little-endian x86-64 and
// the bytes are copied as they are.
std::array<char, kHeaderBytes> encode(const Header& h) {
    std::array<char, kHeaderBytes> bytes{};
    std::memcpy(bytes.data(), kMagic.data(), 8);
    std::memcpy(bytes.data() + 8, &h.hash, 8);
    std::memcpy(bytes.data() + 16, &h.images, 8);
    std::memcpy(bytes.data() + 24, &h.height, 4);
    std::memcpy(bytes.data() + 28, &h.width, 4);
    return bytes;
}

}  // namespace

experiments::ConfigHash patch_cache_key(const Tensor& images, const PatchFilterConfig& config) {
    experiments::ConfigHash key;
    key.add("format", "QPMASKS1")
        .add("gates", to_string(config.gates))
        .add("encoding", to_string(config.encoding))
        .add("normalisation_eps", kNormalisationEps)
        .add("shape", images.shape().to_string());
    const char* weight_keys[] = {"w0", "w1", "w2", "w3"};
    for (std::size_t k = 0; k < config.weights.size(); ++k) key.add(weight_keys[k], config.weights[k]);
    const std::string_view bytes(reinterpret_cast<const char*>(images.data()), images.size() * sizeof(float));
    key.add_integer("pixels_fnv1a", static_cast<std::int64_t>(purpose_hash(bytes)));
    return key;
}

void write_patch_masks(const std::filesystem::path& file, std::uint64_t hash, const PatchMasks& masks) {
    AtomicFile out(file);
    const auto header = encode({hash, masks.images, static_cast<std::uint32_t>(masks.height),
                                static_cast<std::uint32_t>(masks.width)});
    out.stream().write(header.data(), static_cast<std::streamsize>(header.size()));
    out.stream().write(reinterpret_cast<const char*>(masks.values.data()),
                       static_cast<std::streamsize>(masks.values.size() * sizeof(float)));
    out.commit();
}

bool read_patch_masks(const std::filesystem::path& file, std::uint64_t hash, std::size_t images, int height,
                      int width, PatchMasks& masks) {
    PatchMasks expected;
    expected.images = images;
    expected.height = height;
    expected.width = width;
    const std::size_t count = images * expected.image_stride();
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error || size != kHeaderBytes + count * sizeof(float)) return false;
    std::ifstream in(file, std::ios::binary);
    std::array<char, kHeaderBytes> header{};
    if (!in.read(header.data(), static_cast<std::streamsize>(header.size()))) return false;
    if (header != encode({hash, images, static_cast<std::uint32_t>(height), static_cast<std::uint32_t>(width)}))
        return false;
    expected.values.resize(count);
    if (!in.read(reinterpret_cast<char*>(expected.values.data()), static_cast<std::streamsize>(count * sizeof(float))))
        return false;
    masks = std::move(expected);
    return true;
}

CachedMasks load_or_compute_patch_masks(const std::filesystem::path& cache_dir, const std::string& name,
                                        const Tensor& images, const PatchFilterConfig& config) {
    const experiments::ConfigHash key = patch_cache_key(images, config);
    CachedMasks result;
    result.file = cache_dir / (name + "-" + key.hex() + ".bin");
    const int height = static_cast<int>(images.dim(2)) / 2, width = static_cast<int>(images.dim(3)) / 2;
    if (read_patch_masks(result.file, key.value(), static_cast<std::size_t>(images.dim(0)), height, width,
                         result.masks)) {
        result.reused = true;
        return result;
    }
    result.masks = compute_patch_masks(images, PatchFilter(config));
    write_patch_masks(result.file, key.value(), result.masks);
    return result;
}

}  // namespace qmlr::quantum_patches
