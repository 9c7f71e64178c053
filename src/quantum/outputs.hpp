#pragma once
// What an evaluated circuit returns, and the adjoint seed for each kind of output.
//
// Every output kind is a diagonal observable: probabilities |ψ_k|² (all or marginal) and ⟨Z_q⟩.
// So for dL/d(outputs) = g there is a real diagonal G with dL = 2 Re⟨Gψ | dψ⟩, and the adjoint
// method starts from λ = Gψ:
//   all probabilities:      G_kk = g_k
//   marginal over (q_0..):  G_kk = g_m, m = Σ_j bit(k, q_j)·2^j
//   ⟨Z_q0⟩, ⟨Z_q1⟩, …:      G_kk = Σ_j g_j·(1 − 2·bit(k, q_j))
#include <cstddef>
#include <vector>

namespace qmlr::quantum {

class Outputs {
public:
    enum class Kind { probabilities, marginal_probabilities, expval_z };

    // All 2^n basis probabilities, index = basis state.
    static Outputs probabilities();
    // Marginal probabilities of `qubits`: output m has bit j = the value of qubits[j].
    static Outputs marginal_probabilities(std::vector<int> qubits);
    // ⟨Z_q⟩ for q in `qubits`, in that order.
    static Outputs expval_z(std::vector<int> qubits);

    Kind kind() const { return kind_; }
    const std::vector<int>& qubits() const { return qubits_; }
    // Number of outputs for a state of n qubits.
    std::size_t size(int n_qubits) const;
    // Errors unless every qubit is in range and distinct.
    void check(int n_qubits) const;

private:
    Outputs(Kind kind, std::vector<int> qubits) : kind_(kind), qubits_(std::move(qubits)) {}
    Kind kind_;
    std::vector<int> qubits_;
};

// out (size(n)) from the amplitudes a (2^n), Amp = double or Complex.
template <class Amp>
void compute_outputs(const Outputs& outputs, const Amp* a, int n_qubits, double* out);

// lambda = G·psi for dL/d(outputs) = grad (size(n)).
template <class Amp>
void adjoint_seed(const Outputs& outputs, const Amp* psi, int n_qubits, const double* grad,
                  Amp* lambda);

}  // namespace qmlr::quantum
