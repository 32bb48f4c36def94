// Distributions: each weighted layer's values at the step shown, as histograms. One row per
// Linear or Conv2d layer; four columns: its weights, their gradients dL/dW, the last update ΔW
// and what its units gave the next layer (after the activation) in the step's forward pass.
// Saturation shows as activations piled at the ends of the sigmoid's or tanh's range, dead ReLU
// units as a spike at 0, vanishing gradients as a first row far narrower than the last, exploding
// weights as a range that grows step by step. It follows the timeline like every view
// (TensorBoard's histograms, for any step of the run).
//
// "Over time" draws each cell as the run went instead: the median and nested bands (minimum to
// maximum, ±1.5σ, ±1σ, ±0.5σ: train/Histogram.h kPercentiles) over the steps, as TensorBoard's
// distributions do, with a cursor at the step shown. The view keeps them from the snapshots it
// sees at the run's end (a few a second while playing, every step when stepping), at most
// kMaxSamples of them (thinned to every other as the run grows); a branch drops those after it.
#pragma once

#include "Snapshot.h"

#include <QWidget>

#include <array>

QT_BEGIN_NAMESPACE
class QPainter;
class QToolButton;
QT_END_NAMESPACE

namespace gs::ui {

class DistributionView : public QWidget {
    Q_OBJECT
public:
    explicit DistributionView(QWidget* parent = nullptr);

    void showSnapshot(const SnapshotPtr& snapshot);
    enum Column { Weights, Gradients, Updates, Activations, kColumns };
    // Over time (bands over the steps) or at the step shown (histograms).
    void setOverTime(bool on);
    bool overTime() const { return m_overTimeShown; }
    // A new run (a load, a reset, a session opened): what was kept goes.
    void clearHistory();
    static constexpr std::size_t kMaxSamples = 400;
    // The steps kept for "over time", in order.
    std::vector<long> historySteps() const;
    // Where the histogram of `row` (a weighted layer, from 0) and `column` is drawn (empty if
    // none), and what hovering it says.
    QRectF cellRect(int row, int column) const;
    QString describe(int row, int column) const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override; // tooltips
    void changeEvent(QEvent* event) override;

private:
    using Bands = std::array<float, Histogram::kBands>; // NaN: nothing there yet
    struct Sample {
        long step = 0;
        std::vector<std::array<Bands, kColumns>> rows;
    };
    void retranslate();
    void remember(const Snapshot& s);
    void paintOverTime(QPainter& p, int row, int column, const QRectF& cell);
    // The sample nearest the step shown, or null.
    const Sample* sampleAtCursor() const;
    const Histogram* histogramAt(int row, int column) const;
    QString columnTitle(int column) const;
    QString rowTitle(int row) const;
    SnapshotPtr m_snapshot;
    QToolButton* m_overTime;
    bool m_overTimeShown = false;
    std::vector<Sample> m_history;
};

} // namespace gs::ui
