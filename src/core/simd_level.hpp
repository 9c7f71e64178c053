#pragma once
// Which SIMD kernels the suite's hot loops use, decided once per process: AVX2+FMA when the
// CPU has them, else the portable scalar code; QML_SIMD=scalar|avx2 forces one (avx2 on a CPU
// without it is an Error). The simulator and the network kernels both ask here.
namespace qmlr {

enum class SimdLevel { scalar, avx2 };

bool cpu_has_avx2_fma();
// QML_SIMD if set, else the best the CPU supports.
SimdLevel simd_level_from_environment();

}  // namespace qmlr
