// Reshape and flatten: the same elements under a new shape.
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"

#include <algorithm>

namespace gs {

namespace {
Var reshapeAs(OpKind op, const Var& x, const Shape& shape) {
    Graph& graph = x.graph();
    if (shape.numel() != x.shape().numel())
        throw ShapeError(Engine::tr("{1}: cannot reshape {2} ({3} elements) to {4} ({5} elements)"),
                         detail::label(graph, op), detail::describe(x), x.shape().numel(),
                         shape.str(), shape.numel());
    Node& n = graph.record(op, {x});
    n.value.resize(shape);
    // A plain copy: the C library's, at the processor's widest (the portable build's Eigen
    // would copy with SSE2).
    std::copy_n(x.value().data(), shape.numel(), n.value.data());
    return graph.var(n);
}
} // namespace

Var reshape(const Var& x, const Shape& shape) {
    return reshapeAs(OpKind::Reshape, x, shape);
}

Var flatten(const Var& x) {
    const Shape& s = x.shape();
    if (s.rank() == 0)
        throw ShapeError(Engine::tr("{1}: cannot flatten a scalar {2}"),
                         detail::label(x.graph(), OpKind::Flatten), detail::describe(x));
    return reshapeAs(OpKind::Flatten, x, Shape{s.rows(), s.cols()});
}

namespace rules {

// d reshape(x)/dx: the gradient under the input's shape
void reshapeBackward(BackwardContext& ctx) {
    if (Tensor* gx = ctx.gradIn[0]) {
        gx->resize(ctx.input(0).shape());
        std::copy_n(ctx.gradOut.data(), gx->numel(), gx->data());
    }
}

} // namespace rules
} // namespace gs
