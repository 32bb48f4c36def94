// Whole small networks against PyTorch: the fixtures (scripts/gen_torch_fixtures.py, float64)
// hold weights, inputs, targets, the loss and every gradient; the engine rebuilds each network
// and must agree to 1e-5 relative. Built twice:
// - the float64 engine, elementwise to 1e-10: the engine computes what PyTorch computes;
// - the float32 engine (what the app runs), to 1e-5 relative in norm per tensor, and 1e-4
//   elementwise: float32 round-off alone (inputs rounded to 24 bits, then a few layers of
//   sums) moves single small elements past 1e-5, e.g. 1.2e-5 in the conv case.
#include "TestUtil.h"
#include "TorchFixtures.h"
#include "core/Backward.h"
#include "io/Json.h"
#include "io/Serialize.h"
#include "nn/Sequential.h"
#include "ops/Ops.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>
#include <memory>
#include <optional>
#include <set>

using namespace gs;

namespace {

constexpr bool kDouble = sizeof(Scalar) == sizeof(double);
constexpr double kTolerance = kDouble ? 1e-10 : 1e-5;
constexpr double kElementTolerance = kDouble ? 1e-10 : 1e-4;

using test::relativeError;
using test::tensorFromJson;

QJsonArray loadCases() {
    return test::loadFixture("torch_networks.json")["cases"].toArray();
}

// ||a - b|| / ||b||
double normError(const Tensor& actual, const Tensor& expected) {
    if (actual.shape() != expected.shape()) return INFINITY;
    double diff = 0, norm = 0;
    for (Index i = 0; i < actual.numel(); ++i) {
        diff += std::pow(double(actual[i]) - double(expected[i]), 2);
        norm += std::pow(double(expected[i]), 2);
    }
    return norm == 0 ? std::sqrt(diff) : std::sqrt(diff / norm);
}

// The activation whose file name (ActivationInfo::name) is `type`.
std::optional<Activation> activationNamed(const QString& type) {
    for (int i = 0; i < kActivationCount; ++i)
        if (type == QLatin1String(activationInfo(Activation(i)).name)) return Activation(i);
    return std::nullopt;
}

} // namespace

class TestTorchReference : public QObject {
    Q_OBJECT
private slots:
    void fixturesArePresent() { QVERIFY2(loadCases().size() >= 8, GRADSCOPE_FIXTURES); }

    // Every activation the engine has is in some fixture: a new one without its PyTorch case
    // (scripts/gen_torch_fixtures.py) fails here.
    void everyActivationHasAPyTorchCase() {
        std::set<QString> seen;
        for (const auto& c : loadCases())
            for (const auto& l : c.toObject()["layers"].toArray())
                seen.insert(l.toObject()["type"].toString());
        for (int i = 0; i < kActivationCount; ++i) {
            const char* name = activationInfo(Activation(i)).name;
            QVERIFY2(seen.count(QLatin1String(name)), name);
        }
    }

    // So is every layer type but dropout (random): a new layer without its case fails here.
    void everyLayerHasAPyTorchCase() {
        std::set<std::string> seen;
        for (const auto& c : loadCases())
            for (const auto& l : c.toObject()["layers"].toArray())
                seen.insert(l.toObject()["type"].toString().toStdString());
        for (int k = 0; k < int(LayerKind::Count); ++k) {
            if (LayerKind(k) == LayerKind::Activation || LayerKind(k) == LayerKind::Dropout)
                continue;
            const std::string name = layerTypeName(LayerSpec::of(LayerKind(k)));
            QVERIFY2(seen.count(name), name.c_str());
        }
    }

    // One training forward pass through the Sequential moves batch norm's running mean and
    // variance (and its batch count) as PyTorch's does; the weights are the fixture's.
    void runningStatisticsMatchPyTorch() {
        int checked = 0;
        for (const auto& value : loadCases()) {
            const QJsonObject c = value.toObject();
            if (c["mode"].toString() != "train" || !c.contains("buffers_after")) continue;
            const QJsonArray layerList = c["layers"].toArray();
            std::vector<LayerSpec> layers;
            for (int i = 0; i < layerList.size(); ++i)
                layers.push_back(layerFromJson(
                    Json::parse(QJsonDocument(layerList[i].toObject()).toJson().toStdString()),
                    "layer"));
            Sequential model(layers);
            const QJsonObject pj = c["parameters"].toObject();
            for (auto it = pj.begin(); it != pj.end(); ++it)
                model.parameter(it.key().toStdString())->value =
                    tensorFromJson(it.value().toObject());
            const QJsonObject before = c["buffers"].toObject();
            for (auto it = before.begin(); it != before.end(); ++it)
                model.buffer(it.key().toStdString())->value = tensorFromJson(it.value().toObject());
            Graph g;
            model.forward(g, g.input(tensorFromJson(c["input"].toObject())), true);
            model.updateRunningStatistics(g);
            const QJsonObject after = c["buffers_after"].toObject();
            QCOMPARE(after.size(), int(model.buffers().size()));
            for (auto it = after.begin(); it != after.end(); ++it) {
                const Tensor expected = tensorFromJson(it.value().toObject());
                const double error =
                    relativeError(model.buffer(it.key().toStdString())->value, expected);
                QVERIFY2(error < kElementTolerance,
                         qPrintable(QString("%1: relative error %2").arg(it.key()).arg(error)));
            }
            ++checked;
        }
        QVERIFY(checked >= 2);
    }

    void networkMatchesPyTorch_data() {
        QTest::addColumn<int>("index");
        const QJsonArray cases = loadCases();
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i].toObject()["name"].toString())) << i;
    }

    void networkMatchesPyTorch() {
        QFETCH(int, index);
        const QJsonObject c = loadCases()[index].toObject();
        std::map<std::string, std::unique_ptr<Parameter>> params;
        const QJsonObject pj = c["parameters"].toObject();
        for (auto it = pj.begin(); it != pj.end(); ++it) {
            const std::string name = it.key().toStdString();
            params[name] = std::make_unique<Parameter>(name, tensorFromJson(it.value().toObject()));
        }

        std::map<std::string, Tensor> buffers; // batch norm's running statistics
        const QJsonObject bj = c["buffers"].toObject();
        for (auto it = bj.begin(); it != bj.end(); ++it)
            buffers[it.key().toStdString()] = tensorFromJson(it.value().toObject());
        const bool training = c["mode"].toString() != "eval";

        Graph g;
        Var input = g.leaf(tensorFromJson(c["input"].toObject()), "input");
        Var h = input;
        std::vector<Var> outputs; // for the layers that read earlier outputs ("inputs")
        const auto output = [&](int j) { return j < 0 ? input : outputs[std::size_t(j)]; };
        const QJsonArray layers = c["layers"].toArray();
        for (int i = 0; i < layers.size(); ++i) {
            const QJsonObject l = layers[i].toObject();
            const QString type = l["type"].toString();
            const QJsonArray from = l["inputs"].toArray();
            if (!from.isEmpty()) h = output(from[0].toInt());
            const std::string prefix = std::to_string(i);
            NameScope scope(g, prefix);
            auto param = [&](const char* what) { return g.param(*params.at(prefix + what)); };
            if (type == "linear")
                h = linear(h, param(".weight"), param(".bias"));
            else if (type == "conv2d")
                h = conv2d(h, param(".weight"), param(".bias"), l["stride"].toInt(),
                           l["padding"].toInt());
            else if (type == "max_pool2d")
                h = maxPool2d(h, l["kernel"].toInt(), l["stride"].toInt());
            else if (type == "avg_pool2d")
                h = avgPool2d(h, l["kernel"].toInt(), l["stride"].toInt());
            else if (type == "global_avg_pool2d")
                h = globalAvgPool2d(h);
            else if (type == "batch_norm1d" || type == "batch_norm2d")
                h = batchNorm(h, param(".weight"), param(".bias"), training,
                              &buffers.at(prefix + ".running_mean"),
                              &buffers.at(prefix + ".running_var"));
            else if (type == "layer_norm")
                h = layerNorm(h, param(".weight"), param(".bias"));
            else if (type == "add")
                h = h + output(from[1].toInt());
            else if (type == "concat")
                h = concat(h, output(from[1].toInt()));
            else if (const auto a = activationNamed(type))
                h = activation(h, *a, Scalar(l["slope"].toDouble()));
            else if (type == "softmax")
                h = softmax(h);
            else if (type == "log_softmax")
                h = logSoftmax(h);
            else if (type == "flatten")
                h = flatten(h);
            else
                QFAIL(qPrintable("unknown layer type " + type));
            outputs.push_back(h);
        }
        Var loss;
        const QString lossKind = c["loss"].toString();
        if (lossKind == "cross_entropy") {
            std::vector<int> labels;
            for (const auto& v : c["labels"].toArray())
                labels.push_back(v.toInt());
            loss = crossEntropy(h, labels);
        } else {
            Var target = g.input(tensorFromJson(c["target"].toObject()), "target");
            loss = lossKind == "mse" ? mseLoss(h, target) : bceWithLogits(h, target);
        }
        g.backward(loss);

        const double expectedLoss = c["loss_value"].toDouble();
        const double lossError =
            std::abs(double(loss.value()[0]) - expectedLoss) / std::abs(expectedLoss);
        QVERIFY2(lossError < kTolerance, qPrintable(QString("loss error %1").arg(lossError)));

        const QJsonObject grads = c["gradients"].toObject();
        QCOMPARE(grads.size(), int(params.size()) + 1);
        for (auto it = grads.begin(); it != grads.end(); ++it) {
            const std::string name = it.key().toStdString();
            const Tensor expected = tensorFromJson(it.value().toObject());
            const Tensor& actual = name == "input" ? input.grad() : params.at(name)->grad;
            // A gradient that is 0 in exact arithmetic (a bias before batch norm in training:
            // the norm takes its mean away) is round-off in both: compared absolutely.
            if (expected.numel() > 0 && expected.array().abs().maxCoeff() < 1e-12) {
                const double largest = actual.array().abs().maxCoeff();
                QVERIFY2(largest < kTolerance,
                         qPrintable(QString("%1: %2, not 0").arg(it.key()).arg(largest)));
                continue;
            }
            const double error = relativeError(actual, expected);
            QVERIFY2(error < kElementTolerance,
                     qPrintable(QString("%1: relative error %2").arg(it.key()).arg(error)));
            const double inNorm = normError(actual, expected);
            QVERIFY2(
                inNorm < kTolerance,
                qPrintable(QString("%1: relative error in norm %2").arg(it.key()).arg(inNorm)));
        }
    }
};

QTEST_APPLESS_MAIN(TestTorchReference)
#include "tst_torch_reference.moc"
