// Static graphs (core/StaticGraph.h): a pass recorded once and run again on new inputs gives,
// node for node and bit for bit, what the define-by-run pass on those inputs gives, for every op
// the graph can hold; what cannot be replayed is refused by name; a session's static replay of
// its loss equals the loss of the step it is about to take.
#include "TestUtil.h"
#include "core/StaticGraph.h"
#include "ops/Custom.h"
#include "ops/Ops.h"
#include "train/Experiment.h"
#include "train/TrainingSession.h"

#include <cstring>
#include <set>

using namespace gs;

namespace {

struct Weights {
    Parameter w1, b1, w2, b2, kernel, kbias, gamma, beta, gammaLn, betaLn;
    explicit Weights(std::mt19937_64& rng)
        : w1("w1", test::randomTensor(Shape{6, 4}, rng))
        , b1("b1", test::randomTensor(Shape{6}, rng))
        , w2("w2", test::randomTensor(Shape{3, 6}, rng))
        , b2("b2", test::randomTensor(Shape{3}, rng))
        , kernel("kernel", test::randomTensor(Shape{2, 1, 2, 2}, rng))
        , kbias("kbias", test::randomTensor(Shape{2}, rng))
        , gamma("gamma", test::randomTensor(Shape{2}, rng, 0.5, 1.5))
        , beta("beta", test::randomTensor(Shape{2}, rng))
        , gammaLn("gammaLn", test::randomTensor(Shape{6}, rng, 0.5, 1.5))
        , betaLn("betaLn", test::randomTensor(Shape{6}, rng)) {}
};

// One pass through every op kind but the custom one: x [N, 4] (and as an image [N, 1, 2, 2]),
// a target [N, 3] and labels. Its last node adds every branch into one number.
Var everyOp(Graph& g, Weights& p, const Tensor& xValue, const Tensor& targetValue,
            const std::vector<int>& labels) {
    g.seed(7);
    Var x = g.input(xValue, "x");
    Var target = g.input(targetValue, "target");
    Var h = linear(x, g.param(p.w1), g.param(p.b1));
    Var total = sum(h);
    for (int a = 0; a < kActivationCount; ++a)
        total = total + mean(activation(h, Activation(a), Scalar(0.2)));
    Var hn = layerNorm(h, g.param(p.gammaLn), g.param(p.betaLn));
    Var d = dropout(hn, Scalar(0.25), true);
    Var logits = linear(d, g.param(p.w2), g.param(p.b2));
    Var bare = matmul(h, transpose(g.param(p.w2)));
    total = total + mseLoss(logits, target) + crossEntropy(bare, labels) +
            bceWithLogits(logits, sigmoid(target));
    total = total + sum(softmax(logits)) + mean(logSoftmax(logits));
    total = total + sum(sum(logits, 1, true)) + mean(mean(logits, 0, false));
    Var e = exp(neg(abs(logits)));
    total = total + sum(log(e + 2.0f) - pow(e, 3) / (e + 1.0f) * e);
    // Images: x as [N, 1, 2, 2], then conv, the pools and batch norm.
    Var img = reshape(x, Shape{xValue.shape()[0], 1, 2, 2});
    Var c = conv2d(img, g.param(p.kernel), g.param(p.kbias), 1, 1); // [N, 2, 3, 3]
    Var bn = batchNorm(c, g.param(p.gamma), g.param(p.beta), true);
    Var pooled = concat(flatten(maxPool2d(bn, 2, 1)), flatten(avgPool2d(bn, 2, 1)));
    total = total + mean(pooled) + sum(globalAvgPool2d(bn));
    return total.named("total");
}

bool sameBits(const Tensor& a, const Tensor& b) {
    return a.shape() == b.shape() &&
           std::memcmp(a.data(), b.data(), sizeof(Scalar) * std::size_t(a.numel())) == 0;
}

} // namespace

class TestStaticGraph : public QObject {
    Q_OBJECT
private slots:
    void replaysEveryOpBitForBit() {
        std::mt19937_64 rng(3);
        Weights p(rng);
        const Tensor xa = test::randomTensor(Shape{5, 4}, rng);
        const Tensor ta = test::randomTensor(Shape{5, 3}, rng);
        Graph built;
        Var out;
        try {
            out = everyOp(built, p, xa, ta, {0, 1, 2, 1, 0});
        } catch (const Error& e) {
            QFAIL(e.message().english().c_str());
        }
        const StaticGraph plan(built, out);
        QCOMPARE(plan.size(), built.size());
        QVERIFY(plan.opCount() > 40);
        QCOMPARE(plan.placeholders(), (std::vector<std::string>{"x", "target"}));
        // Every op kind is in the pass, so every replay rule is checked.
        std::set<OpKind> kinds;
        for (int id = 0; id < built.size(); ++id)
            kinds.insert(built.node(id).op);
        for (int k = 0; k < kOpCount; ++k)
            if (OpKind(k) != OpKind::Custom && OpKind(k) != OpKind::Leaf)
                QVERIFY2(kinds.count(OpKind(k)), opInfo(OpKind(k)).name);

        // Another batch, and the weights moved: the static graph fed it, and the define-by-run
        // pass on it, agree node for node.
        const Tensor xb = test::randomTensor(Shape{5, 4}, rng);
        const Tensor tb = test::randomTensor(Shape{5, 3}, rng);
        const std::vector<int> lb{2, 2, 0, 1, 1};
        p.w1.value[0] += Scalar(0.5);
        Graph dynamic;
        const Var want = everyOp(dynamic, p, xb, tb, lb);
        Graph replayed;
        replayed.seed(7);
        StaticFeed feed;
        feed.inputs = {{"x", xb}, {"target", tb}};
        feed.labels = lb;
        const Var got = plan.run(replayed, feed);
        QCOMPARE(replayed.size(), dynamic.size());
        QCOMPARE(got.id(), want.id());
        for (int id = 0; id < dynamic.size(); ++id)
            QVERIFY2(sameBits(replayed.node(id).output(), dynamic.node(id).output()),
                     dynamic.nodeName(id).c_str());
        QVERIFY(!sameBits(got.value(), out.value())); // it did see the new batch
        // Backward runs through a replayed graph as through any.
        replayed.backward(got);
        QVERIFY(p.w1.grad.numel() == p.w1.value.numel());
        // A static graph has static shapes: its reshape to 5 images does not take 7 rows (the
        // define-by-run pass, built for the batch it gets, would).
        feed.inputs = {{"x", test::randomTensor(Shape{7, 4}, rng)},
                       {"target", test::randomTensor(Shape{7, 3}, rng)}};
        feed.labels = {0, 1, 2, 0, 1, 2, 0};
        try {
            plan.run(replayed, feed);
            QFAIL("a reshape took another batch size");
        } catch (const ShapeError& e) {
            QVERIFY2(e.message().english().find("reshape") != std::string::npos,
                     e.message().english().c_str());
        }
    }

    void refusesWhatItCannotReplay() {
        std::mt19937_64 rng(5);
        Parameter w("w", test::randomTensor(Shape{2, 3}, rng));
        Graph g;
        auto cube = std::make_shared<CustomFunction>();
        cube->name = "cube";
        cube->forward = [](const std::vector<const Tensor*>& in) {
            Tensor t = *in[0];
            t.array() = t.array().cube();
            return t;
        };
        cube->backward = [](const std::vector<const Tensor*>& in, const Tensor&, const Tensor& g,
                            int) {
            Tensor t = g;
            t.array() *= 3 * in[0]->array().square();
            return t;
        };
        Var c = custom(cube, {g.param(w)});
        QVERIFY_THROWS_EXCEPTION(Unsupported, StaticGraph(g, sum(c)));
        Graph e;
        Parameter gamma("gamma", Tensor::ones(Shape{3})), beta("beta", Tensor::zeros(Shape{3}));
        const Tensor mean = Tensor::zeros(Shape{3}), var = Tensor::ones(Shape{3});
        Var bn = batchNorm(e.input(test::randomTensor(Shape{4, 3}, rng), "x"), e.param(gamma),
                           e.param(beta), false, &mean, &var);
        try {
            StaticGraph plan(e, bn);
            QFAIL("evaluation-mode batch norm was replayed");
        } catch (const Unsupported& err) {
            QVERIFY2(err.message().english().find("running statistics") != std::string::npos,
                     err.message().english().c_str());
        }
        // A fed input that does not fit the ops: the op says so.
        Graph f;
        const Var out = linear(f.input(test::randomTensor(Shape{4, 3}, rng), "x"), f.param(w));
        const StaticGraph plan(f, out);
        StaticFeed feed;
        feed.inputs["x"] = test::randomTensor(Shape{4, 5}, rng);
        Graph into;
        QVERIFY_THROWS_EXCEPTION(ShapeError, plan.run(into, feed));
    }

    // The session's replay: the graph of its loss built on the first samples, fed the batch of
    // the step to come, gives that step's loss exactly, for every preset without MNIST data,
    // and for one with dropout (the same masks) and weight decay.
    void aSessionsReplayIsItsNextStepsLoss() {
        int checked = 0;
        std::vector<Experiment> experiments = presets();
        Experiment dropped = *findPreset("circles");
        LayerSpec dropout;
        dropout.kind = LayerKind::Dropout;
        dropout.p = Scalar(0.3);
        dropped.layers.insert(dropped.layers.begin() + 2, dropout);
        dropped.train.regularization.l2 = Scalar(0.01);
        experiments.push_back(dropped);
        for (const Experiment& e : experiments) {
            if (e.data.source == DataSource::Mnist || e.data.source == DataSource::FashionMnist)
                continue;
            TrainingSession session;
            SessionSetup setup;
            setup.experiment = e;
            setup.dataDir = "/nonexistent/gradscope-test";
            session.load(setup);
            session.step(nullptr); // the weights moved from where the graph was built
            const StaticReplay r = session.staticGraphReplay();
            StepTrace trace;
            session.step(&trace);
            QVERIFY2(r.loss == double(trace.loss), (e.name + ": " + std::to_string(r.loss) +
                                                    " against " + std::to_string(trace.loss))
                                                       .c_str());
            QVERIFY(r.ops > 0 && r.ops < int(trace.forward.size()));
            ++checked;
        }
        QVERIFY(checked >= 5);
    }
};

QTEST_MAIN(TestStaticGraph)
#include "tst_staticgraph.moc"
