// The optimizer toolbar: the update rule, the learning rate η with the rate in effect beside it
// (after the schedule), the schedule and its settings, momentum, weight decay and the L1/L2
// rates. Every change is sent at once and applies without a reset.
#pragma once

#include "optim/Optimizer.h"
#include "train/Loss.h"

#include <QList>
#include <QToolBar>

#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QToolButton;
QT_END_NAMESPACE

namespace gs::ui {

class OptimizerToolbar : public QToolBar {
    Q_OBJECT
public:
    explicit OptimizerToolbar(QWidget* parent = nullptr);

    // Shows a preset's or an opened session's settings (emits nothing).
    void setSettings(const OptimizerConfig& optimizer, const Schedule& schedule,
                     const Regularization& regularization);
    // The settings as shown; the preset's fields the toolbar has no box for (betas, eps, …)
    // are kept.
    OptimizerConfig optimizer() const;
    Schedule schedule() const;
    Regularization regularization() const;
    // The learning rate the optimizer uses now (the schedule's value for this epoch).
    void showRateInEffect(double learningRate);
    QString rateInEffectText() const;

    void setLearningRate(double learningRate);
    QDoubleSpinBox* learningRateBox() const { return m_learningRate; }
    QComboBox* scheduleBox() const { return m_schedule; }
    QComboBox* optimizerBox() const { return m_optimizer; }

signals:
    void optimizerChanged(const gs::OptimizerConfig& config);
    void scheduleChanged(const gs::Schedule& schedule);
    void regularizationChanged(double l1, double l2);
    // A setting is out of range (the message names it).
    void invalid(const QString& message);

protected:
    // A new language: every text again, and the rate in effect.
    void changeEvent(QEvent* event) override;

private:
    // A label and its text, marked with QT_TR_NOOP; `spaced` ones (in the toolbar) start with
    // a space.
    struct LabelText {
        QLabel* label;
        const char* text;
        bool spaced;
    };

    void retranslate(); // the fixed texts
    void sendOptimizer();
    void showScheduleSettings();

    OptimizerConfig m_preset;
    Schedule m_presetSchedule;
    QComboBox* m_optimizer;
    QDoubleSpinBox* m_learningRate;
    QLabel* m_inEffect;
    QComboBox* m_schedule;
    QToolButton* m_more;
    QSpinBox* m_stepSize;
    QDoubleSpinBox* m_gamma;
    QSpinBox* m_maxEpochs;
    QDoubleSpinBox* m_minRate;
    QDoubleSpinBox* m_momentum;
    QDoubleSpinBox* m_weightDecay;
    QDoubleSpinBox* m_l1;
    QDoubleSpinBox* m_l2;
    QList<LabelText> m_labels;
    std::optional<double> m_rateInEffect; // last shown by showRateInEffect()
};

} // namespace gs::ui
