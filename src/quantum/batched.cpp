#include "quantum/batched.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "quantum/adjoint.hpp"
#include "quantum/execution.hpp"
#include "quantum/kernel_dispatch.hpp"

namespace qmlr::quantum {
namespace {

// Samples per chunk for small states: enough work per chunk to amortise scheduling, small
// enough to balance 2–4 threads on a batch of 32–64.
constexpr std::size_t kSamplesPerChunk = 8;

}  // namespace

BatchedEvaluator::BatchedEvaluator(Circuit circuit, Outputs outputs, EvaluatorOptions options)
    : plan_(std::move(circuit)),
      outputs_(std::move(outputs)),
      num_outputs_(outputs_.size(plan_.circuit().num_qubits())),
      real_path_(options.allow_real_path && plan_.circuit().is_real()) {
    outputs_.check(plan_.circuit().num_qubits());
}

std::size_t BatchedEvaluator::samples_per_chunk(std::size_t batch) const {
    if (circuit().num_qubits() >= kParallelMinQubits) return std::max<std::size_t>(batch, 1);
    return kSamplesPerChunk;
}

void BatchedEvaluator::reserve_workspaces(std::size_t chunks) {
    const std::size_t dim = std::size_t{1} << circuit().num_qubits();
    while (workspaces_.size() < chunks) {
        auto w = std::make_unique<Workspace>();
        if (real_path_) {
            w->real_psi = AlignedBuffer<double>(dim);
            w->real_lambda = AlignedBuffer<double>(dim);
        } else {
            w->psi = AlignedBuffer<Complex>(dim);
            w->lambda = AlignedBuffer<Complex>(dim);
        }
        w->grad_theta.resize(num_parameters());
        workspaces_.push_back(std::move(w));
    }
}

void BatchedEvaluator::check_batch(std::size_t batch, std::span<const double> x,
                                   std::span<const double> theta,
                                   std::span<const double> per_output,
                                   const char* per_output_name) const {
    require(x.size() == batch * num_inputs(),
            "x must be batch x inputs = " + std::to_string(batch) + " x " +
                std::to_string(num_inputs()) + " values, got " + std::to_string(x.size()));
    require(per_output.size() == batch * num_outputs_,
            std::string(per_output_name) + " must be batch x outputs = " + std::to_string(batch) +
                " x " + std::to_string(num_outputs_) + " values, got " +
                std::to_string(per_output.size()));
    require(theta.size() == num_parameters(),
            "theta must have " + std::to_string(num_parameters()) + " values, got " +
                std::to_string(theta.size()));
}

template <class Amp>
Amp* BatchedEvaluator::psi_of(Workspace& w) {
    if constexpr (sizeof(Amp) == sizeof(double)) return w.real_psi.data();
    else return w.psi.data();
}

template <class Amp>
Amp* BatchedEvaluator::lambda_of(Workspace& w) {
    if constexpr (sizeof(Amp) == sizeof(double)) return w.real_lambda.data();
    else return w.lambda.data();
}

template <class Amp>
AlignedBuffer<Amp>& BatchedEvaluator::saved_states() {
    if constexpr (sizeof(Amp) == sizeof(double)) return saved_real_;
    else return saved_;
}

template <class Amp>
void BatchedEvaluator::forward_batch(std::size_t batch, std::span<const double> x,
                                     std::span<const double> theta, std::span<double> out) {
    const int n = circuit().num_qubits();
    const std::size_t dim = std::size_t{1} << n, n_in = num_inputs();
    const bool save = batch * dim * sizeof(Amp) <= kMaxSavedStateBytes;
    AlignedBuffer<Amp>& saved = saved_states<Amp>();
    if (save && saved.size() < batch * dim) saved = AlignedBuffer<Amp>(batch * dim);
    const std::size_t grain = samples_per_chunk(batch);
    reserve_workspaces(chunk_count(batch, grain));
    parallel_for(batch, grain, [&](std::size_t begin, std::size_t end) {
        Workspace& w = *workspaces_[begin / grain];
        for (std::size_t b = begin; b < end; ++b) {
            const auto xb = x.subspan(b * n_in, n_in);
            check_circuit_arguments(circuit(), theta, xb);  // finite angles
            Amp* psi = save ? saved.data() + b * dim : psi_of<Amp>(w);
            plan_.run_from_zero(psi, theta.data(), xb.data());
            compute_outputs(outputs_, psi, n, out.data() + b * num_outputs_);
        }
    });
    if (save) {
        saved_x_.assign(x.begin(), x.end());
        saved_theta_.assign(theta.begin(), theta.end());
        saved_batch_ = batch;
        saved_valid_ = true;
    }
}

template <class Amp>
void BatchedEvaluator::vjp_batch(std::size_t batch, std::span<const double> x,
                                 std::span<const double> theta,
                                 std::span<const double> grad_outputs, std::span<double> grad_x) {
    const int n = circuit().num_qubits();
    const std::size_t dim = std::size_t{1} << n, n_in = num_inputs();
    const bool reuse = saved_valid_ && saved_batch_ == batch &&
                       std::equal(x.begin(), x.end(), saved_x_.begin(), saved_x_.end()) &&
                       std::equal(theta.begin(), theta.end(), saved_theta_.begin(),
                                  saved_theta_.end());
    const Amp* saved = saved_states<Amp>().data();
    const std::size_t grain = samples_per_chunk(batch);
    reserve_workspaces(chunk_count(batch, grain));
    parallel_for(batch, grain, [&](std::size_t begin, std::size_t end) {
        Workspace& w = *workspaces_[begin / grain];
        Amp* psi = psi_of<Amp>(w);
        Amp* lambda = lambda_of<Amp>(w);
        std::fill(w.grad_theta.begin(), w.grad_theta.end(), 0.0);
        for (std::size_t b = begin; b < end; ++b) {
            const auto xb = x.subspan(b * n_in, n_in);
            check_circuit_arguments(circuit(), theta, xb);  // finite angles
            if (reuse) std::copy(saved + b * dim, saved + (b + 1) * dim, psi);
            else plan_.run_from_zero(psi, theta.data(), xb.data());
            double* gx = grad_x.data() + b * n_in;
            std::fill(gx, gx + n_in, 0.0);
            adjoint_seed(outputs_, psi, n, grad_outputs.data() + b * num_outputs_, lambda);
            adjoint_backward(plan_, theta.data(), xb.data(), psi, lambda, w.grad_theta.data(), gx);
        }
    });
}

void BatchedEvaluator::forward(std::size_t batch, std::span<const double> x,
                               std::span<const double> theta, std::span<double> out) {
    check_batch(batch, x, theta, out, "outputs");
    saved_valid_ = false;
    if (real_path_) forward_batch<double>(batch, x, theta, out);
    else forward_batch<Complex>(batch, x, theta, out);
}

void BatchedEvaluator::vjp(std::size_t batch, std::span<const double> x,
                           std::span<const double> theta, std::span<const double> grad_outputs,
                           std::span<double> grad_theta, std::span<double> grad_x) {
    check_batch(batch, x, theta, grad_outputs, "dL/d(outputs)");
    require(grad_theta.size() == num_parameters(),
            "dL/dtheta must have " + std::to_string(num_parameters()) + " values, got " +
                std::to_string(grad_theta.size()));
    require(grad_x.size() == x.size(), "dL/dx must have the shape of x (" +
                                           std::to_string(x.size()) + " values), got " +
                                           std::to_string(grad_x.size()));
    if (real_path_) vjp_batch<double>(batch, x, theta, grad_outputs, grad_x);
    else vjp_batch<Complex>(batch, x, theta, grad_outputs, grad_x);
    std::fill(grad_theta.begin(), grad_theta.end(), 0.0);
    const std::size_t chunks = chunk_count(batch, samples_per_chunk(batch));
    for (std::size_t c = 0; c < chunks; ++c)
        for (std::size_t i = 0; i < grad_theta.size(); ++i)
            grad_theta[i] += workspaces_[c]->grad_theta[i];
}

}  // namespace qmlr::quantum
