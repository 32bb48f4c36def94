// The network view: neurons as tiles and edges between them. Edge colour is the sign and
// thickness the magnitude of a selectable quantity (weight, the last step's gradient dL/dw,
// or its update Δw). For 2-D data every unit shows its output over the input plane as a small
// heatmap. Hovering an edge or unit shows its exact numbers; clicking an edge asks to edit it.
//
// Layers wider than kMaxDrawnUnits (MNIST's 784 inputs) are drawn as a block, and only the
// strongest edges of the selected quantity are drawn; the view says so on screen. For image
// data the first layer's weights (or gradients, or updates) of each hidden unit are drawn as
// images the size of the input, the way ConvNetJS shows them. The output units of a classifier
// are labelled with their class (the data set's names, else 0, 1, 2, …). The view follows the
// palette: a dark background on a dark palette, with the colour scale passing through dark grey.
#pragma once

#include "Snapshot.h"

#include <QWidget>

namespace gs::ui {

// Difference: this run's weight minus the earlier run's at the same step
// (DenseLayer::weightDifference; the compare view).
enum class EdgeQuantity { Weight, Gradient, Update, Difference };

class NetworkView : public QWidget {
    Q_OBJECT
public:
    explicit NetworkView(QWidget* parent = nullptr);

    static constexpr int kMaxDrawnUnits = 16;
    static constexpr int kMaxWideEdges = 60;
    static constexpr int kMaxUnitImages = 32;

    void setSnapshot(SnapshotPtr snapshot);
    void setQuantity(EdgeQuantity quantity);
    EdgeQuantity quantity() const { return m_quantity; }
    SnapshotPtr snapshot() const { return m_snapshot; }

    // Where an edge is drawn (centre of its curve), for tests and tooltips; null point if the
    // edge is not drawn.
    QPointF edgeCentre(int dense, int out, int in) const;
    // Image data: where hidden unit u's first-layer image is drawn (empty if it is not).
    QRectF unitImageRect(int unit) const {
        return unit >= 0 && std::size_t(unit) < m_imageTiles.size()
                   ? m_imageTiles[std::size_t(unit)]
                   : QRectF();
    }
    // The class each output unit stands for, in order; empty where the network's outputs are
    // not classes (regression, a binary output, no snapshot).
    QStringList outputLabels() const;
    // Where unit `unit` of column `column` (0 the inputs, then one per Linear layer) is drawn;
    // empty if it is not drawn on its own (a wide layer's block). As laid out by the last paint.
    QRectF unitRect(int column, int unit) const;
    // A column's header as drawn (each line cut with "…" where the column is too narrow for
    // it) and where; as laid out by the last paint.
    QString columnHeader(int column) const;
    QRectF columnHeaderRect(int column) const;
    // The legend's text whole (the tooltip over it), and whether it was drawn whole: a narrow
    // view draws it smaller and then leaves its last sentences out. As laid out by the last
    // paint.
    QString legendText() const { return m_legendText; }
    bool legendComplete() const { return m_legendComplete; }
    // Where output unit u's class label is drawn (empty if it is not).
    QRectF outputLabelRect(int unit) const;
    // The tooltip text of whatever is under `pos` (empty if nothing).
    QString describeAt(const QPointF& pos) const;

    // The step-through's current layer (index in the Sequential), highlighted: a Linear layer's
    // edges, or the units an activation produces. −1 for none.
    void setHighlightLayer(int layer);
    int highlightLayer() const { return m_highlight; }
    // Where the highlight is drawn (empty if nothing is highlighted).
    QRectF highlightRect() const;

    // The keyboard's cursor (KeyboardCursor.h) walks the units and edges column by column: a
    // column's units, then the edges leaving it (input by input). Up and Down move in a column,
    // Left and Right to the next one. Enter follows the edge under it, F2 edits it, the menu key
    // opens its menu. −1 before the view first has the focus.
    int cursor() const { return m_cursor; }
    QRectF cursorRect() const;

    bool hasEdgeAt(const QPointF& pos) const;
    // Emits checkGradientRequested for the edge at `pos`; false if there is none.
    bool requestCheckAt(const QPointF& pos);

    QSize sizeHint() const override { return {620, 420}; }

signals:
    // A paint finished (the window tells the worker it may send the next snapshot).
    void painted();
    // The user clicked an edge (layer index in the Sequential, output and input unit): follow
    // it; double-clicked it: type a new value.
    void weightClicked(int layer, int out, int in);
    void editWeightRequested(int layer, int out, int in, double current);
    // Check an edge's gradient dL/dw against finite differences (from the context menu).
    void checkGradientRequested(int layer, int out, int in);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    QVariant inputMethodQuery(Qt::InputMethodQuery query) const override;

private:
    struct Unit {
        QRectF rect;
        int column = 0, index = 0;
    };
    struct Edge {
        QPointF from, to;
        int dense = 0, out = 0, in = 0;
        double value = 0;
    };
    void layout();
    double quantityOf(const DenseLayer& d, Index weightIndex) const;
    const std::vector<float>& quantityValues(const DenseLayer& d) const;
    const Edge* edgeAt(const QPointF& pos) const;
    const Unit* unitAt(const QPointF& pos) const;
    // A unit in words: "Input x1", "Layer 2, unit 5", "Output unit 1: class 0".
    QString unitName(int column, int index) const;
    QString describeUnit(const Unit& u) const;
    QString describeEdge(const Edge& e) const;
    // What the keyboard's cursor walks, in order (units are drawn one by one, edges as drawn).
    struct CursorItem {
        QRectF rect;
        const Unit* unit = nullptr;
        const Edge* edge = nullptr;
        int group = 0; // its column: 2c the units of column c, 2c + 1 the edges leaving it
    };
    std::vector<CursorItem> cursorItems() const;
    void moveCursor(int to);

    SnapshotPtr m_snapshot;
    EdgeQuantity m_quantity = EdgeQuantity::Weight;
    std::vector<std::vector<Unit>> m_units; // per column
    std::vector<Edge> m_edges;
    std::vector<bool> m_wide; // per column: drawn as a block
    QRectF m_imagePanel;      // image data: first-layer weights as images
    std::vector<QRectF> m_imageTiles;
    double m_maxMagnitude = 1;
    QSize m_laidOutFor;
    int m_highlight = -1;
    int m_cursor = -1;
    QStringList m_outputLabels;
    std::vector<QRectF> m_outputLabelRects;
    std::vector<std::pair<QRectF, QString>> m_headers; // per column
    QStringList m_headerTitles;                        // per column, not cut
    QRectF m_legendRect;
    QString m_legendText;
    bool m_legendComplete = true;
};

} // namespace gs::ui
