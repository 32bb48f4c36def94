// Broadcasting for elementwise ops, kept deliberately small: an operand either has the output's
// shape, or is a scalar, a row ([C] or [1, C] against [N, C]) or a column ([N, 1]).
//
// Forward ops walk operands with the strides below; the shared backward loop uses the same
// classification to sum a gradient back to the operand's shape (see BackwardRun::process).
#pragma once

#include "Tensor.h"

#include <optional>

namespace gs {

enum class Broadcast { Full, Scalar, Row, Column };

// How `operand` stretches to `out`, or nullopt when it cannot.
std::optional<Broadcast> broadcastMode(const Shape& operand, const Shape& out);

// The output shape of an elementwise op on a and b, or nullopt when they do not broadcast.
std::optional<Shape> broadcastShape(const Shape& a, const Shape& b);

// Element (i, j) of the output's matrix view is operand[i * rowStride + j * colStride].
struct Strides {
    Index row;
    Index col;
};
Strides broadcastStrides(Broadcast mode, Index cols);

// Sums `grad` (shaped as the output) back to `operandShape` into `out`.
void reduceToShape(const Tensor& grad, const Shape& operandShape, Broadcast mode, Tensor& out);

} // namespace gs
