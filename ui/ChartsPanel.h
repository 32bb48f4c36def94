// The charts: loss (batch loss per step, train and test loss per epoch), accuracy per epoch,
// per-layer gradient norm on a log axis (vanishing and exploding gradients show as lines
// falling or climbing by decades) and per-layer update/parameter ratio. The panel keeps the
// whole history; the charts draw at most kMaxPoints points per line (bucket means), so they
// stay smooth over hundreds of thousands of steps.
#pragma once

#include "Snapshot.h"
#include "train/Metrics.h"

#include <QElapsedTimer>
#include <QPointF>
#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
class QLogValueAxis;
QT_END_NAMESPACE

namespace gs::ui {

// A line's points, decimated as they arrive: buckets of `width` consecutive points, averaged;
// when there are more than 2·limit buckets, neighbours merge and the width doubles. Adding is
// O(1) amortised and reading O(limit), however long the run.
class Decimator {
public:
    explicit Decimator(int limit = 400)
        : m_limit(limit) {}
    // Non-finite y (and y ≤ 0 with `positive`) count towards the bucket but are not averaged.
    void add(double x, double y, bool positive = false);
    QList<QPointF> points() const;
    void clear() { *this = Decimator(m_limit); }

private:
    struct Bucket {
        double x = 0, y = 0;
        int valid = 0;
        std::size_t taken = 0;
    };
    int m_limit;
    std::size_t m_width = 1;
    std::vector<Bucket> m_buckets;
};

class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartsPanel(QWidget* parent = nullptr);

    static constexpr int kMaxPoints = 400;
    // Charts redraw at most this often while snapshots stream in (the last one always lands).
    static constexpr int kRedrawMs = 200;

    void clear();
    // Exports one chart (0 loss, 1 accuracy, 2 gradient norms, 3 update ratios) as drawn, to
    // PNG/SVG/PDF, or its data to CSV (the decimated per-layer series for charts 2 and 3).
    void exportChart(int index, const QString& path);
    std::string layerStatsCsv() const;
    // Qt Charts' dark or light theme, to match the window's palette.
    void setDark(bool dark);
    // Draws now if a redraw is pending (before a screenshot or an export).
    void flush();
    // Replaces the history (an opened session); layer statistics start afresh.
    void setHistory(const MetricsHistory& history);
    void append(const Snapshot& snapshot);
    const MetricsHistory& history() const { return m_history; }
    // The chart views, in order: loss, accuracy, gradient norms, update ratios.
    QList<QChartView*> views() const { return m_views; }
    int pointCount(int chart) const; // points drawn in a chart's series, for tests

private:
    void redraw();
    void scheduleRedraw();

    QElapsedTimer m_sinceRedraw;
    QTimer* m_redrawTimer;

    void addLayerStats(long step, const std::vector<LayerStats>& layers);

    MetricsHistory m_history;
    Decimator m_batchLoss{kMaxPoints};
    std::vector<Decimator> m_norms, m_ratios; // per layer with parameters
    std::vector<int> m_layerIds;
    QList<QChartView*> m_views;
    QList<QChart*> m_charts;
};

} // namespace gs::ui
