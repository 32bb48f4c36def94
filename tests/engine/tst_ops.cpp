// Every op on a case small enough to work out by hand: its value, and the gradient of a sum
// (or of the op itself when it is a loss) with respect to each input.
#include "TestUtil.h"
#include "core/Gemm.h"
#include "core/Graph.h"
#include "ops/Ops.h"

#include <cmath>
#include <limits>
#include <random>
#include <utility>

using namespace gs;
using test::tensor;

namespace {
// Backward from sum(y) (or y itself when it is already a scalar).
void backwardFromSum(Graph& g, const Var& y) {
    g.backward(y.shape().numel() == 1 && y.shape().rank() == 0 ? y : sum(y));
}

int activationRow(Activation a) {
    return int(activationOp(a));
}
} // namespace

class TestOps : public QObject {
    Q_OBJECT
private slots:
    void addBroadcastsBias() {
        Graph g;
        Var a = g.leaf(tensor({2, 2}, {1, 2, 3, 4}), "a");
        Var b = g.leaf(tensor({2}, {10, 20}), "b");
        Var y = a + b;
        GS_COMPARE_TENSOR(y.value(), {11, 22, 13, 24});
        backwardFromSum(g, y);
        GS_COMPARE_TENSOR(a.grad(), {1, 1, 1, 1});
        GS_COMPARE_TENSOR(b.grad(), {2, 2}); // summed over the two rows
    }

    void subWithScalarAndColumn() {
        Graph g;
        Var a = g.leaf(tensor({2, 3}, {1, 2, 3, 4, 5, 6}), "a");
        Var c = g.leaf(tensor({2, 1}, {1, 10}), "c");
        Var y = a - c;
        GS_COMPARE_TENSOR(y.value(), {0, 1, 2, -6, -5, -4});
        backwardFromSum(g, y);
        GS_COMPARE_TENSOR(c.grad(), {-3, -3});
        Graph h;
        Var x = h.leaf(tensor({2}, {1, 2}), "x");
        Var z = 5.0 - x;
        GS_COMPARE_TENSOR(z.value(), {4, 3});
    }

    void mulAndDiv() {
        Graph g;
        Var a = g.leaf(tensor({3}, {1, 2, 3}), "a");
        Var b = g.leaf(tensor({3}, {4, 5, 6}), "b");
        Var y = a * b;
        GS_COMPARE_TENSOR(y.value(), {4, 10, 18});
        backwardFromSum(g, y);
        GS_COMPARE_TENSOR(a.grad(), {4, 5, 6});
        GS_COMPARE_TENSOR(b.grad(), {1, 2, 3});

        Graph h;
        Var p = h.leaf(tensor({2}, {1, 2}), "p");
        Var q = h.leaf(tensor({2}, {4, 8}), "q");
        Var d = p / q;
        GS_COMPARE_TENSOR(d.value(), {0.25, 0.25});
        backwardFromSum(h, d);
        GS_COMPARE_TENSOR(p.grad(), {0.25, 0.125});
        GS_COMPARE_TENSOR(q.grad(), {-1.0 / 16, -2.0 / 64});
    }

    void unaryOps_data() {
        QTest::addColumn<int>("op");
        QTest::addColumn<std::vector<double>>("input");
        QTest::addColumn<std::vector<double>>("value");
        QTest::addColumn<std::vector<double>>("gradient");
        const double e = std::exp(1.0);
        const double s1 = 1 / (1 + std::exp(-1.0));
        const double t1 = std::tanh(1.0);
        QTest::newRow("neg") << int(OpKind::Neg) << std::vector<double>{1, -2}
                             << std::vector<double>{-1, 2} << std::vector<double>{-1, -1};
        QTest::newRow("abs") << int(OpKind::Abs) << std::vector<double>{-3, 0, 2}
                             << std::vector<double>{3, 0, 2} << std::vector<double>{-1, 0, 1};
        QTest::newRow("exp") << int(OpKind::Exp) << std::vector<double>{0, 1}
                             << std::vector<double>{1, e} << std::vector<double>{1, e};
        QTest::newRow("log") << int(OpKind::Log) << std::vector<double>{1, e}
                             << std::vector<double>{0, 1} << std::vector<double>{1, 1 / e};
        QTest::newRow("pow2") << int(OpKind::Pow) << std::vector<double>{2, 3}
                              << std::vector<double>{4, 9} << std::vector<double>{4, 6};
        QTest::newRow("relu") << int(OpKind::Relu) << std::vector<double>{-1, 0, 2}
                              << std::vector<double>{0, 0, 2} << std::vector<double>{0, 0, 1};
        QTest::newRow("leaky_relu")
            << int(OpKind::LeakyRelu) << std::vector<double>{-1, 0, 2}
            << std::vector<double>{-0.1, 0, 2} << std::vector<double>{0.1, 0.1, 1};
        QTest::newRow("sigmoid") << int(OpKind::Sigmoid) << std::vector<double>{0, 1}
                                 << std::vector<double>{0.5, s1}
                                 << std::vector<double>{0.25, s1 * (1 - s1)};
        QTest::newRow("tanh") << int(OpKind::Tanh) << std::vector<double>{0, 1}
                              << std::vector<double>{0, t1} << std::vector<double>{1, 1 - t1 * t1};
        // Φ(1) = 0.841344746…, φ(1) = 0.241970724… (tables of the normal distribution):
        // GELU(±1) = ±Φ(±1), GELU'(x) = Φ(x) + x·φ(x).
        const double cdf1 = 0.8413447460685429, pdf1 = 0.24197072451914337;
        QTest::newRow("gelu") << activationRow(Activation::Gelu) << std::vector<double>{-1, 0, 1}
                              << std::vector<double>{-(1 - cdf1), 0, cdf1}
                              << std::vector<double>{(1 - cdf1) - pdf1, 0.5, cdf1 + pdf1};
        QTest::newRow("elu") << activationRow(Activation::Elu) << std::vector<double>{-1, 0, 2}
                             << std::vector<double>{1 / e - 1, 0, 2}
                             << std::vector<double>{1 / e, 1, 1};
        QTest::newRow("silu") << activationRow(Activation::Silu) << std::vector<double>{0, 1}
                              << std::vector<double>{0, s1}
                              << std::vector<double>{0.5, s1 * (1 + (1 - s1))};
        // above 20, x itself (PyTorch's threshold)
        QTest::newRow("softplus") << activationRow(Activation::Softplus)
                                  << std::vector<double>{0, 1, 30}
                                  << std::vector<double>{std::log(2.0), std::log(1 + e), 30}
                                  << std::vector<double>{0.5, s1, 1};
    }

    void unaryOps() {
        QFETCH(int, op);
        QFETCH(std::vector<double>, input);
        QFETCH(std::vector<double>, value);
        QFETCH(std::vector<double>, gradient);
        Graph g;
        Var x = g.leaf(tensor({Index(input.size())}, input), "x");
        Var y;
        switch (OpKind(op)) {
        case OpKind::Neg:
            y = -x;
            break;
        case OpKind::Abs:
            y = abs(x);
            break;
        case OpKind::Exp:
            y = exp(x);
            break;
        case OpKind::Log:
            y = log(x);
            break;
        case OpKind::Pow:
            y = pow(x, 2);
            break;
        case OpKind::Relu:
            y = relu(x);
            break;
        case OpKind::LeakyRelu:
            y = leakyRelu(x, 0.1);
            break;
        case OpKind::Sigmoid:
            y = sigmoid(x);
            break;
        case OpKind::Tanh:
            y = tanh(x);
            break;
        default:
            if (const auto a = activationOf(OpKind(op)))
                y = activation(x, *a);
            else
                QFAIL("unexpected op");
        }
        QCOMPARE(int(y.node().op), op);
        std::string why;
        QVERIFY2(test::closeTo(y.value(), value, 1e-5, &why), why.c_str());
        backwardFromSum(g, y);
        QVERIFY2(test::closeTo(x.grad(), gradient, 1e-5, &why), why.c_str());
    }

    void matmulAndTranspose() {
        Graph g;
        Var a = g.leaf(tensor({2, 2}, {1, 2, 3, 4}), "a");
        Var b = g.leaf(tensor({2, 2}, {5, 6, 7, 8}), "b");
        Var y = matmul(a, b);
        GS_COMPARE_TENSOR(y.value(), {19, 22, 43, 50});
        backwardFromSum(g, y);
        GS_COMPARE_TENSOR(a.grad(), {11, 15, 11, 15}); // ones @ bᵀ
        GS_COMPARE_TENSOR(b.grad(), {4, 4, 6, 6});     // aᵀ @ ones

        Graph h;
        Var m = h.leaf(tensor({2, 3}, {1, 2, 3, 4, 5, 6}), "m");
        Var t = transpose(m);
        QCOMPARE(t.shape(), (Shape{3, 2}));
        GS_COMPARE_TENSOR(t.value(), {1, 4, 2, 5, 3, 6});
        h.backward(sum(t * h.input(tensor({3, 2}, {1, 2, 3, 4, 5, 6}))));
        GS_COMPARE_TENSOR(m.grad(), {1, 3, 5, 2, 4, 6});
    }

    void linearIsXWtPlusB() {
        Graph g;
        Var x = g.leaf(tensor({1, 2}, {1, 2}), "x");
        Var w = g.leaf(tensor({3, 2}, {1, 0, 0, 1, 1, 1}), "W");
        Var b = g.leaf(tensor({3}, {0, 0, 1}), "b");
        Var y = linear(x, w, b);
        GS_COMPARE_TENSOR(y.value(), {1, 2, 4});
        backwardFromSum(g, y);
        GS_COMPARE_TENSOR(x.grad(), {2, 2});             // ones @ W
        GS_COMPARE_TENSOR(w.grad(), {1, 2, 1, 2, 1, 2}); // onesᵀ @ x
        GS_COMPARE_TENSOR(b.grad(), {1, 1, 1});
        Graph h;
        Var y2 = linear(h.input(tensor({1, 2}, {1, 2})), h.leaf(tensor({1, 2}, {3, 4})));
        GS_COMPARE_TENSOR(y2.value(), {11});
    }

    void reductions() {
        Graph g;
        Var x = g.leaf(tensor({2, 3}, {1, 2, 3, 4, 5, 6}), "x");
        GS_COMPARE_TENSOR(sum(x).value(), {21});
        GS_COMPARE_TENSOR(mean(x).value(), {3.5});
        Var s0 = sum(x, 0);
        QCOMPARE(s0.shape(), (Shape{3}));
        GS_COMPARE_TENSOR(s0.value(), {5, 7, 9});
        Var s1 = sum(x, 1, true);
        QCOMPARE(s1.shape(), (Shape{2, 1}));
        GS_COMPARE_TENSOR(s1.value(), {6, 15});
        Var m1 = mean(x, -1);
        GS_COMPARE_TENSOR(m1.value(), {2, 5});
        // L = Σ (mean over rows) · [1, 2]
        g.backward(sum(m1 * g.input(tensor({2}, {1, 2}))));
        GS_COMPARE_TENSOR(x.grad(), {1. / 3, 1. / 3, 1. / 3, 2. / 3, 2. / 3, 2. / 3});
        Graph h;
        Var y = h.leaf(tensor({2, 2}, {1, 2, 3, 4}));
        h.backward(mean(y));
        GS_COMPARE_TENSOR(y.grad(), {0.25, 0.25, 0.25, 0.25});
    }

    void softmaxAndLogSoftmax() {
        Graph g;
        const double ln2 = std::log(2.0);
        Var x = g.leaf(tensor({1, 2}, {0, ln2}), "x");
        Var p = softmax(x);
        GS_COMPARE_TENSOR(p.value(), {1. / 3, 2. / 3});
        // d p0 / dx = p0 (onehot0 - p) = [2/9, -2/9]
        g.backward(sum(p * g.input(tensor({1, 2}, {1, 0}))));
        GS_COMPARE_TENSOR(x.grad(), {2. / 9, -2. / 9});
        Graph h;
        Var z = h.leaf(tensor({1, 2}, {0, ln2}), "z");
        Var lp = logSoftmax(z);
        GS_COMPARE_TENSOR(lp.value(), {std::log(1. / 3), std::log(2. / 3)});
        h.backward(sum(lp * h.input(tensor({1, 2}, {1, 0}))));
        GS_COMPARE_TENSOR(z.grad(), {2. / 3, -2. / 3}); // onehot0 - p
        // Large logits stay finite.
        Graph k;
        Var big = k.leaf(tensor({1, 2}, {1000, 0}));
        GS_COMPARE_TENSOR(softmax(big).value(), {1, 0});
    }

    void reshapeAndFlatten() {
        Graph g;
        Var x = g.leaf(tensor({2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}), "x");
        Var f = flatten(x);
        QCOMPARE(f.shape(), (Shape{2, 4}));
        Var r = reshape(f, {4, 2});
        QCOMPARE(r.shape(), (Shape{4, 2}));
        g.backward(sum(r * g.input(tensor({4, 2}, {1, 2, 3, 4, 5, 6, 7, 8}))));
        QCOMPARE(x.grad().shape(), (Shape{2, 1, 2, 2}));
        GS_COMPARE_TENSOR(x.grad(), {1, 2, 3, 4, 5, 6, 7, 8});
    }

    void losses() {
        Graph g;
        Var p = g.leaf(tensor({2}, {1, 2}), "p");
        Var t = g.leaf(tensor({2}, {0, 0}), "t");
        Var mse = mseLoss(p, t);
        GS_COMPARE_TENSOR(mse.value(), {2.5}); // (1 + 4) / 2
        g.backward(mse);
        GS_COMPARE_TENSOR(p.grad(), {1, 2}); // 2 (p - t) / n
        GS_COMPARE_TENSOR(t.grad(), {-1, -2});

        Graph h;
        Var logits = h.leaf(tensor({2, 2}, {0, 0, 0, std::log(3.0)}), "logits");
        Var ce = crossEntropy(logits, {1, 0});
        // row 0: -log(1/2); row 1: -log(1/4)
        GS_COMPARE_TENSOR(ce.value(), {(std::log(2.0) + std::log(4.0)) / 2});
        h.backward(ce);
        GS_COMPARE_TENSOR(logits.grad(), {0.25, -0.25, (0.25 - 1) / 2, 0.75 / 2});

        Graph k;
        Var x = k.leaf(tensor({2}, {0, 0}), "x");
        Var y = k.leaf(tensor({2}, {1, 0}), "y");
        Var bce = bceWithLogits(x, y);
        GS_COMPARE_TENSOR(bce.value(), {std::log(2.0)});
        k.backward(bce);
        GS_COMPARE_TENSOR(x.grad(), {-0.25, 0.25}); // (σ(0) - t) / 2
        GS_COMPARE_TENSOR(y.grad(), {0, 0});        // -x / n
        // Large logits stay finite.
        Graph m;
        Var huge = m.leaf(tensor({1}, {-1000}));
        GS_COMPARE_TENSOR(bceWithLogits(huge, m.input(tensor({1}, {1}))).value(), {1000});
    }

    void conv2dSlidesKernel() {
        Graph g;
        Var x = g.leaf(tensor({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), "x");
        Var w = g.leaf(tensor({1, 1, 2, 2}, {1, 1, 1, 1}), "w");
        Var b = g.leaf(tensor({1}, {0.5}), "b");
        Var y = conv2d(x, w, b);
        QCOMPARE(y.shape(), (Shape{1, 1, 2, 2}));
        GS_COMPARE_TENSOR(y.value(), {12.5, 16.5, 24.5, 28.5});
        backwardFromSum(g, y);
        GS_COMPARE_TENSOR(x.grad(), {1, 2, 1, 2, 4, 2, 1, 2, 1}); // windows covering each pixel
        GS_COMPARE_TENSOR(w.grad(), {12, 16, 24, 28});            // sum of each kernel tap's pixels
        GS_COMPARE_TENSOR(b.grad(), {4});

        Graph h;
        Var xi = h.input(tensor({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        Var wi = h.input(tensor({1, 1, 1, 1}, {2}));
        Var padded = conv2d(xi, wi, {}, 2, 1); // 1×1 kernel, stride 2, padding 1
        QCOMPARE(padded.shape(), (Shape{1, 1, 3, 3}));
        GS_COMPARE_TENSOR(padded.value(), {0, 0, 0, 0, 10, 0, 0, 0, 0});
    }

    void maxPoolRoutesToMaximum() {
        Graph g;
        Var x = g.leaf(tensor({1, 1, 4, 4}, {1, 5, 2, 0, //
                                             3, 4, 8, 1, //
                                             0, 0, 1, 2, //
                                             9, 0, 3, 7}),
                       "x");
        Var y = maxPool2d(x, 2);
        QCOMPARE(y.shape(), (Shape{1, 1, 2, 2}));
        GS_COMPARE_TENSOR(y.value(), {5, 8, 9, 7});
        g.backward(sum(y * g.input(tensor({1, 1, 2, 2}, {1, 2, 3, 4}))));
        GS_COMPARE_TENSOR(x.grad(), {0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 4});
    }

    // The same image averaged: each window's mean, and each upstream number shared by the four
    // positions of its window; the global pool's mean of all 16 and 1/16 of the upstream each.
    void avgPoolsShareEqually() {
        Graph g;
        const Tensor image = tensor({1, 1, 4, 4}, {1, 5, 2, 0, //
                                                   3, 4, 8, 1, //
                                                   0, 0, 1, 2, //
                                                   9, 0, 3, 7});
        Var x = g.leaf(image, "x");
        Var y = avgPool2d(x, 2);
        GS_COMPARE_TENSOR(y.value(), {3.25, 2.75, 2.25, 3.25});
        g.backward(sum(y * g.input(tensor({1, 1, 2, 2}, {1, 2, 3, 4}))));
        GS_COMPARE_TENSOR(x.grad(), {0.25, 0.25, 0.5, 0.5, 0.25, 0.25, 0.5, 0.5, //
                                     0.75, 0.75, 1, 1, 0.75, 0.75, 1, 1});
        Graph h;
        Var x2 = h.leaf(image, "x");
        Var m = globalAvgPool2d(x2);
        QCOMPARE(m.shape(), (Shape{1, 1}));
        GS_COMPARE_TENSOR(m.value(), {2.875});
        h.backward(sum(m * 2.0));
        for (Index i = 0; i < 16; ++i)
            QCOMPARE(x2.grad()[i], Scalar(0.125));
    }

    // Batch norm of one channel over three samples x = 0, 3, 6: mean 3, variance 6 (biased),
    // x̂ = (−3, 0, 3)/√6; y = 2·x̂ + 0.5. With upstream (1, 0, 0): dβ = 1, dγ = x̂₀ = −3/√6,
    // dx = 2/√6·(g − mean g − x̂·mean(g·x̂)) = 2/√6·(1/6, −1/3, 1/6). In evaluation, the
    // running mean 1 and variance 4: y = 2·(x − 1)/2 + 0.5, dx = 2/2·g.
    void batchNormByHand() {
        const double r6 = std::sqrt(6.0 + 1e-5), r4 = std::sqrt(4.0 + 1e-5);
        for (const bool training : {true, false}) {
            Graph g;
            Var x = g.leaf(tensor({3, 1}, {0, 3, 6}), "x");
            Var gamma = g.leaf(tensor({1}, {2}), "gamma");
            Var beta = g.leaf(tensor({1}, {0.5}), "beta");
            const Tensor mean = tensor({1}, {1}), var = tensor({1}, {4});
            Var y = batchNorm(x, gamma, beta, training, &mean, &var);
            g.backward(sum(y * g.input(tensor({3, 1}, {1, 0, 0}))));
            if (training) {
                GS_COMPARE_TENSOR(y.value(), {-6 / r6 + 0.5, 0.5, 6 / r6 + 0.5});
                GS_COMPARE_TENSOR(x.grad(), {2 / r6 / 6, -2 / r6 / 3, 2 / r6 / 6});
                GS_COMPARE_TENSOR(gamma.grad(), {-3 / r6});
            } else {
                GS_COMPARE_TENSOR(y.value(), {-2 / r4 + 0.5, 4 / r4 + 0.5, 10 / r4 + 0.5});
                GS_COMPARE_TENSOR(x.grad(), {2 / r4, 0, 0});
                GS_COMPARE_TENSOR(gamma.grad(), {-1 / r4});
            }
            GS_COMPARE_TENSOR(beta.grad(), {1});
        }
    }

    // Layer norm of the row (0, 3, 6): the same numbers as batch norm's column above, per
    // sample instead of per channel; a second row (1, 1, 1) has variance 0 and x̂ = 0.
    void layerNormByHand() {
        const double r6 = std::sqrt(6.0 + 1e-5);
        Graph g;
        Var x = g.leaf(tensor({2, 3}, {0, 3, 6, 1, 1, 1}), "x");
        Var gamma = g.leaf(tensor({3}, {2, 2, 2}), "gamma");
        Var beta = g.leaf(tensor({3}, {0.5, 0.5, 0.5}), "beta");
        Var y = layerNorm(x, gamma, beta);
        GS_COMPARE_TENSOR(y.value(), {-6 / r6 + 0.5, 0.5, 6 / r6 + 0.5, 0.5, 0.5, 0.5});
        g.backward(sum(y * g.input(tensor({2, 3}, {1, 0, 0, 0, 0, 0}))));
        GS_COMPARE_TENSOR(x.grad(), {2 / r6 / 6, -2 / r6 / 3, 2 / r6 / 6, 0, 0, 0});
        GS_COMPARE_TENSOR(gamma.grad(), {-3 / r6, 0, 0});
        GS_COMPARE_TENSOR(beta.grad(), {1, 0, 0});
    }

    void normalisationRefusesWrongShapes() {
        Graph g;
        Var x = g.leaf(tensor({2, 3}, {0, 1, 2, 3, 4, 5}), "x");
        Var two = g.leaf(tensor({2}, {1, 1}), "two");
        Var three = g.leaf(tensor({3}, {1, 1, 1}), "three");
        GS_EXPECT_THROW_MSG(batchNorm(x, two, two, true), ShapeError, {"one entry per channel"});
        GS_EXPECT_THROW_MSG(batchNorm(x, three, three, false), InvalidArgument,
                            {"running mean and variance"});
        GS_EXPECT_THROW_MSG(layerNorm(x, two, two), ShapeError, {"one entry per feature"});
        GS_EXPECT_THROW_MSG(globalAvgPool2d(x), ShapeError, {"[batch, channels, height, width]"});
        GS_EXPECT_THROW_MSG(avgPool2d(g.leaf(Tensor::zeros({1, 1, 2, 2})), 3), ShapeError,
                            {"window is larger"});
    }

    // Concatenation along axis 1, per sample: a's features, then b's; the gradient splits back.
    void concatJoinsAndSplits() {
        Graph g;
        Var a = g.leaf(tensor({2, 2}, {1, 2, 3, 4}), "a");
        Var b = g.leaf(tensor({2, 1}, {5, 6}), "b");
        Var y = concat(a, b);
        QCOMPARE(y.shape(), (Shape{2, 3}));
        GS_COMPARE_TENSOR(y.value(), {1, 2, 5, 3, 4, 6});
        g.backward(sum(y * g.input(tensor({2, 3}, {10, 20, 30, 40, 50, 60}))));
        GS_COMPARE_TENSOR(a.grad(), {10, 20, 40, 50});
        GS_COMPARE_TENSOR(b.grad(), {30, 60});
        GS_EXPECT_THROW_MSG(concat(a, g.leaf(tensor({3, 1}, {1, 2, 3}))), ShapeError,
                            {"differ in more than their axis 1"});
    }

    // ReLU's loops, AVX2 (chosen at run time) and portable, against the rule itself over a length
    // with a remainder: max(x, 0) keeps a NaN and −0 as they are; the gradient is the upstream
    // times 1 where x > 0 and times 0 elsewhere (NaN included, so 0 · inf is NaN there too).
    void reluBothKernels() {
        for (int kernels = 0; kernels <= int(bestGemmKernels()); ++kernels) {
            useGemmKernels(GemmKernels(kernels));
            const Index n = 45;
            Tensor input(Shape{n}), upstream(Shape{n});
            for (Index i = 0; i < n; ++i) {
                input[i] = Scalar(i % 7) - Scalar(3.5) + Scalar(i) / 64;
                upstream[i] = Scalar(1) + Scalar(i) / 8;
            }
            input[3] = std::numeric_limits<Scalar>::quiet_NaN();
            input[5] = -Scalar(0);
            input[11] = 0;
            upstream[12] = std::numeric_limits<Scalar>::infinity();
            input[12] = -1;
            Graph g;
            Var x = g.leaf(input, "x");
            Var y = relu(x);
            g.backward(sum(y * g.input(upstream)));
            for (Index i = 0; i < n; ++i) {
                const Scalar want = input[i] < 0 ? Scalar(0) : input[i];
                const Scalar got = y.value()[i];
                QVERIFY2(std::isnan(want) ? std::isnan(got)
                                          : got == want && std::signbit(got) == std::signbit(want),
                         qPrintable(QString("kernels %1, element %2").arg(kernels).arg(i)));
                const Scalar wantGrad = upstream[i] * (input[i] > 0 ? Scalar(1) : Scalar(0));
                const Scalar gotGrad = x.grad()[i];
                QVERIFY2(std::isnan(wantGrad) ? std::isnan(gotGrad) : gotGrad == wantGrad,
                         qPrintable(QString("kernels %1, gradient %2").arg(kernels).arg(i)));
            }
        }
        useGemmKernels(bestGemmKernels());
    }

    // The 2×2 pool's fast rows (eight windows at a time) against a plain scan of each window in
    // PyTorch's order (the first maximum wins): values drawn from {0, 1, 2} so that ties are
    // everywhere, rows of 16 to 36 (full blocks of eight and a remainder), odd sizes whose last
    // row and column no window covers, and a NaN, which loses every comparison.
    // Both versions of the rows: AVX2 (chosen at run time) and the portable one.
    void maxPoolTiesAndWideRows() {
        for (int kernels = 0; kernels <= int(bestGemmKernels()); ++kernels) {
            useGemmKernels(GemmKernels(kernels));
            std::mt19937 rng(5);
            std::uniform_int_distribution<int> level(0, 2);
            for (const auto& [h, w] : {std::pair<Index, Index>{4, 16}, {5, 34}, {6, 36}, {3, 17}}) {
                Tensor input(Shape{2, 3, h, w});
                for (Index i = 0; i < input.numel(); ++i)
                    input[i] = Scalar(level(rng));
                input[4] = input[9] = std::numeric_limits<Scalar>::quiet_NaN();
                Graph g;
                Var x = g.leaf(input, "x");
                Var y = maxPool2d(x, 2);
                g.backward(sum(y));
                const Index oh = h / 2, ow = w / 2;
                Tensor wantGrad(input.shape(), 0);
                for (Index plane = 0; plane < 6; ++plane)
                    for (Index oy = 0; oy < oh; ++oy)
                        for (Index ox = 0; ox < ow; ++ox) {
                            Index best = (plane * h + 2 * oy) * w + 2 * ox;
                            for (Index ky = 0; ky < 2; ++ky)
                                for (Index kx = 0; kx < 2; ++kx) {
                                    const Index at = (plane * h + 2 * oy + ky) * w + 2 * ox + kx;
                                    if (input[at] > input[best]) best = at;
                                }
                            const Index o = (plane * oh + oy) * ow + ox;
                            const Scalar got = y.value()[o];
                            QVERIFY2(got == input[best] ||
                                         (std::isnan(got) && std::isnan(input[best])),
                                     qPrintable(QString("%1×%2, output %3").arg(h).arg(w).arg(o)));
                            wantGrad[best] += 1;
                        }
                QVERIFY(std::isnan(y.value()[2]));  // first in output 2's window: nothing beats it
                QVERIFY(!std::isnan(y.value()[4])); // second in output 4's: it beats nothing
                for (Index i = 0; i < input.numel(); ++i)
                    QVERIFY2(x.grad()[i] == wantGrad[i],
                             qPrintable(QString("%1×%2, input %3").arg(h).arg(w).arg(i)));
            }
        }
        useGemmKernels(bestGemmKernels());
    }

    void dropoutTrainAndEval() {
        Graph g(7);
        Tensor ones = Tensor::ones({100, 10});
        Var x = g.leaf(ones, "x");
        Var eval = dropout(x, 0.5, false);
        QVERIFY(test::closeTo(eval.value(), std::vector<double>(1000, 1.0), 0));
        Var train = dropout(x, 0.5, true);
        int zeros = 0;
        for (Index i = 0; i < 1000; ++i) {
            const Scalar v = train.value()[i];
            QVERIFY(v == 0 || v == 2);
            zeros += v == 0;
        }
        QVERIFY2(zeros > 400 && zeros < 600, qPrintable(QString::number(zeros)));
        g.backward(sum(train));
        for (Index i = 0; i < 1000; ++i) // gradient = mask / (1 - p), same positions as forward
            QCOMPARE(x.grad()[i], train.value()[i]);
        GS_EXPECT_THROW_MSG(dropout(x, 1.5, true), InvalidArgument, {"dropout", "1.5"});
    }
};

QTEST_APPLESS_MAIN(TestOps)
#include "tst_ops.moc"
