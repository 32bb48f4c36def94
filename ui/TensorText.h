// Tensors as text for tooltips and the step-through: small ones in full, large ones as their
// shape and statistics (min, mean, max, norm).
#pragma once

#include "core/Tensor.h"

#include <QString>

namespace gs::ui {

QString tensorText(const Tensor& t, Index fullUpTo = 12);
// The Euclidean norm, in double precision.
double tensorNorm(const Tensor& t);

} // namespace gs::ui
