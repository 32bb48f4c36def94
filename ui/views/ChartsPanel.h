// The charts: loss (batch loss per step, train and test loss per epoch), accuracy per epoch,
// per-layer gradient norm on a log axis (one labelled tick every few decades where the chart is
// too short for one per decade) (vanishing and exploding gradients show as lines
// falling or climbing by decades) and per-layer update/parameter ratio. The panel keeps the
// whole history; the charts draw at most kMaxPoints points per line (bucket means), so they
// stay smooth over hundreds of thousands of steps. Hovering a line shows the drawn point nearest
// the mouse (a data point, or a bucket's mean labelled as such), never the cursor's position.
// The charts follow the palette: Qt Charts' dark theme on a dark palette.
#pragma once

#include "Snapshot.h"
#include "train/Metrics.h"

#include <QElapsedTimer>
#include <QPointF>
#include <QTimer>
#include <QWidget>

#include <array>

#include <map>
#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QGraphicsLineItem;
class QLineSeries;
class QValueAxis;
class QLogValueAxis;
QT_END_NAMESPACE

namespace gs::ui {

// One point as a chart draws it: a data point (count 1), or the mean of `count` consecutive data
// points whose x run from `first` to `last`. `epoch` ≥ 1 for a per-epoch point.
struct ChartPoint {
    QPointF at;
    double first = 0, last = 0;
    int count = 1;
    int epoch = 0;
};

// A line's points, decimated as they arrive: buckets of `width` consecutive points, averaged;
// when there are more than 2·limit buckets, neighbours merge and the width doubles. Adding is
// O(1) amortised and reading O(limit), however long the run.
class Decimator {
public:
    explicit Decimator(int limit = 400)
        : m_limit(limit) {}
    // Non-finite y (and y ≤ 0 with `positive`) count towards the bucket but are not averaged.
    // `epoch` tags a point of a per-epoch line (a bucket of one point keeps it).
    void add(double x, double y, bool positive = false, int epoch = 0);
    QList<QPointF> points() const;
    std::vector<ChartPoint> drawn() const; // the same points, with what each one stands for
    void clear() { *this = Decimator(m_limit); }

private:
    struct Bucket {
        double x = 0, y = 0;
        double first = 0, last = 0; // x of the first and last valid point
        int valid = 0;
        std::size_t taken = 0;
        int epoch = 0; // of the last valid point
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
    // PNG/SVG/PDF, or its data to CSV (for charts 2 and 3, each layer at every step collected).
    void exportChart(int index, const QString& path);
    // Qt Charts' dark or light theme. The panel calls it itself when its palette changes
    // (QEvent::PaletteChange), so setting the application palette is enough.
    void setDark(bool dark);
    bool isDark() const { return m_dark; }
    // Draws now if a redraw is pending (before a screenshot or an export).
    void flush();
    // Replaces the history (an opened session); layer statistics start afresh.
    void setHistory(const MetricsHistory& history);
    void append(const Snapshot& snapshot);
    const MetricsHistory& history() const { return m_history; }
    // The chart views, in order: loss, accuracy, gradient norms, update ratios.
    QList<QChartView*> views() const { return m_views; }
    int pointCount(int chart) const; // points drawn in a chart's series, for tests
    // The hover text of the line `series` in `chart` at `at` (chart coordinates): its drawn
    // point nearest in x, with its step (or epoch, or the steps a mean covers) and value.
    // Empty where the line has no points.
    QString hoverText(int chart, const QString& series, const QPointF& at) const;
    QString lastHoverText() const { return m_lastHover; } // the tooltip shown last
    // The run a branch left, beside this one: its batch loss on the loss chart and its test
    // accuracy (train accuracy without a test set) on the accuracy chart, dashed grey, from
    // the branch's step on. `history` is its whole history; clear() and setHistory() drop it.
    void setEarlier(const MetricsHistory& history, long branch);
    bool hasEarlier() const { return m_earlierShown; }
    void clearEarlier();
    // The timeline's step, drawn as a vertical line on every chart (−1: none, at the run's end).
    void setStepCursor(long step);
    long stepCursor() const { return m_cursor; }

protected:
    // Follows the palette (light or dark theme), the font (presenter mode's text size) and the
    // language (titles, tooltips and line names again, the charts redrawn from the history).
    void changeEvent(QEvent* event) override;
    // A chart reached by Tab is framed in the highlight colour while it has the focus.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();                      // the charts' titles and the views' tooltips
    void showFocus(int chart, bool focused); // the frame, or the theme's own
    void applyFonts(QChart* chart) const;
    struct Line {
        QString key;  // which line it is, in any language: its series' objectName
        QString name; // the legend's name for it, in the current language
        std::vector<ChartPoint> points;
        bool earlier = false; // the earlier run's: dashed grey
    };
    void setSeries(int chart, const QList<Line>& lines, bool logY, bool percent = false);
    void describeLatest(int chart, const QList<Line>& lines); // accessibleDescription
    int tickRoom(int chart) const; // how many y intervals the plot's height has labels for
    void fitTicks(int chart);
    void showHover(int chart, const QString& series, const QPointF& at, bool on);
    void redraw(); // every chart, now
    void scheduleRedraw();
    void startRedraw(); // one chart per event-loop turn
    void redrawNext();
    void redrawChart(int chart);
    int m_nextChart = -1; // the next chart of an incremental redraw; −1 when none is under way

    QElapsedTimer m_sinceRedraw;
    QTimer* m_redrawTimer;

    void addLayerStats(long step, const std::vector<LayerStats>& layers);
    void placeCursor(int chart);
    long m_cursor = -1;
    QList<QGraphicsLineItem*> m_cursorLines; // owned by their charts

    MetricsHistory m_history;
    Decimator m_batchLoss{kMaxPoints};
    // The per-epoch lines, decimated like the others: thousands of epochs a second on a toy
    // set would otherwise make every redraw longer than the last.
    enum EpochLine { kTrainLoss, kTestLoss, kTrainAccuracy, kTestAccuracy, kEpochLines };
    std::array<Decimator, kEpochLines> m_epochLines{Decimator(kMaxPoints), Decimator(kMaxPoints),
                                                    Decimator(kMaxPoints), Decimator(kMaxPoints)};
    bool m_hasTest = false;
    void addEpoch(const EpochReport& e);
    // The earlier run's lines (setEarlier).
    Decimator m_earlierLoss{kMaxPoints}, m_earlierAccuracy{kMaxPoints};
    bool m_earlierShown = false, m_earlierTest = false;
    std::vector<Decimator> m_norms, m_ratios; // per layer with parameters
    std::vector<int> m_layerIds;
    QList<QChartView*> m_views;
    QList<QChart*> m_charts;
    std::vector<std::map<QString, std::vector<ChartPoint>>> m_drawn; // per chart, per line
    QString m_lastHover;
    bool m_dark = false;
};

} // namespace gs::ui
