#include "Histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gs {

Histogram histogram(const Scalar* values, Index count, int bins, double epsilon) {
    Histogram h;
    h.counts.assign(std::size_t(std::max(bins, 1)), 0);
    double low = std::numeric_limits<double>::infinity(), high = -low;
    Index zero = 0;
    for (Index i = 0; i < count; ++i) {
        const double v = values[i];
        if (!std::isfinite(v)) {
            ++h.nonFinite;
            continue;
        }
        low = std::min(low, v);
        high = std::max(high, v);
        zero += std::abs(v) <= epsilon;
    }
    h.total = count - h.nonFinite;
    if (h.total == 0) return h;
    if (high == low) {
        low -= 0.5;
        high += 0.5;
    }
    h.low = low;
    h.high = high;
    h.nearZero = double(zero) / double(h.total);
    const double scale = double(h.counts.size()) / (high - low);
    const std::size_t last = h.counts.size() - 1;
    std::vector<Scalar> sorted;
    sorted.reserve(std::size_t(h.total));
    for (Index i = 0; i < count; ++i) {
        const double v = values[i];
        if (!std::isfinite(v)) continue;
        ++h.counts[std::min(last, std::size_t((v - low) * scale))];
        sorted.push_back(values[i]);
    }
    // Each percentile by selection, from the largest down, each in the part below the last.
    auto end = sorted.end();
    for (int k = Histogram::kBands - 1; k >= 0; --k) {
        const double at = kPercentiles[std::size_t(k)] / 100 * double(sorted.size() - 1);
        const auto below = std::size_t(std::floor(at));
        const auto above = std::min(below + 1, sorted.size() - 1);
        // The two neighbours: `above` as the largest of its part, `below` as the largest left.
        const auto upper = sorted.begin() + std::ptrdiff_t(above);
        std::nth_element(sorted.begin(), upper, end);
        const double hi = *upper;
        const auto lower = sorted.begin() + std::ptrdiff_t(below);
        std::nth_element(sorted.begin(), lower, upper + 1);
        const double lo = *lower;
        h.percentiles[std::size_t(k)] = lo + (hi - lo) * (at - double(below));
        end = upper + 1;
    }
    return h;
}

} // namespace gs
