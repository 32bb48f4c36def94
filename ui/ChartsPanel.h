// The charts: loss (batch loss per step, train and test loss per epoch), accuracy per epoch,
// per-layer gradient norm on a log axis (vanishing and exploding gradients show as lines
// falling or climbing by decades) and per-layer update/parameter ratio. The panel keeps the
// whole history; the charts draw at most kMaxPoints points per line (bucket means), so they
// stay smooth over hundreds of thousands of steps.
#pragma once

#include "Snapshot.h"
#include "train/Metrics.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
class QLogValueAxis;
QT_END_NAMESPACE

namespace gs::ui {

class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartsPanel(QWidget* parent = nullptr);

    static constexpr int kMaxPoints = 1000;

    void clear();
    // Replaces the history (an opened session); layer statistics start afresh.
    void setHistory(const MetricsHistory& history);
    void append(const Snapshot& snapshot);
    const MetricsHistory& history() const { return m_history; }
    // The chart views, in order: loss, accuracy, gradient norms, update ratios.
    QList<QChartView*> views() const { return m_views; }
    int pointCount(int chart) const; // points drawn in a chart's series, for tests

private:
    void redraw();

    MetricsHistory m_history;
    std::vector<std::pair<long, std::vector<LayerStats>>> m_layerStats;
    QList<QChartView*> m_views;
    QList<QChart*> m_charts;
};

} // namespace gs::ui
