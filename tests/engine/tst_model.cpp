// Layers, Sequential, model files and presets: PyTorch's parameter names and init bounds,
// shape errors that name the layer, save → load → save identity, atomic writes, bad files,
// and every toy preset reaching its expected accuracy.
#include "TestUtil.h"
#include "io/ModelFile.h"
#include "io/Serialize.h"
#include "ops/Ops.h"
#include "train/Experiment.h"

#include <QTemporaryDir>
#include <cmath>
#include <fstream>
#include <random>

using namespace gs;

class TestModel : public QObject {
    Q_OBJECT
private slots:
    void sequentialNamesParametersAsPyTorch() {
        Sequential m({LayerSpec::of(LayerKind::Flatten), LayerSpec::linear(784, 128),
                      LayerSpec::of(Activation::Relu), LayerSpec::linear(128, 10)},
                     3);
        std::vector<std::string> names;
        for (const Parameter* p : m.parameters())
            names.push_back(p->name);
        QCOMPARE(names, (std::vector<std::string>{"1.weight", "1.bias", "3.weight", "3.bias"}));
        QCOMPARE(m.parameter("1.weight")->value.shape(), (Shape{128, 784}));
        QCOMPARE(m.parameterCount(), Index(784 * 128 + 128 + 128 * 10 + 10));
        // PyTorch's default: U(±1/√fan_in) for weights and biases.
        const Scalar bound = Scalar(1 / std::sqrt(784.0));
        const Tensor& w = m.parameter("1.weight")->value;
        QVERIFY(w.array().abs().maxCoeff() <= bound);
        QVERIFY(w.array().abs().maxCoeff() > 0.9f * bound);
        QVERIFY(std::abs(w.array().mean()) < 0.05f * bound);
        const auto shapes = m.shapes({64, 1, 28, 28});
        QCOMPARE(shapes.back(), (Shape{64, 10}));
        QCOMPARE(shapes[0], (Shape{64, 784}));
    }

    // forward() from a later layer continues a pass whose first layers ran elsewhere: on the
    // output of layer k − 1 it gives the whole pass's output, bit for bit, with the later
    // layers' nodes named and scoped as in the whole pass. Only a chain may start later.
    void forwardFromALaterLayer() {
        Sequential model({LayerSpec::linear(6, 5), LayerSpec::of(Activation::Tanh),
                          LayerSpec::linear(5, 4), LayerSpec::of(Activation::Relu),
                          LayerSpec::linear(4, 3)},
                         7);
        std::mt19937_64 rng(2);
        const Tensor input = test::randomTensor({8, 6}, rng);
        Graph whole;
        std::vector<Var> outputs;
        const Var all = model.forward(whole, whole.input(input, "x"), true, &outputs);
        for (const int first : {1, 2, 4, 5}) {
            Graph rest;
            const Tensor from = outputs[std::size_t(first - 1)].value();
            const Var out =
                model.forward(rest, rest.leaf(from, "h"), true, nullptr, nullptr, first);
            QCOMPARE(out.shape(), all.shape());
            for (Index i = 0; i < all.value().numel(); ++i)
                QCOMPARE(out.value()[i], all.value()[i]);
            for (int id = 0; id < rest.size(); ++id)
                if (rest.node(id).op != OpKind::Leaf && rest.node(id).op != OpKind::Parameter)
                    QVERIFY(rest.node(id).layer >= first);
        }
        Graph graph;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, model.forward(graph, graph.input(input, "x"),
                                                                true, nullptr, nullptr, 6));
        std::vector<LayerSpec> branching = {LayerSpec::linear(6, 6),
                                            LayerSpec::merge(LayerKind::Add, -1, 0)};
        Sequential skip(branching, 7);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, skip.forward(graph, graph.input(input, "x"), true,
                                                               nullptr, nullptr, 1));
    }

    void initialisers() {
        for (int k = 0; k <= int(Init::He); ++k) {
            LayerSpec l = LayerSpec::linear(100, 50, Init(k));
            Sequential m({l}, 1);
            const Tensor& w = m.parameter("0.weight")->value;
            const Tensor& b = m.parameter("0.bias")->value;
            const double sd = std::sqrt((w.array() - w.array().mean()).square().mean());
            switch (Init(k)) {
            case Init::Zeros:
                QCOMPARE(double(w.array().abs().maxCoeff()), 0.0);
                break;
            case Init::Xavier: // U(±√(6/150)): sd = √(2/150)
                QVERIFY(std::abs(sd - std::sqrt(2.0 / 150)) < 0.01);
                QCOMPARE(double(b.array().abs().maxCoeff()), 0.0);
                break;
            case Init::He: // N(0, 2/100)
                QVERIFY(std::abs(sd - std::sqrt(0.02)) < 0.01);
                break;
            case Init::Normal:
                QVERIFY(std::abs(sd - 0.1) < 0.01);
                break;
            case Init::Uniform: // U(±0.1): sd = 0.1/√3
                QVERIFY(std::abs(sd - 0.1 / std::sqrt(3.0)) < 0.01);
                break;
            case Init::PyTorch: // U(±0.1): bound 1/√100
                QVERIFY(std::abs(sd - 0.1 / std::sqrt(3.0)) < 0.01);
                QVERIFY(b.array().abs().maxCoeff() > 0);
                break;
            }
            QCOMPARE(initFromName(initName(Init(k))), std::optional<Init>(Init(k)));
        }
    }

    void shapeErrorsNameTheLayer() {
        Sequential m({LayerSpec::linear(784, 128), LayerSpec::of(Activation::Relu),
                      LayerSpec::linear(64, 10)},
                     1);
        GS_EXPECT_THROW_MSG(
            m.shapes({8, 784}), LayerError,
            {"layer 2", "Linear(64 → 10)", "input has 128 features but the layer expects 64"});
        try {
            m.shapes({8, 784});
        } catch (const LayerError& e) {
            QCOMPARE(e.layer(), 2);
        }
        Sequential image({LayerSpec::linear(784, 10)}, 1);
        GS_EXPECT_THROW_MSG(image.shapes({8, 1, 28, 28}), LayerError, {"add a Flatten layer"});
        Sequential conv({LayerSpec::conv2d(3, 8, 5)}, 1);
        GS_EXPECT_THROW_MSG(conv.shapes({8, 1, 28, 28}), LayerError, {"1 channels", "expects 3"});
        GS_EXPECT_THROW_MSG(Sequential({LayerSpec::linear(0, 3)}, 1), LayerError, {"at least 1"});
    }

    void saveLoadSaveIsIdentical() {
        QTemporaryDir dir;
        const Experiment* preset = findPreset("mnist-cnn");
        QVERIFY(preset);
        Sequential model(preset->layers, 4);
        Optimizer adam(model.parameters(), OptimizerConfig::defaults(OptimizerKind::Adam));
        for (Parameter* p : model.parameters())
            p->grad.fill(0.5f);
        adam.step();
        const std::string first = dir.filePath("a.json").toStdString();
        saveModel(first, model, {1, 28, 28}, LossKind::CrossEntropy, &adam,
                  experimentToJson(*preset));
        LoadedModel loaded = loadModel(first);
        QCOMPARE(loaded.sampleShape, (Shape{1, 28, 28}));
        QCOMPARE(loaded.loss, std::optional<LossKind>(LossKind::CrossEntropy));
        QCOMPARE(loaded.optimizerSteps, 1L);
        QCOMPARE(loaded.model.layers(), model.layers());
        for (std::size_t i = 0; i < model.parameters().size(); ++i)
            QVERIFY(loaded.model.parameters()[i]->value.values() ==
                    model.parameters()[i]->value.values());
        Optimizer again(loaded.model.parameters(), *loaded.optimizer);
        again.setState(loaded.optimizerSteps, loaded.optimizerState);
        const std::string second = dir.filePath("b.json").toStdString();
        saveModel(second, loaded.model, loaded.sampleShape, loaded.loss, &again, loaded.experiment);
        QCOMPARE(readFile(first), readFile(second));
        QCOMPARE(experimentFromJson(loaded.experiment, "x").name, std::string("mnist-cnn"));
    }

    // Batch norm's γ and β start as the identity, its running statistics at mean 0 and
    // variance 1; a training step moves them by the momentum 0.1 towards the batch's mean (3) and
    // unbiased variance (9 for 0, 3, 6), a forward pass alone does not; evaluation uses them.
    // They travel in the model file, and a file without them, or with a negative variance, is
    // refused.
    void batchNormKeepsRunningStatistics() {
        Sequential model({LayerSpec::norm(LayerKind::BatchNorm1d, 1)}, 1);
        GS_COMPARE_TENSOR(model.parameter("0.weight")->value, {1});
        GS_COMPARE_TENSOR(model.parameter("0.bias")->value, {0});
        QCOMPARE(int(model.buffers().size()), 3);
        Graph g;
        const Tensor batch = test::tensor({3, 1}, {0, 3, 6});
        model.forward(g, g.input(batch), true);
        GS_COMPARE_TENSOR(model.buffer("0.running_mean")->value, {0});
        model.updateRunningStatistics(g);
        GS_COMPARE_TENSOR(model.buffer("0.running_mean")->value, {0.3});
        GS_COMPARE_TENSOR(model.buffer("0.running_var")->value, {0.9 + 0.9});
        GS_COMPARE_TENSOR(model.buffer("0.num_batches_tracked")->value, {1});
        // A batch of one sample has no variance: the statistics stay.
        Graph one;
        model.forward(one, one.input(test::tensor({1, 1}, {100})), true);
        model.updateRunningStatistics(one);
        GS_COMPARE_TENSOR(model.buffer("0.running_mean")->value, {0.3});
        GS_COMPARE_TENSOR(model.buffer("0.num_batches_tracked")->value, {1});
        Graph eval;
        const Var y = model.forward(eval, eval.input(batch), false);
        const double sd = std::sqrt(1.8 + 1e-5);
        GS_COMPARE_TENSOR(y.value(), {-0.3 / sd, 2.7 / sd, 5.7 / sd});

        QTemporaryDir dir;
        const std::string path = dir.filePath("bn.json").toStdString();
        saveModel(path, model, {1}, LossKind::MSE, nullptr);
        const LoadedModel loaded = loadModel(path);
        GS_COMPARE_TENSOR(loaded.model.buffer("0.running_var")->value, {1.8});
        GS_COMPARE_TENSOR(loaded.model.buffer("0.num_batches_tracked")->value, {1});

        Json j = modelToJson(model, {1}, LossKind::MSE, nullptr);
        Json buffers = j["buffers"];
        buffers.set("0.running_var", tensorToJson(test::tensor({1}, {-1})));
        j.set("buffers", buffers);
        std::ofstream(path) << j.dump();
        GS_EXPECT_THROW_MSG(loadModel(path), JsonError, {"buffers.0.running_var must not be"});
        j.set("buffers", Json::object());
        std::ofstream(path) << j.dump();
        GS_EXPECT_THROW_MSG(loadModel(path), JsonError, {"3 running statistics", "the file 0"});
    }

    // A network with a skip connection: the sum reads layer 1's output and the input; its
    // forward pass equals the two paths added by hand; the file is version 2 (a chain stays
    // version 1, which older Gradscopes read) and reads back the same; wiring that is not a
    // graph in order is refused, naming the layer.
    void skipConnections() {
        const std::vector<LayerSpec> layers = {
            LayerSpec::linear(3, 3), LayerSpec::of(Activation::Tanh),
            LayerSpec::merge(LayerKind::Add, 1, -1), LayerSpec::merge(LayerKind::Concat, 2, -1),
            LayerSpec::linear(6, 2)};
        Sequential model(layers, 5);
        QCOMPARE(model.shapes({4, 3}).back(), (Shape{4, 2}));
        QCOMPARE(model.shapes({4, 3})[3], (Shape{4, 6}));
        Graph g;
        const Tensor x = test::tensor({2, 3}, {0.5, -1, 2, 1, 0, -0.5});
        const Var out = model.forward(g, g.input(x), false);
        Graph byHand;
        const Var in = byHand.input(x);
        const Var h =
            tanh(linear(in, byHand.param(*model.weight(0)), byHand.param(*model.bias(0))));
        const Var expected = linear(concat(h + in, in), byHand.param(*model.weight(4)),
                                    byHand.param(*model.bias(4)));
        for (Index i = 0; i < out.value().numel(); ++i)
            QCOMPARE(out.value()[i], expected.value()[i]);

        const Json j = modelToJson(model, {3}, LossKind::CrossEntropy, nullptr);
        QCOMPARE(j["version"].asInteger("version"), 2LL);
        QCOMPARE(modelFromJson(j, "m").model.layers(), layers);
        Sequential chain({LayerSpec::linear(3, 2)}, 1);
        QCOMPARE(modelToJson(chain, {3}, LossKind::MSE, nullptr)["version"].asInteger("v"), 1LL);

        const auto refused = [](std::vector<LayerSpec> l, const char* why) {
            GS_EXPECT_THROW_MSG(Sequential::shapes(l, {4, 3}), LayerError, {why});
        };
        refused({LayerSpec::linear(3, 3), LayerSpec::merge(LayerKind::Add, 1, 0)},
                "layer 1 (Add): it reads layer 1, which is not before it");
        refused({LayerSpec::linear(3, 3), LayerSpec::linear(3, 3),
                 LayerSpec::merge(LayerKind::Add, 0, -1)},
                "layer 1 (Linear(3 → 3)): its output goes to no other layer");
        refused({LayerSpec::linear(3, 4), LayerSpec::merge(LayerKind::Add, 0, -1)},
                "adds [4, 4] and [4, 3]");
        LayerSpec single = LayerSpec::of(LayerKind::Add);
        refused({LayerSpec::linear(3, 3), single}, "a merge takes two earlier outputs");
        GS_EXPECT_THROW_MSG(
            Sequential({LayerSpec::linear(3, 3), LayerSpec::merge(LayerKind::Add, 0, 7)}, 1),
            LayerError, {"it reads layer 7"});
    }

    // A norm's γ is not a weight the L1/L2 penalty pulls towards 0, as PyTorch's recipes leave
    // it out; pools and norms have no init setting in the file.
    void normsAndPoolsInFiles() {
        const std::vector<LayerSpec> layers = {LayerSpec::conv2d(1, 2, 3, 1, 1),
                                               LayerSpec::norm(LayerKind::BatchNorm2d, 2),
                                               LayerSpec::avgPool2d(2),
                                               LayerSpec::of(LayerKind::GlobalAvgPool2d),
                                               LayerSpec::norm(LayerKind::LayerNorm, 2),
                                               LayerSpec::linear(2, 1)};
        Sequential model(layers, 1);
        QCOMPARE(model.shapes({5, 1, 6, 6}).back(), (Shape{5, 1}));
        const Json j = modelToJson(model, {1, 6, 6}, LossKind::MSE, nullptr);
        const auto& list = j["layers"].asArray("layers");
        QCOMPARE(list[1].dump(0), std::string(R"({"type":"batch_norm2d","features":2})"));
        QCOMPARE(list[2].dump(0), std::string(R"({"type":"avg_pool2d","kernel":2,"stride":2})"));
        QCOMPARE(modelFromJson(j, "m").model.layers(), layers);
        GS_EXPECT_THROW_MSG(
            Sequential::shapes({LayerSpec::norm(LayerKind::BatchNorm1d, 2)}, {4, 2, 3, 3}),
            LayerError, {"[batch, features]"});
        GS_EXPECT_THROW_MSG(Sequential::shapes({LayerSpec::norm(LayerKind::LayerNorm, 3)}, {4, 2}),
                            LayerError, {"input has 2 features but the layer expects 3"});
    }

    void badModelFilesAreRefused_data() {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{"
                                  << "1:2";
        QTest::newRow("wrong format") << "{\"format\": \"other\"}"
                                      << "not a Gradscope model";
        QTest::newRow("newer version") << "version:9"
                                       << "newer Gradscope (format version 9)";
        QTest::newRow("missing parameter") << "drop:0.bias"
                                           << "the file 3";
        QTest::newRow("wrong shape") << "shape:0.weight"
                                     << "0.weight has shape [2, 2]";
        QTest::newRow("unknown layer") << "layer:mish"
                                       << "unknown layer type \"mish\"";
        QTest::newRow("text weight") << "text:0.bias"
                                     << "parameters.0.bias.data[0] must be a number";
    }

    void badModelFilesAreRefused() {
        QFETCH(QString, edit);
        QFETCH(QString, expected);
        Sequential model(
            {LayerSpec::linear(2, 3), LayerSpec::of(Activation::Tanh), LayerSpec::linear(3, 1)}, 1);
        Json j = modelToJson(model, {2}, LossKind::MSE, nullptr);
        std::string text;
        if (edit.startsWith("version:")) {
            j.set("version", edit.mid(8).toInt());
        } else if (edit.startsWith("drop:")) {
            Json params = Json::object();
            for (const auto& [k, v] : j["parameters"].asObject(""))
                if (k != edit.mid(5).toStdString()) params.set(k, v);
            j.set("parameters", params);
        } else if (edit.startsWith("shape:")) {
            Json params = j["parameters"];
            params.set(edit.mid(6).toStdString(), tensorToJson(Tensor({2, 2})));
            j.set("parameters", params);
        } else if (edit.startsWith("layer:")) {
            Json layers = Json::array();
            Json l = Json::object();
            l.set("type", edit.mid(6).toStdString());
            layers.push(l);
            j.set("layers", layers);
        } else if (edit.startsWith("text:")) {
            Json params = j["parameters"];
            Json bad = Json::object();
            bad.set("shape", shapeToJson({1}));
            Json data = Json::array();
            data.push("zero");
            bad.set("data", data);
            params.set(edit.mid(5).toStdString(), bad);
            j.set("parameters", params);
        }
        text = edit.startsWith('{') ? edit.toStdString() : j.dump();
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        std::ofstream(path) << text;
        GS_EXPECT_THROW_MSG(loadModel(path), JsonError, {"model.json", qPrintable(expected)});
    }

    void atomicWriteKeepsTheOldFileOnFailure() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("keep.json").toStdString();
        writeFileAtomic(path, "old");
        // A non-finite weight cannot be written: the save fails before touching the file.
        Sequential model({LayerSpec::linear(1, 1)}, 1);
        model.parameters()[0]->value[0] = NAN;
        GS_EXPECT_THROW_MSG(saveModel(path, model, {1}, std::nullopt, nullptr), JsonError,
                            {"non-finite"});
        QCOMPARE(readFile(path), std::string("old"));
        GS_EXPECT_THROW_MSG(writeFileAtomic("/nonexistent-dir/x.json", "data"), Error,
                            {"cannot write"});
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"keep.json"});
    }

    void jsonRoundTrip() {
        const std::string text =
            "{\"a\": [1, 2.5, -3e-07], \"b\": {\"c\": \"x\\\"y\\n\", \"d\": null}, \"e\": true}";
        const Json j = Json::parse(text);
        QCOMPARE(j["a"].asArray("a").size(), std::size_t(3));
        QCOMPARE(j["b"]["c"].asString("c"), std::string("x\"y\n"));
        QCOMPARE(Json::parse(j.dump()).dump(), j.dump());
        QCOMPARE(Json(0.1f).dump(0), std::string("0.1"));
        GS_EXPECT_THROW_MSG(Json::parse("{\"a\": 1,\n \"a\": 2}", "f.json"), JsonError,
                            {"f.json:2", "duplicate"});
        GS_EXPECT_THROW_MSG(Json::parse("[1, 2", "g.json"), JsonError,
                            {"g.json:1", "close the array"});
        GS_EXPECT_THROW_MSG(j["a"].asString("a"), JsonError, {"a must be a string"});
    }

    void presetsParseAndRoundTrip() {
        QVERIFY(presets().size() >= 13);
        for (const char* name : {"spiral",
                                 "circles",
                                 "xor",
                                 "gaussians",
                                 "moons",
                                 "regression-plane",
                                 "tiny-regression",
                                 "random-regression",
                                 "mnist-mlp",
                                 "mnist-mlp-deep",
                                 "mnist-cnn",
                                 "fashion-mlp",
                                 "playground-spiral",
                                 "deep-sigmoid",
                                 "deep-sigmoid-batchnorm",
                                 "deep-plain",
                                 "deep-residual",
                                 "vanishing-sigmoid",
                                 "dead-relu",
                                 "lr-too-high",
                                 "overfit"})
            QVERIFY2(findPreset(name), name);
        for (const Experiment& e : presets()) {
            const Json j = experimentToJson(e);
            QCOMPARE(experimentToJson(experimentFromJson(j, e.name)).dump(), j.dump());
        }
        QVERIFY(!findPreset("nope"));
    }

    void toyPresetsLearn_data() {
        QTest::addColumn<QString>("name");
        for (const Experiment& e : presets())
            if (e.data.source != DataSource::Mnist && e.data.source != DataSource::FashionMnist)
                QTest::newRow(e.name.c_str()) << QString::fromStdString(e.name);
    }

    void toyPresetsLearn() {
        QFETCH(QString, name);
        const Experiment& e = *findPreset(name.toStdString());
        const Split data = loadData(e.data, defaultDataDir());
        Sequential model(e.layers, e.train.seed);
        Trainer trainer(model, data.train, data.test.size() ? &data.test : nullptr, e.train);
        const Dataset& judged = data.test.size() ? data.test : data.train;
        const Evaluation before = trainer.evaluate(judged);
        trainer.run(e.epochs);
        const Evaluation after = trainer.evaluate(judged);
        if (e.expectedTestAccuracy >= 0)
            QVERIFY2(
                after.accuracy >= e.expectedTestAccuracy,
                qPrintable(
                    QString("accuracy %1 < %2").arg(after.accuracy).arg(e.expectedTestAccuracy)));
        // A preset that shows a failure stays at its accuracy; every other at least halves its
        // loss, but those made to set off a detector (overfit's test loss climbs; the detectors'
        // own test runs them, tst_detectors).
        if (e.expectedFailure >= 0)
            QVERIFY2(after.accuracy <= e.expectedFailure,
                     qPrintable(QString("accuracy %1 > %2: the failure it shows did not happen")
                                    .arg(after.accuracy)
                                    .arg(e.expectedFailure)));
        if (e.expectedFailure >= 0 || !e.expectedFindings.empty()) return;
        QVERIFY2(after.loss < before.loss / 2,
                 qPrintable(QString("loss %1 -> %2").arg(before.loss).arg(after.loss)));
    }

    void missingMnistSaysHowToFetch() {
        QTemporaryDir dir;
        GS_EXPECT_THROW_MSG(loadData(findPreset("mnist-mlp")->data, dir.path().toStdString()),
                            DataError, {"MNIST is not installed", "gradscope-cli fetch mnist"});
    }
};

QTEST_APPLESS_MAIN(TestModel)
#include "tst_model.moc"
