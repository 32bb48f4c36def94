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
    Count
};

struct LayerSpec {
    LayerKind kind = LayerKind::Linear;
    Index in = 0;  // Linear: input features; Conv2d: input channels
    Index out = 0; // Linear: output features; Conv2d: output channels
    int kernel = 0;
    int stride = 1; // MaxPool2d: 0 means = kernel
    int padding = 0;
    Activation activation = Activation::Relu; // Activation
    Scalar slope = Scalar(0.01);              // LeakyReLU
    Scalar p = Scalar(0.5);                   // Dropout
    Init init = Init::PyTorch;
    bool bias = true;

    static LayerSpec linear(Index in, Index out, Init init = Init::PyTorch);
    static LayerSpec conv2d(Index in, Index out, int kernel, int stride = 1, int padding = 0);
    static LayerSpec maxPool2d(int kernel, int stride = 0);
    static LayerSpec dropout(Scalar p);
    static LayerSpec leakyRelu(Scalar slope = Scalar(0.01));
    static LayerSpec of(Activation activation);
    static LayerSpec of(LayerKind kind);

    bool hasParameters() const { return kind == LayerKind::Linear || kind == LayerKind::Conv2d; }
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
// does not fit, e.g. "input has 784 features but the layer expects 128".
Shape layerOutputShape(const LayerSpec& spec, const Shape& input);

} // namespace gs
