// The ops user code calls: each records a node in its inputs' graph and computes its value.
//
// Shapes are batch first. Elementwise ops broadcast scalars, rows ([C] or [1, C] against
// [N, C]) and columns ([N, 1]). Errors name the op, the node and the shapes (gs::ShapeError,
// gs::InvalidArgument). Forward and backward of each family live side by side in its .cpp.
#pragma once

#include "core/Graph.h"

#include <vector>

namespace gs {

// Elementwise (Elementwise.cpp)
Var add(const Var& a, const Var& b);
Var sub(const Var& a, const Var& b);
Var mul(const Var& a, const Var& b);
Var div(const Var& a, const Var& b);
Var neg(const Var& x);
Var abs(const Var& x); // the derivative at 0 is taken as 0, as PyTorch does
Var exp(const Var& x);
Var log(const Var& x);
Var pow(const Var& x, Scalar exponent);
// An activation of ops/Activations.h; alpha is the leaky ReLU's slope (the others ignore it).
Var activation(const Var& x, Activation a, Scalar alpha = Scalar(0.01));
// The activation op's arithmetic on `count` elements, forward (out = f(in)) and backward
// (dx = dy ⊙ f'(x, y)), for code that runs a layer outside the graph with the graph's numbers
// (Trainer's steps split by units). dx must not overlap dy or x.
void activateRange(Activation a, Scalar alpha, const Scalar* in, Scalar* out, Index count);
void activateGradRange(Activation a, Scalar alpha, const Scalar* x, const Scalar* y,
                       const Scalar* dy, Scalar* dx, Index count);
Var relu(const Var& x);
Var leakyRelu(const Var& x, Scalar negativeSlope = Scalar(0.01));
Var sigmoid(const Var& x);
Var tanh(const Var& x);
// Zeroes each element with probability p and scales the rest by 1/(1-p) when training;
// the identity in evaluation. Draws from the graph's random generator.
Var dropout(const Var& x, Scalar p, bool training);
// A constant in x's graph, for arithmetic with plain numbers.
Var constant(const Var& like, Scalar value);

Var operator+(const Var& a, const Var& b);
Var operator-(const Var& a, const Var& b);
Var operator*(const Var& a, const Var& b);
Var operator/(const Var& a, const Var& b);
Var operator-(const Var& x);
Var operator+(const Var& a, Scalar b);
Var operator-(const Var& a, Scalar b);
Var operator*(const Var& a, Scalar b);
Var operator/(const Var& a, Scalar b);
Var operator+(Scalar a, const Var& b);
Var operator-(Scalar a, const Var& b);
Var operator*(Scalar a, const Var& b);
Var operator/(Scalar a, const Var& b);

// Linear algebra (Linalg.cpp)
Var matmul(const Var& a, const Var& b); // [N, K] @ [K, M]
Var transpose(const Var& x);            // [R, C] -> [C, R]
// x [N, in] @ weight[out, in]ᵀ + bias[out]; bias may be an invalid Var (no bias).
Var linear(const Var& x, const Var& weight, const Var& bias = {});

// Reductions (Reduce.cpp)
Var sum(const Var& x);
Var mean(const Var& x);
Var sum(const Var& x, int axis, bool keepDim = false);
Var mean(const Var& x, int axis, bool keepDim = false);

// Normalisers over the last dimension (Softmax.cpp)
Var softmax(const Var& x);
Var logSoftmax(const Var& x);

// Shape (ShapeOps.cpp)
Var reshape(const Var& x, const Shape& shape);
Var flatten(const Var& x); // [N, ...] -> [N, rest]
// a and b side by side along axis 1 (features or channels): [N, A, ...], [N, B, ...] ->
// [N, A + B, ...].
Var concat(const Var& a, const Var& b);

// Losses, averaged as PyTorch's default reduction='mean' (Loss.cpp)
Var mseLoss(const Var& prediction, const Var& target);
// logits [N, C], labels N integers in [0, C).
Var crossEntropy(const Var& logits, const std::vector<int>& labels);
Var bceWithLogits(const Var& logits, const Var& target);

// Images, NCHW (Conv.cpp)
// x [N, C, H, W], weight [O, C, kH, kW], bias [O] or invalid.
Var conv2d(const Var& x, const Var& weight, const Var& bias = {}, int stride = 1, int padding = 0);
// Windows of kernel×kernel moved by stride (0 means stride = kernel).
Var maxPool2d(const Var& x, int kernel, int stride = 0);
// The mean of each kernel×kernel window (no padding; stride 0 means stride = kernel).
Var avgPool2d(const Var& x, int kernel, int stride = 0);
// The mean of each channel over all its positions: [N, C, H, W] -> [N, C].
Var globalAvgPool2d(const Var& x);

// Normalisation (Norm.cpp). ε as PyTorch's default.
constexpr Scalar kNormEpsilon = Scalar(1e-5);
// Batch normalisation of x [N, C] or [N, C, H, W], per channel, then γ·x̂ + β (weight and bias
// [C]). Training: the batch's mean and (biased) variance; the node keeps them (Node::stats) for
// the running statistics, which the caller updates. Evaluation: the running mean and variance.
Var batchNorm(const Var& x, const Var& weight, const Var& bias, bool training,
              const Tensor* runningMean = nullptr, const Tensor* runningVar = nullptr,
              Scalar eps = kNormEpsilon);
// Layer normalisation of each row of x [N, F] over its F features, then γ·x̂ + β ([F]).
Var layerNorm(const Var& x, const Var& weight, const Var& bias, Scalar eps = kNormEpsilon);

} // namespace gs
