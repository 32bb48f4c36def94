// The step-through panel: one training step, node by node. "Trace a step" takes an ordinary
// training step in the worker and writes it down (Trainer::step with a StepTrace); the panel
// then walks it: the phase bar (Forward → Loss → Backward → Update) lights the current phase,
// and for the current node it shows what was computed with its numbers: a forward node's
// value; for a backward node the chain-rule formula of every edge with the upstream gradient,
// the local derivative and the result, and the contributions summed where a value fans out;
// for each parameter the optimizer's rule with the values before, the gradient, the state and
// the values after.
//
// Big tensors are summarised (min, mean, max); "Follow one entry" picks a single weight, bias
// or unit of any network and shows its own numbers exactly at every node (StepThroughEntry.h).
// A gradient check lands in its own tab, so walking the step never shows a stale check. The
// panel says what it shows: a real step or a copy, whose gradient, and how far the model has
// trained since. It scrolls rather than asking a small screen for room.
#pragma once

#include "GraphView.h"
#include "Snapshot.h"
#include "StepThroughEntry.h"

#include <QWidget>

#include <array>

QT_BEGIN_NAMESPACE
class QLineEdit;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTextBrowser;
QT_END_NAMESPACE

namespace gs::ui {

class StepThroughPanel : public QWidget {
    Q_OBJECT
public:
    explicit StepThroughPanel(QWidget* parent = nullptr);

    // A trace to walk (from the start); null or inconsistent: the panel is cleared and says why.
    void setTrace(StepTracePtr trace);
    // Shows a gradient check in its own tab, which stays reachable while the step is walked.
    void setGradientCheck(GradientCheckPtr check);
    // Forgets the trace and the check (a new session, a reset, another preset): only a short
    // note on what to press is left, with `why` if given. The entry followed is kept.
    void clear(const QString& why = {});
    StepTracePtr trace() const { return m_trace; }
    GradientCheckPtr gradientCheck() const { return m_check; }
    // The step the model has reached (from the latest snapshot), and whether the timeline went
    // back to it; the panel says when the trace is older, because the network view then shows a
    // newer gradient, and when the timeline shows a step before the trace's.
    void setModelStep(long step, bool inPast);

    // Navigation (the buttons call these). Each shows the step, not the check.
    void next();
    void previous();
    void endOfPhase();
    void restart();

    int position() const { return m_position; }
    int count() const;
    TracePhase phase() const;
    // What the panel shows now: the step's details, or the check when its tab is open.
    QString detailsHtml() const;
    QString traceHtml() const; // the step at the current position, the entry followed first
    QString checkHtml() const; // the gradient check
    QString entryHtml() const; // the entry followed at the current position ("" for none)
    QString aboutText() const; // what the trace is: a real step or a copy, whose gradient
    bool showingCheck() const; // the check's tab is open
    void showCheck();          // opens the check's tab
    // Where the walk is, for the graph and network views to follow.
    TraceCursor cursor() const;
    // The sequential layer (its index) of the current node, −1 for none (loss, input).
    int currentLayer() const;
    // What "Trace a step" traces: the next mini-batch, or one training sample.
    void setOneSample(bool oneSample, int sample = 0);
    bool oneSample() const;
    int sample() const;

    // Follow one entry (the network view may call this when an edge or a unit is clicked).
    // Returns false, with a message in the panel, when it does not fit the current trace.
    bool setFocusEntry(const FocusEntry& entry);
    FocusEntry focusEntry() const { return m_focus; }

    // Predict, then see (outside lessons): with a weight or bias followed, the student types
    // its gradient dL/dw before walking the step; the answer is checked against the trace's,
    // and a wrong one gets the likely slip named (the sign, a factor of the batch size or of
    // 2). False (and nothing said) where no parameter entry is followed or the text is no
    // number.
    bool predict(const QString& typed);
    QString predictionText() const; // what was said, or ""
    // Off while a lesson's own exercise waits for its answer (one question at a time).
    void setPredictionOffered(bool offered);

signals:
    // oneSample: a step on that training sample alone, taken by a copy (nothing trains).
    void traceRequested(bool oneSample, int sample);
    void checkRequested();
    void cursorChanged();
    void focusEntryChanged();

protected:
    // A language change: every text again, in the new language (the step and the check shown
    // are rendered again from the data already there).
    void changeEvent(QEvent* event) override;

private:
    struct Item {
        TracePhase phase;
        int index; // into the trace's forward, backward or updates (−1 for the loss)
    };
    void refresh(); // render(), then tell the views that follow the walk
    void render();  // every text that depends on the trace, the check and the position
    void retranslate();
    void forget(); // clear() without rendering
    void fillEntryChoices();
    void syncEntryWidgets();
    void entryWidgetsChanged();

    StepTracePtr m_trace;
    GradientCheckPtr m_check;
    QString m_clearedWhy;  // why the panel is empty (a reset), as the caller said it
    gs::Message m_problem; // what was wrong with a rejected trace (the engine's words)
    long m_modelStep = -1; // −1: unknown
    bool m_inPast = false; // the timeline shows m_modelStep, before the run's last
    std::vector<Item> m_items;
    int m_position = 0;
    FocusEntry m_focus;
    bool m_syncing = false;
    QPushButton* m_traceButton;
    QPushButton* m_checkButton;
    QLabel* m_followLabel;
    QLabel* m_predictLabel;
    QLineEdit* m_predictEdit;
    QPushButton* m_predictCheck;
    QLabel* m_predictResult;
    std::string m_predictedFor; // the entry and step the result is about
    bool m_predictionOffered = true;
    void updatePrediction(); // shown for a parameter entry; cleared for another one
    QLabel* m_phases[4];
    QLabel* m_where;
    QLabel* m_about;
    QTabWidget* m_tabs;
    QTextBrowser* m_details;
    QTextBrowser* m_checkView;
    QPushButton *m_previous, *m_next, *m_end, *m_restart;
    QComboBox* m_scope;
    QSpinBox* m_sample;
    QComboBox* m_entryTensor;
    std::array<QSpinBox*, 4> m_entryIndex;
};

} // namespace gs::ui
