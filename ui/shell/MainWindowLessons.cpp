// The main window's part in lessons (ui/views/LessonPanel.h): each step's setup opened in the
// session, its views brought forward, the step-through following its entry; the steps that go
// on by training; lesson files opened; the answers exported.
#include "MainWindow.h"
#include "MainWindowParts.h"

#include "GraphView.h"
#include "Language.h"
#include "LessonPanel.h"
#include "NetworkView.h"
#include "StepThroughEntry.h"
#include "StepThroughPanel.h"
#include "TrainingWorker.h"
#include "io/Files.h"
#include "panels/OptimizerToolbar.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace gs::ui {

namespace {

// "0.weight[2,0]" → the step-through's entry for that weight; "1.relu[0,2]" → layer 1's output
// at sample 0, unit 2. Anything else (the loss, a whole tensor) follows nothing.
// A parameter entry ("0.weight[2,0]") or a layer's output ("1.relu[0,2]", "output[0,0]": the
// node that holds the layer's output in `trace`) as the step-through's entry to follow.
std::optional<FocusEntry> focusEntryOf(const std::string& focus, const StepTrace& trace) {
    const auto open = focus.find('[');
    if (open == std::string::npos || focus.back() != ']') return std::nullopt;
    const std::string name = focus.substr(0, open);
    std::vector<Index> index;
    std::size_t at = open + 1;
    while (at < focus.size()) {
        const auto end = focus.find_first_of(",]", at);
        try {
            index.push_back(std::stol(focus.substr(at, end - at)));
        } catch (const std::exception&) {
            return std::nullopt;
        }
        at = end + 1;
    }
    for (const UpdateRecord& u : trace.updates)
        if (u.parameter == name) {
            FocusEntry e;
            e.parameter = name;
            e.index = index;
            return e;
        }
    for (const ForwardRecord& f : trace.forward)
        if (f.name == name && f.layer >= 0 && layerOutputNode(trace, f.layer) == f.node &&
            index.size() == 2)
            return FocusEntry::output(f.layer, index[0], index[1]);
    return std::nullopt;
}

// `step` with the teacher's texts and exercise, read as a lesson file would be (every text's
// placeholders, the exercise's answer); the reason it does not read, or "".
QString readRecordedStep(LessonStep& step, const MainWindow::LessonTexts& texts) {
    LessonStep with = step;
    with.title = texts.stepTitle;
    with.text = texts.text;
    with.exercise = texts.exercise;
    try {
        if (texts.text.en.empty()) throw LessonError(Engine::tr("the step needs an English text"));
        Lesson probe;
        probe.name = "recorded";
        probe.title.en = "recorded";
        probe.steps = {with};
        step = parseLesson(lessonToJson(probe).dump(), "").steps.front();
    } catch (const Error& e) {
        QString message = translated(e);
        return message.remove(QStringLiteral("steps[0].")); // the one step: say the field
    }
    return {};
}

// The teacher's texts for a recorded step (and the lesson's title with its first step), in
// both languages, and the exercise it may ask. OK keeps the dialog open while `check` finds
// something wrong, and says what. False when cancelled.
bool askLessonTexts(QWidget* parent, MainWindow::LessonTexts& texts, bool first,
                    const std::function<QString(const MainWindow::LessonTexts&)>& check) {
    QDialog dialog(parent);
    dialog.setWindowTitle(MainWindow::tr("Record this step"));
    dialog.setMinimumWidth(std::min(820, parent->width() - 40));
    auto* form = new QFormLayout(&dialog);
    auto* hint = new QLabel(
        MainWindow::tr("The step opens the network as it is now, at this training step, with "
                       "these views in front. Write numbers as placeholders, which are computed "
                       "for every student: {loss}, {grad:0.weight[0,0]}, {value:1.relu[0,1]}… "
                       "(docs/lessons.md)."),
        &dialog);
    hint->setWordWrap(true);
    form->addRow(hint);
    // Each text in English and in 简体中文, side by side.
    const auto pair = [&dialog](QWidget* en, QWidget* zh) {
        auto* row = new QWidget(&dialog);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(en);
        h->addWidget(zh);
        return row;
    };
    // A text's two fields, English (`english`: its placeholder) and 简体中文.
    const auto texts2 = [&dialog](const QString& english = QStringLiteral("English")) {
        auto* en = new QLineEdit(&dialog);
        auto* zh = new QLineEdit(&dialog);
        en->setPlaceholderText(english);
        zh->setPlaceholderText(QStringLiteral("简体中文"));
        return std::pair{en, zh};
    };
    const QString required = MainWindow::tr("English (needed)");
    QLineEdit *lessonEn = nullptr, *lessonZh = nullptr;
    if (first) {
        std::tie(lessonEn, lessonZh) = texts2();
        lessonEn->setText(MainWindow::tr("My lesson"));
        form->addRow(MainWindow::tr("Lesson title"), pair(lessonEn, lessonZh));
    }
    QLineEdit *titleEn, *titleZh;
    std::tie(titleEn, titleZh) = texts2();
    auto* textEn = new QPlainTextEdit(&dialog);
    auto* textZh = new QPlainTextEdit(&dialog);
    textEn->setPlaceholderText(required);
    textZh->setPlaceholderText(QStringLiteral("简体中文"));
    for (QPlainTextEdit* t : {textEn, textZh})
        t->setFixedHeight(t->fontMetrics().lineSpacing() * 6);
    form->addRow(MainWindow::tr("Step title"), pair(titleEn, titleZh));
    form->addRow(MainWindow::tr("Text"), pair(textEn, textZh));
    // The exercise: asked before the step's numbers show.
    auto* kind = new QComboBox(&dialog);
    kind->addItem(MainWindow::tr("None"));
    kind->addItem(MainWindow::tr("Positive or negative?"), int(ExerciseKind::Sign));
    kind->addItem(MainWindow::tr("Up or down?"), int(ExerciseKind::UpDown));
    kind->addItem(MainWindow::tr("A number, typed in"), int(ExerciseKind::Number));
    QLineEdit *questionEn, *questionZh, *wrongEn, *wrongZh, *revealEn, *revealZh;
    std::tie(questionEn, questionZh) = texts2(required);
    auto* answer = new QLineEdit(&dialog);
    answer->setPlaceholderText(MainWindow::tr("an expression: {next.grad:0.weight[0,0]}, "
                                              "{next.loss} - {loss}…"));
    std::tie(wrongEn, wrongZh) = texts2(required);
    std::tie(revealEn, revealZh) = texts2();
    form->addRow(MainWindow::tr("Exercise"), kind);
    const QList<QWidget*> exercise{pair(questionEn, questionZh), answer, pair(wrongEn, wrongZh),
                                   pair(revealEn, revealZh)};
    form->addRow(MainWindow::tr("Question"), exercise[0]);
    form->addRow(MainWindow::tr("Answer"), exercise[1]);
    form->addRow(MainWindow::tr("After a wrong answer"), exercise[2]);
    form->addRow(MainWindow::tr("After any answer"), exercise[3]);
    const auto enable = [exercise, kind] {
        for (QWidget* w : exercise)
            w->setEnabled(kind->currentIndex() > 0);
    };
    QObject::connect(kind, &QComboBox::currentIndexChanged, &dialog, enable);
    enable();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* problem = new QLabel(&dialog);
    problem->setObjectName(QStringLiteral("recordProblem"));
    problem->setWordWrap(true);
    problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    problem->hide();
    form->addRow(problem);
    form->addRow(buttons);
    const auto both = [](const QLineEdit* en, const QLineEdit* zh) {
        return LessonText{en->text().toStdString(), zh->text().toStdString()};
    };
    const auto read = [&] {
        MainWindow::LessonTexts t;
        if (first) t.lessonTitle = both(lessonEn, lessonZh);
        t.stepTitle = both(titleEn, titleZh);
        t.text = {textEn->toPlainText().toStdString(), textZh->toPlainText().toStdString()};
        if (kind->currentIndex() > 0) {
            Exercise e;
            e.kind = ExerciseKind(kind->currentData().toInt());
            e.question = both(questionEn, questionZh);
            e.answer = answer->text().toStdString();
            e.wrong = both(wrongEn, wrongZh);
            e.reveal = both(revealEn, revealZh);
            t.exercise = e;
        }
        return t;
    };
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        const QString why = check(read());
        problem->setText(MainWindow::tr("Not yet: %1").arg(why));
        problem->setVisible(!why.isEmpty());
        if (why.isEmpty()) dialog.accept();
    });
    if (dialog.exec() != QDialog::Accepted) return false;
    texts = read();
    return true;
}

} // namespace

bool isLessonFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return false;
    return looksLikeLesson(file.read(4096).toStdString());
}

void MainWindow::connectLessons() {
    connect(m_lessons, &LessonPanel::setupRequested, this, &MainWindow::openLessonStep);
    connect(m_lessons, &LessonPanel::trainingStepRequested, this, [this] { traceStep(); });
    connect(m_lessons, &LessonPanel::exportAnswersRequested, this,
            &MainWindow::exportLessonAnswers);
    connect(m_lessons, &LessonPanel::recordRequested, this, [this] { recordLessonStep(); });
    connect(m_lessons, &LessonPanel::saveRequested, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save the lesson"), {}, tr("Lessons (*.json)"));
        if (!path.isEmpty()) saveLesson(path);
    });
    connect(this, &MainWindow::snapshotShown, m_lessons, &LessonPanel::trainingStepped);
    connect(this, &MainWindow::traced, this, &MainWindow::followLessonFocus);
    connect(this, &MainWindow::traced, this, &MainWindow::lessonStepsArrived);
    // Training that failed on the way leaves the lesson's steps where they are.
    connect(this, &MainWindow::trainingFailed, this, &MainWindow::dropLessonSteps);
    connect(m_lessons, &LessonPanel::exerciseAnswered, this, &MainWindow::followLessonFocus);
    connect(m_lessons, &LessonPanel::stepShown, this, &MainWindow::lessonStateChanged);
    connect(m_lessons, &LessonPanel::setupRequested, this, &MainWindow::lessonStateChanged);
    connect(m_lessons, &LessonPanel::exerciseAnswered, this, &MainWindow::lessonStateChanged);
    if (QDockWidget* d = m_registry.dock(QStringLiteral("lessons")))
        connect(d->toggleViewAction(), &QAction::toggled, this, &MainWindow::lessonStateChanged);
    // Page Down and Page Up walk the lesson: MainWindow::eventFilter.
}

void MainWindow::dropLessonSteps() {
    m_lessons->trainingStopped();
    if (m_loadsPending > 0) return; // the load's own answer says (loadAnswered)
    m_lessonHeading = -1;
    m_lessonStepWaiting.reset();
    m_lessonStepsAfterLoad = -1;
}

void MainWindow::lessonStateChanged() {
    updateBlocked();
    m_stepThrough->setPredictionOffered(!(lessonActive() && m_lessons->exerciseWaiting()));
}

bool MainWindow::lessonActive() const {
    const QDockWidget* d = m_registry.dock(QStringLiteral("lessons"));
    return m_lessons->lesson() && d && d->toggleViewAction()->isChecked();
}

Experiment MainWindow::runningExperiment() const {
    Experiment current = m_shownExperiment.value_or(m_experiment);
    current.train.optimizer = m_optimizerBar->optimizer();
    current.train.schedule = m_optimizerBar->schedule();
    current.train.regularization = m_optimizerBar->regularization();
    return current;
}

// The lessons dock in front and wide enough to read (a third of the window at most).
void MainWindow::showLessons() {
    showView(QStringLiteral("lessons"));
    if (QDockWidget* d = m_registry.dock(QStringLiteral("lessons")); d && d->width() < 400)
        resizeDocks({d}, {std::min(420, width() / 3)}, Qt::Horizontal);
}

bool MainWindow::startLesson(const QString& nameOrPath) {
    const std::string name = nameOrPath.toStdString();
    for (std::size_t i = 0; i < m_lessons->lessons().size(); ++i)
        if (m_lessons->lessons()[i].name == name) {
            showLessons();
            m_lessons->start(int(i));
            return true;
        }
    if (!QFileInfo(nameOrPath).isFile()) {
        showBar(Bar::Banner,
                [nameOrPath] { return tr("There is no lesson called '%1'.").arg(nameOrPath); });
        return false;
    }
    const QString problem = m_lessons->openFile(nameOrPath);
    if (!problem.isEmpty()) {
        showBar(Bar::Banner, [problem, file = QFileInfo(nameOrPath).fileName()] {
            return tr("The lesson %1 cannot be opened: %2").arg(file, problem);
        });
        return false;
    }
    showLessons();
    return true;
}

void MainWindow::openLessonStep(const LessonStep& step) {
    m_lessonFocus = step.focus;
    for (const std::string& view : step.show)
        showView(QString::fromStdString(view));
    // The lesson's text stays in sight.
    if (QDockWidget* d = m_registry.dock(QStringLiteral("lessons"))) d->raise();

    if (m_loadsPending > 0 || m_lessonHeading >= 0) {
        // A load or the steps of another lesson step are on their way: this one follows them
        // (MainWindowWorker.cpp, lessonStepsArrived), so that its steps count from where they
        // end.
        m_lessonStepWaiting = step;
        return;
    }
    Experiment experiment;
    try {
        experiment = lessonExperiment(step.setup);
    } catch (const Error&) {
        return; // the panel says why (its own run fails the same way)
    }
    // The same network and settings (the toolbar's too, changed live), not past the setup's
    // step: train on to it rather than start again. The worker counts from its own step, which
    // may be ahead of the last snapshot shown (lessonStepsArrived catches a run gone past).
    const bool sameRun =
        !std::exchange(m_lessonReload, false) && m_loaded && m_shownExperiment && m_snapshot &&
        !m_snapshot->inPast &&
        experimentToJson(runningExperiment()).dump(0) == experimentToJson(experiment).dump(0);
    const long at = m_snapshot ? m_snapshot->step : -1;
    const StepTracePtr trace = m_stepThrough->trace();
    const bool traced =
        step.setup.steps == 0 || (trace && trace->sample < 0 && trace->step == step.setup.steps);
    if (sameRun && at == step.setup.steps && traced && !m_running) {
        followLessonFocus();
        return;
    }
    if (sameRun && at < step.setup.steps && at >= 0) {
        if (m_running) pause();
        takeLessonSteps(step.setup.steps);
        return;
    }
    if (m_running) pause();
    m_experiment = experiment;
    m_presetAwaitingMnist.clear();
    m_sessionPath.clear();
    m_editedSinceSave = false;
    showExperiment(kRawFeatures);
    setTitleName(QString::fromStdString(step.setup.preset));
    m_lessonStepsAfterLoad = step.setup.steps;
    requestLoad();
}

void MainWindow::takeLessonSteps(long step) {
    m_lessonHeading = step;
    // (A Cancel still pending for other work is kept where no long steps are taken.)
    if (step - 1 > (m_snapshot ? m_snapshot->step : 0)) m_worker->beginLongWork();
    toWorker([w = m_worker, step] {
        if (w->stepTo(step - 1)) w->traceStep(false, 0); // not after a cancel or a failure
    });
}

void MainWindow::lessonStepsArrived() {
    if (m_lessonHeading < 0) return;
    const StepTracePtr trace = m_stepThrough->trace();
    if (!trace || trace->step < m_lessonHeading) return;
    const bool past = trace->step > std::exchange(m_lessonHeading, -1);
    if (auto step = std::exchange(m_lessonStepWaiting, std::nullopt)) {
        openLessonStep(*step);
    } else if (past && m_lessons->lesson()) {
        // The session had trained past the step's setup (Play ran on): the setup afresh.
        m_lessonReload = true;
        openLessonStep(m_lessons->lesson()->steps[std::size_t(m_lessons->step())]);
    }
}

void MainWindow::followLessonFocus() {
    const StepTracePtr trace = m_stepThrough->trace();
    if (!m_lessons->lesson() || !trace) return;
    if (m_lessonFocus.empty()) {
        // A step about the whole graph: all of it in full, not faded past a cursor at its
        // first node (the step-through still starts there).
        if (lessonActive()) {
            graphView()->clearCursor();
            m_network->setHighlightLayer(-1);
        }
        return;
    }
    // "forward:NODE[…]" stops in the forward pass; otherwise at the backward step that
    // computes the node's gradient, or sends its parameter's.
    std::string focus = m_lessonFocus;
    const bool forward = focus.starts_with("forward:");
    if (forward) focus = focus.substr(8);
    m_stepThrough->setFocusEntry(focusEntryOf(focus, *trace).value_or(FocusEntry{}));
    const std::string name = focus.substr(0, focus.find('['));
    int target = -1;
    if (forward) {
        for (const ForwardRecord& f : trace->forward)
            if (f.name == name) target = f.node;
    } else {
        for (const StepRecord& r : trace->backward) {
            bool sends = r.nodeName == name;
            for (const EdgeStep& e : r.edges)
                sends = sends || e.accumulatesInto == name;
            if (sends && target < 0) target = r.node;
        }
    }
    if (target < 0) return;
    const auto phase = forward ? TraceCursor::Forward : TraceCursor::Backward;
    m_stepThrough->restart();
    int moves = 0;
    for (; moves <= m_stepThrough->count(); ++moves) {
        const TraceCursor c = m_stepThrough->cursor();
        if (c.phase == phase && c.node == target) break;
        m_stepThrough->next();
    }
    // An exercise not yet answered: one step short, so that the step-through does not show
    // the answer; Next ▶ there, or the answer, shows it (exerciseAnswered).
    const Lesson* l = m_lessons->lesson();
    if (l->steps[std::size_t(m_lessons->step())].exercise && !m_lessons->answered() && moves > 0) {
        m_stepThrough->restart();
        for (int i = 0; i + 1 < moves; ++i)
            m_stepThrough->next();
    }
}

std::optional<LessonStep> MainWindow::currentLessonStep(QString* why) const {
    const auto fail = [why](const QString& reason) {
        if (why) *why = reason;
        return std::nullopt;
    };
    const Experiment* preset = findPreset(m_experiment.name);
    if (!preset || userPoints(m_experiment.data.source))
        return fail(tr("A lesson step starts from a preset: choose one first (File › Open preset). "
                       "Points from a file or drawn by hand cannot be part of a lesson yet."));
    if (!m_loaded || !m_shownExperiment || !m_snapshot)
        return fail(tr("The network is still loading: record the step once it is there."));
    const Json now = experimentToJson(runningExperiment()), base = experimentToJson(*preset);
    Json changes = Json::object();
    bool changed = false;
    for (const auto& [key, value] : now.asObject("experiment"))
        if (key != "name" && key != "description" && value.dump(0) != base[key].dump(0)) {
            changes.set(key, value);
            changed = true;
        }
    LessonStep step;
    step.setup.preset = preset->name;
    if (changed) step.setup.changes = changes;
    step.setup.steps = m_snapshot->step;
    if (step.setup.steps > kMaxLessonTrainingSteps)
        return fail(tr("A lesson step opens at most %L1 training steps in, and this one is at step "
                       "%L2: record it earlier in the run.")
                        .arg(kMaxLessonTrainingSteps)
                        .arg(step.setup.steps));
    try {
        lessonExperiment(step.setup);
    } catch (const Error& e) {
        return fail(translated(e));
    }
    // The views in front at the bottom (the centre's are always there).
    for (const ViewEntry& v : m_registry.views()) {
        if (v.dock && viewInFront(v.name) && v.name != QStringLiteral("lessons") &&
            v.name != QStringLiteral("data") && v.name != QStringLiteral("builder"))
            step.show.push_back(v.name.toStdString());
    }
    // The entry the step-through follows.
    const FocusEntry focus = m_stepThrough->focusEntry();
    const StepTracePtr trace = m_stepThrough->trace();
    std::string name;
    if (!focus.parameter.empty()) {
        name = focus.parameter;
    } else if (focus.layer >= 0 && trace) {
        const int node = layerOutputNode(*trace, focus.layer);
        if (node >= 0) name = trace->forward[std::size_t(node)].name;
    }
    if (!name.empty() && !focus.index.empty()) {
        name += '[';
        for (std::size_t i = 0; i < focus.index.size(); ++i)
            name += (i ? "," : "") + std::to_string(focus.index[i]);
        step.focus = name + ']';
    }
    return step;
}

bool MainWindow::recordLessonStep() {
    QString why;
    std::optional<LessonStep> step = currentLessonStep(&why);
    if (!step) {
        showBar(Bar::Banner, [why] { return why; });
        return false;
    }
    LessonTexts texts;
    const bool first = m_lessons->draft() == nullptr;
    const auto check = [step = *step](const LessonTexts& t) {
        LessonStep probe = step;
        return readRecordedStep(probe, t);
    };
    const bool given = m_lessonTextQuestion ? m_lessonTextQuestion(texts, first)
                                            : askLessonTexts(this, texts, first, check);
    if (!given) return false;
    if (const QString why = readRecordedStep(*step, texts); !why.isEmpty()) {
        showBar(Bar::Banner, [why] { return tr("The step was not recorded: %1").arg(why); });
        return false;
    }
    if (texts.lessonTitle.en.empty()) texts.lessonTitle.en = tr("My lesson").toStdString();
    m_lessons->addRecordedStep(*step, texts.lessonTitle);
    showLessons();
    return true;
}

bool MainWindow::saveLesson(const QString& path) {
    const Lesson* draft = m_lessons->draft();
    if (!draft) {
        showBar(Bar::Banner, [] { return tr("There is no lesson to save: record a step first."); });
        return false;
    }
    try {
        writeFileAtomic(path.toStdString(), lessonToJson(*draft).dump() + "\n");
    } catch (const Error& e) {
        showBar(Bar::Banner, [message = translated(e)] { return message; });
        return false;
    }
    showStatus([name = QFileInfo(path).fileName()] { return tr("Saved the lesson %1").arg(name); },
               5000);
    return true;
}

void MainWindow::exportLessonAnswers() {
    exportWithDialog(
        tr("Export the lesson's answers"), tr("CSV (*.csv)"), [this](const QString& path) {
            writeFileAtomic(path.toStdString(), m_lessons->answersCsv().toUtf8().toStdString());
        });
}

} // namespace gs::ui
