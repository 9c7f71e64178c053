#include "quantum/kernel_dispatch.hpp"

#include <string>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/simd_level.hpp"

namespace qmlr::quantum {
namespace {

// Groups (pairs or quads) per parallel chunk: 8192 complex pairs are 256 KiB of amplitudes.
constexpr std::size_t kChunkGroups = std::size_t{1} << 13;

// Only called for an available backend (backend_available), so the AVX2 one exists.
const KernelBackend& backend_kernels(SimdBackend backend) {
    if constexpr (kAvx2KernelsBuilt)
        if (backend == SimdBackend::avx2) return avx2_backend();
    return scalar_backend();
}

SimdBackend initial_backend() {
    return simd_level_from_environment() == SimdLevel::avx2 ? SimdBackend::avx2 : SimdBackend::scalar;
}

struct ActiveBackend {
    SimdBackend which = initial_backend();
    const KernelBackend* kernels = &backend_kernels(which);
};

ActiveBackend& active() {
    static ActiveBackend state;
    return state;
}

template <class Amp>
const KernelSet<Amp>& kernels() {
    if constexpr (sizeof(Amp) == sizeof(double)) return active().kernels->real_kernels;
    else return active().kernels->complex_kernels;
}

// Runs kernel(begin, end) over [0, groups): one call below the threading threshold, fixed
// chunks above it.
template <class Kernel>
void over_groups(int n, std::size_t groups, Kernel&& kernel) {
    if (n < kParallelMinQubits) {
        kernel(std::size_t{0}, groups);
        return;
    }
    parallel_for(groups, kChunkGroups, kernel);
}

std::size_t pair_count(int n) { return std::size_t{1} << (n - 1); }
std::size_t quad_count(int n) { return std::size_t{1} << (n - 2); }

}  // namespace

bool backend_available(SimdBackend backend) {
    return backend == SimdBackend::scalar || cpu_has_avx2_fma();
}

std::string_view backend_name(SimdBackend backend) {
    return backend == SimdBackend::avx2 ? "avx2" : "scalar";
}

SimdBackend active_backend() { return active().which; }

void set_backend(SimdBackend backend) {
    require(backend_available(backend),
            "SIMD backend '" + std::string(backend_name(backend)) +
                "' is not supported by this CPU; use 'scalar'");
    active().which = backend;
    active().kernels = &backend_kernels(backend);
}

template <class Amp>
void apply_matrix_1q(Amp* a, int n, int target, const Matrix2& u) {
    const auto kernel = kernels<Amp>().matrix_1q;
    over_groups(n, pair_count(n),
                [&](std::size_t begin, std::size_t end) { kernel(a, target, u, begin, end); });
}

template <class Amp>
void apply_diagonal_1q(Amp* a, int n, int target, Complex d0, Complex d1) {
    const auto kernel = kernels<Amp>().diagonal_1q;
    over_groups(n, pair_count(n), [&](std::size_t begin, std::size_t end) {
        kernel(a, target, d0, d1, begin, end);
    });
}

template <class Amp>
void apply_controlled_matrix_1q(Amp* a, int n, int control, int target, const Matrix2& u) {
    const auto kernel = kernels<Amp>().controlled_matrix_1q;
    over_groups(n, quad_count(n), [&](std::size_t begin, std::size_t end) {
        kernel(a, control, target, u, begin, end);
    });
}

template <class Amp>
void apply_controlled_diagonal_1q(Amp* a, int n, int control, int target, Complex d0,
                                  Complex d1) {
    const auto kernel = kernels<Amp>().controlled_diagonal_1q;
    over_groups(n, quad_count(n), [&](std::size_t begin, std::size_t end) {
        kernel(a, control, target, d0, d1, begin, end);
    });
}

template <class Amp>
void apply_matrix_2q(Amp* a, int n, int first, int second, const Matrix4& u) {
    const auto kernel = kernels<Amp>().matrix_2q;
    over_groups(n, quad_count(n), [&](std::size_t begin, std::size_t end) {
        kernel(a, first, second, u, begin, end);
    });
}

template <class Amp>
void apply_full_diagonal(Amp* a, int n, const Amp* d, bool conjugate) {
    const auto kernel = kernels<Amp>().multiply_diagonal;
    over_groups(n, std::size_t{1} << n, [&](std::size_t begin, std::size_t end) {
        kernel(a, d, conjugate, begin, end);
    });
}

template <class Amp>
Amp adjoint_step_1q(Amp* psi, Amp* lambda, int n, int target, const Matrix2& u_inverse,
                    const Matrix2& d, bool update_lambda) {
    const auto kernel = kernels<Amp>().adjoint_step_1q;
    const auto slice = [&](std::size_t begin, std::size_t end) {
        return kernel(psi, lambda, target, u_inverse, d, update_lambda, begin, end);
    };
    if (n < kParallelMinQubits) return slice(0, pair_count(n));
    return parallel_reduce(pair_count(n), kChunkGroups, Amp{}, slice,
                           [](Amp x, Amp y) { return x + y; });
}

template <class Amp>
Amp matrix_element_1q(const Amp* bra, const Amp* ket, int n, int control, int target,
                      const Matrix2& m) {
    const auto kernel = kernels<Amp>().matrix_element_1q;
    const std::size_t groups = control < 0 ? pair_count(n) : quad_count(n);
    if (n < kParallelMinQubits) return kernel(bra, ket, control, target, m, 0, groups);
    return parallel_reduce(
        groups, kChunkGroups, Amp{},
        [&](std::size_t begin, std::size_t end) {
            return kernel(bra, ket, control, target, m, begin, end);
        },
        [](Amp x, Amp y) { return x + y; });
}

#define QMLR_INSTANTIATE_DISPATCH(Amp)                                                        \
    template void apply_matrix_1q<Amp>(Amp*, int, int, const Matrix2&);                       \
    template void apply_diagonal_1q<Amp>(Amp*, int, int, Complex, Complex);                   \
    template void apply_controlled_matrix_1q<Amp>(Amp*, int, int, int, const Matrix2&);       \
    template void apply_controlled_diagonal_1q<Amp>(Amp*, int, int, int, Complex, Complex);   \
    template void apply_matrix_2q<Amp>(Amp*, int, int, int, const Matrix4&);                  \
    template void apply_full_diagonal<Amp>(Amp*, int, const Amp*, bool);                      \
    template Amp adjoint_step_1q<Amp>(Amp*, Amp*, int, int, const Matrix2&, const Matrix2&, bool); \
    template Amp matrix_element_1q<Amp>(const Amp*, const Amp*, int, int, int, const Matrix2&);
QMLR_INSTANTIATE_DISPATCH(double)
QMLR_INSTANTIATE_DISPATCH(Complex)
#undef QMLR_INSTANTIATE_DISPATCH

}  // namespace qmlr::quantum
