#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "quantum/adjoint.hpp"
#include "quantum/batched.hpp"
#include "quantum/builders.hpp"
#include "quantum/execution.hpp"
#include "quantum/quantum_test_support.hpp"

using namespace qmlr::quantum;
using namespace qmlr::quantum::test;

namespace {

struct BatchResult {
    std::vector<double> out, grad_theta, grad_x;
};

BatchResult evaluate(BatchedEvaluator& e, std::size_t batch, const std::vector<double>& x,
                     const std::vector<double>& theta, const std::vector<double>& g) {
    BatchResult r{std::vector<double>(batch * e.num_outputs()),
                  std::vector<double>(e.num_parameters()), std::vector<double>(x.size())};
    e.forward(batch, x, theta, r.out);
    e.vjp(batch, x, theta, g, r.grad_theta, r.grad_x);
    return r;
}

}  // namespace

TEST_CASE("batched forward and VJP equal per-sample evaluation, and are thread-count independent") {
    qmlr::Rng rng(51, "batched");
    const int n = 5;
    const std::size_t batch = 19, n_in = 3, n_par = 7;
    Circuit c = random_circuit(n, 40, n_par, n_in, rng);
    for (const Outputs& o : {Outputs::probabilities(), Outputs::marginal_probabilities({4, 1}),
                             Outputs::expval_z({0, 2, 4, 1})}) {
        BatchedEvaluator e(c, o);
        const auto x = random_vector(batch * n_in, rng), theta = random_vector(n_par, rng);
        const auto g = random_vector(batch * e.num_outputs(), rng, -1, 1);
        qmlr::set_thread_count(1);
        const BatchResult one = evaluate(e, batch, x, theta, g);
        qmlr::set_thread_count(2);
        const BatchResult two = evaluate(e, batch, x, theta, g);
        CHECK(one.out == two.out);
        CHECK(one.grad_theta == two.grad_theta);  // bit-identical reduction
        CHECK(one.grad_x == two.grad_x);

        std::vector<double> sum_theta(n_par);
        for (std::size_t b = 0; b < batch; ++b) {
            const std::vector<double> xb(x.begin() + b * n_in, x.begin() + (b + 1) * n_in);
            StateVector s(n);
            run(c, s, theta, xb);
            std::vector<double> out(e.num_outputs());
            compute_outputs(o, s.data(), n, out.data());
            for (std::size_t k = 0; k < out.size(); ++k)
                CHECK(std::abs(one.out[b * out.size() + k] - out[k]) < 1e-14);
            const std::vector<double> gb(g.begin() + b * e.num_outputs(),
                                         g.begin() + (b + 1) * e.num_outputs());
            const CircuitGradients grads = adjoint_vjp(c, theta, xb, o, gb);
            for (std::size_t i = 0; i < n_in; ++i)
                CHECK(std::abs(one.grad_x[b * n_in + i] - grads.x[i]) < 1e-13);
            for (std::size_t i = 0; i < n_par; ++i) sum_theta[i] += grads.theta[i];
        }
        for (std::size_t i = 0; i < n_par; ++i) CHECK(std::abs(one.grad_theta[i] - sum_theta[i]) < 1e-12);
    }
}

TEST_CASE("the QPLR evaluator uses the real path and a batch of zero is fine") {
    BatchedEvaluator e(qplr_circuit(6, 2), Outputs::probabilities());
    CHECK(e.uses_real_path());
    CHECK(e.num_outputs() == 64);
    CHECK(e.num_parameters() == 12);
    CHECK(e.num_inputs() == 6);
    std::vector<double> none;
    e.forward(0, none, std::vector<double>(12), none);
    std::vector<double> gt(12, 5.0);
    e.vjp(0, none, std::vector<double>(12), none, gt, none);
    CHECK(gt == std::vector<double>(12, 0.0));
}

TEST_CASE("batched evaluation rejects wrong shapes and non-finite inputs") {
    BatchedEvaluator e(qplr_circuit(3, 1), Outputs::expval_z({0, 1}));
    const std::size_t batch = 2;
    std::vector<double> x(batch * 3, 0.1), theta(3, 0.2), out(batch * 2), g(batch * 2, 1.0);
    std::vector<double> gt(3), gx(batch * 3);
    e.forward(batch, x, theta, out);
    CHECK_THROWS_AS(e.forward(batch, std::vector<double>(5), theta, out), qmlr::Error);
    CHECK_THROWS_AS(e.forward(batch, x, std::vector<double>(2), out), qmlr::Error);
    std::vector<double> short_out(3), short_gt(2), short_gx(1);
    CHECK_THROWS_AS(e.forward(batch, x, theta, short_out), qmlr::Error);
    CHECK_THROWS_AS(e.vjp(batch, x, theta, g, short_gt, gx), qmlr::Error);
    CHECK_THROWS_AS(e.vjp(batch, x, theta, g, gt, short_gx), qmlr::Error);
    x[4] = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(e.forward(batch, x, theta, out), qmlr::Error);
    CHECK_THROWS_AS(BatchedEvaluator(qplr_circuit(3, 1), Outputs::expval_z({3})), qmlr::Error);
}

TEST_CASE("vjp reuses the states of the last forward only for the same x and theta") {
    qmlr::Rng rng(52, "batched-reuse");
    const int n = 4;
    const std::size_t batch = 5, n_in = 2, n_par = 4;
    const Circuit c = random_circuit(n, 30, n_par, n_in, rng);
    const Outputs o = Outputs::expval_z({1, 3});
    const auto x = random_vector(batch * n_in, rng), other_x = random_vector(batch * n_in, rng);
    const auto theta = random_vector(n_par, rng);
    const auto g = random_vector(batch * 2, rng, -1, 1);
    std::vector<double> out(batch * 2), gt_fresh(n_par), gx_fresh(x.size()), gt(n_par), gx(x.size());
    BatchedEvaluator fresh(c, o);
    fresh.vjp(batch, other_x, theta, g, gt_fresh, gx_fresh);  // no forward before: reruns
    BatchedEvaluator e(c, o);
    e.forward(batch, x, theta, out);
    e.vjp(batch, other_x, theta, g, gt, gx);  // different x: must not reuse the saved states
    CHECK(gt == gt_fresh);
    CHECK(gx == gx_fresh);
    e.forward(batch, other_x, theta, out);
    e.vjp(batch, other_x, theta, g, gt, gx);  // same x and theta: reuses, same numbers
    CHECK(gt == gt_fresh);
    CHECK(gx == gx_fresh);
}
