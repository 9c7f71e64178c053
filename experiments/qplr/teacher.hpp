#pragma once
// The QPLR teacher (docs/qplr.md §7.1): pre-net → 10-qubit circuit → 1024 Born probabilities →
// post-net, trained jointly with cross-entropy against the one-hot labels.
//   front: x (B,784) → Linear 128 → ReLU → Linear 10 → Sigmoid → circuit with RY(π·s_q)
//          encoding and L × [RY(θ) on every qubit + CZ ring] → p (B,1024), exact, float
//   post:  p (B,1024) → Linear 128 → ReLU → Linear 10 → logits; q = softmax(logits)
// The two halves are separate models so that the post-net can also read shot histograms
// (soft_labels.hpp). Training: Adam, lr 1e-3 for epochs 1–3, 1e-4 afterwards.
#include <cstdint>
#include <functional>

#include "core/tensor.hpp"
#include "data_loaders/dataset.hpp"
#include "nn/model.hpp"
#include "quantum/circuit.hpp"

namespace qmlr::qplr {

inline constexpr int kTeacherQubits = 10;
inline constexpr int kHiddenUnits = 128;

// RY(π·x_q) on qubit q, then `layers` × [RY(θ_{l,q}) on all qubits + CZ ring].
quantum::Circuit teacher_circuit(int layers);

struct TeacherNet {
    nn::Model front;  // x (B,1,28,28) or (B,784) -> p (B,1024)
    nn::Model post;   // p (B,1024) -> logits (B,10)
};

// Pre-net and post-net from the streams (seed, "teacher-init", 0) and (…, 1); θ ~ U[0, 2π).
TeacherNet make_teacher(int layers, std::uint64_t seed);

struct TeacherTraining {
    int epochs = 5;
    std::size_t batch_size = 64;
    double learning_rate = 1e-3;
    int decay_after_epochs = 3;  // lr × 0.1 from epoch decay_after_epochs + 1 on
    std::uint64_t seed = 0;      // shuffle stream (seed, "teacher-shuffle", epoch)
};

// Trains in place on images (N,784) with their labels; `on_batch` (may be empty) is called
// after every step for progress display.
void train_teacher(TeacherNet& teacher, const Tensor& images, std::span<const int> labels,
                   const TeacherTraining& options, const std::function<void()>& on_batch = {});

// Exact Born probabilities (N,1024) of the front half, in evaluation batches.
Tensor teacher_probabilities(TeacherNet& teacher, const Tensor& images);

}  // namespace qmlr::qplr
