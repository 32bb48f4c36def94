// Feature maps: a convolutional network at work on the picture in Draw a digit, forward and
// backward. For each Conv2d layer, one column per channel: its feature map (after the ReLU that
// follows it; ink-dark where high), d logit / d map (how each place of the map moves the chosen
// class's score: blue raises it, orange lowers it), the filter (summed over its input channels
// when it has several) and d logit / d filter, from the same backward pass as the saliency map.
// Each kind of picture shares one scale across a layer, so the channels compare. The channels
// wrap into as many bands as the width needs. The view follows the drawing and, while training
// runs, the network (the window asks again after each step it shows).
#pragma once

#include "Snapshot.h"

#include <QWidget>

#include <array>
#include <vector>

namespace gs::ui {

class FeatureMapView : public QWidget {
    Q_OBJECT
public:
    explicit FeatureMapView(QWidget* parent = nullptr);

    void setExplanation(DrawingPtr explanation);
    DrawingPtr explanation() const { return m_explanation; }
    // What the view shows in words when there are no maps (no CNN, no picture), else empty.
    QString emptyText() const;

    // The four pictures of each channel, top to bottom.
    enum class Row { Map, MapGradient, Filter, FilterGradient, Count };
    // Where layer `convolution`'s channel's picture is, as laid out now (empty if none).
    QRectF tileRect(int convolution, Index channel, Row row) const;
    // The tooltip at `pos`: the layer, channel and the picture's range; over a row's name, what
    // the row shows; else empty.
    QString describeAt(const QPointF& pos) const;
    // The picture as drawn: its cells' colours, for the tests.
    QImage tileImage(int convolution, Index channel, Row row) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

    static constexpr int kTile = 44; // pixels: a 28 × 28 map at a little over 1.5×

signals:
    void shown(); // the network may have changed while the view was hidden: ask again

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override; // tooltips
    void showEvent(QShowEvent* event) override;

private:
    QString headerText() const;
    double headerHeight(double width) const;
    int columns(double width) const; // channels side by side in a band
    double layerTop(int convolution, double width) const;
    QString layerTitle(int convolution) const;
    QString rowName(Row row) const;
    QString rowMeaning(Row row) const; // a row name's tooltip
    double labelWidth() const;

    DrawingPtr m_explanation;
    std::vector<std::array<double, std::size_t(Row::Count)>> m_scales; // per layer, per row
};

} // namespace gs::ui
