// Losses, each reduced by the mean as PyTorch's default (reduction='mean').
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"

#include <cmath>

namespace gs {

namespace {
void requireSameShape(const Graph& graph, OpKind op, const Var& a, const Var& b) {
    if (a.shape() != b.shape())
        throw ShapeError(Engine::tr("{1}: prediction {2} and target {3} must have the same shape"),
                         detail::label(graph, op), detail::describe(a), detail::describe(b));
    if (a.shape().numel() == 0)
        throw ShapeError(Engine::tr("{1}: the batch is empty"), detail::label(graph, op));
}
} // namespace

Var mseLoss(const Var& prediction, const Var& target) {
    Graph& graph = detail::graphOf({prediction, target});
    requireSameShape(graph, OpKind::MseLoss, prediction, target);
    Node& n = graph.record(OpKind::MseLoss, {prediction, target});
    n.value.resize(Shape{});
    n.value[0] = (prediction.value().array() - target.value().array()).square().mean();
    return graph.var(n);
}

Var crossEntropy(const Var& logits, const std::vector<int>& labels) {
    Graph& graph = logits.graph();
    const std::string label = detail::label(graph, OpKind::CrossEntropy);
    const Shape& s = logits.shape();
    if (s.rank() != 2 || s[1] == 0)
        throw ShapeError(Engine::tr("{1}: logits must be [batch, classes], got {2}"), label,
                         detail::describe(logits));
    if (static_cast<Index>(labels.size()) != s[0])
        throw ShapeError(Engine::tr("{1}: {2} labels for a batch of {3} ({4})"), label,
                         labels.size(), s[0], detail::describe(logits));
    if (s[0] == 0) throw ShapeError(Engine::tr("{1}: the batch is empty"), label);
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] < 0 || labels[i] >= s[1])
            throw InvalidArgument(Engine::tr("{1}: label {2} at row {3} is outside 0..{4}"), label,
                                  labels[i], i, s[1] - 1);
    Node& n = graph.record(OpKind::CrossEntropy, {logits});
    n.labels = labels;
    // Saved: softmax probabilities. Loss per row = logsumexp(x) - x[label], with the max
    // subtracted so that large logits neither overflow nor lose precision.
    n.saved.resize(s);
    const auto x = logits.value().matrix();
    auto p = n.saved.matrix();
    const auto rowMax = x.rowwise().maxCoeff().eval();
    p = (x.colwise() - rowMax).array().exp().matrix();
    const auto rowSum = p.rowwise().sum().eval();
    p.array().colwise() /= rowSum.array();
    double total = 0;
    for (Index i = 0; i < s[0]; ++i)
        total += static_cast<double>(rowMax(i) + std::log(rowSum(i)) -
                                     x(i, labels[static_cast<std::size_t>(i)]));
    n.value.resize(Shape{});
    n.value[0] = static_cast<Scalar>(total / static_cast<double>(s[0]));
    return graph.var(n);
}

Var bceWithLogits(const Var& logits, const Var& target) {
    Graph& graph = detail::graphOf({logits, target});
    requireSameShape(graph, OpKind::BceWithLogits, logits, target);
    Node& n = graph.record(OpKind::BceWithLogits, {logits, target});
    // max(x, 0) - x t + log(1 + exp(-|x|)): the stable form PyTorch uses.
    const auto x = logits.value().array();
    const auto t = target.value().array();
    n.value.resize(Shape{});
    n.value[0] = (x.max(Scalar(0)) - x * t + (-x.abs()).exp().log1p()).mean();
    return graph.var(n);
}

namespace rules {

// d mean((p-t)²)/dp = 2(p-t)/n, d/dt = -2(p-t)/n
void mseLossBackward(BackwardContext& ctx) {
    const auto& p = ctx.input(0);
    const auto& t = ctx.input(1);
    const Scalar scale = 2 * ctx.gradOut[0] / static_cast<Scalar>(p.numel());
    for (int slot = 0; slot < 2; ++slot)
        if (Tensor* g = ctx.gradIn[static_cast<std::size_t>(slot)]) {
            g->resize(p.shape());
            g->array() = (slot == 0 ? scale : -scale) * (p.array() - t.array());
        }
}

// d CE/dx = (softmax(x) - onehot(label)) / N
void crossEntropyBackward(BackwardContext& ctx) {
    Tensor* gx = ctx.gradIn[0];
    if (!gx) return;
    const Tensor& probs = ctx.node.saved;
    const Index rows = probs.rows();
    const Index cols = probs.cols();
    const Scalar scale = ctx.gradOut[0] / static_cast<Scalar>(rows);
    gx->resize(probs.shape());
    gx->array() = probs.array();
    for (Index i = 0; i < rows; ++i)
        (*gx)[i * cols + ctx.node.labels[static_cast<std::size_t>(i)]] -= 1;
    gx->array() *= scale;
}

// d BCE/dx = (σ(x) - t)/n, d BCE/dt = -x/n
void bceWithLogitsBackward(BackwardContext& ctx) {
    const auto x = ctx.input(0).array();
    const auto t = ctx.input(1).array();
    const Scalar scale = ctx.gradOut[0] / static_cast<Scalar>(x.size());
    if (Tensor* gx = ctx.gradIn[0]) {
        gx->resize(ctx.input(0).shape());
        gx->array() = scale * (Scalar(1) / (Scalar(1) + (-x).exp()) - t);
    }
    if (Tensor* gt = ctx.gradIn[1]) {
        gt->resize(ctx.input(1).shape());
        gt->array() = -scale * x;
    }
}

} // namespace rules
} // namespace gs
