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

template <class Amp>
void set_zero_state(Amp* a, int n) {
    std::fill(a, a + (std::size_t{1} << n), Amp{});
    a[0] = 1.0;
}

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
void BatchedEvaluator::forward_sample(Amp* psi, const double* x, const double* theta,
                                      double* out) const {
    const int n = circuit().num_qubits();
    set_zero_state(psi, n);
    plan_.run(psi, theta, x);
    compute_outputs(outputs_, psi, n, out);
}

template <class Amp>
void BatchedEvaluator::vjp_sample(Amp* psi, Amp* lambda, const double* x, const double* theta,
                                  const double* grad_out, double* grad_theta,
                                  double* grad_x) const {
    const int n = circuit().num_qubits();
    set_zero_state(psi, n);
    plan_.run(psi, theta, x);
    adjoint_seed(outputs_, psi, n, grad_out, lambda);
    adjoint_backward(plan_, theta, x, psi, lambda, grad_theta, grad_x);
}

void BatchedEvaluator::forward(std::size_t batch, std::span<const double> x,
                               std::span<const double> theta, std::span<double> out) {
    check_batch(batch, x, theta, out, "outputs");
    const std::size_t grain = samples_per_chunk(batch);
    reserve_workspaces(chunk_count(batch, grain));
    const std::size_t n_in = num_inputs();
    parallel_for(batch, grain, [&](std::size_t begin, std::size_t end) {
        Workspace& w = *workspaces_[begin / grain];
        for (std::size_t b = begin; b < end; ++b) {
            const auto xb = x.subspan(b * n_in, n_in);
            check_circuit_arguments(circuit(), theta, xb);  // finite angles
            double* out_b = out.data() + b * num_outputs_;
            if (real_path_) forward_sample(w.real_psi.data(), xb.data(), theta.data(), out_b);
            else forward_sample(w.psi.data(), xb.data(), theta.data(), out_b);
        }
    });
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
    const std::size_t grain = samples_per_chunk(batch);
    const std::size_t chunks = chunk_count(batch, grain);
    reserve_workspaces(chunks);
    const std::size_t n_in = num_inputs();
    parallel_for(batch, grain, [&](std::size_t begin, std::size_t end) {
        Workspace& w = *workspaces_[begin / grain];
        std::fill(w.grad_theta.begin(), w.grad_theta.end(), 0.0);
        for (std::size_t b = begin; b < end; ++b) {
            const auto xb = x.subspan(b * n_in, n_in);
            check_circuit_arguments(circuit(), theta, xb);  // finite angles
            double* gx = grad_x.data() + b * n_in;
            std::fill(gx, gx + n_in, 0.0);
            const double* g_out = grad_outputs.data() + b * num_outputs_;
            if (real_path_)
                vjp_sample(w.real_psi.data(), w.real_lambda.data(), xb.data(), theta.data(),
                           g_out, w.grad_theta.data(), gx);
            else
                vjp_sample(w.psi.data(), w.lambda.data(), xb.data(), theta.data(), g_out,
                           w.grad_theta.data(), gx);
        }
    });
    std::fill(grad_theta.begin(), grad_theta.end(), 0.0);
    for (std::size_t c = 0; c < chunks; ++c)
        for (std::size_t i = 0; i < grad_theta.size(); ++i)
            grad_theta[i] += workspaces_[c]->grad_theta[i];
}

}  // namespace qmlr::quantum
