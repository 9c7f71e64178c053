#include "quantum/kernels_scalar.hpp"

namespace qmlr::quantum {

const KernelBackend& scalar_backend() {
    static const KernelBackend backend{"scalar", scalar::kernel_set<Complex>(),
                                       scalar::kernel_set<double>()};
    return backend;
}

}  // namespace qmlr::quantum
