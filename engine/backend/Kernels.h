// The arithmetic of the compute backends, one element (or one row) at a time.
//
// Each function here computes one output element of one kernel and is compiled twice: by the
// C++ compiler for the reference backend (CpuBackend.cpp runs it in a loop) and by nvcc for the
// CUDA backend (backend/cuda/Kernels.cu launches it once per thread). The numbers a GPU computes
// are therefore the numbers this machine's tests check against the engine's graph, with only the
// launch, the memory traffic and cuBLAS left to the GPU run (tests/backend/tst_cuda.cpp).
//
// Every output element is written by exactly one call, and reductions run in a fixed order, so
// a backend gives the same bits on every run. The formulas follow the graph's ops (engine/ops)
// and the optimizer (optim/Optimizer.cpp) line for line; the comments name the op each mirrors.
#pragma once

#include "core/DeviceMath.h"
#include "ops/Activations.h"

#include <cmath>
#include <cstdint>

namespace gs::kernels {

using KIndex = std::int64_t;

// Reductions to one number (the loss, the divergence checks, the layer statistics).
enum class Reduction : int { Sum, SumSquares, SumAbs, MaxAbs };

// How the targets of a batch are held: as train/Loss.h's TargetEncoding, in the same order.
enum class Targets : int { Values, ClassIndex, ZeroOne, PlusMinusOne, OneHot };

// Every optimizer's rule, in the order they were published (the app lists them so, and the race
// runs them so), which is optim/Optimizer.h's OptimizerKind (made from this list). A new optimizer
// is a line here, its arithmetic in optimizerRuleElement below, and its entry in
// optim/Optimizer.cpp's table (docs/engine.md).
#define GS_OPTIMIZER_RULES(X) X(SGD) X(Adagrad) X(RMSprop) X(Adam) X(AdamW) X(Adamax)

#define GS_OPTIMIZER_RULE_ENUM(R) R,
enum class OptimizerRule : int { GS_OPTIMIZER_RULES(GS_OPTIMIZER_RULE_ENUM) };
#undef GS_OPTIMIZER_RULE_ENUM

// --- Activations -------------------------------------------------------------------------------

// Their definitions (ops/Activations.h), the graph's too: f(x), and dL/dx from x, y = f(x) and
// dL/dy as the graph's backward computes it.
using gs::activate;
using gs::Activation;

template <class T> GS_HD T activateGrad(Activation a, T x, T y, T dy, T slope) {
    return dy * activationDerivative(a, x, y, slope);
}

// --- Dropout -----------------------------------------------------------------------------------

// SplitMix64's finaliser: a counter-based generator, so element i of a mask is a function of
// (seed, i) alone and any number of threads draw the same mask.
GS_HD std::uint64_t mix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// 0 with probability p, else 1/(1 − p) (the graph's dropout mask, drawn differently).
template <class T> GS_HD T dropoutMask(std::uint64_t seed, KIndex i, T p) {
    if (p <= T(0)) return T(1);
    if (p >= T(1)) return T(0);
    const float u = float(mix64(seed ^ mix64(std::uint64_t(i))) >> 40) * 0x1.0p-24f;
    return T(u) < p ? T(0) : T(1) / (T(1) - p);
}

// --- Bias and channel sums ---------------------------------------------------------------------

// The channel of element i of a [outer, channels, inner] tensor: a linear layer's output is
// [batch, out, 1], a convolution's [batch, out, height·width].
GS_HD KIndex channelOf(KIndex i, KIndex channels, KIndex inner) {
    return (i / inner) % channels;
}

// Σ over outer and inner of g[o, c, i] for one channel c, outer first: the bias gradient.
template <class T>
GS_HD T channelSum(const T* g, KIndex outer, KIndex channels, KIndex inner, KIndex c) {
    T total = T(0);
    for (KIndex o = 0; o < outer; ++o) {
        const T* row = g + (o * channels + c) * inner;
        for (KIndex i = 0; i < inner; ++i)
            total += row[i];
    }
    return total;
}

// --- Softmax layer (ops/Softmax.cpp) -------------------------------------------------------------

// y = exp(x − max) over one row; returns Σ y, and the max in *top. The max is subtracted so
// that large logits neither overflow nor lose precision.
template <class T> GS_HD T expShifted(const T* x, T* y, KIndex cols, T* top) {
    *top = x[0];
    for (KIndex c = 1; c < cols; ++c)
        *top = x[c] > *top ? x[c] : *top;
    T total = T(0);
    for (KIndex c = 0; c < cols; ++c) {
        y[c] = expOf(x[c] - *top);
        total += y[c];
    }
    return total;
}

// y = exp(x − max) / Σ exp(x − max) over one row.
template <class T> GS_HD void softmaxRow(const T* x, T* y, KIndex cols) {
    T top;
    const T total = expShifted(x, y, cols, &top);
    for (KIndex c = 0; c < cols; ++c)
        y[c] /= total;
}

// dx = y ⊙ (dy − Σ y·dy) over one row.
template <class T> GS_HD void softmaxGradRow(const T* y, const T* dy, T* dx, KIndex cols) {
    T dot = T(0);
    for (KIndex c = 0; c < cols; ++c)
        dot += y[c] * dy[c];
    for (KIndex c = 0; c < cols; ++c)
        dx[c] = y[c] * (dy[c] - dot);
}

// --- Losses (ops/Loss.cpp), each reduced by the mean ---------------------------------------------

// Cross-entropy of one row of logits against its class: returns log Σ exp(x) − x[label] and
// writes (softmax(x) − onehot(label)) · scale into the row of dx (scale = 1 / batch).
template <class T> GS_HD T crossEntropyRow(const T* x, KIndex cols, KIndex label, T scale, T* dx) {
    T top;
    const T total = expShifted(x, dx, cols, &top);
    for (KIndex c = 0; c < cols; ++c)
        dx[c] = (dx[c] / total - (c == label ? T(1) : T(0))) * scale;
    return top + logOf(total) - x[label];
}

// Mean squared error, one element: returns (p − t)² and sets dp = 2(p − t) · scale.
template <class T> GS_HD T mseElement(T p, T t, T scale, T* dp) {
    const T d = p - t;
    *dp = T(2) * scale * d;
    return d * d;
}

// Binary cross-entropy with logits, one element, in the stable form
// max(x, 0) − x·t + log(1 + e^−|x|); dx = (σ(x) − t) · scale.
template <class T> GS_HD T bceElement(T x, T t, T scale, T* dx) {
    *dx = scale * (T(1) / (T(1) + expOf(-x)) - t);
    return (x > T(0) ? x : T(0)) - x * t + log1pOf(expOf(-absOf(x)));
}

// 1 when row r of the output predicts its label under the encoding (train/Loss.cpp's
// predictedClass: the first largest logit, or the sign of a single output).
template <class T> GS_HD T correctRow(const T* out, KIndex cols, Targets encoding, T label) {
    KIndex predicted = 0;
    if (encoding == Targets::ZeroOne || encoding == Targets::PlusMinusOne) {
        predicted = out[0] > T(0) ? 1 : 0;
    } else {
        for (KIndex c = 1; c < cols; ++c)
            if (out[c] > out[predicted]) predicted = c;
    }
    return T(predicted) == label ? T(1) : T(0);
}

// --- Convolution, as a product with the column matrix (ops/Conv.cpp) ----------------------------

struct ConvShape {
    KIndex batch = 0, channels = 0, height = 0, width = 0;
    KIndex outChannels = 0, kernel = 0, stride = 1, padding = 0;
    KIndex outHeight = 0, outWidth = 0;

    GS_HD KIndex patch() const { return channels * kernel * kernel; }
    GS_HD KIndex positions() const { return outHeight * outWidth; }
    GS_HD KIndex columnRows() const { return batch * positions(); }
};

// Element (row, col) of the column matrix [batch·positions, channels·kernel²]: the input pixel
// under kernel tap col at output position row, or 0 in the padding.
template <class T> GS_HD T im2colElement(const ConvShape& s, const T* x, KIndex index) {
    const KIndex patch = s.patch();
    const KIndex row = index / patch, col = index % patch;
    const KIndex n = row / s.positions(), position = row % s.positions();
    const KIndex oy = position / s.outWidth, ox = position % s.outWidth;
    const KIndex c = col / (s.kernel * s.kernel), tap = col % (s.kernel * s.kernel);
    const KIndex y = oy * s.stride - s.padding + tap / s.kernel;
    const KIndex xx = ox * s.stride - s.padding + tap % s.kernel;
    if (y < 0 || y >= s.height || xx < 0 || xx >= s.width) return T(0);
    return x[((n * s.channels + c) * s.height + y) * s.width + xx];
}

// dL/dx at input element `index`: the sum, over the kernel taps that read it, of the column
// gradient there (a gather, so each input element is written once).
template <class T> GS_HD T col2imElement(const ConvShape& s, const T* columns, KIndex index) {
    const KIndex xx = index % s.width;
    const KIndex y = (index / s.width) % s.height;
    const KIndex c = (index / (s.width * s.height)) % s.channels;
    const KIndex n = index / (s.width * s.height * s.channels);
    T total = T(0);
    for (KIndex ky = 0; ky < s.kernel; ++ky) {
        const KIndex top = y + s.padding - ky;
        if (top < 0 || top % s.stride != 0 || top / s.stride >= s.outHeight) continue;
        for (KIndex kx = 0; kx < s.kernel; ++kx) {
            const KIndex left = xx + s.padding - kx;
            if (left < 0 || left % s.stride != 0 || left / s.stride >= s.outWidth) continue;
            const KIndex row = n * s.positions() + (top / s.stride) * s.outWidth + left / s.stride;
            total += columns[row * s.patch() + (c * s.kernel + ky) * s.kernel + kx];
        }
    }
    return total;
}

// Between the product's layout [batch·positions, outChannels] and NCHW [batch, outChannels,
// positions]: element `index` of the NCHW tensor and where it sits in the product.
GS_HD KIndex productIndexOf(KIndex index, KIndex outChannels, KIndex positions) {
    const KIndex position = index % positions;
    const KIndex o = (index / positions) % outChannels;
    const KIndex n = index / (positions * outChannels);
    return (n * positions + position) * outChannels + o;
}

// --- Max-pool (ops/Conv.cpp)
// ----------------------------------------------------------------------

struct PoolShape {
    KIndex planes = 0, height = 0, width = 0; // planes = batch · channels
    KIndex kernel = 2, stride = 2;
    KIndex outHeight = 0, outWidth = 0;
};

// Output element `index`: the window's largest input, the first in reading order on a tie, and
// where it was (an index into the input).
template <class T>
GS_HD T maxPoolElement(const PoolShape& s, const T* x, KIndex index, std::int64_t* where) {
    const KIndex ox = index % s.outWidth;
    const KIndex oy = (index / s.outWidth) % s.outHeight;
    const KIndex plane = index / (s.outWidth * s.outHeight);
    const KIndex base = plane * s.height * s.width;
    KIndex best = base + oy * s.stride * s.width + ox * s.stride;
    for (KIndex ky = 0; ky < s.kernel; ++ky)
        for (KIndex kx = 0; kx < s.kernel; ++kx) {
            const KIndex at = base + (oy * s.stride + ky) * s.width + ox * s.stride + kx;
            if (x[at] > x[best]) best = at;
        }
    *where = best;
    return x[best];
}

// dL/dx at input element `index`: the gradients of the windows whose largest input it was.
template <class T>
GS_HD T maxPoolGradElement(const PoolShape& s, const T* dy, const std::int64_t* where,
                           KIndex index) {
    const KIndex xx = index % s.width;
    const KIndex y = (index / s.width) % s.height;
    const KIndex plane = index / (s.width * s.height);
    T total = T(0);
    // Windows oy with oy·stride ≤ y < oy·stride + kernel, and likewise for x.
    const KIndex firstY = y >= s.kernel ? (y - s.kernel) / s.stride + 1 : 0;
    const KIndex firstX = xx >= s.kernel ? (xx - s.kernel) / s.stride + 1 : 0;
    for (KIndex oy = firstY; oy <= y / s.stride && oy < s.outHeight; ++oy)
        for (KIndex ox = firstX; ox <= xx / s.stride && ox < s.outWidth; ++ox) {
            const KIndex out = (plane * s.outHeight + oy) * s.outWidth + ox;
            if (where[out] == index) total += dy[out];
        }
    return total;
}

// --- Optimizers (optim/Optimizer.cpp), one weight at a time --------------------------------------

// What one optimizer step needs besides the tensors. It lives in device memory and is written
// before each step, so that a recorded step (a CUDA graph) replays with the new values.
template <class T> struct StepValues {
    OptimizerRule rule = OptimizerRule::SGD;
    int first = 0; // the first step: SGD's momentum buffer starts as g
    int nesterov = 0;
    int centered = 0;
    T learningRate = 0, weightDecay = 0;
    T momentum = 0, dampening = 0;
    T beta1 = 0, beta2 = 0, eps = 0, alpha = 0;
    T stepSize = 0;         // Adam, Adamax: lr / (1 − β1ᵗ)
    T correction2 = 0;      // Adam: √(1 − β2ᵗ)
    T adagradRate = 0;      // Adagrad: lr / (1 + (t − 1)·lr_decay)
    T l1 = 0, l2 = 0;       // regularisation of the weights (not the biases)
    std::uint64_t seed = 0; // this step's dropout masks
};

// The regularisation's share of dL/dw: l1·sign(w) + 2·l2·w (train/Loss.cpp's penalty).
template <class T> GS_HD T penaltyGrad(T w, T l1, T l2) {
    const T sign = w > T(0) ? T(1) : (w < T(0) ? T(-1) : T(0));
    return l1 * sign + l2 * w + l2 * w;
}

// The state buffers of one optimizer step: the weights, their gradient, PyTorch's buffers in
// the order Optimizer::step makes them (optimizerBuffers() in optim/Optimizer.h; unused slots
// may be null), and where the update is written.
template <class T> struct StepTensors {
    T* w;
    const T* g;
    T* s0;
    T* s1;
    T* s2;
    T* update;
};

// The choices a step makes the same way for every weight. On the host they are template
// arguments, so that a loop over the weights has no branch in it and vectorises; a device
// kernel reads them from StepValues (kReadFlags).
enum StepFlag : unsigned {
    kDecay = 1,    // g = ∇w + weight_decay·w (not AdamW, which decays w itself)
    kMomentum = 2, // SGD's and RMSprop's momentum buffer
    kNesterov = 4,
    kFirst = 8, // SGD's momentum buffer starts as g
    kCentered = 16,
    kReadFlags = 32,
};

// The flags rule r reads (stepFlags sets no others; the host's loops are made for these).
constexpr GS_HD unsigned ruleFlags(OptimizerRule r) {
    switch (r) {
    case OptimizerRule::SGD:
        return kDecay | kMomentum | kNesterov | kFirst;
    case OptimizerRule::RMSprop:
        return kDecay | kMomentum | kCentered;
    case OptimizerRule::AdamW:
        return 0; // decays w itself
    default:
        return kDecay;
    }
}

// The flags of these values that their rule reads.
template <class T> GS_HD unsigned stepFlags(const StepValues<T>& c) {
    unsigned f = 0;
    if (c.weightDecay != T(0)) f |= kDecay;
    if (c.rule == OptimizerRule::SGD ? c.momentum != T(0) : c.momentum > T(0)) f |= kMomentum;
    if (c.nesterov) f |= kNesterov;
    if (c.first) f |= kFirst;
    if (c.centered) f |= kCentered;
    return f & ruleFlags(c.rule);
}

// Weight i's update under rule R with flags F (or those of c, with kReadFlags).
template <OptimizerRule R, unsigned F, class T>
GS_HD void optimizerRuleElement(const StepValues<T>& c, const StepTensors<T>& t, KIndex i) {
    const unsigned f = (F & kReadFlags) ? stepFlags(c) : F;
    const T w = t.w[i];
    const T g = (f & kDecay) ? t.g[i] + c.weightDecay * w : t.g[i];
    T u = T(0);
    if constexpr (R == OptimizerRule::SGD) {
        if (f & kMomentum) {
            const T buf = (f & kFirst) ? g : c.momentum * t.s0[i] + (T(1) - c.dampening) * g;
            t.s0[i] = buf;
            u = (f & kNesterov) ? -c.learningRate * (g + c.momentum * buf) : -c.learningRate * buf;
        } else {
            u = -c.learningRate * g;
        }
    } else if constexpr (R == OptimizerRule::Adam || R == OptimizerRule::AdamW) {
        const T m = c.beta1 * t.s0[i] + (T(1) - c.beta1) * g;
        const T v = c.beta2 * t.s1[i] + (T(1) - c.beta2) * (g * g);
        t.s0[i] = m;
        t.s1[i] = v;
        u = -c.stepSize * m / (sqrtOf(v) / c.correction2 + c.eps);
        if (R == OptimizerRule::AdamW) u -= c.learningRate * c.weightDecay * w;
    } else if constexpr (R == OptimizerRule::RMSprop) {
        const T s = c.alpha * t.s0[i] + (T(1) - c.alpha) * (g * g);
        t.s0[i] = s;
        T avg;
        if (f & kCentered) {
            const T a = c.alpha * t.s1[i] + (T(1) - c.alpha) * g;
            t.s1[i] = a;
            avg = sqrtOf(s - a * a) + c.eps;
        } else {
            avg = sqrtOf(s) + c.eps;
        }
        if (f & kMomentum) {
            T* buffer = (f & kCentered) ? t.s2 : t.s1;
            const T buf = c.momentum * buffer[i] + g / avg;
            buffer[i] = buf;
            u = -c.learningRate * buf;
        } else {
            u = -c.learningRate * g / avg;
        }
    } else if constexpr (R == OptimizerRule::Adagrad) {
        const T sum = t.s0[i] + g * g;
        t.s0[i] = sum;
        u = -c.adagradRate * g / (sqrtOf(sum) + c.eps);
    } else if constexpr (R == OptimizerRule::Adamax) {
        const T m = c.beta1 * t.s0[i] + (T(1) - c.beta1) * g;
        const T decayed = c.beta2 * t.s1[i], magnitude = (g < T(0) ? -g : g) + c.eps;
        // torch.amax: NaN wins.
        const T norm = (decayed > magnitude || decayed != decayed) ? decayed : magnitude;
        t.s0[i] = m;
        t.s1[i] = norm;
        u = -c.stepSize * m / norm;
    } else {
        static_assert(R != R, "an optimizer rule without its arithmetic");
    }
    t.update[i] = u;
    t.w[i] = w + u;
}

template <class T>
GS_HD void optimizerElement(const StepValues<T>& c, const StepTensors<T>& t, KIndex i) {
    switch (c.rule) {
#define GS_OPTIMIZER_RULE_CASE(R)                                                                  \
    case OptimizerRule::R:                                                                         \
        return optimizerRuleElement<OptimizerRule::R, kReadFlags>(c, t, i);
        GS_OPTIMIZER_RULES(GS_OPTIMIZER_RULE_CASE)
#undef GS_OPTIMIZER_RULE_CASE
    }
}

// The term of a reduction for one element.
template <class T> GS_HD double reductionTerm(Reduction r, T x) {
    switch (r) {
    case Reduction::Sum:
        return double(x);
    case Reduction::SumSquares:
        return double(x) * double(x);
    case Reduction::SumAbs:
    case Reduction::MaxAbs:
        return double(absOf(x));
    }
    return 0;
}

// Combines two partial reductions. MaxAbs keeps a NaN (x != x), so the divergence checks see it.
GS_HD double combine(Reduction r, double a, double b) {
    if (r != Reduction::MaxAbs) return a + b;
    if (a != a) return a;
    if (b != b) return b;
    return a > b ? a : b;
}

} // namespace gs::kernels
