// Histograms of a tensor's values: the distributions view draws each layer's weights, gradients,
// updates and activations at the step shown (TensorBoard's histograms, on the timeline).
#pragma once

#include "core/Tensor.h"

#include <cstdint>
#include <vector>

namespace gs {

struct Histogram {
    double low = 0, high = 0;          // the finite values' range; the bins split it evenly
    std::vector<std::uint32_t> counts; // values per bin (the last bin includes `high`)
    Index total = 0;                   // values counted
    Index nonFinite = 0;               // NaN and ±∞, left out of the bins
    // The share of the values within `epsilon` of 0 (dead ReLU units, vanished gradients).
    double nearZero = 0;
};

// `bins` ≥ 1 bins over [min, max] of the finite values. All values equal: one value's bin in the
// middle of [v − 0.5, v + 0.5]. No finite value: empty bins over [0, 0].
Histogram histogram(const Scalar* values, Index count, int bins, double epsilon = 1e-6);
inline Histogram histogram(const Tensor& t, int bins, double epsilon = 1e-6) {
    return histogram(t.data(), t.numel(), bins, epsilon);
}

} // namespace gs
