// The activation functions, each defined once: its function, its derivative and its names.
//
// Everything that knows an activation reads it here: the graph's op (ops/Elementwise.cpp: the
// forward, the backward and the step-through's local derivative all call derivative() below),
// the op table's names and formulas (core/OpTable.cpp), the layer and its file name
// (nn/Layer.cpp), the compute backends on the host and on the GPU (backend/Kernels.h), the
// exporters (PyTorch, Keras, ONNX), the network builder's list and the CLI. Adding one is a
// struct below and its name in GS_ACTIVATIONS (docs/engine.md, "Adding an activation").
//
// value(x, α) is f(x); derivative(x, y, α) is f'(x) given x and y = f(x) (some derivatives read
// more simply from y: tanh' = 1 − y²). α is the leaky ReLU's slope and is ignored by the others.
// Both compile for the GPU too (GS_HD), so a GPU computes the numbers the CPU's tests check.
#pragma once

#include "core/DeviceMath.h"
#include "core/Message.h"

namespace gs {

// Every activation, in the order of the enum below (and of OpKind's activation ops).
#define GS_ACTIVATIONS(X) X(Relu) X(LeakyRelu) X(Sigmoid) X(Tanh) X(Gelu) X(Elu) X(Silu) X(Softplus)

#define GS_ACTIVATION_ENUM(name) name,
enum class Activation : int { GS_ACTIVATIONS(GS_ACTIVATION_ENUM) Count };
#undef GS_ACTIVATION_ENUM

constexpr int kActivationCount = static_cast<int>(Activation::Count);

// What is said of an activation, in every place that names it.
struct ActivationInfo {
    const char* name;      // "gelu": model files, the CLI, op names ("3.gelu")
    const char* className; // "GELU": PyTorch's nn class, the builder's list, layer descriptions
    const char* symbol;    // drawn on the computation graph's node
    const char* forward;   // the step-through's formulas ({out}, {0}: OpKind.h)
    const char* backward;
    const char* keras; // Keras's activation name; nullptr: a layer of its own (LeakyReLU)
    // ONNX (opset 13) as an expression of x: "Relu", or nested ops with x and numbers:
    // "Mul(x,Sigmoid(x))". io/Onnx.cpp writes it as nodes and recognises the same nodes on
    // import, so the expression is written as PyTorch's exporter writes it.
    const char* onnx;
    bool hasSlope; // takes α (LayerSpec::slope)
};

namespace activations {

using kernels::absOf, kernels::erfOf, kernels::expOf, kernels::expm1Of, kernels::log1pOf,
    kernels::tanhOf;

template <class T> GS_HD T logistic(T x) {
    return T(1) / (T(1) + expOf(-x));
}

// max(0, x): a NaN stays NaN (x < 0 is false), so the checks see it.
struct Relu {
    static constexpr ActivationInfo info{
        "relu",
        "ReLU",
        "ReLU",
        "{out} = max(0, {0})",
        Engine::tr("dL/d{0} = dL/d{out} ⊙ relu'({0}),  relu'(z) = 1 if z > 0 else 0").source,
        "relu",
        "Relu",
        false};
    template <class T> GS_HD static T value(T x, T) { return x < T(0) ? T(0) : x; }
    template <class T> GS_HD static T derivative(T x, T, T) { return x > T(0) ? T(1) : T(0); }
};

struct LeakyRelu {
    static constexpr ActivationInfo info{
        "leaky_relu",
        "LeakyReLU",
        "LReLU",
        "{out} = max(α·{0}, {0})",
        Engine::tr("dL/d{0} = dL/d{out} ⊙ (1 if {0} > 0 else α)").source,
        nullptr,
        "LeakyRelu",
        true};
    template <class T> GS_HD static T value(T x, T a) { return x > T(0) ? x : x * a; }
    template <class T> GS_HD static T derivative(T x, T, T a) { return x > T(0) ? T(1) : a; }
};

struct Sigmoid {
    static constexpr ActivationInfo info{"sigmoid",
                                         "Sigmoid",
                                         "σ",
                                         "{out} = 1 / (1 + exp(−{0}))",
                                         "dL/d{0} = dL/d{out} ⊙ {out} ⊙ (1 − {out})",
                                         "sigmoid",
                                         "Sigmoid",
                                         false};
    template <class T> GS_HD static T value(T x, T) { return logistic(x); }
    template <class T> GS_HD static T derivative(T, T y, T) { return y * (T(1) - y); }
};

struct Tanh {
    static constexpr ActivationInfo info{
        "tanh", "Tanh", "tanh", "{out} = tanh({0})", "dL/d{0} = dL/d{out} ⊙ (1 − {out}²)",
        "tanh", "Tanh", false};
    template <class T> GS_HD static T value(T x, T) { return tanhOf(x); }
    template <class T> GS_HD static T derivative(T, T y, T) { return T(1) - y * y; }
};

// The exact GELU, x·Φ(x) with Φ the standard normal distribution function (PyTorch's default,
// not its tanh approximation): Φ(x) = (1 + erf(x/√2)) / 2, φ(x) = exp(−x²/2) / √(2π).
struct Gelu {
    static constexpr ActivationInfo info{"gelu",
                                         "GELU",
                                         "GELU",
                                         "{out} = {0} · Φ({0})",
                                         "dL/d{0} = dL/d{out} ⊙ (Φ({0}) + {0} · φ({0}))",
                                         "gelu",
                                         "Mul(Mul(x,Add(Erf(Div(x,1.4142135623730951)),1)),0.5)",
                                         false};
    template <class T> GS_HD static T value(T x, T) {
        return x * T(0.5) * (T(1) + erfOf(x * T(0.70710678118654752)));
    }
    template <class T> GS_HD static T derivative(T x, T, T) {
        const T cdf = T(0.5) * (T(1) + erfOf(x * T(0.70710678118654752)));
        const T pdf = expOf(T(-0.5) * x * x) * T(0.39894228040143268);
        return cdf + x * pdf;
    }
};

// ELU with α = 1, as PyTorch's default: x for x > 0, exp(x) − 1 below; its slope there is
// exp(x) = y + 1.
struct Elu {
    static constexpr ActivationInfo info{
        "elu",
        "ELU",
        "ELU",
        Engine::tr("{out} = {0} if {0} > 0 else exp({0}) − 1").source,
        Engine::tr("dL/d{0} = dL/d{out} ⊙ (1 if {0} > 0 else {out} + 1)").source,
        "elu",
        "Elu",
        false};
    template <class T> GS_HD static T value(T x, T) { return x > T(0) ? x : expm1Of(x); }
    template <class T> GS_HD static T derivative(T x, T y, T) { return x > T(0) ? T(1) : y + T(1); }
};

// SiLU (swish): x·σ(x).
struct Silu {
    static constexpr ActivationInfo info{"silu",
                                         "SiLU",
                                         "SiLU",
                                         "{out} = {0} · σ({0})",
                                         "dL/d{0} = dL/d{out} ⊙ σ({0}) · (1 + {0} · (1 − σ({0})))",
                                         "swish",
                                         "Mul(x,Sigmoid(x))",
                                         false};
    template <class T> GS_HD static T value(T x, T) { return x * logistic(x); }
    template <class T> GS_HD static T derivative(T x, T, T) {
        const T s = logistic(x);
        return s * (T(1) + x * (T(1) - s));
    }
};

// log(1 + exp(x)), and x itself above 20 as PyTorch (β = 1, threshold 20): there the two agree
// to float precision and exp would overflow further up.
struct Softplus {
    static constexpr ActivationInfo info{"softplus",
                                         "Softplus",
                                         "softplus",
                                         "{out} = log(1 + exp({0}))",
                                         "dL/d{0} = dL/d{out} ⊙ σ({0})",
                                         "softplus",
                                         "Softplus",
                                         false};
    template <class T> GS_HD static T value(T x, T) { return x > T(20) ? x : log1pOf(expOf(x)); }
    template <class T> GS_HD static T derivative(T x, T, T) {
        return x > T(20) ? T(1) : logistic(x);
    }
};

} // namespace activations

// f(x) and f'(x) (given y = f(x)) of activation `a`; for the GPU's kernels and for single values.
template <class T> GS_HD T activate(Activation a, T x, T alpha) {
    switch (a) {
#define GS_ACTIVATION_CASE(name)                                                                   \
    case Activation::name:                                                                         \
        return activations::name::value(x, alpha);
        GS_ACTIVATIONS(GS_ACTIVATION_CASE)
#undef GS_ACTIVATION_CASE
    case Activation::Count:
        break;
    }
    return x;
}

template <class T> GS_HD T activationDerivative(Activation a, T x, T y, T alpha) {
    switch (a) {
#define GS_ACTIVATION_CASE(name)                                                                   \
    case Activation::name:                                                                         \
        return activations::name::derivative(x, y, alpha);
        GS_ACTIVATIONS(GS_ACTIVATION_CASE)
#undef GS_ACTIVATION_CASE
    case Activation::Count:
        break;
    }
    return T(1);
}

// Calls f.template operator()<Def>() with the definition of `a` (activations::Relu, …), so that a
// loop over many elements is compiled for one activation, with no choice inside it.
template <class F> decltype(auto) withActivation(Activation a, F&& f) {
    switch (a) {
#define GS_ACTIVATION_CASE(name)                                                                   \
    case Activation::name:                                                                         \
        return f.template operator()<activations::name>();
        GS_ACTIVATIONS(GS_ACTIVATION_CASE)
#undef GS_ACTIVATION_CASE
    case Activation::Count:
        break;
    }
    return f.template operator()<activations::Relu>();
}

// The names and formulas of `a`.
inline const ActivationInfo& activationInfo(Activation a) {
    return withActivation(a, []<class Def>() -> const ActivationInfo& { return Def::info; });
}

} // namespace gs
