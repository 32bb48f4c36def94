// The optimizer race: SGD, momentum, Nesterov, Adagrad, RMSprop and Adam started from one
// point on a classic 2-D test function and animated side by side. Every racer is the engine's
// Optimizer (gs::Race), the same code that trains the networks. Click the plot to start from
// another point; change the function or the learning rate and the race starts again.
#pragma once

#include "optim/Race.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;
QT_END_NAMESPACE

namespace gs::ui {

class ContourCanvas;

class RaceView : public QWidget {
    Q_OBJECT
public:
    explicit RaceView(QWidget* parent = nullptr);
    ~RaceView() override;

    void setFunction(RaceFunction function); // restarts from its classic start
    void setLearningRate(double learningRate);
    void setStart(double x, double y);
    void restart();
    void play();
    void pause();
    bool isPlaying() const;
    // Advances every racer by `steps` optimizer steps and redraws.
    void advance(int steps);

    const Race& race() const { return *m_race; }
    ContourCanvas* canvas() const { return m_canvas; }

protected:
    // Hidden (another tab in front, the dock closed): the race pauses, so that it takes no
    // processor time from training while nobody watches it.
    void hideEvent(QHideEvent* event) override;
    // A language change: every control's text again, and the plot and the status line drawn
    // again from the race as it is.
    void changeEvent(QEvent* event) override;

private:
    void retranslate(); // the controls' texts and tooltips
    void drawField();
    void drawPaths();

    std::unique_ptr<Race> m_race;
    RaceFunction m_function = RaceFunction::Rosenbrock;
    double m_startX = 0, m_startY = 0;
    ContourCanvas* m_canvas;
    QComboBox* m_functions;
    QDoubleSpinBox* m_learningRate;
    QSpinBox* m_speed;
    QPushButton* m_play;
    QPushButton* m_restartButton;
    QPushButton* m_stepButton;
    QLabel* m_functionLabel;
    QLabel* m_rateLabel;
    QLabel* m_status;
    QTimer* m_timer;
};

} // namespace gs::ui
