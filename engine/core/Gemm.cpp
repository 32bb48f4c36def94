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

// B panel: NR columns of rows p ∈ [0, kc), zero past the last column, rows NR apart.
void packB(Index kc, Index cols, const Scalar* b, Index brs, Index bcs, Scalar* out) {
    if (cols < NR) std::fill(out, out + NR * kc, Scalar(0));
    if (bcs == 1) {
        for (Index p = 0; p < kc; ++p)
            std::copy_n(b + p * brs, cols, out + p * NR);
    } else {
        for (Index q = 0; q < cols; ++q)
            for (Index p = 0; p < kc; ++p)
                out[p * NR + q] = b[p * brs + q * bcs];
    }
}

// c[0..rows)[0..cols) (+)= A rows × B panel over kc steps. Element (r, p) of A is read at
// a[offset_r + p·acs] (rows past the edge repeat row 0 and are dropped), row p of the B panel
// at b + p·bs. The twelve accumulators are named variables: GCC spills an array of __m256.
void kernel(Index kc, const Scalar* a, const Index (&offset)[MR], Index acs, const Scalar* b,
            Index bs, Scalar* c, Index ldc, Index rows, Index cols, bool accumulate) {
    const Index o1 = offset[1], o2 = offset[2], o3 = offset[3], o4 = offset[4], o5 = offset[5];
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (Index p = 0; p < kc; ++p, a += acs, b += bs) {
        const __m256 b0 = _mm256_loadu_ps(b);
        const __m256 b1 = _mm256_loadu_ps(b + 8);
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

} // namespace

// A is read in place (the kernel broadcasts its elements, so any layout will do). B is read in
// place where its rows are contiguous; otherwise, and for the last, narrower panel, one KC×NR
// panel at a time is packed into a buffer that stays in L1.
void gemm(Index m, Index n, Index k, const Scalar* a, Index ars, Index acs, const Scalar* b,
          Index brs, Index bcs, Scalar* c, Index ldc, bool accumulate) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        if (!accumulate)
            for (Index i = 0; i < m; ++i)
                std::fill(c + i * ldc, c + i * ldc + n, Scalar(0));
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
                const Scalar* bp = b + pc * brs + jr * bcs;
                Index bs = brs;
                if (bcs != 1 || cols < NR) {
                    packB(kc, cols, bp, brs, bcs, panel);
                    bp = panel;
                    bs = NR;
                }
                for (Index ir = 0; ir < mc; ir += MR) {
                    const Index rows = std::min(MR, mc - ir);
                    Index offset[MR];
                    for (Index r = 0; r < MR; ++r)
                        offset[r] = r < rows ? r * ars : 0;
                    kernel(kc, a + (ic + ir) * ars + pc * acs, offset, acs, bp, bs,
                           c + (ic + ir) * ldc + jr, ldc, rows, cols, add);
                }
            }
        }
    }
}

} // namespace gs

#endif
