// Matrix products: forward and backward side by side.
#include "../core/Gemm.h"
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"

namespace gs {

Var matmul(const Var& a, const Var& b) {
    Graph& graph = detail::graphOf({a, b});
    const Shape& sa = a.shape();
    const Shape& sb = b.shape();
    if (sa.rank() != 2 || sb.rank() != 2)
        throw ShapeError(Engine::tr("{1}: needs two matrices, got {2} and {3}"),
                         detail::label(graph, OpKind::MatMul), detail::describe(a),
                         detail::describe(b));
    if (sa[1] != sb[0])
        throw ShapeError(
            Engine::tr("{1}: cannot multiply {2} by {3}: {4} columns against {5} rows"),
            detail::label(graph, OpKind::MatMul), detail::describe(a), detail::describe(b), sa[1],
            sb[0]);
    Node& n = graph.record(OpKind::MatMul, {a, b});
    n.value.resize({sa[0], sb[1]});
    product(n.value.matrix(), a.value().matrix(), b.value().matrix());
    return graph.var(n);
}

Var transpose(const Var& x) {
    Graph& graph = x.graph();
    if (x.shape().rank() != 2)
        throw ShapeError(Engine::tr("{1}: needs a matrix, got {2}"),
                         detail::label(graph, OpKind::Transpose), detail::describe(x));
    Node& n = graph.record(OpKind::Transpose, {x});
    n.value.resize({x.shape()[1], x.shape()[0]});
    n.value.matrix() = x.value().matrix().transpose();
    return graph.var(n);
}

Var linear(const Var& x, const Var& weight, const Var& bias) {
    Graph& graph = detail::graphOf({x, weight, bias});
    const std::string label = detail::label(graph, OpKind::Linear);
    const Shape& sx = x.shape();
    const Shape& sw = weight.shape();
    if (sw.rank() != 2)
        throw ShapeError(Engine::tr("{1}: the weight must be a matrix [out, in], got {2}"), label,
                         detail::describe(weight));
    if (sx.rank() != 2)
        throw ShapeError(
            Engine::tr("{1}: the input must be [batch, features], got {2} (flatten images first)"),
            label, detail::describe(x));
    if (sx[1] != sw[1])
        throw ShapeError(
            Engine::tr("{1}: input has {2} features but the layer expects {3} ({4}, weight {5})"),
            label, sx[1], sw[1], detail::describe(x), detail::describe(weight));
    if (bias.valid() && bias.shape().numel() != sw[0])
        throw ShapeError(
            Engine::tr("{1}: the bias must have {2} elements, one per output, got {3}"), label,
            sw[0], detail::describe(bias));
    Node& n = bias.valid() ? graph.record(OpKind::Linear, {x, weight, bias})
                           : graph.record(OpKind::Linear, {x, weight});
    n.value.resize({sx[0], sw[0]});
    auto y = n.value.matrix();
    product(y, x.value().matrix(), weight.value().matrix().transpose());
    if (bias.valid())
        y.rowwise() +=
            Eigen::Map<const Eigen::Matrix<Scalar, 1, Eigen::Dynamic>>(bias.value().data(), sw[0]);
    return graph.var(n);
}

namespace rules {

// d(a@b)/da = grad @ bᵀ, d(a@b)/db = aᵀ @ grad
void matmulBackward(BackwardContext& ctx) {
    const auto g = ctx.gradOut.matrix();
    if (Tensor* ga = ctx.gradIn[0]) {
        ga->resize(ctx.input(0).shape());
        product(ga->matrix(), g, ctx.input(1).matrix().transpose());
    }
    if (Tensor* gb = ctx.gradIn[1]) {
        gb->resize(ctx.input(1).shape());
        product(gb->matrix(), ctx.input(0).matrix().transpose(), g);
    }
}

// d(xᵀ)/dx: the gradient transposed back
void transposeBackward(BackwardContext& ctx) {
    if (Tensor* gx = ctx.gradIn[0]) {
        gx->resize(ctx.input(0).shape());
        gx->matrix() = ctx.gradOut.matrix().transpose();
    }
}

// y = x Wᵀ + b: dL/dx = g W, dL/dW = gᵀ x, dL/db = Σ_rows g
void linearBackward(BackwardContext& ctx) {
    const auto g = ctx.gradOut.matrix();
    if (Tensor* gx = ctx.gradIn[0]) {
        gx->resize(ctx.input(0).shape());
        product(gx->matrix(), g, ctx.input(1).matrix());
    }
    if (Tensor* gw = ctx.gradIn[1]) {
        gw->resize(ctx.input(1).shape());
        product(gw->matrix(), g.transpose(), ctx.input(0).matrix());
    }
    if (ctx.node.inputCount > 2)
        if (Tensor* gb = ctx.gradIn[2]) {
            gb->resize(ctx.input(2).shape());
            Eigen::Map<Eigen::Matrix<Scalar, 1, Eigen::Dynamic>>(gb->data(), g.cols()) =
                g.colwise().sum();
        }
}

} // namespace rules
} // namespace gs
