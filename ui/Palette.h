// The colour scales every view shares: TensorFlow Playground's orange (negative) through white
// to blue (positive), so users coming from it read the pictures the same way.
#pragma once

#include <QColor>
#include <QImage>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

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

// The same scale as a 511-entry table, for drawing images a pixel at a time.
inline QRgb divergingRgb(double v) {
    static const auto table = [] {
        std::array<QRgb, 511> t{};
        for (int i = 0; i < 511; ++i)
            t[std::size_t(i)] = divergingColor((i - 255) / 255.0).rgb();
        return t;
    }();
    if (!std::isfinite(v)) return qRgb(128, 128, 128);
    const int i = int(std::lround(std::clamp(v, -1.0, 1.0) * 255)) + 255;
    return table[std::size_t(i)];
}

// A side × side grey image, 0 = white paper … 255 = black ink.
inline QImage inkImage(const std::vector<unsigned char>& pixels, int side) {
    QImage image(side, side, QImage::Format_Grayscale8);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            image.scanLine(y)[x] = static_cast<uchar>(255 - pixels[std::size_t(y * side + x)]);
    return image;
}

} // namespace gs::ui
