#pragma once
// Which SIMD kernels the suite's hot loops use, decided once per process: AVX2+FMA when the
// CPU has them, else the portable scalar code; QML_SIMD=scalar|avx2 forces one (avx2 on a CPU
// without it is an Error). The simulator and the network kernels both ask here.
//
// The AVX2 kernels exist only in builds for x86-64 (meson defines QMLR_HAVE_AVX2_KERNELS there);
// elsewhere every path is the scalar one. Dispatch sites name the AVX2 kernels only inside
// `if constexpr (kAvx2KernelsBuilt)`, so a build without them links.
namespace qmlr {

#ifdef QMLR_HAVE_AVX2_KERNELS
inline constexpr bool kAvx2KernelsBuilt = true;
#else
inline constexpr bool kAvx2KernelsBuilt = false;
#endif

enum class SimdLevel { scalar, avx2 };
// "scalar", "avx2" (as QML_SIMD spells them).
const char* to_string(SimdLevel level);

// True when this build has the AVX2 kernels and the CPU runs AVX2 and FMA.
bool cpu_has_avx2_fma();
// QML_SIMD if set, else the best the CPU supports.
SimdLevel simd_level_from_environment();

}  // namespace qmlr
