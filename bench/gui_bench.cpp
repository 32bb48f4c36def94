// gradscope-bench-gui: the app's live-training figures, measured in the real main window.
//
//   gradscope-bench-gui toy SECONDS     6 hidden tanh layers of 8 on the Playground spiral set-up
//                                       (500 points, 50/50, batch 10), every view on
//   gradscope-bench-gui mnist SECONDS   the mnist-mlp preset (needs MNIST), every view on
//   gradscope-bench-gui toy|mnist SECONDS norecord
//                                       the same without the timeline's recording (to measure
//                                       what recording costs)
//   gradscope-bench-gui toy|mnist SECONDS compare
//                                       a long run first (toy 800,000 steps, mnist 30,000), then
//                                       back to step 100 and a branch, with the Compare runs tab
//                                       shown: the earlier run is replayed beside this one at
//                                       every snapshot for the whole measurement
//
// Plays for SECONDS and prints one JSON object: training steps/s and samples/s, epochs/s,
// snapshots drawn per second (the network view's repaints), and the longest stall of the GUI
// thread (the largest gap between ticks of a 5 ms timer, minus 5 ms).
#include "ChartsPanel.h"
#include "MainWindow.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <string>

namespace {

// Times every event the GUI thread dispatches at the outermost level, and keeps the slowest
// one's receiver and type: what the worst stall was spent on.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool measuring = false;
    qint64 slowestNs = 0;
    QString slowest;
    bool notify(QObject* receiver, QEvent* event) override {
        if (!measuring || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer timer;
        timer.start();
        // The event and the receiver may be gone afterwards (deleteLater).
        const int type = int(event->type());
        const char* className = receiver->metaObject()->className();
        const bool result = QApplication::notify(receiver, event);
        const qint64 ns = timer.nsecsElapsed();
        --m_depth;
        if (ns > slowestNs) {
            slowestNs = ns;
            slowest = QStringLiteral("%1 to %2").arg(type).arg(QString::fromLatin1(className));
        }
        return result;
    }

private:
    int m_depth = 0;
};

class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject* object, QEvent* event) override {
        if (event->type() == QEvent::Paint) ++paints;
        return QObject::eventFilter(object, event);
    }
};

} // namespace

int main(int argc, char* argv[]) {
    TimedApplication app(argc, argv);
    const std::string mode = argc == 4 ? argv[3] : "";
    const bool record = mode != "norecord";
    const bool compare = mode == "compare";
    if (argc < 3 || argc > 4 || (argc == 4 && mode != "norecord" && !compare) ||
        (std::string(argv[1]) != "toy" && std::string(argv[1]) != "mnist")) {
        std::fprintf(stderr, "usage: gradscope-bench-gui toy|mnist SECONDS [norecord|compare]\n");
        return 2;
    }
    const bool toy = std::string(argv[1]) == "toy";
    const double seconds = std::stod(argv[2]);

    QStandardPaths::setTestModeEnabled(true); // the user's settings stay out of it
    gs::ui::MainWindow window;
    window.resize(1280, 900);
    window.setStepsPerSecond(0); // full speed
    window.setRecording(record);
    window.show();
    if (!window.loadPreset(toy ? QStringLiteral("playground-spiral") : QStringLiteral("mnist-mlp")))
        return 1;
    if (toy) { // 2-8-8-1 → six hidden layers of 8
        for (int i = 0; i < 4; ++i)
            window.builder()->addLayer();
    }
    QObject::connect(&window, &gs::ui::MainWindow::trainingFailed, &app,
                     [&app](const QString& message) {
                         std::fprintf(stderr, "gradscope-bench-gui: %s\n", qPrintable(message));
                         app.exit(1);
                     });

    PaintCounter counter;
    window.networkView()->installEventFilter(&counter);
    QElapsedTimer clock, tick;
    qint64 worstGapNs = 0;
    QTimer ticker;
    ticker.setInterval(5);
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        if (tick.isValid()) worstGapNs = std::max(worstGapNs, tick.nsecsElapsed());
        tick.restart();
    });

    long firstStep = -1;
    int paintsAtStart = 0;
    bool measuring = false, done = false;
    // compare: 0 train a long run, 1 back to 100, 2 branch, 3 the tab shown, then play.
    int stage = compare ? 0 : 3;
    const long longRun = toy ? 800'000 : 30'000;
    QObject::connect(&window, &gs::ui::MainWindow::snapshotShown, &app, [&](long step) {
        const gs::ui::SnapshotPtr s = window.lastSnapshot();
        if (done) return;
        if (!measuring) {
            if (!window.canTrain() || (toy && s->dense.size() != 7)) return;
            if (stage == 0) {
                stage = 1;
                window.runSteps(longRun);
                return;
            }
            if (stage == 1) {
                if (step != longRun) return;
                stage = 2;
                window.seekTo(100);
                return;
            }
            if (stage == 2) {
                if (step != 100 || !s->inPast) return;
                stage = 3;
                window.branchHere(false);
                window.showView(QStringLiteral("compare"));
                return;
            }
            if (compare && !s->earlier) return;
            if (!window.isRunning()) {
                window.play();
                return;
            }
            if (!s->running) return;
            measuring = true;
            firstStep = step;
            paintsAtStart = counter.paints;
            clock.start();
            ticker.start();
            app.measuring = true;
            return;
        }
        if (clock.nsecsElapsed() * 1e-9 < seconds) return;
        const double elapsed = clock.nsecsElapsed() * 1e-9;
        const double steps = double(step - firstStep);
        const double batch = toy ? 10 : 64;
        const double perEpoch = double(s->batchesPerEpoch);
        std::printf("{\"workload\":\"%s\",\"seconds\":%.3f,\"steps_per_s\":%.1f,"
                    "\"samples_per_s\":%.1f,\"epochs_per_s\":%.2f,\"frames_per_s\":%.1f,"
                    "\"worst_gui_stall_ms\":%.1f,\"slowest_event_ms\":%.1f,"
                    "\"slowest_event\":\"%s\"}\n",
                    compare ? (toy ? "toy, Compare runs shown" : "mnist-mlp, Compare runs shown")
                    : toy
                        ? (record ? "toy 2-8x6-1 tanh, all views" : "toy, all views, no recording")
                        : (record ? "mnist-mlp, all views" : "mnist-mlp, all views, no recording"),
                    elapsed, steps / elapsed, steps * batch / elapsed, steps / perEpoch / elapsed,
                    (counter.paints - paintsAtStart) / elapsed,
                    std::max<qint64>(0, worstGapNs - 5'000'000) * 1e-6, app.slowestNs * 1e-6,
                    qPrintable(app.slowest));
        done = true;
        window.pause();
        app.exit(0);
    });
    return app.exec();
}
