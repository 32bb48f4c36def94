// The op table: every kind of node the graph can hold, with its readable name, its symbol and
// the chain-rule formulas the step-through shows.
//
// One enum, one table (OpTable.cpp), guarded by a static_assert on the count, in the manner of
// ggml's GGML_OP_NAME. Formulas are templates: {out} is the node's own name, {0} {1} {2} the
// names of its inputs, so a step can print "dL/dh1 = dL/dz2 @ W2ᵀ" with the user's names.
#pragma once

#include "ops/Activations.h"

#include <array>
#include <optional>
#include <string>

namespace gs {

enum class OpKind {
    // Leaves
    Input,     // a constant: data, targets; never gets a gradient
    Leaf,      // a tensor that requires a gradient but is not a model parameter
    Parameter, // a model parameter (gs::Parameter), gradient accumulates into it
    // Elementwise, with broadcasting of scalars, rows [1, C] and columns [N, 1]
    Add,
    Sub,
    Mul,
    Div,
    Neg,
    Abs,
    Exp,
    Log,
    Pow,
// The activations (ops/Activations.h), in their order: OpKind::Relu, OpKind::Gelu, …
#define GS_ACTIVATION_OP(name) name,
    GS_ACTIVATIONS(GS_ACTIVATION_OP)
#undef GS_ACTIVATION_OP
        Dropout,
    // Linear algebra
    MatMul,
    Transpose,
    Linear, // fused x @ Wᵀ + b: one GEMM, no transposed copy of W
    // Reductions
    Sum,
    Mean,
    SumAxis,
    MeanAxis,
    // Normalisers over the last dimension (rows of the matrix view)
    Softmax,
    LogSoftmax,
    // Shape
    Reshape,
    Flatten,
    Concat, // along axis 1
    // Losses (mean over elements / batch, as PyTorch's default reduction)
    MseLoss,
    CrossEntropy,  // fused log-softmax + NLL: stable for large logits
    BceWithLogits, // fused sigmoid + BCE: stable for large logits
    // Images
    Conv2d,
    MaxPool2d,
    AvgPool2d,
    GlobalAvgPool2d, // [N, C, H, W] -> [N, C]
    // Normalisation with a learned scale and shift: inputs x, γ, β
    BatchNorm,
    LayerNorm,
    // A user-defined op with its own forward and backward (PyTorch's autograd.Function)
    Custom,
    Count
};

constexpr int kOpCount = static_cast<int>(OpKind::Count);
constexpr int kFirstActivationOp = static_cast<int>(OpKind::Pow) + 1;
static_assert(static_cast<int>(OpKind::Dropout) == kFirstActivationOp + kActivationCount);

constexpr OpKind activationOp(Activation a) {
    return static_cast<OpKind>(kFirstActivationOp + static_cast<int>(a));
}
// The activation an op computes, if it is one.
constexpr std::optional<Activation> activationOf(OpKind kind) {
    const int i = static_cast<int>(kind) - kFirstActivationOp;
    if (i < 0 || i >= kActivationCount) return std::nullopt;
    return static_cast<Activation>(i);
}
constexpr int kMaxInputs = 3;

struct OpInfo {
    OpKind kind;
    const char* name;   // "matmul": used in auto-names and messages
    const char* symbol; // "@": drawn on graph nodes
    int minInputs;
    int maxInputs;
    bool elementwise;    // the local derivative is a tensor of the input's shape
    const char* forward; // "{out} = {0} @ {1}"
    std::array<const char*, kMaxInputs> backward; // one chain-rule formula per input slot
};

const OpInfo& opInfo(OpKind kind);
inline const char* opName(OpKind kind) {
    return opInfo(kind).name;
}

// Fills a formula template with names: {out} -> out, {0} -> inputs[0], ...
std::string fillFormula(const char* formula, const std::string& out,
                        const std::array<std::string, kMaxInputs>& inputs);

} // namespace gs
