// The step-through backward pass: its order, its records, and that stepping gives exactly the
// gradients of backward(), bit for bit.
#include "TestUtil.h"
#include "core/Backward.h"
#include "ops/Ops.h"

#include <cstring>

using namespace gs;
using test::tensor;

namespace {

// A 4-3-2 MLP with ReLU and cross-entropy; parameters named as PyTorch's nn.Sequential.
struct Mlp {
    Parameter w0{"0.weight", Tensor({3, 4})};
    Parameter b0{"0.bias", Tensor({3})};
    Parameter w2{"2.weight", Tensor({2, 3})};
    Parameter b2{"2.bias", Tensor({2})};

    explicit Mlp(std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        for (Parameter* p : {&w0, &b0, &w2, &b2}) {
            p->value = test::randomTensor(p->value.shape(), rng);
            p->zeroGrad();
        }
    }

    std::vector<Parameter*> parameters() { return {&w0, &b0, &w2, &b2}; }

    Var loss(Graph& g, bool fanOut = false) {
        Var x = g.input(tensor({3, 4}, {1, -2, 0.5, 3, -1, 0, 2, 1, 0.3, 0.2, -0.4, 1}), "x");
        Var z1 = linear(x, g.param(w0), g.param(b0)).named("z1");
        Var h1 = relu(z1).named("h1");
        if (fanOut) h1 = (h1 * h1 + h1).named("h1b");
        Var z2 = linear(h1, g.param(w2), g.param(b2)).named("z2");
        return crossEntropy(z2, {0, 1, 1}).named("L");
    }
};

bool bitwiseEqual(const Tensor& a, const Tensor& b) {
    return a.shape() == b.shape() &&
           (a.numel() == 0 ||
            std::memcmp(a.data(), b.data(), sizeof(Scalar) * std::size_t(a.numel())) == 0);
}

} // namespace

class TestStepThrough : public QObject {
    Q_OBJECT
private slots:
    void steppingEqualsBackwardBitForBit_data() {
        QTest::addColumn<bool>("fanOut");
        QTest::addColumn<int>("stepsBeforeRun"); // -1: step every node
        QTest::newRow("mlp, all steps") << false << -1;
        QTest::newRow("fan-out, all steps") << true << -1;
        QTest::newRow("fan-out, 3 steps then run") << true << 3;
    }

    void steppingEqualsBackwardBitForBit() {
        QFETCH(bool, fanOut);
        QFETCH(int, stepsBeforeRun);
        Mlp a(1), b(1);
        Graph ga, gb;
        ga.backward(a.loss(ga, fanOut));
        BackwardRun run = gb.beginBackward(b.loss(gb, fanOut));
        int steps = 0;
        while (!run.done() && (stepsBeforeRun < 0 || steps < stepsBeforeRun)) {
            run.step();
            ++steps;
        }
        run.run();
        QVERIFY(run.done());
        const auto pa = a.parameters();
        const auto pb = b.parameters();
        for (std::size_t i = 0; i < pa.size(); ++i)
            QVERIFY2(bitwiseEqual(pa[i]->grad, pb[i]->grad), pa[i]->name.c_str());
        QCOMPARE(ga.size(), gb.size());
        for (int id = 0; id < ga.size(); ++id) {
            QCOMPARE(ga.node(id).hasGrad, gb.node(id).hasGrad);
            if (ga.node(id).hasGrad) QVERIFY(bitwiseEqual(ga.node(id).grad, gb.node(id).grad));
        }
    }

    void orderIsReverseTopologicalFromTheLoss() {
        Mlp m(2);
        Graph g;
        Var loss = m.loss(g);
        BackwardRun run = g.beginBackward(loss);
        const auto& order = run.order();
        QCOMPARE(order.front(), loss.id());
        for (std::size_t i = 1; i < order.size(); ++i)
            QVERIFY(order[i] < order[i - 1]);
        // loss, z2, its weight and bias, h1, z1, its weight and bias; x needs no gradient.
        QCOMPARE(int(order.size()), 8);
        for (int id : order)
            QVERIFY(g.node(id).op != OpKind::Input);
    }

    void recordsShowTheChainRuleInNumbers() {
        Mlp m(3);
        Graph g;
        Var loss = m.loss(g);
        BackwardRun run = g.beginBackward(loss);

        StepRecord root = run.step();
        QVERIFY(root.isRoot);
        QCOMPARE(root.nodeName, std::string("L"));
        GS_COMPARE_TENSOR(root.upstream, {1});
        QCOMPARE(int(root.edges.size()), 1);
        QCOMPARE(root.edges[0].formula,
                 std::string("dL/dz2 = dL/dL · (softmax(z2) − onehot(label)) / N"));

        StepRecord z2 = run.step();
        QCOMPARE(z2.nodeName, std::string("z2"));
        QCOMPARE(int(z2.contributions.size()), 1);
        QVERIFY(bitwiseEqual(z2.upstream, root.edges[0].gradient));
        QCOMPARE(int(z2.edges.size()), 3); // h1, weight, bias
        QCOMPARE(z2.edges[1].accumulatesInto, std::string("2.weight"));
        QCOMPARE(z2.edges[2].accumulatesInto, std::string("2.bias"));
        QVERIFY(!z2.edges[0].localDerivative); // a matrix product has no elementwise one
        QCOMPARE(z2.edges[0].formula, std::string("dL/dh1 = dL/dz2 @ 2.weight"));

        // Walk to the ReLU: its local derivative is 1 where z1 > 0, else 0.
        StepRecord step;
        do
            step = run.step();
        while (step.nodeName != "h1");
        QCOMPARE(step.op, OpKind::Relu);
        QVERIFY(step.edges[0].localDerivative.has_value());
        const Tensor& z1 = g.node(step.edges[0].inputNode).value;
        const Tensor& local = *step.edges[0].localDerivative;
        for (Index i = 0; i < z1.numel(); ++i) {
            QCOMPARE(local[i], z1[i] > 0 ? Scalar(1) : Scalar(0));
            QCOMPARE(step.edges[0].gradient[i], step.upstream[i] * local[i]);
        }
        QVERIFY(step.edges[0].formula.find("relu'(z1)") != std::string::npos);

        // Parameter leaves say what they accumulate into.
        bool sawParameter = false;
        while (!run.done()) {
            StepRecord s = run.step();
            if (s.op == OpKind::Parameter) {
                sawParameter = true;
                QVERIFY(!s.parameter.empty());
            }
        }
        QVERIFY(sawParameter);
        GS_EXPECT_THROW_MSG(run.step(), GraphError, {"finished"});
    }

    void fanOutShowsEveryContribution() {
        Graph g;
        Var x = g.leaf(tensor({2}, {3, -1}), "x");
        Var y = (x * x + x).named("y");
        BackwardRun run = g.beginBackward(sum(y));
        StepRecord last;
        while (!run.done())
            last = run.step();
        QCOMPARE(last.nodeName, std::string("x"));
        QCOMPARE(int(last.contributions.size()), 3);
        Tensor total(Shape{2});
        for (const Contribution& c : last.contributions)
            total.array() += c.gradient.array();
        QVERIFY(bitwiseEqual(total, last.upstream));
        GS_COMPARE_TENSOR(last.upstream, {7, -1});
    }

    void broadcastReductionIsReported() {
        Graph g;
        Var a = g.leaf(tensor({2, 2}, {1, 2, 3, 4}), "a");
        Var b = g.leaf(tensor({2}, {1, 1}), "b");
        BackwardRun run = g.beginBackward(sum(a + b));
        run.step(); // the sum
        StepRecord add = run.step();
        QVERIFY(!add.edges[0].broadcastReduced);
        QVERIFY(add.edges[1].broadcastReduced);
        QVERIFY(add.edges[0].localDerivative.has_value());
        QVERIFY(!add.edges[1].localDerivative.has_value()); // b was stretched over rows
        GS_COMPARE_TENSOR(add.edges[1].gradient, {2, 2});
    }

    void resetDuringRunIsCaught() {
        Graph g;
        Var x = g.leaf(tensor({2}, {1, 2}));
        BackwardRun run = g.beginBackward(sum(x * x));
        run.step();
        g.reset();
        GS_EXPECT_THROW_MSG(run.step(), GraphError, {"reset"});
    }
};

QTEST_APPLESS_MAIN(TestStepThrough)
#include "tst_stepthrough.moc"
