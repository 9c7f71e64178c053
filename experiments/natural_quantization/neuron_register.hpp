#pragma once
// The register of one forward pass over a batch (docs/natural_quantization.md §3.2, §8.0): per
// sample, the angle φ and last outcome m of each of the N neurons, shared by every hidden layer (so
// a weakly measured neuron carries its post-measurement angle into the next layer), and the address
// of the pass's random numbers.
//
// Draws: the uniform of neuron i in hidden layer k for the sample of dataset image j in pass p is
// the i-th double of the stream (seed, purpose, p·2³² + j, k). A pass is a training epoch
// (purpose "train-sample") or an evaluation shot (purpose "eval-sample", p = point·16 + shot), so
// every outcome is a function of (seed, stream, indices) alone, whatever the batch order or thread.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "experiments/natural_quantization/quantum_neuron.hpp"

namespace qmlr::natural_quantization {

struct PassAddress {
    std::uint64_t seed = 0;
    std::string purpose;  // "train-sample" or "eval-sample"
    std::uint64_t pass = 0;

    static PassAddress training(std::uint64_t seed, int epoch);
    static PassAddress evaluation(std::uint64_t seed, int point, int shot);  // shot < 16
};

class NeuronRegister {
public:
    explicit NeuronRegister(int width) : width_(width) {}

    // A fresh pass: every neuron of every batch row at φ = 0, m = +1; row b is dataset image
    // images[b]. `images` must outlive the pass.
    void begin_pass(const PassAddress& address, std::span<const std::size_t> images);

    int width() const { return width_; }
    std::size_t rows() const { return images_.size(); }
    // The neurons of batch row b (width() states).
    NeuronState* row(std::size_t b) { return states_.data() + b * static_cast<std::size_t>(width_); }
    // The stream of hidden layer `layer` (1-based) for batch row b.
    Rng stream(std::size_t b, int layer) const;

private:
    int width_;
    PassAddress address_;
    std::span<const std::size_t> images_;
    std::vector<NeuronState> states_;
};

}  // namespace qmlr::natural_quantization
