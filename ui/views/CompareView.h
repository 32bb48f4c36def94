// The compare view: this run beside the run a branch left (TrainingSession::showEarlier), at
// the same step of the timeline. For 2-D data the two decision surfaces side by side; for every
// network the difference of their weights drawn on the network's edges (this run's minus the
// earlier run's). The charts draw the earlier run's curves beside this run's
// (ChartsPanel::setEarlier). Before there is a branch it says how to make one.
//
// The window tells the worker when the view is shown (TrainingWorker::setCompareLive): only
// then do snapshots carry the earlier run, which costs a replay of it.
#pragma once

#include "Snapshot.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QStackedLayout;
QT_END_NAMESPACE

namespace gs::ui {

class NetworkView;
class OutputView;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    void showSnapshot(const SnapshotPtr& snapshot);
    // Showing the two runs (rather than the text that says how to branch).
    bool comparing() const;
    QString heading() const; // the line over the two runs
    OutputView* earlierSurface() const { return m_earlierSurface; }
    OutputView* thisSurface() const { return m_thisSurface; }
    NetworkView* difference() const { return m_difference; }
    QSize sizeHint() const override { return {900, 300}; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    SnapshotPtr m_snapshot;
    QStackedLayout* m_pages;
    QLabel* m_howTo;
    QLabel* m_heading;
    QLabel* m_earlierTitle;
    QLabel* m_thisTitle;
    QLabel* m_caption;   // what the surfaces' colours are, once under both
    QWidget* m_surfaces; // the two surfaces with their titles (2-D data only)
    OutputView* m_earlierSurface;
    OutputView* m_thisSurface;
    NetworkView* m_difference;
};

} // namespace gs::ui
