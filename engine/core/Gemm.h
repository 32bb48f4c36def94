// Matrix products for the ops: dst = a · b (or dst += a · b) for Eigen expressions with direct
// access (maps, their transposes), as used by matmul, linear and conv2d.
//
// Eigen's GEMM repacks both operands on every call and reaches 50–60 GFLOP/s here for the shapes
// of MNIST training; the float32 build on x86-64 uses Gradscope's own blocked GEMM (Gemm.cpp),
// which packs into buffers kept per thread and runs a 6×16 AVX2/FMA register kernel, or a 16-wide
// AVX-512 one. The kernels are compiled for their instruction sets whatever the build targets and
// chosen at run time, so a portable build's products (no -march=native) are as fast as a native
// build's, and it still runs on a processor without AVX2, where products go to Eigen. Tiny products
// (toy networks) skip packing altogether; the float64 build and other processors use Eigen.
#pragma once

#include "Tensor.h"

namespace gs {

#if (defined(__x86_64__) || defined(_M_X64)) && (defined(__GNUC__) || defined(__clang__)) &&       \
    !defined(GRADSCOPE_DOUBLE)
#define GRADSCOPE_OWN_GEMM 1
#endif

// The kernels gemm() and dotLanes() run, best last. Portable: plain loops (correct, not fast).
enum class GemmKernels { Portable, Avx2, Avx512 };
// What this processor has and this build was compiled with (the portable loops elsewhere).
GemmKernels bestGemmKernels();
// The kernels in use: bestGemmKernels() unless a test or benchmark chose others.
GemmKernels gemmKernels();
// Uses `wanted`, or the best this processor has below it; returns what is now in use.
GemmKernels useGemmKernels(GemmKernels wanted);
// Short names for messages and benchmarks: "portable", "avx2", "avx512".
const char* gemmKernelsName(GemmKernels kernels);

// One operand of gemm(): element (r, q) at data[row(r) + q·colStride]. Rows are rowStride apart,
// or, where rowOffsets is set, row r starts at data + rowOffsets[r]: the rows of a convolution's
// column matrix read straight out of the padded image, without writing the matrix out.
struct GemmOperand {
    const Scalar* data = nullptr;
    Index rowStride = 0;
    Index colStride = 1;
    const Index* rowOffsets = nullptr;
    Index row(Index r) const { return rowOffsets ? rowOffsets[r] : r * rowStride; }
};

// C = A·B (accumulate: C += A·B) for A m×k, B k×n, C m×n with (i, j) at c[i·ldc + j]. In the
// float32 x86-64 build this is Gradscope's blocked GEMM where the processor has AVX2 and FMA;
// elsewhere plain loops (correct, not fast: product() gives such products to Eigen). Large products
// are split across the engine's threads, with the same result on any number.
void gemm(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b, Scalar* c,
          Index ldc, bool accumulate);

// Products whose long side is k and both operands run along it, as a convolution's weight
// gradient Σ over positions of (patch row) × (output gradient row): no transposed copy, and no
// 16-lane panel half empty when there are only 8 output channels. Dot products kept as 16 lane
// sums: for every row r of A (at a + aRows[r]) and row j of B (at b + j·ldb),
//     lanes[(r·n + j)·16 + l] += Σ_c A[r, 16c + l] · B[j, 16c + l]      (16c + l < k),
// one fused multiply-add per term in order of c, so the AVX-512, AVX2 and plain versions give
// the same bits. Call it for each sample of a batch, then foldLanes once.
void dotLanes(Index m, Index n, Index k, const Scalar* a, const Index* aRows, const Scalar* b,
              Index ldb, Scalar* lanes);
// out[i] = Σ_l lanes[16i + l], l in order, for i < count.
void foldLanes(Index count, const Scalar* lanes, Scalar* out);

// From this many multiply-adds on, gemm() splits the product across the engine's threads
// (core/Parallel.h): about 50 µs of work. Handing a part to a spinning worker takes about a
// microsecond, but the worker must also fetch its operands from the caller's cache and the next
// op fetch the results back; for the products of a 784-128-10 MLP (6.4 million multiply-adds)
// that cost more than the split saved, on the 2-core machine of docs/benchmarks.md.
inline constexpr Index kParallelProduct = Index(1) << 23;

// Below this many multiply-adds a coefficient-wise product beats any packing GEMM.
inline constexpr Index kSmallProduct = 32 * 32 * 32;

// C (+)= A·B for tiny products (toy networks: a batch of 10 through 8 units), A's element
// (i, p) at a[i·ars + p·acs] and B's (p, j) at b[p·brs + j·bcs]: plain loops, ordered so that the
// innermost one runs over contiguous memory where it can.
void smallGemm(Index m, Index n, Index k, const Scalar* a, Index ars, Index acs, const Scalar* b,
               Index brs, Index bcs, Scalar* c, Index ldc, bool accumulate);

template <class Dst, class A, class B>
void product(Dst&& dst, const A& a, const B& b, bool accumulate = false) {
    const Index work = a.rows() * a.cols() * b.cols();
#ifdef GRADSCOPE_OWN_GEMM
    if (work > kSmallProduct && dst.colStride() == 1 && gemmKernels() != GemmKernels::Portable) {
        gemm(a.rows(), b.cols(), a.cols(), {a.data(), a.rowStride(), a.colStride()},
             {b.data(), b.rowStride(), b.colStride()}, dst.data(), dst.rowStride(), accumulate);
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
