#include "GradCheck.h"

#include "core/StaticGraph.h"

#include "core/ForwardMode.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace gs {

namespace {
// Below this size gradients are compared absolutely: float32 round-off alone makes the
// difference quotient of a zero gradient about 1e-5 here.
constexpr double kFloor = 1e-4;

// A fingerprint of the side of its kink every entry of a non-smooth op is on: whether each input
// of a ReLU, a leaky ReLU and |·| is above zero. Two passes with the same fingerprint took the
// same smooth piece of the network.
std::uint64_t kinkSides(const Graph& graph) {
    std::uint64_t hash = 14695981039346656037ull; // FNV-1a
    for (int id = 0; id < graph.size(); ++id) {
        const Node& n = graph.node(id);
        if (n.op != OpKind::Relu && n.op != OpKind::LeakyRelu && n.op != OpKind::Abs) continue;
        const Tensor& x = graph.node(n.inputs[0]).output();
        for (Index i = 0; i < x.numel(); ++i)
            hash = (hash ^ (x[i] > 0 ? 1u : 0u)) * 1099511628211ull;
    }
    return hash;
}

// The loss of one forward pass, with dropout masks drawn from a fixed seed so that every
// evaluation sees the same network.
double lossOf(Graph& graph, Sequential& model, const Batch& batch, LossKind loss,
              TargetEncoding encoding, const Regularization& r, Tensor& scratch, bool grads,
              const LayerNudge* nudge = nullptr, std::vector<Var>* layerOutputs = nullptr,
              std::uint64_t* sides = nullptr) {
    graph.reset();
    graph.seed(12345);
    Var x = graph.inputView(batch.inputs, "x");
    Var out = model.forward(graph, x, true, layerOutputs, nudge);
    Var l =
        addRegularization(graph, recordLoss(graph, loss, encoding, out, batch, scratch), model, r);
    if (sides) *sides = kinkSides(graph);
    if (grads) {
        for (Parameter* p : model.parameters())
            p->zeroGrad();
        graph.backward(l);
    }
    return double(l.value()[0]);
}
} // namespace

namespace {
// Keeps the parameters' accumulated gradients across a check, which overwrites them.
class KeepGradients {
public:
    explicit KeepGradients(const Sequential& model)
        : m_model(model) {
        for (const Parameter* p : model.parameters())
            m_saved.push_back(p->grad);
    }
    ~KeepGradients() {
        for (std::size_t i = 0; i < m_saved.size(); ++i)
            m_model.parameters()[i]->grad = m_saved[i];
    }
    KeepGradients(const KeepGradients&) = delete;
    KeepGradients& operator=(const KeepGradients&) = delete;

private:
    const Sequential& m_model;
    std::vector<Tensor> m_saved;
};

// Central difference of one entry, beside its autodiff value; the entry is restored exactly.
GradCheckEntry checkEntry(Graph& graph, Sequential& model, Parameter& p, Index i, double autodiff,
                          const Batch& batch, LossKind loss, TargetEncoding encoding,
                          const Regularization& regularization, double epsilon, Tensor& scratch) {
    const Scalar saved = p.value[i];
    std::uint64_t upSides = 0, downSides = 0;
    p.value[i] = static_cast<Scalar>(double(saved) + epsilon);
    const double up = lossOf(graph, model, batch, loss, encoding, regularization, scratch, false,
                             nullptr, nullptr, &upSides);
    p.value[i] = static_cast<Scalar>(double(saved) - epsilon);
    const double down = lossOf(graph, model, batch, loss, encoding, regularization, scratch, false,
                               nullptr, nullptr, &downSides);
    p.value[i] = saved;
    GradCheckEntry e;
    e.parameter = p.name;
    e.index = i;
    e.autodiff = autodiff;
    e.numeric = (up - down) / (2 * epsilon);
    e.relativeError = std::abs(e.autodiff - e.numeric) /
                      std::max(std::abs(e.autodiff) + std::abs(e.numeric), kFloor);
    e.crossesKink = upSides != downSides;
    return e;
}
} // namespace

std::vector<GradCheckEntry> checkGradients(Sequential& model, const Batch& batch, LossKind loss,
                                           TargetEncoding encoding,
                                           const Regularization& regularization, double epsilon,
                                           Index limitPerParameter) {
    KeepGradients keep(model);
    Graph graph;
    Tensor scratch;
    lossOf(graph, model, batch, loss, encoding, regularization, scratch, true);
    std::vector<GradCheckEntry> entries;
    for (Parameter* p : model.parameters()) {
        const Tensor autodiff = p->grad;
        const Index n = p->value.numel();
        const Index stride = limitPerParameter > 0 ? std::max<Index>(1, n / limitPerParameter) : 1;
        for (Index i = 0; i < n; i += stride)
            entries.push_back(checkEntry(graph, model, *p, i, autodiff[i], batch, loss, encoding,
                                         regularization, epsilon, scratch));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        if (a.crossesKink != b.crossesKink) return b.crossesKink;
        return a.relativeError > b.relativeError;
    });
    return entries;
}

GradCheckEntry checkGradientEntry(Sequential& model, const Batch& batch, LossKind loss,
                                  TargetEncoding encoding, const Regularization& regularization,
                                  const std::string& parameter, Index index, double epsilon) {
    Parameter* p = model.parameter(parameter);
    if (!p) throw InvalidArgument(Engine::tr("the network has no parameter \"{1}\""), parameter);
    if (index < 0 || index >= p->value.numel())
        throw InvalidArgument(Engine::tr("entry {1} is outside {2} ({3} entries)"), index,
                              parameter, p->value.numel());
    KeepGradients keep(model);
    Graph graph;
    Tensor scratch;
    lossOf(graph, model, batch, loss, encoding, regularization, scratch, true);
    return checkEntry(graph, model, *p, index, p->grad[index], batch, loss, encoding,
                      regularization, epsilon, scratch);
}

GradCheckEntry checkLayerOutputGradient(Sequential& model, const Batch& batch, LossKind loss,
                                        TargetEncoding encoding,
                                        const Regularization& regularization, int layer,
                                        Index index, double epsilon) {
    const int layers = static_cast<int>(model.layers().size());
    if (layer < 0 || layer >= layers)
        throw InvalidArgument(Engine::tr("the network has no layer {1} (it has {2})"), layer,
                              layers);
    KeepGradients keep(model);
    Graph graph;
    Tensor scratch;
    std::vector<Var> outputs;
    lossOf(graph, model, batch, loss, encoding, regularization, scratch, true, nullptr, &outputs);
    const Var& h = outputs[static_cast<std::size_t>(layer)];
    if (index < 0 && h.node().hasGrad) { // the entry with the largest gradient
        index = 0;
        for (Index i = 1; i < h.grad().numel(); ++i)
            if (std::abs(h.grad()[i]) > std::abs(h.grad()[index])) index = i;
    }
    if (index < 0 || index >= h.value().numel())
        throw InvalidArgument(
            Engine::tr("entry {1} is outside the output of layer {2} ({3} entries)"), index, layer,
            h.value().numel());
    GradCheckEntry e;
    e.parameter = h.name();
    e.index = index;
    e.autodiff = h.node().hasGrad ? double(h.grad()[index]) : 0.0;
    LayerNudge nudge{layer, index, static_cast<Scalar>(epsilon)};
    std::uint64_t upSides = 0, downSides = 0;
    const double up = lossOf(graph, model, batch, loss, encoding, regularization, scratch, false,
                             &nudge, nullptr, &upSides);
    nudge.delta = static_cast<Scalar>(-epsilon);
    const double down = lossOf(graph, model, batch, loss, encoding, regularization, scratch, false,
                               &nudge, nullptr, &downSides);
    e.crossesKink = upSides != downSides;
    e.numeric = (up - down) / (2 * epsilon);
    e.relativeError = std::abs(e.autodiff - e.numeric) /
                      std::max(std::abs(e.autodiff) + std::abs(e.numeric), kFloor);
    return e;
}

namespace {
// One forward pass to the regularised loss, with dropout drawn from lossOf's seed: what the
// lessons' backward experiments and forward mode start from.
Var recordPass(Graph& graph, Sequential& model, const Batch& batch, LossKind loss,
               TargetEncoding encoding, const Regularization& regularization, Tensor& scratch) {
    graph.seed(12345);
    Var x = graph.inputView(batch.inputs, "x");
    Var out = model.forward(graph, x, true);
    return addRegularization(graph, recordLoss(graph, loss, encoding, out, batch, scratch), model,
                             regularization);
}
} // namespace

std::vector<Tensor> accumulatedGradients(Sequential& model, const Batch& batch, LossKind loss,
                                         TargetEncoding encoding,
                                         const Regularization& regularization, int passes) {
    if (passes < 1 || passes > 10)
        throw InvalidArgument(Engine::tr("the backward passes to accumulate must be 1 to 10, "
                                         "not {1}"),
                              passes);
    KeepGradients keep(model);
    Graph graph;
    Tensor scratch;
    const Var l = recordPass(graph, model, batch, loss, encoding, regularization, scratch);
    for (Parameter* p : model.parameters())
        p->zeroGrad(); // once, before the first pass, as a training step does
    BackwardOptions options;
    options.retainGraph = true;
    for (int i = 0; i < passes; ++i)
        graph.backward(l, options); // no zero_grad between the passes
    std::vector<Tensor> grads;
    for (const Parameter* p : model.parameters())
        grads.push_back(p->grad);
    return grads;
}

std::vector<Tensor> gradientsWithEarlyNode(Sequential& model, const Batch& batch, LossKind loss,
                                           TargetEncoding encoding,
                                           const Regularization& regularization,
                                           const std::string& node) {
    KeepGradients keep(model);
    Graph graph;
    Tensor scratch;
    const Var l = recordPass(graph, model, batch, loss, encoding, regularization, scratch);
    BackwardOptions options;
    for (int id = 0; id < graph.size(); ++id)
        if (graph.nodeName(id) == node) options.earlyNode = id;
    if (options.earlyNode < 0 || !graph.node(options.earlyNode).requiresGrad)
        throw InvalidArgument(Engine::tr("the backward pass has no node {1}"), node);
    for (Parameter* p : model.parameters())
        p->zeroGrad();
    graph.backward(l, options);
    std::vector<Tensor> grads;
    for (const Parameter* p : model.parameters())
        grads.push_back(p->grad);
    return grads;
}

StaticReplay staticGraphReplay(Sequential& model, const Batch& built, const Batch& fed,
                               LossKind loss, TargetEncoding encoding,
                               const Regularization& regularization, const std::mt19937_64& rng) {
    Graph graph;
    Tensor scratch;
    const Var l = recordPass(graph, model, built, loss, encoding, regularization, scratch);
    const StaticGraph plan(graph, l);
    // The placeholders: the inputs "x", the targets (encoded as the loss wants them) and the
    // class labels.
    StaticFeed feed;
    feed.inputs["x"] = fed.inputs;
    feed.labels = fed.labels;
    Tensor target;
    for (int id = 0; id < graph.size(); ++id)
        if (graph.node(id).name == "target") {
            if (encoding == TargetEncoding::Values)
                target = fed.targets;
            else
                encodeTargets(encoding, fed,
                              Shape{fed.inputs.shape()[0], graph.node(id).output().shape().cols()},
                              target);
            feed.inputs["target"] = target;
        }
    Graph replay;
    replay.rng() = rng; // the define-by-run pass's dropout masks
    const Var out = plan.run(replay, feed);
    return {double(out.value()[0]), plan.opCount()};
}

double forwardModeDerivative(Sequential& model, const Batch& batch, LossKind loss,
                             TargetEncoding encoding, const Regularization& regularization,
                             const std::string& parameter, Index index) {
    Graph graph;
    Tensor scratch;
    const Var l = recordPass(graph, model, batch, loss, encoding, regularization, scratch);
    // Every node that reads the parameter (the layer, and the regularisation term) is seeded.
    std::vector<std::pair<int, Tensor>> seeds;
    for (int id = 0; id < graph.size(); ++id) {
        const Node& n = graph.node(id);
        if (!n.parameter || n.parameter->name != parameter) continue;
        if (index < 0 || index >= n.parameter->value.numel())
            throw InvalidArgument(Engine::tr("{1} has {2} entries, not an entry {3}"), parameter,
                                  n.parameter->value.numel(), index);
        Tensor seed = Tensor::zeros(n.parameter->value.shape());
        seed[index] = 1;
        seeds.emplace_back(id, std::move(seed));
    }
    if (!seeds.empty()) {
        const Tensor tangent = forwardTangents(graph, seeds)[std::size_t(l.id())];
        return tangent.numel() == 0 ? 0.0 : double(tangent[0]);
    }
    throw InvalidArgument(Engine::tr("the network has no parameter {1}"), parameter);
}

} // namespace gs
