// Where a NaN or an infinity began: crafted graphs whose first non-finite value is known (an
// overflowing exp, log of 0, a division by 0, x^0.5 at 0, a gradient past float32), and the
// trainer's message built from it.
#include "TestUtil.h"
#include "data/Toy.h"
#include "ops/Ops.h"
#include "train/Diagnosis.h"
#include "train/Trainer.h"

using namespace gs;
using test::tensor;

namespace {
bool says(const Message& m, const char* text) {
    return m.english().find(text) != std::string::npos;
}
} // namespace

class TestDiagnosis : public QObject {
    Q_OBJECT
private slots:
    void finiteGraphsHaveNoOrigin() {
        Graph g;
        Var x = g.leaf(tensor({1, 3}, {1, 2, 3}), "x");
        Var loss = sum(exp(x) * x);
        g.backward(loss);
        QVERIFY(!forwardOrigin(g));
        QVERIFY(!backwardOrigin(g));
    }

    void overflowingExp() {
        Graph g;
        Var z = g.leaf(tensor({1, 3}, {1, 93.2, 2}), "z");
        Var e = exp(z).named("e");
        Var y = (e * 2).named("y"); // infinite too, but only because e is
        sum(y);
        const auto o = forwardOrigin(g);
        QVERIFY(o);
        QVERIFY(!o->backward);
        QCOMPARE(o->name, std::string("e"));
        QCOMPARE(o->op, OpKind::Exp);
        QCOMPARE(o->element, Index(1));
        QVERIFY(std::isinf(o->result));
        QVERIFY2(says(o->cause, "exp of 93.2 overflows"), o->cause.english().c_str());
        QVERIFY2(says(o->advice, "logits"), o->advice.english().c_str());
        const std::string text = describe(*o).english();
        QVERIFY2(text.find("node 'e' (exp), element 1") != std::string::npos, text.c_str());
    }

    void logOfZero() {
        Graph g;
        Var p = g.leaf(tensor({2, 2}, {0.5, 0.25, 0, 1}), "p");
        Var l = log(p).named("logp");
        const auto o = forwardOrigin(g);
        QVERIFY(o);
        QCOMPARE(o->name, std::string("logp"));
        QCOMPARE(o->element, Index(2));
        QVERIFY(std::isinf(o->result) && o->result < 0);
        QVERIFY2(says(o->cause, "log of 0"), o->cause.english().c_str());
        (void)l;
    }

    void logOfANegativeNumber() {
        Graph g;
        Var p = g.leaf(tensor({3}, {0.5, -2, 1}), "p");
        log(p);
        const auto o = forwardOrigin(g);
        QVERIFY(o && std::isnan(o->result));
        QVERIFY2(says(o->cause, "log of a negative number (-2)"), o->cause.english().c_str());
    }

    void divisionByZero() {
        Graph g;
        Var a = g.leaf(tensor({1, 3}, {1, 2, 0}), "a");
        Var b = g.leaf(tensor({1, 3}, {4, 0, 0}), "b");
        Var q = (a / b).named("q");
        const auto o = forwardOrigin(g);
        QVERIFY(o);
        QCOMPARE(o->name, std::string("q"));
        QCOMPARE(o->element, Index(1));
        QVERIFY2(says(o->cause, "2 / 0 is infinite"), o->cause.english().c_str());
        (void)q;

        // 0 / 0, with the denominator a column stretched across the row.
        Graph h;
        Var n = h.leaf(tensor({2, 2}, {1, 2, 0, 3}), "n");
        Var d = h.leaf(tensor({2, 1}, {1, 0}), "d");
        n / d;
        const auto z = forwardOrigin(h);
        QVERIFY(z && std::isnan(z->result));
        QCOMPARE(z->element, Index(2));
        QVERIFY2(says(z->cause, "0 / 0 is NaN"), z->cause.english().c_str());
    }

    void productsPastFloat() {
        Graph g;
        Var a = g.leaf(tensor({2}, {1e20, 1}), "a");
        Var b = g.leaf(tensor({2}, {1e20, 1}), "b");
        a* b;
        const auto o = forwardOrigin(g);
        QVERIFY(o);
        QVERIFY2(says(o->cause, "inputs reach 1e+20 and 1e+20"), o->cause.english().c_str());
        QVERIFY2(says(o->advice, "Lower the learning rate"), o->advice.english().c_str());
    }

    void rootOfZeroInTheBackwardPass() {
        Graph g;
        Var x = g.leaf(tensor({3}, {4, 0, 1}), "x");
        Var r = pow(x, 0.5f).named("root");
        g.backward(sum(r));
        QVERIFY(!forwardOrigin(g)); // √0 is 0: the forward pass is fine
        const auto o = backwardOrigin(g);
        QVERIFY(o);
        QVERIFY(o->backward);
        QCOMPARE(o->name, std::string("root"));
        QCOMPARE(o->input, std::string("x"));
        QCOMPARE(o->element, Index(1));
        QVERIFY2(says(o->cause, "slope of x^0.5 at x = 0 is infinite"), o->cause.english().c_str());
        const std::string text = describe(*o).english();
        QVERIFY2(text.find("gradient it sent to 'x' (element 1)") != std::string::npos,
                 text.c_str());
    }

    // With an L1 penalty each weight is read twice (the network and the penalty): the root's
    // infinite slope is still named, not the penalty's |w|.
    void penaltyIsNotBlamed() {
        Parameter w("0.weight", tensor({3}, {4, 0, 1}));
        Graph g;
        Var root = pow(g.param(w), 0.5f).named("root");
        Var penalty = (sum(abs(g.param(w))) * 0.01f).named("penalty");
        g.backward(sum(root) + penalty);
        const auto o = backwardOrigin(g);
        QVERIFY(o);
        QCOMPARE(o->name, std::string("root"));
        QVERIFY2(says(o->cause, "slope of x^0.5 at x = 0"), o->cause.english().c_str());
    }

    // A weight's gradient past float32: the first gradient to overflow is the one the linear
    // layer sends to its weight (moved into the parameter's gradient, since it has one reader).
    void explodingWeightGradient() {
        Parameter w("0.weight", tensor({1, 2}, {1e-20, 1e-20}));
        Graph g;
        Var x = g.input(tensor({1, 2}, {1e10, 1}), "x");
        Var h = linear(x, g.param(w)).named("h");
        Var loss = sum(h * 1e30f); // finite: 1e20
        g.backward(loss);
        QVERIFY(!forwardOrigin(g));
        QVERIFY(std::isinf(w.grad[0]));
        const auto o = backwardOrigin(g);
        QVERIFY(o);
        QCOMPARE(o->name, std::string("h"));
        QCOMPARE(o->input, std::string("0.weight"));
        QCOMPARE(o->element, Index(0));
        QVERIFY2(says(o->advice, "exploding gradient"), o->advice.english().c_str());
        QVERIFY2(says(o->cause, "arriving there reaches 1e+30"), o->cause.english().c_str());
    }

    // The trainer's message names the node and keeps the weights: a regression network whose
    // targets are so large that the squared error overflows on the first step.
    void trainerExplainsTheLoss() {
        Dataset regression = makeToyDataset({ToyKind::Moons, 40, 0.1, 7});
        Sequential model({LayerSpec::linear(2, 1)}, 1);
        regression.targets = Tensor(Shape{regression.size(), 1}, Scalar(3e19));
        regression.labels.clear();
        regression.classes = 0;
        TrainConfig config;
        config.loss = LossKind::MSE;
        config.batchSize = 8;
        Trainer trainer(model, regression, nullptr, config);
        const std::vector<Scalar> before(model.parameters()[0]->value.values().begin(),
                                         model.parameters()[0]->value.values().end());
        try {
            trainer.step();
            QFAIL("the step should have been refused");
        } catch (const TrainingError& e) {
            QVERIFY(e.origin());
            QCOMPARE(e.origin()->op, OpKind::MseLoss);
            const std::string text = e.what();
            QVERIFY2(text.find("the loss became infinite at step 1 (epoch 1). It began at node") !=
                         std::string::npos,
                     text.c_str());
            QVERIFY2(text.find("kept as they were before this step") != std::string::npos,
                     text.c_str());
        }
        const Tensor& after = model.parameters()[0]->value;
        for (Index i = 0; i < after.numel(); ++i)
            QCOMPARE(after[i], before[std::size_t(i)]);
    }
};

QTEST_APPLESS_MAIN(TestDiagnosis)
#include "tst_diagnosis.moc"
