// The colour scales every view shares: TensorFlow Playground's orange (negative) through white
// to blue (positive), so users coming from it read the pictures the same way; and the colours
// of the drawing areas (background, text, frames) in the light and the dark palette.
//
// Every drawing area follows the palette it is given (QEvent::PaletteChange), so the main
// window only sets the application palette: a dark window gets dark drawing areas, where the
// diverging scale passes through a dark grey instead of white.
#pragma once

#include <QColor>
#include <QImage>
#include <QPalette>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace gs::ui {

inline const QColor kNegative(245, 147, 34);
inline const QColor kPositive(8, 119, 189);

// The app's dark palette (View › Dark palette), on the Fusion style.
inline QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(45, 47, 51));
    p.setColor(QPalette::WindowText, QColor(225, 225, 225));
    p.setColor(QPalette::Base, QColor(32, 33, 36));
    p.setColor(QPalette::AlternateBase, QColor(45, 47, 51));
    p.setColor(QPalette::Text, QColor(225, 225, 225));
    p.setColor(QPalette::Button, QColor(55, 57, 62));
    p.setColor(QPalette::ButtonText, QColor(225, 225, 225));
    p.setColor(QPalette::Highlight, QColor(8, 119, 189));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(55, 57, 62));
    p.setColor(QPalette::ToolTipText, QColor(225, 225, 225));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    return p;
}

// A palette is dark when its window colour is (Qt's own test in QStyleHints::colorScheme).
inline bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

// The colours a drawing area paints with, for the light or the dark palette.
struct CanvasColors {
    QColor background; // the area itself
    QColor text;       // labels and titles
    QColor muted;      // secondary text, ticks, frames
    QColor empty;      // an empty tile or cell
    QColor neutral;    // the middle of the diverging scale
};

inline CanvasColors canvasColors(bool dark) {
    if (dark)
        return {QColor(30, 31, 34), QColor(228, 228, 228), QColor(160, 163, 170),
                QColor(52, 54, 58), QColor(44, 45, 49)};
    return {Qt::white, QColor(20, 20, 20), QColor(100, 100, 100), QColor(245, 245, 245), Qt::white};
}

inline CanvasColors canvasColors(const QPalette& palette) {
    return canvasColors(isDark(palette));
}

// v in [−1, 1] → orange … neutral (white, or dark grey on the dark palette) … blue.
inline QColor divergingColor(double v, bool dark = false) {
    if (!std::isfinite(v)) return QColor(128, 128, 128);
    v = std::clamp(v, -1.0, 1.0);
    const QColor& end = v < 0 ? kNegative : kPositive;
    const QColor middle = canvasColors(dark).neutral;
    const double t = std::abs(v);
    const auto mix = [t](int from, int to) { return int(std::lround(from + (to - from) * t)); };
    return QColor(mix(middle.red(), end.red()), mix(middle.green(), end.green()),
                  mix(middle.blue(), end.blue()));
}

// The same scale as a 511-entry table, for drawing images a pixel at a time.
inline QRgb divergingRgb(double v, bool dark = false) {
    const auto makeTable = [](bool onDark) {
        std::array<QRgb, 511> t{};
        for (int i = 0; i < 511; ++i)
            t[std::size_t(i)] = divergingColor((i - 255) / 255.0, onDark).rgb();
        return t;
    };
    static const auto light = makeTable(false), darkTable = makeTable(true);
    if (!std::isfinite(v)) return qRgb(128, 128, 128);
    const int i = int(std::lround(std::clamp(v, -1.0, 1.0) * 255)) + 255;
    return (dark ? darkTable : light)[std::size_t(i)];
}

// A side × side grey image: on the light palette 0 = white paper … 255 = black ink; on the
// dark palette the other way round (white ink on black, as MNIST itself stores it).
inline QImage inkImage(const std::vector<unsigned char>& pixels, int side, bool dark = false) {
    QImage image(side, side, QImage::Format_Grayscale8);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const unsigned char ink = pixels[std::size_t(y * side + x)];
            image.scanLine(y)[x] = static_cast<uchar>(dark ? ink : 255 - ink);
        }
    return image;
}

// Black or white, whichever reads better on `fill`.
inline QColor textOn(const QColor& fill) {
    return fill.lightness() > 140 ? QColor(20, 20, 20) : QColor(245, 245, 245);
}

} // namespace gs::ui
