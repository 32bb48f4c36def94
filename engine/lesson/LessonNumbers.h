// The numbers of a lesson step, computed by the engine from the step's own run.
//
// A lesson's texts name numbers as placeholders, "{KEY}", where KEY is
//
//   [next.]KIND[/SUB][:TARGET]
//
// A step's setup takes N training steps. "This step" is step N, the one the step-through and
// the graph show after them; "next." reads step N + 1 instead, the step the student is about
// to take (what an exercise asks them to predict). TARGET is a parameter or a graph node, with
// an entry "[i,j]" where it is a tensor ("0.weight[1,0]", "1.relu[0,2]").
//
//   step                 the step's number
//   loss, lr             the step's loss and learning rate
//   weight:P[…]          the parameter's entry before the step's update; after:P[…] after it
//   grad:P[…]            its gradient dL/dP; update:P[…] the change the optimizer made
//   state/NAME:P[…]      an optimizer buffer after the step (PyTorch's names: exp_avg, …)
//   norm:P               the norm ‖dL/dP‖ of the whole gradient
//   value:NODE[…]        a graph node's value in the forward pass
//   upstream:NODE[…]     dL/dNODE, the gradient that arrived at the node
//   local:NODE[…]        the node's local derivative d NODE / d input (elementwise ops)
//   order:NODE           where backward processed the node: 1 for the first (the loss)
//   contrib/K:NODE[…]    the gradient the node's K-th consumer sent it (from 0): a value used
//                        twice gets two, and upstream is their sum
//
// And checks of the step shown, at its weights before its update and on its batch (at step 0,
// of the first step to come), as the step-through's gradient check makes them:
//
//   fd[/EPS]:P[…]        a central difference (L(w + ε) − L(w − ε)) / 2ε (ε = 0.01)
//   autodiff[/EPS]:P[…]  the same entry's gradient by backpropagation, from the same check
//   accum[/K]:P[…]       the gradient after K backward passes (2 by default) without zero_grad
//   jvp:P[…]             the same gradient entry by forward mode (core/ForwardMode.h)
//   early/NODE:P[…]      the gradient from a backward pass that processes NODE too early, as
//                        soon as its first consumer has sent it a gradient
//
// And, at the weights shown (after N steps):
//
//   accuracy             the accuracy on the test set in percent (the training set's where
//                        there is none)
//   parameters           how many numbers the network learns
//
// An exercise's answer is an expression of placeholders and numbers with + − × ÷, parentheses
// and abs(…): "{upstream:output[0,0]} * {local:1.relu[0,1]}". A text shows one as "{=EXPR}":
// "{={norm:0.weight} / {norm:18.weight}}".
#pragma once

#include "Lesson.h"
#include "train/Experiment.h"
#include "train/StepTrace.h"

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gs {

// The placeholders in `text`, each checked for form (not yet for existence); throws
// LessonError naming `what` for one that is not well formed or a '{' without its '}'.
std::vector<std::string> placeholdersIn(const std::string& text, const std::string& what);
// The same for an expression, which must also be well formed as one.
std::vector<std::string> expressionPlaceholders(const std::string& expression,
                                                const std::string& what);
// The experiment a setup opens: its preset with the changes applied. Throws LessonError.
Experiment lessonExperiment(const LessonSetup& setup);
// A number as lessons write it: whole numbers in full, others to 4 significant digits.
std::string formatLessonNumber(double value);

class TrainingSession;

// One lesson step's run: its setup opened headless, its steps taken, and every number its texts
// and exercise name computed. The app fills in the texts from one of these, the lesson check
// runs one per step: both read the same numbers.
class LessonRun {
public:
    // Throws LessonError naming the placeholder that cannot be computed (a parameter or node
    // the network lacks, an entry outside it, "loss" at step 0), and the engine's error where
    // the setup does not load (MNIST not installed: DataError).
    // `cancelled`, when given, is read between training steps: set, the run stops with
    // Cancelled (a student who has gone on to another step).
    LessonRun(const LessonStep& step, const std::string& dataDir,
              const std::atomic<bool>* cancelled = nullptr);
    ~LessonRun();
    LessonRun(const LessonRun&) = delete;
    LessonRun& operator=(const LessonRun&) = delete;

    double value(const std::string& key) const;
    double evaluate(const std::string& expression) const;
    // `text` with every placeholder replaced by its number (formatLessonNumber, with "−" for
    // the minus sign, in parentheses after an operator: "0.01 × (−0.49)").
    std::string render(const std::string& text) const;
    // Step N's trace (null at step 0), as the step-through shows it.
    const StepTrace* trace() const { return m_trace ? &*m_trace : nullptr; }
    long steps() const { return m_steps; }

private:
    double compute(const std::string& key);
    std::unique_ptr<TrainingSession> m_session;
    std::optional<StepTrace> m_trace, m_next;
    long m_steps = 0;
    std::map<std::string, double> m_values;
};

// Predict, then reveal: the right answer as the student gives it ("+", "down", "2" for the
// third choice, a number), computed from the run.
std::string exerciseAnswer(const Exercise& exercise, const LessonRun& run);
// An answer that is wrong (what the lesson check tries).
std::string wrongExerciseAnswer(const Exercise& exercise, const LessonRun& run);
// Whether `answer` is right. A typed number is read as the CSV reader reads numbers
// (a decimal point, "−" as a minus); text that is no answer at all is wrong.
bool exerciseAccepts(const Exercise& exercise, const LessonRun& run, const std::string& answer);

// What is wrong with a lesson, step by step (gradscope-cli lessons --check): a setup that does
// not load, a number that cannot be computed, a text missing in a language or naming other
// numbers in it, an exercise whose right answer is refused or a wrong one accepted, a choice
// that ties, an "advance": "step" whose next step is not the step after it.
struct LessonProblem {
    int step = -1; // −1: the lesson as a whole
    Message message;
    // A 简体中文 text missing where the English one is there: students using the app in
    // Chinese see the English. A problem for the built-in lessons, a note for a teacher's.
    bool translation = false;
};
std::vector<LessonProblem> checkLesson(const Lesson& lesson, const std::string& dataDir);

} // namespace gs
