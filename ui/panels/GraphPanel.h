// The computation-graph panel: the graph view in a scroll area that follows the step-through's
// node, its caption above it, and buttons to collapse or expand the layers and to export.
#pragma once

#include <QWidget>

namespace gs::ui {

class GraphView;

class GraphPanel : public QWidget {
    Q_OBJECT
public:
    explicit GraphPanel(QWidget* parent = nullptr);
    GraphView* view() const { return m_graph; }
    // Writes the graph with its caption drawn in (PNG, SVG or PDF by suffix).
    void exportTo(const QString& path, const QString& title) const;

signals:
    void exportRequested();

private:
    GraphView* m_graph;
};

} // namespace gs::ui
