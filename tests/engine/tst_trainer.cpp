// The Trainer: toy sets learn, runs repeat bit for bit, a diverging run stops cleanly with the
// weights kept, and stopping between steps keeps the place in the epoch.
#include "TestUtil.h"
#include "TrainingUtil.h"
#include "data/Toy.h"
#include "train/GradCheck.h"
#include "train/Metrics.h"
#include "train/Trainer.h"

#include <algorithm>
#include <cstring>
#include <map>

using namespace gs;
using namespace gs::test;

namespace {

Split toySplit(ToyKind kind, double noise = 0.0, Index samples = 500) {
    return splitDataset(makeToyDataset({kind, samples, noise, 7}), 0.5, 3);
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    // A network whose output does not fit the data is made to (the import of points): one
    // output per class under cross-entropy, one per target under MSE; what fits stays.
    void fitOutputsMakesTheOutputFitTheData() {
        Dataset three;
        three.name = "three";
        three.classes = 3;
        Dataset two = three;
        two.classes = 2;
        Dataset values;
        values.name = "values";
        values.targets = Tensor(Shape{0, 1});
        const std::vector<LayerSpec> mlp = {
            LayerSpec::linear(2, 8), LayerSpec::of(Activation::Tanh), LayerSpec::linear(8, 2)};

        std::vector<LayerSpec> layers = mlp;
        LossKind loss = LossKind::CrossEntropy;
        QVERIFY(fitOutputs(layers, loss, three));
        QCOMPARE(layers.size(), mlp.size());
        QCOMPARE(layers.back().out, Index(3));
        QCOMPARE(layers.front(), mlp.front());
        QCOMPARE(loss, LossKind::CrossEntropy);
        QVERIFY(!fitOutputs(layers, loss, three)); // it fits now

        // MSE with a softmax on two outputs, for three classes: cross-entropy on three logits
        // (the softmax goes: cross-entropy has its own).
        layers = mlp;
        layers.push_back(LayerSpec::of(LayerKind::Softmax));
        loss = LossKind::MSE;
        QVERIFY(fitOutputs(layers, loss, three));
        QCOMPARE(layers.size(), mlp.size());
        QCOMPARE(layers.back().out, Index(3));
        QCOMPARE(loss, LossKind::CrossEntropy);

        // Binary cross-entropy keeps its one output on two classes, and gives way on three.
        layers = mlp;
        layers.back().out = 1;
        loss = LossKind::BCEWithLogits;
        QVERIFY(!fitOutputs(layers, loss, two));
        QVERIFY(fitOutputs(layers, loss, three));
        QCOMPARE(loss, LossKind::CrossEntropy);
        QCOMPARE(layers.back().out, Index(3));

        // Regression: MSE on one output per target.
        QVERIFY(fitOutputs(layers, loss, values));
        QCOMPARE(loss, LossKind::MSE);
        QCOMPARE(layers.back().out, Index(1));
        // Back to two classes: MSE on one output is the Playground's ±1 and fits as it is.
        QVERIFY(!fitOutputs(layers, loss, two));

        // A network that does not end in a Linear layer is not rebuilt.
        layers = {LayerSpec::conv2d(1, 2, 3), LayerSpec::of(LayerKind::Flatten)};
        loss = LossKind::CrossEntropy;
        QVERIFY(!fitOutputs(layers, loss, three));
        QCOMPARE(layers.size(), std::size_t(2));
    }

    void toySetsLearn_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("loss");
        QTest::addColumn<double>("minAccuracy");
        QTest::newRow("spiral, cross-entropy")
            << int(ToyKind::Spiral) << int(LossKind::CrossEntropy) << 0.95;
        QTest::newRow("xor, cross-entropy")
            << int(ToyKind::Xor) << int(LossKind::CrossEntropy) << 0.98;
        QTest::newRow("circles, bce")
            << int(ToyKind::Circles) << int(LossKind::BCEWithLogits) << 0.98;
        QTest::newRow("gaussians, mse ±1") << int(ToyKind::Gaussians) << int(LossKind::MSE) << 0.98;
        QTest::newRow("moons, cross-entropy")
            << int(ToyKind::Moons) << int(LossKind::CrossEntropy) << 0.98;
    }

    void toySetsLearn() {
        QFETCH(int, kind);
        QFETCH(int, loss);
        QFETCH(double, minAccuracy);
        const Split data = toySplit(ToyKind(kind));
        const Index outputs = LossKind(loss) == LossKind::CrossEntropy ? 2 : 1;
        Sequential model(mlp({2, 16, 16, outputs}, Activation::Relu), 5);
        Trainer trainer(model, data.train, &data.test, config(LossKind(loss), "adam", 0.01, 10));
        EpochReport last;
        trainer.setEpochObserver([&](const EpochReport& r) { last = r; });
        trainer.run(200);
        QCOMPARE(last.epoch, 200);
        QVERIFY2(last.test.accuracy >= minAccuracy,
                 qPrintable(QString("test accuracy %1").arg(last.test.accuracy)));
    }

    void regressionLearns() {
        const Split data = toySplit(ToyKind::Plane);
        Sequential model(mlp({2, 8, 1}, Activation::Tanh), 5);
        Trainer trainer(model, data.train, &data.test, config(LossKind::MSE, "sgd", 0.05, 10));
        const double before = trainer.evaluate(data.test).loss;
        trainer.run(50);
        const Evaluation after = trainer.evaluate(data.test);
        QCOMPARE(after.accuracy, -1.0);
        QVERIFY2(after.loss < 0.01 && after.loss < before / 10,
                 qPrintable(QString("loss %1 -> %2").arg(before).arg(after.loss)));
    }

    void sameSeedSameRunBitForBit() {
        const Split data = toySplit(ToyKind::Spiral, 0.2);
        std::vector<Tensor> finals[2];
        for (auto& out : finals) {
            Sequential model({LayerSpec::linear(2, 8), LayerSpec::of(Activation::Relu),
                              LayerSpec::dropout(0.2), LayerSpec::linear(8, 2)},
                             9);
            Trainer trainer(model, data.train, &data.test,
                            config(LossKind::CrossEntropy, "momentum", 0.05, 16));
            trainer.run(3);
            for (Parameter* p : model.parameters())
                out.push_back(p->value);
        }
        for (std::size_t i = 0; i < finals[0].size(); ++i)
            QVERIFY(std::memcmp(finals[0][i].data(), finals[1][i].data(),
                                sizeof(Scalar) * std::size_t(finals[0][i].numel())) == 0);
    }

    // A traced step is an ordinary step written down: the same weights bit for bit, and the
    // trace's own numbers agree (update = after − before; the backward reaches every
    // parameter; the loss is the step's loss).
    void tracedStepsEqualOrdinarySteps() {
        const Split data = toySplit(ToyKind::Spiral, 0.2);
        std::vector<Tensor> finals[2];
        StepTrace trace;
        for (int traced = 0; traced < 2; ++traced) {
            Sequential model(mlp({2, 8, 8, 2}, Activation::Tanh), 4);
            Trainer trainer(model, data.train, &data.test,
                            config(LossKind::CrossEntropy, "adam", 0.01, 16));
            for (int i = 0; i < 5; ++i) {
                const StepReport r = traced ? trainer.step(&trace) : trainer.step();
                if (traced) QCOMPARE(trace.loss, r.batchLoss);
            }
            for (Parameter* p : model.parameters())
                finals[traced].push_back(p->value);
        }
        for (std::size_t i = 0; i < finals[0].size(); ++i)
            QVERIFY(std::memcmp(finals[0][i].data(), finals[1][i].data(),
                                sizeof(Scalar) * std::size_t(finals[0][i].numel())) == 0);
        QCOMPARE(trace.step, 5L);
        QCOMPARE(trace.batch, Index(16));
        QVERIFY(trace.rule.find("m̂") != std::string::npos);
        QCOMPARE(int(trace.updates.size()), 6);
        for (const UpdateRecord& u : trace.updates) {
            QCOMPARE(u.after.shape(), u.before.shape());
            for (Index i = 0; i < u.after.numel(); ++i)
                QVERIFY(std::abs(u.after[i] - (u.before[i] + u.update[i])) <= 1e-6f);
            // exp_avg, exp_avg_sq, then m̂ and v̂ of step 5; the update is −lr·m̂ / (√v̂ + ε).
            QCOMPARE(int(u.state.size()), 4);
            QCOMPARE(u.state[0].first, std::string("exp_avg"));
            const Tensor &m = u.state[0].second, &v = u.state[1].second;
            const Tensor &mHat = u.state[2].second, &vHat = u.state[3].second;
            QVERIFY(u.state[2].first.rfind("m̂", 0) == 0 && u.state[3].first.rfind("v̂", 0) == 0);
            for (Index i = 0; i < u.after.numel(); ++i) {
                const double mh = m[i] / (1 - std::pow(double(Scalar(0.9)), 5)),
                             vh = v[i] / (1 - std::pow(double(Scalar(0.999)), 5));
                QVERIFY(std::abs(mHat[i] - mh) <= 1e-5 * std::abs(mh) + 1e-12);
                QVERIFY(std::abs(vHat[i] - vh) <= 1e-5 * std::abs(vh) + 1e-15);
                const double expected = -0.01 * mHat[i] / (std::sqrt(double(vHat[i])) + 1e-8);
                QVERIFY2(std::abs(u.update[i] - expected) <= 1e-6,
                         qPrintable(QString("%1 vs %2").arg(u.update[i]).arg(expected)));
            }
        }
        int parameterRecords = 0;
        for (const StepRecord& r : trace.backward)
            parameterRecords += !r.parameter.empty();
        QCOMPARE(parameterRecords, 6);
        QCOMPARE(trace.forward.size(), trace.nodeNames.size());
        QCOMPARE(trace.forward.front().name, std::string("x"));
    }

    // Every traced node carries the Sequential layer that recorded it (its parameters and the
    // renamed "output" included; the input and the loss none), and entryGradient takes each
    // entry sent to a Linear layer's weight, bias and input apart into terms that add up to
    // what the backward pass sent.
    void traceCarriesLayersAndEntryTerms() {
        const Split data = toySplit(ToyKind::Spiral, 0.2);
        Sequential model(mlp({2, 5, 2}, Activation::Relu), 4); // 0 linear, 1 relu, 2 linear
        Trainer trainer(model, data.train, &data.test,
                        config(LossKind::CrossEntropy, "sgd", 0.1, 8));
        StepTrace trace;
        trainer.step(&trace);
        QVERIFY(traceProblem(trace).empty());
        std::map<std::string, int> layerOf;
        for (const ForwardRecord& r : trace.forward)
            layerOf[r.name] = r.layer;
        QCOMPARE(layerOf.at("x"), -1);
        QCOMPARE(layerOf.at("0.weight"), 0);
        QCOMPARE(layerOf.at("0.bias"), 0);
        QCOMPARE(layerOf.at("1.relu"), 1);
        QCOMPARE(layerOf.at("2.weight"), 2);
        QCOMPARE(layerOf.at("output"), 2);
        QCOMPARE(trace.forward.back().layer, -1); // the loss
        QCOMPARE(trace.nodeNames[std::size_t(layerOutputNode(trace, 1))], std::string("1.relu"));
        QCOMPARE(trace.nodeNames[std::size_t(layerOutputNode(trace, 2))], std::string("output"));
        QCOMPARE(layerOutputNode(trace, 7), -1);
        int checked = 0;
        for (const StepRecord& r : trace.backward)
            for (const EdgeStep& e : r.edges)
                for (Index i = 0; i < e.gradient.numel(); ++i) {
                    const EntryGradient g = entryGradient(trace, r, e, i);
                    QCOMPARE(g.sent, double(e.gradient[i]));
                    for (const EntryTerm& term : g.terms)
                        QCOMPARE(term.upstream, double(r.upstream[term.upstreamIndex]));
                    if (g.rule == EntryGradient::Rule::Other) continue;
                    QVERIFY2(std::abs(g.sum - g.sent) <= 1e-5 * (1 + std::abs(g.sent)),
                             qPrintable(QString("%1[%2]: %3 vs %4")
                                            .arg(QString::fromStdString(r.nodeName))
                                            .arg(i)
                                            .arg(g.sum)
                                            .arg(g.sent)));
                    ++checked;
                }
        QVERIFY(checked > 15 + 5 + 8 + 3 + 8 * 5); // both weights, biases, relu and x of layer 2
        const StepRecord& first = trace.backward.front();
        QVERIFY_THROWS_EXCEPTION(InvalidArgument,
                                 entryGradient(trace, first, first.edges.front(), 1 << 20));
        StepTrace broken = trace;
        broken.forward[3].inputIds[0] = 5;
        QVERIFY(traceProblem(broken).english().find("not an earlier node") != std::string::npos);
    }

    // Central differences agree with autodiff to float32 accuracy on a smooth network, and the
    // check leaves the weights exactly as they were.
    void gradientCheckAgreesAndRestores() {
        const Split data = toySplit(ToyKind::Circles, 0.1);
        Sequential model(mlp({2, 6, 2}, Activation::Tanh), 3);
        DataLoader loader(data.train, 20, false, 0);
        Batch batch;
        loader.next(batch);
        std::vector<Tensor> before;
        for (Parameter* p : model.parameters())
            before.push_back(p->value);
        const auto entries = checkGradients(model, batch, LossKind::CrossEntropy,
                                            TargetEncoding::ClassIndex, {}, 1e-2);
        QCOMPARE(int(entries.size()), 6 * 2 + 6 + 2 * 6 + 2);
        QVERIFY2(entries.front().relativeError < 0.05,
                 qPrintable(QString::number(entries.front().relativeError)));
        for (std::size_t i = 1; i < entries.size(); ++i)
            QVERIFY(entries[i - 1].relativeError >= entries[i].relativeError);
        for (std::size_t i = 0; i < before.size(); ++i)
            QVERIFY(std::memcmp(before[i].data(), model.parameters()[i]->value.data(),
                                sizeof(Scalar) * std::size_t(before[i].numel())) == 0);
    }

    // On a ReLU network a nudge of ±ε can move a unit across its kink: such entries are marked
    // and listed after the others, and every entry that crosses none agrees with autodiff (the
    // issue: a kink's large error read as a failure of the gradient).
    void gradientCheckMarksKinks() {
        const Split data = toySplit(ToyKind::Spiral, 0.1);
        Sequential model(mlp({2, 8, 8, 2}, Activation::Relu), 4);
        DataLoader loader(data.train, 50, false, 0);
        Batch batch;
        loader.next(batch);
        const auto entries = checkGradients(model, batch, LossKind::CrossEntropy,
                                            TargetEncoding::ClassIndex, {}, 0.05);
        const auto firstKink = std::find_if(entries.begin(), entries.end(),
                                            [](const auto& e) { return e.crossesKink; });
        QVERIFY(firstKink != entries.end());
        QVERIFY(std::all_of(firstKink, entries.end(), [](const auto& e) { return e.crossesKink; }));
        QVERIFY2(std::abs(firstKink->relativeError) > 0.05,
                 qPrintable(QString::number(firstKink->relativeError)));
        for (auto e = entries.begin(); e != firstKink; ++e)
            QVERIFY2(e->relativeError < 0.05, qPrintable(QString::number(e->relativeError)));
        // An interior node: its nudge crosses its own ReLU's kink when the unit is near zero.
        const GradCheckEntry node = checkLayerOutputGradient(
            model, batch, LossKind::CrossEntropy, TargetEncoding::ClassIndex, {}, 0, -1, 0.05);
        QVERIFY(node.crossesKink || node.relativeError < 0.05);
    }

    // A million steps (and epochs) do not grow the history past its caps: the entries are
    // thinned evenly, the first and the latest kept (the issue: 1.5 GB an hour of losses).
    void historyStaysBounded() {
        MetricsHistory h;
        const long steps = 1'000'000;
        for (long step = 1; step <= steps; ++step) {
            StepReport r;
            r.step = step;
            r.batchLoss = 1.0 / double(step);
            if (step % 7 == 0) r.layers = {LayerStats{0, 0.5, 0.001}, LayerStats{2, 0.25, 0.002}};
            h.add(r);
            EpochReport e;
            e.epoch = int(step);
            e.step = step;
            h.add(e);
        }
        QVERIFY(h.stepLosses.size() <= MetricsHistory::kMaxStepLosses + 1);
        QVERIFY(h.epochs.size() <= MetricsHistory::kMaxEpochs + 1);
        QVERIFY(h.layerStats.size() <= MetricsHistory::kMaxLayerStats + 1);
        QVERIFY(h.stepLosses.size() > MetricsHistory::kMaxStepLosses / 2);
        QCOMPARE(h.stepLosses.front().first, 1L);
        QCOMPARE(h.stepLosses.back().first, steps);
        QCOMPARE(h.stepLosses.back().second, 1.0 / double(steps));
        QCOMPARE(h.epochs.back().step, steps);
        QCOMPARE(h.layerStats.back().first, steps - steps % 7);
        // Evenly spread: every gap between kept steps is the stride, but the last one.
        const long stride = long(h.stepLosses.stride());
        QVERIFY(stride >= 4);
        for (std::size_t i = 1; i + 1 < h.stepLosses.size(); ++i)
            QCOMPARE(h.stepLosses[i].first - h.stepLosses[i - 1].first, stride);
        // The CSV holds what is kept, in order.
        const std::string csv = h.layerStatsCsv();
        QCOMPARE(long(std::count(csv.begin(), csv.end(), '\n')), long(h.layerStats.size()) + 1);
    }

    void divergenceStopsWithWeightsKept() {
        const Split data = toySplit(ToyKind::Plane);
        Sequential model(mlp({2, 8, 8, 1}, Activation::Relu), 5);
        Trainer trainer(model, data.train, &data.test, config(LossKind::MSE, "sgd", 1e4, 10));
        std::string message;
        std::vector<Tensor> lastFinite;
        try {
            for (int i = 0; i < 1000; ++i) {
                lastFinite.clear();
                for (Parameter* p : model.parameters())
                    lastFinite.push_back(p->value);
                trainer.step();
            }
        } catch (const TrainingError& e) {
            message = e.what();
        }
        QVERIFY2(message.find("Lower the learning rate") != std::string::npos, message.c_str());
        // What the message says of the weights is what they are.
        const bool kept = message.find("kept as they were before this step") != std::string::npos;
        QVERIFY(kept || message.find("those after this step") != std::string::npos);
        bool same = true;
        for (std::size_t i = 0; i < lastFinite.size(); ++i)
            same = same && std::memcmp(lastFinite[i].data(), model.parameters()[i]->value.data(),
                                       sizeof(Scalar) * std::size_t(lastFinite[i].numel())) == 0;
        QCOMPARE(same, kept);
    }

    // Adam at lr 1e6 on spiral: the loss grows to 1e19 without a NaN (the issue: 200 epochs ran
    // and the model was saved); it is caught within a few steps, before the update.
    void adaptiveDivergenceIsCaught() {
        const Split data = toySplit(ToyKind::Spiral);
        Sequential model(mlp({2, 16, 16, 2}, Activation::Relu), 3);
        Trainer trainer(model, data.train, &data.test,
                        config(LossKind::CrossEntropy, "adam", 1e6, 10));
        std::string message;
        try {
            for (int i = 0; i < 100; ++i)
                trainer.step();
        } catch (const TrainingError& e) {
            message = e.what();
        }
        QVERIFY2(trainer.steps() < 5, qPrintable(QString::number(trainer.steps())));
        QVERIFY2(message.find("diverged") != std::string::npos, message.c_str());
    }

    // A value that overflows names the node it first came out of.
    void nonFiniteNamesItsNode() {
        const Split data = toySplit(ToyKind::Xor);
        Sequential model(mlp({2, 4, 2}, Activation::Tanh), 5);
        Trainer trainer(model, data.train, &data.test,
                        config(LossKind::CrossEntropy, "sgd", 0.1, 10));
        trainer.step();
        // The second layer's weights at float32's largest: its output overflows to infinity
        // (the first layer's tanh keeps its own output finite).
        Parameter* second = model.parameter("2.weight");
        QVERIFY(second);
        second->value.array() = 3e38f;
        std::string message;
        try {
            trainer.step();
        } catch (const TrainingError& e) {
            message = e.what();
            QVERIFY(e.origin());
            QCOMPARE(e.origin()->op, OpKind::Linear);
        }
        // The last layer's output, which the trainer names "output", with its inputs' sizes.
        QVERIFY2(message.find("It began at node 'output' (linear), element 0: the result is past "
                              "float32's largest number, 3.4e38: its inputs reach") !=
                     std::string::npos,
                 message.c_str());
        QVERIFY2(message.find("step 2") != std::string::npos, message.c_str());
    }

    void stopKeepsPlaceInEpoch() {
        const Split data = toySplit(ToyKind::Xor);
        Sequential model(mlp({2, 4, 2}, Activation::Tanh), 5);
        Trainer trainer(model, data.train, &data.test,
                        config(LossKind::CrossEntropy, "sgd", 0.1, 10));
        int steps = 0;
        trainer.setStepObserver([&](const StepReport& r) {
            if (++steps == 7) trainer.requestStop();
            QCOMPARE(r.batchesPerEpoch, Index(25));
        });
        trainer.run(1);
        QCOMPARE(trainer.steps(), 7L);
        QCOMPARE(trainer.epoch(), 0);
        const auto report = trainer.runEpoch();
        QVERIFY(report.has_value());
        QCOMPARE(trainer.steps(), 25L); // the epoch finished from where it stopped
        QCOMPARE(report->epoch, 1);
        QVERIFY(report->samplesPerSecond > 0);
    }

    void layerStatsAreReported() {
        const Split data = toySplit(ToyKind::Xor);
        Sequential model(mlp({2, 4, 2}, Activation::Tanh), 5);
        Trainer trainer(model, data.train, &data.test,
                        config(LossKind::CrossEntropy, "sgd", 0.1, 10));
        trainer.setCollectLayerStats(true);
        const StepReport r = trainer.step();
        QCOMPARE(int(r.layers.size()), 2);
        QCOMPARE(r.layers[1].layer, 2);
        const Parameter& w = *model.parameter("2.weight");
        QCOMPARE(r.layers[1].gradientNorm, double(w.grad.matrix().norm()));
        // SGD: ΔW = −lr · dL/dW
        QVERIFY(std::abs(r.layers[1].updateRatio -
                         0.1 * r.layers[1].gradientNorm / double(w.value.matrix().norm())) < 1e-6);
    }

    void mismatchedNetworksAreRefused() {
        const Split data = toySplit(ToyKind::Spiral);
        Sequential wrongIn(mlp({3, 4, 2}, Activation::Tanh), 5);
        GS_EXPECT_THROW_MSG(Trainer(wrongIn, data.train, &data.test,
                                    config(LossKind::CrossEntropy, "sgd", 0.1, 10)),
                            LayerError,
                            {"layer 0", "input has 2 features but the layer expects 3"});
        Sequential wrongOut(mlp({2, 4, 3}, Activation::Tanh), 5);
        GS_EXPECT_THROW_MSG(Trainer(wrongOut, data.train, &data.test,
                                    config(LossKind::CrossEntropy, "sgd", 0.1, 10)),
                            InvalidArgument, {"one output per class", "2 classes", "3 outputs"});
        const Split reg = toySplit(ToyKind::Plane);
        Sequential net(mlp({2, 4, 1}, Activation::Tanh), 5);
        GS_EXPECT_THROW_MSG(
            Trainer(net, reg.train, &reg.test, config(LossKind::CrossEntropy, "sgd", 0.1, 10)),
            InvalidArgument, {"regression"});
        GS_EXPECT_THROW_MSG(
            Trainer(net, reg.train, &reg.test, config(LossKind::MSE, "sgd", -1, 10)),
            InvalidArgument, {"learning rate"});
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
