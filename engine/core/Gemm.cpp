// A blocked single-precision GEMM for AVX2/FMA in the manner of Goto and van de Geijn, "Anatomy
// of high-performance matrix multiplication" (2008), trimmed for the small matrices of training
// steps: a 6×16 kernel keeps its tile of C in twelve YMM registers while it streams one 16-wide
// panel of B (L1) against six broadcast elements of A per step. Packing both operands, as Eigen
// and BLAS do, costs more than the arithmetic when one side has only 8–64 rows, so A is never
// packed and B only where its rows are not contiguous.
#include "Gemm.h"

#include <algorithm>

namespace gs {

void smallGemm(Index m, Index n, Index k, const Scalar* a, Index ars, Index acs, const Scalar* b,
               Index brs, Index bcs, Scalar* c, Index ldc, bool accumulate) {
    if (bcs == 1) { // rows of B contiguous: c_i += a_ip · b_p, vectorised over j
        for (Index i = 0; i < m; ++i) {
            Scalar* ci = c + i * ldc;
            if (!accumulate) std::fill(ci, ci + n, Scalar(0));
            for (Index p = 0; p < k; ++p) {
                const Scalar aip = a[i * ars + p * acs];
                const Scalar* bp = b + p * brs;
                for (Index j = 0; j < n; ++j)
                    ci[j] += aip * bp[j];
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

#ifndef GRADSCOPE_OWN_GEMM
void gemm(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b, Scalar* c,
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
constexpr Index MC = 120; // rows of A per pass: 120×256 floats stay in L2

// B panel: columns [j0, j0 + cols) of rows [p0, p0 + kc), zero past the last column, rows NR
// apart.
void packB(const GemmOperand& b, Index p0, Index kc, Index j0, Index cols, Scalar* out) {
    if (cols < NR) std::fill(out, out + NR * kc, Scalar(0));
    const Scalar* from = b.data + j0 * b.colStride;
    if (b.colStride == 1) {
        for (Index p = 0; p < kc; ++p)
            std::copy_n(from + b.row(p0 + p), cols, out + p * NR);
    } else if (!b.rowOffsets) {
        for (Index q = 0; q < cols; ++q)
            for (Index p = 0; p < kc; ++p)
                out[p * NR + q] = from[(p0 + p) * b.rowStride + q * b.colStride];
    } else {
        for (Index p = 0; p < kc; ++p)
            for (Index q = 0; q < cols; ++q)
                out[p * NR + q] = from[b.rowOffsets[p0 + p] + q * b.colStride];
    }
}

// c[0..rows)[0..cols) (+)= A rows × B panel over kc steps. Element (r, p) of A is read at
// a[offset_r + p·acs] (rows past the edge repeat row 0 and are dropped), row p of the B panel
// at b + p·bs, or at b + bRows[p] where bRows is set. The twelve accumulators are named
// variables: GCC spills an array of __m256.
template <bool Indexed>
void kernel(Index kc, const Scalar* a, const Index (&offset)[MR], Index acs, const Scalar* b,
            Index bs, const Index* bRows, Scalar* c, Index ldc, Index rows, Index cols,
            bool accumulate) {
    const Index o1 = offset[1], o2 = offset[2], o3 = offset[3], o4 = offset[4], o5 = offset[5];
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (Index p = 0; p < kc; ++p, a += acs) {
        const Scalar* row = Indexed ? b + bRows[p] : b + p * bs;
        const __m256 b0 = _mm256_loadu_ps(row);
        const __m256 b1 = _mm256_loadu_ps(row + 8);
        __m256 ar = _mm256_broadcast_ss(a);
        c00 = _mm256_fmadd_ps(ar, b0, c00);
        c01 = _mm256_fmadd_ps(ar, b1, c01);
        ar = _mm256_broadcast_ss(a + o1);
        c10 = _mm256_fmadd_ps(ar, b0, c10);
        c11 = _mm256_fmadd_ps(ar, b1, c11);
        ar = _mm256_broadcast_ss(a + o2);
        c20 = _mm256_fmadd_ps(ar, b0, c20);
        c21 = _mm256_fmadd_ps(ar, b1, c21);
        ar = _mm256_broadcast_ss(a + o3);
        c30 = _mm256_fmadd_ps(ar, b0, c30);
        c31 = _mm256_fmadd_ps(ar, b1, c31);
        ar = _mm256_broadcast_ss(a + o4);
        c40 = _mm256_fmadd_ps(ar, b0, c40);
        c41 = _mm256_fmadd_ps(ar, b1, c41);
        ar = _mm256_broadcast_ss(a + o5);
        c50 = _mm256_fmadd_ps(ar, b0, c50);
        c51 = _mm256_fmadd_ps(ar, b1, c51);
    }
    const __m256 acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21},
                               {c30, c31}, {c40, c41}, {c50, c51}};
    if (cols == NR) {
        for (Index r = 0; r < rows; ++r) {
            Scalar* row = c + r * ldc;
            __m256 lo = acc[r][0], hi = acc[r][1];
            if (accumulate) {
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
    for (Index r = 0; r < rows; ++r)
        for (Index q = 0; q < cols; ++q)
            c[r * ldc + q] = accumulate ? c[r * ldc + q] + tile[r][q] : tile[r][q];
}

// ---- AVX-512 (chosen at run time where the processor has it; the build itself targets AVX2) ----
//
// The same algorithm with 16-wide registers and twice as many of them: an 8×32 tile (sixteen
// ZMM accumulators) where B has more than 16 columns, a 16×16 tile otherwise (the weight
// gradients of a convolution: patch × output channels). The last, narrower panel is read with
// masked loads, so B is only packed where its rows are not contiguous. Each element of C is
// summed over the same k blocks in the same order as the AVX2 kernel, with the same fused
// multiply-adds, so both give the same bits.

#define GS_AVX512 __attribute__((target("avx512f")))

template <int R, int V, bool Indexed>
GS_AVX512 void kernel512(Index kc, const Scalar* a, const Index* offset, Index acs, const Scalar* b,
                         Index bs, const Index* bRows, Scalar* c, Index ldc, Index rows,
                         const __mmask16 (&mask)[V], bool accumulate) {
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

template <int R, int V>
GS_AVX512 void gemm512(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b,
                       Scalar* c, Index ldc, bool accumulate) {
    constexpr Index W = 16 * V;
    alignas(64) Scalar panel[KC * W];
    const Index blocks = (k + KC - 1) / KC; // the same k blocks as the AVX2 gemm()
    const Index step = (k + blocks - 1) / blocks;
    for (Index pc = 0; pc < k; pc += step) {
        const Index kc = std::min(step, k - pc);
        const bool add = accumulate || pc > 0;
        for (Index jr = 0; jr < n; jr += W) {
            const Index cols = std::min(W, n - jr);
            __mmask16 mask[V];
            for (int v = 0; v < V; ++v) {
                const Index lanes = std::clamp<Index>(cols - 16 * v, 0, 16);
                mask[v] = static_cast<__mmask16>((1u << lanes) - 1u);
            }
            const bool inPlace = b.colStride == 1;
            const bool indexed = inPlace && b.rowOffsets;
            const Scalar* bp = panel;
            Index bs = W;
            if (inPlace) {
                bp = b.data + jr + (indexed ? 0 : pc * b.rowStride);
                bs = b.rowStride;
            } else {
                for (Index p = 0; p < kc; ++p)
                    for (Index q = 0; q < cols; ++q)
                        panel[p * W + q] = b.data[b.row(pc + p) + (jr + q) * b.colStride];
            }
            for (Index ir = 0; ir < m; ir += R) {
                const Index rows = std::min<Index>(R, m - ir);
                const Index first = a.row(ir);
                Index offset[R];
                for (Index r = 0; r < R; ++r)
                    offset[r] = r < rows ? a.row(ir + r) - first : 0;
                const Scalar* ap = a.data + first + pc * a.colStride;
                Scalar* cp = c + ir * ldc + jr;
                if (indexed)
                    kernel512<R, V, true>(kc, ap, offset, a.colStride, bp, 0, b.rowOffsets + pc, cp,
                                          ldc, rows, mask, add);
                else
                    kernel512<R, V, false>(kc, ap, offset, a.colStride, bp, bs, nullptr, cp, ldc,
                                           rows, mask, add);
            }
        }
    }
}

bool& avx512Enabled() {
    static bool on = __builtin_cpu_supports("avx512f");
    return on;
}

} // namespace

bool useAvx512Gemm(bool on) {
    avx512Enabled() = on && __builtin_cpu_supports("avx512f");
    return avx512Enabled();
}

// A is read in place (the kernel broadcasts its elements, so any layout will do). B is read in
// place where its rows are contiguous; otherwise, and for the last, narrower panel, one KC×NR
// panel at a time is packed into a buffer that stays in L1.
void gemm(Index m, Index n, Index k, const GemmOperand& a, const GemmOperand& b, Scalar* c,
          Index ldc, bool accumulate) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        if (!accumulate)
            for (Index i = 0; i < m; ++i)
                std::fill(c + i * ldc, c + i * ldc + n, Scalar(0));
        return;
    }
    if (avx512Enabled()) {
        if (n <= 16)
            gemm512<16, 1>(m, n, k, a, b, c, ldc, accumulate);
        else
            gemm512<8, 2>(m, n, k, a, b, c, ldc, accumulate);
        return;
    }
    alignas(32) Scalar panel[KC * NR];
    // k in equal blocks of at most KC (784 = 4 × 196 rather than 3 × 256 + 16).
    const Index blocks = (k + KC - 1) / KC;
    const Index step = (k + blocks - 1) / blocks;
    for (Index pc = 0; pc < k; pc += step) {
        const Index kc = std::min(step, k - pc);
        const bool add = accumulate || pc > 0;
        for (Index ic = 0; ic < m; ic += MC) {
            const Index mc = std::min(MC, m - ic);
            for (Index jr = 0; jr < n; jr += NR) {
                const Index cols = std::min(NR, n - jr);
                const bool inPlace = b.colStride == 1 && cols == NR;
                const bool indexed = inPlace && b.rowOffsets;
                const Scalar* bp = panel;
                Index bs = NR;
                if (inPlace) {
                    bp = b.data + jr + (indexed ? 0 : pc * b.rowStride);
                    bs = b.rowStride;
                } else {
                    packB(b, pc, kc, jr, cols, panel);
                }
                for (Index ir = 0; ir < mc; ir += MR) {
                    const Index rows = std::min(MR, mc - ir);
                    const Index first = a.row(ic + ir);
                    Index offset[MR];
                    for (Index r = 0; r < MR; ++r)
                        offset[r] = r < rows ? a.row(ic + ir + r) - first : 0;
                    const Scalar* ap = a.data + first + pc * a.colStride;
                    Scalar* cp = c + (ic + ir) * ldc + jr;
                    if (indexed)
                        kernel<true>(kc, ap, offset, a.colStride, bp, 0, b.rowOffsets + pc, cp, ldc,
                                     rows, cols, add);
                    else
                        kernel<false>(kc, ap, offset, a.colStride, bp, bs, nullptr, cp, ldc, rows,
                                      cols, add);
                }
            }
        }
    }
}

} // namespace gs

#endif
