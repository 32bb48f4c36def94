#include "Layer.h"

#include "core/Names.h"

#include "core/Errors.h"
#include "core/Limits.h"

#include <algorithm>

namespace gs {

namespace {
// The activation's place holds no name: each activation has its own (ops/Activations.h).
constexpr const char* kKindNames[] = {
    "linear",  "",           "softmax",           "conv2d",       "max_pool2d",   "flatten",
    "dropout", "avg_pool2d", "global_avg_pool2d", "batch_norm1d", "batch_norm2d", "layer_norm",
    "add",     "concat"};
static_assert(std::size(kKindNames) == static_cast<std::size_t>(LayerKind::Count));
} // namespace

LayerSpec LayerSpec::linear(Index in, Index out, Init init) {
    LayerSpec s;
    s.kind = LayerKind::Linear;
    s.in = in;
    s.out = out;
    s.init = init;
    return s;
}

LayerSpec LayerSpec::conv2d(Index in, Index out, int kernel, int stride, int padding) {
    LayerSpec s;
    s.kind = LayerKind::Conv2d;
    s.in = in;
    s.out = out;
    s.kernel = kernel;
    s.stride = stride;
    s.padding = padding;
    return s;
}

LayerSpec LayerSpec::maxPool2d(int kernel, int stride) {
    LayerSpec s;
    s.kind = LayerKind::MaxPool2d;
    s.kernel = kernel;
    s.stride = stride == 0 ? kernel : stride;
    return s;
}

LayerSpec LayerSpec::avgPool2d(int kernel, int stride) {
    LayerSpec s = maxPool2d(kernel, stride);
    s.kind = LayerKind::AvgPool2d;
    return s;
}

LayerSpec LayerSpec::norm(LayerKind kind, Index features) {
    LayerSpec s;
    s.kind = kind;
    s.in = features;
    s.out = features;
    return s;
}

LayerSpec LayerSpec::merge(LayerKind kind, int a, int b) {
    LayerSpec s;
    s.kind = kind;
    s.inputs = {a, b};
    return s;
}

std::vector<int> layerInputs(const std::vector<LayerSpec>& layers, std::size_t i) {
    if (!layers[i].inputs.empty()) return layers[i].inputs;
    return {static_cast<int>(i) - 1};
}

bool isChain(const std::vector<LayerSpec>& layers) {
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layerInputs(layers, i) != std::vector<int>{static_cast<int>(i) - 1}) return false;
    return true;
}

bool continuesUnits(const std::vector<LayerSpec>& layers, std::size_t i) {
    const LayerKind k = layers[i].kind;
    const bool keeps =
        isNormalisation(k) || k == LayerKind::Add || (isActivation(k) && k != LayerKind::Softmax);
    const std::vector<int> from = layerInputs(layers, i);
    return keeps && std::find(from.begin(), from.end(), int(i) - 1) != from.end();
}

LayerSpec LayerSpec::dropout(Scalar p) {
    LayerSpec s;
    s.kind = LayerKind::Dropout;
    s.p = p;
    return s;
}

LayerSpec LayerSpec::leakyRelu(Scalar slope) {
    LayerSpec s = of(Activation::LeakyRelu);
    s.slope = slope;
    return s;
}

LayerSpec LayerSpec::of(Activation activation) {
    LayerSpec s;
    s.kind = LayerKind::Activation;
    s.activation = activation;
    return s;
}

LayerSpec LayerSpec::of(LayerKind kind) {
    LayerSpec s;
    s.kind = kind;
    return s;
}

const char* layerTypeName(const LayerSpec& spec) {
    if (spec.kind == LayerKind::Activation) return activationInfo(spec.activation).name;
    return kKindNames[static_cast<int>(spec.kind)];
}

std::optional<LayerSpec> layerFromTypeName(const std::string& name) {
    for (int a = 0; a < kActivationCount; ++a)
        if (name == activationInfo(Activation(a)).name) return LayerSpec::of(Activation(a));
    if (name.empty()) return std::nullopt;
    if (const auto kind = enumFromName<LayerKind>(kKindNames, name)) return LayerSpec::of(*kind);
    return std::nullopt;
}

std::string layerTypeNames() {
    std::string names;
    for (int k = 0; k < static_cast<int>(LayerKind::Count); ++k) {
        if (static_cast<LayerKind>(k) == LayerKind::Activation)
            for (int a = 0; a < kActivationCount; ++a)
                names +=
                    std::string(names.empty() ? "" : ", ") + activationInfo(Activation(a)).name;
        else
            names += std::string(names.empty() ? "" : ", ") + kKindNames[k];
    }
    return names;
}

Message describe(const LayerSpec& s) {
    // Class names and numbers only: the same in every language, so not translated.
    const auto n = [](auto v) { return std::to_string(v); };
    switch (s.kind) {
    case LayerKind::Linear:
        return Message::verbatim("Linear(" + n(s.in) + " → " + n(s.out) + ")");
    case LayerKind::Activation: {
        const ActivationInfo& a = activationInfo(s.activation);
        return Message::verbatim(a.hasSlope ? std::string(a.className) + "(" +
                                                  std::to_string(s.slope).substr(0, 5) + ")"
                                            : a.className);
    }
    case LayerKind::Softmax:
        return Message::verbatim("Softmax");
    case LayerKind::Conv2d:
        return Message(Engine::tr("Conv2d({1} → {2}, {3}×{4}, stride {5}, padding {6})"), s.in,
                       s.out, s.kernel, s.kernel, s.stride, s.padding);
    case LayerKind::MaxPool2d:
        return Message(Engine::tr("MaxPool2d({1}×{2}, stride {3})"), s.kernel, s.kernel, s.stride);
    case LayerKind::Flatten:
        return Message::verbatim("Flatten");
    case LayerKind::Dropout:
        return Message::verbatim("Dropout(" + std::to_string(s.p).substr(0, 4) + ")");
    case LayerKind::AvgPool2d:
        return Message(Engine::tr("AvgPool2d({1}×{2}, stride {3})"), s.kernel, s.kernel, s.stride);
    case LayerKind::GlobalAvgPool2d:
        return Message::verbatim("GlobalAvgPool2d");
    case LayerKind::BatchNorm1d:
        return Message::verbatim("BatchNorm1d(" + n(s.in) + ")");
    case LayerKind::BatchNorm2d:
        return Message::verbatim("BatchNorm2d(" + n(s.in) + ")");
    case LayerKind::LayerNorm:
        return Message::verbatim("LayerNorm(" + n(s.in) + ")");
    case LayerKind::Add:
        return Message::verbatim("Add");
    case LayerKind::Concat:
        return Message::verbatim("Concat");
    case LayerKind::Count:
        break;
    }
    return Message::verbatim("?");
}

Shape layerOutputShape(const LayerSpec& s, const Shape& in, const Shape* second) {
    if (isMerge(s.kind) != (second != nullptr))
        throw InvalidArgument(isMerge(s.kind) ? Engine::tr("a merge layer takes two inputs")
                                              : Engine::tr("this layer takes one input"));
    switch (s.kind) {
    case LayerKind::Linear:
        if (s.in < 1 || s.out < 1)
            throw InvalidArgument(
                Engine::tr("a linear layer needs at least 1 input and 1 output feature"));
        if (in.rank() == 4)
            throw ShapeError(Engine::tr("a linear layer takes [batch, features], but gets {1}: "
                                        "add a Flatten layer before it"),
                             in.str());
        if (in.rank() != 2)
            throw ShapeError(Engine::tr("a linear layer takes [batch, features], but gets {1}"),
                             in.str());
        if (in[1] != s.in)
            throw ShapeError(Engine::tr("input has {1} features but the layer expects {2}"), in[1],
                             s.in);
        return {in[0], s.out};
    case LayerKind::Conv2d: {
        if (s.in < 1 || s.out < 1 || s.kernel < 1 || s.stride < 1 || s.padding < 0 ||
            s.kernel > kMaxConvWindow || s.stride > kMaxConvWindow || s.padding > kMaxConvWindow)
            throw InvalidArgument(Engine::tr("a conv2d layer needs channels ≥ 1, kernel and stride "
                                             "from 1 to {1} and padding from 0 to {2}"),
                                  kMaxConvWindow, kMaxConvWindow);
        if (in.rank() != 4)
            throw ShapeError(
                Engine::tr("a conv2d layer takes [batch, channels, height, width], but gets {1}"),
                in.str());
        if (in[1] != s.in)
            throw ShapeError(Engine::tr("input has {1} channels but the layer expects {2}"), in[1],
                             s.in);
        // In 64 bits: 2·padding in int would overflow near 2^31.
        const Index h = in[2] + 2 * Index(s.padding) - s.kernel;
        const Index w = in[3] + 2 * Index(s.padding) - s.kernel;
        if (h < 0 || w < 0)
            throw ShapeError(Engine::tr("the {1}×{2} kernel is larger than the {3}×{4} image with "
                                        "padding {5}"),
                             s.kernel, s.kernel, in[2], in[3], s.padding);
        return {in[0], s.out, h / s.stride + 1, w / s.stride + 1};
    }
    case LayerKind::MaxPool2d:
    case LayerKind::AvgPool2d: {
        if (s.kernel < 1 || s.stride < 1 || s.kernel > kMaxConvWindow || s.stride > kMaxConvWindow)
            throw InvalidArgument(
                Engine::tr("a pooling layer needs kernel and stride from 1 to {1}"),
                kMaxConvWindow);
        if (in.rank() != 4)
            throw ShapeError(Engine::tr("a pooling layer takes [batch, channels, height, width], "
                                        "but gets {1}"),
                             in.str());
        if (in[2] < s.kernel || in[3] < s.kernel)
            throw ShapeError(Engine::tr("the {1}×{2} window is larger than the {3}×{4} image"),
                             s.kernel, s.kernel, in[2], in[3]);
        return {in[0], in[1], (in[2] - s.kernel) / s.stride + 1, (in[3] - s.kernel) / s.stride + 1};
    }
    case LayerKind::GlobalAvgPool2d:
        if (in.rank() != 4)
            throw ShapeError(Engine::tr("global average pooling takes [batch, channels, height, "
                                        "width], but gets {1}"),
                             in.str());
        return {in[0], in[1]};
    case LayerKind::BatchNorm1d:
    case LayerKind::BatchNorm2d:
    case LayerKind::LayerNorm: {
        const bool image = s.kind == LayerKind::BatchNorm2d;
        if (s.in < 1)
            throw InvalidArgument(Engine::tr("a normalisation layer needs at least 1 feature"));
        if (in.rank() != (image ? 4 : 2))
            throw ShapeError(image ? Engine::tr("BatchNorm2d takes [batch, channels, height, "
                                                "width], but gets {1}: use BatchNorm1d")
                                   : Engine::tr("this normalisation takes [batch, features], but "
                                                "gets {1}"),
                             in.str());
        if (in[1] != s.in)
            throw ShapeError(image ? Engine::tr("input has {1} channels but the layer expects {2}")
                                   : Engine::tr("input has {1} features but the layer expects {2}"),
                             in[1], s.in);
        return in;
    }
    case LayerKind::Flatten:
        return {in.rows(), in.cols()};
    case LayerKind::Dropout:
        if (!(s.p >= 0 && s.p < 1))
            throw InvalidArgument(Engine::tr("dropout probability must be in [0, 1), got {1}"),
                                  std::to_string(s.p)); // "%f", as before
        return in;
    case LayerKind::Softmax:
        if (in.rank() != 2)
            throw ShapeError(Engine::tr("softmax takes [batch, classes], but gets {1}"), in.str());
        return in;
    case LayerKind::Activation:
        if (s.activation < Activation::Relu || s.activation >= Activation::Count)
            throw InvalidArgument(Engine::tr("unknown activation {1}"), int(s.activation));
        if (activationInfo(s.activation).hasSlope && !(s.slope >= 0 && s.slope < 1))
            throw InvalidArgument(Engine::tr("the leaky ReLU slope must be in [0, 1), got {1}"),
                                  std::to_string(s.slope)); // "%f", as before
        return in;
    case LayerKind::Add:
        if (in != *second)
            throw ShapeError(Engine::tr("adds {1} and {2}: a skip connection needs two outputs of "
                                        "one shape (take it from a layer as wide as this one)"),
                             in.str(), second->str());
        return in;
    case LayerKind::Concat: {
        bool fits = in.rank() >= 2 && in.rank() == second->rank();
        for (int d = 0; fits && d < in.rank(); ++d)
            fits = d == 1 || in[d] == (*second)[d];
        if (!fits)
            throw ShapeError(Engine::tr("joins {1} and {2}: they must differ in axis 1 only"),
                             in.str(), second->str());
        std::vector<Index> dims = in.toVector();
        dims[1] += (*second)[1];
        return Shape::fromVector(dims);
    }
    case LayerKind::Count:
        break;
    }
    throw InvalidArgument(Engine::tr("unknown layer kind"));
}

} // namespace gs
