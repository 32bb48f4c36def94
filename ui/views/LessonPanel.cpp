#include "LessonPanel.h"

#include "Language.h"
#include "io/Files.h"

#include <QComboBox>
#include <QEvent>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace gs::ui {

namespace {

// What a run computed, or why it could not.
struct Computed {
    std::shared_ptr<LessonRun> run;
    std::optional<Message> problem;
};

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString csvField(const QString& text) {
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

LessonPanel::LessonPanel(QWidget* parent)
    : QWidget(parent)
    , m_lessons(builtinLessons()) {
    // The step scrolls; the buttons that move on stay at the bottom, in sight.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(m_scroll);
    m_scroll->setWidget(content);
    outer->addWidget(m_scroll, 1);
    auto* layout = new QVBoxLayout(content);
    m_list = new QComboBox(this);
    m_list->setObjectName(QStringLiteral("lessonList"));
    layout->addWidget(m_list);
    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("lessonPosition"));
    QFont bold = m_position->font();
    bold.setBold(true);
    m_position->setFont(bold);
    layout->addWidget(m_position);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setTextFormat(Qt::PlainText);
    layout->addWidget(m_text);

    m_exercise = new QWidget(this);
    auto* exercise = new QVBoxLayout(m_exercise);
    exercise->setContentsMargins(0, 6, 0, 0);
    m_question = new QLabel(m_exercise);
    m_question->setObjectName(QStringLiteral("lessonQuestion"));
    m_question->setWordWrap(true);
    m_question->setTextFormat(Qt::PlainText);
    m_question->setFont(bold);
    exercise->addWidget(m_question);
    m_choices = new QHBoxLayout;
    exercise->addLayout(m_choices);
    auto* numberRow = new QHBoxLayout;
    m_number = new QLineEdit(m_exercise);
    m_number->setObjectName(QStringLiteral("lessonNumber"));
    m_check = new QPushButton(m_exercise);
    numberRow->addWidget(m_number, 1);
    numberRow->addWidget(m_check);
    exercise->addLayout(numberRow);
    m_reveal = new QPushButton(m_exercise);
    m_reveal->setObjectName(QStringLiteral("lessonReveal"));
    auto* revealRow = new QHBoxLayout;
    revealRow->addWidget(m_reveal);
    revealRow->addStretch(1);
    exercise->addLayout(revealRow);
    m_feedback = new QLabel(m_exercise);
    m_feedback->setObjectName(QStringLiteral("lessonFeedback"));
    m_feedback->setWordWrap(true);
    m_feedback->setTextFormat(Qt::PlainText);
    m_feedback->setTextInteractionFlags(Qt::TextSelectableByMouse);
    exercise->addWidget(m_feedback);
    layout->addWidget(m_exercise);

    auto* todoRow = new QHBoxLayout;
    m_todo = new QLabel(this);
    m_todo->setWordWrap(true);
    m_doStep = new QPushButton(this);
    m_doStep->setObjectName(QStringLiteral("lessonDoStep"));
    todoRow->addWidget(m_todo, 1);
    todoRow->addWidget(m_doStep);
    layout->addLayout(todoRow);
    layout->addStretch(1);
    // For teachers: the window as it is now becomes a step of a lesson of their own.
    auto* teacher = new QHBoxLayout;
    m_record = new QPushButton(this);
    m_record->setObjectName(QStringLiteral("lessonRecord"));
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("lessonSave"));
    m_remove = new QPushButton(this);
    m_remove->setObjectName(QStringLiteral("lessonRemoveStep"));
    teacher->addWidget(m_record);
    teacher->addWidget(m_save);
    teacher->addWidget(m_remove);
    teacher->addStretch(1);
    layout->addLayout(teacher);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(9, 4, 9, 6);
    m_back = new QPushButton(this);
    m_back->setObjectName(QStringLiteral("lessonBack"));
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("lessonExport"));
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("lessonNext"));
    m_next->setDefault(true);
    buttons->addWidget(m_back);
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_next);
    outer->addLayout(buttons);

    connect(m_list, &QComboBox::activated, this, [this](int index) {
        if (index != m_index) start(index);
    });
    connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);
    connect(m_check, &QPushButton::clicked, this, [this] { answer(m_number->text()); });
    connect(m_number, &QLineEdit::returnPressed, this, [this] { answer(m_number->text()); });
    connect(m_reveal, &QPushButton::clicked, this, &LessonPanel::reveal);
    connect(m_doStep, &QPushButton::clicked, this, [this] {
        if (!std::exchange(m_stepAsked, true)) emit trainingStepRequested();
    });
    connect(m_export, &QPushButton::clicked, this, &LessonPanel::exportAnswersRequested);
    connect(m_record, &QPushButton::clicked, this, &LessonPanel::recordRequested);
    connect(m_remove, &QPushButton::clicked, this, &LessonPanel::removeDraftStep);
    connect(m_save, &QPushButton::clicked, this, &LessonPanel::saveRequested);
    QEvent change(QEvent::LanguageChange);
    changeEvent(&change);
}

LessonPanel::~LessonPanel() {
    if (m_cancel) m_cancel->store(true); // a run still computing stops at its next step
}

QString LessonPanel::language() const {
    return currentLanguage();
}

const Lesson* LessonPanel::lesson() const {
    return m_index >= 0 && std::size_t(m_index) < m_lessons.size()
               ? &m_lessons[std::size_t(m_index)]
               : nullptr;
}

void LessonPanel::start(int index) {
    m_index = index >= 0 && std::size_t(index) < m_lessons.size() ? index : -1;
    m_list->setCurrentIndex(m_index);
    m_finished = false;
    if (lesson()) {
        goTo(0);
    } else {
        showStep();
        emit stepShown(m_step); // no lesson: nothing is held any more
    }
}

QString LessonPanel::openFile(const QString& path) {
    Lesson lesson;
    try {
        lesson = parseLesson(readFile(path.toStdString(), Message(Engine::tr("lesson file"))),
                             path.toStdString());
    } catch (const Error& e) {
        return translated(e);
    }
    // The same lesson opened again replaces the copy in the list.
    int index = -1;
    for (std::size_t i = std::size_t(builtinLessons().size()); i < m_lessons.size(); ++i)
        if (m_lessons[i].name == lesson.name && int(i) != m_draft) index = int(i);
    if (index < 0) {
        m_lessons.push_back(std::move(lesson));
        index = int(m_lessons.size()) - 1;
    } else {
        m_lessons[std::size_t(index)] = std::move(lesson);
    }
    QEvent change(QEvent::LanguageChange); // the list, with the new lesson
    changeEvent(&change);
    start(index);
    return {};
}

void LessonPanel::addRecordedStep(const LessonStep& step, const LessonText& lessonTitle) {
    if (m_draft < 0) {
        Lesson draft;
        draft.name = "my-lesson";
        draft.title = lessonTitle;
        m_lessons.push_back(std::move(draft));
        m_draft = int(m_lessons.size()) - 1;
    }
    m_lessons[std::size_t(m_draft)].steps.push_back(step);
    m_index = m_draft;
    m_step = int(m_lessons[std::size_t(m_draft)].steps.size()) - 1;
    m_finished = false;
    m_answered = false;
    m_current.reset();
    QEvent change(QEvent::LanguageChange); // the list, with the draft
    changeEvent(&change);
    showStep(); // its numbers, as a student will see them (the window is there already)
}

void LessonPanel::setTeacherControlsShown(bool shown) {
    m_teacherControls = shown;
    m_record->setVisible(shown);
    m_save->setVisible(shown);
    updateButtons();
}

void LessonPanel::removeDraftStep() {
    if (m_draft < 0 || m_index != m_draft) return;
    auto& steps = m_lessons[std::size_t(m_draft)].steps;
    steps.erase(steps.begin() + m_step);
    if (steps.empty()) {
        discardDraft();
        return;
    }
    goTo(std::min(m_step, int(steps.size()) - 1));
}

const Lesson* LessonPanel::draft() const {
    return m_draft >= 0 ? &m_lessons[std::size_t(m_draft)] : nullptr;
}

void LessonPanel::discardDraft() {
    if (m_draft < 0) return;
    m_lessons.erase(m_lessons.begin() + m_draft);
    if (m_index == m_draft) m_index = -1;
    m_draft = -1;
    QEvent change(QEvent::LanguageChange);
    changeEvent(&change);
    start(m_index);
}

void LessonPanel::goTo(int step) {
    const Lesson* l = lesson();
    if (!l) return;
    m_step = std::clamp(step, 0, int(l->steps.size()) - 1);
    m_finished = false;
    m_answered = false;
    m_stepAsked = false;
    m_current.reset();
    // An exercise answered before (the student came back) shows its answer again.
    for (const Answer& a : m_answers)
        if (a.lesson == qs(l->name) && a.step == m_step + 1) {
            m_current = a;
            m_answered = true;
        }
    showStep();
    emit setupRequested(l->steps[std::size_t(m_step)]);
}

void LessonPanel::next() {
    const Lesson* l = lesson();
    if (!l || !canGoNext()) return;
    if (m_step + 1 < int(l->steps.size()))
        goTo(m_step + 1);
    else
        finish();
}

void LessonPanel::finish() {
    m_finished = true;
    render();
    updateButtons();
    emit stepShown(m_step);
}

void LessonPanel::back() {
    if (m_finished) {
        m_finished = false;
        render();
        updateButtons();
        emit stepShown(m_step);
        return;
    }
    if (canGoBack()) goTo(m_step - 1);
}

bool LessonPanel::canGoNext() const {
    const Lesson* l = lesson();
    if (!l || m_finished) return false;
    const LessonStep& s = l->steps[std::size_t(m_step)];
    if (!m_run && m_problem.isEmpty()) return false; // still computing
    if (s.exercise && m_run && !m_answered) return false;
    return s.advance == LessonAdvance::Next || !m_problem.isEmpty();
}

bool LessonPanel::exerciseWaiting() const {
    const Lesson* l = lesson();
    return l && !m_finished && m_run && l->steps[std::size_t(m_step)].exercise && !m_answered;
}

bool LessonPanel::holdsTraining() const {
    const Lesson* l = lesson();
    return l && !m_finished && m_problem.isEmpty() && l->steps[std::size_t(m_step)].exercise &&
           !m_answered;
}

void LessonPanel::trainingStepped(long step) {
    m_stepAsked = false;
    const Lesson* l = lesson();
    if (!l || m_finished) return;
    const LessonStep& s = l->steps[std::size_t(m_step)];
    if (s.advance != LessonAdvance::Step || step != s.setup.steps + 1) return;
    if (s.exercise && !m_answered) return; // predict first
    if (m_step + 1 < int(l->steps.size()))
        goTo(m_step + 1);
    else
        finish();
}

void LessonPanel::showStep() {
    ++m_generation;
    if (m_cancel) m_cancel->store(true); // the step left: its run stops
    m_run.reset();
    m_problem.clear();
    buildExercise();
    render();
    updateButtons();
    const Lesson* l = lesson();
    if (!l) return;
    const LessonStep step = l->steps[std::size_t(m_step)];
    const int generation = m_generation;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto* watcher = new QFutureWatcher<Computed>(this);
    connect(watcher, &QFutureWatcher<Computed>::finished, this, [this, watcher, generation] {
        const Computed c = watcher->result();
        watcher->deleteLater();
        computed(generation, c.run, c.problem ? translated(*c.problem) : QString());
    });
    watcher->setFuture(QtConcurrent::run([step, dataDir = m_dataDir, cancel = m_cancel] {
        Computed c;
        try {
            c.run = std::make_shared<LessonRun>(step, dataDir, cancel.get());
        } catch (const Error& e) {
            c.problem = e.message();
        } catch (const std::bad_alloc&) {
            c.problem = Message(Engine::tr("there is not enough memory for this step's setup"));
        } catch (const std::exception& e) {
            c.problem = Message::verbatim(e.what());
        }
        return c;
    }));
}

void LessonPanel::computed(int generation, std::shared_ptr<LessonRun> run, QString problem) {
    if (generation != m_generation) return; // for a step left since
    m_run = std::move(run);
    m_problem = problem;
    buildExercise();
    render();
    updateButtons();
    if (m_number->isVisibleTo(this) && m_number->isEnabled() && isVisible())
        m_number->setFocus(Qt::OtherFocusReason); // type the prediction at once
    m_scroll->verticalScrollBar()->setValue(0);
    emit stepShown(m_step);
}

void LessonPanel::buildExercise() {
    while (QLayoutItem* item = m_choices->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const Lesson* l = lesson();
    const Exercise* e = l && !m_finished && m_run ? l->steps[std::size_t(m_step)].exercise
                                                        ? &*l->steps[std::size_t(m_step)].exercise
                                                        : nullptr
                                                  : nullptr;
    m_exercise->setVisible(e != nullptr);
    if (!e) return;
    const bool number = e->kind == ExerciseKind::Number;
    m_number->setVisible(number);
    m_check->setVisible(number);
    m_number->clear();
    const auto add = [this](const QString& label, const QString& given) {
        auto* b = new QPushButton(label, m_exercise);
        b->setObjectName(QStringLiteral("lessonChoice_") + given);
        connect(b, &QPushButton::clicked, this, [this, given] { answer(given); });
        m_choices->addWidget(b);
    };
    const QString lang = language();
    switch (e->kind) {
    case ExerciseKind::Sign:
        add(tr("Positive (+)"), QStringLiteral("+"));
        add(tr("Negative (−)"), QStringLiteral("-"));
        break;
    case ExerciseKind::UpDown:
        add(tr("Lower ↓"), QStringLiteral("down"));
        add(tr("Higher ↑"), QStringLiteral("up"));
        break;
    case ExerciseKind::Choose:
        for (std::size_t i = 0; i < e->choices.size(); ++i)
            add(qs(m_run->render(e->choices[i].label.in(lang.toStdString()))), QString::number(i));
        break;
    case ExerciseKind::Number:
        break;
    }
    m_choices->addStretch(1);
}

void LessonPanel::answer(const QString& given) {
    if (given.trimmed().isEmpty()) return; // nothing typed yet
    const Lesson* l = lesson();
    const LessonStep* s = l ? &l->steps[std::size_t(m_step)] : nullptr;
    if (s && s->exercise && s->exercise->kind == ExerciseKind::Number && !m_answered) {
        // A typo is not an answer: say so, and count nothing.
        bool ok = false;
        QString text = given.trimmed();
        text.replace(QChar(0x2212), QLatin1Char('-'));
        text.toDouble(&ok);
        if (!ok) {
            m_feedback->setText(tr("“%1” is not a number: type one such as −0.25, then Check.")
                                    .arg(given.trimmed()));
            m_feedback->show();
            return;
        }
    }
    record(given);
}

void LessonPanel::forward() {
    const Lesson* l = lesson();
    if (!l || m_finished) return;
    const LessonStep& s = l->steps[std::size_t(m_step)];
    if (canGoNext())
        next();
    else if (m_run && s.exercise && !m_answered && s.exercise->kind == ExerciseKind::Number &&
             !m_number->text().trimmed().isEmpty())
        answer(m_number->text()); // what the student typed is the answer
    else if (m_run && s.exercise && !m_answered)
        reveal(); // a presenter's clicker: the answer first, then on
    else if (m_run && s.advance == LessonAdvance::Step && !std::exchange(m_stepAsked, true))
        emit trainingStepRequested(); // once: a second Page Down before it arrives waits
}

void LessonPanel::reveal() {
    record(QString()); // no answer given: counted as not right
}

void LessonPanel::record(const QString& given) {
    const Lesson* l = lesson();
    if (!l || !m_run || m_answered) return;
    const LessonStep& s = l->steps[std::size_t(m_step)];
    if (!s.exercise) return;
    const Exercise& e = *s.exercise;
    Answer a;
    a.lesson = qs(l->name);
    a.step = m_step + 1;
    a.question = qs(m_run->render(e.question.en));
    a.given = given;
    a.right = qs(exerciseAnswer(e, *m_run));
    a.correct = !given.isEmpty() && exerciseAccepts(e, *m_run, given.toStdString());
    a.when = QDateTime::currentDateTime();
    m_answers.append(a);
    m_current = a;
    m_answered = true;
    render();
    updateButtons();
    emit exerciseAnswered();
    // The explanation in sight (once laid out).
    QTimer::singleShot(0, this, [this] { m_scroll->ensureWidgetVisible(m_feedback, 0, 0); });
}

QString LessonPanel::text() const {
    return m_text->text();
}
QString LessonPanel::question() const {
    return m_exercise->isHidden() ? QString() : m_question->text();
}
QString LessonPanel::feedback() const {
    return m_exercise->isHidden() || m_feedback->isHidden() ? QString() : m_feedback->text();
}
QString LessonPanel::problem() const {
    return m_problem;
}

QString LessonPanel::summary() const {
    const Lesson* l = lesson();
    if (!l) return {};
    int asked = 0, right = 0;
    for (std::size_t i = 0; i < l->steps.size(); ++i) {
        if (!l->steps[i].exercise) continue;
        ++asked;
        for (const Answer& a : m_answers)
            if (a.lesson == qs(l->name) && a.step == int(i) + 1 && a.correct) ++right;
    }
    if (asked == 0) return tr("This lesson has no exercises.");
    return tr("You answered %1 of %2 exercises right.").arg(right).arg(asked);
}

std::vector<LessonAnswer> LessonPanel::sessionAnswers() const {
    std::vector<LessonAnswer> list;
    for (const Answer& a : m_answers)
        list.push_back({a.lesson.toStdString(), a.step, a.question.toStdString(),
                        a.given.toStdString(), a.right.toStdString(), a.correct,
                        a.when.toString(Qt::ISODate).toStdString()});
    return list;
}

void LessonPanel::setSessionAnswers(const std::vector<LessonAnswer>& answers) {
    m_answers.clear();
    for (const LessonAnswer& a : answers)
        m_answers.append({qs(a.lesson), a.step, qs(a.question), qs(a.given), qs(a.right), a.correct,
                          QDateTime::fromString(qs(a.time), Qt::ISODate)});
    // The step shown shows its answer if the session has one (the session stays as opened).
    if (const Lesson* l = lesson(); l && !m_finished)
        for (const Answer& a : m_answers)
            if (a.lesson == qs(l->name) && a.step == m_step + 1) {
                m_current = a;
                m_answered = true;
            }
    render();
    updateButtons();
}

QString LessonPanel::answersCsv() const {
    QString csv = QStringLiteral("lesson,step,question,answer,right_answer,correct,time\n");
    for (const Answer& a : m_answers)
        csv +=
            QStringList{
                csvField(a.lesson),          QString::number(a.step),
                csvField(a.question),        csvField(a.given),
                csvField(a.right),           a.correct ? QStringLiteral("1") : QStringLiteral("0"),
                a.when.toString(Qt::ISODate)}
                .join(QLatin1Char(',')) +
            QLatin1Char('\n');
    return csv;
}

// The right answer in words, for the feedback.
static QString rightAnswerText(const Exercise& e, const LessonRun& run, const std::string& lang) {
    switch (e.kind) {
    case ExerciseKind::Sign:
        return run.evaluate(e.answer) > 0 ? LessonPanel::tr("positive")
                                          : LessonPanel::tr("negative");
    case ExerciseKind::UpDown:
        return run.evaluate(e.answer) > 0 ? LessonPanel::tr("higher") : LessonPanel::tr("lower");
    case ExerciseKind::Choose:
        return qs(
            run.render(e.choices[std::size_t(std::stoi(exerciseAnswer(e, run)))].label.in(lang)));
    case ExerciseKind::Number:
        return qs(formatLessonNumber(run.evaluate(e.answer)))
            .replace(QLatin1Char('-'), QChar(0x2212));
    }
    return {};
}

void LessonPanel::render() {
    const Lesson* l = lesson();
    const std::string lang = language().toStdString();
    m_todo->hide();
    m_doStep->hide();
    if (!l) {
        m_position->setText(tr("Lessons"));
        m_text->setText(tr("Choose a lesson above. Each one walks through one idea, step by "
                           "step, on a real network: it sets up the views, quotes the engine's "
                           "own numbers, and asks you to predict a number before it shows it."));
        m_exercise->hide();
        return;
    }
    const LessonStep& s = l->steps[std::size_t(m_step)];
    if (m_finished) {
        m_position->setText(tr("%1: done").arg(qs(l->title.in(lang))));
        m_text->setText(summary());
        m_exercise->hide();
        return;
    }
    const QString title = qs(s.title.in(lang));
    //: %1: the step's number, %2: how many steps the lesson has, %3: the step's title.
    m_position->setText(
        title.isEmpty() ? tr("Step %1 of %2").arg(m_step + 1).arg(l->steps.size())
                        : tr("Step %1 of %2: %3").arg(m_step + 1).arg(l->steps.size()).arg(title));
    if (!m_problem.isEmpty()) {
        m_text->setText(tr("This step cannot be shown: %1").arg(m_problem));
        m_exercise->hide();
        return;
    }
    if (!m_run) {
        m_text->setText(tr("Setting up this step…"));
        m_exercise->hide();
        return;
    }
    m_text->setText(qs(m_run->render(s.text.in(lang))));
    if (s.exercise) {
        const Exercise& e = *s.exercise;
        m_question->setText(qs(m_run->render(e.question.in(lang))));
        for (int i = 0; i < m_choices->count(); ++i)
            if (QWidget* w = m_choices->itemAt(i)->widget()) w->setEnabled(!m_answered);
        m_number->setEnabled(!m_answered);
        m_check->setEnabled(!m_answered);
        m_reveal->setVisible(!m_answered);
        m_feedback->setVisible(m_answered);
        if (m_answered && m_current) {
            QStringList parts;
            const QString right = rightAnswerText(e, *m_run, lang);
            if (m_current->correct)
                parts << tr("✓ Right: %1.").arg(right);
            else if (m_current->given.isEmpty())
                parts << tr("The answer: %1.").arg(right);
            else
                parts << tr("✗ Not quite: the answer is %1.").arg(right)
                      << qs(m_run->render(e.wrong.in(lang)));
            if (!e.reveal.empty()) parts << qs(m_run->render(e.reveal.in(lang)));
            m_feedback->setText(parts.join(QStringLiteral("\n\n")));
        }
    }
    if (s.advance == LessonAdvance::Step && (!s.exercise || m_answered)) {
        m_todo->setText(tr("Take a training step to go on: press Step (S) or this button."));
        m_todo->show();
        m_doStep->show();
    } else if (s.advance == LessonAdvance::Step) {
        m_todo->setText(tr("Answer first; then a training step moves the lesson on."));
        m_todo->show();
    }
}

void LessonPanel::updateButtons() {
    const Lesson* l = lesson();
    m_back->setEnabled(canGoBack() || m_finished);
    m_next->setEnabled(canGoNext());
    const bool last = l && m_step + 1 == int(l->steps.size());
    m_next->setText(last ? tr("Finish") : tr("Next"));
    m_back->setVisible(l != nullptr);
    m_next->setVisible(l != nullptr);
    m_export->setVisible(m_finished && !m_answers.isEmpty());
    m_save->setEnabled(m_draft >= 0);
    m_remove->setVisible(m_teacherControls && m_draft >= 0 && m_index == m_draft && !m_finished);
}

void LessonPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        const std::string lang = language().toStdString();
        m_list->clear();
        for (const Lesson& l : m_lessons)
            m_list->addItem(qs(l.title.in(lang)));
        m_list->setPlaceholderText(tr("Choose a lesson…"));
        m_list->setCurrentIndex(m_index);
        m_list->setToolTip(tr("The lessons: built in, and those opened with File › Open"));
        m_list->setAccessibleName(tr("Lesson"));
        m_number->setAccessibleName(tr("Your answer"));
        m_check->setText(tr("Check"));
        m_number->setPlaceholderText(tr("Type your answer, e.g. −0.25"));
        m_reveal->setText(tr("Show the answer"));
        m_doStep->setText(tr("Take the step"));
        m_back->setText(tr("Back"));
        m_back->setToolTip(tr("The step before (Page Up)"));
        m_next->setToolTip(tr("The next step (Page Down)"));
        m_export->setText(tr("Export answers…"));
        m_record->setText(tr("Record this step…"));
        m_record->setToolTip(tr("For teachers: the network, its training step and the views "
                                "shown now become a step of your own lesson, with a text you "
                                "type"));
        m_save->setText(tr("Save the lesson…"));
        m_save->setToolTip(tr("Write your lesson as a file to share (File › Open opens it)"));
        m_remove->setText(tr("Remove this step"));
        m_remove->setToolTip(tr("Take the step shown out of your lesson"));
        m_export->setToolTip(tr("Every answer given in this session, as CSV, for a teacher"));
        if (m_run) buildExercise();
        render();
        updateButtons();
    }
    QWidget::changeEvent(event);
}

} // namespace gs::ui
