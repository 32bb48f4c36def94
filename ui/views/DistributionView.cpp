#include "DistributionView.h"

#include "Palette.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

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
    : QWidget(parent)
    , m_overTime(new QToolButton(this)) {
    setMinimumSize(320, 140);
    setAccessibleName(tr("Distributions"));
    m_overTime->setObjectName(QStringLiteral("distributionsOverTime"));
    m_overTime->setCheckable(true);
    m_overTime->setGeometry(4, 1, kRowTitle - 12, kHeader - 2);
    connect(m_overTime, &QToolButton::toggled, this, &DistributionView::setOverTime);
    retranslate();
}

void DistributionView::retranslate() {
    //: A toggle of the distributions view: each layer's values over the steps taken.
    m_overTime->setText(tr("Over time"));
    m_overTime->setToolTip(
        tr("Each layer's values over the steps taken: the median line, and bands from the "
           "minimum to the maximum through ±1.5σ, ±1σ and ±0.5σ of a normal distribution. "
           "Off: the histograms at the step shown."));
}

void DistributionView::setOverTime(bool on) {
    m_overTimeShown = on;
    if (m_overTime->isChecked() != on) m_overTime->setChecked(on);
    update();
}

void DistributionView::clearHistory() {
    m_history.clear();
    update();
}

std::vector<long> DistributionView::historySteps() const {
    std::vector<long> steps;
    for (const Sample& sample : m_history)
        steps.push_back(sample.step);
    return steps;
}

void DistributionView::remember(const Snapshot& s) {
    // Only the run's end adds; a branch (or a reset) drops what came after the step shown.
    if (s.inPast) return;
    while (!m_history.empty() && m_history.back().step > s.step)
        m_history.pop_back();
    if (!m_history.empty() &&
        (m_history.back().step == s.step || m_history.back().rows.size() != s.distributions.size()))
        return;
    Sample sample;
    sample.step = s.step;
    for (const LayerDistribution& d : s.distributions) {
        std::array<Bands, kColumns> row;
        const Histogram* h[kColumns] = {&d.weights, &d.gradients, &d.updates, &d.activations};
        for (int c = 0; c < kColumns; ++c)
            for (int k = 0; k < Histogram::kBands; ++k)
                row[std::size_t(c)][std::size_t(k)] = h[c]->total > 0
                                                          ? float(h[c]->percentiles[std::size_t(k)])
                                                          : std::numeric_limits<float>::quiet_NaN();
        sample.rows.push_back(row);
    }
    m_history.push_back(std::move(sample));
    if (m_history.size() > 2 * kMaxSamples) {
        // Every other one, the newest kept.
        std::vector<Sample> kept;
        for (std::size_t i = 0; i + 1 < m_history.size(); i += 2)
            kept.push_back(std::move(m_history[i]));
        kept.push_back(std::move(m_history.back()));
        m_history = std::move(kept);
    }
}

const DistributionView::Sample* DistributionView::sampleAtCursor() const {
    if (m_history.empty() || !m_snapshot) return nullptr;
    const long step = m_snapshot->step;
    const Sample* best = &m_history.front();
    for (const Sample& sample : m_history)
        if (std::abs(sample.step - step) < std::abs(best->step - step)) best = &sample;
    return best;
}

QSize DistributionView::sizeHint() const {
    const int rows = m_snapshot ? int(m_snapshot->distributions.size()) : 2;
    return {720, kHeader + rows * kRowHeight + 8};
}

void DistributionView::showSnapshot(const SnapshotPtr& snapshot) {
    m_snapshot = snapshot;
    if (m_snapshot) remember(*m_snapshot);
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
    if (m_overTimeShown) {
        const Sample* at = sampleAtCursor();
        if (!at || std::size_t(row) >= at->rows.size() ||
            std::isnan(at->rows[std::size_t(row)][std::size_t(column)][4]))
            return tr("%1, %2: nothing yet over time")
                .arg(rowTitle(row).replace('\n', ' '), columnTitle(column));
        const Bands& b = at->rows[std::size_t(row)][std::size_t(column)];
        //: Over time: %1 the layer, %2 the column, %3 and %4 the steps kept, %5 the step
        //: nearest the one shown, %6 the median, %7 and %8 the middle 68 %, %9 and %10 the range.
        return tr("%1, %2 over steps %3–%4. At step %5: median %6, the middle 68 % from %7 to "
                  "%8, all from %9 to %10")
            .arg(rowTitle(row).replace('\n', ' '), columnTitle(column))
            .arg(m_history.front().step)
            .arg(m_history.back().step)
            .arg(at->step)
            .arg(number(b[4]), number(b[2]), number(b[6]), number(b[0]), number(b[8]));
    }
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
            if (m_overTimeShown) {
                paintOverTime(p, r, c, cell);
                continue;
            }
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

void DistributionView::paintOverTime(QPainter& p, int row, int column, const QRectF& cell) {
    // The samples that have this cell's values.
    std::vector<std::pair<long, const Bands*>> points;
    for (const Sample& sample : m_history)
        if (std::size_t(row) < sample.rows.size() &&
            !std::isnan(sample.rows[std::size_t(row)][std::size_t(column)][4]))
            points.emplace_back(sample.step, &sample.rows[std::size_t(row)][std::size_t(column)]);
    if (points.size() < 2) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(cell, Qt::AlignCenter, tr("—"));
        return;
    }
    double low = (*points.front().second)[0], high = (*points.front().second)[8];
    for (const auto& [step, b] : points) {
        low = std::min(low, double((*b)[0]));
        high = std::max(high, double((*b)[8]));
    }
    if (!(high > low)) {
        low -= 0.5;
        high += 0.5;
    }
    const double first = double(points.front().first), last = double(points.back().first);
    const auto x = [&](long step) {
        return cell.left() + cell.width() * (double(step) - first) / std::max(1.0, last - first);
    };
    const auto y = [&](double v) {
        return cell.bottom() - cell.height() * (v - low) / (high - low);
    };
    QColor band = palette().color(QPalette::Highlight);
    p.setPen(Qt::NoPen);
    // Outer band first: min–max, then ±1.5σ, ±1σ, ±0.5σ, each darker.
    for (int k = 0; k < 4; ++k) {
        QPainterPath path;
        path.moveTo(x(points.front().first), y((*points.front().second)[std::size_t(8 - k)]));
        for (const auto& [step, b] : points)
            path.lineTo(x(step), y((*b)[std::size_t(8 - k)]));
        for (auto it = points.rbegin(); it != points.rend(); ++it)
            path.lineTo(x(it->first), y((*it->second)[std::size_t(k)]));
        path.closeSubpath();
        band.setAlpha(45 + 40 * k);
        p.setBrush(band);
        p.drawPath(path);
    }
    QPainterPath median;
    median.moveTo(x(points.front().first), y((*points.front().second)[4]));
    for (const auto& [step, b] : points)
        median.lineTo(x(step), y((*b)[4]));
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(palette().color(QPalette::Text), 1.2));
    p.drawPath(median);
    if (low < 0 && high > 0) {
        p.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
        p.drawLine(QPointF(cell.left(), y(0)), QPointF(cell.right(), y(0)));
    }
    // The step shown, when the timeline is back in the run.
    if (m_snapshot && m_snapshot->inPast && m_snapshot->step >= points.front().first &&
        m_snapshot->step <= points.back().first) {
        p.setPen(QPen(QColor(230, 90, 0), 1.5)); // apart from the bands' blue
        p.drawLine(QPointF(x(m_snapshot->step), cell.top()),
                   QPointF(x(m_snapshot->step), cell.bottom()));
    }
    p.setPen(palette().color(QPalette::Text));
    const QRectF under(cell.left(), cell.bottom() + 1, cell.width(), kRange);
    // The values' range, as under a histogram (the steps are in the tooltip).
    p.drawText(under, Qt::AlignLeft | Qt::AlignVCenter, number(low));
    p.drawText(under, Qt::AlignRight | Qt::AlignVCenter, number(high));
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
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace gs::ui
