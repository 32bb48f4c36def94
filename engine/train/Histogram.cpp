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
    for (Index i = 0; i < count; ++i) {
        const double v = values[i];
        if (!std::isfinite(v)) continue;
        ++h.counts[std::min(last, std::size_t((v - low) * scale))];
    }
    return h;
}

} // namespace gs
