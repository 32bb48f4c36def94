// The main window's shell, under the offscreen platform: it fits 1024×600 with every view
// reachable; Space and S train wherever the focus is except while a number is typed; the
// speed and schedule controls reach the worker and the rate in effect is shown; an
// architecture change says that it re-initialised; closing with unsaved work asks; files open
// by suffix, by drop and by relative path; presenter mode and a single enlarged view; and
// every view follows the session through reset, preset change, step, step epoch and undo.
#include "ChartsPanel.h"
#include "DockTitleBar.h"
#include "GraphView.h"
#include "LandscapeView.h"
#include "MainWindow.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"
#include "OptimizerPanel.h"
#include "OutputView.h"
#include "StepThroughPanel.h"
#include "ViewTestSupport.h"
#include "core/Parallel.h"
#include "io/Onnx.h"
#include "panels/DataPanel.h"
#include "panels/OptimizerToolbar.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolBar>
#include <QUndoStack>

using namespace gs;
using namespace gs::ui;
using gs::ui::test::shownRect;

namespace {

// Whether `widget` shows at least `w`×`h` of itself inside its window.
bool visibleInWindow(QWidget* widget, int w, int h) {
    if (!widget->isVisible()) return false;
    const QRect shown = shownRect(widget);
    return shown.width() >= w && shown.height() >= h && widget->window()->rect().contains(shown);
}

void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QByteArray circlesCsv() {
    QByteArray csv = "x1,x2,label\n";
    for (int i = 0; i < 60; ++i) {
        const double a = i * 0.7, r = i % 2 ? 4.0 : 1.0;
        csv += QByteArray::number(r * std::cos(a)) + "," + QByteArray::number(r * std::sin(a)) +
               "," + QByteArray::number(i % 2) + "\n";
    }
    return csv;
}

} // namespace

class TestShell : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("GRADSCOPE_DATA", m_dir.path().toUtf8());
        QSettings().clear();
    }
    void init() { QSettings().clear(); }

    void fitsSmallScreensWithEveryViewReachable() {
        MainWindow window;
        const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
        QVERIFY2(
            minimum.width() <= 1024 && minimum.height() <= 600,
            qPrintable(QStringLiteral("minimum %1×%2").arg(minimum.width()).arg(minimum.height())));
        window.resize(1024, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        QCOMPARE(window.size(), QSize(1024, 600));
        QVERIFY(window.viewNames().size() >= 10);
        for (const ViewEntry& v : window.views().views()) {
            QVERIFY(window.showView(v.name));
            QTRY_VERIFY2(visibleInWindow(v.widget, 120, 80),
                         qPrintable(QStringLiteral("%1: visible %2, shown %3×%4")
                                        .arg(v.name)
                                        .arg(v.widget->isVisible())
                                        .arg(shownRect(v.widget).width())
                                        .arg(shownRect(v.widget).height())));
        }
        QVERIFY(!window.showView(QStringLiteral("nonsense")));
        // The controls of the docks wrap rather than run off their right edge (the issue: the
        // builder's rows and the race's buttons needed a horizontal scroll bar): every control
        // that shows is shown whole across; below the fold, a vertical scroll reaches it.
        for (const QString& name : {QStringLiteral("data"), QStringLiteral("builder"),
                                    QStringLiteral("race"), QStringLiteral("landscape")}) {
            QVERIFY(window.showView(name));
            QWidget* view = window.views().find(name)->widget;
            QTRY_VERIFY(view->isVisible());
            QApplication::processEvents();
            int checked = 0;
            for (QWidget* control : view->findChildren<QWidget*>()) {
                if (!control->isVisible() || !(qobject_cast<QAbstractButton*>(control) ||
                                               qobject_cast<QComboBox*>(control) ||
                                               qobject_cast<QAbstractSpinBox*>(control)))
                    continue;
                const QRect shown = shownRect(control);
                if (shown.isEmpty()) continue;
                ++checked;
                QVERIFY2(shown.width() == control->width(),
                         qPrintable(QStringLiteral("%1: %2 '%3' shows %4 of %5 pixels across")
                                        .arg(name, control->metaObject()->className(),
                                             control->property("text").toString())
                                        .arg(shown.width())
                                        .arg(control->width())));
            }
            QVERIFY2(checked >= 1, qPrintable(name));
        }
        // Adding layers does not grow the window.
        const int layers = int(window.lastSnapshot()->dense.size());
        for (int i = 0; i < 4; ++i)
            window.builder()->addLayer();
        QTRY_COMPARE(int(window.lastSnapshot()->dense.size()), layers + 4);
        QCOMPARE(window.size(), QSize(1024, 600));
        QVERIFY(window.minimumSizeHint().height() <= 600);
    }

    void spaceAndSTrainWhereverTheFocusIs() {
        MainWindow window;
        window.resize(1280, 720); // the toolbar's boxes all in view
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // xor: no schedule, so that Play at full speed does not reach a schedule's end.
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor"));
        window.setStepsPerSecond(0);
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        // Focus in the learning-rate box, its value committed: Space plays and pauses.
        QDoubleSpinBox* rate = window.optimizerToolbar()->learningRateBox();
        rate->setFocus();
        QTRY_VERIFY(rate->hasFocus());
        QTest::keyClick(rate, Qt::Key_Space);
        QTRY_VERIFY(window.isRunning());
        QTest::keyClick(rate, Qt::Key_Space);
        QTRY_VERIFY(!window.isRunning());
        QTRY_VERIFY(!window.lastSnapshot()->running);
        // S on the optimizer's combo box steps, and does not pick "SGD".
        QComboBox* optimizer = window.optimizerToolbar()->optimizerBox();
        const int choice = optimizer->currentIndex();
        optimizer->setFocus();
        long before = window.lastSnapshot()->step;
        QTest::keyClick(optimizer, Qt::Key_S);
        QTRY_COMPARE(window.lastSnapshot()->step, before + 1);
        QCOMPARE(optimizer->currentIndex(), choice);
        // While a number is being typed, Space and S are the box's, not training's.
        QLineEdit* edit = rate->findChild<QLineEdit*>();
        QVERIFY(edit);
        rate->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("0.02"));
        QVERIFY(edit->isModified());
        before = window.lastSnapshot()->step;
        // The event filter triggers the actions synchronously: none may fire while typing.
        QSignalSpy played(window.playAction(), &QAction::triggered);
        QTest::keyClick(edit, Qt::Key_S);
        QTest::keyClick(edit, Qt::Key_Space);
        QCOMPARE(played.count(), 0);
        QCOMPARE(window.lastSnapshot()->step, before);
        QTest::keyClick(edit, Qt::Key_Return); // commits 0.02
        QCOMPARE(rate->value(), 0.02);
        QTest::keyClick(edit, Qt::Key_S); // committed: S steps again
        QTRY_COMPARE(window.lastSnapshot()->step, before + 1);
        // A click on the network view takes the focus out of the box.
        QTest::mouseClick(window.networkView(), Qt::LeftButton, {}, QPoint(3, 3));
        QTRY_VERIFY(window.networkView()->hasFocus());
    }

    void speedAndScheduleReachTheWorker() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        // spiral: Adam 0.01 on a cosine schedule over 200 epochs.
        OptimizerToolbar* bar = window.optimizerToolbar();
        QCOMPARE(bar->schedule().kind, ScheduleKind::Cosine);
        window.setStepsPerSecond(1);
        QCOMPARE(window.findChild<QSlider*>(QStringLiteral("speed"))->value(), 0);
        QCOMPARE(window.stepsPerSecond(), 1.0);
        window.setStepsPerSecond(40); // between positions: the nearest, 50
        QCOMPARE(window.stepsPerSecond(), 50.0);
        window.setStepsPerSecond(1);
        // Exponential, γ 0.5: one epoch later the rate in effect is half of η, and shown.
        Schedule halving;
        halving.kind = ScheduleKind::Exponential;
        halving.gamma = Scalar(0.5);
        QComboBox* kind = bar->scheduleBox();
        kind->setCurrentIndex(kind->findData(int(ScheduleKind::Exponential)));
        emit kind->activated(kind->currentIndex());
        for (QDoubleSpinBox* box : bar->findChildren<QDoubleSpinBox*>())
            if (box->toolTip().contains(QStringLiteral("factor γ"))) box->setValue(0.5);
        QCOMPARE(bar->schedule().gamma, Scalar(0.5));
        window.stepEpoch();
        QTRY_COMPARE(window.lastSnapshot()->epoch, 1);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->epoch, 1);
        QTRY_VERIFY(window.lastSnapshot()->step == 26);
        QCOMPARE(window.lastSnapshot()->stepsPerSecond, 1.0); // the speed reached the worker
        QCOMPARE(float(window.lastSnapshot()->learningRate), 0.005f);
        QVERIFY2(bar->rateInEffectText().contains(QStringLiteral("0.005")),
                 qPrintable(bar->rateInEffectText()));
    }

    void architectureChangeSaysItReinitialised() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        QVERIFY(window.notice().isEmpty());
        window.builder()->addLayer();
        QTRY_COMPARE(int(window.lastSnapshot()->dense.size()), 4);
        QVERIFY2(window.notice().contains(QStringLiteral("initialised afresh")),
                 qPrintable(window.notice()));
        QCOMPARE(window.lastSnapshot()->step, 0L);
        QVERIFY(window.banner().isEmpty()); // a notice, not an error
        // A notice is about what just happened: the next session clears it.
        window.reset();
        QTRY_VERIFY(window.notice().isEmpty());
        QVERIFY(!window.findChild<QLabel*>(QStringLiteral("banner"))->isVisible());
    }

    void closingWithUnsavedWorkAsks() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        int asked = 0;
        window.setSaveQuestion([&asked] {
            ++asked;
            return int(QMessageBox::Cancel);
        });
        QVERIFY(!window.hasUnsavedWork());
        QVERIFY(window.close()); // nothing to lose: no question
        QCOMPARE(asked, 0);
        window.show();
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        QVERIFY(window.hasUnsavedWork());
        QVERIFY(window.isWindowModified()); // the title's "*"
        QVERIFY(!window.close());
        QCOMPARE(asked, 1);
        QVERIFY(window.isVisible());
        // Saved: nothing to ask.
        QSignalSpy saved(&window, &MainWindow::sessionSaved);
        window.saveSession(m_dir.filePath(QStringLiteral("closing.gradscope")));
        QTRY_COMPARE(saved.count(), 1);
        QVERIFY(!window.hasUnsavedWork());
        QVERIFY(window.close());
        QCOMPARE(asked, 1);
        // Closing with Save, to a file that can no longer be written (its folder is gone): the
        // window stays open, and a later successful save does not close it.
        QDir folder(m_dir.filePath(QStringLiteral("vanishing")));
        QVERIFY(folder.mkpath(QStringLiteral(".")));
        const QString path = folder.filePath(QStringLiteral("run.gradscope"));
        saved.clear();
        window.show();
        window.saveSession(path);
        QTRY_COMPARE(saved.count(), 1);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 2L);
        QVERIFY(folder.removeRecursively());
        window.setSaveQuestion([] { return int(QMessageBox::Save); });
        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        QVERIFY(!window.close());
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(window.isVisible());
        QVERIFY(folder.mkpath(QStringLiteral(".")));
        window.saveSession(path);
        QTRY_COMPARE(saved.count(), 2);
        QTest::qWait(0);
        QVERIFY(window.isVisible());
        // Saving while playing pauses first, so that the file holds every step's loss.
        window.setStepsPerSecond(0);
        window.play();
        QTRY_VERIFY(window.lastSnapshot()->step > 10);
        window.saveSession(path);
        QTRY_COMPARE(saved.count(), 3);
        QVERIFY(!window.isRunning());
        QCOMPARE(long(window.charts()->history().stepLosses.size()), window.lastSnapshot()->step);
        MainWindow reopened;
        QTRY_VERIFY(reopened.canTrain());
        QSignalSpy opened(&reopened, &MainWindow::sessionOpened);
        reopened.openSession(path);
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(reopened.lastSnapshot()->step, window.lastSnapshot()->step);
        QCOMPARE(long(reopened.charts()->history().stepLosses.size()),
                 reopened.lastSnapshot()->step);
        // Discard closes.
        window.stepBatch();
        QTRY_VERIFY(window.hasUnsavedWork());
        window.setSaveQuestion([] { return int(QMessageBox::Discard); });
        QVERIFY(window.close());
    }

    // Opening another session (the menu, the recent list, a drop) over unsaved training asks
    // as closing does: Cancel keeps it, Discard opens, Save writes it first and then opens.
    // Points only replace the data, so they do not ask.
    void openingOverUnsavedWorkAsks() {
        const QString first = m_dir.filePath(QStringLiteral("first.gradscope"));
        const QString second = m_dir.filePath(QStringLiteral("second.gradscope"));
        {
            MainWindow maker;
            QTRY_VERIFY(maker.canTrain());
            QSignalSpy saved(&maker, &MainWindow::sessionSaved);
            maker.runSteps(3);
            QTRY_COMPARE(maker.lastSnapshot()->step, 3L);
            maker.saveSession(first);
            maker.runSteps(4);
            QTRY_COMPARE(maker.lastSnapshot()->step, 7L);
            maker.saveSession(second);
            QTRY_COMPARE(saved.count(), 2);
        }
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        int asked = 0;
        int answer = QMessageBox::Cancel;
        window.setSaveQuestion([&] {
            ++asked;
            return answer;
        });
        QSignalSpy opened(&window, &MainWindow::sessionOpened);
        window.openAsked(first); // nothing to lose: no question
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(asked, 0);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 4L);
        window.openAsked(second);
        QCOMPARE(asked, 1);
        window.stepBatch(); // still this session: step 5, nothing opened
        QTRY_COMPARE(window.lastSnapshot()->step, 5L);
        QCOMPARE(opened.count(), 1);
        // Save: the session goes to its file (first.gradscope) at step 5, then second opens.
        answer = QMessageBox::Save;
        QSignalSpy saved(&window, &MainWindow::sessionSaved);
        window.openAsked(second);
        QTRY_COMPARE(opened.count(), 2);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(window.lastSnapshot()->step, 7L);
        QCOMPARE(window.sessionPath(), second);
        MainWindow check;
        QTRY_VERIFY(check.canTrain());
        QSignalSpy checkOpened(&check, &MainWindow::sessionOpened);
        check.openSession(first);
        QTRY_COMPARE(checkOpened.count(), 1);
        QCOMPARE(check.lastSnapshot()->step, 5L);
        // Discard: opened at once.
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 8L);
        answer = QMessageBox::Discard;
        window.openAsked(first);
        QTRY_COMPARE(opened.count(), 3);
        QCOMPARE(asked, 3);
        QCOMPARE(window.lastSnapshot()->step, 5L);
        // Points: no question.
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 6L);
        const QString csv = m_dir.filePath(QStringLiteral("asked.csv"));
        writeText(csv, circlesCsv());
        window.openAsked(csv);
        QCOMPARE(asked, 3);
    }

    // Points dropped on a network that cannot take 2-D inputs (here random-regression's, of 10
    // features; MNIST's the same way) get a 2-D network, and the window says why.
    void pointsReplaceANetworkThatCannotTakeThem() {
        const QString csv = m_dir.filePath(QStringLiteral("rings.csv"));
        writeText(csv, circlesCsv());
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QVERIFY(window.loadPreset(QStringLiteral("random-regression")));
        QTRY_VERIFY(window.canTrain() &&
                    window.presetName() == QStringLiteral("random-regression"));
        QCOMPARE(window.lastSnapshot()->inputs, Index(10));
        window.importPoints(csv);
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("rings.csv"));
        QVERIFY2(window.banner().isEmpty(), qPrintable(window.banner()));
        QCOMPARE(window.lastSnapshot()->inputs, Index(2));
        QVERIFY2(window.notice().contains(QStringLiteral("points are 2-D")),
                 qPrintable(window.notice()));
        QVERIFY2(window.notice().contains(QStringLiteral("first row of rings.csv")),
                 qPrintable(window.notice()));
        // The data panel names the file, not the preset or generated set it no longer is.
        auto* data = window.findChild<DataPanel*>();
        QVERIFY(data);
        QStringList shown;
        for (const QComboBox* box : data->findChildren<QComboBox*>())
            if (box->isVisibleTo(data) && box->currentIndex() == -1)
                shown << box->placeholderText();
        QVERIFY2(shown.contains(QStringLiteral("rings.csv (imported)")),
                 qPrintable(shown.join('|')));
        QVERIFY2(shown.contains(QStringLiteral("points from rings.csv")),
                 qPrintable(shown.join('|')));
    }

    void filesOpenBySuffixDropAndRelativePath() {
        const QString csv = m_dir.filePath(QStringLiteral("rings.csv"));
        writeText(csv, circlesCsv());
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        // Unknown kinds are refused by name.
        QVERIFY(!window.openFile(m_dir.filePath(QStringLiteral("notes.txt"))));
        QVERIFY2(window.banner().contains(QStringLiteral("notes.txt")) &&
                     window.banner().contains(QStringLiteral(".onnx")),
                 qPrintable(window.banner()));
        // A dropped CSV opens as points.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(csv)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(&window, &drop);
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("rings.csv"));
        QTRY_COMPARE(window.lastSnapshot()->points->size(), std::size_t(60));
        // Its first row was a header, and the window says so; a file without one says nothing.
        QVERIFY2(window.notice().contains(QStringLiteral("first row of rings.csv (x1, x2, label)")),
                 qPrintable(window.notice()));
        const QString bare = m_dir.filePath(QStringLiteral("bare.csv"));
        writeText(bare, circlesCsv().mid(circlesCsv().indexOf('\n') + 1));
        window.importPoints(bare);
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("bare.csv"));
        QCOMPARE(window.lastSnapshot()->points->size(), std::size_t(60));
        QVERIFY2(!window.notice().contains(QStringLiteral("first row")),
                 qPrintable(window.notice()));
        // A session saved by a relative path is remembered by its absolute one.
        const QString cwd = QDir::currentPath();
        QDir::setCurrent(m_dir.path());
        QSignalSpy saved(&window, &MainWindow::sessionSaved);
        window.saveSession(QStringLiteral("relative.gradscope"));
        QTRY_COMPARE(saved.count(), 1);
        QDir::setCurrent(cwd);
        const QString absolute = m_dir.filePath(QStringLiteral("relative.gradscope"));
        QCOMPARE(window.sessionPath(), absolute);
        QCOMPARE(QSettings().value(QStringLiteral("recentSessions")).toStringList().value(0),
                 absolute);
        // And opens again from another folder.
        MainWindow other;
        QTRY_VERIFY(other.canTrain());
        QSignalSpy opened(&other, &MainWindow::sessionOpened);
        QVERIFY(other.openFile(absolute));
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(other.lastSnapshot()->points->size(), std::size_t(60));
    }

    // Train › Threads: the engine takes the choice at once, and the next window keeps it.
    // Train › Device lists the CPU (chosen) and each GPU; without one, a greyed entry says why,
    // and asking for a GPU anyway is refused with that reason while training stays on the CPU.
    void deviceMenuExplainsAMissingGpu() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QMenu* menu = nullptr;
        for (QAction* top : window.menuBar()->actions())
            if (top->menu() && top->text() == QStringLiteral("&Train"))
                for (QAction* a : top->menu()->actions())
                    if (a->menu() && a->text() == QStringLiteral("&Device")) menu = a->menu();
        QVERIFY(menu);
        QCOMPARE(window.device(), QStringLiteral("cpu"));
        QAction* cpu = menu->actions().value(0);
        QVERIFY(cpu && cpu->data().toString() == QStringLiteral("cpu") && cpu->isEnabled());
        const GpuList gpus = listGpus();
        if (!gpus.gpus.empty()) {
            QCOMPARE(menu->actions().size(), 1 + qsizetype(gpus.gpus.size()));
            QSKIP("this machine has a GPU: there is no refusal to show");
        }
        QAction* none = menu->findChild<QAction*>(QStringLiteral("noGpu"));
        QVERIFY(none);
        QVERIFY(!none->isEnabled());
        QCOMPARE(none->toolTip(), QString::fromStdString(gpus.reason));
        QVERIFY(none->text().startsWith(QStringLiteral("GPU: ")));
        QVERIFY2(none->text().size() < 60, qPrintable(none->text())); // fits a menu
        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        window.setDevice(QStringLiteral("cuda:0"));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QString::fromStdString(gpus.reason)));
        QCOMPARE(window.device(), QStringLiteral("cpu"));
        cpu->trigger(); // choosing the CPU again is accepted and said
        QTRY_COMPARE(QSettings().value(QStringLiteral("device")).toString(), QStringLiteral("cpu"));
    }

    // File › Export model (PyTorch script, ONNX) and File › Open of a model: the worker writes
    // the program and the data beside it, from where the run is, and the window says where
    // and how to run it; a place that cannot be written is a failure with the reason, and
    // nothing is written. An ONNX export opens again as the same network and weights.
    void modelsExportAndOpen() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor"));
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        QMenu* model = window.menuBar()->findChild<QMenu*>(QStringLiteral("exportModel"));
        QVERIFY(model);
        QCOMPARE(model->actions().size(), 4);
        QVERIFY(model->actions().value(0)->text().contains(QStringLiteral("PyTorch")));

        QSignalSpy exported(&window, &MainWindow::exported);
        const QString script = m_dir.filePath(QStringLiteral("export/xor.py"));
        window.exportModel(script, MainWindow::ModelFormat::PyTorch);
        QTRY_COMPARE(exported.count(), 1);
        const QStringList files = exported.at(0).at(0).toStringList();
        QCOMPARE(files.value(0), script);
        QCOMPARE(files.size(), 3); // the script, and the training and test points
        for (const QString& f : files)
            QVERIFY2(QFileInfo::exists(f), qPrintable(f));
        QFile text(script);
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QByteArray py = text.readAll();
        QVERIFY(py.contains("nn.Sequential(") && py.contains("STEPS_TAKEN = 1\n"));
        QVERIFY2(window.notice().contains(QStringLiteral("python3 xor.py")),
                 qPrintable(window.notice() + QStringLiteral(" | banner: ") + window.banner()));

        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        const QString blocked = m_dir.filePath(QStringLiteral("export/xor.py/inside.py"));
        window.exportModel(blocked, MainWindow::ModelFormat::Torchrun);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(failed.at(0).at(0).toString().startsWith(QStringLiteral("Could not export")),
                 qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(!QFileInfo::exists(blocked));
        QCOMPARE(exported.count(), 1);

        // Keras: the script, the TensorFlow.js model and the points.
        const QString keras = m_dir.filePath(QStringLiteral("keras/xor.py"));
        window.exportModel(keras, MainWindow::ModelFormat::Keras);
        QTRY_COMPARE(exported.count(), 2);
        const QStringList kerasFiles = exported.at(1).at(0).toStringList();
        QCOMPARE(kerasFiles.value(0), keras);
        QVERIFY(kerasFiles.contains(m_dir.filePath(QStringLiteral("keras/xor.tfjs/model.json"))));
        QVERIFY(kerasFiles.contains(m_dir.filePath(QStringLiteral("keras/xor.train.csv"))));
        for (const QString& f : kerasFiles)
            QVERIFY2(QFileInfo::exists(f), qPrintable(f));
        QVERIFY(window.notice().contains(QStringLiteral("TensorFlow.js")));
        exported.clear();

        // ONNX out, and back in as a model: the same network and weights, on the data shown,
        // not a session (Save asks for a name and does not write over the model).
        if (!onnxAvailable()) QSKIP("this build has no ONNX");
        const QString onnx = m_dir.filePath(QStringLiteral("export/xor.onnx"));
        window.exportModel(onnx, MainWindow::ModelFormat::Onnx);
        QTRY_COMPARE(exported.count(), 1);
        QCOMPARE(exported.at(0).at(0).toStringList(), QStringList{onnx});
        QVERIFY(window.notice().contains(QStringLiteral("Netron")));
        const std::vector<LayerSpec> layers = window.builder()->layers();
        const LoadedModel written = loadOnnx(onnx.toStdString());
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 2L);
        QSignalSpy opened(&window, &MainWindow::sessionOpened);
        QVERIFY(window.openFile(onnx));
        QTRY_COMPARE(opened.count(), 1);
        QTRY_COMPARE(window.lastSnapshot()->step, 0L);
        QVERIFY(window.builder()->layers() == layers);
        QCOMPARE(window.sessionPath(), QString());
        QVERIFY(window.hasUnsavedWork());
        QVERIFY2(window.notice().contains(QStringLiteral("Opened the model xor.onnx")),
                 qPrintable(window.notice()));
        QVERIFY(window.canTrain());
        // Its weights, not fresh ones: the first layer's weight as written.
        const std::vector<float>& shown = window.lastSnapshot()->dense.at(0).weight;
        const Tensor& saved = written.model.weight(0)->value;
        QCOMPARE(Index(shown.size()), saved.numel());
        for (Index i = 0; i < saved.numel(); ++i)
            QCOMPARE(shown[std::size_t(i)], float(saved[i]));

        // A model whose input fits no data here is refused with the reason.
        Sequential three({LayerSpec::linear(3, 2)});
        const QString odd = m_dir.filePath(QStringLiteral("three.onnx"));
        saveOnnx(odd.toStdString(), three, Shape{3});
        failed.clear();
        QVERIFY(window.openFile(odd));
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("fits none of the data")),
                 qPrintable(failed.at(0).at(0).toString()));
    }

    void threadsMenuSetsTheEngineAndIsKept() {
        const auto threadsMenu = [](MainWindow& window) -> QMenu* {
            for (QAction* top : window.menuBar()->actions())
                if (top->menu() && top->text() == QStringLiteral("&Train"))
                    for (QAction* a : top->menu()->actions())
                        if (a->menu() && a->text() == QStringLiteral("T&hreads")) return a->menu();
            return nullptr;
        };
        const auto choice = [](QMenu* menu, int threads) -> QAction* {
            for (QAction* a : menu->actions())
                if (a->data().toInt() == threads) return a;
            return nullptr;
        };
        {
            MainWindow window;
            QCOMPARE(window.threads(), 0); // every core by default
            QCOMPARE(threadCount(), hardwareThreads());
            QMenu* menu = threadsMenu(window);
            QVERIFY(menu);
            QVERIFY(choice(menu, 0));
            QVERIFY(choice(menu, 0)->text().contains(QString::number(hardwareThreads())));
            QAction* one = choice(menu, 1);
            if (hardwareThreads() == 1) QSKIP("one core: the menu offers nothing else");
            QVERIFY(one);
            one->trigger();
            QCOMPARE(window.threads(), 1);
            QCOMPARE(threadCount(), 1);
        }
        setThreadCount(0); // as a new process would start
        MainWindow again;
        QCOMPARE(again.threads(), 1);
        QCOMPARE(threadCount(), 1);
        choice(threadsMenu(again), 0)->trigger();
        QCOMPARE(threadCount(), hardwareThreads());
        QCOMPARE(QSettings().value(QStringLiteral("threads")).toInt(), 0);
    }

    void presenterModeAndOneEnlargedView() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        const qreal normal = QApplication::font().pointSizeF();
        window.setPresenterMode(true);
        QCOMPARE(window.networkView()->font().pointSizeF(), QApplication::font().pointSizeF());
        QVERIFY(window.presenterMode());
        QVERIFY(window.controlsHidden());
        QVERIFY(!window.views().dock(QStringLiteral("data"))->isVisible());
        QVERIFY(!window.optimizerToolbar()->isVisible());
        QVERIFY(window.textScale() >= 150);
        QVERIFY(QApplication::font().pointSizeF() >= normal * 1.49);
        // The views at the bottom give the network and the output two thirds of the height.
        QTRY_VERIFY2(window.views().dock(QStringLiteral("charts"))->height() <=
                         window.height() * 0.4,
                     qPrintable(QStringLiteral("%1 of %2")
                                    .arg(window.views().dock(QStringLiteral("charts"))->height())
                                    .arg(window.height())));
        // The docks' title bars fold away; shown again (Ctrl+H), they follow the text scale.
        const auto titles = [&window] {
            QList<DockTitleBar*> all;
            for (const ViewEntry& v : window.views().views())
                if (v.dock) all.append(qobject_cast<DockTitleBar*>(v.dock->titleBarWidget()));
            return all;
        };
        QVERIFY(!titles().isEmpty());
        for (DockTitleBar* t : titles()) {
            QVERIFY(t);
            QVERIFY(t->folded());
            QCOMPARE(t->height(), 0);
        }
        window.setControlsHidden(false);
        for (DockTitleBar* t : titles()) {
            QVERIFY(!t->folded());
            QCOMPARE(t->findChild<QLabel*>()->font().pointSizeF(),
                     QApplication::font().pointSizeF());
        }
        window.setControlsHidden(true);
        window.setTextScale(300); // clamped
        QCOMPARE(window.textScale(), 250);
        window.setPresenterMode(false);
        QVERIFY(!window.controlsHidden());
        QVERIFY(window.views().dock(QStringLiteral("data"))->isVisible());
        QCOMPARE(QApplication::font().pointSizeF(), normal);
        // One view alone, then every view again, each at the size it had.
        const auto sizes = [&window] {
            QList<QSize> all;
            for (const ViewEntry& v : window.views().views())
                all.append(v.dock ? v.dock->size() : v.widget->size());
            return all;
        };
        QApplication::processEvents();
        const QList<QSize> before = sizes();
        window.enlargeView(QStringLiteral("charts"));
        QCOMPARE(window.enlargedView(), QStringLiteral("charts"));
        QTRY_VERIFY(visibleInWindow(window.charts(), 600, 300));
        QVERIFY(!window.networkView()->isVisible());
        QVERIFY(!window.views().dock(QStringLiteral("graph"))->isVisible());
        QVERIFY(window.showView(QStringLiteral("network")));
        QVERIFY(window.enlargedView().isEmpty());
        QTRY_VERIFY(window.networkView()->isVisible());
        QVERIFY(window.views().dock(QStringLiteral("graph"))->isVisible());
        QTRY_COMPARE(sizes(), before);
    }

    // Long stepping shows a progress bar with Cancel; Cancel stops it and says how far it
    // got; closing the window in the middle of it stops it too (the window's destructor would
    // otherwise wait for a billion steps, and the test would time out).
    void longSteppingCancelsAndCloses() {
        auto window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTRY_VERIFY(window->canTrain());
        auto* busy = window->findChild<QProgressBar*>();
        QPushButton* cancel = nullptr;
        for (QPushButton* b : window->statusBar()->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Cancel")) cancel = b;
        QVERIFY(busy && cancel);
        // xor: no schedule, so its end cannot come first and say something else.
        QVERIFY(window->loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window->canTrain() && window->presetName() == QStringLiteral("xor"));
        window->runSteps(1'000'000'000);
        QTRY_VERIFY(busy->isVisible() && cancel->isVisible());
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("1000000000")));
        cancel->click();
        QTRY_VERIFY(!busy->isVisible());
        QVERIFY(window->lastSnapshot()->step < 1'000'000'000);
        QTRY_VERIFY(window->notice().contains(QStringLiteral("Stopped after")));
        window->runSteps(1'000'000'000);
        QTRY_VERIFY(busy->isVisible());
        window.reset(); // closes mid-way
    }

    void guideAndAbout() {
        MainWindow window;
        QAction* guide = nullptr;
        for (QAction* a : window.findChildren<QAction*>())
            if (a->text() == QStringLiteral("Gradscope &guide")) guide = a;
        QVERIFY(guide);
        QCOMPARE(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
        guide->trigger();
        QTextBrowser* browser = window.findChild<QTextBrowser*>(QStringLiteral("guide"));
        QVERIFY(browser);
        // docs/app.md, compiled in, with its pictures.
        QVERIFY(browser->toPlainText().contains(QStringLiteral("Presenter mode")));
        QVERIFY(browser->toPlainText().contains(QStringLiteral("Step through one training step")));
        const QVariant picture = browser->document()->resource(
            QTextDocument::ImageResource, QUrl(QStringLiteral("qrc:/docs/screenshots/spiral.png")));
        QVERIFY(picture.isValid());
        // The 1280-pixel screenshots fit the page, at its first size and after the dialog is
        // made narrower (code lines may be wider; pictures never are).
        QWidget* dialog = browser->window();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const auto widestPicture = [browser] {
            qreal widest = 0;
            int pictures = 0;
            for (QTextBlock b = browser->document()->begin(); b.isValid(); b = b.next())
                for (auto f = b.begin(); !f.atEnd(); ++f) {
                    const QTextCharFormat format = f.fragment().charFormat();
                    if (!format.isImageFormat()) continue;
                    const QVariant resource = browser->document()->resource(
                        QTextDocument::ImageResource, QUrl(format.toImageFormat().name()));
                    const QImage image = resource.userType() == QMetaType::QByteArray
                                             ? QImage::fromData(resource.toByteArray())
                                             : resource.value<QImage>();
                    if (image.isNull()) return 1e9; // a picture that did not load
                    widest = std::max(widest, image.width() / image.devicePixelRatio());
                    ++pictures;
                }
            return pictures >= 5 ? widest : 1e9;
        };
        for (const int width : {dialog->width(), 600}) {
            dialog->resize(width, dialog->height());
            QTRY_VERIFY(browser->width() <= width && browser->width() > width - 60);
            QTRY_VERIFY2(widestPicture() <= browser->viewport()->width(),
                         qPrintable(QString::number(widestPicture())));
        }
    }

    // Every transition leaves every view on the session that is on screen now.
    void everyViewFollowsTheSession() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        QVERIFY(window.showView(QStringLiteral("graph")));
        QVERIFY(window.showView(QStringLiteral("step")));
        const auto current = [&window](long step) {
            const SnapshotPtr s = window.lastSnapshot();
            QVERIFY(s && s->step == step);
            QCOMPARE(window.networkView()->snapshot(), s);
            QCOMPARE(window.outputView()->snapshot(), s);
            QCOMPARE(window.dataPreview().isNull(), false);
            QCOMPARE(long(window.charts()->history().stepLosses.size()), step);
            // The optimizer panel: this session's optimizer, its step count and parameters.
            const OptimizerPanel* optimizer = window.optimizerPanel();
            QVERIFY(optimizer->header().contains(QString::fromStdString(s->optimizer)));
            QVERIFY(
                optimizer->header().contains(QStringLiteral("%1 steps").arg(s->optimizerSteps)));
            QCOMPARE(optimizer->table()->rowCount(), int(s->parameters.size()));
            for (int row = 0; row < optimizer->table()->rowCount(); ++row)
                QCOMPARE(optimizer->table()->item(row, 0)->text(),
                         QString::fromStdString(s->parameters[std::size_t(row)].name));
            if (window.graphView()->trace()) {
                QVERIFY(window.graphView()->trace()->step <= step);
            }
            if (window.stepThrough()->trace()) {
                QVERIFY(window.stepThrough()->trace()->step <= step);
            }
        };
        // Step with the graph showing: the graph is of that step.
        window.stepBatch();
        QTRY_VERIFY(window.lastSnapshot()->step == 1 && window.graphView()->trace());
        QTRY_COMPARE(window.graphView()->trace()->step, 1L);
        current(1);
        // Step epoch: the graph follows to the epoch's last step.
        window.stepEpoch();
        QTRY_COMPARE(window.lastSnapshot()->epoch, 1);
        QTRY_COMPARE(window.graphView()->trace()->step, window.lastSnapshot()->step);
        current(window.lastSnapshot()->step);
        // A traced step for the step-through.
        QSignalSpy traced(&window, &MainWindow::traced);
        window.traceStep();
        QTRY_COMPARE(traced.count(), 1);
        QVERIFY(window.stepThrough()->trace());
        // Reset: nothing of the old run stays.
        window.reset();
        QTRY_COMPARE(window.lastSnapshot()->step, 0L);
        current(0);
        QVERIFY(!window.stepThrough()->trace());
        QVERIFY(!window.graphView()->trace());
        QVERIFY(!window.landscapeView()->landscape());
        // Preset change.
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        window.traceStep();
        QTRY_COMPARE(traced.count(), 2);
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->step == 0 &&
                    window.lastSnapshot()->dense.front().out != 16);
        current(0);
        QVERIFY(!window.stepThrough()->trace());
        QVERIFY(!window.graphView()->trace());
        QCOMPARE(window.dataPanel()->presetBox()->currentText(), QStringLiteral("xor"));
        // Architecture change and its undo.
        const int layers = int(window.lastSnapshot()->dense.size());
        window.builder()->addLayer();
        QTRY_COMPARE(int(window.lastSnapshot()->dense.size()), layers + 1);
        current(0);
        window.builder()->undoStack()->undo();
        QTRY_COMPARE(int(window.lastSnapshot()->dense.size()), layers);
        current(0);
        // Opening a session: its step, its history, nothing of what was on screen.
        window.stepEpoch();
        QTRY_COMPARE(window.lastSnapshot()->epoch, 1);
        const long saved = window.lastSnapshot()->step;
        const QString path = m_dir.filePath(QStringLiteral("follow.gradscope"));
        QSignalSpy written(&window, &MainWindow::sessionSaved);
        window.saveSession(path);
        QTRY_COMPARE(written.count(), 1);
        window.stepBatch();
        window.traceStep();
        QTRY_COMPARE(traced.count(), 3);
        QVERIFY(window.loadPreset(QStringLiteral("spiral")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("spiral"));
        QSignalSpy opened(&window, &MainWindow::sessionOpened);
        window.openSession(path);
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(window.presetName(), QStringLiteral("xor"));
        current(saved);
        QVERIFY(!window.stepThrough()->trace());
        QVERIFY(!window.graphView()->trace());
        QCOMPARE(window.dataPanel()->presetBox()->currentText(), QStringLiteral("xor"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
