#include "quantum/outputs.hpp"

#include <algorithm>
#include <complex>
#include <string>

#include "core/error.hpp"
#include "quantum/gate_matrices.hpp"
#include "quantum/state_vector.hpp"

namespace qmlr::quantum {
namespace {

double probability(double a) { return a * a; }
double probability(const Complex& a) { return a.real() * a.real() + a.imag() * a.imag(); }

// m = Σ_j bit(k, qubits[j])·2^j.
std::size_t gather_bits(std::size_t k, const std::vector<int>& qubits) {
    std::size_t m = 0;
    for (std::size_t j = 0; j < qubits.size(); ++j) m |= ((k >> qubits[j]) & 1U) << j;
    return m;
}

}  // namespace

Outputs Outputs::probabilities() { return {Kind::probabilities, {}}; }
Outputs Outputs::marginal_probabilities(std::vector<int> qubits) {
    require(!qubits.empty(), "marginal probabilities need at least one qubit, got none");
    return {Kind::marginal_probabilities, std::move(qubits)};
}
Outputs Outputs::expval_z(std::vector<int> qubits) {
    require(!qubits.empty(), "<Z> outputs need at least one qubit, got none");
    return {Kind::expval_z, std::move(qubits)};
}

std::size_t Outputs::size(int n_qubits) const {
    switch (kind_) {
        case Kind::probabilities: return std::size_t{1} << n_qubits;
        case Kind::marginal_probabilities: return std::size_t{1} << qubits_.size();
        case Kind::expval_z: return qubits_.size();
    }
    return 0;
}

void Outputs::check(int n_qubits) const {
    for (std::size_t j = 0; j < qubits_.size(); ++j) {
        check_qubit(qubits_[j], n_qubits, "output");
        require(std::find(qubits_.begin(), qubits_.begin() + j, qubits_[j]) == qubits_.begin() + j,
                "output qubits must be distinct, qubit " + std::to_string(qubits_[j]) +
                    " appears twice");
    }
}

template <class Amp>
void compute_outputs(const Outputs& outputs, const Amp* a, int n_qubits, double* out) {
    const std::size_t dim = std::size_t{1} << n_qubits;
    const auto& qubits = outputs.qubits();
    switch (outputs.kind()) {
        case Outputs::Kind::probabilities:
            for (std::size_t k = 0; k < dim; ++k) out[k] = probability(a[k]);
            return;
        case Outputs::Kind::marginal_probabilities:
            std::fill(out, out + outputs.size(n_qubits), 0.0);
            for (std::size_t k = 0; k < dim; ++k) out[gather_bits(k, qubits)] += probability(a[k]);
            return;
        case Outputs::Kind::expval_z:
            for (std::size_t j = 0; j < qubits.size(); ++j) {
                const std::size_t bit = std::size_t{1} << qubits[j];
                double sum = 0.0;
                for (std::size_t k = 0; k < dim; ++k)
                    sum += (k & bit) ? -probability(a[k]) : probability(a[k]);
                out[j] = sum;
            }
            return;
    }
}

template <class Amp>
void adjoint_seed(const Outputs& outputs, const Amp* psi, int n_qubits, const double* grad,
                  Amp* lambda) {
    const std::size_t dim = std::size_t{1} << n_qubits;
    const auto& qubits = outputs.qubits();
    switch (outputs.kind()) {
        case Outputs::Kind::probabilities:
            for (std::size_t k = 0; k < dim; ++k) lambda[k] = grad[k] * psi[k];
            return;
        case Outputs::Kind::marginal_probabilities:
            for (std::size_t k = 0; k < dim; ++k) lambda[k] = grad[gather_bits(k, qubits)] * psi[k];
            return;
        case Outputs::Kind::expval_z:
            for (std::size_t k = 0; k < dim; ++k) {
                double g = 0.0;
                for (std::size_t j = 0; j < qubits.size(); ++j)
                    g += ((k >> qubits[j]) & 1U) ? -grad[j] : grad[j];
                lambda[k] = g * psi[k];
            }
            return;
    }
}

template void compute_outputs<double>(const Outputs&, const double*, int, double*);
template void compute_outputs<Complex>(const Outputs&, const Complex*, int, double*);
template void adjoint_seed<double>(const Outputs&, const double*, int, const double*, double*);
template void adjoint_seed<Complex>(const Outputs&, const Complex*, int, const double*, Complex*);

}  // namespace qmlr::quantum
