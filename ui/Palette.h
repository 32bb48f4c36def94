// The colour scales every view shares: TensorFlow Playground's orange (negative) through white
// to blue (positive), so users coming from it read the pictures the same way.
#pragma once

#include <QColor>

#include <algorithm>
#include <cmath>

namespace gs::ui {

inline const QColor kNegative(245, 147, 34);
inline const QColor kPositive(8, 119, 189);

// v in [−1, 1] → orange … white … blue.
inline QColor divergingColor(double v) {
    if (!std::isfinite(v)) return QColor(128, 128, 128);
    v = std::clamp(v, -1.0, 1.0);
    const QColor& end = v < 0 ? kNegative : kPositive;
    const double t = std::abs(v);
    const auto mix = [t](int a) { return int(std::lround(255 + (a - 255) * t)); };
    return QColor(mix(end.red()), mix(end.green()), mix(end.blue()));
}

} // namespace gs::ui
