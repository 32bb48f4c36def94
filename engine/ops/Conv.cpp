// 2-D convolution (im2col + GEMM) and max pooling, NCHW.
#include "../core/Gemm.h"
#include "../core/Limits.h"
#include "../core/Parallel.h"
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"

#include <algorithm>
#include <limits>

#ifdef GRADSCOPE_OWN_GEMM // x86-64, float32: the AVX2 pooling below, chosen at run time
#include <immintrin.h>
#endif

namespace gs {

namespace {

struct ConvGeometry {
    Index batch, channels, height, width;
    Index outChannels, kernelH, kernelW;
    Index outH, outW;
    int stride, padding;
    Index patch() const { return channels * kernelH * kernelW; } // rows of the column matrix
    Index positions() const { return outH * outW; }
};

ConvGeometry geometryOf(const Shape& x, const Shape& w, int stride, int padding) {
    ConvGeometry g{x[0], x[1], x[2], x[3], w[0], w[2], w[3], 0, 0, stride, padding};
    g.outH = (g.height + 2 * Index(padding) - g.kernelH) / stride + 1;
    g.outW = (g.width + 2 * Index(padding) - g.kernelW) / stride + 1;
    return g;
}

// im2col and col2im work on a zero-padded copy of the image, so that every row of the column
// matrix is a plain strided copy with no bounds tests. Their inner loops are 14–28 elements
// long: GCC would turn them into memcpy calls, which cost more than the copy itself, so
// loop-to-call conversion is off for these two functions.
#if defined(__GNUC__) && !defined(__clang__)
#define GS_INLINE_LOOPS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define GS_INLINE_LOOPS
#endif

Index paddedHeight(const ConvGeometry& g) {
    return g.height + 2 * g.padding;
}
Index paddedWidth(const ConvGeometry& g) {
    return g.width + 2 * g.padding;
}
Index paddedSize(const ConvGeometry& g) {
    return g.channels * paddedHeight(g) * paddedWidth(g);
}

// Column matrix of one sample: row (c, ki, kj), column (oy, ox) = x[c, oy·s − p + ki, ...],
// rows rowStride apart. `padded` is scratch of paddedSize(g).
GS_INLINE_LOOPS void im2col(const ConvGeometry& g, const Scalar* image, Scalar* padded,
                            Scalar* cols, Index rowStride) {
    const Index ph = paddedHeight(g), pw = paddedWidth(g), s = g.stride;
    std::fill(padded, padded + paddedSize(g), Scalar(0));
    for (Index c = 0; c < g.channels; ++c)
        for (Index y = 0; y < g.height; ++y) {
            const Scalar* from = image + (c * g.height + y) * g.width;
            Scalar* to = padded + (c * ph + y + g.padding) * pw + g.padding;
            for (Index x = 0; x < g.width; ++x)
                to[x] = from[x];
        }
    for (Index c = 0; c < g.channels; ++c)
        for (Index ki = 0; ki < g.kernelH; ++ki)
            for (Index kj = 0; kj < g.kernelW; ++kj) {
                Scalar* row = cols + ((c * g.kernelH + ki) * g.kernelW + kj) * rowStride;
                for (Index oy = 0; oy < g.outH; ++oy) {
                    const Scalar* src = padded + (c * ph + oy * s + ki) * pw + kj;
                    Scalar* dst = row + oy * g.outW;
                    if (s == 1)
                        for (Index ox = 0; ox < g.outW; ++ox)
                            dst[ox] = src[ox];
                    else
                        for (Index ox = 0; ox < g.outW; ++ox)
                            dst[ox] = src[ox * s];
                }
            }
}

// The adjoint of im2col: adds every column entry back to the pixel it came from. The image's
// own entries are overwritten (each sample's gradient is written once).
GS_INLINE_LOOPS void col2im(const ConvGeometry& g, const Scalar* cols, Index rowStride,
                            Scalar* padded, Scalar* image) {
    const Index ph = paddedHeight(g), pw = paddedWidth(g), s = g.stride;
    std::fill(padded, padded + paddedSize(g), Scalar(0));
    for (Index c = 0; c < g.channels; ++c)
        for (Index ki = 0; ki < g.kernelH; ++ki)
            for (Index kj = 0; kj < g.kernelW; ++kj) {
                const Scalar* row = cols + ((c * g.kernelH + ki) * g.kernelW + kj) * rowStride;
                for (Index oy = 0; oy < g.outH; ++oy) {
                    Scalar* dst = padded + (c * ph + oy * s + ki) * pw + kj;
                    const Scalar* src = row + oy * g.outW;
                    if (s == 1)
                        for (Index ox = 0; ox < g.outW; ++ox)
                            dst[ox] += src[ox];
                    else
                        for (Index ox = 0; ox < g.outW; ++ox)
                            dst[ox * s] += src[ox];
                }
            }
    for (Index c = 0; c < g.channels; ++c)
        for (Index y = 0; y < g.height; ++y) {
            const Scalar* from = padded + (c * ph + y + g.padding) * pw + g.padding;
            Scalar* to = image + (c * g.height + y) * g.width;
            for (Index x = 0; x < g.width; ++x)
                to[x] = from[x];
        }
}

// Stride-1 convolutions need no column matrix at all. Computed at every column of the padded
// image instead of only the valid ones, output position (oy, x) reads padded[row_p + oy·pw + x]
// for patch row p = (c, ki, kj) at row_p = (c·ph + ki)·pw + kj: row p of the column matrix is
// one contiguous run of the padded image, which the GEMM reads in place through a table of row
// offsets. The price is the pw − outW columns of each output row that are computed and dropped
// (4 of 32 and 4 of 18 in mnist-cnn); the gain is that nothing of the size of a column matrix
// is written, kept or read back. The input gradient is the same kind of convolution, of the
// output gradient padded by k − 1 − p with the kernel flipped and its channels swapped, which
// needs p < k.
bool direct(const ConvGeometry& g) {
    return g.stride == 1 && g.padding < g.kernelH && g.padding < g.kernelW;
}

// A part of a convolution gets at least this many multiply-adds: each sample reads and writes
// only its own image, so a split by samples pays from far smaller pieces than a GEMM's does.
constexpr Index kParallelConvolution = Index(1) << 18;
// And max-pooling, plane by plane, at least this many input elements a part.
constexpr Index kParallelPool = Index(1) << 15;

// body(first, last) over the samples of the batch, split across the engine's threads when each
// part gets at least kParallelConvolution multiply-adds (`work` per sample). Each sample's output
// is its own, so the split changes no result.
template <class Body> void forSamples(const ConvGeometry& g, Index work, const Body& body) {
    parallelFor(g.batch, std::max<Index>(1, kParallelConvolution / std::max<Index>(1, work)), 1,
                body);
}

// One padded image with its channels, and slack behind it: the last row's run overshoots the
// image by kW − 1 (in the dropped columns).
struct PaddedPlanes {
    Index channels, height, width, slack;
    Index size() const { return channels * height * width + slack; }
    // Row offsets of the column matrix: (c, ki, kj) → (c·height + ki)·width + kj, with the
    // kernel flipped (ki → kH − 1 − ki) where asked.
    std::vector<Index> rows(Index kernelH, Index kernelW, bool flip) const {
        std::vector<Index> out;
        out.reserve(static_cast<std::size_t>(channels * kernelH * kernelW));
        for (Index c = 0; c < channels; ++c)
            for (Index ki = 0; ki < kernelH; ++ki)
                for (Index kj = 0; kj < kernelW; ++kj)
                    out.push_back((c * height + (flip ? kernelH - 1 - ki : ki)) * width +
                                  (flip ? kernelW - 1 - kj : kj));
        return out;
    }
    // Copies `planes` (channels × h × w, rows w apart) into the middle, zero around it.
    GS_INLINE_LOOPS void fill(const Scalar* planes, Index h, Index w, Index top, Index left,
                              Scalar* out) const {
        std::fill(out, out + size(), Scalar(0));
        for (Index c = 0; c < channels; ++c)
            for (Index y = 0; y < h; ++y) {
                const Scalar* from = planes + (c * h + y) * w;
                Scalar* to = out + (c * height + y + top) * width + left;
                for (Index x = 0; x < w; ++x)
                    to[x] = from[x];
            }
    }
};

PaddedPlanes inputPlanes(const ConvGeometry& g) {
    return {g.channels, paddedHeight(g), paddedWidth(g), g.kernelW};
}

// The output gradient padded by k − 1 − p on each side: the input gradient's "image".
PaddedPlanes gradientPlanes(const ConvGeometry& g) {
    return {g.outChannels, g.height + g.kernelH - 1, g.width + g.kernelW - 1, g.kernelW};
}

// Keeps the valid columns of a [rows, h · wideWidth] product, plus a bias per row where given:
// out[r, y, x] = wide[r, y, x] + bias[r].
GS_INLINE_LOOPS void dropColumns(const Scalar* wide, Index rows, Index h, Index w, Index wideWidth,
                                 const Scalar* bias, Scalar* out) {
    for (Index r = 0; r < rows; ++r) {
        const Scalar add = bias ? bias[r] : Scalar(0);
        for (Index y = 0; y < h; ++y) {
            const Scalar* from = wide + (r * h + y) * wideWidth;
            Scalar* to = out + (r * h + y) * w;
            for (Index x = 0; x < w; ++x)
                to[x] = from[x] + add;
        }
    }
}

// One output row of a 2×2, stride-2 max pool from output column ox on: out[ox] = the largest of
// in[top + 2ox + {0, 1}] and the row below, where[ox] its position (the first one on ties, as
// PyTorch; a NaN loses every comparison). Inlined into both versions below: called from the
// AVX2 one as a plain x86-64 function it ran several times slower than inlined there.
[[gnu::always_inline]] inline void pool2x2RowFrom(Index ox, const Scalar* in, Index top,
                                                  Index width, Index outW, Scalar* out,
                                                  Index* where) {
    for (; ox < outW; ++ox) {
        const Index a = top + 2 * ox, b = a + 1, c = a + width, d = c + 1;
        const Index ab = in[b] > in[a] ? b : a;
        const Index cd = in[d] > in[c] ? d : c;
        const Index best = in[cd] > in[ab] ? cd : ab;
        out[ox] = in[best];
        where[ox] = best;
    }
}

#ifdef GRADSCOPE_OWN_GEMM
// Eight consecutive pairs (lo, hi) split into their even and odd entries. (A lambda inside the
// function below would not inherit its target.)
__attribute__((target("avx2"))) inline void split(__m256 lo, __m256 hi, __m256& even, __m256& odd) {
    even = _mm256_castpd_ps(
        _mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(lo, hi, 0x88)), 0xD8));
    odd = _mm256_castpd_ps(
        _mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(lo, hi, 0xDD)), 0xD8));
}

// The same, eight windows at a time with AVX2 (where the processor has it: the GEMM's kernels
// say so), the rows' even and odd entries split apart by shuffles; a NaN loses every comparison,
// as in the scalar code.
__attribute__((target("avx2"))) void pool2x2RowAvx2(const Scalar* in, Index top, Index width,
                                                    Index outW, Scalar* out, Index* where) {
    Index ox = 0;
    const Scalar* t = in + top;
    const Scalar* u = t + width;
    const __m256i lanes = _mm256_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14);
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i below = _mm256_set1_epi32(static_cast<int>(width));
    if (width < (Index(1) << 30))
        for (; ox + 8 <= outW; ox += 8) {
            __m256 a, b, c, d;
            split(_mm256_loadu_ps(t + 2 * ox), _mm256_loadu_ps(t + 2 * ox + 8), a, b);
            split(_mm256_loadu_ps(u + 2 * ox), _mm256_loadu_ps(u + 2 * ox + 8), c, d);
            const __m256 m1 = _mm256_cmp_ps(b, a, _CMP_GT_OQ);
            const __m256 ab = _mm256_blendv_ps(a, b, m1);
            const __m256i iab = _mm256_and_si256(_mm256_castps_si256(m1), one);
            const __m256 m2 = _mm256_cmp_ps(d, c, _CMP_GT_OQ);
            const __m256 cd = _mm256_blendv_ps(c, d, m2);
            const __m256i icd =
                _mm256_add_epi32(below, _mm256_and_si256(_mm256_castps_si256(m2), one));
            const __m256 m3 = _mm256_cmp_ps(cd, ab, _CMP_GT_OQ);
            _mm256_storeu_ps(out + ox, _mm256_blendv_ps(ab, cd, m3));
            const __m256i at =
                _mm256_add_epi32(lanes, _mm256_blendv_epi8(iab, icd, _mm256_castps_si256(m3)));
            const __m256i base = _mm256_set1_epi64x(static_cast<long long>(top + 2 * ox));
            _mm256_storeu_si256(
                reinterpret_cast<__m256i*>(where + ox),
                _mm256_add_epi64(base, _mm256_cvtepi32_epi64(_mm256_castsi256_si128(at))));
            _mm256_storeu_si256(
                reinterpret_cast<__m256i*>(where + ox + 4),
                _mm256_add_epi64(base, _mm256_cvtepi32_epi64(_mm256_extracti128_si256(at, 1))));
        }
    pool2x2RowFrom(ox, in, top, width, outW, out, where);
}
#endif

void pool2x2Row(const Scalar* in, Index top, Index width, Index outW, Scalar* out, Index* where) {
#ifdef GRADSCOPE_OWN_GEMM
    if (gemmKernels() != GemmKernels::Portable)
        return pool2x2RowAvx2(in, top, width, outW, out, where);
#endif
    pool2x2RowFrom(0, in, top, width, outW, out, where);
}

ConvGeometry geometryOf(const Graph& graph, const Node& node) {
    return geometryOf(graph.node(node.inputs[0]).output().shape(),
                      graph.node(node.inputs[1]).output().shape(), node.attrs.stride,
                      node.attrs.padding);
}

} // namespace

Var conv2d(const Var& x, const Var& weight, const Var& bias, int stride, int padding) {
    Graph& graph = detail::graphOf({x, weight, bias});
    const std::string label = detail::label(graph, OpKind::Conv2d);
    const Shape& sx = x.shape();
    const Shape& sw = weight.shape();
    if (sx.rank() != 4)
        throw ShapeError(
            Engine::tr("{1}: the input must be [batch, channels, height, width], got {2}"), label,
            detail::describe(x));
    if (sw.rank() != 4)
        throw ShapeError(Engine::tr("{1}: the weight must be [out, in, kH, kW], got {2}"), label,
                         detail::describe(weight));
    if (sx[1] != sw[1])
        throw ShapeError(
            Engine::tr("{1}: input has {2} channels but the layer expects {3} ({4}, weight {5})"),
            label, sx[1], sw[1], detail::describe(x), detail::describe(weight));
    if (stride < 1 || padding < 0 || stride > kMaxConvWindow || padding > kMaxConvWindow)
        throw InvalidArgument(Engine::tr("{1}: stride must be from 1 to {2} and padding from 0 to "
                                         "{3}, got stride {4}, padding {5}"),
                              label, kMaxConvWindow, kMaxConvWindow, stride, padding);
    // Sizes in 64 bits (Index): 2·padding in int overflows near 2^31.
    const Index paddedH = sx[2] + 2 * Index(padding), paddedW = sx[3] + 2 * Index(padding);
    const auto paddedPlane = checkedMul(paddedH, paddedW);
    if (!paddedPlane || !checkedMul(*paddedPlane, sx[1]))
        throw ShapeError(Engine::tr("{1}: the padded image {2} with padding {3} is larger than "
                                    "the limit of {4} elements"),
                         label, detail::describe(x), padding, kMaxTensorElements);
    if (paddedH < sw[2] || paddedW < sw[3])
        throw ShapeError(
            Engine::tr("{1}: the {2}×{3} kernel is larger than the padded {4}×{5} image"), label,
            sw[2], sw[3], sx[2], sx[3]);
    if (bias.valid() && bias.shape().numel() != sw[0])
        throw ShapeError(
            Engine::tr("{1}: the bias must have {2} elements, one per output channel, got {3}"),
            label, sw[0], detail::describe(bias));
    const ConvGeometry g = geometryOf(sx, sw, stride, padding);
    Node& n = bias.valid() ? graph.record(OpKind::Conv2d, {x, weight, bias})
                           : graph.record(OpKind::Conv2d, {x, weight});
    n.attrs.stride = stride;
    n.attrs.padding = padding;
    const Index positions = g.positions();
    n.value.resize({g.batch, g.outChannels, g.outH, g.outW});
    const Index imageSize = g.channels * g.height * g.width;
    if (direct(g)) {
        // One GEMM per sample, [out, patch] · [patch, outH · pw], from the padded image (kept
        // for the backward pass) into a wide output whose valid columns are then kept.
        const PaddedPlanes planes = inputPlanes(g);
        const std::vector<Index> rows = planes.rows(g.kernelH, g.kernelW, false);
        const Index wideCols = g.outH * planes.width;
        const GemmOperand w{weight.value().data(), g.patch()};
        n.saved.resize({g.batch, planes.size()});
        forSamples(g, g.outChannels * wideCols * g.patch(), [&](Index first, Index last) {
            std::vector<Scalar> wide(static_cast<std::size_t>(g.outChannels * wideCols));
            for (Index b = first; b < last; ++b) {
                Scalar* image = n.saved.data() + b * planes.size();
                planes.fill(x.value().data() + b * imageSize, g.height, g.width, g.padding,
                            g.padding, image);
                gemm(g.outChannels, wideCols, g.patch(), w, {image, 0, 1, rows.data()}, wide.data(),
                     wideCols, false);
                dropColumns(wide.data(), g.outChannels, g.outH, g.outW, planes.width,
                            bias.valid() ? bias.value().data() : nullptr,
                            n.value.data() + b * g.outChannels * positions);
            }
        });
    } else {
        // One GEMM per sample, [out, patch] · [patch, positions], straight into the output: each
        // sample's column matrix stays in L2 while it is multiplied, where one GEMM over the
        // whole batch would stream every operand through memory.
        const Index patchSize = g.patch() * positions;
        n.saved.resize({g.batch, patchSize}); // the column matrices, reused backward
        forSamples(g, g.outChannels * patchSize, [&](Index first, Index last) {
            std::vector<Scalar> padded(static_cast<std::size_t>(paddedSize(g)));
            for (Index b = first; b < last; ++b) {
                Scalar* cols = n.saved.data() + b * patchSize;
                im2col(g, x.value().data() + b * imageSize, padded.data(), cols, positions);
                MatrixMap y(n.value.data() + b * g.outChannels * positions, g.outChannels,
                            positions);
                product(y, ConstMatrixMap(weight.value().data(), g.outChannels, g.patch()),
                        ConstMatrixMap(cols, g.patch(), positions));
                if (bias.valid())
                    y.colwise() += Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>(
                        bias.value().data(), g.outChannels);
            }
        });
    }
    return graph.var(n);
}

namespace {
// The output's height and width of a kernel×kernel window moved by stride over x, after
// checking that the window fits.
std::pair<Index, Index> poolOutput(const std::string& label, const Var& x, int kernel, int stride) {
    const Shape& s = x.shape();
    if (s.rank() != 4)
        throw ShapeError(
            Engine::tr("{1}: the input must be [batch, channels, height, width], got {2}"), label,
            detail::describe(x));
    if (kernel < 1 || stride < 1)
        throw InvalidArgument(
            Engine::tr("{1}: kernel and stride must be at least 1, got kernel {2}, stride {3}"),
            label, kernel, stride);
    if (s[2] < kernel || s[3] < kernel)
        throw ShapeError(Engine::tr("{1}: the {2}×{3} window is larger than the {4}×{5} image"),
                         label, kernel, kernel, s[2], s[3]);
    return {(s[2] - kernel) / stride + 1, (s[3] - kernel) / stride + 1};
}

// A pool's node, checked and sized: kernel×kernel windows moved by stride (0: the kernel).
Node& recordPool(OpKind op, const Var& x, int kernel, int stride) {
    if (stride == 0) stride = kernel;
    const auto size = poolOutput(detail::label(x.graph(), op), x, kernel, stride);
    Node& n = x.graph().record(op, {x});
    n.attrs.kernel = kernel;
    n.attrs.stride = stride;
    n.value.resize({x.shape()[0], x.shape()[1], size.first, size.second});
    return n;
}
} // namespace

Var maxPool2d(const Var& x, int kernel, int stride) {
    Graph& graph = x.graph();
    const Shape& s = x.shape();
    Node& n = recordPool(OpKind::MaxPool2d, x, kernel, stride);
    const Index outH = n.value.shape()[2], outW = n.value.shape()[3];
    stride = n.attrs.stride;
    n.savedIndex.resize(static_cast<std::size_t>(n.value.numel()));
    const Scalar* in = x.value().data();
    // Planes (one channel of one sample) in parallel, each read and written by one part.
    parallelFor(s[0] * s[1], std::max<Index>(1, kParallelPool / (s[2] * s[3])), 1,
                [&](Index firstPlane, Index lastPlane) {
                    for (Index plane = firstPlane; plane < lastPlane; ++plane) {
                        const Index base = plane * s[2] * s[3];
                        Index out = plane * outH * outW;
                        if (kernel == 2 &&
                            stride == 2) { // the common case, without the window loops
                            for (Index oy = 0; oy < outH; ++oy, out += outW)
                                pool2x2Row(in, base + 2 * oy * s[3], s[3], outW,
                                           n.value.data() + out, n.savedIndex.data() + out);
                            continue;
                        }
                        for (Index oy = 0; oy < outH; ++oy)
                            for (Index ox = 0; ox < outW; ++ox, ++out) {
                                Index best = base + (oy * stride) * s[3] + ox * stride;
                                for (Index ky = 0; ky < kernel; ++ky)
                                    for (Index kx = 0; kx < kernel; ++kx) {
                                        const Index at =
                                            base + (oy * stride + ky) * s[3] + ox * stride + kx;
                                        if (in[at] > in[best]) best = at;
                                    }
                                n.value[out] = in[best];
                                n.savedIndex[static_cast<std::size_t>(out)] = best;
                            }
                    }
                });
    return graph.var(n);
}

Var avgPool2d(const Var& x, int kernel, int stride) {
    Graph& graph = x.graph();
    const Shape& s = x.shape();
    Node& n = recordPool(OpKind::AvgPool2d, x, kernel, stride);
    const Index outH = n.value.shape()[2], outW = n.value.shape()[3];
    stride = n.attrs.stride;
    const Scalar* in = x.value().data();
    const Scalar scale = Scalar(1) / Scalar(kernel * kernel);
    for (Index plane = 0, out = 0; plane < s[0] * s[1]; ++plane) {
        const Scalar* p = in + plane * s[2] * s[3];
        for (Index oy = 0; oy < outH; ++oy)
            for (Index ox = 0; ox < outW; ++ox, ++out) {
                Scalar total = 0;
                for (Index ky = 0; ky < kernel; ++ky)
                    for (Index kx = 0; kx < kernel; ++kx)
                        total += p[(oy * stride + ky) * s[3] + ox * stride + kx];
                n.value[out] = total * scale;
            }
    }
    return graph.var(n);
}

Var globalAvgPool2d(const Var& x) {
    Graph& graph = x.graph();
    const Shape& s = x.shape();
    if (s.rank() != 4 || s[2] * s[3] == 0)
        throw ShapeError(Engine::tr("{1}: the input must be [batch, channels, height, width] with "
                                    "at least one position, got {2}"),
                         detail::label(graph, OpKind::GlobalAvgPool2d), detail::describe(x));
    Node& n = graph.record(OpKind::GlobalAvgPool2d, {x});
    n.value.resize({s[0], s[1]});
    const Index positions = s[2] * s[3];
    const Scalar* in = x.value().data();
    for (Index plane = 0; plane < s[0] * s[1]; ++plane) {
        double total = 0;
        for (Index i = 0; i < positions; ++i)
            total += in[plane * positions + i];
        n.value[plane] = Scalar(total / double(positions));
    }
    return graph.var(n);
}

namespace {

// The direct (stride-1) backward: dL/dW as dot products of the kept padded images' patch rows
// with gY (widened with zeros in the dropped columns), summed over the batch in dotLanes; and
// dL/dx_n as the convolution of gY_n, padded by k − 1 − p, with the flipped kernel:
// [channels, out · kH · kW] (W with its channel axes swapped) times the padded gradient's rows
// at flipped offsets.
void conv2dDirectBackward(BackwardContext& ctx, const ConvGeometry& g, Tensor* gx, Tensor* gw) {
    const Index positions = g.positions();
    const PaddedPlanes planes = inputPlanes(g);
    const Index wideCols = g.outH * planes.width;
    if (gw) {
        // dL/dW[o, patch row] = Σ_n Σ_positions image_n[row + position] · dL/dY_n[o, position],
        // dot products along the positions (both operands contiguous there), with dL/dY
        // widened to the padded width and zero in the dropped columns.
        const std::vector<Index> rows = planes.rows(g.kernelH, g.kernelW, false);
        // On several threads, each takes a block of patch rows through the whole batch, so that
        // every sum still runs over the samples in order.
        Tensor& lanes = ctx.node.workspace[1];
        lanes.resize({g.patch() * g.outChannels, 16});
        lanes.fill(0);
        const Index work = g.batch * g.patch() * g.outChannels * wideCols;
        parallelFor(
            g.patch(), std::max<Index>(1, g.patch() * kParallelConvolution / work), 3,
            [&](Index r0, Index r1) {
                std::vector<Scalar> gyWide(static_cast<std::size_t>(g.outChannels * wideCols));
                for (Index b = 0; b < g.batch; ++b) {
                    const Scalar* gy = ctx.gradOut.data() + b * g.outChannels * positions;
                    for (Index o = 0; o < g.outChannels; ++o)
                        for (Index oy = 0; oy < g.outH; ++oy)
                            std::copy_n(gy + (o * g.outH + oy) * g.outW, g.outW,
                                        gyWide.data() + o * wideCols + oy * planes.width);
                    dotLanes(r1 - r0, g.outChannels, wideCols,
                             ctx.node.saved.data() + b * planes.size(), rows.data() + r0,
                             gyWide.data(), wideCols, lanes.data() + r0 * g.outChannels * 16);
                }
            });
        std::vector<Scalar> sums(static_cast<std::size_t>(g.patch() * g.outChannels));
        foldLanes(g.patch() * g.outChannels, lanes.data(), sums.data());
        MatrixMap(gw->data(), g.outChannels, g.patch()) =
            ConstMatrixMap(sums.data(), g.patch(), g.outChannels).transpose();
    }
    if (gx) {
        const PaddedPlanes grad = gradientPlanes(g);
        const std::vector<Index> rows = grad.rows(g.kernelH, g.kernelW, true);
        const Index taps = g.kernelH * g.kernelW;
        const Index depth = g.outChannels * taps; // the GEMM's k
        std::vector<Scalar> swapped(static_cast<std::size_t>(g.channels * depth));
        const Scalar* w = ctx.input(1).data();
        for (Index c = 0; c < g.channels; ++c)
            for (Index o = 0; o < g.outChannels; ++o)
                std::copy_n(w + (o * g.channels + c) * taps, taps,
                            swapped.data() + c * depth + o * taps);
        const Index gradCols = g.height * grad.width;
        const Index imageSize = g.channels * g.height * g.width;
        forSamples(g, g.channels * gradCols * depth, [&](Index first, Index last) {
            std::vector<Scalar> padded(static_cast<std::size_t>(grad.size()));
            std::vector<Scalar> wide(static_cast<std::size_t>(g.channels * gradCols));
            for (Index b = first; b < last; ++b) {
                grad.fill(ctx.gradOut.data() + b * g.outChannels * positions, g.outH, g.outW,
                          g.kernelH - 1 - g.padding, g.kernelW - 1 - g.padding, padded.data());
                gemm(g.channels, gradCols, depth, {swapped.data(), depth},
                     {padded.data(), 0, 1, rows.data()}, wide.data(), gradCols, false);
                dropColumns(wide.data(), g.channels, g.height, g.width, grad.width, nullptr,
                            gx->data() + b * imageSize);
            }
        });
    }
}

} // namespace

namespace rules {

// y = W ⋆ x + b: dL/dW = Σ_n gY_n colsᵀ, dL/dx = col2im(Wᵀ gY_n), dL/db = Σ_{n,h,w} gY
void conv2dBackward(BackwardContext& ctx) {
    const ConvGeometry g = geometryOf(ctx.graph, ctx.node);
    const Index positions = g.positions();
    const Index patchSize = g.patch() * positions;
    const ConstMatrixMap w(ctx.input(1).data(), g.outChannels, g.patch());
    Tensor* gx = ctx.gradIn[0];
    Tensor* gw = ctx.gradIn[1];
    Tensor* gb = ctx.node.inputCount > 2 ? ctx.gradIn[2] : nullptr;
    if (gx) gx->resize(ctx.input(0).shape()); // every sample is written whole
    if (gw) gw->resize(ctx.input(1).shape());
    if (gb) {
        gb->resize(ctx.input(2).shape());
        gb->fill(0);
        for (Index b = 0; b < g.batch; ++b)
            Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>(gb->data(), g.outChannels) +=
                ConstMatrixMap(ctx.gradOut.data() + b * g.outChannels * positions, g.outChannels,
                               positions)
                    .rowwise()
                    .sum();
    }
    if (direct(g)) {
        conv2dDirectBackward(ctx, g, gx, gw);
        return;
    }
    Tensor& gradCols = ctx.node.workspace[0];
    if (gx) gradCols.resize({g.patch(), positions});
    // dL/dWᵀ [patch, out] = Σ_n cols_n · gY_nᵀ, transposed once at the end: the long side (the
    // patch) as the GEMM's rows and the few output channels as one column panel, which the 6×16
    // kernel fills; the other way round (out × patch) leaves most of its rows idle. About 13%
    // off an mnist-cnn step here. (Computing the forward as yᵀ = colsᵀ · Wᵀ the same way was
    // slower, and so was rebuilding the column matrices here instead of keeping them.)
    Tensor& gradWt = ctx.node.workspace[1];
    if (gw) gradWt.resize({g.patch(), g.outChannels});
    std::vector<Scalar> padded(gx ? static_cast<std::size_t>(paddedSize(g)) : 0);
    for (Index b = 0; b < g.batch; ++b) {
        const ConstMatrixMap gy(ctx.gradOut.data() + b * g.outChannels * positions, g.outChannels,
                                positions);
        const ConstMatrixMap c(ctx.node.saved.data() + b * patchSize, g.patch(), positions);
        if (gw) product(gradWt.matrix(), c, gy.transpose(), b > 0);
        if (gx) {
            product(gradCols.matrix(), w.transpose(), gy);
            col2im(g, gradCols.data(), positions, padded.data(),
                   gx->data() + b * g.channels * g.height * g.width);
        }
    }
    if (gw) MatrixMap(gw->data(), g.outChannels, g.patch()) = gradWt.matrix().transpose();
}

// d max(window)/dx = 1 at the window's argmax, 0 elsewhere
void maxPool2dBackward(BackwardContext& ctx) {
    Tensor* gx = ctx.gradIn[0];
    if (!gx) return;
    gx->resize(ctx.input(0).shape());
    gx->fill(0);
    const auto& where = ctx.node.savedIndex;
    // By planes, as forward: a window's argmax lies in the window's own plane.
    const Shape& s = ctx.input(0).shape();
    if (s[0] * s[1] == 0) return;
    const Index outPlane = ctx.gradOut.numel() / (s[0] * s[1]);
    parallelFor(s[0] * s[1], std::max<Index>(1, kParallelPool / (s[2] * s[3])), 1,
                [&](Index firstPlane, Index lastPlane) {
                    for (Index i = firstPlane * outPlane; i < lastPlane * outPlane; ++i)
                        (*gx)[where[static_cast<std::size_t>(i)]] += ctx.gradOut[i];
                });
}

// d mean(window)/dx = 1/k² for each x of the window (summed where windows overlap)
void avgPool2dBackward(BackwardContext& ctx) {
    Tensor* gx = ctx.gradIn[0];
    if (!gx) return;
    const Shape& s = ctx.input(0).shape();
    gx->resize(s);
    gx->fill(0);
    const int kernel = ctx.node.attrs.kernel, stride = ctx.node.attrs.stride;
    const Index outH = ctx.gradOut.shape()[2], outW = ctx.gradOut.shape()[3];
    const Scalar scale = Scalar(1) / Scalar(kernel * kernel);
    for (Index plane = 0, out = 0; plane < s[0] * s[1]; ++plane) {
        Scalar* p = gx->data() + plane * s[2] * s[3];
        for (Index oy = 0; oy < outH; ++oy)
            for (Index ox = 0; ox < outW; ++ox, ++out) {
                const Scalar share = ctx.gradOut[out] * scale;
                for (Index ky = 0; ky < kernel; ++ky)
                    for (Index kx = 0; kx < kernel; ++kx)
                        p[(oy * stride + ky) * s[3] + ox * stride + kx] += share;
            }
    }
}

// d mean(plane)/dx = 1/(H·W) for every x of the plane
void globalAvgPool2dBackward(BackwardContext& ctx) {
    Tensor* gx = ctx.gradIn[0];
    if (!gx) return;
    const Shape& s = ctx.input(0).shape();
    gx->resize(s);
    const Index positions = s[2] * s[3];
    for (Index plane = 0; plane < s[0] * s[1]; ++plane)
        std::fill_n(gx->data() + plane * positions, positions,
                    ctx.gradOut[plane] / Scalar(positions));
}

} // namespace rules
} // namespace gs
