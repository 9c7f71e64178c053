#pragma once
// Shared by the quantum unit tests: a naive dense reference simulator built from Kronecker
// products (independent of the kernels and of execution.cpp), random states and circuits, and
// the fixture that runs a test body once per SIMD backend.
#include <complex>
#include <functional>
#include <vector>

#include "core/rng.hpp"
#include "quantum/circuit.hpp"
#include "quantum/kernel_dispatch.hpp"
#include "quantum/state_vector.hpp"

namespace qmlr::quantum::test {

// A 2^n × 2^n operator, row-major.
struct DenseOperator {
    int n_qubits;
    std::vector<Complex> m;
};

// ⊗ of per-qubit 2×2 factors (identity where none is given); qubit 0 is the rightmost factor.
DenseOperator kron_operator(int n, const std::vector<std::pair<int, Matrix2>>& factors);
DenseOperator dense_1q(int n, int target, const Matrix2& u);
// |0⟩⟨0|_c ⊗ I + |1⟩⟨1|_c ⊗ U_t
DenseOperator dense_controlled(int n, int control, int target, const Matrix2& u);
// Σ_{rc} u(r, c) |r_first⟩⟨c_first| ⊗ |r_second⟩⟨c_second| (Matrix4 convention).
DenseOperator dense_2q(int n, int first, int second, const Matrix4& u);
// The operator of one circuit operation, from gate_matrices.hpp only.
DenseOperator dense_gate(const Circuit& circuit, const Operation& op, const double* theta,
                         const double* x);

std::vector<Complex> apply_dense(const DenseOperator& op, const std::vector<Complex>& state);
std::vector<Complex> run_dense(const Circuit& circuit, const std::vector<double>& theta,
                               const std::vector<double>& x, std::vector<Complex> state);

std::vector<Complex> random_state(int n, Rng& rng);
std::vector<double> random_real_state(int n, Rng& rng);
std::vector<double> random_vector(std::size_t size, Rng& rng, double lo = -3.0, double hi = 3.0);
StateVector to_state(const std::vector<Complex>& amplitudes);
std::vector<Complex> amplitudes_of(const StateVector& state);
double max_abs_difference(const std::vector<Complex>& a, const std::vector<Complex>& b);

// A random circuit of `gates` operations drawn from every gate kind (or from the real-matrix
// kinds only), angles from constants, n_params parameters and n_inputs inputs, with scales.
Circuit random_circuit(int n, int gates, std::size_t n_params, std::size_t n_inputs, Rng& rng,
                       bool real_only = false);

// Every backend this CPU supports (scalar first).
std::vector<SimdBackend> available_backends();

// Sets a backend for the lifetime of the object and restores the previous one after.
class BackendScope {
public:
    explicit BackendScope(SimdBackend backend) : previous_(active_backend()) { set_backend(backend); }
    ~BackendScope() { set_backend(previous_); }
    BackendScope(const BackendScope&) = delete;
    BackendScope& operator=(const BackendScope&) = delete;

private:
    SimdBackend previous_;
};

}  // namespace qmlr::quantum::test
