// Distributions: each weighted layer's values at the step shown, as histograms. One row per
// Linear or Conv2d layer; four columns: its weights, their gradients dL/dW, the last update ΔW
// and what its units gave the next layer (after the activation) in the step's forward pass.
// Saturation shows as activations piled at the ends of the sigmoid's or tanh's range, dead ReLU
// units as a spike at 0, vanishing gradients as a first row far narrower than the last, exploding
// weights as a range that grows step by step. It follows the timeline like every view
// (TensorBoard's histograms, for any step of the run).
#pragma once

#include "Snapshot.h"

#include <QWidget>

namespace gs::ui {

class DistributionView : public QWidget {
    Q_OBJECT
public:
    explicit DistributionView(QWidget* parent = nullptr);

    void showSnapshot(const SnapshotPtr& snapshot);
    enum Column { Weights, Gradients, Updates, Activations, kColumns };
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
    const Histogram* histogramAt(int row, int column) const;
    QString columnTitle(int column) const;
    QString rowTitle(int row) const;
    SnapshotPtr m_snapshot;
};

} // namespace gs::ui
