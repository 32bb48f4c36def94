// The timeline: one slider through the whole run, under the views.
//
// Its range is the recording (engine/train/Recorder.h); dragging it, or ←/→ (one step) and
// Shift+←/→ (one epoch) while it has the focus, asks for that step, and the window sends every
// view there (TrainingWorker::seek). "Latest" goes back to the run's last step. While training
// runs the slider follows the newest step.
#pragma once

#include "core/Tensor.h"
#include "train/Detectors.h"

#include <memory>

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace gs::ui {

class Timeline : public QWidget {
    Q_OBJECT
public:
    explicit Timeline(QWidget* parent = nullptr);

    // What a snapshot says: the recorded steps, the one shown, and whether it is the last.
    void showStep(long first, long last, long step, int epoch, Index batchesPerEpoch, bool inPast);
    // How much memory the recording takes, of its budget, and how often it keeps a state.
    void showMemory(std::size_t bytes, std::size_t budget, long interval);
    // The budgets offered, in bytes; setBudget picks the nearest.
    static QList<qint64> budgets();
    void setBudget(qint64 bytes);
    qint64 budget() const;
    long step() const;
    bool dragging() const;
    QSlider* slider() const { return m_slider; }

    // Marks under the slider: what the detectors found, and where training stopped. A click on
    // one goes to its step; hovering shows its text.
    struct Mark {
        long step = 0;
        QString text;
        bool stop = false;                      // training stopped there (drawn red)
        std::shared_ptr<const Finding> finding; // the detector's finding, if it is one
    };
    void setMarks(QList<Mark> marks);
    const QList<Mark>& marks() const { return m_marks; }
    // Where a step's mark is drawn, in this widget's coordinates (tests, the strip).
    int markX(long step) const;

signals:
    void seekRequested(long step);
    void budgetChosen(qint64 bytes);
    void branchRequested();
    void markChosen(const gs::ui::Timeline::Mark& mark); // clicked

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void request(long step);
    QRect handleRect() const; // the slider's handle, in the slider's coordinates

    QLabel* m_title;
    QSlider* m_slider;
    QLabel* m_label;
    QToolButton* m_latest;
    QToolButton* m_branch;
    QComboBox* m_budget;
    QLabel* m_memory;
    std::size_t m_bytes = 0;
    long m_interval = 1;
    QWidget* m_strip; // the marks, under the slider
    QList<Mark> m_marks;
    long m_last = 0;
    long m_step = 0;
    int m_epoch = 0;
    bool m_inPast = false;
};

} // namespace gs::ui
