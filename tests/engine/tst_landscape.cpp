// The optimizer race and the loss landscape: the race's surfaces have the gradients they claim,
// its paths are exactly what the training optimizers do through the graph; the landscape's
// directions are filter-normalised, its centre is the model's own loss, projections invert the
// plane, principal directions span the path; a single-entry gradient check matches "check all".
#include "TestUtil.h"
#include "data/Toy.h"
#include "ops/Ops.h"
#include "optim/Race.h"
#include "train/GradCheck.h"
#include "train/Landscape.h"

#include <cstring>

using namespace gs;

namespace {

// f(x, y) recorded into a graph with engine ops, w = [x, y] a parameter: the path a training
// run of the same optimizer takes on the same surface.
Var raceLossInGraph(Graph& g, RaceFunction f, Parameter& w) {
    Var p = g.param(w);
    Var x = sum(p * g.input(test::tensor(Shape{2}, {1, 0})));
    Var y = sum(p * g.input(test::tensor(Shape{2}, {0, 1})));
    switch (f) {
    case RaceFunction::Bowl:
        return x * x + 10 * (y * y);
    case RaceFunction::Rosenbrock:
        return pow(1 - x, 2) + 100 * pow(y - x * x, 2);
    case RaceFunction::Beale:
        return pow(1.5f - x + x * y, 2) + pow(2.25f - x + x * y * y, 2) +
               pow(2.625f - x + x * y * y * y, 2);
    case RaceFunction::Saddle:
        return x * x - y * y;
    case RaceFunction::Count:
        break;
    }
    return {};
}

Split circles() {
    return splitDataset(makeToyDataset({ToyKind::Circles, 200, 0.1, 7}), 0.5, 3);
}

std::vector<LayerSpec> tanhNet() {
    return {LayerSpec::linear(2, 6), LayerSpec::of(Activation::Tanh), LayerSpec::linear(6, 2)};
}

Batch firstBatch(const Dataset& data, Index size) {
    DataLoader loader(data, size, false, 0);
    Batch batch;
    loader.next(batch);
    return batch;
}

double modelLoss(Sequential& model, const Batch& batch) {
    Graph g;
    Tensor scratch;
    NoGradGuard noGrad(g);
    Var out = model.forward(g, g.inputView(batch.inputs), false);
    return recordLoss(g, LossKind::CrossEntropy, TargetEncoding::ClassIndex, out, batch, scratch)
        .value()[0];
}

} // namespace

class TestLandscape : public QObject {
    Q_OBJECT
private slots:
    void raceGradientsAreDerivatives_data() {
        QTest::addColumn<int>("function");
        for (int f = 0; f < int(RaceFunction::Count); ++f)
            QTest::newRow(raceSurface(RaceFunction(f)).name) << f;
    }
    void raceGradientsAreDerivatives() {
        QFETCH(int, function);
        const auto f = RaceFunction(function);
        std::mt19937_64 rng(5);
        std::uniform_real_distribution<double> u(-2, 2);
        for (int i = 0; i < 20; ++i) {
            const double x = u(rng), y = u(rng), h = 1e-6;
            const auto g = raceGradient(f, x, y);
            const double gx = (raceValue(f, x + h, y) - raceValue(f, x - h, y)) / (2 * h);
            const double gy = (raceValue(f, x, y + h) - raceValue(f, x, y - h)) / (2 * h);
            QVERIFY2(
                std::abs(g[0] - gx) <= 1e-5 * std::max(1.0, std::abs(gx)),
                qPrintable(QString("d/dx at (%1, %2): %3 vs %4").arg(x).arg(y).arg(g[0]).arg(gx)));
            QVERIFY2(
                std::abs(g[1] - gy) <= 1e-5 * std::max(1.0, std::abs(gy)),
                qPrintable(QString("d/dy at (%1, %2): %3 vs %4").arg(x).arg(y).arg(g[1]).arg(gy)));
        }
        const RaceSurface& s = raceSurface(f);
        const auto atMinimum = raceGradient(f, s.minimumX, s.minimumY);
        QVERIFY(std::abs(atMinimum[0]) < 1e-12 && std::abs(atMinimum[1]) < 1e-12);
    }

    // Every racer follows the path that the same optimizer takes when the surface is a loss in
    // the graph: backward() fills the gradient, step() moves the parameter.
    void raceFollowsTrainingOptimizers_data() {
        QTest::addColumn<int>("function");
        for (int f = 0; f < int(RaceFunction::Count); ++f)
            QTest::newRow(raceSurface(RaceFunction(f)).name) << f;
    }
    void raceFollowsTrainingOptimizers() {
        QFETCH(int, function);
        const auto f = RaceFunction(function);
        const RaceSurface& s = raceSurface(f);
        const auto field = raceField(s.suggestedLearningRate);
        QCOMPARE(int(field.size()), 6);
        Race race(f, s.startX, s.startY, field);
        constexpr int kSteps = 25;
        race.step(kSteps);
        QCOMPARE(race.steps(), long(kSteps));
        for (std::size_t r = 0; r < field.size(); ++r) {
            Parameter w("w", test::tensor(Shape{2}, {s.startX, s.startY}));
            Optimizer optimizer({&w}, field[r]);
            Graph g;
            const Racer& racer = race.racers()[r];
            QVERIFY(!racer.diverged);
            QCOMPARE(int(racer.path.size()), kSteps + 1);
            for (int step = 1; step <= kSteps; ++step) {
                g.reset();
                optimizer.zeroGrad();
                Var loss = raceLossInGraph(g, f, w);
                g.backward(loss);
                optimizer.step();
                const RacePoint& p = racer.path[std::size_t(step)];
                const double tol = 2e-3 * std::max(1.0, std::abs(double(w.value[0])));
                QVERIFY2(std::abs(p.x - w.value[0]) <= tol && std::abs(p.y - w.value[1]) <= tol,
                         qPrintable(QString("%1, step %2: race (%3, %4), training (%5, %6)")
                                        .arg(racer.label.english().c_str())
                                        .arg(step)
                                        .arg(p.x)
                                        .arg(p.y)
                                        .arg(w.value[0])
                                        .arg(w.value[1])));
            }
        }
    }

    void raceStopsRunawayRacers() {
        OptimizerConfig sgd = *OptimizerConfig::fromName("sgd");
        sgd.learningRate = 0.5f; // y doubles every step on the saddle
        Race race(RaceFunction::Saddle, 1, 0.5, {sgd});
        race.step(200);
        const Racer& r = race.racers().front();
        QVERIFY(r.diverged);
        QVERIFY(r.path.size() < 40);
        for (const RacePoint& p : r.path)
            QVERIFY(std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.value));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, Race(RaceFunction::Bowl, NAN, 0, {sgd}));
        QVERIFY(!raceFunctionFromName("himmelblau"));
        QCOMPARE(*raceFunctionFromName("beale"), RaceFunction::Beale);
    }

    void adamReachesTheBowlsMinimum() {
        Race race(RaceFunction::Bowl, -4.5, 2.5, raceField(0.1));
        race.step(600);
        const Racer& adam = race.racers().back();
        QCOMPARE(adam.config.kind, OptimizerKind::Adam);
        QVERIFY2(adam.path.back().value < 1e-3,
                 qPrintable(QString::number(adam.path.back().value)));
    }

    void randomDirectionsAreFilterNormalised() {
        Sequential model(tanhNet(), 3);
        const LandscapePlane plane = randomPlane(model, 9);
        QCOMPARE(plane.center, flattenParameters(model));
        std::size_t at = 0;
        for (const Parameter* p : model.parameters()) {
            for (const auto* d : {&plane.d1, &plane.d2}) {
                if (p->value.rank() == 1) {
                    for (Index i = 0; i < p->value.numel(); ++i)
                        QCOMPARE((*d)[at + std::size_t(i)], Scalar(0));
                    continue;
                }
                for (Index r = 0; r < p->value.rows(); ++r) {
                    double wn = 0, dn = 0;
                    for (Index c = 0; c < p->value.cols(); ++c) {
                        const Index i = r * p->value.cols() + c;
                        wn += double(p->value[i]) * p->value[i];
                        dn += double((*d)[at + std::size_t(i)]) * (*d)[at + std::size_t(i)];
                    }
                    QVERIFY2(std::abs(std::sqrt(dn) - std::sqrt(wn)) <= 1e-5 * std::sqrt(wn),
                             qPrintable(QString("%1 row %2").arg(p->name.c_str()).arg(r)));
                }
            }
            at += std::size_t(p->value.numel());
        }
        QVERIFY(plane.d1 != plane.d2);
        QCOMPARE(randomPlane(model, 9).d2, plane.d2);
        QVERIFY(randomPlane(model, 10).d1 != plane.d1);
    }

    // The grid's centre is the model's own loss, the corners differ, and the weights are put
    // back exactly.
    void landscapeCentreIsTheModelsLoss() {
        const Split data = circles();
        Sequential model(tanhNet(), 3);
        const Batch batch = firstBatch(data.train, 50);
        const auto before = flattenParameters(model);
        const LandscapePlane plane = randomPlane(model, 4);
        const LandscapeGrid grid =
            evaluateLandscape(model, plane, batch, LossKind::CrossEntropy,
                              TargetEncoding::ClassIndex, {}, 5, -1, 1, -1, 1);
        QCOMPARE(int(grid.loss.size()), 25);
        QCOMPARE(grid.at(2, 2), modelLoss(model, batch));
        QVERIFY(grid.at(0, 0) != grid.at(2, 2));
        QVERIFY(grid.at(4, 4) != grid.at(0, 4));
        QCOMPARE(flattenParameters(model), before);
        // (α, β) = (1, −1) is the weights θ + d₁ − d₂.
        std::vector<Scalar> moved(before.size());
        for (std::size_t i = 0; i < moved.size(); ++i)
            moved[i] =
                static_cast<Scalar>(plane.center[i] + 1.0 * plane.d1[i] + -1.0 * plane.d2[i]);
        assignParameters(model, moved);
        QCOMPARE(grid.at(0, 4), modelLoss(model, batch));
        QVERIFY_THROWS_EXCEPTION(
            InvalidArgument, evaluateLandscape(model, plane, batch, LossKind::CrossEntropy,
                                               TargetEncoding::ClassIndex, {}, 1, -1, 1, -1, 1));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, assignParameters(model, {1, 2, 3}));
    }

    // Progress hears of every row; returning false stops the grid, throws Cancelled and leaves
    // the weights exactly as they were.
    void landscapeReportsProgressAndCancels() {
        const Split data = circles();
        Sequential model(tanhNet(), 3);
        const Batch batch = firstBatch(data.train, 50);
        const auto before = flattenParameters(model);
        const LandscapePlane plane = randomPlane(model, 4);
        std::vector<std::pair<int, int>> heard;
        const LandscapeGrid grid = evaluateLandscape(model, plane, batch, LossKind::CrossEntropy,
                                                     TargetEncoding::ClassIndex, {}, 6, -1, 1, -1,
                                                     1, [&heard](int done, int total) {
                                                         heard.emplace_back(done, total);
                                                         return true;
                                                     });
        QCOMPARE(int(heard.size()), 6);
        QCOMPARE(heard.front(), std::make_pair(1, 6));
        QCOMPARE(heard.back(), std::make_pair(6, 6));
        QCOMPARE(int(grid.loss.size()), 36);
        heard.clear();
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 evaluateLandscape(model, plane, batch, LossKind::CrossEntropy,
                                                   TargetEncoding::ClassIndex, {}, 6, -1, 1, -1, 1,
                                                   [&heard](int done, int total) {
                                                       heard.emplace_back(done, total);
                                                       return done < 3;
                                                   }));
        QCOMPARE(int(heard.size()), 3); // stopped at the third row
        QCOMPARE(flattenParameters(model), before);
    }

    void projectionInvertsThePlane() {
        Sequential model(tanhNet(), 3);
        const LandscapePlane plane = randomPlane(model, 4);
        std::vector<Scalar> point(plane.center.size());
        for (std::size_t i = 0; i < point.size(); ++i)
            point[i] = static_cast<Scalar>(plane.center[i] + 0.3 * plane.d1[i] - 0.7 * plane.d2[i]);
        const auto ab = projectOntoPlane(plane, point);
        QVERIFY2(std::abs(ab[0] - 0.3) < 1e-4 && std::abs(ab[1] + 0.7) < 1e-4,
                 qPrintable(QString("%1, %2").arg(ab[0]).arg(ab[1])));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, projectOntoPlane(plane, {1}));
    }

    // A path that moves in two directions: the principal plane contains every point of it.
    void principalDirectionsSpanThePath() {
        const std::size_t n = 40;
        std::vector<Scalar> e1(n, 0), e2(n, 0), c(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            e1[i] = static_cast<Scalar>(std::sin(0.3 * double(i)));
            e2[i] = static_cast<Scalar>(std::cos(0.7 * double(i)) * 0.5);
            c[i] = static_cast<Scalar>(0.1 * double(i));
        }
        std::vector<std::vector<Scalar>> path;
        for (int t = 0; t < 10; ++t) {
            std::vector<Scalar> p(n);
            const double a = 3.0 - 0.3 * t, b = std::sin(double(t)) * (10 - t) * 0.2;
            for (std::size_t i = 0; i < n; ++i)
                p[i] = static_cast<Scalar>(c[i] + a * e1[i] + b * e2[i]);
            path.push_back(p);
        }
        const LandscapePlane plane = principalPlane(path);
        QVERIFY(plane.principal);
        QVERIFY2(plane.explained > 0.9999, qPrintable(QString::number(plane.explained)));
        for (const auto& p : path) {
            const auto ab = projectOntoPlane(plane, p);
            double residual = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const double r =
                    p[i] - (plane.center[i] + ab[0] * plane.d1[i] + ab[1] * plane.d2[i]);
                residual += r * r;
            }
            QVERIFY2(std::sqrt(residual) < 1e-4, qPrintable(QString::number(residual)));
        }
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, principalPlane({path[0], path[1]}));
        std::vector<std::vector<Scalar>> line;
        for (int t = 0; t < 5; ++t) {
            std::vector<Scalar> p(n);
            for (std::size_t i = 0; i < n; ++i)
                p[i] = static_cast<Scalar>(c[i] + t * e1[i]);
            line.push_back(p);
        }
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, principalPlane(line));
    }

    // Checking one entry gives what "check all" gives for it, keeps the accumulated gradients,
    // and refuses names and indices the network lacks.
    void singleEntryCheckMatchesCheckAll() {
        const Split data = circles();
        Sequential model(tanhNet(), 3);
        const Batch batch = firstBatch(data.train, 20);
        for (Parameter* p : model.parameters())
            p->grad.fill(Scalar(0.25));
        const auto all = checkGradients(model, batch, LossKind::CrossEntropy,
                                        TargetEncoding::ClassIndex, {}, 1e-2);
        for (const Parameter* p : model.parameters())
            for (Index i = 0; i < p->grad.numel(); ++i)
                QCOMPARE(p->grad[i], Scalar(0.25));
        for (const GradCheckEntry& e : {all.front(), all[all.size() / 2], all.back()}) {
            const GradCheckEntry one =
                checkGradientEntry(model, batch, LossKind::CrossEntropy, TargetEncoding::ClassIndex,
                                   {}, e.parameter, e.index, 1e-2);
            QCOMPARE(one.parameter, e.parameter);
            QCOMPARE(one.index, e.index);
            QCOMPARE(one.autodiff, e.autodiff);
            QCOMPARE(one.numeric, e.numeric);
        }
        QVERIFY_THROWS_EXCEPTION(InvalidArgument,
                                 checkGradientEntry(model, batch, LossKind::CrossEntropy,
                                                    TargetEncoding::ClassIndex, {}, "7.weight", 0));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument,
                                 checkGradientEntry(model, batch, LossKind::CrossEntropy,
                                                    TargetEncoding::ClassIndex, {}, "0.bias", 6));
    }

    // Forward mode (core/ForwardMode.h) gives every weight's derivative that backpropagation
    // gives, through tanh, ReLU, sigmoid and the three losses, with L2 regularisation; a
    // convolution it does not cover is refused by name.
    void forwardModeAgreesWithBackpropagation_data() {
        QTest::addColumn<int>("activation");
        QTest::addColumn<int>("loss");
        QTest::newRow("tanh, cross-entropy")
            << int(Activation::Tanh) << int(LossKind::CrossEntropy);
        QTest::newRow("relu, mse") << int(Activation::Relu) << int(LossKind::MSE);
        QTest::newRow("sigmoid, bce") << int(Activation::Sigmoid) << int(LossKind::BCEWithLogits);
    }
    void forwardModeAgreesWithBackpropagation() {
        QFETCH(int, activation);
        QFETCH(int, loss);
        const Split data = circles();
        const LossKind kind = LossKind(loss);
        const Index outputs = kind == LossKind::BCEWithLogits ? 1 : 2;
        Sequential model({LayerSpec::linear(2, 6), LayerSpec::of(Activation(activation)),
                          LayerSpec::linear(6, outputs)},
                         5);
        const Batch batch = firstBatch(data.train, 20);
        const TargetEncoding encoding = targetEncoding(kind, data.train, outputs);
        Regularization l2;
        l2.l2 = 0.01;
        int checked = 0;
        for (const Parameter* p : model.parameters())
            for (Index i = 0; i < p->value.numel(); ++i) {
                const double reverse =
                    checkGradientEntry(model, batch, kind, encoding, l2, p->name, i, 1e-2).autodiff;
                const double forward =
                    forwardModeDerivative(model, batch, kind, encoding, l2, p->name, i);
                QVERIFY2(std::abs(forward - reverse) <= 1e-5 * std::max(1.0, std::abs(reverse)),
                         qPrintable(QStringLiteral("%1[%2]: forward %3, reverse %4")
                                        .arg(QString::fromStdString(p->name))
                                        .arg(i)
                                        .arg(forward)
                                        .arg(reverse)));
                checked += reverse != 0;
            }
        QVERIFY(checked > 10); // not all zeros
        QVERIFY_THROWS_EXCEPTION(
            InvalidArgument, forwardModeDerivative(model, batch, kind, encoding, l2, "0.bias", 6));
        QVERIFY_THROWS_EXCEPTION(
            InvalidArgument,
            forwardModeDerivative(model, batch, kind, encoding, l2, "9.weight", 0));
    }

    // An interior node: dL/d(logits) of mean cross-entropy is (softmax − one-hot) / N, worked
    // out here from the model's output; the hidden layer's check agrees with its nudge.
    void interiorNodeCheck() {
        const Split data = circles();
        Sequential model(tanhNet(), 3);
        const Batch batch = firstBatch(data.train, 10);
        Graph g;
        Var out = model.forward(g, g.inputView(batch.inputs), false);
        const Tensor logits = out.value();
        for (Index i : {Index(0), Index(7), Index(13)}) {
            const GradCheckEntry e = checkLayerOutputGradient(
                model, batch, LossKind::CrossEntropy, TargetEncoding::ClassIndex, {}, 2, i, 1e-2);
            const Index row = i / 2, col = i % 2;
            const double a = logits[row * 2], b = logits[row * 2 + 1];
            const double p = std::exp(logits[i] - std::max(a, b)) /
                             (std::exp(a - std::max(a, b)) + std::exp(b - std::max(a, b)));
            const double expected = (p - (batch.labels[std::size_t(row)] == col ? 1 : 0)) / 10;
            QVERIFY2(std::abs(e.autodiff - expected) < 1e-6,
                     qPrintable(QString("%1: %2 vs %3").arg(i).arg(e.autodiff).arg(expected)));
            QVERIFY2(e.relativeError < 0.01, qPrintable(QString::number(e.relativeError)));
            QCOMPARE(e.parameter, std::string("2.linear"));
        }
        const GradCheckEntry hidden = checkLayerOutputGradient(
            model, batch, LossKind::CrossEntropy, TargetEncoding::ClassIndex, {}, 1, -1, 1e-2);
        QCOMPARE(hidden.parameter, std::string("1.tanh"));
        QVERIFY(hidden.autodiff != 0);
        QVERIFY2(hidden.relativeError < 0.01, qPrintable(QString::number(hidden.relativeError)));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument,
                                 checkLayerOutputGradient(model, batch, LossKind::CrossEntropy,
                                                          TargetEncoding::ClassIndex, {}, 3, 0));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument,
                                 checkLayerOutputGradient(model, batch, LossKind::CrossEntropy,
                                                          TargetEncoding::ClassIndex, {}, 1, 60));
    }
};

QTEST_APPLESS_MAIN(TestLandscape)
#include "tst_landscape.moc"
