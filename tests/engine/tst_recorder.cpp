// The recorder and time travel: a session sent back to step k holds exactly what a fresh run
// stopped at step k holds (weights, gradients, optimizer state, the step's graph, counters, the
// plane maps), for toy and MNIST presets, with batch norm and dropout, across a change of the
// learning rate and a weight edited by hand; the recording stays within its budget over a
// 100,000-step run; a replay goes on from the end bit for bit.
#include "FakeMnist.h"
#include "TestUtil.h"
#include "io/Files.h"
#include "io/Json.h"
#include "io/Recording.h"
#include "train/Landscape.h"
#include "train/Recorder.h"
#include "train/TrainingSession.h"

#include <QTemporaryDir>

#include <cstring>

using namespace gs;

namespace {

SessionSetup presetSetup(const char* name, const std::string& dataDir = {}) {
    SessionSetup setup;
    setup.experiment = *findPreset(name);
    setup.dataDir = dataDir;
    return setup;
}

bool same(const Tensor& a, const Tensor& b) {
    return a.shape() == b.shape() &&
           (a.numel() == 0 ||
            std::memcmp(a.data(), b.data(), sizeof(Scalar) * std::size_t(a.numel())) == 0);
}

// Everything the views read from a session, compared bit for bit; "" when equal, else what
// differs.
std::string difference(TrainingSession& a, TrainingSession& b) {
    const Trainer& x = a.trainer();
    const Trainer& y = b.trainer();
    if (x.steps() != y.steps()) return "steps";
    if (x.epoch() != y.epoch()) return "epoch";
    if (x.learningRate() != y.learningRate()) return "learning rate";
    const auto& p = a.model().parameters();
    const auto& q = b.model().parameters();
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!same(p[i]->value, q[i]->value)) return "weights of " + p[i]->name;
        if (!same(p[i]->grad, q[i]->grad)) return "gradient of " + p[i]->name;
        const OptimizerState& s = x.optimizer().state(i);
        const OptimizerState& t = y.optimizer().state(i);
        if (s.buffers.size() != t.buffers.size()) return "optimizer buffers";
        for (std::size_t k = 0; k < s.buffers.size(); ++k)
            if (!same(s.buffers[k].second, t.buffers[k].second)) return "optimizer state";
        if (!same(s.lastUpdate, t.lastUpdate)) return "last update of " + p[i]->name;
    }
    for (std::size_t i = 0; i < a.model().buffers().size(); ++i)
        if (!same(a.model().buffers()[i].value, b.model().buffers()[i].value))
            return "model buffer";
    if (x.optimizer().steps() != y.optimizer().steps()) return "optimizer steps";
    // The step's graph: the computation graph view and the step-through read it.
    if (x.graph().size() != y.graph().size()) return "graph size";
    for (int id = 0; id < x.graph().size(); ++id) {
        if (!same(x.graph().node(id).output(), y.graph().node(id).output())) return "graph value";
        if (x.graph().node(id).hasGrad != y.graph().node(id).hasGrad ||
            (x.graph().node(id).hasGrad && !same(x.graph().node(id).grad, y.graph().node(id).grad)))
            return "graph gradient";
    }
    if (a.planar()) {
        const PlaneMaps m = a.planeMaps(8);
        const PlaneMaps n = b.planeMaps(8);
        if (m.outputMap != n.outputMap || m.unitMaps != n.unitMaps) return "plane map";
    }
    return {};
}

// What differs between `run` as it stands and a fresh session of `setup` after `steps` steps.
std::string differenceFromFresh(TrainingSession& run, const SessionSetup& setup, long steps) {
    TrainingSession fresh;
    fresh.load(setup);
    fresh.trainer().runSteps(steps);
    return difference(run, fresh);
}

// `run` saved to a file in `dir` and opened again, with its timeline whole (no note).
std::unique_ptr<TrainingSession> reopened(const TrainingSession& run, const QTemporaryDir& dir) {
    const std::string path = dir.filePath("run.gradscope").toStdString();
    run.save(path, {});
    auto opened = std::make_unique<TrainingSession>();
    opened->open(path, {});
    if (!opened->openNote().empty()) {
        qWarning("%s", opened->openNote().english().c_str());
        return nullptr;
    }
    return opened;
}

} // namespace

class TestRecorder : public QObject {
    Q_OBJECT
private slots:
    void seekShowsWhatAFreshRunShows_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<long>("steps");
        QTest::newRow("spiral") << "spiral" << 300L; // Adam, a cosine schedule, 25 steps an epoch
        QTest::newRow("deep-sigmoid-batchnorm") << "deep-sigmoid-batchnorm" << 120L; // buffers
        QTest::newRow("mnist-cnn") << "mnist-cnn" << 12L;
    }

    void seekShowsWhatAFreshRunShows() {
        QFETCH(QString, preset);
        QFETCH(long, steps);
        QTemporaryDir dir;
        test::writeFakeMnistSet(dir.path(), 200, 40);
        const SessionSetup setup = presetSetup(qPrintable(preset), dir.path().toStdString());
        TrainingSession run;
        run.load(setup);
        run.trainer().runSteps(steps);
        QCOMPARE(run.recorder().last(), steps);
        for (const long k : {0L, 1L, 7L, steps / 2, steps - 1, steps}) {
            run.seek(k);
            QCOMPARE(run.inPast(), k != steps);
            const std::string d = differenceFromFresh(run, setup, k);
            QVERIFY2(d.empty(), qPrintable(QString("step %1: %2").arg(k).arg(d.c_str())));
        }
        // Stepping from the past goes on from the end, as a run that was never sent back.
        run.seek(3);
        run.step();
        const std::string d = differenceFromFresh(run, setup, steps + 1);
        QVERIFY2(d.empty(), d.c_str());
        QVERIFY(!run.inPast());
    }

    // Dropout draws its masks from the graph's generator: recorded too.
    void dropoutReplays() {
        SessionSetup setup = presetSetup("moons");
        setup.experiment.layers = {LayerSpec::linear(2, 16), LayerSpec::of(Activation::Relu),
                                   LayerSpec::dropout(0.5f), LayerSpec::linear(16, 2)};
        TrainingSession run;
        run.load(setup);
        run.trainer().runSteps(60);
        run.seek(45);
        const std::string d = differenceFromFresh(run, setup, 45);
        QVERIFY2(d.empty(), d.c_str());
    }

    // A replay never crosses a change of settings with the wrong ones, and a weight set by hand
    // is part of the run.
    void changesArePinned() {
        const SessionSetup setup = presetSetup("circles");
        const auto drive = [&](TrainingSession& s, long until) {
            while (s.trainer().steps() < until) {
                if (s.trainer().steps() == 30) {
                    OptimizerConfig c = s.trainer().config().optimizer;
                    c.learningRate *= 5;
                    s.setOptimizer(c);
                }
                if (s.trainer().steps() == 50) s.setWeight(0, 1, 0, 0.25);
                s.step();
            }
        };
        TrainingSession run;
        run.load(setup);
        run.setRecordingBudget(Recorder::kSmallestBudget);
        drive(run, 90);
        for (const long k : {29L, 30L, 31L, 49L, 51L, 90L}) {
            run.seek(k);
            TrainingSession fresh;
            fresh.load(setup);
            drive(fresh, k);
            const std::string d = difference(run, fresh);
            QVERIFY2(d.empty(), qPrintable(QString("step %1: %2").arg(k).arg(d.c_str())));
        }
        // A change made while in the past is made at the end.
        run.seek(10);
        run.setRegularization({0, 0.001});
        QVERIFY(!run.inPast());
        QCOMPARE(run.trainer().steps(), 90L);
    }

    // 100,000 steps of xor within 1 MB: thinned as it grows, still whole, still exact.
    void staysWithinItsBudget() {
        const SessionSetup setup = presetSetup("xor");
        TrainingSession run;
        run.load(setup);
        run.setRecordingBudget(Recorder::kSmallestBudget);
        std::size_t most = 0;
        for (int chunk = 0; chunk < 100; ++chunk) {
            run.trainer().runSteps(1000);
            most = std::max(most, run.recorder().bytes());
        }
        QCOMPARE(run.recorder().last(), 100000L);
        QCOMPARE(run.recorder().first(), 0L);
        QVERIFY2(most <= Recorder::kSmallestBudget, qPrintable(QString::number(most)));
        QVERIFY(run.recorder().interval() > 1);
        QVERIFY2(run.recorder().count() > 100,
                 qPrintable(QString("%1 states, every %2 steps, %3 bytes")
                                .arg(run.recorder().count())
                                .arg(run.recorder().interval())
                                .arg(run.recorder().bytes())));
        run.seek(12345);
        const std::string d = differenceFromFresh(run, setup, 12345);
        QVERIFY2(d.empty(), d.c_str());
        // A smaller budget set later thins at once; one below the least is refused.
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, run.setRecordingBudget(1000));
    }

    // A large network keeps a state every so many steps from the start: mnist-mlp's 407 KB of
    // weights, one every 64 steps (the longest stride); the steps between are replayed,
    // exactly.
    void largeNetworksKeepFewerStates() {
        QTemporaryDir dir;
        test::writeFakeMnistSet(dir.path(), 200, 40);
        const SessionSetup setup = presetSetup("mnist-mlp", dir.path().toStdString());
        TrainingSession run;
        run.load(setup);
        QCOMPARE(run.recorder().interval(), 64L);
        run.trainer().runSteps(70);
        QCOMPARE(run.recorder().count(), std::size_t(2)); // steps 0 and 64
        run.seek(50);
        const std::string d = differenceFromFresh(run, setup, 50);
        QVERIFY2(d.empty(), d.c_str());
    }

    // A branch: sent back to step 30, the run goes on from there with another learning rate;
    // the steps after 30 are gone, and the branch replays bit for bit.
    void branchesReplay() {
        const SessionSetup setup = presetSetup("moons");
        TrainingSession run;
        run.load(setup);
        run.trainer().runSteps(80);
        QVERIFY(!run.branch()); // at the end: nothing to branch from
        run.seek(30);
        QVERIFY(run.branch());
        QVERIFY(!run.inPast());
        QCOMPARE(run.recorder().last(), 30L);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, run.seek(31));
        OptimizerConfig faster = run.trainer().config().optimizer;
        faster.learningRate *= 3;
        run.setOptimizer(faster);
        run.trainer().runSteps(25);
        const auto fresh = [&](long after) {
            auto s = std::make_unique<TrainingSession>();
            s->load(setup);
            s->trainer().runSteps(30);
            s->setOptimizer(faster);
            s->trainer().runSteps(after);
            return s;
        };
        for (const long k : {42L, 55L}) {
            run.seek(k);
            const auto other = fresh(k - 30);
            const std::string d = difference(run, *other);
            QVERIFY2(d.empty(), qPrintable(QString("step %1: %2").arg(k).arg(d.c_str())));
        }
    }

    // The run a branch leaves is kept beside the new one: each of its steps is shown again bit
    // for bit (its weights and its maps over the plane as they were before the branch), going
    // forward or back, and the new branch is not disturbed by looking at it.
    void earlierRunReplays() {
        const SessionSetup setup = presetSetup("moons");
        TrainingSession run;
        run.load(setup);
        QVERIFY(!run.hasEarlier());
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, run.showEarlier(0));
        std::vector<std::vector<Scalar>> weights{flattenParameters(run.model())};
        std::vector<std::vector<float>> maps{run.planeMaps(8).outputMap};
        for (int k = 0; k < 80; ++k) {
            run.step();
            weights.push_back(flattenParameters(run.model()));
            maps.push_back(run.planeMaps(8).outputMap);
        }
        run.seek(30);
        QVERIFY(run.branch());
        QVERIFY(run.hasEarlier());
        QCOMPARE(run.earlierBranch(), 30L);
        QCOMPARE(run.earlierLast(), 80L);
        OptimizerConfig faster = run.trainer().config().optimizer;
        faster.learningRate *= 3;
        run.setOptimizer(faster);
        run.trainer().runSteps(60);
        for (const long k : {47L, 80L, 31L, 95L, 30L, 10L, 48L, 49L}) {
            const long shown = run.showEarlier(k);
            QCOMPARE(shown, std::clamp(k, 30L, 80L));
            QVERIFY2(flattenParameters(run.earlierModel()) == weights[std::size_t(shown)],
                     qPrintable(QString("step %1").arg(k)));
            QVERIFY2(run.earlierPlaneMaps(8).outputMap == maps[std::size_t(shown)],
                     qPrintable(QString("step %1").arg(k)));
        }
        // The new branch is where it was, and the same as a fresh run with the same change.
        TrainingSession fresh;
        fresh.load(setup);
        fresh.trainer().runSteps(30);
        fresh.setOptimizer(faster);
        fresh.trainer().runSteps(60);
        const std::string d = difference(run, fresh);
        QVERIFY2(d.empty(), d.c_str());
        QVERIFY(flattenParameters(run.model()) != flattenParameters(run.earlierModel()));
        // A branch of the branch: the run it leaves (the faster one) becomes the earlier run.
        run.seek(70);
        QVERIFY(run.branch());
        QCOMPARE(run.earlierBranch(), 70L);
        QCOMPARE(run.earlierLast(), 90L);
        run.showEarlier(90);
        QVERIFY(flattenParameters(run.earlierModel()) == flattenParameters(fresh.model()));
        // A reset drops it.
        run.reset();
        QVERIFY(!run.hasEarlier());
    }

    // Both recordings stay within the one budget; the earlier run keeps at most half of it.
    void earlierRunSharesTheBudget() {
        const SessionSetup setup = presetSetup("xor");
        TrainingSession run;
        run.load(setup);
        run.setRecordingBudget(2 * Recorder::kSmallestBudget);
        run.trainer().runSteps(30000);
        run.seek(20000);
        QVERIFY(run.branch());
        QVERIFY(run.recordingBytes() <= run.recordingBudget());
        std::size_t most = 0;
        for (int chunk = 0; chunk < 30; ++chunk) {
            run.trainer().runSteps(1000);
            most = std::max(most, run.recordingBytes());
        }
        QVERIFY2(most <= run.recordingBudget(), qPrintable(QString::number(most)));
        run.setRecordingBudget(Recorder::kSmallestBudget * 3);
        QVERIFY(run.recordingBytes() <= run.recordingBudget());
        QVERIFY(run.hasEarlier());
        // Still exact after thinning: step 25000 of the earlier run is step 25000 of a run that
        // was never branched.
        run.showEarlier(25000);
        TrainingSession fresh;
        fresh.load(setup);
        fresh.trainer().runSteps(25000);
        QVERIFY(flattenParameters(run.earlierModel()) == flattenParameters(fresh.model()));
        // Under twice the least a recording needs, there is no room for the earlier run.
        run.setRecordingBudget(Recorder::kSmallestBudget * 3 / 2);
        QVERIFY(!run.hasEarlier());
        QVERIFY(run.recordingBytes() <= run.recordingBudget());
    }

    // A saved session keeps its timeline: opened, every step is there again exactly as the run
    // showed it (a change of rate and a weight set by hand included), and training goes on as
    // the run itself would have, counters, shuffling and dropout's generator and all.
    void sessionsKeepTheTimeline() {
        SessionSetup setup = presetSetup("moons");
        setup.experiment.layers = {LayerSpec::linear(2, 16), LayerSpec::of(Activation::Relu),
                                   LayerSpec::dropout(0.5f), LayerSpec::linear(16, 2)};
        TrainingSession run;
        run.load(setup);
        run.trainer().runSteps(60);
        OptimizerConfig faster = run.trainer().config().optimizer;
        faster.learningRate *= 2;
        run.setOptimizer(faster);
        run.trainer().runSteps(30);
        run.setWeight(0, 3, 1, 0.5);
        run.trainer().runSteps(33);
        QTemporaryDir dir;
        const auto reopen = reopened(run, dir);
        QVERIFY(reopen);
        TrainingSession& opened = *reopen;
        QCOMPARE(opened.recorder().first(), 0L);
        QCOMPARE(opened.recorder().last(), 123L);
        QVERIFY(!opened.inPast());
        for (const long k : {0L, 1L, 59L, 60L, 61L, 90L, 91L, 100L, 123L}) {
            run.seek(k);
            opened.seek(k);
            const std::string d = difference(run, opened);
            QVERIFY2(d.empty(), qPrintable(QString("step %1: %2").arg(k).arg(d.c_str())));
        }
        run.seekEnd();
        opened.seekEnd();
        run.trainer().runSteps(40);
        opened.trainer().runSteps(40);
        const std::string d = difference(run, opened);
        QVERIFY2(d.empty(), d.c_str());
    }

    // A buffer stays when its option is turned off (SGD's momentum set to 0): such a recording
    // is the optimizer's own, and opens with its timeline.
    void optimizerOptionsChangedMidRun() {
        SessionSetup setup = presetSetup("moons");
        setup.experiment.train.optimizer = OptimizerConfig::defaults(OptimizerKind::SGD);
        setup.experiment.train.optimizer.momentum = Scalar(0.9);
        TrainingSession run;
        run.load(setup);
        run.trainer().runSteps(20);
        OptimizerConfig plain = run.trainer().config().optimizer;
        plain.momentum = 0;
        run.setOptimizer(plain);
        run.trainer().runSteps(20);
        QTemporaryDir dir;
        const auto opened = reopened(run, dir);
        QVERIFY(opened);
        QCOMPARE(opened->recorder().first(), 0L);
        run.seek(30);
        opened->seek(30);
        const std::string d = difference(run, *opened);
        QVERIFY2(d.empty(), d.c_str());
    }

    // Past the file's share of memory, the states written are thinned (the steps between are
    // replayed); read back, still exact.
    void savedRecordingsAreBounded() {
        const SessionSetup setup = presetSetup("xor");
        TrainingSession run;
        run.load(setup);
        run.trainer().runSteps(3000);
        const Json small = recordingToJson(run.recorder(), 64 << 10);
        QVERIFY(!small.isNull());
        QVERIFY(small["interval"].asInteger("interval") > 1);
        QVERIFY(small.dump(0).size() < std::size_t(64 << 10) * 2);
        const SavedRecording read =
            recordingFromJson(small, run.model(), run.trainer().config(), 3000,
                              run.trainer().epoch(), run.trainData().size(), "test");
        QVERIFY(read.states.size() < run.recorder().count());
        Recorder back;
        back.adopt(read.states, read.interval, read.last);
        Trainer& t = run.trainer();
        t.restoreState(*back.from(2345));
        while (t.steps() < 2345)
            t.step();
        TrainingSession fresh;
        fresh.load(setup);
        fresh.trainer().runSteps(2345);
        QVERIFY(flattenParameters(run.model()) == flattenParameters(fresh.model()));
        // Nothing fits: nothing written.
        QVERIFY(recordingToJson(run.recorder(), 100).isNull());
    }

    // A damaged or hostile recording is left out, with a note naming the problem: the session
    // opens as the file saves it (its weights, its step), with a timeline that starts there.
    void badRecordingsAreLeftOut() {
        TrainingSession run;
        run.load(presetSetup("circles"));
        run.trainer().runSteps(40);
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.gradscope").toStdString();
        run.save(path, {});
        const Json good = Json::parse(readFile(path));
        QVERIFY(good.contains("recording"));
        const auto withRecording = [&](const char* key, Json value) {
            Json j = good;
            Json r = good["recording"];
            r.set(key, std::move(value));
            j.set("recording", std::move(r));
            return j;
        };
        Json::Array states = good["recording"]["states"].asArray("states");
        Json::Array swapped = states;
        for (std::size_t f = 0; f < 15; ++f)
            std::swap(swapped[f], swapped[15 + f]);
        Json::Array unknownBuffers = good["recording"]["buffers"].asArray("buffers");
        Json::Array names = unknownBuffers.back().asArray("names");
        names[0] = Json(Json::Array{Json("exp_avg"), Json("exp_avg")});
        unknownBuffers.back() = Json(names);
        const Json nan = [] {
            // One NaN among the numbers of a one-state recording at step 40.
            Recorder r;
            TrainingSession s;
            s.load(presetSetup("circles"));
            s.trainer().runSteps(40);
            s.model().parameters()[0]->value[0] = std::nanf("");
            r.record(s.trainer());
            return recordingToJson(r);
        }();
        const std::vector<std::pair<std::string, Json>> cases = {
            {"values is not base64", withRecording("values", Json("not*base64"))},
            {"does not inflate", withRecording("value_count", Json(12345))},
            {"value_count", withRecording("value_count", Json(1e15))},
            {"steps must increase", withRecording("states", Json(swapped))},
            {"is not a buffer of this optimizer", withRecording("buffers", Json(unknownBuffers))},
            {"interval", withRecording("interval", Json(1 << 20))},
            {"last is step 39", withRecording("last", Json(39))},
            {"interval must be a power of two", withRecording("interval", Json(3))},
            {"states must hold 15 numbers", withRecording("states", Json(Json::Array{Json(1)}))},
        };
        const auto leftOut = [&](const Json& json, const std::string& expected) {
            writeFileAtomic(path, json.dump());
            TrainingSession other;
            other.load(presetSetup("xor"));
            other.trainer().runSteps(5);
            other.open(path, {});
            const std::string note = other.openNote().english();
            QVERIFY2(note.find("recording was left out") != std::string::npos &&
                         note.find(expected) != std::string::npos,
                     (expected + " → " + note).c_str());
            QCOMPARE(other.setup().experiment.name, std::string("circles"));
            QCOMPARE(other.trainer().steps(), 40L);
            QCOMPARE(other.recorder().first(), 40L);
            QVERIFY(flattenParameters(other.model()) == flattenParameters(run.model()));
        };
        for (const auto& [expected, json] : cases)
            leftOut(json, expected);
        Json withNan = good;
        withNan.set("recording", nan);
        leftOut(withNan, "not finite");
        // One state, at step 0, for a recording said to keep every step to 40: a replay longer
        // than the interval.
        Json gap = good;
        {
            Recorder r;
            TrainingSession s;
            s.load(presetSetup("circles"));
            r.record(s.trainer());
            Json one = recordingToJson(r);
            one.set("last", Json(40));
            gap.set("recording", std::move(one));
        }
        leftOut(gap, "further apart than the interval");
        // The model's weights edited: the recording no longer leads there.
        TrainingSession edited;
        run.model().parameters()[0]->value[0] += 1;
        run.save(path + ".tmp", {});
        Json changed = Json::parse(readFile(path + ".tmp"));
        changed.set("recording", good["recording"]);
        writeFileAtomic(path, changed.dump());
        edited.open(path, {});
        QVERIFY2(edited.openNote().english().find("recording was left out") != std::string::npos,
                 edited.openNote().english().c_str());
        QCOMPARE(edited.trainer().steps(), 40L);
        QCOMPARE(edited.recorder().first(), 40L);
        QVERIFY(flattenParameters(edited.model()) == flattenParameters(run.model()));
    }

    // Changes made at the run's last step (a new rate, a weight set, in either order) are still
    // there after going back and returning; a branch at that step starts from the step as it
    // was trained, before them.
    void changesAtTheEndSurviveGoingBack() {
        const SessionSetup setup = presetSetup("circles");
        TrainingSession run;
        run.load(setup);
        run.trainer().runSteps(40);
        run.setWeight(0, 1, 0, 0.25);
        OptimizerConfig faster = run.trainer().config().optimizer;
        faster.learningRate *= 5;
        run.setOptimizer(faster);
        run.seek(20);
        run.seekEnd();
        QCOMPARE(run.trainer().steps(), 40L);
        QCOMPARE(run.trainer().optimizer().config().learningRate, faster.learningRate);
        QCOMPARE(run.model().weight(0)->value[1 * 2 + 0], Scalar(0.25));
        QVERIFY(!run.inPast());

        TrainingSession other;
        other.load(setup);
        other.trainer().runSteps(40);
        const Scalar base = other.trainer().config().optimizer.learningRate;
        OptimizerConfig quicker = other.trainer().config().optimizer;
        quicker.learningRate *= 5;
        other.setOptimizer(quicker);
        other.trainer().runSteps(10);
        other.seek(40); // the step as trained: the old rate
        QVERIFY(other.branch());
        QCOMPARE(other.trainer().optimizer().config().learningRate, base);
        other.step();
        const std::string d = differenceFromFresh(other, setup, 41);
        QVERIFY2(d.empty(), d.c_str());
    }

    // Off (the command line), nothing is kept and nothing can be gone back to.
    void recordingOff() {
        TrainingSession run;
        run.setRecording(false);
        run.load(presetSetup("xor"));
        run.trainer().runSteps(50);
        QVERIFY(run.recorder().empty());
        QCOMPARE(run.recorder().bytes(), std::size_t(0));
        QVERIFY(!run.inPast());
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, run.seek(10));
    }

    void stepsOutsideTheRecordingAreRefused() {
        TrainingSession run;
        run.load(presetSetup("xor"));
        run.trainer().runSteps(5);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, run.seek(6));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, run.seek(-1));
        run.seek(5);
        QCOMPARE(run.trainer().steps(), 5L);
    }
};

QTEST_APPLESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
