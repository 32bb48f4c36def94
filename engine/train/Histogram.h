// Histograms of a tensor's values: the distributions view draws each layer's weights, gradients,
// updates and activations at the step shown (TensorBoard's histograms, on the timeline).
#pragma once

#include "core/Tensor.h"

#include <array>
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
    // The finite values at kPercentiles (linear between neighbours, as numpy's default): the
    // distributions over time draw them as nested bands. All 0 when there is none.
    static constexpr int kBands = 9;
    std::array<double, kBands> percentiles{};
};

// Where the percentiles lie, in %: the minimum, ±1.5σ, ±1σ, ±0.5σ of a normal distribution
// around its median, and the maximum (TensorBoard's distributions draw the same).
constexpr std::array<double, Histogram::kBands> kPercentiles{0,     6.68,  15.87, 30.85, 50,
                                                             69.15, 84.13, 93.32, 100};

// `bins` ≥ 1 bins over [min, max] of the finite values. All values equal: one value's bin in the
// middle of [v − 0.5, v + 0.5]. No finite value: empty bins over [0, 0].
Histogram histogram(const Scalar* values, Index count, int bins, double epsilon = 1e-6);
inline Histogram histogram(const Tensor& t, int bins, double epsilon = 1e-6) {
    return histogram(t.data(), t.numel(), bins, epsilon);
}

} // namespace gs
