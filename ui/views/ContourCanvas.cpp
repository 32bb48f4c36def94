#include "ContourCanvas.h"
#include "KeyboardCursor.h"

#include "Palette.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

constexpr int kLevels = 14;
constexpr double kMarginLeft = 52, kMarginBottom = 38, kMarginTop = 8, kMarginRight = 10;
constexpr double kLegendGap = 8, kLegendRow = 16;
// The plot keeps at least this share of the width when the legend goes beside it.
constexpr double kMinPlotShare = 0.6;

// Pale blue in the valleys, cream on the slopes, salmon on the peaks: light enough that the
// saturated path colours and the grey contour lines read on every band. On the dark palette
// the same hues, deep: navy valleys, slate slopes, brick peaks.
QColor fieldColor(double t, bool dark) {
    static const QColor light[] = {QColor(0xc6, 0xdb, 0xef), QColor(0xe8, 0xf1, 0xf4),
                                   QColor(0xfb, 0xf3, 0xdc), QColor(0xf6, 0xc9, 0xa2),
                                   QColor(0xe8, 0x96, 0x7a)};
    static const QColor deep[] = {QColor(0x17, 0x2a, 0x45), QColor(0x25, 0x33, 0x40),
                                  QColor(0x36, 0x36, 0x34), QColor(0x55, 0x3c, 0x2c),
                                  QColor(0x74, 0x38, 0x2c)};
    const QColor* stops = dark ? deep : light;
    t = std::clamp(t, 0.0, 1.0) * 4;
    const int i = std::min(3, int(t));
    const double f = t - i;
    const QColor &a = stops[i], &b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                            float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

} // namespace

// Round values (1, 2 or 5 × 10ⁿ apart) inside [low, high], at most seven: a landscape spanning
// ±6.43 is labelled −6, −4, …, 6 rather than −6.43, −3.22, 0, 3.22, 6.43.
std::vector<double> ContourCanvas::ticks(double low, double high) {
    std::vector<double> out;
    if (!(high > low) || !std::isfinite(low) || !std::isfinite(high)) return out;
    const double decade = std::pow(10, std::floor(std::log10((high - low) / 5)));
    double step = 10 * decade;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * decade;
        if (std::floor(high / step + 1e-9) - std::ceil(low / step - 1e-9) + 1 <= 7) break;
    }
    const auto first = static_cast<long>(std::ceil(low / step - 1e-9));
    const auto last = static_cast<long>(std::floor(high / step + 1e-9));
    for (long k = first; k <= last; ++k)
        out.push_back(double(k) * step);
    return out;
}

namespace {

QString tickText(double v) {
    return QString::number(std::abs(v) < 1e-12 ? 0.0 : v, 'g', 3);
}

} // namespace

ContourCanvas::ContourCanvas(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    takeKeyboardFocus(this);
    setMinimumSize(260, 220);
    setAutoFillBackground(true);
    m_dark = gs::ui::isDark(palette());
}

void ContourCanvas::changeEvent(QEvent* event) {
    // The texts come from the canvas's owner, which sets them again in the new language (its
    // own LanguageChange comes first); the legend is measured afresh, so that it may shrink.
    if (event->type() == QEvent::LanguageChange) QToolTip::hideText();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange) {
        m_labelWidest = m_nameWidest = 0;
        measureLabels();
        update();
    }
    if (event->type() == QEvent::PaletteChange && gs::ui::isDark(palette()) != m_dark) {
        m_dark = gs::ui::isDark(palette());
        rebuild();
        update();
    }
    QWidget::changeEvent(event);
}

QColor ContourCanvas::fieldColorAt(const QPointF& field) const {
    if (m_image.isNull() || !m_domain.contains(field)) return {};
    const int c = std::clamp(
        int(std::lround((field.x() - m_domain.left()) / m_domain.width() * (m_columns - 1))), 0,
        m_columns - 1);
    const int r = std::clamp(
        int(std::lround((field.y() - m_domain.top()) / m_domain.height() * (m_rows - 1))), 0,
        m_rows - 1);
    return m_image.pixelColor(c, m_rows - 1 - r);
}

void ContourCanvas::setField(int columns, int rows, std::vector<double> values,
                             const QRectF& domain, const QString& xLabel, const QString& yLabel) {
    m_columns = columns;
    m_rows = rows;
    m_values = std::move(values);
    m_domain = domain;
    if (!domain.contains(m_keyPoint)) m_hasKeyPoint = false; // another field
    m_xLabel = xLabel;
    m_labelWidest = m_nameWidest = 0;
    measureLabels();
    m_yLabel = yLabel;
    rebuild();
    update();
}

void ContourCanvas::clearField() {
    m_columns = m_rows = 0;
    m_hasKeyPoint = false;
    m_values.clear();
    m_image = {};
    m_contours.clear();
    m_levels.clear();
    update();
}

void ContourCanvas::setPaths(std::vector<Path> paths) {
    m_paths = std::move(paths);
    measureLabels();
    update();
}

// The legend is as wide as the widest label since the field was set: it grows, never shrinks
// while the paths move (a racer's "f = 5.826" becoming "f = 0.001365" would make the plot
// jump every frame). Measured here, once per change, since every toWidget() asks for it.
namespace {
QString legendName(const ContourCanvas::Path& path) {
    return path.name.isEmpty() ? path.label : path.name;
}
} // namespace

void ContourCanvas::measureLabels() {
    const QFontMetricsF fm(smallFont());
    m_labelled = 0;
    for (const Path& path : m_paths)
        if (!path.label.isEmpty()) {
            ++m_labelled;
            m_labelWidest = std::max(m_labelWidest, fm.horizontalAdvance(path.label));
            m_nameWidest = std::max(m_nameWidest, fm.horizontalAdvance(legendName(path)));
        }
}

void ContourCanvas::setMarker(const QPointF& point, const QString& label) {
    m_hasMarker = !point.isNull() || !label.isEmpty();
    m_marker = point;
    m_markerLabel = label;
    update();
}

void ContourCanvas::setEmptyText(const QString& text) {
    m_emptyText = text;
    update();
}

void ContourCanvas::rebuild() {
    m_levels.clear();
    m_contours.clear();
    if (m_columns < 2 || m_rows < 2) return;
    std::vector<double> finite;
    for (double v : m_values)
        if (std::isfinite(v)) finite.push_back(v);
    if (finite.empty()) return;
    std::sort(finite.begin(), finite.end());
    m_low = finite.front();
    m_high = finite.back();
    const double span = std::max(m_high - m_low, 1e-300);
    // A field that is flat almost everywhere with steep walls (most test functions, losses)
    // is coloured on a log scale so that its valley shows structure.
    const double median = finite[finite.size() / 2];
    m_log = (median - m_low) / span < 0.1;
    const double delta = span * 1e-3;
    const auto toT = [&](double v) {
        if (!std::isfinite(v)) return 1.0;
        return m_log ? std::log1p((v - m_low) / delta) / std::log1p(span / delta)
                     : (v - m_low) / span;
    };
    const auto fromT = [&](double t) {
        return m_log ? m_low + delta * std::expm1(t * std::log1p(span / delta)) : m_low + t * span;
    };
    m_image = QImage(m_columns, m_rows, QImage::Format_RGB32);
    for (int r = 0; r < m_rows; ++r)
        for (int c = 0; c < m_columns; ++c)
            m_image.setPixelColor(c, m_rows - 1 - r, fieldColor(toT(value(c, r)), m_dark));
    const double dx = m_domain.width() / (m_columns - 1), dy = m_domain.height() / (m_rows - 1);
    for (int l = 0; l < kLevels; ++l) {
        const double level = fromT((l + 0.5) / kLevels);
        m_levels.push_back(level);
        QPainterPath path;
        // Marching squares: in each cell, where the level crosses an edge, interpolate.
        for (int r = 0; r + 1 < m_rows; ++r)
            for (int c = 0; c + 1 < m_columns; ++c) {
                const double v[4] = {value(c, r), value(c + 1, r), value(c + 1, r + 1),
                                     value(c, r + 1)};
                const QPointF p[4] = {
                    {m_domain.left() + c * dx, m_domain.top() + r * dy},
                    {m_domain.left() + (c + 1) * dx, m_domain.top() + r * dy},
                    {m_domain.left() + (c + 1) * dx, m_domain.top() + (r + 1) * dy},
                    {m_domain.left() + c * dx, m_domain.top() + (r + 1) * dy}};
                QPointF cut[4];
                int cuts = 0;
                for (int e = 0; e < 4; ++e) {
                    const double a = v[e], b = v[(e + 1) % 4];
                    if (!std::isfinite(a) || !std::isfinite(b)) continue;
                    if ((a < level) != (b < level)) {
                        const double f = (level - a) / (b - a);
                        cut[cuts++] = p[e] + (p[(e + 1) % 4] - p[e]) * f;
                    }
                }
                for (int k = 0; k + 1 < cuts; k += 2) {
                    path.moveTo(cut[k]);
                    path.lineTo(cut[k + 1]);
                }
            }
        m_contours.push_back(path);
    }
}

QFont ContourCanvas::smallFont() const {
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    return small;
}

// Where the legend goes, in order of preference: beside the plot, then under it in as many
// columns as fit, as long as the plot keeps kMinPlotShare of its width or height; else over the
// plot (see legendRect()). One entry per labelled path, `row` high and `column` wide.
ContourCanvas::LegendLayout ContourCanvas::legendLayout() const {
    LegendLayout l;
    l.entries = m_labelled;
    if (l.entries == 0) return l;
    l.row = std::max(kLegendRow, QFontMetricsF(smallFont()).height() + 2);
    l.column = m_labelWidest + 34;
    const double plotWidth = width() - kMarginLeft - kMarginRight;
    const double plotHeight = height() - kMarginTop - kMarginBottom;
    if (plotWidth - kLegendGap - l.column >= kMinPlotShare * plotWidth &&
        l.entries * l.row + 6 <= plotHeight) {
        l.place = LegendPlace::Right;
        l.columns = 1;
    } else {
        l.columns = std::clamp(int((width() - 8) / l.column), 1, l.entries);
        const int rows = (l.entries + l.columns - 1) / l.columns;
        l.place = plotHeight - kLegendGap - (rows * l.row + 6) >= kMinPlotShare * plotHeight
                      ? LegendPlace::Below
                      : LegendPlace::Over;
        if (l.place == LegendPlace::Over) {
            // Over the plot: the paths' short names, as small a box as can be, in the plot's
            // width at most (longer names are cut with "…").
            l.columns = 1;
            l.column = std::max(40.0, std::min(m_nameWidest + 34, plotWidth - 12));
        }
    }
    const int rows = (l.entries + l.columns - 1) / l.columns;
    l.size = QSizeF(l.columns * l.column, rows * l.row + 6);
    return l;
}

bool ContourCanvas::legendOutside() const {
    return legendLayout().place != LegendPlace::Over;
}

QRectF ContourCanvas::plotRect() const {
    const LegendLayout l = legendLayout();
    const double right = l.place == LegendPlace::Right ? l.size.width() + kLegendGap : 0;
    const double below = l.place == LegendPlace::Below ? l.size.height() + kLegendGap : 0;
    return QRectF(kMarginLeft, kMarginTop,
                  std::max(10.0, width() - kMarginLeft - kMarginRight - right),
                  std::max(10.0, height() - kMarginTop - kMarginBottom - below));
}

QRectF ContourCanvas::legendRect() const {
    const LegendLayout l = legendLayout();
    if (l.entries == 0) return {};
    const QSizeF size = l.size;
    const QRectF r = plotRect();
    if (l.place == LegendPlace::Right)
        return QRectF(QPointF(r.right() + kLegendGap, r.top()), size);
    if (l.place == LegendPlace::Below)
        return QRectF(
            QPointF(std::max(2.0, (width() - size.width()) / 2), height() - size.height() - 2),
            size);
    // No room outside: the corner of the plot that covers the least. A path's start weighs
    // most, then the marker, then every other point of the paths.
    const QRectF inner = r.adjusted(6, 6, -6, -6);
    const QRectF corners[] = {
        QRectF(inner.topLeft(), size),
        QRectF(QPointF(inner.right() - size.width(), inner.top()), size),
        QRectF(QPointF(inner.left(), inner.bottom() - size.height()), size),
        QRectF(inner.bottomRight() - QPointF(size.width(), size.height()), size)};
    QRectF best = corners[0];
    double bestCost = 1e300;
    for (const QRectF& box : corners) {
        const QRectF guard = box.adjusted(-8, -8, 8, 8); // the start's ring and the dots
        double cost = 0;
        for (const Path& path : m_paths)
            for (std::size_t i = 0; i < path.points.size(); ++i)
                if (guard.contains(toWidget(path.points[i]))) cost += i == 0 ? 1e6 : 1;
        if (m_hasMarker && guard.contains(toWidget(m_marker))) cost += 1e3;
        if (cost < bestCost) bestCost = cost, best = box;
    }
    // A plot so small that every corner would hide a start: no legend (the status line under
    // the plot still names every path).
    return bestCost >= 1e6 ? QRectF() : best;
}

QPointF ContourCanvas::toWidget(const QPointF& f) const {
    const QRectF r = plotRect();
    if (m_domain.width() <= 0 || m_domain.height() <= 0) return r.center();
    return {r.left() + (f.x() - m_domain.left()) / m_domain.width() * r.width(),
            r.bottom() - (f.y() - m_domain.top()) / m_domain.height() * r.height()};
}

QPointF ContourCanvas::toField(const QPointF& w) const {
    const QRectF r = plotRect();
    return {m_domain.left() + (w.x() - r.left()) / r.width() * m_domain.width(),
            m_domain.top() + (r.bottom() - w.y()) / r.height() * m_domain.height()};
}

void ContourCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const CanvasColors colors = canvasColors(m_dark);
    p.fillRect(rect(), colors.background);
    const QRectF r = plotRect();
    if (!hasField()) {
        p.setPen(colors.muted);
        p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                   m_emptyText);
        paintKeyboardFocus(p, this, {});
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(r, m_image);
    p.setRenderHint(QPainter::Antialiasing);
    p.save();
    p.setClipRect(r);
    QTransform t;
    t.translate(r.left(), r.bottom());
    t.scale(r.width() / m_domain.width(), -r.height() / m_domain.height());
    t.translate(-m_domain.left(), -m_domain.top());
    QPen contour(m_dark ? QColor(255, 255, 255, 60) : QColor(60, 60, 60, 90), 1);
    contour.setCosmetic(true);
    p.setPen(contour);
    for (const QPainterPath& c : m_contours)
        p.drawPath(t.map(c));
    if (m_hasMarker) {
        const QPointF m = toWidget(m_marker);
        p.setPen(QPen(Qt::black, 1));
        p.setBrush(QColor(255, 215, 0));
        QPolygonF star;
        for (int i = 0; i < 10; ++i) {
            const double a = -M_PI / 2 + i * M_PI / 5, rad = i % 2 ? 3.5 : 8.5;
            star << m + QPointF(std::cos(a) * rad, std::sin(a) * rad);
        }
        p.drawPolygon(star);
    }
    // Each distinct start as a ring, under the paths that leave it.
    std::vector<QPointF> starts;
    for (const Path& path : m_paths)
        if (!path.points.empty() &&
            std::find(starts.begin(), starts.end(), path.points.front()) == starts.end())
            starts.push_back(path.points.front());
    p.setBrush(Qt::NoBrush);
    for (const QPointF& start : starts) {
        p.setPen(QPen(colors.text, 2));
        p.drawEllipse(toWidget(start), 6, 6);
    }
    for (const Path& path : m_paths) {
        if (path.points.empty()) continue;
        QPolygonF line;
        for (const QPointF& f : path.points)
            line << toWidget(f);
        p.setPen(QPen(path.color, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(line);
        p.setBrush(path.color);
        p.setPen(QPen(colors.background, 1));
        p.drawEllipse(line.back(), 4.5, 4.5);
        if (path.stopped) {
            p.setPen(QPen(path.color, 2));
            const QPointF e = line.back();
            p.drawLine(e + QPointF(-6, -6), e + QPointF(6, 6));
            p.drawLine(e + QPointF(-6, 6), e + QPointF(6, -6));
        }
    }
    p.restore();
    // Frame, ticks and labels.
    p.setPen(QPen(colors.muted, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    const QFont small = smallFont();
    p.setFont(small);
    const QFontMetricsF fm(small);
    const double textHeight = fm.height() + 2;
    p.setPen(colors.text);
    for (const double x : ticks(m_domain.left(), m_domain.right())) {
        const QPointF at = toWidget({x, m_domain.top()});
        p.drawLine(QPointF(at.x(), r.bottom()), QPointF(at.x(), r.bottom() + 4));
        p.drawText(QRectF(at.x() - 40, r.bottom() + 5, 80, textHeight), Qt::AlignHCenter,
                   tickText(x));
    }
    for (const double y : ticks(m_domain.top(), m_domain.bottom())) {
        const QPointF at = toWidget({m_domain.left(), y});
        p.drawLine(QPointF(r.left() - 4, at.y()), QPointF(r.left(), at.y()));
        p.drawText(QRectF(0, at.y() - textHeight / 2, kMarginLeft - 7, textHeight),
                   Qt::AlignRight | Qt::AlignVCenter, tickText(y));
    }
    p.drawText(QRectF(r.left(), r.bottom() + 5 + textHeight, r.width(), textHeight),
               Qt::AlignHCenter, m_xLabel);
    p.save();
    p.translate(textHeight / 2 + 2, r.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-r.height() / 2, -textHeight / 2, r.height(), textHeight), Qt::AlignCenter,
               m_yLabel);
    p.restore();
    // Legend.
    const QRectF box = legendRect();
    if (!box.isEmpty()) {
        const LegendLayout l = legendLayout();
        p.setPen(m_dark ? QColor(255, 255, 255, 70) : QColor(0, 0, 0, 60));
        QColor fill = colors.background;
        fill.setAlpha(l.place == LegendPlace::Over ? 220 : 255);
        p.setBrush(fill);
        p.drawRoundedRect(box, 3, 3);
        int index = 0;
        for (const Path& path : m_paths) {
            if (path.label.isEmpty()) continue;
            const double x = box.left() + (index % l.columns) * l.column;
            const double y = box.top() + 3 + (index / l.columns) * l.row;
            ++index;
            p.fillRect(QRectF(x + 6, y + l.row / 2 - 2, 14, 4), path.color);
            p.setPen(path.stopped ? colors.muted : colors.text);
            const QRectF text(x + 26, y, l.column - 28, l.row);
            const QString label = l.place == LegendPlace::Over ? legendName(path) : path.label;
            p.drawText(text, Qt::AlignVCenter,
                       p.fontMetrics().elidedText(label, Qt::ElideRight, int(text.width())));
        }
    }
    paintKeyboardFocus(p, this, keyboardRect());
}

void ContourCanvas::mousePressEvent(QMouseEvent* event) {
    if (hasField() && plotRect().contains(event->position()))
        emit clicked(toField(event->position()));
}

void ContourCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (!hasField() || !plotRect().contains(event->position())) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), describeField(toField(event->position())),
                       this);
}

QString ContourCanvas::describeField(const QPointF& f) const {
    if (!hasField()) return {};
    const int c =
        std::clamp(int(std::lround((f.x() - m_domain.left()) / m_domain.width() * (m_columns - 1))),
                   0, m_columns - 1);
    const int row =
        std::clamp(int(std::lround((f.y() - m_domain.top()) / m_domain.height() * (m_rows - 1))), 0,
                   m_rows - 1);
    //: The field's value under the mouse: (x, y): value.
    return tr("(%1, %2): %3")
        .arg(f.x(), 0, 'g', 4)
        .arg(f.y(), 0, 'g', 4)
        .arg(value(c, row), 0, 'g', 5);
}

QRectF ContourCanvas::keyboardRect() const {
    if (!hasField() || !m_hasKeyPoint) return {};
    return QRectF(toWidget(m_keyPoint) - QPointF(6, 6), QSizeF(12, 12));
}

void ContourCanvas::setKeyboardPoint(const QPointF& field) {
    if (!hasField()) return;
    // Kept inside the plot, a step short of its edges.
    const QRectF r = plotRect();
    const QPointF at = toWidget(field);
    m_keyPoint = toField(
        QPointF(std::clamp(at.x(), r.left(), r.right()), std::clamp(at.y(), r.top(), r.bottom())));
    m_hasKeyPoint = true;
    announceItem(this, keyboardRect(), describeField(m_keyPoint));
    update();
}

// The arrow keys move the point by a 24th of the plot (Page Up and Page Down by a quarter, up
// and down); Enter does what a click there does.
void ContourCanvas::keyPressEvent(QKeyEvent* event) {
    if (!hasField()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const QRectF r = plotRect();
    const double dx = r.width() / 24, dy = r.height() / 24;
    QPointF move;
    switch (event->key()) {
    case Qt::Key_Left:
        move = {-dx, 0};
        break;
    case Qt::Key_Right:
        move = {dx, 0};
        break;
    case Qt::Key_Up:
        move = {0, -dy};
        break;
    case Qt::Key_Down:
        move = {0, dy};
        break;
    case Qt::Key_PageUp:
        move = {0, -6 * dy};
        break;
    case Qt::Key_PageDown:
        move = {0, 6 * dy};
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_hasKeyPoint) emit clicked(m_keyPoint);
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    setKeyboardPoint(toField(toWidget(m_keyPoint) + move));
}

void ContourCanvas::focusInEvent(QFocusEvent* event) {
    if (hasField() && focusedByKeyboard(event))
        setKeyboardPoint(m_hasKeyPoint ? m_keyPoint : m_domain.center());
    QWidget::focusInEvent(event);
}

void ContourCanvas::focusOutEvent(QFocusEvent* event) {
    QToolTip::hideText();
    update();
    QWidget::focusOutEvent(event);
}

} // namespace gs::ui
