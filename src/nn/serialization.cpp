#include "nn/serialization.hpp"

#include "core/fnv1a.hpp"

#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace qmlr::nn {
namespace {

static_assert(std::endian::native == std::endian::little,
              "model files are little-endian; this build assumes a little-endian host");

constexpr char kMagic[8] = {'Q', 'M', 'L', 'R', 'N', 'E', 'T', '\0'};

std::uint64_t fnv1a(const std::uint8_t* data, std::size_t size) { return Fnv1a64().add(data, size).value(); }

class Writer {
public:
    template <class T>
    void value(T v) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
        bytes_.insert(bytes_.end(), p, p + sizeof(T));
    }
    void text(const std::string& s) {
        value(static_cast<std::uint32_t>(s.size()));
        bytes_.insert(bytes_.end(), s.begin(), s.end());
    }
    void floats(const Tensor& t) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(t.data());
        bytes_.insert(bytes_.end(), p, p + t.size() * sizeof(float));
    }
    std::vector<std::uint8_t>& bytes() { return bytes_; }

private:
    std::vector<std::uint8_t> bytes_;
};

class Reader {
public:
    Reader(const std::vector<std::uint8_t>& bytes, std::size_t end, std::string file)
        : bytes_(bytes), end_(end), file_(std::move(file)) {}

    template <class T>
    T value(const char* what) {
        T v;
        std::memcpy(&v, take(sizeof(T), what), sizeof(T));
        return v;
    }
    std::string text(const char* what) {
        const auto length = value<std::uint32_t>(what);
        const auto* p = take(length, what);
        return std::string(reinterpret_cast<const char*>(p), length);
    }
    const std::uint8_t* take(std::size_t count, const char* what) {
        if (count > end_ - offset_)
            throw Error(file_ + ": truncated at offset " + std::to_string(offset_) + " while reading " +
                        what + " (" + std::to_string(count) + " bytes wanted, " +
                        std::to_string(end_ - offset_) + " left); the file is incomplete");
        const std::uint8_t* p = bytes_.data() + offset_;
        offset_ += count;
        return p;
    }
    std::size_t offset() const { return offset_; }

private:
    const std::vector<std::uint8_t>& bytes_;
    std::size_t end_;
    std::string file_;
    std::size_t offset_ = 0;
};

std::vector<std::uint8_t> read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open model file " + path.string() + " (does it exist?)");
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

void save_model(Model& model, const std::filesystem::path& path) {
    Writer w;
    w.bytes().insert(w.bytes().end(), kMagic, kMagic + sizeof(kMagic));
    w.value(kModelFileVersion);
    w.value(static_cast<std::uint32_t>(model.size()));
    for (std::size_t i = 0; i < model.size(); ++i) {
        Layer& layer = model.layer(i);
        w.text(layer.describe());
        const std::span<Parameter> params = layer.parameters();
        w.value(static_cast<std::uint32_t>(params.size()));
        for (const Parameter& p : params) {
            w.text(p.name);
            w.value(static_cast<std::uint32_t>(p.value.shape().rank()));
            for (int axis = 0; axis < p.value.shape().rank(); ++axis) w.value(p.value.dim(axis));
            w.floats(p.value);
        }
    }
    w.value(fnv1a(w.bytes().data(), w.bytes().size()));
    AtomicFile file(path);
    file.stream().write(reinterpret_cast<const char*>(w.bytes().data()),
                        static_cast<std::streamsize>(w.bytes().size()));
    file.commit();
}

void load_model(Model& model, const std::filesystem::path& path) {
    const std::vector<std::uint8_t> bytes = read_all(path);
    const std::string file = "model file " + path.string();
    if (bytes.size() < sizeof(kMagic) + 4 + 4 + 8 || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
        throw Error(file + ": not a model file (expected the magic \"QMLRNET\" at offset 0)");
    const std::size_t body = bytes.size() - 8;
    std::uint64_t stored;
    std::memcpy(&stored, bytes.data() + body, 8);
    Reader r(bytes, body, file);
    r.take(sizeof(kMagic), "the magic");
    const auto version = r.value<std::uint32_t>("the version");
    if (version != kModelFileVersion)
        throw Error(file + ": format version " + std::to_string(version) + ", expected " +
                    std::to_string(kModelFileVersion) + "; save it again with this build");
    if (fnv1a(bytes.data(), body) != stored)
        throw Error(file + ": checksum mismatch; the file is corrupt, save the model again");

    const auto layers = r.value<std::uint32_t>("the layer count");
    if (layers != model.size())
        throw Error(file + ": has " + std::to_string(layers) + " layers, the model has " +
                    std::to_string(model.size()) + "; build the architecture the file was saved from");
    // Parse and check everything first, copy afterwards: a failed load changes nothing.
    std::vector<std::pair<Parameter*, const std::uint8_t*>> copies;
    for (std::size_t i = 0; i < model.size(); ++i) {
        Layer& layer = model.layer(i);
        const std::string description = r.text("a layer description");
        if (description != layer.describe())
            throw Error(file + ": layer " + std::to_string(i) + " is " + description +
                        " in the file but " + layer.describe() + " in the model");
        const std::span<Parameter> params = layer.parameters();
        const auto count = r.value<std::uint32_t>("a parameter count");
        if (count != params.size())
            throw Error(file + ": layer " + std::to_string(i) + " (" + description + ") has " +
                        std::to_string(count) + " parameters in the file, " +
                        std::to_string(params.size()) + " in the model");
        for (Parameter& p : params) {
            const std::string name = r.text("a parameter name");
            const auto rank = r.value<std::uint32_t>("a parameter rank");
            std::vector<std::int64_t> dims;
            for (std::uint32_t axis = 0; axis < rank && axis < 5; ++axis)
                dims.push_back(r.value<std::int64_t>("a parameter dimension"));
            std::string shape = "(";
            for (std::size_t axis = 0; axis < dims.size(); ++axis) {
                if (axis > 0) shape += ',';
                shape += std::to_string(dims[axis]);
            }
            shape += ')';
            if (name != p.name || shape != p.value.shape().to_string())
                throw Error(file + ": layer " + std::to_string(i) + " parameter " + name + " " +
                            shape + " in the file, " + p.name + " " +
                            p.value.shape().to_string() + " in the model");
            copies.emplace_back(&p, r.take(p.value.size() * sizeof(float), "parameter values"));
        }
    }
    if (r.offset() != body)
        throw Error(file + ": " + std::to_string(body - r.offset()) +
                    " unexpected bytes after the last parameter");
    for (auto& [p, source] : copies) {
        std::memcpy(p->value.data(), source, p->value.size() * sizeof(float));
        p->grad.fill(0.0f);
    }
    model.mark_initialized();
}

}  // namespace qmlr::nn
