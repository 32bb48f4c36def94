// The step-through panel: one training step, node by node. "Trace a step" takes an ordinary
// training step in the worker and writes it down (Trainer::step with a StepTrace); the panel
// then walks it: the phase bar (Forward → Loss → Backward → Update) lights the current phase,
// and for the current node it shows what was computed with its numbers: a forward node's
// value; for a backward node the chain-rule formula of every edge with the upstream gradient,
// the local derivative and the result, and the contributions summed where a value fans out;
// for each parameter the optimizer's rule with the values before, the gradient, the state and
// the values after.
#pragma once

#include "GraphView.h"
#include "Snapshot.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTextBrowser;
QT_END_NAMESPACE

namespace gs::ui {

enum class TracePhase { Forward, Loss, Backward, Update };

class StepThroughPanel : public QWidget {
    Q_OBJECT
public:
    explicit StepThroughPanel(QWidget* parent = nullptr);

    void setTrace(StepTracePtr trace);
    // Shows a gradient check (worst entries) in place of the step.
    void setGradientCheck(GradientCheckPtr check);
    StepTracePtr trace() const { return m_trace; }
    GradientCheckPtr gradientCheck() const { return m_check; }

    // Navigation (the buttons call these).
    void next();
    void previous();
    void endOfPhase();
    void restart();

    int position() const { return m_position; }
    int count() const;
    TracePhase phase() const;
    QString detailsHtml() const; // what the panel shows for the current position
    // Where the walk is, for the graph and network views to follow.
    TraceCursor cursor() const;
    // The sequential layer (its index) of the current node, −1 for none (loss, input).
    int currentLayer() const;
    // What "Trace a step" traces: the next mini-batch, or one training sample.
    void setOneSample(bool oneSample, int sample = 0);
    bool oneSample() const;
    int sample() const;

signals:
    // oneSample: a step on that training sample alone, taken by a copy (nothing trains).
    void traceRequested(bool oneSample, int sample);
    void checkRequested();
    void cursorChanged();

private:
    struct Item {
        TracePhase phase;
        int index; // into the trace's forward, backward or updates (−1 for the loss)
    };
    void show();

    StepTracePtr m_trace;
    GradientCheckPtr m_check; // shown until the next trace
    std::vector<Item> m_items;
    int m_position = 0;
    QLabel* m_phases[4];
    QLabel* m_where;
    QTextBrowser* m_details;
    QPushButton *m_previous, *m_next, *m_end, *m_restart;
    QComboBox* m_scope;
    QSpinBox* m_sample;
};

} // namespace gs::ui
