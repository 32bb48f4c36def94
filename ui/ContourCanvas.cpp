#include "ContourCanvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

constexpr int kLevels = 14;
constexpr double kMarginLeft = 52, kMarginBottom = 38, kMarginTop = 8, kMarginRight = 10;

// Pale blue in the valleys, cream on the slopes, salmon on the peaks: light enough that the
// saturated path colours and the grey contour lines read on every band.
QColor fieldColor(double t) {
    static const QColor stops[] = {QColor(0xc6, 0xdb, 0xef), QColor(0xe8, 0xf1, 0xf4),
                                   QColor(0xfb, 0xf3, 0xdc), QColor(0xf6, 0xc9, 0xa2),
                                   QColor(0xe8, 0x96, 0x7a)};
    t = std::clamp(t, 0.0, 1.0) * 4;
    const int i = std::min(3, int(t));
    const double f = t - i;
    const QColor &a = stops[i], &b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                            float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

QString tickText(double v) {
    return QString::number(std::abs(v) < 1e-12 ? 0.0 : v, 'g', 3);
}

} // namespace

ContourCanvas::ContourCanvas(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    setMinimumSize(260, 220);
    setAutoFillBackground(true);
}

void ContourCanvas::setField(int columns, int rows, std::vector<double> values,
                             const QRectF& domain, const QString& xLabel, const QString& yLabel) {
    m_columns = columns;
    m_rows = rows;
    m_values = std::move(values);
    m_domain = domain;
    m_xLabel = xLabel;
    m_yLabel = yLabel;
    rebuild();
    update();
}

void ContourCanvas::clearField() {
    m_columns = m_rows = 0;
    m_values.clear();
    m_image = {};
    m_contours.clear();
    m_levels.clear();
    update();
}

void ContourCanvas::setPaths(std::vector<Path> paths) {
    m_paths = std::move(paths);
    update();
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
            m_image.setPixelColor(c, m_rows - 1 - r, fieldColor(toT(value(c, r))));
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

QRectF ContourCanvas::plotRect() const {
    return QRectF(kMarginLeft, kMarginTop, std::max(10.0, width() - kMarginLeft - kMarginRight),
                  std::max(10.0, height() - kMarginTop - kMarginBottom));
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
    p.fillRect(rect(), Qt::white);
    const QRectF r = plotRect();
    if (!hasField()) {
        p.setPen(QColor(90, 90, 90));
        p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                   m_emptyText);
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
    QPen contour(QColor(60, 60, 60, 90), 1);
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
    for (const Path& path : m_paths) {
        if (path.points.empty()) continue;
        QPolygonF line;
        for (const QPointF& f : path.points)
            line << toWidget(f);
        p.setPen(QPen(path.color, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(line);
        p.setBrush(path.color);
        p.setPen(QPen(Qt::white, 1));
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
    p.setPen(QPen(QColor(120, 120, 120), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.setPen(QColor(60, 60, 60));
    for (int i = 0; i <= 4; ++i) {
        const double x = m_domain.left() + m_domain.width() * i / 4;
        const double y = m_domain.top() + m_domain.height() * i / 4;
        const QPointF wx = toWidget({x, m_domain.top()}), wy = toWidget({m_domain.left(), y});
        p.drawLine(QPointF(wx.x(), r.bottom()), QPointF(wx.x(), r.bottom() + 4));
        p.drawText(QRectF(wx.x() - 30, r.bottom() + 5, 60, 14), Qt::AlignCenter, tickText(x));
        p.drawLine(QPointF(r.left() - 4, wy.y()), QPointF(r.left(), wy.y()));
        p.drawText(QRectF(0, wy.y() - 7, kMarginLeft - 7, 14), Qt::AlignRight | Qt::AlignVCenter,
                   tickText(y));
    }
    p.drawText(QRectF(r.left(), r.bottom() + 19, r.width(), 16), Qt::AlignCenter, m_xLabel);
    p.save();
    p.translate(12, r.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-r.height() / 2, -8, r.height(), 16), Qt::AlignCenter, m_yLabel);
    p.restore();
    // Legend.
    int rows = 0;
    double widest = 0;
    const QFontMetricsF fm(small);
    for (const Path& path : m_paths)
        if (!path.label.isEmpty())
            ++rows, widest = std::max(widest, fm.horizontalAdvance(path.label));
    if (rows > 0) {
        const QRectF box(r.left() + 6, r.top() + 6, widest + 30, rows * 16 + 6);
        p.setPen(QColor(0, 0, 0, 60));
        p.setBrush(QColor(255, 255, 255, 215));
        p.drawRoundedRect(box, 3, 3);
        int row = 0;
        for (const Path& path : m_paths) {
            if (path.label.isEmpty()) continue;
            const double y = box.top() + 4 + row++ * 16;
            p.fillRect(QRectF(box.left() + 6, y + 5, 14, 4), path.color);
            p.setPen(path.stopped ? QColor(150, 150, 150) : QColor(30, 30, 30));
            p.drawText(QRectF(box.left() + 24, y, widest + 4, 16), Qt::AlignVCenter, path.label);
        }
    }
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
    const QPointF f = toField(event->position());
    const int c =
        std::clamp(int(std::lround((f.x() - m_domain.left()) / m_domain.width() * (m_columns - 1))),
                   0, m_columns - 1);
    const int row =
        std::clamp(int(std::lround((f.y() - m_domain.top()) / m_domain.height() * (m_rows - 1))), 0,
                   m_rows - 1);
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("(%1, %2): %3")
                           .arg(f.x(), 0, 'g', 4)
                           .arg(f.y(), 0, 'g', 4)
                           .arg(value(c, row), 0, 'g', 5),
                       this);
}

} // namespace gs::ui
