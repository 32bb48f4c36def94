// The timeline: one slider through the whole run, under the views.
//
// Its range is the recording (engine/train/Recorder.h); dragging it, or ←/→ (one step) and
// Shift+←/→ (one epoch) while it has the focus, asks for that step, and the window sends every
// view there (TrainingWorker::seek). "Latest" goes back to the run's last step. While training
// runs the slider follows the newest step.
#pragma once

#include "core/Tensor.h"

#include <QWidget>

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
    long step() const;
    bool dragging() const;
    QSlider* slider() const { return m_slider; }

signals:
    void seekRequested(long step);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void request(long step);

    QLabel* m_title;
    QSlider* m_slider;
    QLabel* m_label;
    QToolButton* m_latest;
    long m_last = 0;
    long m_step = 0;
    int m_epoch = 0;
    bool m_inPast = false;
};

} // namespace gs::ui
