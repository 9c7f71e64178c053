#pragma once
// Batched evaluation: the same circuit for B samples (inputs x differ, θ is shared), forward and
// vector–Jacobian product, spread over threads with parallel_for. This is the interface of the
// CNN library's quantum layer.
//
// Samples are cut into fixed chunks (their size depends on the qubit count only, never on the
// thread count); each chunk owns a workspace (state vectors, a partial dL/dθ) that is reused by
// later calls, so evaluating a sample allocates nothing. dL/dθ is the sum of the chunk partials
// in chunk order: identical for any thread count. States of kParallelMinQubits or more run one
// sample at a time with threads inside each gate instead.
//
// forward() keeps the final states (up to kMaxSavedStateBytes); a vjp() called next with the
// same x and θ starts its backward walks from them instead of rerunning the circuit.
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "quantum/circuit.hpp"
#include "quantum/execution_plan.hpp"
#include "quantum/outputs.hpp"

namespace qmlr::quantum {

inline constexpr std::size_t kMaxSavedStateBytes = std::size_t{64} << 20;

struct EvaluatorOptions {
    // Simulate with real amplitudes when the circuit keeps them real (Circuit::is_real()).
    bool allow_real_path = true;
};

class BatchedEvaluator {
public:
    BatchedEvaluator(Circuit circuit, Outputs outputs, EvaluatorOptions options = {});

    const Circuit& circuit() const { return plan_.circuit(); }
    std::size_t num_outputs() const { return num_outputs_; }
    std::size_t num_parameters() const { return circuit().num_parameters(); }
    std::size_t num_inputs() const { return circuit().num_inputs(); }
    bool uses_real_path() const { return real_path_; }

    // x (batch × num_inputs, row-major), theta (num_parameters) -> out (batch × num_outputs).
    // Every sample starts from |0…0⟩.
    void forward(std::size_t batch, std::span<const double> x, std::span<const double> theta,
                 std::span<double> out);

    // grad_outputs = dL/d(outputs) (batch × num_outputs) -> grad_theta = Σ_b dL/dθ
    // (num_parameters, overwritten) and grad_x = dL/dx (batch × num_inputs, overwritten).
    // Reruns the forward pass of each sample unless the last forward() had these x and θ.
    void vjp(std::size_t batch, std::span<const double> x, std::span<const double> theta,
             std::span<const double> grad_outputs, std::span<double> grad_theta,
             std::span<double> grad_x);

private:
    struct Workspace {
        AlignedBuffer<Complex> psi, lambda;      // complex path
        AlignedBuffer<double> real_psi, real_lambda;  // real path
        std::vector<double> grad_theta;          // this chunk's partial dL/dθ
    };

    std::size_t samples_per_chunk(std::size_t batch) const;
    // Makes sure `chunks` workspaces exist (allocating only when the batch grew).
    void reserve_workspaces(std::size_t chunks);
    void check_batch(std::size_t batch, std::span<const double> x, std::span<const double> theta,
                     std::span<const double> per_output, const char* per_output_name) const;
    template <class Amp>
    void forward_batch(std::size_t batch, std::span<const double> x,
                       std::span<const double> theta, std::span<double> out);
    template <class Amp>
    void vjp_batch(std::size_t batch, std::span<const double> x, std::span<const double> theta,
                   std::span<const double> grad_outputs, std::span<double> grad_x);
    template <class Amp>
    static Amp* psi_of(Workspace& w);
    template <class Amp>
    static Amp* lambda_of(Workspace& w);
    template <class Amp>
    AlignedBuffer<Amp>& saved_states();

    ExecutionPlan plan_;
    Outputs outputs_;
    std::size_t num_outputs_;
    bool real_path_;
    std::vector<std::unique_ptr<Workspace>> workspaces_;
    // Final states of the last forward() (batch × 2^n), valid for saved_x_ and saved_theta_.
    AlignedBuffer<Complex> saved_;
    AlignedBuffer<double> saved_real_;
    std::vector<double> saved_x_, saved_theta_;
    std::size_t saved_batch_ = 0;
    bool saved_valid_ = false;
};

}  // namespace qmlr::quantum
