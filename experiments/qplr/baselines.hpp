#pragma once
// The appendix's classical soft-label baselines (docs/qplr.md §7.3, steps 14–15). Each trains an
// auxiliary LeNet with one-hot labels and turns its averaged predictions into soft labels for
// a fresh student:
//   BNN  LeNet with dropout p on the input of each Linear layer; the label of image i is the
//        mean softmax over `passes` forward passes with dropout active (MC dropout)
//   RS   LeNet trained on x + N(0, σ²) (fresh noise per image and epoch); the label is the mean
//        softmax over `passes` noisy copies x + N(0, σ²)
#include <cstdint>
#include <span>

#include "core/tensor.hpp"
#include "experiments/qplr/student.hpp"

namespace qmlr::qplr {

struct BaselineOptions {
    StudentTraining training;  // the auxiliary network's training (epochs, seed, method id, ...)
    int passes = 20;
    double dropout = 0.5;       // BNN
    double noise_sigma = 0.05;  // RS
};

// images (N,1,28,28) in [0,1], labels (N) -> soft labels (N,10).
Tensor bnn_labels(const Tensor& images, std::span<const int> labels, const BaselineOptions& options);
Tensor rs_labels(const Tensor& images, std::span<const int> labels, const BaselineOptions& options);

}  // namespace qmlr::qplr
