#include "ChartsPanel.h"

#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

// Bucket means: at most `limit` points.
QList<QPointF> decimate(const QList<QPointF>& points, int limit) {
    if (points.size() <= limit) return points;
    QList<QPointF> out;
    const double per = double(points.size()) / limit;
    for (int b = 0; b < limit; ++b) {
        const int from = int(b * per), to = std::max(from + 1, int((b + 1) * per));
        double x = 0, y = 0;
        for (int i = from; i < to; ++i) {
            x += points[i].x();
            y += points[i].y();
        }
        out.append({x / (to - from), y / (to - from)});
    }
    return out;
}

QChart* newChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

// percent: the y axis is fixed at 0–100.
void setSeries(QChart* chart, const QList<std::pair<QString, QList<QPointF>>>& lines, bool logY,
               const QString& xTitle, const QString& yTitle, bool percent = false) {
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    // No axis titles: the chart's title names both axes, and on a short chart Qt would elide
    // the tick labels to make room for them.
    Q_UNUSED(xTitle);
    Q_UNUSED(yTitle);
    auto* x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(x, Qt::AlignBottom);
    QAbstractAxis* y = nullptr;
    double low = 1e300, high = -1e300, xmax = 1;
    for (const auto& [name, points] : lines)
        for (const QPointF& p : points) {
            if (!std::isfinite(p.y()) || (logY && p.y() <= 0)) continue;
            low = std::min(low, p.y());
            high = std::max(high, p.y());
            xmax = std::max(xmax, p.x());
        }
    if (low > high) low = logY ? 1e-3 : 0, high = 1;
    if (logY) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%.0e"));
        axis->setRange(std::pow(10, std::floor(std::log10(low))),
                       std::pow(10, std::ceil(std::log10(high * 1.0001))));
        y = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setRange(std::min(0.0, low), high > low ? high * 1.05 : low + 1);
        if (percent)
            axis->setRange(0, 100);
        else
            axis->applyNiceNumbers();
        axis->setLabelFormat(QStringLiteral("%g"));
        y = axis;
    }
    chart->addAxis(y, Qt::AlignLeft);
    x->setRange(0, xmax);
    x->applyNiceNumbers();
    for (const auto& [name, points] : lines) {
        auto* series = new QLineSeries;
        series->setName(name);
        QList<QPointF> shown;
        for (const QPointF& p : points)
            if (std::isfinite(p.y()) && (!logY || p.y() > 0)) shown.append(p);
        series->replace(decimate(shown, ChartsPanel::kMaxPoints));
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
}

} // namespace

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    const QStringList titles = {tr("Loss by step"), tr("Accuracy % by step"),
                                tr("Gradient norm ‖dL/dW‖ per layer (log)"),
                                tr("Update / parameter ratio ‖ΔW‖/‖W‖ per layer (log)")};
    for (int i = 0; i < titles.size(); ++i) {
        QChart* chart = newChart(titles[i]);
        auto* view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(220, 180);
        grid->addWidget(view, i / 2, i % 2);
        m_charts.append(chart);
        m_views.append(view);
    }
    redraw();
}

void ChartsPanel::clear() {
    m_history = {};
    m_layerStats.clear();
    redraw();
}

void ChartsPanel::setHistory(const MetricsHistory& history) {
    m_history = history;
    m_layerStats.clear();
    redraw();
}

void ChartsPanel::append(const Snapshot& s) {
    if (s.stepLosses.empty() && s.epochs.empty()) return;
    for (const auto& point : s.stepLosses)
        m_history.stepLosses.push_back(point);
    for (const EpochReport& e : s.epochs)
        m_history.add(e);
    for (const auto& entry : s.layerStats)
        m_layerStats.push_back(entry);
    redraw();
}

int ChartsPanel::pointCount(int chart) const {
    int n = 0;
    for (QAbstractSeries* series : m_charts.at(chart)->series())
        n += int(static_cast<QLineSeries*>(series)->count());
    return n;
}

void ChartsPanel::redraw() {
    QList<QPointF> batch, trainLoss, testLoss, trainAccuracy, testAccuracy;
    for (const auto& [step, loss] : m_history.stepLosses)
        batch.append({double(step), loss});
    const bool hasTest = std::any_of(m_history.epochs.begin(), m_history.epochs.end(),
                                     [](const EpochReport& e) { return e.test.samples > 0; });
    for (const EpochReport& e : m_history.epochs) {
        trainLoss.append({double(e.step), e.trainLoss});
        if (hasTest) testLoss.append({double(e.step), e.test.loss});
        if (e.trainAccuracy >= 0) trainAccuracy.append({double(e.step), 100 * e.trainAccuracy});
        if (e.test.accuracy >= 0) testAccuracy.append({double(e.step), 100 * e.test.accuracy});
    }
    QList<std::pair<QString, QList<QPointF>>> loss = {{tr("batch loss"), batch},
                                                      {tr("train loss (epoch)"), trainLoss}};
    if (hasTest) loss.append({tr("test loss"), testLoss});
    setSeries(m_charts[0], loss, false, tr("step"), tr("loss"));
    setSeries(m_charts[1], {{tr("train"), trainAccuracy}, {tr("test"), testAccuracy}}, false,
              tr("step"), tr("accuracy %"), true);
    std::vector<QList<QPointF>> norms, ratios;
    std::vector<int> layerIds;
    for (const auto& [step, layers] : m_layerStats) {
        if (norms.size() < layers.size()) {
            norms.resize(layers.size());
            ratios.resize(layers.size());
            layerIds.resize(layers.size());
        }
        for (std::size_t i = 0; i < layers.size(); ++i) {
            norms[i].append({double(step), layers[i].gradientNorm});
            ratios[i].append({double(step), layers[i].updateRatio});
            layerIds[i] = layers[i].layer;
        }
    }
    QList<std::pair<QString, QList<QPointF>>> normLines, ratioLines;
    for (std::size_t i = 0; i < norms.size(); ++i) {
        normLines.append({tr("layer %1").arg(layerIds[i]), norms[i]});
        ratioLines.append({tr("layer %1").arg(layerIds[i]), ratios[i]});
    }
    setSeries(m_charts[2], normLines, true, tr("step"), tr("‖dL/dW‖"));
    setSeries(m_charts[3], ratioLines, true, tr("step"), tr("‖ΔW‖/‖W‖"));
}

} // namespace gs::ui
