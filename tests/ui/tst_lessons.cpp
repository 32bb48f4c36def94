// Lessons in the main window (ui/views/LessonPanel.h), under the offscreen platform: every
// built-in lesson walked end to end, each step's setup opened in the session so that the
// step-through shows the very step whose numbers the text quotes (bit for bit), each view it
// names brought forward, each exercise answered (right, wrong, or revealed) with the feedback
// it should give; steps that go on by a training step; Page Down and Page Up; lesson files
// opened from File › Open (a broken one says why); the answers' summary and CSV; Chinese.
#include "FakeMnist.h"
#include "GraphView.h"
#include "Language.h"
#include "LessonPanel.h"
#include "MainWindow.h"
#include "NetworkBuilder.h"
#include "StepThroughEntry.h"
#include "StepThroughPanel.h"
#include "io/Files.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gs;
using namespace gs::ui;

namespace {

// How long a step's setup may take to open. A limit on waiting, not on speed: the MNIST lesson
// trains thousands of steps to open its last setup, which takes half a minute under ASan.
constexpr int kSetupWait = 600000;

// The window shows the step's setup: the panel has its numbers, the session stands at the
// setup's step, and that step is the one the step-through shows.
bool atSetup(const MainWindow& window) {
    const LessonPanel* panel = window.lessons();
    const Lesson* l = panel->lesson();
    const auto snapshot = window.lastSnapshot();
    if (!l || !panel->ready() || !snapshot || window.isRunning() || !window.canTrain())
        return false;
    const long want = l->steps[std::size_t(panel->step())].setup.steps;
    const auto trace = window.stepThrough()->trace();
    return snapshot->step == want && (want == 0 || (trace && trace->step == want));
}

} // namespace

class TestLessons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("GRADSCOPE_DATA", m_dir.path().toUtf8());
        QSettings().clear();
        // The MNIST lesson walks on a small look-alike (its numbers are the look-alike's: the
        // lesson and the window compute them alike).
        test::writeFakeMnistSet(m_dir.path(), 320, 100);
    }
    void init() { QSettings().clear(); }
    void cleanup() { setLanguage(QStringLiteral("en")); }

    void everyLessonWalksThrough_data() {
        QTest::addColumn<QString>("name");
        for (const Lesson& l : builtinLessons())
            QTest::newRow(l.name.c_str()) << QString::fromStdString(l.name);
    }
    void everyLessonWalksThrough() {
        QFETCH(QString, name);
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startLesson(name));
        LessonPanel* panel = window.lessons();
        QVERIFY(panel->isVisible());
        const Lesson& lesson = *panel->lesson();
        int exercises = 0, right = 0;
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            const LessonStep& step = lesson.steps[i];
            QCOMPARE(panel->step(), int(i));
            QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
            const QString where = name + QStringLiteral(" step %1").arg(i + 1);
            QVERIFY2(panel->problem().isEmpty(), qPrintable(where + ": " + panel->problem()));
            // Every number filled in, every view there and shown, the text in sight.
            QVERIFY2(!panel->text().contains(QLatin1Char('{')), qPrintable(where));
            for (const std::string& view : step.show) {
                const ViewEntry* v = window.views().find(QString::fromStdString(view));
                QVERIFY2(v, qPrintable(where + ": no view " + QString::fromStdString(view)));
                QTRY_VERIFY2(v->widget->isVisible(), qPrintable(where));
            }
            QTRY_VERIFY2(panel->isVisible(), qPrintable(where));
            // The app's step is the lesson's, bit for bit: the same loss and gradients.
            if (const StepTrace* quoted = panel->run()->trace()) {
                const auto shown = window.stepThrough()->trace();
                QCOMPARE(shown->loss, quoted->loss);
                QCOMPARE(shown->updates.size(), quoted->updates.size());
                for (std::size_t u = 0; u < quoted->updates.size(); ++u)
                    for (Index k = 0; k < quoted->updates[u].gradient.numel(); ++k)
                        QCOMPARE(shown->updates[u].gradient[k], quoted->updates[u].gradient[k]);
            }
            // The step-through stops where the step's focus is computed: one step short while
            // the exercise waits for its answer, so that it does not give it away.
            const auto atFocus = [&] {
                const auto shown = window.stepThrough()->trace();
                const TraceCursor c = window.stepThrough()->cursor();
                if (c.node < 0) return false;
                const bool forward = step.focus.starts_with("forward:");
                std::string name = forward ? step.focus.substr(8) : step.focus;
                name = name.substr(0, name.find('['));
                if (int(c.phase) != int(forward ? TraceCursor::Forward : TraceCursor::Backward))
                    return false;
                bool at = shown->nodeNames[std::size_t(c.node)] == name;
                for (const StepRecord& r : shown->backward)
                    if (r.node == c.node)
                        for (const EdgeStep& e : r.edges)
                            at = at || e.accumulatesInto == name;
                return at;
            };
            const bool followed = !step.focus.empty() && panel->run()->trace();
            // A step about no one entry shows the whole graph, not faded past a cursor.
            if (step.focus.empty() && panel->run()->trace())
                QVERIFY2(!window.graphView()->hasCursor(), qPrintable(where));
            if (followed && step.exercise) QVERIFY2(!atFocus(), qPrintable(where));
            if (followed && !step.exercise) QVERIFY2(atFocus(), qPrintable(where));
            // An entry ("0.weight[2,0]", "output[0,0]") is followed as one entry too.
            if (followed && step.focus.back() == ']')
                QVERIFY2(!window.stepThrough()->focusEntry().empty(), qPrintable(where));
            if (step.exercise) {
                ++exercises;
                QVERIFY(!panel->question().isEmpty());
                QVERIFY(!panel->canGoNext()); // predict first
                QVERIFY(panel->feedback().isEmpty());
                const Exercise& e = *step.exercise;
                // Right, wrong and revealed in turn.
                const int mode = exercises % 3;
                if (mode == 1) {
                    panel->answer(QString::fromStdString(exerciseAnswer(e, *panel->run())));
                    QVERIFY2(panel->feedback().startsWith(QStringLiteral("✓ Right")),
                             qPrintable(panel->feedback()));
                    ++right;
                } else if (mode == 2) {
                    panel->answer(QString::fromStdString(wrongExerciseAnswer(e, *panel->run())));
                    QVERIFY2(panel->feedback().startsWith(QStringLiteral("✗ Not quite")),
                             qPrintable(panel->feedback()));
                    QVERIFY(panel->feedback().contains(
                        QString::fromStdString(panel->run()->render(e.wrong.en))));
                } else {
                    panel->reveal();
                    QVERIFY(panel->feedback().startsWith(QStringLiteral("The answer:")));
                }
                // The first answer counts.
                panel->answer(QString::fromStdString(exerciseAnswer(e, *panel->run())));
                QCOMPARE(panel->answers().size(), qsizetype(exercises));
                if (followed) QVERIFY2(atFocus(), qPrintable(where)); // now it shows it
            }
            if (step.advance == LessonAdvance::Step) {
                QVERIFY(!panel->canGoNext());
                auto* take = panel->findChild<QPushButton*>(QStringLiteral("lessonDoStep"));
                QVERIFY(take && take->isVisible());
                take->click();
                if (i + 1 < lesson.steps.size()) QTRY_COMPARE(panel->step(), int(i) + 1);
            } else if (i + 1 < lesson.steps.size()) {
                QVERIFY(panel->canGoNext());
                QTest::keyClick(&window, Qt::Key_PageDown);
                QCOMPARE(panel->step(), int(i) + 1);
            }
        }
        // The end: the summary, and the answers for a teacher.
        if (lesson.steps.back().advance == LessonAdvance::Next) panel->next();
        QCOMPARE(
            panel->text(),
            QStringLiteral("You answered %1 of %2 exercises right.").arg(right).arg(exercises));
        const QStringList rows = panel->answersCsv().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(rows.size(), exercises + 1);
        QVERIFY(rows[0].startsWith(QStringLiteral("lesson,step,question")));
        // Back from the summary to the last step, and Page Up further back.
        QTest::keyClick(&window, Qt::Key_PageUp);
        QCOMPARE(panel->step(), int(lesson.steps.size()) - 1);
        if (lesson.steps.size() > 1) {
            QTest::keyClick(&window, Qt::Key_PageUp);
            QCOMPARE(panel->step(), int(lesson.steps.size()) - 2);
            QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        }
    }

    // Every view a lesson may show is one of the window's views.
    void lessonViewsAreTheWindowsViews() {
        MainWindow window;
        for (const char* name : kLessonViews) {
            const ViewEntry* v = window.views().find(QString::fromLatin1(name));
            QVERIFY2(v && v->widget, name);
        }
    }

    // The app and the lesson agree on a step reached by going back: the session opens the
    // setup again rather than keep a later step.
    void backOpensTheEarlierSetup() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startLesson(QStringLiteral("one-training-step")));
        LessonPanel* panel = window.lessons();
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        panel->trainingStepRequested(); // the first step goes on by training
        QTRY_COMPARE(panel->step(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QCOMPARE(window.lastSnapshot()->step, 1L);
        panel->back();
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QCOMPARE(window.lastSnapshot()->step, 0L);
        // Jumping ahead steps on in the same run (no reload).
        panel->goTo(int(panel->lesson()->steps.size()) - 1); // step 100
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QCOMPARE(window.lastSnapshot()->step, 100L);
        // A learning rate changed live in the toolbar is another run: going back to step 1 and
        // on again opens the setup afresh, at the lesson's rate.
        panel->goTo(1);
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        const float lessonRate = float(window.optimizerConfig().learningRate);
        window.setLearningRate(lessonRate * 3);
        panel->goTo(int(panel->lesson()->steps.size()) - 1);
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QCOMPARE(window.lastSnapshot()->step, 100L);
        QCOMPARE(float(window.optimizerConfig().learningRate), lessonRate);
    }

    // A network the builder cannot train (the user's edit, not loaded) does not keep a lesson
    // waiting for a load that never comes.
    void anUntrainableNetworkGivesWayToTheLesson() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor"));
        BuilderState state = window.builder()->state();
        state.rows.back().size = 3; // three outputs for two classes
        window.builder()->setState(state);
        QVERIFY(!window.builder()->isValid());
        QVERIFY(!window.canTrain());
        QVERIFY(window.startLesson(QStringLiteral("chain-rule")));
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QVERIFY(window.builder()->isValid());
    }

    // A typo is not an answer; Page Down, a presenter's one button, reveals the answer before
    // it moves on, and takes the training step a step asks for.
    void pageDownRevealsThenMovesOn() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startLesson(QStringLiteral("chain-rule")));
        LessonPanel* panel = window.lessons();
        panel->goTo(2); // dL/doutput, typed
        QTRY_VERIFY2(
            atSetup(window),
            qPrintable(
                QStringLiteral("ready %1 snapshot %2 trace %3 running %4 can %5")
                    .arg(panel->ready())
                    .arg(window.lastSnapshot() ? window.lastSnapshot()->step : -1)
                    .arg(window.stepThrough()->trace() ? window.stepThrough()->trace()->step : -1)
                    .arg(window.isRunning())
                    .arg(window.canTrain())));
        panel->answer(QStringLiteral("0.4o"));
        QVERIFY(!panel->answered());
        QVERIFY2(panel->feedback().contains(QStringLiteral("is not a number")),
                 qPrintable(panel->feedback()));
        QTest::keyClick(&window, Qt::Key_PageDown);
        QVERIFY(panel->answered());
        QCOMPARE(panel->step(), 2);
        QVERIFY(panel->feedback().startsWith(QStringLiteral("The answer:")));
        QTest::keyClick(&window, Qt::Key_PageDown);
        QCOMPARE(panel->step(), 3);
        // A step that goes on by training: Page Down takes the step.
        QVERIFY(window.startLesson(QStringLiteral("one-training-step")));
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QTest::keyClick(&window, Qt::Key_PageDown);
        QTRY_COMPARE(panel->step(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QCOMPARE(window.lastSnapshot()->step, 1L);
        // In presenter mode the class does not see the teacher's buttons.
        auto* record = panel->findChild<QPushButton*>(QStringLiteral("lessonRecord"));
        QVERIFY(record->isVisible());
        window.setPresenterMode(true);
        QVERIFY(!record->isVisible());
        window.setPresenterMode(false);
        QVERIFY(record->isVisible());
    }

    // A step that goes on by training and asks first what that step will do: training waits
    // for the answer (Play, Step and S are off, and the step-through's own Predict box is put
    // away), two quick Page Downs take one step, and a last step that goes on by training
    // finishes the lesson. With the dock closed, Page Down is no longer the lesson's.
    void trainingWaitsForTheAnswer() {
        Lesson lesson;
        lesson.name = "held";
        lesson.title.en = "Held";
        LessonStep first;
        first.text.en = "The loss is {loss}.";
        first.setup.preset = "xor";
        first.setup.steps = 1;
        first.focus = "0.weight[0,0]";
        first.advance = LessonAdvance::Step;
        Exercise e;
        e.kind = ExerciseKind::Number;
        e.question.en = "How much will the next step change the loss?";
        e.answer = "{next.loss} - {loss}";
        e.wrong.en = "w";
        first.exercise = e;
        LessonStep last = first;
        last.exercise.reset();
        last.setup.steps = 2;
        lesson.steps = {first, last};
        const QString path = m_dir.filePath(QStringLiteral("held.json"));
        writeFileAtomic(path.toStdString(), lessonToJson(lesson).dump());

        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startLesson(path));
        LessonPanel* panel = window.lessons();
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QTRY_VERIFY(panel->holdsTraining());
        QAction* play = window.playAction();
        QTRY_VERIFY(!play->isEnabled());
        QVERIFY(!window.stepThrough()->predict(QStringLiteral("0.1")));
        // S, and a traced step, take nothing: the answer first. (A save is answered by the
        // worker after any step asked before it: a round trip.)
        const QString saved = m_dir.filePath(QStringLiteral("held.gradscope"));
        QSignalSpy saves(&window, &MainWindow::sessionSaved);
        const auto roundTrip = [&] {
            const auto before = saves.count();
            window.saveSession(saved);
            return QTest::qWaitFor([&] { return saves.count() > before; }, kSetupWait);
        };
        QTest::keyClick(&window, Qt::Key_S);
        window.traceStep();
        QVERIFY(roundTrip());
        QCOMPARE(window.lastSnapshot()->step, 1L);
        // The answer field does not keep Page Down from the lesson: it checks what was typed.
        auto* number = panel->findChild<QLineEdit*>(QStringLiteral("lessonNumber"));
        QVERIFY(number && number->isVisible());
        QTest::keyClicks(number, QStringLiteral("12345"));
        QTest::keyClick(number, Qt::Key_PageDown);
        QVERIFY(panel->answered());
        QCOMPARE(panel->answers().back().given, QStringLiteral("12345"));
        QVERIFY(play->isEnabled());
        QVERIFY(window.stepThrough()->setFocusEntry(FocusEntry::weight(0, 0, 0)));
        QVERIFY(window.stepThrough()->predict(QStringLiteral("0.1")));
        QTest::keyClick(&window, Qt::Key_PageDown);
        QTest::keyClick(&window, Qt::Key_PageDown);
        QTRY_COMPARE(panel->step(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QVERIFY(roundTrip());
        QCOMPARE(window.lastSnapshot()->step, 2L); // one step, not two
        QVERIFY(!panel->finished());
        QTest::keyClick(&window, Qt::Key_PageDown); // the last step's training step
        QTRY_VERIFY(panel->finished());
        QCOMPARE(window.lastSnapshot()->step, 3L);
        QVERIFY2(panel->summary().contains(QStringLiteral("0 of 1")), qPrintable(panel->summary()));
        // The dock closed: Page Up is the focused view's again, not the lesson's.
        QWidget* dock = panel;
        while (dock && !qobject_cast<QDockWidget*>(dock))
            dock = dock->parentWidget();
        QVERIFY(dock);
        dock->close();
        QTest::keyClick(&window, Qt::Key_PageUp);
        QVERIFY(panel->finished());
    }

    // The answers are kept in the session file and come back with it.
    void answersAreKeptInTheSession() {
        const QString path = m_dir.filePath(QStringLiteral("answered.gradscope"));
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.startLesson(QStringLiteral("chain-rule")));
            LessonPanel* panel = window.lessons();
            panel->goTo(2);
            QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
            const Exercise& e = *panel->lesson()->steps[2].exercise;
            panel->answer(QString::fromStdString(exerciseAnswer(e, *panel->run())));
            QSignalSpy saved(&window, &MainWindow::sessionSaved);
            window.saveSession(path);
            QTRY_COMPARE(saved.count(), 1);
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        QSignalSpy opened(&window, &MainWindow::sessionOpened);
        window.openSession(path);
        QTRY_COMPARE(opened.count(), 1);
        const auto answers = window.lessons()->answers();
        QCOMPARE(answers.size(), qsizetype(1));
        QCOMPARE(answers[0].lesson, QStringLiteral("chain-rule"));
        QCOMPARE(answers[0].step, 3);
        QVERIFY(answers[0].correct);
        QVERIFY(window.lessons()->answersCsv().contains(QStringLiteral("\"chain-rule\",3,")));
    }

    void lessonFilesOpenFromFileOpen() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        const std::size_t builtin = builtinLessons().size();
        // A lesson file with a mistake in its second step: it opens, the first step shows, the
        // second says what is wrong and lets the student go on.
        QVERIFY(window.openFile(QStringLiteral(GRADSCOPE_FIXTURES "/broken-lesson.json")));
        LessonPanel* panel = window.lessons();
        QCOMPARE(panel->lessons().size(), builtin + 1);
        QCOMPARE(panel->lesson()->name, std::string("broken"));
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        panel->next();
        QTRY_VERIFY(!panel->problem().isEmpty());
        QVERIFY2(panel->text().contains(QStringLiteral("0.weight has 6 entries")),
                 qPrintable(panel->text()));
        QVERIFY(panel->canGoNext());
        // Opened again: replaced, not listed twice.
        QVERIFY(window.openFile(QStringLiteral(GRADSCOPE_FIXTURES "/broken-lesson.json")));
        QCOMPARE(panel->lessons().size(), builtin + 1);
        // A file that is not a lesson: the message bar says why, the lesson stays.
        const QString bad = m_dir.filePath(QStringLiteral("bad-lesson.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"gradscope-lesson\", \"version\": 1, \"name\": \"Bad Name\"}");
        f.close();
        QVERIFY(!window.openFile(bad));
        QVERIFY2(window.banner().contains(QStringLiteral("must be 1 to 64 lowercase")),
                 qPrintable(window.banner()));
        QCOMPARE(panel->lesson()->name, std::string("broken"));
        // There is no such built-in lesson.
        QVERIFY(!window.startLesson(QStringLiteral("no-such-lesson")));
        QVERIFY(window.banner().contains(QStringLiteral("no lesson called")));
    }

    // A teacher records the window's state as steps of a lesson of their own, saves it, and it
    // opens and plays as any lesson: the preset, what was changed in it, the step, the views in
    // front, the entry followed.
    void aTeacherRecordsALesson() {
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor"));
        int asked = 0;
        std::string answer = "{next.loss} - {loss}"; // the second step's exercise
        window.setLessonTextQuestion([&asked, &answer](MainWindow::LessonTexts& t, bool first) {
            if (first) t.lessonTitle = {"XOR, step by step", "一步一步学 XOR"};
            t.text = {"The loss is {loss} after {step} steps.", "训练 {step} 步后损失是 {loss}。"};
            t.stepTitle = {"Step " + std::to_string(++asked), ""};
            if (asked >= 2) {
                Exercise e;
                e.kind = ExerciseKind::UpDown;
                e.question = {"Will the next step lower the loss?", "下一步会降低损失吗？"};
                e.answer = answer;
                e.wrong = {"One step on one batch can raise it.", "一步只看一批数据，可能升高。"};
                t.exercise = e;
            }
            return true;
        });
        window.runSteps(3);
        QTRY_COMPARE(window.lastSnapshot()->step, 3L);
        window.traceStep();
        QTRY_VERIFY(window.stepThrough()->trace() && window.stepThrough()->trace()->step == 4);
        QVERIFY(window.stepThrough()->setFocusEntry(FocusEntry::weight(0, 1, 0)));
        QVERIFY(window.showView(QStringLiteral("charts")));
        QVERIFY(window.recordLessonStep());
        LessonPanel* panel = window.lessons();
        QVERIFY(panel->draft());
        QTRY_VERIFY(panel->ready());
        QCOMPARE(panel->text(), QStringLiteral("The loss is %1 after 4 steps.")
                                    .arg(QString::fromStdString(
                                        formatLessonNumber(window.stepThrough()->trace()->loss))));
        // A second step with another learning rate, set live in the toolbar.
        window.setLearningRate(0.05);
        window.stepBatch(); // traced, in a lesson
        QTRY_COMPARE(window.lastSnapshot()->step, 5L);
        QVERIFY(window.recordLessonStep());
        QCOMPARE(panel->draft()->steps.size(), std::size_t(2));
        QTRY_VERIFY(panel->ready());
        QCOMPARE(panel->question(), QStringLiteral("Will the next step lower the loss?"));
        // An answer that is no expression is not recorded, and says where it is wrong.
        answer = "{next.loss} -";
        QVERIFY(!window.recordLessonStep());
        QVERIFY2(window.banner().contains(QStringLiteral("exercise.answer")),
                 qPrintable(window.banner()));
        QCOMPARE(panel->draft()->steps.size(), std::size_t(2));
        // A step recorded by mistake is taken out again.
        answer = "{next.loss} - {loss}";
        QVERIFY(window.recordLessonStep());
        QCOMPARE(panel->draft()->steps.size(), std::size_t(3));
        auto* remove = panel->findChild<QPushButton*>(QStringLiteral("lessonRemoveStep"));
        QVERIFY(remove && remove->isVisible());
        remove->click();
        QCOMPARE(panel->draft()->steps.size(), std::size_t(2));
        // Saved, read back, opened and walked.
        const QString path = m_dir.filePath(QStringLiteral("xor-lesson.json"));
        QVERIFY(window.saveLesson(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Lesson saved = parseLesson(f.readAll().toStdString(), "saved");
        QCOMPARE(saved.title.zh, std::string("一步一步学 XOR"));
        QCOMPARE(saved.steps[0].setup.preset, std::string("xor"));
        QCOMPARE(saved.steps[0].setup.steps, 4L);
        QVERIFY(saved.steps[0].setup.changes.isNull());
        QCOMPARE(saved.steps[0].focus, std::string("0.weight[1,0]"));
        QVERIFY(std::find(saved.steps[0].show.begin(), saved.steps[0].show.end(), "charts") !=
                saved.steps[0].show.end());
        // Only the views in front (Charts, and the Computation graph on the right): not those
        // behind their tabs.
        QCOMPARE(saved.steps[0].show, (std::vector<std::string>{"charts", "graph"}));
        QCOMPARE(saved.steps[1].setup.steps, 5L);
        QCOMPARE(saved.steps[1].setup.changes["optimizer"]["lr"].asNumber("lr"), 0.05);
        QVERIFY(!saved.steps[0].exercise);
        QVERIFY(saved.steps[1].exercise && saved.steps[1].exercise->kind == ExerciseKind::UpDown);
        QCOMPARE(saved.steps[1].exercise->answer, std::string("{next.loss} - {loss}"));
        // Nothing wrong but the step titles left in English alone (notes, not errors).
        for (const LessonProblem& p : checkLesson(saved, ""))
            QVERIFY2(p.translation, p.message.english().c_str());
        QVERIFY(window.openFile(path));
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        panel->next();
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QCOMPARE(float(window.optimizerConfig().learningRate), 0.05f);
        // Nothing to record from points drawn by hand; a text with a broken placeholder.
        window.setLessonTextQuestion([](MainWindow::LessonTexts& t, bool) {
            t.text = {"{grad:0.weight[}", ""};
            return true;
        });
        QVERIFY(!window.recordLessonStep());
        QVERIFY2(window.banner().contains(QStringLiteral("not recorded")),
                 qPrintable(window.banner()));
    }

    void lessonsSpeakChinese() {
        QVERIFY(setLanguage(QStringLiteral("zh_CN")));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startLesson(QStringLiteral("chain-rule")));
        LessonPanel* panel = window.lessons();
        QTRY_VERIFY_WITH_TIMEOUT(atSetup(window), kSetupWait);
        QVERIFY2(panel->text().contains(QStringLiteral("这个网络")), qPrintable(panel->text()));
        auto* position = panel->findChild<QLabel*>(QStringLiteral("lessonPosition"));
        QVERIFY2(position->text().contains(QStringLiteral("第 1 步")),
                 qPrintable(position->text()));
        // Back to English at once, numbers and all.
        QVERIFY(setLanguage(QStringLiteral("en")));
        QTRY_VERIFY(panel->text().startsWith(QStringLiteral("This network")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestLessons)
#include "tst_lessons.moc"
