#include "core/simd_level.hpp"

#include <cstdlib>
#include <string>

#include "core/error.hpp"

namespace qmlr {

const char* to_string(SimdLevel level) { return level == SimdLevel::avx2 ? "avx2" : "scalar"; }

bool cpu_has_avx2_fma() {
#ifdef QMLR_HAVE_AVX2_KERNELS
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

SimdLevel simd_level_from_environment() {
    const char* env = std::getenv("QML_SIMD");
    if (env == nullptr || *env == '\0') return cpu_has_avx2_fma() ? SimdLevel::avx2 : SimdLevel::scalar;
    const std::string wanted(env);
    if (wanted == "scalar") return SimdLevel::scalar;
    if (wanted != "avx2")
        throw Error("QML_SIMD must be 'scalar' or 'avx2', got '" + wanted +
                    "'; unset it to choose by CPUID");
    require(kAvx2KernelsBuilt,
            "QML_SIMD=avx2 asks for AVX2+FMA kernels, but this build has none (they are built "
            "only for x86-64 targets); unset QML_SIMD or set QML_SIMD=scalar");
    require(cpu_has_avx2_fma(),
            "QML_SIMD=avx2 asks for AVX2+FMA kernels, but this CPU does not support them; "
            "unset QML_SIMD or set QML_SIMD=scalar");
    return SimdLevel::avx2;
}

}  // namespace qmlr
