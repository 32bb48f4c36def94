// Batch and layer normalisation, forward and backward side by side.
//
// Both normalise groups of numbers to mean 0 and variance 1, then scale each feature by a
// weight γ and shift it by a bias β: batch normalisation per channel, over the batch (and, for
// images, every position), layer normalisation per sample, over its features. The statistics
// are accumulated in double so that a long group does not lose the float's last digits.
#include "OpSupport.h"
#include "Ops.h"
#include "Rules.h"

#include <cmath>

namespace gs {

namespace {

// x seen as [batch, channels, positions]: positions is 1 for [N, C] and H·W for [N, C, H, W].
struct ChannelLayout {
    Index batch = 0, channels = 0, positions = 1;
    Index count() const { return batch * positions; } // values per channel
    Index at(Index n, Index c, Index s) const { return (n * channels + c) * positions + s; }
};

ChannelLayout channelLayout(const Shape& s) {
    ChannelLayout l;
    l.batch = s[0];
    l.channels = s[1];
    l.positions = s.rank() == 4 ? s[2] * s[3] : 1;
    return l;
}

// Checks that γ and β are vectors of `features` entries.
void checkAffine(const std::string& label, const Var& weight, const Var& bias, Index features,
                 const char* what) {
    for (const Var* v : {&weight, &bias})
        if (v->shape() != Shape{features})
            throw ShapeError(Engine::tr("{1}: the weight and the bias must have one entry per {2} "
                                        "({3}), got {4}"),
                             label, what, features, detail::describe(*v));
}

} // namespace

Var batchNorm(const Var& x, const Var& weight, const Var& bias, bool training,
              const Tensor* runningMean, const Tensor* runningVar, Scalar eps) {
    Graph& graph = detail::graphOf({x, weight, bias});
    const std::string label = detail::label(graph, OpKind::BatchNorm);
    const Shape& s = x.shape();
    if (s.rank() != 2 && s.rank() != 4)
        throw ShapeError(Engine::tr("{1}: the input must be [batch, features] or [batch, channels, "
                                    "height, width], got {2}"),
                         label, detail::describe(x));
    const ChannelLayout l = channelLayout(s);
    checkAffine(label, weight, bias, l.channels, "channel");
    if (!training && (!runningMean || !runningVar || runningMean->shape() != Shape{l.channels} ||
                      runningVar->shape() != Shape{l.channels}))
        throw InvalidArgument(Engine::tr("{1}: evaluation needs the running mean and variance, "
                                         "one entry per channel"),
                              label);
    if (!(eps > 0)) throw InvalidArgument(Engine::tr("{1}: ε must be positive"), label);

    Node& n = graph.record(OpKind::BatchNorm, {x, weight, bias});
    n.attrs.training = training;
    n.attrs.alpha = eps;
    n.value.resize(s);
    n.saved.resize(s);
    // Rows: the mean and the variance used (the batch's, or the running ones in evaluation),
    // the batch's unbiased variance (what the running variance follows, as in PyTorch), and
    // 1/√(σ² + ε).
    n.stats.resize({4, l.channels});
    const Scalar* in = x.value().data();
    const Scalar* gamma = weight.value().data();
    const Scalar* beta = bias.value().data();
    const Index m = l.count();
    for (Index c = 0; c < l.channels; ++c) {
        double mean = 0, var = 0, unbiased = 0;
        if (training) {
            for (Index b = 0; b < l.batch; ++b)
                for (Index p = 0; p < l.positions; ++p)
                    mean += in[l.at(b, c, p)];
            mean = m > 0 ? mean / double(m) : 0;
            for (Index b = 0; b < l.batch; ++b)
                for (Index p = 0; p < l.positions; ++p) {
                    const double d = in[l.at(b, c, p)] - mean;
                    var += d * d;
                }
            unbiased = m > 1 ? var / double(m - 1) : 0;
            var = m > 0 ? var / double(m) : 0;
        } else {
            mean = (*runningMean)[c];
            var = (*runningVar)[c];
            unbiased = var;
        }
        const double invStd = 1 / std::sqrt(var + double(eps));
        n.stats[c] = Scalar(mean);
        n.stats[l.channels + c] = Scalar(var);
        n.stats[2 * l.channels + c] = Scalar(unbiased);
        n.stats[3 * l.channels + c] = Scalar(invStd);
        for (Index b = 0; b < l.batch; ++b)
            for (Index p = 0; p < l.positions; ++p) {
                const Index i = l.at(b, c, p);
                const Scalar xhat = Scalar((in[i] - mean) * invStd);
                n.saved[i] = xhat;
                n.value[i] = gamma[c] * xhat + beta[c];
            }
    }
    return graph.var(n);
}

Var layerNorm(const Var& x, const Var& weight, const Var& bias, Scalar eps) {
    Graph& graph = detail::graphOf({x, weight, bias});
    const std::string label = detail::label(graph, OpKind::LayerNorm);
    const Shape& s = x.shape();
    if (s.rank() != 2)
        throw ShapeError(Engine::tr("{1}: the input must be [batch, features], got {2}"), label,
                         detail::describe(x));
    const Index rows = s[0], features = s[1];
    checkAffine(label, weight, bias, features, "feature");
    if (features < 1)
        throw ShapeError(Engine::tr("{1}: needs at least one feature, got {2}"), label,
                         detail::describe(x));
    if (!(eps > 0)) throw InvalidArgument(Engine::tr("{1}: ε must be positive"), label);

    Node& n = graph.record(OpKind::LayerNorm, {x, weight, bias});
    n.attrs.alpha = eps;
    n.value.resize(s);
    n.saved.resize(s);
    n.stats.resize({2, rows}); // each row's mean and 1/√(σ² + ε)
    const Scalar* in = x.value().data();
    const Scalar* gamma = weight.value().data();
    const Scalar* beta = bias.value().data();
    for (Index r = 0; r < rows; ++r) {
        const Scalar* row = in + r * features;
        double mean = 0, var = 0;
        for (Index f = 0; f < features; ++f)
            mean += row[f];
        mean /= double(features);
        for (Index f = 0; f < features; ++f)
            var += (row[f] - mean) * (row[f] - mean);
        var /= double(features);
        const double invStd = 1 / std::sqrt(var + double(eps));
        n.stats[r] = Scalar(mean);
        n.stats[rows + r] = Scalar(invStd);
        for (Index f = 0; f < features; ++f) {
            const Scalar xhat = Scalar((row[f] - mean) * invStd);
            n.saved[r * features + f] = xhat;
            n.value[r * features + f] = gamma[f] * xhat + beta[f];
        }
    }
    return graph.var(n);
}

namespace rules {

// With x̂ the normalised input and g = dL/dx̂ over one group of m values that shared their mean
// and variance: dL/dx = (1/σ)·(g − mean(g) − x̂·mean(g·x̂)). The mean and the variance depend
// on every x of the group, so each x's gradient depends on every g of its group.

// x̂ = (x − μ)/σ with μ, σ from the batch (training) or fixed (evaluation); y = γ·x̂ + β.
void batchNormBackward(BackwardContext& ctx) {
    const Node& n = ctx.node;
    const ChannelLayout l = channelLayout(ctx.input(0).shape());
    const Scalar* gamma = ctx.input(1).data();
    const Scalar* g = ctx.gradOut.data();
    const Scalar* xhat = n.saved.data();
    const Index m = l.count();
    Tensor* gx = ctx.gradIn[0];
    Tensor* gw = ctx.gradIn[1];
    Tensor* gb = ctx.gradIn[2];
    if (gx) gx->resize(ctx.input(0).shape());
    if (gw) gw->resize({l.channels});
    if (gb) gb->resize({l.channels});
    for (Index c = 0; c < l.channels; ++c) {
        double sumG = 0, sumGX = 0;
        for (Index b = 0; b < l.batch; ++b)
            for (Index p = 0; p < l.positions; ++p) {
                const Index i = l.at(b, c, p);
                sumG += g[i];
                sumGX += double(g[i]) * xhat[i];
            }
        if (gw) (*gw)[c] = Scalar(sumGX);
        if (gb) (*gb)[c] = Scalar(sumG);
        if (!gx) continue;
        const double scale = double(gamma[c]) * n.stats[3 * l.channels + c];
        const double meanG = m > 0 ? sumG / double(m) : 0;
        const double meanGX = m > 0 ? sumGX / double(m) : 0;
        for (Index b = 0; b < l.batch; ++b)
            for (Index p = 0; p < l.positions; ++p) {
                const Index i = l.at(b, c, p);
                (*gx)[i] = n.attrs.training ? Scalar(scale * (g[i] - meanG - xhat[i] * meanGX))
                                            : Scalar(scale * g[i]);
            }
    }
}

void layerNormBackward(BackwardContext& ctx) {
    const Node& n = ctx.node;
    const Index rows = ctx.input(0).shape()[0], features = ctx.input(0).shape()[1];
    const Scalar* gamma = ctx.input(1).data();
    const Scalar* g = ctx.gradOut.data();
    const Scalar* xhat = n.saved.data();
    Tensor* gx = ctx.gradIn[0];
    Tensor* gw = ctx.gradIn[1];
    Tensor* gb = ctx.gradIn[2];
    if (gw) {
        gw->resize({features});
        gw->fill(0);
    }
    if (gb) {
        gb->resize({features});
        gb->fill(0);
    }
    if (gx) gx->resize(ctx.input(0).shape());
    for (Index r = 0; r < rows; ++r) {
        const Index base = r * features;
        double sumG = 0, sumGX = 0; // of dL/dx̂ = g·γ
        for (Index f = 0; f < features; ++f) {
            const double gh = double(g[base + f]) * gamma[f];
            sumG += gh;
            sumGX += gh * xhat[base + f];
            if (gw) (*gw)[f] += g[base + f] * xhat[base + f];
            if (gb) (*gb)[f] += g[base + f];
        }
        if (!gx) continue;
        const double invStd = n.stats[rows + r];
        for (Index f = 0; f < features; ++f) {
            const double gh = double(g[base + f]) * gamma[f];
            (*gx)[base + f] = Scalar(invStd * (gh - sumG / double(features) -
                                               xhat[base + f] * sumGX / double(features)));
        }
    }
}

} // namespace rules
} // namespace gs
