// Elementwise ops: forward and backward side by side, with the derivative above each rule.
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"
#include "core/Broadcast.h"
#include "core/Gemm.h"
#include "core/Parallel.h"

#include <algorithm>
#include <cmath>

#ifdef GRADSCOPE_OWN_GEMM
#include <immintrin.h>
#endif

namespace gs {

namespace {

// out(i, j) = f(a(i, j), b(i, j)) over the output's matrix view, with a and b broadcast.
template <class F>
void binaryLoop(const Tensor& a, Broadcast ma, const Tensor& b, Broadcast mb, Tensor& out, F f) {
    const Index rows = out.rows();
    const Index cols = out.cols();
    const Scalar* pa = a.data();
    const Scalar* pb = b.data();
    Scalar* po = out.data();
    if (ma == Broadcast::Full && mb == Broadcast::Full) {
        for (Index i = 0, n = out.numel(); i < n; ++i)
            po[i] = f(pa[i], pb[i]);
        return;
    }
    if (ma == Broadcast::Full && mb == Broadcast::Row) { // the bias case
        for (Index i = 0; i < rows; ++i)
            for (Index j = 0; j < cols; ++j)
                po[i * cols + j] = f(pa[i * cols + j], pb[j]);
        return;
    }
    const Strides sa = broadcastStrides(ma, cols);
    const Strides sb = broadcastStrides(mb, cols);
    for (Index i = 0; i < rows; ++i)
        for (Index j = 0; j < cols; ++j)
            po[i * cols + j] = f(pa[i * sa.row + j * sa.col], pb[i * sb.row + j * sb.col]);
}

struct Operands {
    Broadcast a;
    Broadcast b;
};

Operands modesOf(const Node& node, const Tensor& a, const Tensor& b) {
    return {*broadcastMode(a.shape(), node.value.shape()),
            *broadcastMode(b.shape(), node.value.shape())};
}

template <class F> Var binary(OpKind op, const Var& a, const Var& b, F f) {
    Graph& graph = detail::graphOf({a, b});
    const auto shape = broadcastShape(a.shape(), b.shape());
    if (!shape)
        throw ShapeError(Engine::tr("{1}: cannot broadcast {2} with {3}; shapes must be equal, or "
                                    "one must be a scalar, a row [1, C] or a column [N, 1]"),
                         detail::label(graph, op), detail::describe(a), detail::describe(b));
    Node& n = graph.record(op, {a, b});
    n.value.resize(*shape);
    const Tensor& va = a.value();
    const Tensor& vb = b.value();
    const Operands m = modesOf(n, va, vb);
    binaryLoop(va, m.a, vb, m.b, n.value, f);
    return graph.var(n);
}

// ReLU, forward and backward, with AVX2 where the processor has it (chosen with the GEMM's
// kernels, core/Gemm.h): Eigen's expressions in a portable build are SSE2, which the portable
// path keeps. The same arithmetic as the expressions: max(x, 0) keeps a NaN; the backward
// multiplies the upstream gradient by 1 or 0 (so an infinite one times 0 is NaN, as before).
#ifdef GRADSCOPE_OWN_GEMM
__attribute__((target("avx2"))) void reluAvx2(const Scalar* __restrict x, Scalar* __restrict y,
                                              Index n) {
    for (Index i = 0; i < n; ++i)
        y[i] = std::max(x[i], Scalar(0));
}
// Written with intrinsics: GCC turns "g · (x > 0)" into a branch (g or g · 0), which it cannot
// vectorise.
__attribute__((target("avx2"))) void reluBackwardAvx2(const Scalar* __restrict gradOut,
                                                      const Scalar* __restrict x,
                                                      Scalar* __restrict gradIn, Index n) {
    Index i = 0;
    if constexpr (sizeof(Scalar) == 4) {
        const __m256 zero = _mm256_setzero_ps(), one = _mm256_set1_ps(1);
        for (; i + 8 <= n; i += 8) {
            const __m256 mask =
                _mm256_and_ps(_mm256_cmp_ps(_mm256_loadu_ps(x + i), zero, _CMP_GT_OQ), one);
            _mm256_storeu_ps(gradIn + i, _mm256_mul_ps(_mm256_loadu_ps(gradOut + i), mask));
        }
    }
    for (; i < n; ++i)
        gradIn[i] = gradOut[i] * (x[i] > Scalar(0) ? Scalar(1) : Scalar(0));
}

bool useAvx2() {
    return gemmKernels() != GemmKernels::Portable;
}
#endif

// out = f(x) elementwise, written with Eigen array expressions.
template <class F> Var unary(OpKind op, const Var& x, F f) {
    Graph& graph = x.graph();
    Node& n = graph.record(op, {x});
    n.value.resize(x.shape());
    forElements(n.value.numel(), [&](Index begin, Index end) {
        n.value.array().segment(begin, end - begin) =
            f(x.value().array().segment(begin, end - begin));
    });
    return graph.var(n);
}

} // namespace

Var add(const Var& a, const Var& b) {
    return binary(OpKind::Add, a, b, [](Scalar x, Scalar y) { return x + y; });
}
Var sub(const Var& a, const Var& b) {
    return binary(OpKind::Sub, a, b, [](Scalar x, Scalar y) { return x - y; });
}
Var mul(const Var& a, const Var& b) {
    return binary(OpKind::Mul, a, b, [](Scalar x, Scalar y) { return x * y; });
}
Var div(const Var& a, const Var& b) {
    return binary(OpKind::Div, a, b, [](Scalar x, Scalar y) { return x / y; });
}

Var constant(const Var& like, Scalar value) {
    return like.graph().input(Tensor::scalar(value));
}

Var operator+(const Var& a, const Var& b) {
    return add(a, b);
}
Var operator-(const Var& a, const Var& b) {
    return sub(a, b);
}
Var operator*(const Var& a, const Var& b) {
    return mul(a, b);
}
Var operator/(const Var& a, const Var& b) {
    return div(a, b);
}
Var operator-(const Var& x) {
    return neg(x);
}
Var operator+(const Var& a, Scalar b) {
    return add(a, constant(a, b));
}
Var operator-(const Var& a, Scalar b) {
    return sub(a, constant(a, b));
}
Var operator*(const Var& a, Scalar b) {
    return mul(a, constant(a, b));
}
Var operator/(const Var& a, Scalar b) {
    return div(a, constant(a, b));
}
Var operator+(Scalar a, const Var& b) {
    return add(constant(b, a), b);
}
Var operator-(Scalar a, const Var& b) {
    return sub(constant(b, a), b);
}
Var operator*(Scalar a, const Var& b) {
    return mul(constant(b, a), b);
}
Var operator/(Scalar a, const Var& b) {
    return div(constant(b, a), b);
}

Var neg(const Var& x) {
    return unary(OpKind::Neg, x, [](const auto& v) { return -v; });
}
Var abs(const Var& x) {
    return unary(OpKind::Abs, x, [](const auto& v) { return v.abs(); });
}
Var exp(const Var& x) {
    return unary(OpKind::Exp, x, [](const auto& v) { return v.exp(); });
}
Var log(const Var& x) {
    return unary(OpKind::Log, x, [](const auto& v) { return v.log(); });
}
// Sigmoid and tanh are computed by Eigen's vectorised expressions (the functions of
// ops/Activations.h, 8 or 16 elements at a time where the standard library's are one at a time),
// ReLU by its AVX2 loop where the processor has it; every other activation element by element
// from its definition. Every backward and local derivative is the definition's derivative().
void activateRange(Activation a, Scalar alpha, const Scalar* in, Scalar* out, Index count) {
    auto y = Eigen::Map<Array>(out, count);
    const auto v = Eigen::Map<const Array>(in, count);
    switch (a) {
    case Activation::Relu:
#ifdef GRADSCOPE_OWN_GEMM
        if (useAvx2()) {
            reluAvx2(in, out, count);
            return;
        }
#endif
        y = v.max(Scalar(0));
        return;
    case Activation::Sigmoid:
        y = Scalar(1) / (Scalar(1) + (-v).exp());
        return;
    case Activation::Tanh:
        y = v.tanh();
        return;
    default:
        withActivation(a, [&]<class Def>() {
            for (Index i = 0; i < count; ++i)
                out[i] = Def::value(in[i], alpha);
        });
    }
}

void activateGradRange(Activation a, Scalar alpha, const Scalar* x, const Scalar* y,
                       const Scalar* dy, Scalar* dx, Index count) {
#ifdef GRADSCOPE_OWN_GEMM
    if (a == Activation::Relu && useAvx2()) {
        reluBackwardAvx2(dy, x, dx, count);
        return;
    }
#endif
    withActivation(a, [&]<class Def>() {
        for (Index i = 0; i < count; ++i)
            dx[i] = dy[i] * Def::derivative(x[i], y[i], alpha);
    });
}

Var activation(const Var& x, Activation a, Scalar alpha) {
    Graph& graph = x.graph();
    Node& n = graph.record(activationOp(a), {x});
    if (activationInfo(a).hasSlope) n.attrs.alpha = alpha;
    n.value.resize(x.shape());
    const Scalar* in = x.value().data();
    Scalar* out = n.value.data();
    forElements(n.value.numel(), [&](Index begin, Index end) {
        activateRange(a, alpha, in + begin, out + begin, end - begin);
    });
    return graph.var(n);
}
Var relu(const Var& x) {
    return activation(x, Activation::Relu);
}
Var sigmoid(const Var& x) {
    return activation(x, Activation::Sigmoid);
}
Var tanh(const Var& x) {
    return activation(x, Activation::Tanh);
}
Var leakyRelu(const Var& x, Scalar negativeSlope) {
    return activation(x, Activation::LeakyRelu, negativeSlope);
}

Var pow(const Var& x, Scalar exponent) {
    Var out = unary(OpKind::Pow, x, [exponent](const auto& v) { return v.pow(exponent); });
    x.graph().node(out.id()).attrs.alpha = exponent;
    return out;
}

Var dropout(const Var& x, Scalar p, bool training) {
    Graph& graph = x.graph();
    if (!(p >= 0 && p <= 1))
        throw InvalidArgument(Engine::tr("{1}: probability must be between 0 and 1, got {2}"),
                              detail::label(graph, OpKind::Dropout),
                              std::to_string(p)); // "%f", as before
    Node& n = graph.record(OpKind::Dropout, {x});
    n.attrs.alpha = p;
    n.attrs.training = training;
    n.saved.resize(x.shape());
    if (!training || p == 0) {
        n.saved.fill(1);
    } else if (p == 1) {
        n.saved.fill(0);
    } else {
        // The mask holds 0 or 1/(1-p), so forward and backward are one multiplication.
        const Scalar scale = Scalar(1) / (Scalar(1) - p);
        auto& rng = graph.rng();
        for (Index i = 0; i < n.saved.numel(); ++i) {
            const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
            n.saved[i] = u < p ? Scalar(0) : scale;
        }
    }
    n.value.resize(x.shape());
    n.value.array() = x.value().array() * n.saved.array();
    return graph.var(n);
}

namespace rules {

// Writes g (a copy of the output gradient) scaled by `sign` into the slot, in output shape;
// the backward loop sums it down to a broadcast operand's shape.
static void sendScaled(BackwardContext& ctx, int slot, Scalar sign) {
    if (Tensor* g = ctx.gradIn[static_cast<std::size_t>(slot)]) {
        g->resize(ctx.gradOut.shape());
        g->array() = ctx.gradOut.array() * sign;
    }
}

// d(a+b)/da = 1, d(a+b)/db = 1
void addBackward(BackwardContext& ctx) {
    sendScaled(ctx, 0, 1);
    sendScaled(ctx, 1, 1);
}

// d(a-b)/da = 1, d(a-b)/db = -1
void subBackward(BackwardContext& ctx) {
    sendScaled(ctx, 0, 1);
    sendScaled(ctx, 1, -1);
}

// d(a*b)/da = b, d(a*b)/db = a
void mulBackward(BackwardContext& ctx) {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    const Operands m = modesOf(ctx.node, a, b);
    auto times = [](Scalar g, Scalar v) { return g * v; };
    if (Tensor* ga = ctx.gradIn[0]) {
        ga->resize(ctx.gradOut.shape());
        binaryLoop(ctx.gradOut, Broadcast::Full, b, m.b, *ga, times);
    }
    if (Tensor* gb = ctx.gradIn[1]) {
        gb->resize(ctx.gradOut.shape());
        binaryLoop(ctx.gradOut, Broadcast::Full, a, m.a, *gb, times);
    }
}

// d(a/b)/da = 1/b, d(a/b)/db = -a/b² = -(a/b)/b
void divBackward(BackwardContext& ctx) {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    const Operands m = modesOf(ctx.node, a, b);
    if (Tensor* ga = ctx.gradIn[0]) {
        ga->resize(ctx.gradOut.shape());
        binaryLoop(ctx.gradOut, Broadcast::Full, b, m.b, *ga,
                   [](Scalar g, Scalar v) { return g / v; });
    }
    if (Tensor* gb = ctx.gradIn[1]) {
        gb->resize(ctx.gradOut.shape());
        gb->array() = -ctx.gradOut.array() * ctx.output().array();
        binaryLoop(*gb, Broadcast::Full, b, m.b, *gb, [](Scalar g, Scalar v) { return g / v; });
    }
}

// Elementwise unary backward: gradIn = gradOut ⊙ local.
template <class F> static void unaryBackward(BackwardContext& ctx, F local) {
    if (Tensor* g = ctx.gradIn[0]) {
        g->resize(ctx.gradOut.shape());
        forElements(g->numel(), [&](Index begin, Index end) {
            const Index count = end - begin;
            g->array().segment(begin, count) = ctx.gradOut.array().segment(begin, count) *
                                               local(ctx.input(0).array().segment(begin, count),
                                                     ctx.output().array().segment(begin, count));
        });
    }
}

// d(-x)/dx = -1
void negBackward(BackwardContext& ctx) {
    sendScaled(ctx, 0, -1);
}
// d|x|/dx = sign(x), 0 at 0
void absBackward(BackwardContext& ctx) {
    unaryBackward(ctx, [](const auto& x, const auto&) { return x.sign(); });
}
// d(exp x)/dx = exp x
void expBackward(BackwardContext& ctx) {
    unaryBackward(ctx, [](const auto&, const auto& y) { return y; });
}
// d(log x)/dx = 1/x
void logBackward(BackwardContext& ctx) {
    unaryBackward(ctx, [](const auto& x, const auto&) { return x.inverse(); });
}
// d(x^p)/dx = p x^(p-1)
void powBackward(BackwardContext& ctx) {
    const Scalar p = ctx.node.attrs.alpha;
    unaryBackward(ctx, [p](const auto& x, const auto&) { return p * x.pow(p - 1); });
}
// d f(x)/dx = the activation's derivative(x, f(x)) (ops/Activations.h)
void activationBackward(BackwardContext& ctx) {
    Tensor* g = ctx.gradIn[0];
    if (!g) return;
    const Activation a = *activationOf(ctx.node.op);
    g->resize(ctx.gradOut.shape());
    const Scalar* dy = ctx.gradOut.data();
    const Scalar* x = ctx.input(0).data();
    const Scalar* y = ctx.output().data();
    Scalar* dx = g->data();
    const Scalar alpha = ctx.node.attrs.alpha;
    forElements(g->numel(), [&](Index begin, Index end) {
        activateGradRange(a, alpha, x + begin, y + begin, dy + begin, dx + begin, end - begin);
    });
}
// d dropout(x)/dx = mask / (1 - p), the saved mask
void dropoutBackward(BackwardContext& ctx) {
    const Tensor& mask = ctx.node.saved;
    unaryBackward(ctx, [&mask](const auto&, const auto&) { return mask.array(); });
}

bool binaryLocal(const Graph& graph, const Node& node, int slot, Tensor& out) {
    const Tensor& a = graph.node(node.inputs[0]).output();
    const Tensor& b = graph.node(node.inputs[1]).output();
    const Tensor& self = slot == 0 ? a : b;
    if (self.shape() != node.value.shape())
        return false; // a broadcast operand has no elementwise local derivative
    const Operands m = modesOf(node, a, b);
    out.resize(node.value.shape());
    switch (node.op) {
    case OpKind::Add:
        out.fill(1);
        return true;
    case OpKind::Sub:
        out.fill(slot == 0 ? 1 : -1);
        return true;
    case OpKind::Mul: { // the other operand
        const Tensor& other = slot == 0 ? b : a;
        const Broadcast mode = slot == 0 ? m.b : m.a;
        binaryLoop(other, mode, other, mode, out, [](Scalar v, Scalar) { return v; });
        return true;
    }
    case OpKind::Div:
        if (slot == 0) // 1/b
            binaryLoop(b, m.b, b, m.b, out, [](Scalar v, Scalar) { return 1 / v; });
        else // -(a/b)/b
            binaryLoop(node.value, Broadcast::Full, b, m.b, out,
                       [](Scalar y, Scalar v) { return -y / v; });
        return true;
    default:
        return false;
    }
}

bool unaryLocal(const Graph& graph, const Node& node, int slot, Tensor& out) {
    if (slot != 0) return false;
    if (const auto a = activationOf(node.op)) { // the same derivative as the backward's
        const Tensor& in = graph.node(node.inputs[0]).output();
        out.resize(node.value.shape());
        withActivation(*a, [&]<class Def>() {
            for (Index i = 0; i < out.numel(); ++i)
                out[i] = Def::derivative(in[i], node.value[i], node.attrs.alpha);
        });
        return true;
    }
    const auto x = graph.node(node.inputs[0]).output().array();
    const auto y = node.value.array();
    out.resize(node.value.shape());
    auto o = out.array();
    switch (node.op) {
    case OpKind::Neg:
        o.setConstant(-1);
        return true;
    case OpKind::Abs:
        o = x.sign();
        return true;
    case OpKind::Exp:
        o = y;
        return true;
    case OpKind::Log:
        o = x.inverse();
        return true;
    case OpKind::Pow:
        o = node.attrs.alpha * x.pow(node.attrs.alpha - 1);
        return true;
    case OpKind::Dropout:
        o = node.saved.array();
        return true;
    default:
        return false;
    }
}

} // namespace rules
} // namespace gs
