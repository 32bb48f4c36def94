// TrainingSession, the engine's training run: loading, stepping as a plain Trainer does,
// traces, gradient checks, the landscape, the plane maps, the schedule's end, saving and
// opening, and that a failed load or open leaves the previous session untouched.
#include "FakeMnist.h"
#include "TestUtil.h"
#include "backend/Backend.h"
#include "core/Errors.h"
#include "io/Json.h"
#include "io/ModelFile.h"
#include "io/Session.h"
#include "train/TrainingSession.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

using namespace gs;

namespace {

SessionSetup presetSetup(const char* name) {
    const Experiment* preset = findPreset(name);
    Q_ASSERT(preset);
    SessionSetup setup;
    setup.experiment = *preset;
    return setup;
}

std::vector<Scalar> weightsOf(const TrainingSession& s) {
    return flattenParameters(s.model());
}

std::vector<Scalar> values(const Tensor& t) {
    return {t.data(), t.data() + t.numel()};
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private slots:
    // A drawing is classified with its saliency: a test image drawn gets the prediction and
    // confidence the digit grid gives it, the probabilities sum to 1, each saliency entry is
    // the central difference of the class's logit in that pixel, and the parameters' gradients
    // are as they were.
    void drawingsAreClassifiedWithTheirSaliency() {
        QTemporaryDir dir;
        test::writeFakeMnistSet(dir.path(), 200, 40);
        SessionSetup setup = presetSetup("mnist-mlp");
        setup.dataDir = dir.path().toStdString();
        TrainingSession s;
        s.load(setup);
        QCOMPARE(s.imageSide(), 28);
        s.trainer().run(1);
        const std::vector<Tensor> gradsBefore = [&] {
            std::vector<Tensor> g;
            for (const Parameter* p : s.model().parameters())
                g.push_back(p->grad);
            return g;
        }();
        const ImageEvaluation v = s.evaluateImages(40, 8);
        const ImageEvaluation::Digit& digit = v.digits.front();
        std::vector<float> ink;
        for (const unsigned char pixel : digit.pixels)
            ink.push_back(pixel / 255.0f);
        const ImageExplanation e = s.explainImage(ink, -1);
        QCOMPARE(e.predicted, digit.predicted);
        QCOMPARE(e.explained, e.predicted);
        QCOMPARE(e.probabilities.size(), std::size_t(10));
        double total = 0;
        for (const float p : e.probabilities)
            total += p;
        QVERIFY(std::abs(total - 1) < 1e-5);
        // The pixels went through 8 bits: the same class, nearly the same confidence.
        QVERIFY(std::abs(e.probabilities[std::size_t(e.predicted)] - digit.confidence) < 1e-2);
        for (std::size_t i = 0; i < gradsBefore.size(); ++i)
            QVERIFY(values(s.model().parameters()[i]->grad) == values(gradsBefore[i]));

        // Another class's saliency against central differences of its logit.
        const int other = (e.predicted + 3) % 10;
        const ImageExplanation o = s.explainImage(ink, other);
        QCOMPARE(o.explained, other);
        const double mean = setup.experiment.data.mean, sd = setup.experiment.data.std;
        const auto logit = [&](const std::vector<float>& picture) {
            Tensor x(Shape{1, 1, 28, 28});
            for (Index i = 0; i < 28 * 28; ++i)
                x[i] = Scalar((picture[std::size_t(i)] - mean) / sd);
            Graph g;
            NoGradGuard noGrad(g);
            return double(s.model().forward(g, g.input(x), false).value()[other]);
        };
        const double h = 1e-2;
        int checked = 0;
        for (std::size_t i = 100; i < 700; i += 37) {
            std::vector<float> up = ink, down = ink;
            up[i] += float(h);
            down[i] -= float(h);
            const double numeric = (logit(up) - logit(down)) / (2 * h);
            QVERIFY2(
                std::abs(numeric - o.saliency[i]) <= 2e-3 + 0.02 * std::abs(numeric),
                qPrintable(
                    QString("pixel %1: %2 against %3").arg(i).arg(o.saliency[i]).arg(numeric)));
            checked += std::abs(numeric) > 1e-3;
        }
        QVERIFY(checked > 5); // the differences were not all zero

        GS_EXPECT_THROW_MSG(s.explainImage(std::vector<float>(10, 0.f), -1), InvalidArgument,
                            {"10 pixels", "28 × 28"});
        TrainingSession points;
        points.load(presetSetup("spiral"));
        GS_EXPECT_THROW_MSG(points.explainImage(ink, -1), InvalidArgument, {"image data"});
    }

    // A CNN's explanation carries every convolution at work: the maps after its ReLU as a
    // forward pass gives them, the filters, and d logit / d map and d logit / d filter, each
    // checked against central differences (the map nudged where it is, a weight moved).
    void convolutionsAreExplainedForwardAndBackward() {
        QTemporaryDir dir;
        test::writeFakeMnistSet(dir.path(), 200, 40);
        SessionSetup setup = presetSetup("mnist-cnn");
        setup.dataDir = dir.path().toStdString();
        TrainingSession s;
        s.load(setup);
        s.trainer().run(2);
        std::vector<float> ink(28 * 28, 0.0f);
        for (int r = 6; r < 22; ++r)
            ink[std::size_t(r * 28 + 14)] = ink[std::size_t(r * 28 + 15)] = 1.0f; // a "1"
        const int explained = 4;
        const ImageExplanation e = s.explainImage(ink, explained);
        const auto& layers = s.model().layers();
        int convolutions = 0;
        for (const LayerSpec& l : layers)
            convolutions += l.kind == LayerKind::Conv2d;
        QCOMPARE(int(e.convolutions.size()), convolutions);
        QVERIFY(convolutions >= 2);
        const double mean = setup.experiment.data.mean, sd = setup.experiment.data.std;
        Tensor x(Shape{1, 1, 28, 28});
        for (Index i = 0; i < 28 * 28; ++i)
            x[i] = Scalar((ink[std::size_t(i)] - mean) / sd);
        const auto logit = [&](const LayerNudge* nudge) {
            Graph g;
            NoGradGuard noGrad(g);
            return double(
                s.model().forward(g, g.input(x), false, nullptr, nudge).value()[explained]);
        };
        for (const FeatureMaps& f : e.convolutions) {
            QCOMPARE(layers[std::size_t(f.layer)].kind, LayerKind::Conv2d);
            QCOMPARE(f.activation, f.layer + 1); // the presets put a ReLU after each
            QCOMPARE(f.channels, layers[std::size_t(f.layer)].out);
            QCOMPARE(Index(f.values.size()), f.channels * f.height * f.width);
            QCOMPARE(f.gradients.size(), f.values.size());
            QCOMPARE(Index(f.filters.size()), f.channels * f.in * f.kernel * f.kernel);
            // The maps are the forward pass's.
            Graph g;
            NoGradGuard noGrad(g);
            std::vector<Var> outputs;
            s.model().forward(g, g.input(x), false, &outputs);
            const Tensor& map = outputs[std::size_t(f.activation)].value();
            QCOMPARE(map.numel(), Index(f.values.size()));
            for (Index i = 0; i < map.numel(); ++i)
                QCOMPARE(f.values[std::size_t(i)], float(map[i]));
            // d logit / d map, where the gradient flows: a unit above zero (ReLU's kink aside)
            // that its max-pool window passes on. Upward differences: on the blank background
            // a window's units tie, the first takes the gradient, and only a nudge up keeps it
            // the window's maximum.
            const double h = 2e-3, base = logit(nullptr);
            int checked = 0;
            for (Index i = 0; i < map.numel() && checked < 6; i += 7) {
                if (map[i] <= 0 || f.gradients[std::size_t(i)] == 0) continue;
                const LayerNudge up{f.activation, i, Scalar(h)};
                const double numeric = (logit(&up) - base) / h;
                QVERIFY2(std::abs(numeric - f.gradients[std::size_t(i)]) <=
                             1e-3 + 0.02 * std::abs(numeric),
                         qPrintable(QString("layer %1 map %2: %3 against %4")
                                        .arg(f.layer)
                                        .arg(i)
                                        .arg(f.gradients[std::size_t(i)])
                                        .arg(numeric)));
                ++checked;
            }
            QVERIFY(checked > 0);
            // d logit / d filter.
            Parameter& w = *s.model().weight(f.layer);
            for (Index i = 0; i < w.value.numel(); i += w.value.numel() / 5) {
                const Scalar kept = w.value[i];
                w.value[i] = Scalar(kept + h);
                const double plus = logit(nullptr);
                w.value[i] = Scalar(kept - h);
                const double minus = logit(nullptr);
                w.value[i] = kept;
                const double numeric = (plus - minus) / (2 * h);
                QVERIFY2(std::abs(numeric - f.filterGradients[std::size_t(i)]) <=
                             2e-3 + 0.02 * std::abs(numeric),
                         qPrintable(QString("layer %1 filter %2: %3 against %4")
                                        .arg(f.layer)
                                        .arg(i)
                                        .arg(f.filterGradients[std::size_t(i)])
                                        .arg(numeric)));
            }
        }
    }

    // Drawn points edited: the network goes on from its weights, optimizer state and step
    // (keepWeights) while it fits the data; a new class, which grows the output layer, starts
    // afresh from the seed, as a load without keepWeights does.
    void editedPointsKeepTheWeights() {
        SessionSetup setup = presetSetup("spiral");
        setup.experiment.data.source = DataSource::Drawn;
        setup.experiment.data.trainFraction = 1;
        for (int i = 0; i < 12; ++i)
            setup.experiment.data.points.push_back(
                {float(i % 2 ? 2 : -2) + 0.1f * float(i), float(i % 3) - 1, i % 2});
        setup.fitOutputs = true;
        TrainingSession s;
        s.load(setup);
        s.trainer().runSteps(5);
        const std::vector<Scalar> trained = weightsOf(s);
        const long steps = s.trainer().steps();
        QVERIFY(steps == 5);
        SessionSetup more = setup;
        more.experiment.data.points.push_back({4, 4, 0});
        more.keepWeights = true;
        s.load(more);
        QCOMPARE(s.trainData().size(), Index(13));
        QCOMPARE(s.trainer().steps(), steps);
        QVERIFY(weightsOf(s) == trained);
        QVERIFY(!s.trainer().optimizer().state(0).buffers.empty()); // Adam's moments kept
        s.trainer().runSteps(1);
        QCOMPARE(s.trainer().steps(), steps + 1);

        TrainingSession fresh;
        fresh.load(more);
        const std::vector<Scalar> initial = weightsOf(fresh);
        QVERIFY(initial != trained);
        // Without keepWeights, the seed's weights.
        SessionSetup again = more;
        again.keepWeights = false;
        s.load(again);
        QCOMPARE(s.trainer().steps(), 0L);
        QVERIFY(weightsOf(s) == initial);
        // A third class: the output layer grows, and the weights start from the seed.
        s.trainer().runSteps(3);
        SessionSetup third = more;
        third.experiment.data.points.push_back({-4, 4, 2});
        third.keepWeights = true;
        s.load(third);
        QCOMPARE(s.trainer().steps(), 0L);
        QCOMPARE(s.model().layers().back().out, Index(3));
    }

    void loadBuildsEverything() {
        TrainingSession s;
        QVERIFY(!s.loaded());
        s.load(presetSetup("spiral"));
        QVERIFY(s.loaded());
        QCOMPARE(s.trainData().size(), Index(250));
        QVERIFY(s.testData() && s.testData()->size() == 250);
        QVERIFY(s.planar());
        QCOMPARE(s.points()->size(), std::size_t(500));
        QCOMPARE(std::count_if(s.points()->begin(), s.points()->end(),
                               [](const PlanePoint& p) { return p.test; }),
                 250L);
        QCOMPARE(s.imageSide(), 0);
        QCOMPARE(s.featureNames(), (std::vector<std::string>{"x1", "x2"}));
        QCOMPARE(s.trainer().steps(), 0L);
        QCOMPARE(s.model().layers().size(), std::size_t(5));
        QCOMPARE(s.setup().experiment.name, std::string("spiral"));
    }

    // Features of 2-D data: the network sees them, the points stay the raw plane.
    void featuresExpandTheInputs() {
        SessionSetup setup = presetSetup("circles");
        setup.features = kRawFeatures | featureBit(Feature::X1Squared);
        setup.experiment.layers.front().in = 3;
        TrainingSession s;
        s.load(setup);
        QCOMPARE(s.trainData().inputs.cols(), Index(3));
        QCOMPARE(s.featureNames().size(), std::size_t(3));
        QCOMPARE(s.points()->front().x1, float(s.trainData().inputs[0]));
    }

    // The session's steps are a Trainer's steps: same seed, same weights, bit for bit.
    void stepsAreTheTrainersSteps() {
        const SessionSetup setup = presetSetup("xor");
        TrainingSession s;
        s.load(setup);
        for (int i = 0; i < 60; ++i)
            s.step();

        const Split data = loadData(setup.experiment.data, "");
        Sequential model(setup.experiment.layers, setup.experiment.train.seed);
        Trainer trainer(model, data.train, &data.test, setup.experiment.train);
        trainer.runSteps(60);
        QCOMPARE(s.trainer().steps(), 60L);
        QCOMPARE(s.trainer().epoch(), trainer.epoch());
        QVERIFY(weightsOf(s) == flattenParameters(model));
    }

    // Steps asked for one by one (Play's chunks): the same steps as step() takes, each seen by
    // the observers; on a device (here the reference backend) the model comes back to the host
    // once per call rather than after every step, with the same numbers; the predicate is asked
    // before every step and sees the schedule's end as soon as it comes.
    void stepsWhileBringTheModelBackOnce() {
        const SessionSetup setup = presetSetup("xor");
        TrainingSession one, chunked;
        one.load(setup);
        chunked.load(setup);
        one.trainer().setBackend(makeCpuBackend());
        chunked.trainer().setBackend(makeCpuBackend());
        long seen = 0;
        chunked.setStepObserver([&](const StepReport&) { ++seen; });
        // 20 steps, within the first epoch (its end evaluates on the host, a download of its own).
        for (int i = 0; i < 20; ++i)
            one.step();
        long asked = 0;
        chunked.stepWhile([&] { return ++asked <= 20; });
        QCOMPARE(asked, 21L);
        QCOMPARE(seen, 20L);
        QCOMPARE(chunked.trainer().steps(), 20L);
        QCOMPARE(one.trainer().downloads(), 20L);
        QCOMPARE(chunked.trainer().downloads(), 1L);
        QVERIFY(weightsOf(chunked) == weightsOf(one));
        chunked.stepWhile([] { return false; });
        QCOMPARE(chunked.trainer().steps(), 20L);

        // A schedule that ends after the first epoch (25 batches): noticed before the next step.
        SessionSetup ending = setup;
        ending.experiment.train.schedule.kind = ScheduleKind::Cosine;
        ending.experiment.train.schedule.maxEpochs = 1;
        TrainingSession s;
        s.load(ending);
        s.stepWhile([&] { return !s.scheduleEndReached(); });
        QCOMPARE(s.trainer().steps(), 25L);
        QVERIFY(s.scheduleEndReached());
    }

    void observersSeeEveryStepAndEpoch() {
        TrainingSession s;
        long steps = 0;
        int epochs = 0;
        s.setStepObserver([&](const StepReport&) { ++steps; });
        s.setEpochObserver([&](const EpochReport&) { ++epochs; });
        s.load(presetSetup("xor")); // 25 batches an epoch
        for (int i = 0; i < 30; ++i)
            s.step();
        QCOMPARE(steps, 30L);
        QCOMPARE(epochs, 1);
    }

    // A traced step is the step; a one-sample trace is taken on a copy and moves nothing.
    void tracesWriteTheStepDown() {
        TrainingSession s;
        s.load(presetSetup("spiral"));
        s.step();
        const std::vector<Scalar> before = weightsOf(s);
        const StepTrace one = s.traceOneSample(3);
        QCOMPARE(s.trainer().steps(), 1L);
        QVERIFY(weightsOf(s) == before);
        QCOMPARE(one.batch, Index(1));
        QCOMPARE(one.sample, Index(3));
        QCOMPARE(one.step, 2L);
        QVERIFY(!one.updates.empty());
        QVERIFY(!one.forward.empty() && !one.backward.empty());

        StepTrace real;
        const StepReport report = s.step(&real);
        QCOMPARE(real.step, 2L);
        QCOMPARE(real.batch, Index(10));
        QVERIFY(std::abs(real.loss - report.batchLoss) < 1e-6);
        QVERIFY(weightsOf(s) != before);
        QVERIFY(values(real.updates.front().after) ==
                values(s.model().parameters().front()->value));
    }

    void gradientChecksAgreeAndMoveNothing() {
        TrainingSession s;
        s.load(presetSetup("xor")); // tanh: smooth, so the differences agree closely
        s.step();
        const std::vector<Scalar> before = weightsOf(s);
        const auto entries = s.checkGradients(1e-2, 20);
        QVERIFY(!entries.empty());
        QVERIFY2(entries[entries.size() / 2].relativeError < 1e-2,
                 qPrintable(QString::number(entries[entries.size() / 2].relativeError)));
        const GradCheckEntry entry = s.checkGradientEntry("0.weight", 1, 1e-2);
        QCOMPARE(entry.parameter, std::string("0.weight"));
        QCOMPARE(entry.index, Index(1));
        const GradCheckEntry node = s.checkNodeGradient(1, -1, 1e-2);
        QCOMPARE(node.parameter, std::string("1.tanh"));
        GS_EXPECT_THROW_MSG(s.checkGradientEntry("7.weight", 0, 1e-2), InvalidArgument,
                            {"7.weight"});
        QVERIFY(weightsOf(s) == before);
        QCOMPARE(s.trainer().steps(), 1L);
    }

    void landscapeAroundTheWeights() {
        TrainingSession s;
        s.load(presetSetup("xor"));
        QVERIFY(!s.landscapePoint());
        for (int i = 0; i < 20; ++i)
            s.step();
        const std::vector<Scalar> before = weightsOf(s);
        const LandscapeResult random = s.computeLandscape(false, 5, 1.0);
        QCOMPARE(random.id, 1);
        QCOMPARE(random.grid.resolution, 5);
        QCOMPARE(random.grid.loss.size(), std::size_t(25));
        QCOMPARE(random.step, 20L);
        QVERIFY(random.centerLoss > 0);
        QVERIFY(weightsOf(s) == before);
        const auto point = s.landscapePoint();
        QVERIFY(point && std::abs((*point)[0]) < 1e-4 && std::abs((*point)[1]) < 1e-4);
        s.step();
        QVERIFY(std::abs((*s.landscapePoint())[0]) + std::abs((*s.landscapePoint())[1]) > 0);

        const LandscapeResult principal = s.computeLandscape(true, 3, 1.0);
        QCOMPARE(principal.id, 2);
        QCOMPARE(s.landscapeId(), 2);
        QVERIFY(principal.path.size() >= 3);
        QVERIFY(principal.explained > 0 && principal.explained <= 1 + 1e-9);
        GS_EXPECT_THROW_MSG(s.computeLandscape(false, 5, 0), InvalidArgument, {"span"});
    }

    void planeMapsCoverTheNetwork() {
        TrainingSession s;
        s.load(presetSetup("spiral")); // 2-16-16-2 ReLU
        const PlaneMaps maps = s.planeMaps(8);
        QCOMPARE(maps.grid, 8);
        QCOMPARE(maps.outputMap.size(), std::size_t(64));
        QCOMPARE(maps.unitMaps.size(), std::size_t(4)); // inputs and three Linear layers
        QCOMPARE(maps.unitMaps[1].size(), std::size_t(16));
        for (const float v : maps.outputMap)
            QVERIFY(v >= -1 && v <= 1);
        QCOMPARE(s.evaluateImages(100, 8).classes, 0); // not image data
    }

    void setWeightChecksItsPlace() {
        TrainingSession s;
        s.load(presetSetup("xor"));
        s.setWeight(0, 1, 0, 0.25);
        QCOMPARE(s.model().weight(0)->value[2], Scalar(0.25)); // [8, 2]: row 1, column 0
        GS_EXPECT_THROW_MSG(s.setWeight(0, 8, 0, 1), InvalidArgument, {"no weight 0→8"});
        GS_EXPECT_THROW_MSG(s.setWeight(1, 0, 0, 1), InvalidArgument, {"layer 1"});
        GS_EXPECT_THROW_MSG(s.setWeight(0, 0, 0, std::nan("")), InvalidArgument, {"finite"});
        // Finite as a double, +inf as a float32.
        GS_EXPECT_THROW_MSG(s.setWeight(0, 0, 0, 1e39), InvalidArgument,
                            {"The weight is 1e+39, out of float32 range"});
        QVERIFY(std::isfinite(s.model().weight(0)->value[0]));
    }

    // The schedule's end is reported once, after the step that reached it; a typed base rate
    // starts the schedule again, and its next end is reported again.
    void scheduleEndIsReportedOnce() {
        SessionSetup setup = presetSetup("spiral");
        setup.experiment.train.schedule.maxEpochs = 1; // cosine over one epoch (25 steps)
        TrainingSession s;
        s.load(setup);
        for (int i = 0; i < 24; ++i)
            s.step();
        QVERIFY(!s.scheduleEndReached());
        s.step();
        QVERIFY(s.scheduleEndReached());
        QVERIFY(s.trainer().learningStopped());
        QVERIFY(s.takeScheduleEnd());
        QVERIFY(!s.takeScheduleEnd());
        s.step();
        QVERIFY(!s.scheduleEndReached());

        OptimizerConfig typed = s.trainer().config().optimizer;
        typed.learningRate = Scalar(0.03);
        s.setOptimizer(typed);
        QCOMPARE(s.trainer().learningRate(), Scalar(0.03));
        QCOMPARE(s.trainer().scheduleOrigin(), 1);
        QCOMPARE(s.setup().experiment.train.optimizer.learningRate, Scalar(0.03));
        for (int i = 0; i < 24; ++i)
            s.step(); // the epoch that began at step 26 ends at step 50
        QVERIFY(s.scheduleEndReached());

        Schedule constant;
        s.setSchedule(constant);
        QVERIFY(!s.scheduleEndReached());
        QCOMPARE(s.trainer().learningRate(), Scalar(0.03));
        Schedule bad;
        bad.kind = ScheduleKind::Step;
        bad.stepSize = 0;
        GS_EXPECT_THROW_MSG(s.setSchedule(bad), InvalidArgument, {"step size"});
        QCOMPARE(s.trainer().config().schedule, constant);
    }

    // Saving and opening: the same weights, optimizer state, position and schedule origin, the
    // history given, and the next step the same as the saved run's next step.
    void saveAndOpenContinueTheRun() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.gradscope").toStdString();
        SessionSetup setup = presetSetup("spiral");
        setup.features = kRawFeatures | featureBit(Feature::SinX1);
        setup.experiment.layers.front().in = 3;
        setup.experiment.train.schedule.maxEpochs = 10;
        TrainingSession s;
        s.load(setup);
        s.setCollectLayerStats(true);
        MetricsHistory history;
        s.setStepObserver([&](const StepReport& r) { history.add(r); });
        s.setEpochObserver([&](const EpochReport& r) { history.add(r); });
        for (int i = 0; i < 30; ++i)
            s.step();
        OptimizerConfig typed = s.trainer().config().optimizer;
        typed.learningRate = Scalar(0.005);
        s.setOptimizer(typed); // the schedule begins again at epoch 1
        for (int i = 0; i < 30; ++i)
            s.step();
        s.save(path, history);

        TrainingSession opened;
        const MetricsHistory reopened = opened.open(path, "");
        QVERIFY(weightsOf(opened) == weightsOf(s));
        QCOMPARE(opened.trainer().steps(), 60L);
        QCOMPARE(opened.trainer().epoch(), 2);
        QCOMPARE(opened.trainer().scheduleOrigin(), 1);
        QCOMPARE(opened.trainer().learningRate(), s.trainer().learningRate());
        QCOMPARE(opened.trainer().optimizer().steps(), s.trainer().optimizer().steps());
        QCOMPARE(opened.setup().features, setup.features);
        QCOMPARE(opened.setup().experiment.train.optimizer.learningRate, Scalar(0.005));
        QCOMPARE(reopened.stepLosses.size(), std::size_t(60));
        QCOMPARE(reopened.epochs.size(), std::size_t(2));
        // The gradient-norm charts' statistics too, every layer with weights at every step.
        QCOMPARE(reopened.layerStats.size(), std::size_t(60));
        QCOMPARE(reopened.layerStats.size(), history.layerStats.size());
        for (std::size_t i = 0; i < history.layerStats.size(); ++i) {
            QCOMPARE(reopened.layerStats[i].first, history.layerStats[i].first);
            const auto& a = reopened.layerStats[i].second;
            const auto& b = history.layerStats[i].second;
            QCOMPARE(a.size(), std::size_t(3));
            QCOMPARE(a.size(), b.size());
            for (std::size_t l = 0; l < a.size(); ++l) {
                QCOMPARE(a[l].layer, b[l].layer);
                // Written with float32's nine digits, as the weights are.
                QVERIFY(std::abs(a[l].gradientNorm - b[l].gradientNorm) <=
                        1e-7 * b[l].gradientNorm);
                QVERIFY(std::abs(a[l].updateRatio - b[l].updateRatio) <= 1e-7 * b[l].updateRatio);
            }
        }
        s.step();
        opened.step();
        QVERIFY(weightsOf(opened) == weightsOf(s));
    }

    // The CLI's --model reads a session's model, weights and input features; a model file's
    // features are the raw two.
    void modelsComeFromSessionsToo() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.gradscope").toStdString();
        SessionSetup setup = presetSetup("spiral");
        setup.features = kRawFeatures | featureBit(Feature::X1TimesX2);
        setup.experiment.layers.front().in = 3;
        TrainingSession s;
        s.load(setup);
        for (int i = 0; i < 5; ++i)
            s.step();
        s.save(path, MetricsHistory{});
        FeatureMask features = 0;
        LoadedModel loaded = loadModelOrSession(path, &features);
        QCOMPARE(features, setup.features);
        QCOMPARE(loaded.sampleShape, Shape{3});
        QCOMPARE(loaded.optimizerSteps, 5L);
        for (std::size_t i = 0; i < loaded.model.parameters().size(); ++i)
            QVERIFY(loaded.model.parameters()[i]->value.values() ==
                    s.model().parameters()[i]->value.values());
        const std::string modelPath = dir.filePath("model.json").toStdString();
        saveModel(modelPath, s.model(), Shape{3}, LossKind::CrossEntropy, nullptr);
        loaded = loadModelOrSession(modelPath, &features);
        QCOMPARE(features, kRawFeatures);
        QCOMPARE(loaded.model.parameters().size(), s.model().parameters().size());
        // Not a session inside: the session reader's message, naming the file.
        const std::string fake = dir.filePath("fake.gradscope").toStdString();
        std::rename(modelPath.c_str(), fake.c_str());
        GS_EXPECT_THROW_MSG(loadModelOrSession(fake), Error, {fake});
    }

    // A load or open that fails throws and keeps the session as it was.
    void failedLoadKeepsThePreviousSession() {
        TrainingSession s;
        s.load(presetSetup("spiral"));
        for (int i = 0; i < 3; ++i)
            s.step();
        const std::vector<Scalar> before = weightsOf(s);

        SessionSetup missing = presetSetup("spiral");
        missing.experiment.data.source = DataSource::Csv;
        missing.experiment.data.path = "/nonexistent/points.csv";
        QVERIFY_THROWS_EXCEPTION(Error, s.load(missing));

        SessionSetup misfit = presetSetup("spiral");
        misfit.experiment.layers.front().in = 5; // the data has 2 features
        QVERIFY_THROWS_EXCEPTION(Error, s.load(misfit));

        QVERIFY_THROWS_EXCEPTION(Error, s.open("/nonexistent/run.gradscope", ""));
        QTemporaryDir dir;
        const std::string corrupt = dir.filePath("corrupt.gradscope").toStdString();
        std::ofstream(corrupt) << "{\"format\": \"gradscope-session\", \"version\": 1";
        QVERIFY_THROWS_EXCEPTION(Error, s.open(corrupt, ""));

        QVERIFY(s.loaded());
        QVERIFY(s.setup().experiment.data.source == DataSource::Toy);
        QCOMPARE(s.setup().experiment.layers.front().in, Index(2));
        QCOMPARE(s.trainer().steps(), 3L);
        QVERIFY(weightsOf(s) == before);
        s.step(); // and it still trains
        QCOMPARE(s.trainer().steps(), 4L);
    }

    void resetStartsAgain() {
        TrainingSession s;
        s.load(presetSetup("xor"));
        const std::vector<Scalar> initial = weightsOf(s);
        for (int i = 0; i < 5; ++i)
            s.step();
        s.reset();
        QCOMPARE(s.trainer().steps(), 0L);
        QVERIFY(weightsOf(s) == initial);
    }
};

QTEST_APPLESS_MAIN(TestSession)
#include "tst_session.moc"
