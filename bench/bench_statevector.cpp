// State-vector simulator benchmark.
//
// Large n: time per gate (H, RY, RZ as the diagonal gate, CNOT) for n = 16…26 on 1 and 2
// threads, reported as effective bandwidth (32·2^n bytes per gate: every complex amplitude read
// and written once) next to a STREAM-like in-place read+write kernel over the same number of
// bytes, measured in the same run. Each gate cycles over every target qubit (CNOT over the
// pairs (q, q+1 mod n)); the time is the median over the repetitions.
// Small n (one thread, per sample, batches of 64): the QPLR circuit (10 qubits, RY encoding,
// 3 × [RY on all + CZ ring], all 1024 probabilities) forward, and forward + adjoint VJP, on the
// real and the complex path; the quantum-patches QNN (8 qubits) forward + VJP; the 4-qubit
// quantum-patch filter forward (batches of 4096 blocks).
//
// Options: see --help (--quick, --min-qubits N, --max-qubits N).
// Rows: name,n,threads,backend,median_seconds,gb_per_s,ratio_to_stream
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <numbers>
#include <string>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "core/cli.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "quantum/batched.hpp"
#include "quantum/builders.hpp"
#include "quantum/kernel_dispatch.hpp"
#include "quantum/state_vector.hpp"

using namespace qmlr::quantum;

namespace {

struct Options {
    int min_qubits = 16;
    int max_qubits = 26;
    bool quick = false;
};


// Fills `o` from the command line; false when --help was printed.
bool parse(int argc, char** argv, Options& o) {
    qmlr::Cli cli("bench_statevector",
                  "Gate bandwidth next to a streaming kernel (n = 16..26, 1 and 2 threads) and\n"
                  "per-sample times of the papers' small circuits; CSV rows on stdout.");
    cli.add_flag("quick", "n up to 22 and fewer repetitions (about 20 s)");
    cli.add_option("min-qubits", "N", "smallest n of the large-n part", "16");
    cli.add_option("max-qubits", "N", "largest n of the large-n part (default 26, 22 with --quick)");
    if (!cli.parse(argc, argv, std::cout)) return false;
    o.quick = cli.flag("quick");
    o.min_qubits = static_cast<int>(cli.integer("min-qubits", 2, kMaxQubits));
    o.max_qubits = cli.given("max-qubits") ? static_cast<int>(cli.integer("max-qubits", 2, kMaxQubits))
                                           : (o.quick ? 22 : 26);
    qmlr::require(o.min_qubits <= o.max_qubits, "--min-qubits must not exceed --max-qubits");
    return true;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

// Median of `reps` timings of body(rep).
double median_time(int reps, const std::function<void(int)>& body) {
    std::vector<double> times(reps);
    for (int r = 0; r < reps; ++r) {
        const auto start = std::chrono::steady_clock::now();
        body(r);
        times[r] = seconds_since(start);
    }
    return median(times);
}

// STREAM-like in-place read+write of the 2^n complex amplitudes: every double scaled once,
// threaded from the same qubit count and in chunks of the same size as the gate kernels.
void stream_scale(double* a, int n, double factor) {
    const std::size_t count = std::size_t{2} << n;
    const auto scale = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) a[i] *= factor;
    };
    if (n < kParallelMinQubits) scale(0, count);
    else qmlr::parallel_for(count, std::size_t{1} << 15, scale);
}

void print_row(const char* name, int n, int threads, double seconds, double bytes, double stream) {
    const double gbps = bytes / seconds / 1e9;
    std::printf("%s,%d,%d,%s,%.6e,%.2f,%.3f\n", name, n, threads,
                std::string(backend_name(active_backend())).c_str(), seconds, gbps,
                stream > 0 ? gbps / stream : 0.0);
    std::fflush(stdout);
}

void large_n(const Options& o) {
    std::printf("name,n,threads,backend,median_seconds,gb_per_s,ratio_to_stream\n");
    const Matrix2 h = hadamard(), y = ry(0.3), z = rz(0.7), x = pauli_x();
    for (int n = o.min_qubits; n <= o.max_qubits; ++n) {
        const std::size_t dim = std::size_t{1} << n;
        qmlr::AlignedBuffer<Complex> state(dim);
        for (std::size_t i = 0; i < dim; ++i) state[i] = Complex(1.0 / std::sqrt(double(dim)), 0.0);
        Complex* a = state.data();
        // The kernels are timed in interleaved rounds (stream, H, RY, RZ, CNOT, repeat), so a
        // change of machine load affects all of them alike. Each kernel cycles over all n target
        // qubits; small n get more rounds (cheap, and noisier).
        const int rounds = std::clamp(1 << std::max(0, 22 - n), o.quick ? 1 : 2, o.quick ? 8 : 32);
        const int reps = n * rounds;
        const double bytes = 32.0 * static_cast<double>(dim);
        const std::function<void(int)> kernels[] = {
            [&](int r) {
                stream_scale(reinterpret_cast<double*>(a), n, r % 2 ? 1.0000001 : 0.9999999);
            },
            [&](int r) { apply_matrix_1q(a, n, r % n, h); },
            [&](int r) { apply_matrix_1q(a, n, r % n, y); },
            [&](int r) { apply_diagonal_1q(a, n, r % n, z.m[0], z.m[3]); },
            [&](int r) { apply_controlled_matrix_1q(a, n, r % n, (r + 1) % n, x); },
        };
        const char* names[] = {"stream_rw", "H", "RY", "RZ", "CNOT"};
        constexpr int kKernels = 5;
        for (int threads : {1, 2}) {
            qmlr::set_thread_count(threads);
            std::vector<std::vector<double>> times(kKernels, std::vector<double>(reps));
            for (int r = 0; r < reps; ++r)
                for (int k = 0; k < kKernels; ++k) {
                    const auto start = std::chrono::steady_clock::now();
                    kernels[k](r);
                    times[k][r] = seconds_since(start);
                }
            const double stream = bytes / median(times[0]) / 1e9;
            for (int k = 0; k < kKernels; ++k)
                print_row(names[k], n, threads, median(times[k]), bytes, stream);
        }
    }
}

void small_n(const Options& o) {
    qmlr::set_thread_count(1);
    std::printf("\nname,n,threads,backend,median_us_per_sample\n");
    const std::size_t batch = 64;
    const int reps = o.quick ? 30 : 200;
    qmlr::Rng rng(1, "bench-small");
    for (bool real_path : {true, false}) {
        BatchedEvaluator qplr(qplr_circuit(10, 3), Outputs::probabilities(),
                              {.allow_real_path = real_path});
        std::vector<double> x(batch * 10), theta(30), out(batch * 1024), g(batch * 1024);
        std::vector<double> grad_theta(30), grad_x(batch * 10);
        for (auto& v : x) v = rng.uniform(0, std::numbers::pi);
        for (auto& v : theta) v = rng.uniform(-3, 3);
        for (auto& v : g) v = rng.uniform(-1, 1);
        const double fwd = median_time(reps, [&](int) { qplr.forward(batch, x, theta, out); });
        const double both = median_time(reps, [&](int) {
            qplr.forward(batch, x, theta, out);
            qplr.vjp(batch, x, theta, g, grad_theta, grad_x);
        });
        const char* suffix = real_path ? "real" : "complex";
        std::printf("qplr_forward_%s,10,1,%s,%.3f\n", suffix,
                    std::string(backend_name(active_backend())).c_str(), fwd / batch * 1e6);
        std::printf("qplr_forward_vjp_%s,10,1,%s,%.3f\n", suffix,
                    std::string(backend_name(active_backend())).c_str(), both / batch * 1e6);
    }
    {  // The quantum-patches QNN: 8 qubits, RY encoding, 2 × [RY, RZ on all + CNOT ring], <Z> x 8.
        Circuit qnn(8);
        append_angle_encoding(qnn, GateKind::ry);
        append_ry_rz_cnot_ring_layer(qnn, append_ry_rz_cnot_ring_layer(qnn, 0));
        BatchedEvaluator e(qnn, Outputs::expval_z({0, 1, 2, 3, 4, 5, 6, 7}));
        std::vector<double> x(batch * 8), theta(32), out(batch * 8), g(batch * 8);
        std::vector<double> grad_theta(32), grad_x(batch * 8);
        for (auto& v : x) v = rng.uniform(-1.5, 1.5);
        for (auto& v : theta) v = rng.uniform(-3, 3);
        for (auto& v : g) v = rng.uniform(-1, 1);
        const double both = median_time(reps, [&](int) {
            e.forward(batch, x, theta, out);
            e.vjp(batch, x, theta, g, grad_theta, grad_x);
        });
        std::printf("qnn_forward_vjp_complex,8,1,%s,%.3f\n",
                    std::string(backend_name(active_backend())).c_str(), both / batch * 1e6);
    }
    const double w[4] = {3.448296944257913, 4.493667318642264, 3.787273988239316, 3.4236020095353483};
    BatchedEvaluator patch(quantum_patch_circuit(std::span<const double, 4>(w)),
                           Outputs::expval_z({0, 1, 2, 3}));
    const std::size_t blocks = 4096;
    std::vector<double> px(blocks * 4), pout(blocks * 4);
    for (auto& v : px) v = rng.uniform(0, 1);
    const double patch_s = median_time(reps, [&](int) { patch.forward(blocks, px, {}, pout); });
    std::printf("patch_filter_forward,4,1,%s,%.3f\n",
                std::string(backend_name(active_backend())).c_str(), patch_s / blocks * 1e6);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        Options o;
        if (!parse(argc, argv, o)) return 0;
        std::printf("# bench_statevector: backend %s, %s run\n",
                    std::string(backend_name(active_backend())).c_str(), o.quick ? "quick" : "full");
        small_n(o);
        std::printf("\n");
        large_n(o);
        qmlr::set_thread_count(0);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_statevector: %s\n", e.what());
        return 1;
    }
}
