#include "OutputView.h"

#include "Palette.h"

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace gs::ui {

OutputView::OutputView(QWidget* parent)
    : QWidget(parent) {
    setMinimumSize(200, 220);
}

void OutputView::setSnapshot(SnapshotPtr snapshot) {
    m_snapshot = std::move(snapshot);
    update();
}

void OutputView::setShowTest(bool show) {
    m_showTest = show;
    update();
}

void OutputView::setDiscretize(bool on) {
    m_discretize = on;
    update();
}

void OutputView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), Qt::white);
    const double side = std::max(50, std::min(width(), height() - 40) - 8);
    const QRectF plot((width() - side) / 2, 4, side, side);
    if (!m_snapshot || m_snapshot->grid == 0) {
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The decision surface is drawn for 2-D data sets."));
        return;
    }
    const Snapshot& s = *m_snapshot;
    // Regression surfaces are scaled by the targets' range; classification maps are in [−1, 1].
    double scale = 1;
    if (s.regression) {
        scale = 1e-9;
        if (s.points)
            for (const PlanePoint& pt : *s.points)
                scale = std::max(scale, double(std::abs(pt.value)));
    }
    QImage image(s.grid, s.grid, QImage::Format_RGB32);
    for (int r = 0; r < s.grid; ++r)
        for (int c = 0; c < s.grid; ++c) {
            double v = s.outputMap[std::size_t(r * s.grid + c)] / scale;
            if (m_discretize) v = v < 0 ? -1 : 1;
            image.setPixelColor(c, r, divergingColor(v * 0.75));
        }
    p.setRenderHint(QPainter::SmoothPixmapTransform, !m_discretize);
    p.drawImage(plot, image);
    p.setPen(QPen(QColor(120, 120, 120), 1));
    p.drawRect(plot);
    const auto toScreen = [&](float x1, float x2) {
        return QPointF(plot.left() + (x1 + 6) / 12 * plot.width(),
                       plot.top() + (6 - x2) / 12 * plot.height());
    };
    if (s.points)
        for (const PlanePoint& pt : *s.points) {
            if (pt.test && !m_showTest) continue;
            const double v = s.regression ? pt.value / scale : (pt.value > 0.5 ? 1 : -1);
            const QColor fill = v < 0 ? kNegative : kPositive;
            const QPointF at = toScreen(pt.x1, pt.x2);
            if (!plot.contains(at)) continue;
            if (pt.test) {
                p.setPen(QPen(fill.darker(130), 1.5));
                p.setBrush(Qt::white);
            } else {
                p.setPen(QPen(Qt::white, 1));
                p.setBrush(s.regression ? divergingColor(v) : fill);
            }
            p.drawEllipse(at, 3.2, 3.2);
        }
    p.setPen(Qt::black);
    p.drawText(QRectF(0, plot.bottom() + 2, width(), 36), Qt::AlignHCenter | Qt::TextWordWrap,
               s.regression ? tr("Output over x1, x2 ∈ [−6, 6]")
                            : tr("Decision surface: orange class 0, blue class 1"));
}

} // namespace gs::ui
