// A layer described as data: what the network builder edits, what model files store, and what
// Sequential turns into graph nodes. One struct for every kind keeps the builder, the file
// format and the shape checks in one place each.
#pragma once

#include "Init.h"
#include "core/Tensor.h"
#include "ops/Activations.h"

#include <optional>
#include <string>

namespace gs {

enum class LayerKind {
    Linear,
    Activation, // which one: LayerSpec::activation (ops/Activations.h)
    Softmax,
    Conv2d,
    MaxPool2d,
    Flatten,
    Dropout,
    AvgPool2d,
    GlobalAvgPool2d, // [N, C, H, W] -> [N, C]
    BatchNorm1d,     // [N, C], per feature over the batch
    BatchNorm2d,     // [N, C, H, W], per channel over the batch and the positions
    LayerNorm,       // [N, F], per sample over its features
    Add,             // the sum of two earlier outputs of one shape: a skip connection
    Concat,          // two earlier outputs side by side along axis 1
    Count
};

// The layers that merge two branches of the network.
constexpr bool isMerge(LayerKind k) {
    return k == LayerKind::Add || k == LayerKind::Concat;
}

// The normalisation layers: a weight γ (ones) and a bias β (zeros) of `in` entries each.
constexpr bool isNormalisation(LayerKind k) {
    return k == LayerKind::BatchNorm1d || k == LayerKind::BatchNorm2d || k == LayerKind::LayerNorm;
}
constexpr bool isBatchNorm(LayerKind k) {
    return k == LayerKind::BatchNorm1d || k == LayerKind::BatchNorm2d;
}
// The pools: a window slid over each channel (the global one takes the whole image).
constexpr bool isPool(LayerKind k) {
    return k == LayerKind::MaxPool2d || k == LayerKind::AvgPool2d;
}

struct LayerSpec {
    LayerKind kind = LayerKind::Linear;
    Index in = 0;  // Linear, LayerNorm, BatchNorm1d: features; Conv2d, BatchNorm2d: channels
    Index out = 0; // Linear: output features; Conv2d: output channels
    int kernel = 0;
    int stride = 1; // pools: 0 means = kernel
    int padding = 0;
    Activation activation = Activation::Relu; // Activation
    Scalar slope = Scalar(0.01);              // LeakyReLU
    Scalar p = Scalar(0.5);                   // Dropout
    Init init = Init::PyTorch;
    bool bias = true;
    // Where the layer's input comes from: empty for the layer before (the network's input for
    // the first); otherwise earlier layers' indices, −1 for the network's input. Add and
    // Concat take two; the others one. With them a network is a graph, not a chain.
    std::vector<int> inputs;

    static LayerSpec linear(Index in, Index out, Init init = Init::PyTorch);
    static LayerSpec conv2d(Index in, Index out, int kernel, int stride = 1, int padding = 0);
    static LayerSpec maxPool2d(int kernel, int stride = 0);
    static LayerSpec avgPool2d(int kernel, int stride = 0);
    // BatchNorm1d, BatchNorm2d or LayerNorm over `features` features or channels.
    static LayerSpec norm(LayerKind kind, Index features);
    static LayerSpec dropout(Scalar p);
    static LayerSpec leakyRelu(Scalar slope = Scalar(0.01));
    static LayerSpec of(Activation activation);
    static LayerSpec of(LayerKind kind);
    // Add or Concat of the outputs of layers a and b (−1: the network's input).
    static LayerSpec merge(LayerKind kind, int a, int b);

    bool hasParameters() const {
        return kind == LayerKind::Linear || kind == LayerKind::Conv2d || isNormalisation(kind);
    }
    bool operator==(const LayerSpec&) const = default;
};

// The activations and softmax: elementwise (or row-wise) and without parameters.
constexpr bool isActivation(LayerKind k) {
    return k == LayerKind::Activation || k == LayerKind::Softmax;
}

// "linear", "relu", "gelu", ...: the layer's type in model files and the CLI (an activation
// layer is named by its activation).
const char* layerTypeName(const LayerSpec& spec);
// The layer a type name stands for (an activation's with that activation), or nothing.
std::optional<LayerSpec> layerFromTypeName(const std::string& name);
// Every type name, "linear, relu, …, dropout", for messages that list them.
std::string layerTypeNames();
// "Linear(784 → 128)", "ReLU", "Conv2d(1 → 8, 5×5, stride 1, padding 2)": a Message, for the
// words in some (stride, padding) are translated; english() is the text above.
Message describe(const LayerSpec& spec);

// The layer's output shape for an input shape (batch first), or a ShapeError that says what
// does not fit, e.g. "input has 784 features but the layer expects 128". A merge's `second` is
// its other input's shape.
Shape layerOutputShape(const LayerSpec& spec, const Shape& input, const Shape* second = nullptr);

// The outputs layer i reads, −1 for the network's input (layer i − 1 unless it says others).
std::vector<int> layerInputs(const std::vector<LayerSpec>& layers, std::size_t i);
// True when every layer reads the one before: a chain, as a version 1 model file holds.
bool isChain(const std::vector<LayerSpec>& layers);
// True when layer i keeps the units of the layer before as they are, one for one, and reads
// it: a norm, an activation other than softmax, or an Add of a skip to it. The views show a
// Dense layer's units after these (what the next layer sees).
bool continuesUnits(const std::vector<LayerSpec>& layers, std::size_t i);

} // namespace gs
