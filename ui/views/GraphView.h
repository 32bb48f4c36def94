// The computation graph of one forward pass, op by op, as the engine recorded it (define-by-run:
// a new graph on every pass, as in PyTorch). Laid out left to right: inputs and parameters as
// leaves, the loss at the end. Each node shows its op, name and shape; hovering shows its value
// and gradient. Each edge is coloured and sized by the norm of the gradient that flowed back
// along it in the backward pass.
//
// A layer's ops (its parameters and the op that uses them) can be collapsed into one box; a
// click expands or collapses it. Big graphs (the CNN) start collapsed.
//
// The view is a canvas for a scroll area: a big graph asks for the room its boxes need to stay
// readable (its minimum size) and scrolls; the empty view asks for little.
//
// While the step-through walks a step, the view follows it: nodes not yet computed are faded,
// the current node is outlined with its edges, and in the backward pass only the edges already
// processed carry their gradient colours.
#pragma once

#include "Snapshot.h"

#include <QPainterPath>
#include <QWidget>

#include <map>
#include <set>

namespace gs::ui {

// Where a walk through a traced step is: the phase and the node it is at.
struct TraceCursor {
    enum Phase { Forward, Loss, Backward, Update } phase = Forward;
    int forwardDone = 0;  // forward records computed (the current one included)
    int backwardDone = 0; // backward records processed (the current one included)
    int node = -1;        // the node in focus, −1 for none
};

class GraphView : public QWidget {
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);

    static constexpr int kCollapseAbove = 14; // nodes; more start with layers collapsed

    // The graph of a traced step; null or inconsistent: the view is cleared and says why.
    void setTrace(StepTracePtr trace);
    StepTracePtr trace() const { return m_trace; }
    // Forgets the graph (a new session, a reset, another preset): only a short note on how to
    // get one is drawn, with `why` if given.
    void clear(const QString& why = {});
    // The step the model has reached, and whether the timeline went back to it; the caption
    // says when the graph drawn is older, or newer than the step the timeline shows.
    void setModelStep(long step, bool inPast);
    void setCursor(const TraceCursor& cursor);
    void clearCursor();
    bool hasCursor() const { return m_hasCursor; }

    // Layer groups ("0", "2", …: the Sequential's layer indices).
    QStringList groups() const;
    bool isCollapsed(const QString& group) const { return !m_expanded.count(group); }
    void setCollapsed(const QString& group, bool collapsed);
    void setAllCollapsed(bool collapsed);

    // What is drawn: one box per node or collapsed group.
    int boxCount() const { return int(m_boxes.size()); }
    QRectF boxRect(int box) const;
    QString boxLabel(int box) const;
    int boxAt(const QPointF& pos) const;
    int boxOfNode(int node) const;
    // The gradient norm drawn on the edge between two boxes (−1 if none is drawn).
    double edgeGradient(int fromBox, int toBox) const;
    QString describeAt(const QPointF& pos) const;
    // The keyboard's cursor (KeyboardCursor.h): the box it is on (−1 for none), in the order
    // the boxes are read (column by column, top to bottom). Enter does what a click does.
    int keyboardBox() const { return m_keyBox; }
    QString caption() const;
    // The caption is drawn inside the view only for exports; on screen a label shows it.
    void setCaptionDrawn(bool drawn);
    // The frame drawn around an expanded layer's ops (its title strip collapses it on click).
    QRectF groupFrame(const QString& group) const;

    QSize sizeHint() const override { return {760, 420}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

signals:
    void captionChanged(const QString& caption);
    // The step-through's current node moved here (a scrolling parent keeps it in sight).
    void focusMoved(const QRectF& box);
    // Clicked a parameter: check its largest-gradient entry against finite differences.
    void checkRequested(const QString& parameter, qint64 index);
    // Clicked an op of the network: check its output's largest-gradient entry (layer: the
    // Sequential's index).
    void checkNodeRequested(int layer);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    // A language change: the caption again (captionChanged), and a repaint in the new language.
    void changeEvent(QEvent* event) override;

private:
    struct Box {
        std::vector<int> nodes; // members, ascending ids
        QString group;          // non-empty for a collapsed layer
        int column = 0, row = 0;
        QRectF rect;
        int last = -1; // the member whose output leaves the box
    };
    struct Link {
        int from = -1, to = -1;                 // boxes
        std::vector<std::pair<int, int>> edges; // (input node, consumer node)
    };
    // The path a link is drawn along (and hovered on): a curve, or an arc over the boxes it
    // would pass behind.
    QPainterPath linkPath(const Link& l) const;
    void rebuild();
    void place();
    QString groupOf(int node) const;
    QString groupOps(int box) const; // the op names of a collapsed layer, "matmul, add, relu"
    QString clearedWhy() const;      // why the view is empty, in the current language
    const StepRecord* backwardOf(int node) const;
    // Gradient norm sent from consumer to input in the backward records counted so far
    // (−1 if not yet, or never).
    double linkGradient(const Link& link) const;
    QString nodeText(int node) const;
    bool computed(int node) const;
    bool inFocus(const Link& link) const;

    StepTracePtr m_trace;
    QString m_clearedWhy;             // why the view is empty (a reset), as the caller said it
    gs::Message m_problem;            // what was wrong with a rejected trace (the engine's words)
    long m_modelStep = -1;            // −1: unknown
    bool m_inPast = false;            // the timeline shows m_modelStep, before the run's last
    std::vector<QString> m_nodeGroup; // by node id: the layer index as text, "" for none
    std::set<QString> m_expanded;
    std::set<QString> m_knownGroups;
    std::vector<Box> m_boxes;
    int m_keyBox = -1;
    std::vector<int> readingOrder() const; // the boxes, column by column
    void moveKeyboardBox(int box);
    void activateBox(int box); // a click on it
    std::vector<int> m_boxOfNode;
    std::vector<Link> m_links;
    std::map<std::pair<int, int>, double> m_edgeNorm; // (input, consumer) → ‖gradient‖
    std::map<std::pair<int, int>, int> m_edgeRecord;  // … → backward record index
    std::vector<int> m_recordOfNode;                  // node → backward record, −1
    double m_maxNorm = 0;
    int m_columns = 0, m_rows = 0;
    TraceCursor m_cursor;
    bool m_hasCursor = false;
    bool m_captionDrawn = false;
};

} // namespace gs::ui
