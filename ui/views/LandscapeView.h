// The loss landscape: the loss on a 2-D slice of weight space through the current weights, as
// contours, with the optimizer's path on it. "Compute" asks the worker for a new slice (random
// filter-normalised directions, or the top two principal directions of the path so far); while
// training runs, each snapshot adds where the weights now are on that plane.
#pragma once

#include "Snapshot.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace gs::ui {

class ContourCanvas;

class LandscapeView : public QWidget {
    Q_OBJECT
public:
    explicit LandscapeView(QWidget* parent = nullptr);

    void setLandscape(LandscapePtr landscape);
    void showSnapshot(const SnapshotPtr& snapshot);
    // Forgets the landscape (a new network was loaded).
    void clear();
    LandscapePtr landscape() const { return m_landscape; }
    int pathLength() const { return int(m_path.size()); }
    ContourCanvas* canvas() const { return m_canvas; }
    // Asks for a landscape with the panel's settings (the Compute button).
    void requestCompute();
    void setPrincipal(bool principal);
    bool principal() const; // what the directions box says

signals:
    void computeRequested(bool principal, int resolution, double span);

protected:
    // A language change: every text again, the plot's and the status line's from the
    // landscape and the path already shown.
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showField();
    void showStatus();
    void drawPath();

    LandscapePtr m_landscape;
    std::vector<std::array<double, 2>> m_path;
    ContourCanvas* m_canvas;
    QComboBox* m_directions;
    QSpinBox* m_resolution;
    QDoubleSpinBox* m_span;
    QPushButton* m_compute;
    QLabel* m_gridLabel;
    QLabel* m_spanLabel;
    QLabel* m_status;
    int m_measuring = 0; // the grid's points per side while one is measured, else 0
};

} // namespace gs::ui
