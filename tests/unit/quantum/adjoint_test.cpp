// Adjoint vector–Jacobian products against central finite differences and the parameter-shift
// rule, for θ and x, for every output kind, on the complex and the real path.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "quantum/adjoint.hpp"
#include "quantum/batched.hpp"
#include "quantum/execution.hpp"
#include "quantum/quantum_test_support.hpp"

using namespace qmlr::quantum;
using namespace qmlr::quantum::test;

namespace {

// L = Σ_k g_k · output_k(θ, x) evaluated on the complex path.
double loss(const Circuit& c, const Outputs& outputs, const std::vector<double>& theta,
            const std::vector<double>& x, const std::vector<double>& g) {
    StateVector s(c.num_qubits());
    run(c, s, theta, x);
    std::vector<double> out(outputs.size(c.num_qubits()));
    compute_outputs(outputs, s.data(), c.num_qubits(), out.data());
    double l = 0;
    for (std::size_t k = 0; k < out.size(); ++k) l += g[k] * out[k];
    return l;
}

std::vector<double> finite_difference(const Circuit& c, const Outputs& o, std::vector<double> theta,
                                      std::vector<double> x, const std::vector<double>& g,
                                      bool wrt_theta) {
    std::vector<double>& v = wrt_theta ? theta : x;
    std::vector<double> grad(v.size());
    const double h = 1e-6;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const double keep = v[i];
        v[i] = keep + h;
        const double plus = loss(c, o, theta, x, g);
        v[i] = keep - h;
        const double minus = loss(c, o, theta, x, g);
        v[i] = keep;
        grad[i] = (plus - minus) / (2 * h);
    }
    return grad;
}

// The adjoint VJP for θ and x equals central finite differences of L (1e-6, absolute and
// relative: far below the size of a wrong sign or index).
void check_adjoint_against_finite_differences(const Circuit& c, const Outputs& o,
                                              const std::vector<double>& theta,
                                              const std::vector<double>& x,
                                              const std::vector<double>& g) {
    const CircuitGradients grads = adjoint_vjp(c, theta, x, o, g);
    const auto fd_theta = finite_difference(c, o, theta, x, g, true);
    const auto fd_x = finite_difference(c, o, theta, x, g, false);
    for (std::size_t i = 0; i < theta.size(); ++i)
        CHECK(grads.theta[i] == doctest::Approx(fd_theta[i]).epsilon(1e-6).scale(1));
    for (std::size_t i = 0; i < x.size(); ++i)
        CHECK(grads.x[i] == doctest::Approx(fd_x[i]).epsilon(1e-6).scale(1));
}

std::vector<Outputs> all_output_kinds() {
    return {Outputs::probabilities(), Outputs::marginal_probabilities({2, 0}),
            Outputs::expval_z({0, 1, 2})};
}

}  // namespace

TEST_CASE("adjoint gradients match central finite differences for random circuits") {
    qmlr::Rng rng(41, "adjoint-fd");
    for (SimdBackend backend : available_backends()) {
        BackendScope scope(backend);
        for (int trial = 0; trial < 6; ++trial) {
            const int n = 3 + trial % 3;
            const Circuit c = random_circuit(n, 50, 6, 4, rng);
            const auto theta = random_vector(6, rng), x = random_vector(4, rng);
            for (const Outputs& o : all_output_kinds()) {
                const auto g = random_vector(o.size(n), rng, -1, 1);
                check_adjoint_against_finite_differences(c, o, theta, x, g);
            }
        }
    }
}

TEST_CASE("adjoint gradients equal the parameter-shift rule to machine precision") {
    // Each θ_i appears in exactly one single-angle Pauli rotation with scale 1, so
    // dL/dθ_i = [L(θ_i + π/2) − L(θ_i − π/2)] / 2 exactly. Controlled rotations need the
    // four-term rule, so they are kept out of this circuit.
    qmlr::Rng rng(42, "adjoint-shift");
    const int n = 4;
    Circuit c(n);
    std::size_t next = 0;
    for (int layer = 0; layer < 3; ++layer) {
        for (int q = 0; q < n; ++q) {
            c.rx(q, Angle::parameter(next++));
            c.ry((q + 1) % n, Angle::parameter(next++));
            c.rz((q + 2) % n, Angle::parameter(next++));
        }
        for (int q = 0; q < n; ++q) c.cnot(q, (q + 1) % n);
        c.h(layer % n).s((layer + 1) % n).cz(0, 2);
    }
    const auto theta = random_vector(next, rng);
    for (const Outputs& o : all_output_kinds()) {
        const auto g = random_vector(o.size(n), rng, -1, 1);
        const CircuitGradients grads = adjoint_vjp(c, theta, {}, o, g);
        for (std::size_t i = 0; i < theta.size(); ++i) {
            auto plus = theta, minus = theta;
            plus[i] += std::numbers::pi / 2;
            minus[i] -= std::numbers::pi / 2;
            const double shift = (loss(c, o, plus, {}, g) - loss(c, o, minus, {}, g)) / 2;
            CHECK(std::abs(grads.theta[i] - shift) < 1e-12);
        }
    }
}

TEST_CASE("the real path gives the same outputs and gradients as the complex path") {
    qmlr::Rng rng(43, "adjoint-real");
    for (SimdBackend backend : available_backends()) {
        BackendScope scope(backend);
        for (int n : {1, 2, 3, 6, 9}) {
            Circuit c(n);
            c.append(random_circuit(n, 60, 5, 3, rng, /*real_only=*/true));
            for (const Outputs& o : {Outputs::probabilities(), Outputs::expval_z({0})}) {
                const std::size_t batch = 3;
                const auto theta = random_vector(5, rng), x = random_vector(3 * batch, rng);
                BatchedEvaluator real(c, o), complex(c, o, {.allow_real_path = false});
                REQUIRE(real.uses_real_path());
                REQUIRE_FALSE(complex.uses_real_path());
                const std::size_t n_out = real.num_outputs();
                std::vector<double> out_r(batch * n_out), out_c(batch * n_out);
                real.forward(batch, x, theta, out_r);
                complex.forward(batch, x, theta, out_c);
                for (std::size_t i = 0; i < out_r.size(); ++i) CHECK(std::abs(out_r[i] - out_c[i]) < 1e-12);
                const auto g = random_vector(batch * n_out, rng, -1, 1);
                std::vector<double> gt_r(5), gt_c(5), gx_r(x.size()), gx_c(x.size());
                real.vjp(batch, x, theta, g, gt_r, gx_r);
                complex.vjp(batch, x, theta, g, gt_c, gx_c);
                for (std::size_t i = 0; i < 5; ++i) CHECK(std::abs(gt_r[i] - gt_c[i]) < 1e-11);
                for (std::size_t i = 0; i < x.size(); ++i) CHECK(std::abs(gx_r[i] - gx_c[i]) < 1e-11);
            }
        }
    }
}

TEST_CASE("adjoint on threaded kernels (n = kParallelMinQubits) matches finite differences") {
    qmlr::Rng rng(44, "adjoint-large");
    const int n = kParallelMinQubits;
    Circuit c(n);
    for (int q = 0; q < n; ++q) c.ry(q, Angle::input(q % 3));
    c.crx(0, n - 1, Angle::parameter(0)).rot(1, Angle::parameter(1), Angle::parameter(2), Angle::constant(0.3));
    c.cnot(n - 1, 2).rz(2, Angle::parameter(3)).crz(2, 0, Angle::parameter(4)).cry(5, 3, Angle::parameter(5));
    c.phase_shift(3, Angle::parameter(6)).h(3).rx(3, Angle::parameter(0, -0.5));
    const auto theta = random_vector(7, rng), x = random_vector(3, rng);
    const Outputs o = Outputs::expval_z({3, 0, n - 1});
    const auto g = random_vector(3, rng, -1, 1);
    check_adjoint_against_finite_differences(c, o, theta, x, g);
}
