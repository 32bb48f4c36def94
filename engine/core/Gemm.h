// Matrix products for the ops: dst = a · b (or dst += a · b) for Eigen expressions with direct
// access (maps, their transposes), as used by matmul, linear and conv2d.
//
// Eigen's GEMM repacks both operands on every call and reaches 50–60 GFLOP/s here for the shapes
// of MNIST training; the float32 build on AVX2/FMA machines uses Gradscope's own blocked GEMM
// (Gemm.cpp), which packs into buffers kept per thread and runs a 6×16 register kernel. Tiny
// products (toy networks) skip packing altogether; the float64 build and other CPUs use Eigen.
#pragma once

#include "Tensor.h"

namespace gs {

#if defined(__AVX2__) && defined(__FMA__) && !defined(GRADSCOPE_DOUBLE)
#define GRADSCOPE_OWN_GEMM 1
// C = A·B (accumulate: C += A·B). A is m×k with element (i, p) at a[i·ars + p·acs], B is k×n
// with (p, j) at b[p·brs + j·bcs], C is m×n with (i, j) at c[i·ldc + j].
void gemm(Index m, Index n, Index k, const Scalar* a, Index ars, Index acs, const Scalar* b,
          Index brs, Index bcs, Scalar* c, Index ldc, bool accumulate);
#endif

// Below this many multiply-adds a coefficient-wise product beats any packing GEMM.
inline constexpr Index kSmallProduct = 32 * 32 * 32;

// The same contract as gemm(), for tiny products (toy networks: a batch of 10 through 8 units):
// plain loops, ordered so that the innermost one runs over contiguous memory where it can.
void smallGemm(Index m, Index n, Index k, const Scalar* a, Index ars, Index acs, const Scalar* b,
               Index brs, Index bcs, Scalar* c, Index ldc, bool accumulate);

template <class Dst, class A, class B>
void product(Dst&& dst, const A& a, const B& b, bool accumulate = false) {
    const Index work = a.rows() * a.cols() * b.cols();
#ifdef GRADSCOPE_OWN_GEMM
    if (work > kSmallProduct && dst.colStride() == 1) {
        gemm(a.rows(), b.cols(), a.cols(), a.data(), a.rowStride(), a.colStride(), b.data(),
             b.rowStride(), b.colStride(), dst.data(), dst.rowStride(), accumulate);
        return;
    }
#endif
    if (work <= kSmallProduct && dst.colStride() == 1) {
        smallGemm(a.rows(), b.cols(), a.cols(), a.data(), a.rowStride(), a.colStride(), b.data(),
                  b.rowStride(), b.colStride(), dst.data(), dst.rowStride(), accumulate);
    } else if (work <= kSmallProduct) {
        if (accumulate)
            dst.noalias() += a.lazyProduct(b);
        else
            dst.noalias() = a.lazyProduct(b);
    } else if (accumulate) {
        dst.noalias() += a * b;
    } else {
        dst.noalias() = a * b;
    }
}

} // namespace gs
