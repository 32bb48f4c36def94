// Reshape and flatten: the same elements under a new shape; concatenation along axis 1.
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

Var concat(const Var& a, const Var& b) {
    Graph& graph = detail::graphOf({a, b});
    const Shape& sa = a.shape();
    const Shape& sb = b.shape();
    bool fits = sa.rank() >= 2 && sa.rank() == sb.rank();
    for (int d = 0; fits && d < sa.rank(); ++d)
        fits = d == 1 || sa[d] == sb[d];
    if (!fits)
        throw ShapeError(Engine::tr("{1}: {2} and {3} differ in more than their axis 1"),
                         detail::label(graph, OpKind::Concat), detail::describe(a),
                         detail::describe(b));
    std::vector<Index> dims = sa.toVector();
    dims[1] = sa[1] + sb[1];
    Node& n = graph.record(OpKind::Concat, {a, b});
    n.value.resize(Shape::fromVector(dims));
    // Per sample: a's block, then b's (each block is axis 1 and everything after it).
    const Index blockA = sa.numel() / std::max<Index>(1, sa[0]);
    const Index blockB = sb.numel() / std::max<Index>(1, sb[0]);
    for (Index i = 0; i < sa[0]; ++i) {
        std::copy_n(a.value().data() + i * blockA, blockA, n.value.data() + i * (blockA + blockB));
        std::copy_n(b.value().data() + i * blockB, blockB,
                    n.value.data() + i * (blockA + blockB) + blockA);
    }
    return graph.var(n);
}

namespace rules {

// d concat(a, b)/da: a's part of the gradient; likewise b
void concatBackward(BackwardContext& ctx) {
    const Shape& sa = ctx.input(0).shape();
    const Shape& sb = ctx.input(1).shape();
    const Index samples = sa[0];
    const Index blockA = sa.numel() / std::max<Index>(1, samples);
    const Index blockB = sb.numel() / std::max<Index>(1, samples);
    for (int slot = 0; slot < 2; ++slot) {
        Tensor* g = ctx.gradIn[slot];
        if (!g) continue;
        g->resize(slot == 0 ? sa : sb);
        const Index block = slot == 0 ? blockA : blockB;
        for (Index i = 0; i < samples; ++i)
            std::copy_n(ctx.gradOut.data() + i * (blockA + blockB) + (slot == 0 ? 0 : blockA),
                        block, g->data() + i * block);
    }
}

// d reshape(x)/dx: the gradient under the input's shape
void reshapeBackward(BackwardContext& ctx) {
    if (Tensor* gx = ctx.gradIn[0]) {
        gx->resize(ctx.input(0).shape());
        std::copy_n(ctx.gradOut.data(), gx->numel(), gx->data());
    }
}

} // namespace rules
} // namespace gs
