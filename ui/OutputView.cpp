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
    if (m_snapshot && m_snapshot->imageSide > 0) {
        paintClassification(p);
        return;
    }
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
    for (int r = 0; r < s.grid; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < s.grid; ++c) {
            double v = s.outputMap[std::size_t(r * s.grid + c)] / scale;
            if (m_discretize) v = v < 0 ? -1 : 1;
            line[c] = divergingRgb(v * 0.75);
        }
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

// Image classification: the confusion matrix over the evaluated test samples, and a grid of
// test digits with their predictions, mistakes framed in red.
void OutputView::paintClassification(QPainter& p) {
    const Snapshot& s = *m_snapshot;
    const int k = s.classes;
    const double matrixSide = std::min(width() - 40.0, height() * 0.55 - 40.0);
    if (k <= 0 || matrixSide < 40) return;
    int correct = 0;
    for (int c = 0; c < k; ++c)
        correct += s.confusion[std::size_t(c * k + c)];
    p.setPen(Qt::black);
    p.drawText(QRectF(0, 0, width(), 18), Qt::AlignCenter,
               tr("%1 test samples: %2 % right")
                   .arg(s.evaluated)
                   .arg(s.evaluated ? 100.0 * correct / double(s.evaluated) : 0.0, 0, 'f', 1));
    const double cell = matrixSide / k;
    const QRectF grid((width() - matrixSide) / 2 + 10, 34, cell * k, cell * k);
    QFont small = p.font();
    small.setPixelSize(std::max(7, int(cell * 0.38)));
    p.setFont(small);
    for (int t = 0; t < k; ++t) {
        int rowTotal = 0;
        for (int q = 0; q < k; ++q)
            rowTotal += s.confusion[std::size_t(t * k + q)];
        for (int q = 0; q < k; ++q) {
            const int count = s.confusion[std::size_t(t * k + q)];
            const double share = rowTotal ? double(count) / rowTotal : 0;
            const QRectF r(grid.left() + q * cell, grid.top() + t * cell, cell, cell);
            p.fillRect(r,
                       t == q ? divergingColor(share) : divergingColor(-std::min(1.0, 4 * share)));
            if (count > 0) {
                p.setPen(share > 0.6 ? Qt::white : Qt::black);
                p.drawText(r, Qt::AlignCenter, QString::number(count));
            }
        }
        p.setPen(Qt::black);
        const QString name = QString::fromStdString(s.classNames[std::size_t(t)]);
        p.drawText(QRectF(grid.left() - 34, grid.top() + t * cell, 30, cell),
                   Qt::AlignRight | Qt::AlignVCenter, name.left(3));
        p.drawText(QRectF(grid.left() + t * cell, grid.top() - 14, cell, 14), Qt::AlignCenter,
                   name.left(3));
    }
    p.setPen(QColor(120, 120, 120));
    p.drawRect(grid);
    p.drawText(QRectF(grid.left(), grid.bottom() + 1, grid.width(), 14), Qt::AlignCenter,
               tr("rows: true class · columns: predicted"));
    // The digits.
    const int columns = 8;
    const int rows = (int(s.digits.size()) + columns - 1) / columns;
    const double top = grid.bottom() + 20;
    const double tile =
        std::min((width() - 8.0) / columns, (height() - top - 4) / std::max(1, rows));
    if (tile < 12) return;
    small.setPixelSize(std::max(7, int(tile * 0.22)));
    p.setFont(small);
    for (std::size_t i = 0; i < s.digits.size(); ++i) {
        const Snapshot::Digit& d = s.digits[i];
        const QRectF r(4 + double(i % columns) * tile, top + double(i / columns) * tile, tile - 3,
                       tile - 3);
        const QImage image = inkImage(d.pixels, s.imageSide);
        const QRectF picture = r.adjusted(0, 0, 0, -tile * 0.22);
        p.drawImage(picture, image);
        const bool right = d.label == d.predicted;
        p.setPen(QPen(right ? QColor(60, 150, 60) : QColor(200, 40, 40), right ? 1 : 2.5));
        p.drawRect(r);
        p.setPen(right ? Qt::black : QColor(200, 40, 40));
        const auto name = [&](int c) {
            return QString::fromStdString(s.classNames[std::size_t(c)]).left(6);
        };
        p.drawText(QRectF(r.left(), picture.bottom(), r.width(), tile * 0.22), Qt::AlignCenter,
                   right ? name(d.predicted)
                         : name(d.label) + QStringLiteral("→") + name(d.predicted));
    }
}

} // namespace gs::ui
