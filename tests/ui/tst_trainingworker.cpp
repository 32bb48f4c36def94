// The training worker driven directly in the test thread: Play's pacing at a set speed, live
// schedule changes, the pause and notice at a schedule's end, a typed η after it, and the
// schedule's origin in a saved session; and once on a thread of its own, as in the app. Counts
// steps and snapshots; never measures time.
#include "FakeMnist.h"
#include "ThreadHandOff.h"
#include "TrainingWorker.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <numbers>

using namespace gs;
using namespace gs::ui;

namespace {

ui::SessionSetup presetSetup(const char* name) {
    const Experiment* preset = findPreset(name);
    Q_ASSERT(preset);
    ui::SessionSetup setup;
    setup.experiment = *preset;
    return setup;
}

// spiral (Adam 0.01, 25 batches an epoch) with the given schedule.
ui::SessionSetup spiralWith(const Schedule& schedule) {
    ui::SessionSetup setup = presetSetup("spiral");
    setup.experiment.train.schedule = schedule;
    return setup;
}

Schedule cosine(int maxEpochs) {
    Schedule s;
    s.kind = ScheduleKind::Cosine;
    s.maxEpochs = maxEpochs;
    return s;
}

// Keeps every snapshot the worker sends and acknowledges it at once, as the window does once
// it has drawn one.
struct SignalLog {
    explicit SignalLog(TrainingWorker& worker) {
        const auto keep = [this, &worker](const SnapshotPtr& s) {
            snapshots.push_back(s);
            worker.acknowledge();
        };
        QObject::connect(&worker, &TrainingWorker::loaded, keep);
        QObject::connect(&worker, &TrainingWorker::snapshotReady, keep);
        QObject::connect(&worker, &TrainingWorker::notice,
                         [this](const QString& message) { notices.push_back(message); });
        QObject::connect(&worker, &TrainingWorker::runningChanged,
                         [this](bool on) { running = on; });
    }
    const Snapshot& last() const { return *snapshots.back(); }
    long playingSnapshots() const {
        return long(std::count_if(snapshots.begin(), snapshots.end(),
                                  [](const SnapshotPtr& s) { return s->running; }));
    }

    std::vector<SnapshotPtr> snapshots;
    QStringList notices;
    bool running = false;
};

// What the views draw from two snapshots, compared exactly; "" when the same.
QString viewDifference(const Snapshot& a, const Snapshot& b) {
    if (a.step != b.step || a.epoch != b.epoch || a.batchInEpoch != b.batchInEpoch)
        return QStringLiteral("counters");
    if (a.dense.size() != b.dense.size()) return QStringLiteral("layers");
    for (std::size_t i = 0; i < a.dense.size(); ++i) {
        const DenseLayer &x = a.dense[i], &y = b.dense[i];
        if (x.weight != y.weight || x.bias != y.bias) return QStringLiteral("weights");
        if (x.weightGrad != y.weightGrad || x.biasGrad != y.biasGrad)
            return QStringLiteral("gradients");
        if (x.weightUpdate != y.weightUpdate || x.biasUpdate != y.biasUpdate)
            return QStringLiteral("updates");
    }
    if (a.unitMaps != b.unitMaps || a.outputMap != b.outputMap || a.outputClass != b.outputClass)
        return QStringLiteral("maps");
    if (a.confusion != b.confusion) return QStringLiteral("confusion matrix");
    if (a.digits.size() != b.digits.size()) return QStringLiteral("digits");
    for (std::size_t i = 0; i < a.digits.size(); ++i)
        if (a.digits[i].predicted != b.digits[i].predicted) return QStringLiteral("digits");
    if (a.learningRate != b.learningRate || a.optimizerSteps != b.optimizerSteps ||
        a.scheduleEpoch != b.scheduleEpoch)
        return QStringLiteral("optimizer");
    if (a.parameters.size() != b.parameters.size()) return QStringLiteral("parameters");
    for (std::size_t i = 0; i < a.parameters.size(); ++i) {
        const ParameterState &x = a.parameters[i], &y = b.parameters[i];
        if (x.weightNorm != y.weightNorm || x.gradNorm != y.gradNorm ||
            x.updateNorm != y.updateNorm || x.buffers.size() != y.buffers.size())
            return QStringLiteral("optimizer panel");
        for (std::size_t k = 0; k < x.buffers.size(); ++k)
            if (x.buffers[k].norm != y.buffers[k].norm) return QStringLiteral("optimizer state");
    }
    if (a.skips.size() != b.skips.size()) return QStringLiteral("skips");
    for (std::size_t i = 0; i < a.skips.size(); ++i)
        if (a.skips[i].gradient != b.skips[i].gradient) return QStringLiteral("skip gradient");
    return {};
}

double cosineRate(double base, int epoch, int maxEpochs) {
    return base * (1 + std::cos(std::numbers::pi * epoch / maxEpochs)) / 2;
}

} // namespace

class TestTrainingWorker : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A drawing is always answered, with nothing where the session has no images (the window
    // sends one request at a time and waits for the answer before the next).
    void aDrawingIsAlwaysAnswered() {
        qRegisterMetaType<DrawingPtr>();
        TrainingWorker worker;
        QList<DrawingPtr> answers;
        QObject::connect(&worker, &TrainingWorker::drawingExplained,
                         [&](const DrawingPtr& d) { answers.push_back(d); });
        worker.explainDrawing(std::vector<float>(784, 0.5f), -1); // nothing loaded
        worker.load(presetSetup("xor"));
        worker.explainDrawing(std::vector<float>(784, 0.5f), -1); // 2-D points
        QCOMPARE(answers.size(), 2);
        QVERIFY(!answers[0] && !answers[1]);
    }

    // The timeline: a worker sent back to step k publishes what a worker that stopped at
    // step k publishes, view by view, with the graph's trace of that step; Step then goes on
    // from the run's end.
    void seekShowsWhatAFreshRunShows_data() {
        QTest::addColumn<QString>("preset");
        QTest::newRow("spiral") << "spiral";
        QTest::newRow("deep-residual") << "deep-residual"; // skip arcs
        QTest::newRow("mnist-mlp") << "mnist-mlp";
    }
    void seekShowsWhatAFreshRunShows() {
        QFETCH(QString, preset);
        QTemporaryDir dir;
        test::writeFakeMnistSet(dir.path(), 200, 40);
        ui::SessionSetup setup = presetSetup(qPrintable(preset));
        setup.dataDir = dir.path().toStdString();
        qRegisterMetaType<StepTracePtr>();
        TrainingWorker run;
        SignalLog r(run);
        QList<StepTracePtr> traces;
        QObject::connect(&run, &TrainingWorker::graphTraced,
                         [&](const StepTracePtr& t) { traces.push_back(t); });
        run.load(setup);
        run.setGraphLive(true);
        run.stepMany(40);
        QCOMPARE(r.last().step, 40L);
        QCOMPARE(r.last().recordedLast, 40L);
        for (const long k : {13L, 0L, 27L}) {
            run.seek(k);
            QCOMPARE(r.last().step, k);
            QCOMPARE(r.last().inPast, true);
            if (k > 0) {
                QVERIFY(!traces.isEmpty());
                QCOMPARE(traces.back()->step, k);
            }
            TrainingWorker fresh;
            SignalLog f(fresh);
            fresh.load(setup);
            if (k > 0) fresh.stepMany(k);
            const QString d = viewDifference(r.last(), f.last());
            QVERIFY2(d.isEmpty(), qPrintable(QStringLiteral("step %1: %2").arg(k).arg(d)));
        }
        run.stepBatch();
        QCOMPARE(r.last().step, 41L);
        QCOMPARE(r.last().inPast, false);
        TrainingWorker fresh;
        SignalLog f(fresh);
        fresh.load(setup);
        fresh.stepMany(41);
        const QString d = viewDifference(r.last(), f.last());
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }

    void fullSpeedByDefault() {
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(presetSetup("xor"));
        QCOMPARE(r.snapshots.size(), std::size_t(1));
        QCOMPARE(r.last().stepsPerSecond, 0.0);
    }

    // At 30 steps a second or slower, every step is published: the snapshots taken while
    // playing show steps 1, 2, 3, ... with none left out, and pausing adds none unseen.
    void slowPlayPublishesEveryStep_data() {
        QTest::addColumn<double>("speed");
        QTest::newRow("1 step/s") << 1.0;
        QTest::newRow("20 steps/s") << 20.0;
        QTest::newRow("30 steps/s") << 30.0;
    }
    void slowPlayPublishesEveryStep() {
        QFETCH(double, speed);
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(presetSetup("spiral"));
        worker.setStepsPerSecond(speed);
        worker.play();
        QVERIFY(r.running);
        const long wanted = speed < 2 ? 3 : 8;
        QTRY_VERIFY_WITH_TIMEOUT(r.playingSnapshots() >= wanted, 20000);
        worker.pause();
        QVERIFY(!r.running);
        long expected = 1;
        for (const SnapshotPtr& s : r.snapshots) {
            if (!s->running) continue;
            QCOMPARE(s->step, expected++);
            QCOMPARE(s->stepsPerSecond, speed);
            QCOMPARE(s->stepLosses.size(), std::size_t(1)); // that step's loss, and only it
        }
        QCOMPARE(r.last().step, expected - 1); // no step taken that was not shown
    }

    // At full speed the graph is traced a few times a second, so it lags the model; pausing
    // traces the last step for it, and the graph then shows the step the other views show.
    void pauseTracesTheGraphsStep() {
        TrainingWorker worker;
        SignalLog r(worker);
        StepTracePtr graph;
        QObject::connect(&worker, &TrainingWorker::graphTraced,
                         [&graph](const StepTracePtr& t) { graph = t; });
        worker.load(spiralWith(Schedule{})); // constant: Play never stops by itself
        worker.setGraphLive(true);
        worker.play();
        QTRY_VERIFY(graph && r.last().step > graph->step + 50);
        worker.pause();
        QVERIFY(!r.running);
        QCOMPARE(graph->step, r.last().step);
        // Paused already: nothing more is traced or taken.
        const long at = r.last().step;
        worker.pause();
        QCOMPARE(r.last().step, at);
    }

    // Many steps report how far they are after a quarter of a second, and Cancel stops them at
    // the next step, keeping the steps taken and saying so.
    void longSteppingReportsProgressAndCancels() {
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(spiralWith(Schedule{}));
        QList<qint64> done;
        QObject::connect(&worker, &TrainingWorker::steppingProgress,
                         [&](qint64 steps, qint64 total) {
                             QCOMPARE(total, qint64(1'000'000'000));
                             done.append(steps);
                             if (done.size() == 2) worker.cancelLongWork();
                         });
        QSignalSpy cancelled(&worker, &TrainingWorker::cancelled);
        worker.beginLongWork();
        worker.stepMany(1'000'000'000); // returns once cancelled
        QCOMPARE(done.size(), 2);
        QVERIFY(done[0] > 0 && done[1] > done[0]);
        QCOMPARE(cancelled.count(), 1);
        const QString message = cancelled[0][0].toString();
        QVERIFY2(message.contains(QStringLiteral("Stopped after")), qPrintable(message));
        QVERIFY(r.last().step >= done[1] && r.last().step < 1'000'000'000);
        QVERIFY(message.contains(QString::number(r.last().step)));
        // The next long work starts afresh: beginLongWork() forgets the Cancel.
        worker.beginLongWork();
        const long before = r.last().step;
        worker.stepMany(30);
        QCOMPARE(r.last().step, before + 30);
        QCOMPARE(cancelled.count(), 1);
    }

    // Faster than 30 steps a second, snapshots are thinned: several steps to a snapshot.
    void fastPlayThinsSnapshots() {
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(presetSetup("spiral"));
        worker.setStepsPerSecond(2000);
        worker.play();
        QTRY_VERIFY_WITH_TIMEOUT(!r.snapshots.empty() && r.last().step >= 400, 20000);
        worker.pause();
        const long steps = r.last().step;
        QVERIFY2(
            r.playingSnapshots() < steps / 2,
            qPrintable(QString("%1 snapshots for %2 steps").arg(r.playingSnapshots()).arg(steps)));
        long losses = 0;
        for (const SnapshotPtr& s : r.snapshots)
            losses += long(s->stepLosses.size());
        QCOMPARE(losses, steps); // every step's loss still reaches the charts
    }

    // The speed changes while playing: from full speed to one step a second, every step shows.
    void speedChangesWhilePlaying() {
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(spiralWith(Schedule{})); // at full speed, no schedule's end to pause at
        worker.play();
        QTRY_VERIFY(r.playingSnapshots() >= 1);
        worker.setStepsPerSecond(10);
        const std::size_t from = r.snapshots.size();
        QTRY_VERIFY_WITH_TIMEOUT(r.snapshots.size() >= from + 4, 10000);
        QVERIFY(r.running);
        worker.pause();
        for (std::size_t i = from + 1; i + 1 < r.snapshots.size(); ++i)
            QCOMPARE(r.snapshots[i]->step, r.snapshots[i - 1]->step + 1);
    }

    void liveScheduleChangeTakesEffect() {
        TrainingWorker worker;
        SignalLog r(worker);
        QSignalSpy traced(&worker, &TrainingWorker::traced);
        worker.load(presetSetup("spiral")); // cosine over 200 epochs from 0.01
        QCOMPARE(r.last().learningRate, double(Scalar(0.01)));
        QVERIFY(QString::fromStdString(r.last().scheduleText).contains("cosine"));
        worker.stepEpoch();
        QCOMPARE(float(r.last().learningRate), float(cosineRate(0.01, 1, 200)));

        Schedule halving;
        halving.kind = ScheduleKind::Step;
        halving.stepSize = 1;
        halving.gamma = Scalar(0.5);
        worker.setSchedule(halving); // starts here, at epoch 1, from the base rate
        QCOMPARE(r.last().schedule, halving);
        QCOMPARE(r.last().scheduleEpoch, 0);
        QCOMPARE(r.last().learningRate, double(Scalar(0.01)));
        QCOMPARE(QString::fromStdString(r.last().scheduleText), QString("× 0.5 every epoch"));
        worker.stepEpoch();
        QCOMPARE(r.last().learningRate, double(Scalar(0.005)));
        worker.traceStep(); // the rate the step really used
        QCOMPARE(traced.size(), 1);
        QCOMPARE(traced[0][0].value<StepTracePtr>()->learningRate, 0.005f);

        worker.setSchedule(Schedule{});
        QCOMPARE(r.last().learningRate, double(Scalar(0.01)));
        QCOMPARE(QString::fromStdString(r.last().scheduleText), QString("constant"));
    }

    // Play pauses at the schedule's end and says so, once; Play again does not spin but says
    // why; a typed η trains again and the schedule runs on from there, to its next end.
    void scheduleEndPausesAndTypedRateGoesOn() {
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(spiralWith(cosine(2)));
        worker.play();
        QTRY_COMPARE_WITH_TIMEOUT(r.notices.size(), qsizetype(1), 20000);
        QVERIFY(!r.running);
        QCOMPARE(r.last().epoch, 2);
        QCOMPARE(r.last().step, 50L); // paused right at the end, not later
        QCOMPARE(r.last().learningRate, 0.0);
        QVERIFY(r.last().scheduleEnded);
        QVERIFY2(r.notices[0].startsWith("Epoch 2: the cosine schedule has brought η down to 0"),
                 qPrintable(r.notices[0]));
        QVERIFY(r.notices[0].contains("type a new η"));

        const std::size_t before = r.snapshots.size();
        worker.play(); // nothing would change: no silent spinning
        QVERIFY(!r.running);
        QCOMPARE(r.notices.size(), qsizetype(2));
        QVERIFY2(r.notices[1].contains("η is 0"), qPrintable(r.notices[1]));
        QCOMPARE(r.snapshots.size(), before);

        OptimizerConfig typed = OptimizerConfig::defaults(OptimizerKind::Adam);
        typed.learningRate = Scalar(0.02);
        worker.setOptimizer(typed);
        QCOMPARE(r.last().learningRate, double(Scalar(0.02))); // in effect now
        QCOMPARE(r.last().baseLearningRate, double(Scalar(0.02)));
        QCOMPARE(r.last().scheduleEpoch, 0);
        QVERIFY(!r.last().scheduleEnded);
        const std::vector<float> weights = r.last().dense.front().weight;
        worker.play();
        QVERIFY(r.running);
        QTRY_COMPARE_WITH_TIMEOUT(r.notices.size(), qsizetype(3), 20000);
        QCOMPARE(r.last().epoch, 4); // two more epochs: T_max from the typed η
        QVERIFY(r.last().dense.front().weight != weights);
        QVERIFY2(r.notices[2].startsWith("Epoch 4: the cosine schedule"), qPrintable(r.notices[2]));
    }

    // Step and exponential schedules end where η is under a thousandth of the base rate.
    void decayingSchedulesEnd_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("stepSize");
        QTest::addColumn<double>("gamma");
        QTest::addColumn<int>("endEpoch");
        QTest::newRow("exponential 0.1") << int(ScheduleKind::Exponential) << 1 << 0.1 << 4;
        QTest::newRow("step 0.1 every 2") << int(ScheduleKind::Step) << 2 << 0.1 << 8;
    }
    void decayingSchedulesEnd() {
        QFETCH(int, kind);
        QFETCH(int, stepSize);
        QFETCH(double, gamma);
        QFETCH(int, endEpoch);
        Schedule s;
        s.kind = ScheduleKind(kind);
        s.stepSize = stepSize;
        s.gamma = Scalar(gamma);
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(spiralWith(s));
        worker.play();
        QTRY_COMPARE_WITH_TIMEOUT(r.notices.size(), qsizetype(1), 20000);
        QCOMPARE(r.last().epoch, endEpoch);
        QVERIFY(!r.running);
        QVERIFY2(r.notices[0].contains("under a thousandth"), qPrintable(r.notices[0]));
    }

    // A cosine schedule that ends above zero pauses once to say so; Play then goes on.
    void cosineToAFloorPausesOnce() {
        Schedule s = cosine(1);
        s.minLearningRate = Scalar(0.005);
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(spiralWith(s));
        worker.play();
        QTRY_COMPARE_WITH_TIMEOUT(r.notices.size(), qsizetype(1), 20000);
        QVERIFY(r.notices[0].contains("η stays at 0.005"));
        worker.play();
        QVERIFY(r.running);
        QTRY_VERIFY_WITH_TIMEOUT(r.last().epoch >= 3, 20000);
        worker.pause();
        QCOMPARE(r.notices.size(), qsizetype(1));
    }

    // A saved session keeps where the schedule began; a file without it opens from epoch 0.
    // A landscape reports its progress and can be cancelled from the window's thread: no
    // landscape then, a message, and the session as it was.
    void landscapeProgressAndCancel() {
        TrainingWorker worker;
        SignalLog r(worker);
        worker.load(presetSetup("spiral"));
        QSignalSpy progress(&worker, &TrainingWorker::progress);
        QSignalSpy ready(&worker, &TrainingWorker::landscapeReady);
        QSignalSpy cancelled(&worker, &TrainingWorker::cancelled);
        worker.computeLandscape(false, 9, 1.0);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(progress.count(), 9);
        QCOMPARE(progress.last().at(0).toInt(), 9);
        // Cancelled at the second row.
        progress.clear();
        connect(&worker, &TrainingWorker::progress, &worker, [&worker](int done, int) {
            if (done == 2) worker.cancelLongWork();
        });
        worker.computeLandscape(false, 9, 1.0);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(cancelled.last().at(0).toString().contains(QStringLiteral("cancelled")));
        QCOMPARE(progress.count(), 2);
        worker.stepBatch();
        QCOMPARE(r.last().step, 1L); // the session goes on from where it was
    }

    void sessionKeepsTheScheduleOrigin() {
        QTemporaryDir dir;
        const QString path = dir.filePath("run.gradscope");
        TrainingWorker worker;
        SignalLog r(worker);
        QSignalSpy saved(&worker, &TrainingWorker::sessionSaved);
        worker.load(spiralWith(cosine(4)));
        worker.stepEpoch();
        worker.stepEpoch();
        OptimizerConfig typed = OptimizerConfig::defaults(OptimizerKind::Adam);
        typed.learningRate = Scalar(0.02);
        worker.setOptimizer(typed); // the schedule starts again at epoch 2
        worker.stepEpoch();
        const Snapshot before = r.last();
        QCOMPARE(before.scheduleEpoch, 1);
        QCOMPARE(float(before.learningRate), float(cosineRate(0.02, 1, 4)));
        worker.saveSession(path, MetricsHistory{});
        QCOMPARE(saved.size(), 1);

        TrainingWorker reopened;
        SignalLog r2(reopened);
        reopened.openSession(path);
        QCOMPARE(r2.snapshots.size(), std::size_t(1));
        QCOMPARE(r2.last().epoch, 3);
        QCOMPARE(r2.last().scheduleEpoch, 1);
        QCOMPARE(r2.last().learningRate, before.learningRate);
        QCOMPARE(r2.last().baseLearningRate, before.baseLearningRate);

        // An older file, without the origin: the schedule counts from the run's start.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonObject position = json["position"].toObject();
        QVERIFY(position.contains("schedule_origin"));
        position.remove("schedule_origin");
        json["position"] = position;
        const QString old = dir.filePath("old.gradscope");
        QFile out(old);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(json).toJson());
        out.close();
        TrainingWorker oldWorker;
        SignalLog r3(oldWorker);
        oldWorker.openSession(old);
        QCOMPARE(r3.snapshots.size(), std::size_t(1));
        QCOMPARE(r3.last().scheduleEpoch, 3);
        QCOMPARE(float(r3.last().learningRate), float(cosineRate(0.02, 3, 4)));
    }

    // The worker on a thread of its own, as in the app: Play's snapshots cross to this thread
    // over queued connections while this thread acknowledges them and edits the learning rate,
    // then stop() and Pause end Play and the thread is joined. The other tests drive the worker
    // in one thread; this one is the hand-off that scripts/test.sh --tsan watches.
    void workerOnItsOwnThread() {
        QThread thread;
        auto* worker = new TrainingWorker;
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        std::vector<SnapshotPtr> snapshots;
        const auto keep = [&](const SnapshotPtr& s) {
            QCOMPARE(QThread::currentThread(), this->thread());
            snapshots.push_back(s);
            worker->acknowledge();
        };
        connect(worker, &TrainingWorker::loaded, this, keep);
        connect(worker, &TrainingWorker::snapshotReady, this, keep);
        thread.start();
        // A failed check returns early: the thread is still stopped and joined.
        const auto join = qScopeGuard([&] {
            if (!thread.isRunning()) return; // joined: the worker is deleted with it
            worker->stop();
            thread.quit();
            thread.wait();
        });
        // Calls are queued as MainWindow::toWorker queues them (for ThreadSanitizer).
        const auto toWorker = [worker, &thread](auto call) {
            const HandOffLock handOff(&thread);
            QMetaObject::invokeMethod(worker, call);
        };
        // A constant rate: Play never stops by itself (spiral's cosine ends at step 5000).
        toWorker([worker] { worker->load(spiralWith(Schedule{})); });
        QTRY_COMPARE(snapshots.size(), std::size_t(1));
        toWorker([worker] { worker->play(); });
        QTRY_VERIFY(snapshots.size() >= 5 && snapshots.back()->running);
        OptimizerConfig config = findPreset("spiral")->train.optimizer;
        config.learningRate = Scalar(0.005);
        toWorker([worker, config] { worker->setOptimizer(config); });
        const std::size_t seen = snapshots.size();
        QTRY_VERIFY(snapshots.size() > seen + 2);
        worker->stop();
        toWorker([worker] { worker->pause(); });
        thread.quit();
        QVERIFY(thread.wait(30000));
        long step = -1;
        for (const SnapshotPtr& s : snapshots) { // each snapshot is complete and in order
            QVERIFY(s->step >= step);
            step = s->step;
        }
        QVERIFY(step > 0);
        QCOMPARE(float(snapshots.back()->learningRate), 0.005f);
    }
};

QTEST_MAIN(TestTrainingWorker)
#include "tst_trainingworker.moc"
