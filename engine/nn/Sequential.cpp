#include "Sequential.h"

#include "core/Limits.h"
#include "ops/Ops.h"

namespace gs {

namespace {
// Weight shape of a layer with parameters: [out, in] for Linear, [out, in, k, k] for Conv2d.
Shape weightShape(const LayerSpec& s) {
    if (s.kind == LayerKind::Conv2d) return {s.out, s.in, s.kernel, s.kernel};
    if (isNormalisation(s.kind)) return {s.in};
    return {s.out, s.in};
}

constexpr Scalar kBatchNormMomentum = Scalar(0.1); // PyTorch's default

Index fanIn(const LayerSpec& s) {
    return s.kind == LayerKind::Conv2d ? s.in * s.kernel * s.kernel : s.in;
}

Index fanOut(const LayerSpec& s) {
    return s.kind == LayerKind::Conv2d ? s.out * s.kernel * s.kernel : s.out;
}
} // namespace

void Sequential::checkWiring(const std::vector<LayerSpec>& layers) {
    // Each layer reads earlier outputs (so the graph has no cycle), a merge
    // two and any other layer one, and every output but the last goes somewhere.
    std::vector<bool> used(layers.size(), false);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto fail = [&](Text text, auto... arguments) {
            throw LayerError(static_cast<int>(i), Engine::tr("layer {1} ({2}): {3}"), i,
                             describe(layers[i]), Message(text, arguments...));
        };
        const std::vector<int> from = layerInputs(layers, i);
        if (isMerge(layers[i].kind) && from.size() != 2)
            fail(Engine::tr("a merge takes two earlier outputs, it names {1}"), from.size());
        if (!isMerge(layers[i].kind) && from.size() != 1)
            fail(Engine::tr("it takes one input, it names {1}"), from.size());
        for (const int j : from) {
            if (j < -1 || j >= static_cast<int>(i))
                fail(Engine::tr("it reads layer {1}, which is not before it"), j);
            if (j >= 0) used[static_cast<std::size_t>(j)] = true;
        }
    }
    for (std::size_t i = 0; i + 1 < layers.size(); ++i)
        if (!used[i])
            throw LayerError(static_cast<int>(i), Engine::tr("layer {1} ({2}): {3}"), i,
                             describe(layers[i]),
                             Message(Engine::tr("its output goes to no other layer")));
}

std::vector<Sequential::ParameterSpec>
Sequential::parameterSpecs(const std::vector<LayerSpec>& layers) {
    std::vector<ParameterSpec> out;
    Index total = 0;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec& s = layers[i];
        if (!s.hasParameters()) continue;
        const auto fail = [&](const Message& why) {
            throw LayerError(static_cast<int>(i), Engine::tr("layer {1} ({2}): {3}"), i,
                             describe(s), why);
        };
        if (s.in < 1 || s.out < 1 || (s.kind == LayerKind::Conv2d && s.kernel < 1))
            fail(Message(Engine::tr("sizes must be at least 1")));
        // Counted in 64 bits with overflow checks before Shape sees them: the shape's own
        // limit is per tensor, this one is for the whole model.
        const Index kernel = s.kind == LayerKind::Conv2d ? s.kernel : 1;
        const auto weights =
            checkedMul(isNormalisation(s.kind) ? 1 : s.out, s.in, kMaxModelParameters);
        const auto window =
            weights ? checkedMul(*weights, kernel * kernel, kMaxModelParameters) : std::nullopt;
        const auto layer =
            window ? checkedAdd(*window, s.bias ? weightShape(s)[0] : 0, kMaxModelParameters)
                   : std::nullopt;
        const auto sum = layer ? checkedAdd(total, *layer, kMaxModelParameters) : std::nullopt;
        if (!sum)
            fail(Message(Engine::tr("the model would have more than {1} parameters, the limit "
                                    "(docs/reliability.md)"),
                         kMaxModelParameters));
        total = *sum;
        const std::string prefix = std::to_string(i);
        out.push_back({prefix + ".weight", weightShape(s)});
        if (s.bias) out.push_back({prefix + ".bias", Shape{weightShape(s)[0]}});
    }
    return out;
}

std::vector<Sequential::ParameterSpec>
Sequential::bufferSpecs(const std::vector<LayerSpec>& layers) {
    std::vector<ParameterSpec> out;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (!isBatchNorm(layers[i].kind)) continue;
        const std::string prefix = std::to_string(i);
        out.push_back({prefix + ".running_mean", Shape{layers[i].in}});
        out.push_back({prefix + ".running_var", Shape{layers[i].in}});
        out.push_back({prefix + ".num_batches_tracked", Shape{}});
    }
    return out;
}

Sequential::Sequential(std::vector<LayerSpec> layers, std::uint64_t seed)
    : m_layers(std::move(layers)) {
    // Sizes, the parameter limit and the wiring are checked for every layer before anything is
    // allocated.
    const std::vector<ParameterSpec> specs = parameterSpecs(m_layers);
    checkWiring(m_layers);
    m_chain = isChain(m_layers);
    std::size_t next = 0;
    for (const LayerSpec& s : m_layers) {
        if (!s.hasParameters()) {
            m_firstParameter.push_back(-1);
            continue;
        }
        m_firstParameter.push_back(static_cast<int>(m_parameters.size()));
        for (int k = 0; k < (s.bias ? 2 : 1); ++k, ++next)
            m_parameters.push_back(
                std::make_unique<Parameter>(specs[next].name, Tensor(specs[next].shape)));
    }
    for (const auto& p : m_parameters)
        m_parameterList.push_back(p.get());
    for (const ParameterSpec& b : bufferSpecs(m_layers))
        m_buffers.push_back({b.name, Tensor(b.shape)});
    for (std::size_t i = 0, next = 0; i < m_layers.size(); ++i) {
        m_firstBuffer.push_back(isBatchNorm(m_layers[i].kind) ? static_cast<int>(next) : -1);
        if (isBatchNorm(m_layers[i].kind)) next += 3;
    }
    initialise(seed);
}

Sequential::Buffer* Sequential::buffer(const std::string& name) {
    for (Buffer& b : m_buffers)
        if (b.name == name) return &b;
    return nullptr;
}

const Sequential::Buffer* Sequential::buffer(const std::string& name) const {
    return const_cast<Sequential*>(this)->buffer(name);
}

Parameter* Sequential::parameter(const std::string& name) const {
    for (Parameter* p : m_parameterList)
        if (p->name == name) return p;
    return nullptr;
}

std::vector<Parameter*> Sequential::layerParameters(int layer) const {
    std::vector<Parameter*> out;
    if (layer < 0 || layer >= static_cast<int>(m_layers.size())) return out;
    const int first = m_firstParameter[static_cast<std::size_t>(layer)];
    if (first < 0) return out;
    out.push_back(m_parameterList[static_cast<std::size_t>(first)]);
    if (m_layers[static_cast<std::size_t>(layer)].bias)
        out.push_back(m_parameterList[static_cast<std::size_t>(first + 1)]);
    return out;
}

Parameter* Sequential::weight(int layer) const {
    if (layer < 0 || layer >= static_cast<int>(m_layers.size())) return nullptr;
    const int first = m_firstParameter[static_cast<std::size_t>(layer)];
    return first < 0 ? nullptr : m_parameterList[static_cast<std::size_t>(first)];
}

Parameter* Sequential::bias(int layer) const {
    if (!weight(layer) || !m_layers[static_cast<std::size_t>(layer)].bias) return nullptr;
    return m_parameterList[static_cast<std::size_t>(
        m_firstParameter[static_cast<std::size_t>(layer)] + 1)];
}

Index Sequential::parameterCount() const {
    Index total = 0;
    for (const Parameter* p : m_parameterList)
        total += p->value.numel();
    return total;
}

void Sequential::initialise(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const auto params = layerParameters(static_cast<int>(i));
        if (params.empty()) continue;
        const LayerSpec& s = m_layers[i];
        if (isNormalisation(s.kind)) { // the identity to start with, as PyTorch
            params[0]->value.fill(1);
            if (params.size() > 1) params[1]->value.fill(0);
        } else {
            gs::initialise(s.init, params[0]->value,
                           params.size() > 1 ? &params[1]->value : nullptr, fanIn(s), fanOut(s),
                           rng);
        }
        for (Parameter* p : params)
            p->zeroGrad();
    }
    // Running mean 0 and variance 1, no batch seen.
    for (Buffer& b : m_buffers)
        b.value.fill(b.name.ends_with(".running_var") ? 1 : 0);
}

void Sequential::updateRunningStatistics(const Graph& graph) {
    for (int id = 0; id < graph.size(); ++id) {
        const Node& n = graph.node(id);
        if (n.op != OpKind::BatchNorm || !n.attrs.training || n.layer < 0 ||
            n.layer >= static_cast<int>(m_layers.size()))
            continue;
        const int first = m_firstBuffer[static_cast<std::size_t>(n.layer)];
        if (first < 0) continue;
        Tensor& mean = m_buffers[static_cast<std::size_t>(first)].value;
        Tensor& var = m_buffers[static_cast<std::size_t>(first + 1)].value;
        const Index channels = mean.numel();
        if (n.stats.numel() != 4 * channels) continue; // not this layer's node
        // One value per channel (a batch of one sample, without positions) has no variance:
        // the statistics stay as they are. (PyTorch refuses such a batch in training.)
        const Tensor& x = graph.node(n.inputs[0]).output();
        if (x.numel() < 2 * channels) continue;
        for (Index c = 0; c < channels; ++c) {
            mean[c] += kBatchNormMomentum * (n.stats[c] - mean[c]);
            var[c] += kBatchNormMomentum * (n.stats[2 * channels + c] - var[c]);
        }
        m_buffers[static_cast<std::size_t>(first + 2)].value[0] += 1;
    }
}

std::vector<Shape> Sequential::shapes(const Shape& input) const {
    return shapes(m_layers, input);
}

std::vector<Shape> Sequential::shapes(const std::vector<LayerSpec>& layers, const Shape& input) {
    checkWiring(layers);
    std::vector<Shape> out;
    const auto shapeOf = [&](int j) -> const Shape& {
        return j < 0 ? input : out[static_cast<std::size_t>(j)];
    };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::vector<int> from = layerInputs(layers, i);
        try {
            out.push_back(layerOutputShape(layers[i], shapeOf(from[0]),
                                           from.size() > 1 ? &shapeOf(from[1]) : nullptr));
        } catch (const Error& e) {
            throw LayerError(static_cast<int>(i), Engine::tr("layer {1} ({2}): {3}"), i,
                             describe(layers[i]), e.message());
        }
    }
    return out;
}

Var Sequential::forward(Graph& graph, const Var& input, bool training,
                        std::vector<Var>* layerOutputs, const LayerNudge* nudge,
                        int firstLayer) const {
    if (firstLayer < 0 || std::size_t(firstLayer) > m_layers.size() || (firstLayer > 0 && !m_chain))
        throw InvalidArgument(Engine::tr("a pass from layer {1} needs a chain of at least {1} "
                                         "layers"),
                              firstLayer);
    std::vector<Var> outs; // every layer's output: a later layer may read any of them
    outs.reserve(m_layers.size());
    const bool chain = m_chain;
    Var h = input;
    for (auto i = std::size_t(firstLayer); i < m_layers.size(); ++i) {
        const LayerSpec& s = m_layers[i];
        const std::vector<int> from = chain ? std::vector<int>{} : layerInputs(m_layers, i);
        const auto output = [&](int j) { return j < 0 ? input : outs[std::size_t(j)]; };
        if (!from.empty()) h = output(from[0]);
        NameScope scope(graph, std::to_string(i));
        LayerScope layerScope(graph, static_cast<int>(i));
        Parameter* w = weight(static_cast<int>(i));
        Parameter* b = bias(static_cast<int>(i));
        try {
            switch (s.kind) {
            case LayerKind::Linear:
                h = linear(h, graph.param(*w), b ? graph.param(*b) : Var{});
                break;
            case LayerKind::Conv2d:
                h = conv2d(h, graph.param(*w), b ? graph.param(*b) : Var{}, s.stride, s.padding);
                break;
            case LayerKind::MaxPool2d:
                h = maxPool2d(h, s.kernel, s.stride);
                break;
            case LayerKind::Activation:
                h = activation(h, s.activation, s.slope);
                break;
            case LayerKind::Softmax:
                h = softmax(h);
                break;
            case LayerKind::Flatten:
                h = flatten(h);
                break;
            case LayerKind::Dropout:
                h = dropout(h, s.p, training);
                break;
            case LayerKind::AvgPool2d:
                h = avgPool2d(h, s.kernel, s.stride);
                break;
            case LayerKind::GlobalAvgPool2d:
                h = globalAvgPool2d(h);
                break;
            case LayerKind::BatchNorm1d:
            case LayerKind::BatchNorm2d: {
                if (h.shape().rank() != (s.kind == LayerKind::BatchNorm2d ? 4 : 2))
                    layerOutputShape(s, h.shape()); // throws the layer's message
                const int first = m_firstBuffer[i];
                h = batchNorm(h, graph.param(*w), graph.param(*b), training,
                              &m_buffers[static_cast<std::size_t>(first)].value,
                              &m_buffers[static_cast<std::size_t>(first + 1)].value);
                break;
            }
            case LayerKind::LayerNorm:
                h = layerNorm(h, graph.param(*w), graph.param(*b));
                break;
            case LayerKind::Add:
            case LayerKind::Concat: {
                const Var& other = output(from.at(1));
                if (s.kind == LayerKind::Add) {
                    if (h.shape() != other.shape())
                        layerOutputShape(s, h.shape(), &other.shape()); // the layer's message
                    h = h + other;
                } else {
                    h = concat(h, other);
                }
                break;
            }
            case LayerKind::Count:
                break;
            }
        } catch (const ShapeError& e) {
            throw LayerError(static_cast<int>(i), Engine::tr("layer {1} ({2}): {3}"), i,
                             describe(s), e.message());
        }
        if (nudge && nudge->layer == static_cast<int>(i)) {
            if (nudge->index < 0 || nudge->index >= h.value().numel())
                throw InvalidArgument(
                    Engine::tr("entry {1} is outside the output of layer {2} ({3} entries)"),
                    nudge->index, i, h.value().numel());
            Tensor offset = Tensor::zeros(h.shape());
            offset[nudge->index] = nudge->delta;
            h = h + graph.input(offset, "nudge");
        }
        if (layerOutputs) layerOutputs->push_back(h);
        if (!chain) outs.push_back(h);
    }
    return h;
}

} // namespace gs
