// Softmax and log-softmax over the last dimension, computed stably (max subtracted).
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"

namespace gs {

namespace {

// The tensor as a matrix whose rows are the vectors being normalised.
Index lastDim(const Shape& s) {
    return s.rank() == 0 ? 1 : s[s.rank() - 1];
}

ConstMatrixMap rowsOf(const Tensor& t) {
    const Index c = lastDim(t.shape());
    return {t.data(), c == 0 ? 0 : t.numel() / c, c};
}
MatrixMap rowsOf(Tensor& t) {
    const Index c = lastDim(t.shape());
    return {t.data(), c == 0 ? 0 : t.numel() / c, c};
}

Var normalise(OpKind op, const Var& x) {
    Graph& graph = x.graph();
    if (x.shape().rank() == 0 || lastDim(x.shape()) == 0)
        throw ShapeError(Engine::tr("{1}: needs at least one class along the last dimension, "
                                    "got {2}"),
                         detail::label(graph, op), detail::describe(x));
    Node& n = graph.record(op, {x});
    n.value.resize(x.shape());
    const auto in = rowsOf(x.value());
    auto out = rowsOf(n.value);
    out = in.colwise() - in.rowwise().maxCoeff();
    if (op == OpKind::Softmax) {
        out = out.array().exp();
        out.array().colwise() /= out.rowwise().sum().array();
    } else {
        const auto lse = out.array().exp().rowwise().sum().log().eval();
        out.array().colwise() -= lse;
    }
    return graph.var(n);
}

} // namespace

Var softmax(const Var& x) {
    return normalise(OpKind::Softmax, x);
}
Var logSoftmax(const Var& x) {
    return normalise(OpKind::LogSoftmax, x);
}

namespace rules {

// dL/dx = y ⊙ (g - Σ_j g_j y_j), per row
void softmaxBackward(BackwardContext& ctx) {
    Tensor* gx = ctx.gradIn[0];
    if (!gx) return;
    gx->resize(ctx.input(0).shape());
    const auto y = rowsOf(ctx.output()).array();
    const auto g = rowsOf(ctx.gradOut).array();
    const auto dot = (g * y).rowwise().sum().eval();
    rowsOf(*gx).array() = y * (g.colwise() - dot);
}

// dL/dx = g - softmax(x) Σ_j g_j, per row; softmax(x) = exp(y)
void logSoftmaxBackward(BackwardContext& ctx) {
    Tensor* gx = ctx.gradIn[0];
    if (!gx) return;
    gx->resize(ctx.input(0).shape());
    const auto y = rowsOf(ctx.output()).array();
    const auto g = rowsOf(ctx.gradOut).array();
    const auto total = g.rowwise().sum().eval();
    rowsOf(*gx).array() = g - y.exp().colwise() * total;
}

} // namespace rules
} // namespace gs
