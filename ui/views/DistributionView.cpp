#include "DistributionView.h"

#include "Palette.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace gs::ui {

namespace {
constexpr int kRowTitle = 130; // the layers' names, left of their row
constexpr int kHeader = 22;    // the columns' names
constexpr int kRowHeight = 74;
constexpr int kRange = 14; // the range under each histogram

QString number(double v) {
    return QString::number(v, 'g', 3);
}
} // namespace

DistributionView::DistributionView(QWidget* parent)
    : QWidget(parent) {
    setMinimumSize(320, 140);
    setAccessibleName(tr("Distributions"));
}

QSize DistributionView::sizeHint() const {
    const int rows = m_snapshot ? int(m_snapshot->distributions.size()) : 2;
    return {720, kHeader + rows * kRowHeight + 8};
}

void DistributionView::showSnapshot(const SnapshotPtr& snapshot) {
    m_snapshot = snapshot;
    if (m_snapshot && !m_snapshot->distributions.empty()) {
        //: The view's description for screen readers: %1 the step shown.
        setAccessibleDescription(tr("Histograms of each layer's weights, gradients, updates and "
                                    "activations at step %1")
                                     .arg(m_snapshot->step));
    }
    updateGeometry();
    update();
}

QString DistributionView::columnTitle(int column) const {
    switch (column) {
    case Weights:
        return tr("Weights W");
    case Gradients:
        return tr("Gradients dL/dW");
    case Updates:
        return tr("Last update ΔW");
    default:
        return tr("Activations");
    }
}

QString DistributionView::rowTitle(int row) const {
    const LayerDistribution& d = m_snapshot->distributions[std::size_t(row)];
    //: A row of the distributions view: %1 the layer's number as the network view counts
    //: them, %2 its kind ("linear", "conv2d"), %3 its activation.
    return d.activation.empty()
               ? tr("Layer %1\n%2").arg(d.column).arg(QString::fromStdString(d.kind))
               : tr("Layer %1\n%2 · %3")
                     .arg(d.column)
                     .arg(QString::fromStdString(d.kind), QString::fromStdString(d.activation));
}

const Histogram* DistributionView::histogramAt(int row, int column) const {
    if (!m_snapshot || row < 0 || row >= int(m_snapshot->distributions.size())) return nullptr;
    const LayerDistribution& d = m_snapshot->distributions[std::size_t(row)];
    switch (column) {
    case Weights:
        return &d.weights;
    case Gradients:
        return &d.gradients;
    case Updates:
        return &d.updates;
    case Activations:
        return &d.activations;
    default:
        return nullptr;
    }
}

QRectF DistributionView::cellRect(int row, int column) const {
    if (!histogramAt(row, column)) return {};
    const double width = double(this->width() - kRowTitle - 8) / double(int(kColumns));
    return {kRowTitle + column * width + 4, double(kHeader + row * kRowHeight + 4), width - 8,
            double(kRowHeight - 8 - kRange)};
}

QString DistributionView::describe(int row, int column) const {
    const Histogram* h = histogramAt(row, column);
    if (!h) return {};
    if (h->total == 0)
        return tr("%1, %2: nothing yet (no step taken)")
            .arg(rowTitle(row).replace('\n', ' '), columnTitle(column));
    //: %1 the layer, %2 the column, %3 values, %4 and %5 the range, %6 the share near 0.
    QString text = tr("%1, %2: %3 values from %4 to %5; %6 % within 10⁻⁶ of 0")
                       .arg(rowTitle(row).replace('\n', ' '), columnTitle(column))
                       .arg(h->total)
                       .arg(number(h->low), number(h->high))
                       .arg(100 * h->nearZero, 0, 'f', 1);
    if (h->nonFinite > 0) text += tr("; %1 not finite").arg(h->nonFinite);
    return text;
}

void DistributionView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Text));
    if (!m_snapshot || m_snapshot->distributions.empty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("No weighted layers yet: pick a preset."));
        return;
    }
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    for (int c = 0; c < kColumns; ++c) {
        const QRectF cell = cellRect(0, c);
        p.drawText(QRectF(cell.left(), 2, cell.width(), kHeader - 4), Qt::AlignCenter,
                   columnTitle(c));
    }
    const QColor bar = palette().color(QPalette::Highlight);
    for (int r = 0; r < int(m_snapshot->distributions.size()); ++r) {
        p.setFont(font());
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(4, kHeader + r * kRowHeight, kRowTitle - 8, kRowHeight),
                   Qt::AlignVCenter | Qt::AlignLeft, rowTitle(r));
        for (int c = 0; c < kColumns; ++c) {
            const Histogram& h = *histogramAt(r, c);
            const QRectF cell = cellRect(r, c);
            p.setPen(palette().color(QPalette::Mid));
            p.setBrush(Qt::NoBrush);
            p.drawRect(cell);
            p.setFont(small);
            if (h.total == 0) {
                p.setPen(palette().color(QPalette::PlaceholderText));
                p.drawText(cell, Qt::AlignCenter, tr("—"));
                continue;
            }
            const auto most = *std::max_element(h.counts.begin(), h.counts.end());
            const double w = cell.width() / double(h.counts.size());
            p.setPen(Qt::NoPen);
            p.setBrush(bar);
            for (std::size_t b = 0; b < h.counts.size(); ++b) {
                // Square-root heights: a spike does not flatten everything else.
                const double height =
                    most ? cell.height() * std::sqrt(double(h.counts[b]) / double(most)) : 0;
                p.drawRect(QRectF(cell.left() + double(b) * w, cell.bottom() - height,
                                  std::max(1.0, w - 0.5), height));
            }
            // 0, where the range holds it.
            if (h.low < 0 && h.high > 0) {
                const double x = cell.left() + cell.width() * (-h.low) / (h.high - h.low);
                p.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
                p.drawLine(QPointF(x, cell.top()), QPointF(x, cell.bottom()));
            }
            p.setPen(palette().color(QPalette::Text));
            const QRectF under(cell.left(), cell.bottom() + 1, cell.width(), kRange);
            p.drawText(under, Qt::AlignLeft | Qt::AlignVCenter, number(h.low));
            p.drawText(under, Qt::AlignRight | Qt::AlignVCenter, number(h.high));
        }
    }
}

bool DistributionView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (int r = 0; m_snapshot && r < int(m_snapshot->distributions.size()); ++r)
            for (int c = 0; c < kColumns; ++c)
                if (cellRect(r, c).contains(help->pos())) {
                    QToolTip::showText(help->globalPos(), describe(r, c), this);
                    return true;
                }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void DistributionView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) update();
    QWidget::changeEvent(event);
}

} // namespace gs::ui
