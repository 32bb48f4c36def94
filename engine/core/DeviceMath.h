// Scalar maths that compiles for the host and, under nvcc, for the GPU: the element functions of
// the activations (ops/Activations.h) and of the backends (backend/Kernels.h) are written once
// with these and run on both.
#pragma once

#include <cmath>

#ifdef __CUDACC__
#define GS_HD __host__ __device__ inline
#else
#define GS_HD inline
#endif

namespace gs::kernels {

// nameOf(float) and nameOf(double): CUDA's functions in device code, the standard library's on
// the host (named apart from the engine's ops of the same names, gs::exp and gs::tanh).
#ifdef __CUDA_ARCH__
#define GS_KERNEL_MATH(name)                                                                       \
    GS_HD float name##Of(float x) {                                                                \
        return name##f(x);                                                                         \
    }                                                                                              \
    GS_HD double name##Of(double x) {                                                              \
        return ::name(x);                                                                          \
    }
#else
#define GS_KERNEL_MATH(name)                                                                       \
    GS_HD float name##Of(float x) {                                                                \
        return std::name(x);                                                                       \
    }                                                                                              \
    GS_HD double name##Of(double x) {                                                              \
        return std::name(x);                                                                       \
    }
#endif
GS_KERNEL_MATH(exp)
GS_KERNEL_MATH(expm1)
GS_KERNEL_MATH(tanh)
GS_KERNEL_MATH(sqrt)
GS_KERNEL_MATH(log)
GS_KERNEL_MATH(log1p)
GS_KERNEL_MATH(erf)
#undef GS_KERNEL_MATH

template <class T> GS_HD T absOf(T x) {
    return x < T(0) ? -x : x;
}

} // namespace gs::kernels
