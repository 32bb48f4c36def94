// Tensors as text for tooltips and the step-through: small ones in full, large ones as their
// shape and statistics (min, mean, max, norm); single entries exactly, with their index.
#pragma once

#include "core/Tensor.h"

#include <QString>

#include <vector>

namespace gs::ui {

QString tensorText(const Tensor& t, Index fullUpTo = 12);
// The Euclidean norm, in double precision.
double tensorNorm(const Tensor& t);
// One number as the step-through shows a picked entry: every digit a float32 holds.
QString exactText(double value);
// A flat index as the index of each dimension, row-major: "[3, 1]" for 7 in a [4, 2].
QString indexText(const Shape& shape, Index flat);
std::vector<Index> multiIndex(const Shape& shape, Index flat);
// The flat index of one entry, or −1 when the index does not fit the shape.
Index flatIndex(const Shape& shape, const std::vector<Index>& index);

} // namespace gs::ui
