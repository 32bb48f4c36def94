// The detectors: each fires on the preset made to show it and stays quiet on the well-behaved
// presets (every toy preset runs its whole course through a TrainingSession, as in the app and
// the CLI); and each rule, fed reports made by hand, fires on what it names and not on less.
#include "TestUtil.h"
#include "train/Detectors.h"
#include "train/TrainingSession.h"

#include <set>

using namespace gs;

namespace {

std::set<std::string> keys(const std::vector<Finding>& findings) {
    std::set<std::string> out;
    for (const Finding& f : findings)
        out.insert(findingKey(f.kind));
    return out;
}

std::string joined(const std::set<std::string>& s) {
    std::string out;
    for (const std::string& k : s)
        out += (out.empty() ? "" : ", ") + k;
    return out.empty() ? "none" : out;
}

EpochReport epoch(int n, double trainLoss, double testLoss = -1) {
    EpochReport r;
    r.epoch = n;
    r.trainLoss = trainLoss;
    if (testLoss >= 0) {
        r.test.loss = testLoss;
        r.test.samples = 100;
    }
    return r;
}

// A 2-16-16-2 network: two weighted layers at indices 0 and 2 and 4.
Sequential smallNetwork(Activation a) {
    return Sequential({LayerSpec::linear(2, 16), LayerSpec::of(a), LayerSpec::linear(16, 16),
                       LayerSpec::of(a), LayerSpec::linear(16, 2)},
                      1);
}

StepReport stepWithGradients(long step, double first, double last) {
    StepReport r;
    r.step = step;
    r.learningRate = 0.1;
    r.layers = {{0, first, 0}, {2, 1, 0}, {4, last, 0}};
    return r;
}

} // namespace

class TestDetectors : public QObject {
    Q_OBJECT
private slots:
    void presetsFireWhatTheyShow_data() {
        QTest::addColumn<QString>("name");
        for (const Experiment& e : presets())
            if (e.data.source == DataSource::Toy)
                QTest::newRow(e.name.c_str()) << QString::fromStdString(e.name);
    }

    // The whole run, as in the app: the findings are exactly those the preset expects (none
    // for the well-behaved ones).
    void presetsFireWhatTheyShow() {
        QFETCH(QString, name);
        const Experiment& e = *findPreset(name.toStdString());
        TrainingSession session;
        SessionSetup setup;
        setup.experiment = e;
        session.load(setup);
        session.trainer().run(e.epochs);
        const std::set<std::string> fired = keys(session.findings());
        const std::set<std::string> expected(e.expectedFindings.begin(), e.expectedFindings.end());
        QVERIFY2(fired == expected, qPrintable(QString("fired %1, expected %2")
                                                   .arg(QString::fromStdString(joined(fired)),
                                                        QString::fromStdString(joined(expected)))));
        for (const Finding& f : session.findings()) {
            QVERIFY(!f.title.english().empty());
            QVERIFY(f.step > 0 && f.step <= session.trainer().steps());
        }
        QVERIFY(session.takeFindings().size() == session.findings().size());
        QVERIFY(session.takeFindings().empty()); // taken once
    }

    void vanishingNeedsAThousandfold() {
        for (const double ratio : {1e-2, 1e-4}) {
            Sequential model = smallNetwork(Activation::Sigmoid);
            RunWatch watch(model, 2);
            for (int e = 1; e <= 3; ++e) {
                watch.afterStep(stepWithGradients(e, ratio * std::sqrt(32.0), std::sqrt(32.0)),
                                nullptr);
                watch.afterEpoch(epoch(e, 0.5));
            }
            QCOMPARE(watch.fired(FindingKind::VanishingGradients), ratio < 1e-3);
            if (ratio < 1e-3) {
                const std::string text = watch.findings().front().text.english();
                QVERIFY2(text.find("0.0001 per weight, the last layer's 1: 10000 times smaller") !=
                             std::string::npos,
                         text.c_str());
                QVERIFY2(text.find("passes 2 sigmoid layers") != std::string::npos, text.c_str());
            }
        }
    }

    void explodingGradients() {
        Sequential model = smallNetwork(Activation::Relu);
        RunWatch watch(model, 2);
        for (int e = 1; e <= 2; ++e) {
            watch.afterStep(stepWithGradients(e, 1e4 * std::sqrt(32.0), std::sqrt(32.0)), nullptr);
            watch.afterEpoch(epoch(e, 0.5));
        }
        QVERIFY(watch.fired(FindingKind::ExplodingGradients));
        QVERIFY(!watch.fired(FindingKind::VanishingGradients));
    }

    void learningRateTooHigh() {
        // Falls, then swings well above its best for three epochs.
        Sequential model = smallNetwork(Activation::Tanh);
        RunWatch watch(model, 2);
        int n = 0;
        for (const double loss : {0.7, 0.5, 0.3, 0.6, 0.5, 0.7, 0.55})
            watch.afterEpoch(epoch(++n, loss));
        QVERIFY(watch.fired(FindingKind::LearningRateTooHigh));
        // A single spike is not enough.
        RunWatch calm(model, 2);
        n = 0;
        for (const double loss : {0.7, 0.5, 0.3, 0.6, 0.29, 0.28, 0.27})
            calm.afterEpoch(epoch(++n, loss));
        QVERIFY(!calm.fired(FindingKind::LearningRateTooHigh));
    }

    void plateauNamesTheGuessingLoss() {
        Sequential model = smallNetwork(Activation::Tanh);
        RunWatch watch(model, 2);
        watch.afterStep(stepWithGradients(1, 1, 1), nullptr); // a learning rate in effect
        for (int e = 1; e <= 21; ++e)
            watch.afterEpoch(epoch(e, 0.6931 + 0.0001 * (e % 2)));
        QVERIFY(watch.fired(FindingKind::Plateau));
        const std::string text = watch.findings().back().text.english();
        QVERIFY2(text.find("ln 2 = 0.693") != std::string::npos, text.c_str());
        // Slow but steady progress is not a plateau.
        RunWatch slow(model, 2);
        slow.afterStep(stepWithGradients(1, 1, 1), nullptr);
        for (int e = 1; e <= 40; ++e)
            slow.afterEpoch(epoch(e, 0.69 * std::pow(0.999, e)));
        QVERIFY(!slow.fired(FindingKind::Plateau));
    }

    void overfittingAfterLearning() {
        Sequential model = smallNetwork(Activation::Relu);
        RunWatch watch(model, 2);
        const double train[] = {0.7, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01};
        const double test[] = {0.7, 0.35, 0.3, 0.4, 0.45, 0.5, 0.6};
        for (int e = 0; e < 7; ++e)
            watch.afterEpoch(epoch(e + 1, train[e], test[e]));
        QVERIFY(watch.fired(FindingKind::Overfitting));
        const std::string text = watch.findings().front().text.english();
        QVERIFY2(
            text.find(
                "rose from 0.3 (epoch 3) to 0.5 while the training loss fell from 0.2 to 0.02") !=
                std::string::npos,
            text.c_str());
        // The test loss rising from the first epoch on, before anything was learned, is not.
        RunWatch early(model, 2);
        for (int e = 0; e < 7; ++e)
            early.afterEpoch(epoch(e + 1, 0.7 - 0.01 * e, 0.7 + 0.1 * e));
        QVERIFY(!early.fired(FindingKind::Overfitting));
    }

    // Units that gave something once and then 0 to a whole epoch's samples; those dead from
    // the start are not counted.
    void deadUnitsFromTheGraph() {
        Sequential model(
            {LayerSpec::linear(1, 4), LayerSpec::of(Activation::Relu), LayerSpec::linear(4, 2)}, 1);
        RunWatch watch(model, 2);
        Parameter& w = *model.weight(0);
        Parameter& b = *model.bias(0);
        const auto step = [&](long n, std::vector<Scalar> weights) {
            for (int u = 0; u < 4; ++u) {
                w.value[u] = weights[std::size_t(u)];
                b.value[u] = 0;
            }
            Graph g;
            model.forward(g, g.input(test::tensor({2, 1}, {1, 2})), true);
            StepReport r;
            r.step = n;
            watch.afterStep(r, &g);
        };
        step(1, {1, 1, 1, -1}); // unit 4 dead from the start
        watch.afterEpoch(epoch(1, 0.5));
        step(2, {1, -1, 1, -1}); // unit 2 dies
        watch.afterEpoch(epoch(2, 0.5));
        QVERIFY(!watch.fired(FindingKind::DeadUnits)); // 1 of 4 died
        step(3, {-1, -1, 1, -1});                      // unit 1 too: 2 of 4
        watch.afterEpoch(epoch(3, 0.5));
        QVERIFY(watch.fired(FindingKind::DeadUnits));
        const Finding& f = watch.findings().front();
        QCOMPARE(f.layer, 1);
        const std::string text = f.text.english();
        QVERIFY2(text.find("2 of the 4 ReLU units of layer 1") != std::string::npos, text.c_str());
        QVERIFY2(text.find("since epoch 2 (units 1, 2)") != std::string::npos, text.c_str());
    }
};

QTEST_APPLESS_MAIN(TestDetectors)
#include "tst_detectors.moc"
