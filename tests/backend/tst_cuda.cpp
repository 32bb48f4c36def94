// The CUDA backend against the graph: every kernel family (forward and every input's gradient,
// odd shapes, ties), whole steps of the mnist-mlp and mnist-cnn presets' networks and of toy
// networks with every optimizer, and recorded steps (CUDA graphs) against steps launched one by
// one. Built only with -DGRADSCOPE_CUDA=ON; on a machine without a usable GPU every case is
// skipped with the reason, and CTest counts the test as skipped (SKIP_REGULAR_EXPRESSION).
#include "backend/BackendChecks.h"
#include "train/Experiment.h"

#include <QTest>
#include <cstdlib>

using namespace gs;
using namespace gs::test;

namespace {

// Random images of the MNIST shape, classes 0..9.
Dataset digits(Index n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Dataset d;
    d.name = "random digits";
    d.inputs = random({n, 1, 28, 28}, rng, -1, 1);
    d.classes = 10;
    for (Index i = 0; i < n; ++i)
        d.labels.push_back(static_cast<int>(rng() % 10));
    return d;
}

} // namespace

class TestCuda : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        const GpuList list = listGpus();
        if (list.gpus.empty())
            QSKIP(("no GPU to test the CUDA backend on: " + list.reason).c_str());
        for (const DeviceInfo& gpu : list.gpus)
            qInfo("%s", gpu.describe().c_str());
    }

    void everyKernelMatchesTheGraph() {
        const auto backend = makeCudaBackend(0);
        const std::string problem = checkAllKernels(*backend);
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void presetStepsMatchTheGraph_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("optimizer");
        for (const char* preset : {"mnist-mlp", "mnist-cnn"})
            for (const char* optimizer :
                 {"sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"})
                QTest::newRow((std::string(preset) + ", " + optimizer).c_str())
                    << QString(preset) << QString(optimizer);
    }

    // A whole mnist-mlp and mnist-cnn step (batch 64, and a last batch of 36) equal to the
    // graph's within 1e-4.
    void presetStepsMatchTheGraph() {
        QFETCH(QString, preset);
        QFETCH(QString, optimizer);
        const Experiment* e = findPreset(preset.toStdString());
        QVERIFY(e);
        TrainConfig c = e->train;
        const Scalar lr = c.optimizer.learningRate;
        c.optimizer = *OptimizerConfig::fromName(optimizer.toStdString());
        const bool adaptive =
            optimizer != "sgd" && optimizer != "momentum" && optimizer != "nesterov";
        c.optimizer.learningRate = adaptive ? Scalar(1e-3) : lr;
        // Adam, RMSprop and Adagrad step by about ±lr for any gradient much smaller than eps:
        // cuBLAS sums in another order than the CPU, and a gradient of 1e-9 that comes out
        // −1e-9 would move its weight by 2·lr. A larger eps keeps the step proportional to the
        // gradient there, so the comparison tests the arithmetic, not that coin toss.
        if (adaptive) c.optimizer.eps = Scalar(1e-3);
        const std::string problem =
            compareTraining(makeCudaBackend(0), e->layers, digits(164, 3), c, 5, 1e-4);
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void toyStepsMatchTheGraph() {
        std::vector<LayerSpec> layers = {LayerSpec::linear(2, 9), LayerSpec::of(Activation::Tanh),
                                         LayerSpec::linear(9, 5), LayerSpec::leakyRelu(Scalar(0.1)),
                                         LayerSpec::linear(5, 2)};
        TrainConfig c;
        c.loss = LossKind::CrossEntropy;
        c.batchSize = 10;
        c.regularization = {Scalar(0.001), Scalar(0.002)};
        for (const char* optimizer : {"sgd", "nesterov", "adamw", "rmsprop", "adagrad"}) {
            c.optimizer = *OptimizerConfig::fromName(optimizer);
            const std::string problem =
                compareTraining(makeCudaBackend(0), layers,
                                makeToyDataset({ToyKind::Spiral, 47, 0.1, 5}), c, 12, 2e-5);
            QVERIFY2(problem.empty(), (std::string(optimizer) + ": " + problem).c_str());
        }
    }

    // Replayed recordings compute what the kernels launched one by one compute (to 1e-6: cuBLAS
    // may choose another algorithm inside a recording).
    void recordedStepsEqualLaunchedSteps() {
        const Experiment* e = findPreset("mnist-cnn");
        QVERIFY(e);
        const Dataset data = digits(150, 4);
        Sequential recorded(e->layers, 2), launched(e->layers, 2);
        Trainer a(recorded, data, nullptr, e->train), b(launched, data, nullptr, e->train);
        a.setDevice(parseDevice("cuda:0"));
        qputenv("GRADSCOPE_CUDA_GRAPHS", "0");
        b.setDevice(parseDevice("cuda:0"));
        qunsetenv("GRADSCOPE_CUDA_GRAPHS");
        a.runSteps(6);
        b.runSteps(6);
        for (std::size_t i = 0; i < recorded.parameters().size(); ++i) {
            const Tensor& x = recorded.parameters()[i]->value;
            const Tensor& y = launched.parameters()[i]->value;
            const std::string e =
                compareValues(recorded.parameters()[i]->name, x.data(), y.data(), x.numel(), 1e-6);
            QVERIFY2(e.empty(), e.c_str());
        }
    }

    // Dropout trains on the device (its masks come from the device's generator).
    void dropoutTrains() {
        std::vector<LayerSpec> layers = {LayerSpec::linear(2, 32), LayerSpec::of(Activation::Relu),
                                         LayerSpec::dropout(Scalar(0.2)), LayerSpec::linear(32, 2)};
        const Split data = splitDataset(makeToyDataset({ToyKind::Circles, 400, 0.0, 6}), 0.5, 1);
        TrainConfig c;
        c.loss = LossKind::CrossEntropy;
        c.optimizer = *OptimizerConfig::fromName("adam");
        c.optimizer.learningRate = Scalar(0.02);
        Sequential model(layers, 3);
        Trainer t(model, data.train, &data.test, c);
        t.setDevice(parseDevice("cuda"));
        t.run(30);
        QVERIFY(t.evaluate(data.test).accuracy > 0.9);
    }
};

QTEST_GUILESS_MAIN(TestCuda)
#include "tst_cuda.moc"
