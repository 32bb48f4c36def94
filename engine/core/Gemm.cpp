// A blocked single-precision GEMM for AVX2/FMA in the manner of Goto and van de Geijn, "Anatomy
// of high-performance matrix multiplication" (2008), trimmed for the small matrices of training
// steps: a 6×16 kernel keeps its tile of C in twelve YMM registers while it streams one 16-wide
// panel of B (L1) against six broadcast elements of A per step. Packing both operands, as Eigen
// and BLAS do, costs more than the arithmetic when one side has only 8–64 rows, so A is never
// packed and B only where its rows are not contiguous.
#include "Gemm.h"

#include "Parallel.h"

#include <algorithm>
#include <cmath>

namespace gs {

// gemm() on the calling thread (the blocked kernels below, or plain loops); gemm() splits C.
void gemmOnOneThread(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b,
                     Scalar* c, Index ldc, bool accumulate);

namespace {

// smallGemm's loops, vectorised by the compiler: inlined into a version for the build's target
// and one for AVX2 (below), chosen at run time like the blocked kernels.
[[gnu::always_inline]] inline void smallGemmLoops(Index m, Index n, Index k, const Scalar* a,
                                                  Index ars, Index acs, const Scalar* b, Index brs,
                                                  Index bcs, Scalar* c, Index ldc,
                                                  bool accumulate) {
    if (bcs == 1) { // rows of B contiguous: c_i += a_ip · b_p, vectorised over j
        for (Index i = 0; i < m; ++i) {
            Scalar* ci = c + i * ldc;
            Index j0 = 0;
            // Eight columns at a time in a local accumulator, which the compiler keeps in a
            // register across p; summed into c itself, every step would wait on the store of
            // the step before (c might alias b, as far as the compiler knows).
            for (; j0 + 8 <= n; j0 += 8) {
                Scalar acc[8];
                for (int q = 0; q < 8; ++q)
                    acc[q] = accumulate ? ci[j0 + q] : Scalar(0);
                for (Index p = 0; p < k; ++p) {
                    const Scalar aip = a[i * ars + p * acs];
                    const Scalar* bp = b + p * brs + j0;
                    for (int q = 0; q < 8; ++q)
                        acc[q] += aip * bp[q];
                }
                for (int q = 0; q < 8; ++q)
                    ci[j0 + q] = acc[q];
            }
            for (; j0 < n; ++j0) {
                Scalar sum = accumulate ? ci[j0] : Scalar(0);
                for (Index p = 0; p < k; ++p)
                    sum += a[i * ars + p * acs] * b[p * brs + j0];
                ci[j0] = sum;
            }
        }
        return;
    }
    for (Index i = 0; i < m; ++i) // dot products of a row of A and a column of B
        for (Index j = 0; j < n; ++j) {
            Scalar sum = accumulate ? c[i * ldc + j] : Scalar(0);
            if (acs == 1 && brs == 1) {
                const Scalar* ai = a + i * ars;
                const Scalar* bj = b + j * bcs;
                for (Index p = 0; p < k; ++p)
                    sum += ai[p] * bj[p];
            } else {
                for (Index p = 0; p < k; ++p)
                    sum += a[i * ars + p * acs] * b[p * brs + j * bcs];
            }
            c[i * ldc + j] = sum;
        }
}

#ifdef GRADSCOPE_OWN_GEMM
__attribute__((target("avx2"))) void smallGemmAvx2(Index m, Index n, Index k, const Scalar* a,
                                                   Index ars, Index acs, const Scalar* b, Index brs,
                                                   Index bcs, Scalar* c, Index ldc,
                                                   bool accumulate) {
    smallGemmLoops(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, accumulate);
}
#endif

} // namespace

void smallGemm(Index m, Index n, Index k, const Scalar* a, Index ars, Index acs, const Scalar* b,
               Index brs, Index bcs, Scalar* c, Index ldc, bool accumulate) {
#ifdef GRADSCOPE_OWN_GEMM
    if (gemmKernels() != GemmKernels::Portable)
        return smallGemmAvx2(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, accumulate);
#endif
    smallGemmLoops(m, n, k, a, ars, acs, b, brs, bcs, c, ldc, accumulate);
}

void foldLanes(Index count, const Scalar* lanes, Scalar* out) {
    for (Index i = 0; i < count; ++i) {
        Scalar s = 0;
        for (Index l = 0; l < 16; ++l)
            s += lanes[i * 16 + l];
        out[i] = s;
    }
}

namespace {

// The portable kernels: plain loops, for processors without AVX2 and FMA and other architectures.
// dotLanes' loop makes the same fused multiply-adds in the same order as the vector kernels.
void portableDotLanes(Index m, Index n, Index k, const Scalar* a, const Index* aRows,
                      const Scalar* b, Index ldb, Scalar* lanes) {
    for (Index r = 0; r < m; ++r)
        for (Index j = 0; j < n; ++j) {
            Scalar* sum = lanes + (r * n + j) * 16;
            const Scalar* x = a + aRows[r];
            const Scalar* y = b + j * ldb;
            for (Index p = 0; p < k; ++p)
                sum[p % 16] = std::fma(x[p], y[p], sum[p % 16]);
        }
}

void portableGemm(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b, Scalar* c,
                  Index ldc, bool accumulate) {
    for (Index i = 0; i < m; ++i) {
        Scalar* ci = c + i * ldc;
        if (!accumulate) std::fill(ci, ci + n, Scalar(0));
        const Scalar* ai = a.data + a.row(i);
        for (Index p = 0; p < k; ++p) {
            const Scalar aip = ai[p * a.colStride];
            const Scalar* bp = b.data + b.row(p);
            for (Index j = 0; j < n; ++j)
                ci[j] += aip * bp[j * b.colStride];
        }
    }
}

} // namespace

const char* gemmKernelsName(GemmKernels kernels) {
    switch (kernels) {
    case GemmKernels::Avx2:
        return "avx2";
    case GemmKernels::Avx512:
        return "avx512";
    case GemmKernels::Portable:
        break;
    }
    return "portable";
}

#ifndef GRADSCOPE_OWN_GEMM
GemmKernels bestGemmKernels() {
    return GemmKernels::Portable;
}
GemmKernels gemmKernels() {
    return GemmKernels::Portable;
}
GemmKernels useGemmKernels(GemmKernels) {
    return GemmKernels::Portable;
}

void dotLanes(Index m, Index n, Index k, const Scalar* a, const Index* aRows, const Scalar* b,
              Index ldb, Scalar* lanes) {
    portableDotLanes(m, n, k, a, aRows, b, ldb, lanes);
}

void gemmOnOneThread(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b,
                     Scalar* c, Index ldc, bool accumulate) {
    portableGemm(m, n, k, a, b, c, ldc, accumulate);
}
#endif

} // namespace gs

#ifdef GRADSCOPE_OWN_GEMM

#include <immintrin.h>

#include <algorithm>
#include <cstring>

namespace gs {

namespace {

constexpr Index MR = 6;
constexpr Index NR = 16;
constexpr Index KC = 256; // a KC×NR panel of B (16 KiB) stays in L1 while the rows of A pass

// One call of a register kernel: C's tile (rows × cols at c) (+)= A's rows × B's panel over kc
// steps. Element (r, p) of A is at a[offset[r] + p·acs] (rows past the edge repeat row 0 and
// are dropped); row p of the panel at b + p·bs, or at b + bRows[p] where bRows is set.
struct Tile {
    Index kc;
    const Scalar* a;
    const Index* offset;
    Index acs;
    const Scalar* b;
    Index bs;
    const Index* bRows;
    Scalar* c;
    Index ldc;
    Index rows, cols;
    bool accumulate;
};

// ---- AVX2 and FMA (chosen at run time: a portable build targets plain x86-64) ----
// GCC compiles this part for AVX2/FMA with a target pragma, which clang ignores; clang applies
// the same target attribute to every function declared here.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#endif
namespace avx2 {
#include "GemmBlocked.inc"

// The AVX2 kernel: a 6×16 tile of C in twelve YMM registers while one 16-wide panel of B (L1)
// streams against six broadcast elements of A per step; a tile of at most four rows (the last
// of 64, as in mnist-mlp's products) leaves the last two out rather than compute rows it drops.
// The twelve accumulators are named variables: GCC spills an array of __m256 (a row at a time
// through references, the same code).
template <bool Indexed, Index Rows> void kernel(const Tile& t) {
    const Scalar* a = t.a;
    const Index o1 = t.offset[1], o2 = t.offset[2], o3 = t.offset[3], o4 = t.offset[4],
                o5 = t.offset[5];
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (Index p = 0; p < t.kc; ++p, a += t.acs) {
        const Scalar* bp = Indexed ? t.b + t.bRows[p] : t.b + p * t.bs;
        const __m256 b0 = _mm256_loadu_ps(bp);
        const __m256 b1 = _mm256_loadu_ps(bp + 8);
        // One row of the tile: A's element broadcast against both halves of B's row.
        const auto row = [&](const Scalar* x, __m256& lo, __m256& hi) {
            const __m256 ar = _mm256_broadcast_ss(x);
            lo = _mm256_fmadd_ps(ar, b0, lo);
            hi = _mm256_fmadd_ps(ar, b1, hi);
        };
        row(a, c00, c01);
        row(a + o1, c10, c11);
        row(a + o2, c20, c21);
        row(a + o3, c30, c31);
        if constexpr (Rows > 4) {
            row(a + o4, c40, c41);
            row(a + o5, c50, c51);
        }
    }
    const __m256 acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21},
                               {c30, c31}, {c40, c41}, {c50, c51}};
    if (t.cols == NR) {
        for (Index r = 0; r < t.rows; ++r) {
            Scalar* row = t.c + r * t.ldc;
            __m256 lo = acc[r][0], hi = acc[r][1];
            if (t.accumulate) {
                lo = _mm256_add_ps(lo, _mm256_loadu_ps(row));
                hi = _mm256_add_ps(hi, _mm256_loadu_ps(row + 8));
            }
            _mm256_storeu_ps(row, lo);
            _mm256_storeu_ps(row + 8, hi);
        }
        return;
    }
    alignas(32) Scalar tile[MR][NR];
    for (Index r = 0; r < MR; ++r) {
        _mm256_store_ps(tile[r], acc[r][0]);
        _mm256_store_ps(tile[r] + 8, acc[r][1]);
    }
    for (Index r = 0; r < t.rows; ++r)
        for (Index q = 0; q < t.cols; ++q) {
            Scalar& to = t.c[r * t.ldc + q];
            to = t.accumulate ? to + tile[r][q] : tile[r][q];
        }
}

struct Kernel {
    void operator()(const Tile& t) const {
        if (t.rows <= 4)
            t.bRows ? kernel<true, 4>(t) : kernel<false, 4>(t);
        else
            t.bRows ? kernel<true, MR>(t) : kernel<false, MR>(t);
    }
};

void gemm(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b, Scalar* c,
          Index ldc, bool accumulate) {
    blocked<MR, NR, false>(m, n, k, a, b, c, ldc, accumulate, Kernel{});
}

// dotLanes with AVX2: each 16-lane sum as two YMM halves, one row × four columns at a time.
void dotLanes(Index m, Index n, Index k, const Scalar* a, const Index* aRows, const Scalar* b,
              Index ldb, Scalar* lanes) {
    const Index cols = n - n % 4;
    const Index full = k - k % 16;
    for (Index r = 0; r < m; ++r) {
        const Scalar* x = a + aRows[r];
        for (Index j0 = 0; j0 < cols; j0 += 4) {
            __m256 lo[4], hi[4];
            for (int j = 0; j < 4; ++j) {
                lo[j] = _mm256_loadu_ps(lanes + (r * n + j0 + j) * 16);
                hi[j] = _mm256_loadu_ps(lanes + (r * n + j0 + j) * 16 + 8);
            }
            for (Index p = 0; p < full; p += 16) {
                const __m256 xl = _mm256_loadu_ps(x + p), xh = _mm256_loadu_ps(x + p + 8);
                for (int j = 0; j < 4; ++j) {
                    const Scalar* y = b + (j0 + j) * ldb + p;
                    lo[j] = _mm256_fmadd_ps(xl, _mm256_loadu_ps(y), lo[j]);
                    hi[j] = _mm256_fmadd_ps(xh, _mm256_loadu_ps(y + 8), hi[j]);
                }
            }
            for (int j = 0; j < 4; ++j) {
                _mm256_storeu_ps(lanes + (r * n + j0 + j) * 16, lo[j]);
                _mm256_storeu_ps(lanes + (r * n + j0 + j) * 16 + 8, hi[j]);
            }
        }
    }
    // the last, partial chunk of 16 and the columns past the last four: one term at a time
    for (Index r = 0; r < m; ++r)
        for (Index j = 0; j < n; ++j) {
            Scalar* sum = lanes + (r * n + j) * 16;
            const Scalar* x = a + aRows[r];
            const Scalar* y = b + j * ldb;
            for (Index p = j < cols ? full : 0; p < k; ++p)
                sum[p % 16] = std::fma(x[p], y[p], sum[p % 16]);
        }
}

} // namespace avx2
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

// ---- AVX-512 (chosen at run time where the processor has it) ----
//
// The same kernel with 16-wide registers and twice as many of them: an R×16V tile, 8×32
// (sixteen ZMM accumulators) where B has more than 16 columns and 16×16 otherwise (narrow
// products, such as a 10-class output layer's). The last, narrower panel is read with
// masked loads, so B is only packed where its rows are not contiguous. Each element of C is
// summed over the same k blocks in the same order as the AVX2 kernel, with the same fused
// multiply-adds, so both give the same bits.

// GCC compiles this part for AVX-512 with a target pragma, which clang ignores; clang applies
// the same target attribute to every function declared here. GCC also schedules it for an
// AVX-512 processor (tune=): with the portable build's generic tuning, MNIST's small products
// took some 10 % longer here than in a -march=native build (docs/benchmarks.md).
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx2,fma,tune=skylake-avx512")
#endif
namespace avx512 {
#include "GemmBlocked.inc"

template <int R, int V, bool Indexed> void kernel(const Tile& t) {
    // Everything the loop reads, in locals: read through `t` (when this was not yet inlined into
    // its loops), GCC reloaded the fields from memory on every step.
    const Index kc = t.kc, acs = t.acs, bs = t.bs, ldc = t.ldc, rows = t.rows;
    const bool accumulate = t.accumulate;
    const Scalar* a = t.a;
    const Scalar* const b = t.b;
    const Index* const bRows = t.bRows;
    Scalar* const c = t.c;
    __mmask16 mask[V];
    for (int v = 0; v < V; ++v) {
        const Index lanes = std::clamp<Index>(t.cols - 16 * v, 0, 16);
        mask[v] = static_cast<__mmask16>((1u << lanes) - 1u);
    }
    Index offset[R];
    for (int r = 0; r < R; ++r)
        offset[r] = t.offset[r];
    __m512 acc[R][V];
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v)
            acc[r][v] = _mm512_setzero_ps();
    for (Index p = 0; p < kc; ++p, a += acs) {
        const Scalar* row = Indexed ? b + bRows[p] : b + p * bs;
        __m512 bv[V];
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v)
            bv[v] = _mm512_maskz_loadu_ps(mask[v], row + 16 * v);
#pragma GCC unroll 16
        for (int r = 0; r < R; ++r) {
            const __m512 ar = _mm512_set1_ps(a[offset[r]]);
#pragma GCC unroll 2
            for (int v = 0; v < V; ++v)
                acc[r][v] = _mm512_fmadd_ps(ar, bv[v], acc[r][v]);
        }
    }
#pragma GCC unroll 16
    for (int r = 0; r < R; ++r) {
        if (r >= rows) break;
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v) {
            Scalar* to = c + r * ldc + 16 * v;
            __m512 x = acc[r][v];
            if (accumulate) x = _mm512_add_ps(x, _mm512_maskz_loadu_ps(mask[v], to));
            _mm512_mask_storeu_ps(to, mask[v], x);
        }
    }
}

template <int R, int V> struct Kernel {
    void operator()(const Tile& t) const {
        t.bRows ? kernel<R, V, true>(t) : kernel<R, V, false>(t);
    }
};

// dotLanes on a tile of R rows × N columns: R·N lane sums in ZMM registers, 16 positions a step.
template <int R, int N>
void dotTile(Index r0, Index j0, Index k, const Scalar* a, const Index* aRows, const Scalar* b,
             Index ldb, Index n, Scalar* lanes) {
    __m512 acc[R][N];
    const Scalar* x[R];
#pragma GCC unroll 4
    for (int r = 0; r < R; ++r) {
        x[r] = a + aRows[r0 + r];
#pragma GCC unroll 8
        for (int j = 0; j < N; ++j)
            acc[r][j] = _mm512_loadu_ps(lanes + ((r0 + r) * n + j0 + j) * 16);
    }
    for (Index p = 0; p < k; p += 16) {
        const __mmask16 mask = static_cast<__mmask16>(
            k - p >= 16 ? 0xFFFFu : (1u << static_cast<unsigned>(k - p)) - 1u);
        __m512 xv[R];
#pragma GCC unroll 4
        for (int r = 0; r < R; ++r)
            xv[r] = _mm512_maskz_loadu_ps(mask, x[r] + p);
#pragma GCC unroll 8
        for (int j = 0; j < N; ++j) {
            const __m512 yv = _mm512_maskz_loadu_ps(mask, b + (j0 + j) * ldb + p);
#pragma GCC unroll 4
            for (int r = 0; r < R; ++r)
                acc[r][j] = _mm512_mask3_fmadd_ps(xv[r], yv, acc[r][j], mask);
        }
    }
#pragma GCC unroll 4
    for (int r = 0; r < R; ++r)
#pragma GCC unroll 8
        for (int j = 0; j < N; ++j)
            _mm512_storeu_ps(lanes + ((r0 + r) * n + j0 + j) * 16, acc[r][j]);
}

void dotLanes(Index m, Index n, Index k, const Scalar* a, const Index* aRows, const Scalar* b,
              Index ldb, Scalar* lanes) {
    const Index rows = m - m % 3, cols = n - n % 8;
    for (Index r = 0; r < rows; r += 3)
        for (Index j = 0; j < cols; j += 8)
            dotTile<3, 8>(r, j, k, a, aRows, b, ldb, n, lanes);
    for (Index r = rows; r < m; ++r)
        for (Index j = 0; j < cols; j += 8)
            dotTile<1, 8>(r, j, k, a, aRows, b, ldb, n, lanes);
    for (Index r = 0; r < m; ++r)
        for (Index j = cols; j < n; ++j)
            dotTile<1, 1>(r, j, k, a, aRows, b, ldb, n, lanes);
}

void gemm(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b, Scalar* c,
          Index ldc, bool accumulate) {
    if (n <= 16)
        blocked<16, 16, true>(m, n, k, a, b, c, ldc, accumulate, Kernel<16, 1>{});
    else
        blocked<8, 32, true>(m, n, k, a, b, c, ldc, accumulate, Kernel<8, 2>{});
}
} // namespace avx512
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

GemmKernels& kernelsInUse() {
    static GemmKernels kernels = bestGemmKernels();
    return kernels;
}

} // namespace

GemmKernels bestGemmKernels() {
    static const GemmKernels best =
        __builtin_cpu_supports("avx512f")                                 ? GemmKernels::Avx512
        : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? GemmKernels::Avx2
                                                                          : GemmKernels::Portable;
    return best;
}

GemmKernels gemmKernels() {
    return kernelsInUse();
}

GemmKernels useGemmKernels(GemmKernels wanted) {
    kernelsInUse() = std::min(wanted, bestGemmKernels());
    return kernelsInUse();
}

void dotLanes(Index m, Index n, Index k, const Scalar* a, const Index* aRows, const Scalar* b,
              Index ldb, Scalar* lanes) {
    switch (kernelsInUse()) {
    case GemmKernels::Avx512:
        return avx512::dotLanes(m, n, k, a, aRows, b, ldb, lanes);
    case GemmKernels::Avx2:
        return avx2::dotLanes(m, n, k, a, aRows, b, ldb, lanes);
    case GemmKernels::Portable:
        break;
    }
    portableDotLanes(m, n, k, a, aRows, b, ldb, lanes);
}

void gemmOnOneThread(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b,
                     Scalar* c, Index ldc, bool accumulate) {
    switch (kernelsInUse()) {
    case GemmKernels::Avx512:
        return avx512::gemm(m, n, k, a, b, c, ldc, accumulate);
    case GemmKernels::Avx2:
        return avx2::gemm(m, n, k, a, b, c, ldc, accumulate);
    case GemmKernels::Portable:
        break;
    }
    portableGemm(m, n, k, a, b, c, ldc, accumulate);
}

} // namespace gs

#endif

namespace gs {

// gemm() on several threads: C in blocks of columns (or, when it has too few, of rows), each
// block a product of its own. Every element of C is still summed over the same k blocks in the
// same order by the same kernel, so the result is the same bits on any number of threads.
void gemm(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b, Scalar* c,
          Index ldc, bool accumulate) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        if (!accumulate)
            for (Index i = 0; i < m; ++i)
                std::fill(c + i * ldc, c + i * ldc + n, Scalar(0));
        return;
    }
    constexpr Index kColumns = 32, kRows = 48; // whole panels and tiles of every kernel
    const Index work = m * n * k;
    const int parts = work < kParallelProduct ? 1 : partsFor(work, kParallelProduct);
    if (parts > 1 && n >= 2 * kColumns) {
        parallelFor(n, std::max(kColumns, kParallelProduct / (m * k)), kColumns,
                    [&](Index j0, Index j1) {
                        GemmOperand bj = b;
                        bj.data += j0 * b.colStride;
                        gemmOnOneThread(m, j1 - j0, k, a, bj, c + j0, ldc, accumulate);
                    });
    } else if (parts > 1 && m >= 2 * kRows) {
        parallelFor(m, std::max(kRows, kParallelProduct / (n * k)), kRows, [&](Index i0, Index i1) {
            GemmOperand ai = a;
            if (a.rowOffsets)
                ai.rowOffsets += i0;
            else
                ai.data += i0 * a.rowStride;
            gemmOnOneThread(i1 - i0, n, k, ai, b, c + i0 * ldc, ldc, accumulate);
        });
    } else {
        gemmOnOneThread(m, n, k, a, b, c, ldc, accumulate);
    }
}

} // namespace gs
