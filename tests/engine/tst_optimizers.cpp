// Optimizers and schedules against PyTorch: the fixtures (scripts/gen_optimizer_fixtures.py)
// hold a small network's parameters after each of six steps of every torch.optim optimizer;
// the engine replays the same steps and must land on the same numbers. Built against the
// float64 engine (1e-9) and the float32 engine (1e-4: six steps of float32 round-off).
#include "TestUtil.h"
#include "TorchFixtures.h"
#include "core/Gemm.h"
#include "io/Serialize.h"
#include "ops/Ops.h"
#include "optim/Optimizer.h"
#include "optim/Race.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace gs;

namespace {

constexpr bool kDouble = sizeof(Scalar) == sizeof(double);
constexpr double kTolerance = kDouble ? 1e-9 : 1e-4;

// The fixture's options use the model file's names, so the production reader parses them.
OptimizerConfig configFrom(const QJsonObject& o) {
    return optimizerFromJson(Json::parse(QJsonDocument(o).toJson().toStdString()), "options");
}

} // namespace

class TestOptimizers : public QObject {
    Q_OBJECT
private slots:
    void matchesTorchOptim_data() {
        QTest::addColumn<int>("index");
        const QJsonArray cases = test::loadFixture("torch_optimizers.json")["optimizers"].toArray();
        QVERIFY(cases.size() >= 12);
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i].toObject()["name"].toString())) << i;
    }

    void matchesTorchOptim() {
        QFETCH(int, index);
        const QJsonObject fixture = test::loadFixture("torch_optimizers.json");
        const QJsonObject c = fixture["optimizers"].toArray()[index].toObject();
        const Tensor input = test::tensorFromJson(fixture["input"].toObject());
        std::vector<int> labels;
        for (const auto& v : fixture["labels"].toArray())
            labels.push_back(v.toInt());

        std::vector<std::unique_ptr<Parameter>> owned;
        const QJsonObject initial = c["initial"].toObject();
        for (const char* name : {"0.weight", "0.bias", "2.weight", "2.bias"})
            owned.push_back(
                std::make_unique<Parameter>(name, test::tensorFromJson(initial[name].toObject())));
        std::vector<Parameter*> params;
        for (auto& p : owned)
            params.push_back(p.get());
        Optimizer optimizer(params, configFrom(c["options"].toObject()));

        Graph graph;
        const QJsonArray steps = c["steps"].toArray();
        for (int s = 0; s < steps.size(); ++s) {
            graph.reset();
            Var h =
                tanh(linear(graph.input(input), graph.param(*params[0]), graph.param(*params[1])));
            Var loss =
                crossEntropy(linear(h, graph.param(*params[2]), graph.param(*params[3])), labels);
            optimizer.zeroGrad();
            graph.backward(loss);
            optimizer.step();
            const QJsonObject expected = steps[s].toObject()["parameters"].toObject();
            for (Parameter* p : params) {
                const double error = test::relativeError(
                    p->value,
                    test::tensorFromJson(expected[QString::fromStdString(p->name)].toObject()));
                QVERIFY2(error < kTolerance, qPrintable(QString("step %1, %2: relative error %3")
                                                            .arg(s + 1)
                                                            .arg(p->name.c_str())
                                                            .arg(error)));
            }
        }
        QCOMPARE(optimizer.steps(), long(steps.size()));
    }

    void stateAndLastUpdateAreExposed() {
        Parameter w("w", Tensor({2}, 1.0f));
        Optimizer adam({&w}, OptimizerConfig::defaults(OptimizerKind::Adam));
        w.grad = test::tensor({2}, {0.5, -2});
        const Tensor before = w.value;
        adam.step();
        const OptimizerState& s = adam.state(0);
        QCOMPARE(int(s.buffers.size()), 2);
        QCOMPARE(s.buffers[0].first, std::string("exp_avg"));
        QCOMPARE(s.buffers[1].first, std::string("exp_avg_sq"));
        GS_COMPARE_TENSOR(s.buffers[0].second, {0.05, -0.2}); // (1 − β1) g
        // Adam's first step moves each weight by about lr against the sign of its gradient.
        GS_COMPARE_TENSOR(s.lastUpdate, {-1e-3, 1e-3});
        for (Index i = 0; i < 2; ++i)
            QCOMPARE(w.value[i], before[i] + s.lastUpdate[i]);
    }

    // Adamax's first step by hand: m = (1 − β1)·g, u = max(0, |g| + ε), m̂ = m / (1 − β1) = g,
    // so each weight moves by lr·g / (|g| + ε), about lr against the sign of its gradient.
    void adamaxByHand() {
        Parameter w("w", Tensor({2}, 1.0f));
        Optimizer adamax({&w}, *OptimizerConfig::fromName("adamax"));
        QCOMPARE(adamax.config().learningRate, Scalar(2e-3)); // PyTorch's default
        w.grad = test::tensor({2}, {0.5, -2});
        adamax.step();
        const OptimizerState& s = adamax.state(0);
        QCOMPARE(int(s.buffers.size()), 2);
        QCOMPARE(s.buffers[1].first, std::string("exp_inf"));
        GS_COMPARE_TENSOR(s.buffers[0].second, {0.05, -0.2});
        GS_COMPARE_TENSOR(s.buffers[1].second, {0.5, 2});
        GS_COMPARE_TENSOR(s.lastUpdate, {-2e-3, 2e-3});
        // The second, with g = (−0.1, 0): u = max(0.999·u, |g| + ε) keeps the larger past.
        w.grad = test::tensor({2}, {-0.1, 0});
        adamax.step();
        GS_COMPARE_TENSOR(s.buffers[1].second, {0.4995, 1.998});
        GS_COMPARE_TENSOR(s.buffers[0].second, {0.035, -0.18}); // 0.9·m + 0.1·g
        const double bias = 1 - 0.9 * 0.9;
        GS_COMPARE_TENSOR(s.lastUpdate,
                          {-2e-3 * 0.035 / bias / 0.4995, 2e-3 * 0.18 / bias / 1.998});
    }

    // The table (optim/Optimizer.cpp) describes every kind, and everything reads it: the names
    // go to and from files, the exporters' arguments come from its settings, and every kind has
    // a PyTorch fixture case (scripts/gen_optimizer_fixtures.py).
    void theTableDescribesEveryOptimizer() {
        const QJsonArray cases = test::loadFixture("torch_optimizers.json")["optimizers"].toArray();
        for (int k = 0; k < int(OptimizerKind::Count); ++k) {
            const auto kind = OptimizerKind(k);
            const OptimizerInfo& info = optimizerInfo(kind);
            QCOMPARE(info.kind, kind);
            const OptimizerConfig c = *OptimizerConfig::fromName(info.name);
            QCOMPARE(c.kind, kind);
            QCOMPARE(optimizerChoiceOf(c), std::string(info.name));
            const OptimizerConfig back = optimizerFromJson(optimizerToJson(c), "optimizer");
            QCOMPARE(back.kind, kind);
            QCOMPARE(back.learningRate, c.learningRate);
            QCOMPARE(back.eps, c.eps);
            QVERIFY(QString::fromStdString(optimizerChoiceNames())
                        .split(QStringLiteral(", "))
                        .contains(QString::fromLatin1(info.name)));
            bool fixture = false;
            for (const auto& v : cases)
                fixture |= v.toObject()["options"].toObject()["kind"].toString() == info.name;
            QVERIFY2(fixture, qPrintable(QString("no PyTorch fixture case for %1").arg(info.name)));
        }
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, optimizerInfo(OptimizerKind::Count));
        const auto number = [](double v) { return QString::number(v).toStdString(); };
        OptimizerConfig c = *OptimizerConfig::fromName("nesterov");
        QCOMPARE(optimizerArguments(c, true, +number),
                 std::string(", momentum=0.9, dampening=0, nesterov=True"));
        QCOMPARE(optimizerArguments(c, false, +number),
                 std::string(", momentum=0.9, nesterov=True"));
        c = *OptimizerConfig::fromName("adamax");
        QCOMPARE(optimizerArguments(c, true, +number),
                 std::string(", betas=(0.9, 0.999), eps=1e-08"));
        QCOMPARE(optimizerArguments(c, false, +number),
                 std::string(", beta_1=0.9, beta_2=0.999, epsilon=1e-08"));
        c = *OptimizerConfig::fromName("rmsprop");
        QCOMPARE(optimizerArguments(c, false, +number),
                 std::string(", rho=0.99, epsilon=1e-08, momentum=0, centered=False"));
        // The race runs the classic six, in the order they were published.
        std::vector<std::string> race;
        for (const OptimizerConfig& r : raceField(0.1))
            race.push_back(optimizerChoiceOf(r));
        QCOMPARE(race, (std::vector<std::string>{"sgd", "momentum", "nesterov", "adagrad",
                                                 "rmsprop", "adam"}));
    }

    void liveChangesKeepState() {
        Parameter w("w", Tensor({1}, 1.0f));
        Optimizer sgd({&w}, *OptimizerConfig::fromName("momentum"));
        w.grad = test::tensor({1}, {1});
        sgd.step();
        sgd.setLearningRate(0.5);
        QCOMPARE(int(sgd.state(0).buffers.size()), 1); // momentum buffer kept
        sgd.step();
        GS_COMPARE_TENSOR(sgd.state(0).buffers[0].second, {1.9}); // 0.9·1 + 1
        GS_COMPARE_TENSOR(sgd.state(0).lastUpdate, {-0.95});
        sgd.setConfig(OptimizerConfig::defaults(OptimizerKind::Adam)); // a new kind starts afresh
        QCOMPARE(int(sgd.state(0).buffers.size()), 0);
        QCOMPARE(sgd.steps(), 0L);
    }

    // An option turned on mid-run finds its buffer by name: RMSprop with momentum, then
    // centered. The momentum buffer keeps its values and its role, the new grad_avg starts at
    // 0, and the step is the rule's by hand: v = αv + (1 − α)g², ḡ = (1 − α)g,
    // b = μb + g / (√(v − ḡ²) + ε), w −= η·b. Off again, grad_avg stays for when it returns.
    void optionsTurnedOnFindTheirBuffers() {
        Parameter w("w", Tensor({1}, 1.0f));
        OptimizerConfig c = OptimizerConfig::defaults(OptimizerKind::RMSprop);
        c.momentum = Scalar(0.9);
        Optimizer rmsprop({&w}, c);
        w.grad = test::tensor({1}, {0.5});
        rmsprop.step();
        rmsprop.step();
        const double v0 = rmsprop.state(0).buffers[0].second[0];
        const double b0 = rmsprop.state(0).buffers[1].second[0];
        QCOMPARE(rmsprop.state(0).buffers[1].first, std::string("momentum_buffer"));
        const double w0 = w.value[0];
        c.centered = true;
        rmsprop.setConfig(c);
        w.grad = test::tensor({1}, {-0.25});
        rmsprop.step();
        const auto& buffers = rmsprop.state(0).buffers;
        QCOMPARE(int(buffers.size()), 3);
        QCOMPARE(buffers[0].first, std::string("square_avg"));
        QCOMPARE(buffers[1].first, std::string("grad_avg"));
        QCOMPARE(buffers[2].first, std::string("momentum_buffer"));
        const double a = c.alpha, g = -0.25;
        const double v = a * v0 + (1 - a) * g * g;
        const double mean = (1 - a) * g;
        const double b = 0.9 * b0 + g / (std::sqrt(v - mean * mean) + double(c.eps));
        QVERIFY(std::abs(buffers[0].second[0] - v) < 1e-6);
        QVERIFY(std::abs(buffers[1].second[0] - mean) < 1e-6);
        QVERIFY2(std::abs(buffers[2].second[0] - b) < 1e-4 * std::abs(b),
                 qPrintable(QString("%1 against %2").arg(buffers[2].second[0]).arg(b)));
        QVERIFY(std::abs(w.value[0] - (w0 - double(c.learningRate) * b)) < 1e-5);
        c.centered = false;
        rmsprop.setConfig(c);
        rmsprop.step();
        QCOMPARE(rmsprop.state(0).buffers[1].first, std::string("momentum_buffer"));
        QCOMPARE(rmsprop.state(0).buffers[2].first, std::string("grad_avg"));
    }

    // Optimizer::step runs each rule as a vectorised loop chosen by the configuration's flags;
    // the device backends run kernels::optimizerElement, which reads the flags one weight at a
    // time. Both must give the same bits, for every rule and option, over lengths that are not
    // whole vectors, and the step must report the largest new weight it made. The loops come in
    // two versions, for the build's target and for AVX2 (chosen at run time): both are checked.
    void theLoopsAgreeWithTheElementFunction_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("decay");
        QTest::addColumn<bool>("centered");
        QTest::addColumn<double>("momentum");
        QTest::addColumn<bool>("avx2");
        for (const bool avx2 : {false, true}) {
            const char* loops = avx2 ? "AVX2" : "portable";
            for (const OptimizerChoice& choice : optimizerChoices())
                for (double decay : {0.0, 0.01})
                    QTest::addRow("%s, decay %g, %s", choice.name, decay, loops)
                        << choice.name << decay << false << -1.0 << avx2;
            QTest::addRow("rmsprop, centred, momentum, %s", loops)
                << "rmsprop" << 0.01 << true << 0.9 << avx2;
            QTest::addRow("sgd, momentum, dampening, %s", loops)
                << "momentum" << 0.0 << false << 0.5 << avx2;
        }
    }

    void theLoopsAgreeWithTheElementFunction() {
        QFETCH(QString, name);
        QFETCH(double, decay);
        QFETCH(bool, centered);
        QFETCH(double, momentum);
        QFETCH(bool, avx2);
        const GemmKernels wanted = avx2 ? GemmKernels::Avx2 : GemmKernels::Portable;
        if (useGemmKernels(wanted) != wanted) QSKIP("this processor has no AVX2");
        OptimizerConfig c = *OptimizerConfig::fromName(name.toStdString());
        c.weightDecay = Scalar(decay);
        c.centered = centered;
        if (momentum >= 0) c.momentum = Scalar(momentum);
        if (name == "momentum" && momentum >= 0) c.dampening = Scalar(0.25);
        std::mt19937_64 rng(17);
        const Shape shape{3, 341}; // 1023 weights
        Parameter w("w", test::randomTensor(shape, rng));
        Optimizer optimizer({&w}, c);
        Tensor weights = w.value;
        std::vector<Tensor> state;
        for (const OptimizerBuffer& b : optimizerBuffers(c))
            state.emplace_back(shape, b.initial);
        while (state.size() < 3)
            state.emplace_back();
        Tensor update(shape);
        for (long step = 1; step <= 3; ++step) {
            w.grad = test::randomTensor(shape, rng);
            kernels::StepValues<Scalar> values;
            setStepValues(values, c, step, step == 1);
            const auto slot = [](Tensor& t) { return t.numel() ? t.data() : nullptr; };
            const kernels::StepTensors<Scalar> tensors{weights.data(), w.grad.data(),
                                                       slot(state[0]), slot(state[1]),
                                                       slot(state[2]), update.data()};
            for (Index i = 0; i < weights.numel(); ++i)
                kernels::optimizerElement(values, tensors, i);
            optimizer.step();
            QVERIFY2(std::memcmp(w.value.data(), weights.data(),
                                 sizeof(Scalar) * std::size_t(weights.numel())) == 0,
                     qPrintable(QString("step %1: the weights differ").arg(step)));
            QVERIFY(std::memcmp(optimizer.state(0).lastUpdate.data(), update.data(),
                                sizeof(Scalar) * std::size_t(update.numel())) == 0);
            for (std::size_t k = 0; k < optimizer.state(0).buffers.size(); ++k)
                QVERIFY(std::memcmp(optimizer.state(0).buffers[k].second.data(), state[k].data(),
                                    sizeof(Scalar) * std::size_t(update.numel())) == 0);
            QCOMPARE(optimizer.largestWeight(0), weights.largestMagnitude());
        }
    }

    void cleanup() { useGemmKernels(bestGemmKernels()); }

    void theLargestWeightKeepsNaN() {
        Parameter w("w", test::tensor({40}, std::vector<double>(40, 1.0)));
        w.value[7] = -1e30f;
        Optimizer sgd({&w}, OptimizerConfig::defaults(OptimizerKind::SGD));
        w.grad = Tensor({40}, 0.0f);
        sgd.step();
        QCOMPARE(sgd.largestWeight(0), Scalar(1e30f));
        w.value[3] = std::numeric_limits<Scalar>::quiet_NaN();
        w.value[30] = std::numeric_limits<Scalar>::infinity();
        sgd.step();
        QVERIFY(std::isnan(sgd.largestWeight(0)));
    }
    void badSettingsAreRefused() {
        Parameter w("w", Tensor({1}));
        OptimizerConfig c = OptimizerConfig::defaults(OptimizerKind::SGD);
        c.learningRate = -0.1f;
        GS_EXPECT_THROW_MSG(Optimizer({&w}, c), InvalidArgument, {"learning rate"});
        c = OptimizerConfig::defaults(OptimizerKind::Adam);
        c.beta1 = 1;
        GS_EXPECT_THROW_MSG(Optimizer({&w}, c), InvalidArgument, {"beta1"});
        c = OptimizerConfig::defaults(OptimizerKind::SGD);
        c.nesterov = true;
        GS_EXPECT_THROW_MSG(Optimizer({&w}, c), InvalidArgument, {"Nesterov"});
        QVERIFY(!OptimizerConfig::fromName("adadelta"));
    }

    void schedulesMatchTorch_data() {
        QTest::addColumn<int>("index");
        const QJsonArray all = test::loadFixture("torch_optimizers.json")["schedules"].toArray();
        QCOMPARE(all.size(), 3);
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(qPrintable(all[i].toObject()["name"].toString())) << i;
    }

    void schedulesMatchTorch() {
        QFETCH(int, index);
        const QJsonObject c =
            test::loadFixture("torch_optimizers.json")["schedules"].toArray()[index].toObject();
        const QJsonObject o = c["options"].toObject();
        Schedule s;
        s.kind = *Schedule::kindFromName(o["kind"].toString().toStdString());
        s.stepSize = o["step_size"].toInt(10);
        s.gamma = Scalar(o["gamma"].toDouble(0.1));
        s.maxEpochs = o["max_epochs"].toInt(100);
        s.minLearningRate = Scalar(o["min_lr"].toDouble(0));
        const QJsonArray rates = c["rates"].toArray();
        for (int epoch = 0; epoch < rates.size(); ++epoch) {
            const double expected = rates[epoch].toDouble();
            const double actual = s.learningRate(Scalar(c["base"].toDouble()), epoch);
            QVERIFY2(
                std::abs(actual - expected) <= (kDouble ? 1e-12 : 1e-6) * std::max(1.0, expected),
                qPrintable(QString("epoch %1: %2 vs %3").arg(epoch).arg(actual).arg(expected)));
        }
    }
};

QTEST_APPLESS_MAIN(TestOptimizers)
#include "tst_optimizers.moc"
