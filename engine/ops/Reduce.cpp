// Reductions: sum and mean, over everything or over one axis.
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"

namespace gs {

namespace {

Var reduceAll(OpKind op, const Var& x) {
    Graph& graph = x.graph();
    if (x.shape().numel() == 0)
        throw ShapeError(Engine::tr("{1}: input {2} is empty"), detail::label(graph, op),
                         detail::describe(x));
    Node& n = graph.record(op, {x});
    n.value.resize(Shape{});
    const Scalar total = x.value().array().sum();
    n.value[0] = op == OpKind::Mean ? total / static_cast<Scalar>(x.shape().numel()) : total;
    return graph.var(n);
}

// The input viewed as [outer, length, inner] around the reduced axis.
struct AxisView {
    Index outer = 1;
    Index length = 1;
    Index inner = 1;
};

AxisView axisView(const Shape& shape, int axis) {
    AxisView v;
    for (int i = 0; i < shape.rank(); ++i) {
        if (i < axis)
            v.outer *= shape[i];
        else if (i == axis)
            v.length = shape[i];
        else
            v.inner *= shape[i];
    }
    return v;
}

Var reduceAxis(OpKind op, const Var& x, int axis, bool keepDim) {
    Graph& graph = x.graph();
    const Shape& s = x.shape();
    const int rank = s.rank();
    if (axis < -rank || axis >= rank || rank == 0)
        throw InvalidArgument(Engine::tr("{1}: axis {2} is out of range for {3}"),
                              detail::label(graph, op), axis, detail::describe(x));
    if (axis < 0) axis += rank;
    if (s[axis] == 0)
        throw ShapeError(Engine::tr("{1}: axis {2} of {3} is empty"), detail::label(graph, op),
                         axis, detail::describe(x));
    std::vector<Index> dims;
    for (int i = 0; i < rank; ++i)
        if (i != axis)
            dims.push_back(s[i]);
        else if (keepDim)
            dims.push_back(1);
    Node& n = graph.record(op, {x});
    n.attrs.axis = axis;
    n.attrs.keepDim = keepDim;
    n.value.resize(Shape::fromVector(dims));
    const AxisView v = axisView(s, axis);
    const Scalar scale = op == OpKind::MeanAxis ? Scalar(1) / static_cast<Scalar>(v.length) : 1;
    const Scalar* in = x.value().data();
    Scalar* out = n.value.data();
    n.value.fill(0);
    for (Index o = 0; o < v.outer; ++o)
        for (Index k = 0; k < v.length; ++k)
            for (Index i = 0; i < v.inner; ++i)
                out[o * v.inner + i] += in[(o * v.length + k) * v.inner + i];
    if (scale != 1) n.value.array() *= scale;
    return graph.var(n);
}

// dL/dx[o, k, i] = scale · dL/dy[o, i]
void spreadAlongAxis(BackwardContext& ctx, Scalar scale) {
    Tensor* gx = ctx.gradIn[0];
    if (!gx) return;
    const Shape& s = ctx.input(0).shape();
    gx->resize(s);
    const AxisView v = axisView(s, ctx.node.attrs.axis);
    const Scalar* g = ctx.gradOut.data();
    Scalar* out = gx->data();
    for (Index o = 0; o < v.outer; ++o)
        for (Index k = 0; k < v.length; ++k)
            for (Index i = 0; i < v.inner; ++i)
                out[(o * v.length + k) * v.inner + i] = scale * g[o * v.inner + i];
}

} // namespace

Var sum(const Var& x) {
    return reduceAll(OpKind::Sum, x);
}
Var mean(const Var& x) {
    return reduceAll(OpKind::Mean, x);
}
Var sum(const Var& x, int axis, bool keepDim) {
    return reduceAxis(OpKind::SumAxis, x, axis, keepDim);
}
Var mean(const Var& x, int axis, bool keepDim) {
    return reduceAxis(OpKind::MeanAxis, x, axis, keepDim);
}

namespace rules {

// d(Σx)/dx = 1
void sumBackward(BackwardContext& ctx) {
    if (Tensor* gx = ctx.gradIn[0]) {
        gx->resize(ctx.input(0).shape());
        gx->fill(ctx.gradOut[0]);
    }
}

// d(mean x)/dx = 1/n
void meanBackward(BackwardContext& ctx) {
    if (Tensor* gx = ctx.gradIn[0]) {
        gx->resize(ctx.input(0).shape());
        gx->fill(ctx.gradOut[0] / static_cast<Scalar>(gx->numel()));
    }
}

// d(Σ_k x)/dx = 1 along axis k
void sumAxisBackward(BackwardContext& ctx) {
    spreadAlongAxis(ctx, 1);
}

// d(mean_k x)/dx = 1/n along axis k
void meanAxisBackward(BackwardContext& ctx) {
    const Index length = ctx.input(0).shape()[ctx.node.attrs.axis];
    spreadAlongAxis(ctx, Scalar(1) / static_cast<Scalar>(length));
}

} // namespace rules
} // namespace gs
