// Lessons: a path through the views, one step at a time (engine/lesson, docs/lessons.md).
//
// The panel lists the lessons (the built-in ones and any opened from a file), shows the current
// step's text with the numbers the engine computed for it (a LessonRun, made on a pool thread
// so that a long setup does not stall the window), and asks the step's exercise before it
// reveals the answer: predict, then see. Back and Next (PageUp and PageDown) walk the steps; a
// step that goes on by doing something (a training step) says what to do and moves on when the
// window reports it. The window opens each step's setup and views when the panel asks
// (setupRequested), so that every view shows the numbers the text quotes.
//
// Every answer is kept, with whether it was right, for the summary at the end of a lesson and
// its CSV export (for a teacher).
#pragma once

#include "lesson/LessonNumbers.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QHBoxLayout;
class QScrollArea;
class QWidget;
QT_END_NAMESPACE

namespace gs::ui {

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);
    ~LessonPanel() override;

    // Where MNIST lives, for the lessons that train on it.
    void setDataDir(const QString& dir) { m_dataDir = dir.toStdString(); }

    // The lessons offered: the built-in ones, then those opened from files.
    const std::vector<Lesson>& lessons() const { return m_lessons; }
    // Starts lesson `index` (of lessons()) at its first step; −1: none (the list shows).
    void start(int index);
    // A lesson file: read, added to the list and started. A file that is no lesson leaves
    // everything as it was and returns the reason (translated); empty on success.
    QString openFile(const QString& path);
    const Lesson* lesson() const;
    int step() const { return m_step; }
    void goTo(int step);
    void next();
    void back();
    // Page Down: the next step where it may be shown; before it, the exercise's answer, then
    // the training step the step asks for (a presenter's clicker has one button).
    void forward();
    bool canGoNext() const;
    bool canGoBack() const { return lesson() && m_step > 0; }

    // A teacher's lesson, written in the app: each recorded step (the window's setup, views and
    // focus, with the text the teacher typed) is appended to the draft, which is listed and can
    // be played at once; saveRequested() asks the window to write it (lessonToJson).
    void addRecordedStep(const LessonStep& step, const LessonText& lessonTitle);
    const Lesson* draft() const;
    void discardDraft();
    // The draft's step shown, taken out (the teacher's "Remove this step"); the last one taken
    // out discards the draft.
    void removeDraftStep();
    // The teacher's buttons (Record, Save): hidden in presenter mode, where the class watches.
    void setTeacherControlsShown(bool shown);

    // What the window reports, for the steps that go on by doing: a training step reached
    // `step` (the session's step count).
    void trainingStepped(long step);
    // A training step asked for failed or was cancelled: it may be asked again.
    void trainingStopped() { m_stepAsked = false; }

    // The step's numbers have been computed (the text and the exercise can be shown).
    bool ready() const { return m_run != nullptr; }
    const LessonRun* run() const { return m_run.get(); }
    QString text() const;     // the step's text as shown, numbers filled in
    QString question() const; // the exercise's question, or ""
    QString feedback() const; // what was said after the answer, or ""
    QString problem() const;  // why the step's numbers could not be computed, or ""

    // The exercise, as its buttons answer it: "+", "-", "up", "down", a choice's index, a
    // number. The first answer counts; reveal() gives up and shows the answer.
    void answer(const QString& given);
    void reveal();
    bool answered() const { return m_answered; }
    bool finished() const { return m_finished; } // the summary shows, after the last step
    // The step's exercise waits for its answer (the step-through keeps its own Predict box
    // out of the way meanwhile).
    bool exerciseWaiting() const;
    // The step's exercise waits for its answer: the window takes no training step until then
    // (a step would move the session off the numbers asked about, or show the answer).
    bool holdsTraining() const;

    struct Answer {
        QString lesson;
        int step = 0; // from 1
        QString question;
        QString given; // "" when revealed without an answer
        QString right;
        bool correct = false;
        QDateTime when;
    };
    const QList<Answer>& answers() const { return m_answers; }
    // The answers as a session keeps them (TrainingSession::save), and those of a session
    // opened, which replace the panel's.
    std::vector<LessonAnswer> sessionAnswers() const;
    void setSessionAnswers(const std::vector<LessonAnswer>& answers);
    // The answers as CSV: lesson, step, question, answer, right answer, correct, time.
    QString answersCsv() const;
    // "You answered 3 of 4 exercises right." for the current lesson.
    QString summary() const;

signals:
    // The window opens the step's setup, brings its views forward and follows its focus.
    void setupRequested(const gs::LessonStep& step);
    // A step's numbers were computed (or failed: problem()) and are on screen.
    void stepShown(int step);
    // The step asks for a training step: the window takes one, written down.
    void trainingStepRequested();
    // The teacher's CSV export of the answers.
    void exportAnswersRequested();
    // The exercise of the step shown has been answered or revealed.
    void exerciseAnswered();
    // A teacher asks to record the window's present state as a step, or to save the draft.
    void recordRequested();
    void saveRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void showStep(); // the step's frame (title, buttons), and its run requested
    void computed(int generation, std::shared_ptr<LessonRun> run, QString problem);
    void render();                     // texts from the run, in the current language
    void buildExercise();              // the answer buttons of the step's exercise
    void record(const QString& given); // the answer ("" when revealed)
    void updateButtons();
    void finish(); // the summary, after the last step
    QString language() const;

    std::vector<Lesson> m_lessons;
    int m_index = -1;
    int m_step = 0;
    std::string m_dataDir;
    std::shared_ptr<LessonRun> m_run;
    QString m_problem;
    int m_generation = 0;                        // runs computed for an earlier step are dropped
    std::shared_ptr<std::atomic<bool>> m_cancel; // the run being computed stops when set
    bool m_answered = false;
    std::optional<Answer> m_current; // the answer to this step's exercise
    bool m_finished = false;         // the summary shows
    bool m_stepAsked = false;        // a training step asked for has not arrived yet
    QList<Answer> m_answers;

    QScrollArea* m_scroll = nullptr;
    QComboBox* m_list = nullptr;
    QLabel* m_position = nullptr;
    QLabel* m_text = nullptr;
    QWidget* m_exercise = nullptr;
    QLabel* m_question = nullptr;
    QHBoxLayout* m_choices = nullptr;
    QLineEdit* m_number = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_reveal = nullptr;
    QLabel* m_feedback = nullptr;
    QLabel* m_todo = nullptr; // what to do to go on
    QPushButton* m_doStep = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_record = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_remove = nullptr;
    bool m_teacherControls = true;
    int m_draft = -1; // the teacher's lesson in m_lessons, or −1
};

} // namespace gs::ui
