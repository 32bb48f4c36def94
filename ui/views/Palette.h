// The colour scales every view shares: TensorFlow Playground's orange (negative) through white
// to blue (positive), so users coming from it read the pictures the same way; and the colours
// of the drawing areas (background, text, frames) in the light and the dark palette.
//
// Orange and blue stay apart for the three common kinds of colour blindness (protanopia,
// deuteranopia, tritanopia: tested on simulations), but not in greyscale, where both are a
// middle grey: a washed-out projector, a photocopied handout, a student who sees no colour.
// So View › Appearance also offers a scale whose ends differ in lightness: dark blue through
// grey to yellow, every step lighter than the one before (after cividis, Nuñez et al. 2018).
//
// Every drawing area follows the palette it is given (QEvent::PaletteChange), so the main
// window only sets the application palette: a dark window gets dark drawing areas, where the
// diverging scale passes through a dark grey instead of white. A change of scale is sent to
// every widget as a palette change too.
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QImage>
#include <QPalette>
#include <QString>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace gs::ui {

// The diverging scale (View › Appearance › Colour scale).
enum class ColourScale { OrangeBlue, BlueYellow };

inline ColourScale& currentColourScale() {
    static ColourScale scale = ColourScale::OrangeBlue;
    return scale;
}
inline ColourScale colourScale() {
    return currentColourScale();
}
inline void setColourScale(ColourScale scale) {
    currentColourScale() = scale;
}

// The scale's ends: negative values (and class 0), positive values (and class 1).
inline QColor negativeColor(ColourScale scale = colourScale()) {
    return scale == ColourScale::OrangeBlue ? QColor(245, 147, 34) : QColor(0, 40, 100);
}
inline QColor positiveColor(ColourScale scale = colourScale()) {
    return scale == ColourScale::OrangeBlue ? QColor(8, 119, 189) : QColor(248, 222, 40);
}

// The colour of class k: classes 0 and 1 are the scale's ends, as in every two-class picture;
// further classes take colours of Okabe and Ito's set, which colour-blind eyes tell apart too
// (each class also has a marker shape of its own: OutputView::markerOfClass).
inline QColor classColor(int k, ColourScale scale = colourScale()) {
    if (k <= 0) return negativeColor(scale);
    if (k == 1) return positiveColor(scale);
    // Six colours against five marker shapes: no two of the first 30 classes look alike.
    static const std::array<QColor, 6> more = {QColor(0, 158, 115),   QColor(204, 121, 167),
                                               QColor(213, 94, 0),    QColor(86, 180, 233),
                                               QColor(110, 110, 110), QColor(117, 112, 179)};
    return more[std::size_t(k - 2) % more.size()];
}

// The ends' names, for the captions that say which colour is which ("orange ● class 0").
struct ScaleWords {
    Q_DECLARE_TR_FUNCTIONS(gs::ui::ScaleWords)
public:
    static QString negative() {
        //: The colour of negative values and class 0 on the default scale.
        return colourScale() == ColourScale::OrangeBlue ? tr("orange")
                                                        //: The colour of negative values and
                                                        //: class 0 on the colour-blind-safe scale.
                                                        : tr("dark blue");
    }
    static QString positive() {
        //: The colour of positive values and class 1 on the default scale.
        return colourScale() == ColourScale::OrangeBlue ? tr("blue")
                                                        //: The colour of positive values and
                                                        //: class 1 on the colour-blind-safe scale.
                                                        : tr("yellow");
    }
};

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

// The high-contrast palette (View › Appearance › High contrast): white on black, yellow for the
// selection and links, disabled text still readable (at least 7:1 against the background).
inline QPalette highContrastPalette() {
    QPalette p;
    for (const auto role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase,
                            QPalette::Button, QPalette::ToolTipBase})
        p.setColor(role, Qt::black);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText,
                            QPalette::ToolTipText, QPalette::BrightText})
        p.setColor(role, Qt::white);
    p.setColor(QPalette::Highlight, QColor(255, 230, 0));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, QColor(255, 230, 0));
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(200, 200, 200));
    p.setColor(QPalette::Mid, QColor(160, 160, 160));
    p.setColor(QPalette::Dark, QColor(200, 200, 200));
    p.setColor(QPalette::Shadow, Qt::white);
    for (const auto role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
        p.setColor(QPalette::Disabled, role, QColor(170, 170, 170));
    return p;
}

// What Fusion draws in the window's own colour (a check box's frame, a slider's handle), which on
// black would vanish: white frames, yellow for "on". Set on the application with the palette.
inline QString highContrastStyleSheet() {
    return QStringLiteral(
        "QCheckBox::indicator, QRadioButton::indicator, QMenu::indicator { width: 12px; "
        "height: 12px; border: 2px solid white; background: black; }"
        "QRadioButton::indicator { border-radius: 8px; }"
        "QCheckBox::indicator:checked, QRadioButton::indicator:checked, "
        "QMenu::indicator:checked { background: #ffe600; }"
        "QCheckBox::indicator:disabled, QRadioButton::indicator:disabled { border-color: #aaa; }"
        "QSlider::groove:horizontal { height: 4px; background: #aaaaaa; }"
        "QSlider::sub-page:horizontal { background: #ffe600; }"
        "QSlider::handle:horizontal { width: 12px; margin: -6px 0; background: white; "
        "border-radius: 3px; }"
        "QSlider::handle:horizontal:focus { background: #ffe600; }");
}

// The app's appearance (View › Appearance): the system's palette (light or dark, as the desktop
// is set), or one of the app's own.
enum class Appearance { System, Light, Dark, HighContrast };

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

// The high-contrast palette's window: pure black behind pure white.
inline bool isHighContrast(const QPalette& palette) {
    return palette.color(QPalette::Window) == QColor(Qt::black) &&
           palette.color(QPalette::WindowText) == QColor(Qt::white);
}

inline CanvasColors canvasColors(const QPalette& palette) {
    if (isHighContrast(palette))
        return {Qt::black, Qt::white, QColor(220, 220, 220), QColor(40, 40, 40), Qt::black};
    return canvasColors(isDark(palette));
}

// `from` at t = 0 … `to` at t = 1.
inline QColor blend(const QColor& from, const QColor& to, double t) {
    const auto mix = [t](int a, int b) { return int(std::lround(a + (b - a) * t)); };
    return QColor(mix(from.red(), to.red()), mix(from.green(), to.green()),
                  mix(from.blue(), to.blue()));
}

// v in [−1, 1] → orange … neutral (white, or dark grey on the dark palette) … blue; on the
// colour-blind-safe scale dark blue … grey … yellow, on either palette.
inline QColor divergingColor(double v, bool dark = false, ColourScale scale = colourScale()) {
    if (!std::isfinite(v)) return QColor(128, 128, 128);
    v = std::clamp(v, -1.0, 1.0);
    const QColor end = v < 0 ? negativeColor(scale) : positiveColor(scale);
    const QColor middle =
        scale == ColourScale::OrangeBlue ? canvasColors(dark).neutral : QColor(124, 124, 124);
    return blend(middle, end, std::abs(v));
}

// The same scale as a 511-entry table, for drawing images a pixel at a time.
inline QRgb divergingRgb(double v, bool dark = false) {
    const auto makeTable = [](bool onDark, ColourScale scale) {
        std::array<QRgb, 511> t{};
        for (int i = 0; i < 511; ++i)
            t[std::size_t(i)] = divergingColor((i - 255) / 255.0, onDark, scale).rgb();
        return t;
    };
    static const std::array<std::array<QRgb, 511>, 4> tables = {
        makeTable(false, ColourScale::OrangeBlue), makeTable(true, ColourScale::OrangeBlue),
        makeTable(false, ColourScale::BlueYellow), makeTable(true, ColourScale::BlueYellow)};
    if (!std::isfinite(v)) return qRgb(128, 128, 128);
    const int i = int(std::lround(std::clamp(v, -1.0, 1.0) * 255)) + 255;
    const std::size_t table = (colourScale() == ColourScale::BlueYellow ? 2 : 0) + (dark ? 1 : 0);
    return tables[table][std::size_t(i)];
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
