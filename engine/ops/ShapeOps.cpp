// Reshape and flatten: the same elements under a new shape.
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"

namespace gs {

namespace {
Var reshapeAs(OpKind op, const Var& x, const Shape& shape) {
    Graph& graph = x.graph();
    if (shape.numel() != x.shape().numel())
        throw ShapeError(detail::label(graph, op) + ": cannot reshape " + detail::describe(x) +
                         " (" + std::to_string(x.shape().numel()) + " elements) to " + shape.str() +
                         " (" + std::to_string(shape.numel()) + " elements)");
    Node& n = graph.record(op, {x});
    n.value.resize(shape);
    n.value.array() = x.value().array();
    return graph.var(n);
}
} // namespace

Var reshape(const Var& x, const Shape& shape) {
    return reshapeAs(OpKind::Reshape, x, shape);
}

Var flatten(const Var& x) {
    const Shape& s = x.shape();
    if (s.rank() == 0)
        throw ShapeError(detail::label(x.graph(), OpKind::Flatten) + ": cannot flatten a scalar " +
                         detail::describe(x));
    return reshapeAs(OpKind::Flatten, x, Shape{s.rows(), s.cols()});
}

namespace rules {

// d reshape(x)/dx: the gradient under the input's shape
void reshapeBackward(BackwardContext& ctx) {
    if (Tensor* gx = ctx.gradIn[0]) {
        gx->resize(ctx.input(0).shape());
        gx->array() = ctx.gradOut.array();
    }
}

} // namespace rules
} // namespace gs
