// The compute-backend interface on the reference backend: every kernel against the graph's ops,
// whole training steps of DeviceStep against the graph's Trainer for every layer, loss and
// optimizer, and the device choice (parsing, the reason a GPU is missing, a refused choice that
// changes nothing).
#include "TestUtil.h"
#include "TrainingUtil.h"
#include "backend/BackendChecks.h"

#include <QTest>
#include <limits>

using namespace gs;
using namespace gs::test;

namespace {

// Random images [n, channels, size, size] with labels of `classes` classes.
Dataset images(Index n, Index channels, Index size, int classes, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Dataset d;
    d.name = "random images";
    d.inputs = random({n, channels, size, size}, rng, 0, 1);
    d.classes = classes;
    for (Index i = 0; i < n; ++i)
        d.labels.push_back(static_cast<int>(rng() % std::uint64_t(classes)));
    return d;
}

// What stopped `steps` steps of training, or "" when nothing did.
std::string trainingError(Trainer& trainer, long steps) {
    try {
        trainer.runSteps(steps);
    } catch (const TrainingError& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestDeviceStep : public QObject {
    Q_OBJECT

private slots:
    void everyKernelMatchesTheGraph() {
        const auto backend = makeCpuBackend();
        const std::string problem = checkAllKernels(*backend);
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void stepsMatchTheGraph_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("optimizer");
        const QStringList networks = {"spiral tanh, cross-entropy",
                                      "circles relu, bce",
                                      "gaussians leaky, mse ±1",
                                      "xor sigmoid, mse one-hot",
                                      "plane, regression",
                                      "softmax layer",
                                      "cnn, odd batch",
                                      "cnn stride 2, overlapping pool",
                                      "l1 and l2 penalty"};
        const QStringList optimizers = {"sgd",   "momentum", "nesterov", "adam",
                                        "adamw", "rmsprop",  "adagrad",  "rmsprop centered"};
        for (const QString& n : networks)
            for (const QString& o : optimizers)
                QTest::newRow(qPrintable(n + ", " + o)) << n << o;
    }

    void stepsMatchTheGraph() {
        QFETCH(QString, network);
        QFETCH(QString, optimizer);
        const bool centered = optimizer == "rmsprop centered";
        const std::string name = centered ? "rmsprop" : optimizer.toStdString();
        const bool adaptive = name != "sgd" && name != "momentum" && name != "nesterov";
        const double lr = adaptive ? 0.01 : 0.1;

        std::vector<LayerSpec> layers;
        Dataset data;
        TrainConfig c;
        if (network.startsWith("spiral")) {
            data = makeToyDataset({ToyKind::Spiral, 90, 0.1, 3});
            layers = mlp({2, 9, 7, 2}, Activation::Tanh);
            c = config(LossKind::CrossEntropy, name, lr, 16);
        } else if (network.startsWith("circles")) {
            data = makeToyDataset({ToyKind::Circles, 70, 0.1, 4});
            layers = mlp({2, 8, 1}, Activation::Relu);
            c = config(LossKind::BCEWithLogits, name, lr, 32);
        } else if (network.startsWith("gaussians")) {
            data = makeToyDataset({ToyKind::Gaussians, 50, 0.2, 5});
            layers = mlp({2, 6, 1}, Activation::LeakyRelu);
            layers[1].slope = Scalar(0.2);
            c = config(LossKind::MSE, name, lr, 10);
        } else if (network.startsWith("xor")) {
            data = makeToyDataset({ToyKind::Xor, 60, 0.0, 6});
            layers = mlp({2, 5, 2}, Activation::Sigmoid);
            c = config(LossKind::MSE, name, lr, 20);
        } else if (network.startsWith("plane")) {
            data = makeToyDataset({ToyKind::Plane, 64, 0.1, 7});
            layers = mlp({2, 4, 1}, Activation::Tanh);
            c = config(LossKind::MSE, name, lr * 0.1, 16);
        } else if (network.startsWith("softmax")) {
            data = makeToyDataset({ToyKind::Moons, 40, 0.1, 8});
            layers = mlp({2, 6, 2}, Activation::Relu);
            layers.push_back(LayerSpec::of(LayerKind::Softmax));
            c = config(LossKind::MSE, name, lr, 8);
        } else if (network.startsWith("cnn, odd")) {
            data = images(23, 1, 10, 3, 9); // batches of 8, 8 and 7
            layers = {LayerSpec::conv2d(1, 3, 3, 1, 1), LayerSpec::of(Activation::Relu),
                      LayerSpec::maxPool2d(2), LayerSpec::of(LayerKind::Flatten),
                      LayerSpec::linear(75, 3)};
            c = config(LossKind::CrossEntropy, name, lr, 8);
        } else if (network.startsWith("cnn stride")) {
            data = images(12, 2, 11, 4, 10);
            layers = {LayerSpec::conv2d(2, 4, 3, 2, 1),  LayerSpec::of(Activation::Tanh),
                      LayerSpec::maxPool2d(3, 2),        LayerSpec::conv2d(4, 3, 1),
                      LayerSpec::of(LayerKind::Flatten), LayerSpec::linear(12, 4)};
            c = config(LossKind::CrossEntropy, name, lr, 5);
        } else {
            data = makeToyDataset({ToyKind::Spiral, 40, 0.1, 11});
            layers = mlp({2, 8, 2}, Activation::Relu);
            c = config(LossKind::CrossEntropy, name, lr, 16);
            c.regularization = {Scalar(0.01), Scalar(0.02)};
        }
        c.optimizer.centered = centered;
        if (centered) c.optimizer.momentum = Scalar(0.5);
        if (name == "sgd") c.optimizer.weightDecay = Scalar(0.01);
        const std::string problem = compareTraining(makeCpuBackend(), layers, data, c, 9, 2e-5);
        QVERIFY2(problem.empty(), problem.c_str());
    }

    // A step traced on the host after steps on the device starts from the device's weights and
    // state, and the device takes them back: the same run as on the graph throughout.
    void tracedStepsInterleave() {
        const Dataset data = makeToyDataset({ToyKind::Spiral, 64, 0.1, 12});
        const auto layers = mlp({2, 8, 2}, Activation::Tanh);
        const TrainConfig c = config(LossKind::CrossEntropy, "adam", 0.02, 16);
        Sequential a(layers, 4), b(layers, 4);
        Trainer onGraph(a, data, nullptr, c), mixed(b, data, nullptr, c);
        mixed.setBackend(makeCpuBackend());
        StepTrace traceA, traceB;
        onGraph.runSteps(3);
        mixed.runSteps(3);
        onGraph.step(&traceA);
        mixed.step(&traceB);
        QCOMPARE(traceB.step, traceA.step);
        QVERIFY(std::abs(traceB.loss - traceA.loss) < 1e-5);
        onGraph.runSteps(5);
        mixed.runSteps(5);
        for (std::size_t i = 0; i < a.parameters().size(); ++i) {
            const auto e = compareValues(a.parameters()[i]->name, b.parameters()[i]->value.data(),
                                         a.parameters()[i]->value.data(),
                                         a.parameters()[i]->value.numel(), 2e-5);
            QVERIFY2(e.empty(), e.c_str());
        }
        QCOMPARE(mixed.steps(), 9L);
        QCOMPARE(mixed.optimizer().steps(), 9L);
    }

    // The layer statistics the app plots (‖dL/dW‖, ‖ΔW‖/‖W‖) come from the device's norms
    // without bringing the weights back each step: the graph's numbers.
    void layerStatsMatchTheGraph() {
        const Dataset data = images(20, 1, 8, 3, 14);
        const std::vector<LayerSpec> layers = {
            LayerSpec::conv2d(1, 2, 3, 1, 1), LayerSpec::of(Activation::Relu),
            LayerSpec::of(LayerKind::Flatten), LayerSpec::linear(128, 3)};
        const TrainConfig c = config(LossKind::CrossEntropy, "momentum", 0.05, 8);
        Sequential a(layers, 4), b(layers, 4);
        Trainer onGraph(a, data, nullptr, c), onDevice(b, data, nullptr, c);
        onDevice.setBackend(makeCpuBackend());
        std::vector<LayerStats> graphStats, deviceStats;
        onGraph.setCollectLayerStats(true);
        onDevice.setCollectLayerStats(true);
        onGraph.setStepObserver([&](const StepReport& r) {
            graphStats.insert(graphStats.end(), r.layers.begin(), r.layers.end());
        });
        onDevice.setStepObserver([&](const StepReport& r) {
            deviceStats.insert(deviceStats.end(), r.layers.begin(), r.layers.end());
        });
        onGraph.runSteps(4);
        onDevice.runSteps(4);
        QCOMPARE(deviceStats.size(), std::size_t(8)); // two layers with weights, four steps
        QCOMPARE(deviceStats.size(), graphStats.size());
        for (std::size_t i = 0; i < graphStats.size(); ++i) {
            QCOMPARE(deviceStats[i].layer, graphStats[i].layer);
            QVERIFY(graphStats[i].gradientNorm > 0 && graphStats[i].updateRatio > 0);
            QVERIFY(std::abs(deviceStats[i].gradientNorm / graphStats[i].gradientNorm - 1) < 1e-4);
            QVERIFY(std::abs(deviceStats[i].updateRatio / graphStats[i].updateRatio - 1) < 1e-4);
        }
    }

    // Divergence on the device stops as on the graph, at the same step with the same message,
    // and the host gets the same weights back.
    void divergenceStopsAsOnTheGraph() {
        const Dataset data = makeToyDataset({ToyKind::Spiral, 64, 0.1, 13});
        const auto layers = mlp({2, 8, 2}, Activation::Relu);
        const TrainConfig c = config(LossKind::CrossEntropy, "sgd", 1e12, 16);
        Sequential a(layers, 4), b(layers, 4);
        Trainer onGraph(a, data, nullptr, c), onDevice(b, data, nullptr, c);
        onDevice.setBackend(makeCpuBackend());
        const std::string graphError = trainingError(onGraph, 20);
        const std::string deviceError = trainingError(onDevice, 20);
        QVERIFY2(!graphError.empty(), "the graph's run should have diverged");
        QCOMPARE(deviceError, graphError);
        QCOMPARE(onDevice.steps(), onGraph.steps());
        for (std::size_t i = 0; i < a.parameters().size(); ++i) {
            const auto e = compareValues(a.parameters()[i]->name, b.parameters()[i]->value.data(),
                                         a.parameters()[i]->value.data(),
                                         a.parameters()[i]->value.numel(), 1e-4);
            QVERIFY2(e.empty(), e.c_str());
        }
    }

    // A NaN loss stops the step before its update, on the device as on the
    // graph: the same message, and the host's weights and gradients as they were.
    void nanLossStopsBeforeTheUpdate() {
        Dataset data = makeToyDataset({ToyKind::Xor, 16, 0.0, 2});
        data.inputs[10] = std::numeric_limits<Scalar>::quiet_NaN(); // sample 5: a NaN loss
        const auto layers = mlp({2, 4, 2}, Activation::Relu);
        const TrainConfig c = config(LossKind::CrossEntropy, "sgd", 0.1, 16);
        Sequential a(layers, 4), b(layers, 4);
        Trainer onGraph(a, data, nullptr, c), onDevice(b, data, nullptr, c);
        onDevice.setBackend(makeCpuBackend());
        const std::string graphError = trainingError(onGraph, 1);
        const std::string deviceError = trainingError(onDevice, 1);
        QVERIFY2(graphError.find("the loss became NaN") != std::string::npos, graphError.c_str());
        QVERIFY2(deviceError.find("the loss became NaN") != std::string::npos, deviceError.c_str());
        QCOMPARE(onDevice.steps(), 0L);
        for (std::size_t i = 0; i < a.parameters().size(); ++i) {
            QVERIFY(a.parameters()[i]->value.values() == b.parameters()[i]->value.values());
            // Untouched on both: no step was accepted, so no gradient came back.
            QVERIFY(b.parameters()[i]->grad.values() == a.parameters()[i]->grad.values());
        }
    }

    void devicesParseAndExplainThemselves() {
        QCOMPARE(parseDevice("cpu").kind, Device::Cpu);
        QCOMPARE(parseDevice("cuda").ordinal, 0);
        QCOMPARE(parseDevice("cuda:3").ordinal, 3);
        QCOMPARE(parseDevice("cuda:3").str(), std::string("cuda:3"));
        for (const char* bad : {"cuda:", "cuda:-1", "cuda:x", "tpu", "cuda:1 ", "CPU"})
            GS_EXPECT_THROW_MSG(parseDevice(bad), InvalidArgument, {"unknown device", bad});
        const GpuList gpus = listGpus();
        QVERIFY(gpus.gpus.empty() != gpus.reason.empty()); // a list, or why there is none
        if (!gpus.gpus.empty()) QSKIP("this machine has a GPU: the refusal below cannot happen");
        // Without a GPU, choosing one is refused with the reason, and training stays on the CPU.
        const Dataset data = makeToyDataset({ToyKind::Xor, 20, 0.0, 1});
        Sequential model(mlp({2, 4, 2}, Activation::Tanh), 1);
        Trainer trainer(model, data, nullptr, config(LossKind::CrossEntropy, "sgd", 0.1, 8));
        GS_EXPECT_THROW_MSG(trainer.setDevice(parseDevice("cuda:1")), Unsupported,
                            {"cannot train on a GPU", gpus.reason});
        QCOMPARE(trainer.device().kind, Device::Cpu);
        trainer.runSteps(2);
        QCOMPARE(trainer.steps(), 2L);
    }
};

QTEST_GUILESS_MAIN(TestDeviceStep)
#include "tst_device_step.moc"
