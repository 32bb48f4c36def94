// The graph's bookkeeping: broadcasting, fan-out accumulation, noGrad, zeroGrad, releasing,
// naming, buffer reuse across passes, per-edge gradients, and every error path a user can hit.
#include "TestUtil.h"
#include "core/Backward.h"
#include "ops/Ops.h"

#include <set>

using namespace gs;
using test::tensor;

class TestGraph : public QObject {
    Q_OBJECT
private slots:
    void fanOutAccumulates() {
        Graph g;
        Var x = g.leaf(tensor({2}, {3, -1}), "x");
        Var y = x * x + x; // x feeds three edges
        g.backward(sum(y));
        GS_COMPARE_TENSOR(x.grad(), {7, -1}); // 2x + 1
    }

    // Graph::setGradientHomes: a parameter's gradient goes to its home in that graph, added to
    // or replaced as in Parameter::grad, which stays as it was; an unreached parameter's home
    // is zeroed by a replacing run; mismatched lists are refused.
    void gradientHomesTakeTheParametersGradients() {
        Parameter w("w", tensor({2}, {2, -3}));
        Parameter unused("unused", tensor({1}, {5}));
        w.grad = tensor({2}, {100, 100});
        unused.grad = tensor({1}, {7});
        std::vector<Parameter*> parameters{&w, &unused};
        std::vector<Tensor> homes(2);
        homes[1] = tensor({1}, {9});
        Graph g;
        g.setGradientHomes(&parameters, &homes);
        Var x = g.param(w);
        g.backward(sum(x * x)); // adds 2w to the home, made zero first
        GS_COMPARE_TENSOR(homes[0], {4, -6});
        GS_COMPARE_TENSOR(x.grad(), {4, -6});
        g.reset();
        x = g.param(w);
        BackwardOptions replace;
        replace.replaceGradients = &parameters;
        g.backward(sum(x * x * x), replace); // 3w², replacing; `unused` is not reached
        GS_COMPARE_TENSOR(homes[0], {12, 27});
        GS_COMPARE_TENSOR(homes[1], {0});
        GS_COMPARE_TENSOR(w.grad, {100, 100});
        GS_COMPARE_TENSOR(unused.grad, {7});
        // A parameter without a home here is refused: its Parameter::grad may be another
        // thread's.
        Parameter stranger("stranger", tensor({1}, {1}));
        g.reset();
        QVERIFY_THROWS_EXCEPTION(GraphError, g.param(stranger));
        std::vector<Tensor> tooFew(1);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, g.setGradientHomes(&parameters, &tooFew));
        g.setGradientHomes(nullptr, nullptr);
        g.reset();
        x = g.param(w);
        g.backward(sum(x * x));
        GS_COMPARE_TENSOR(w.grad, {104, 94}); // added to what it held
    }

    // BackwardOptions::earlyNode: a node processed as soon as its first consumer has sent its
    // gradient keeps only what has arrived; what comes later is lost, and so is its share of
    // every gradient behind the node.
    void aNodeProcessedTooEarlyLosesItsLaterGradients() {
        const auto run = [](bool early) {
            Graph g;
            Var w = g.leaf(tensor({2}, {2, -3}), "w");
            Var h = (w * w).named("h"); // h = w², dh/dw = 2w
            Var a = (h * h).named("a"); // created first: processed last
            Var y = (a + h).named("y"); // L = Σ h² + h, dL/dh = 2h + 1
            BackwardOptions options;
            if (early) options.earlyNode = h.id();
            BackwardRun backward(g, sum(y), options);
            std::vector<StepRecord> records;
            while (!backward.done())
                records.push_back(backward.step());
            return std::pair{w.grad(), records};
        };
        const auto [right, rightRecords] = run(false);
        GS_COMPARE_TENSOR(right, {36, -114}); // (2h + 1) · 2w with h = w² = [4, 9]
        const auto [wrong, records] = run(true);
        // h goes on with y's 1 only (a's 2h arrives after it has been processed): 1 · 2w.
        GS_COMPARE_TENSOR(wrong, {4, -6});
        // h came right after its first consumer y, before a, and saw one contribution.
        std::vector<std::string> order;
        for (const StepRecord& r : records)
            order.push_back(r.nodeName);
        QCOMPARE(order.size(), rightRecords.size());
        const auto at = [&](const char* name) {
            return std::find(order.begin(), order.end(), name) - order.begin();
        };
        QVERIFY(at("y") < at("h") && at("h") < at("a"));
        QCOMPARE(records[std::size_t(at("h"))].contributions.size(), std::size_t(1));
        for (const StepRecord& r : rightRecords)
            if (r.nodeName == "h") QCOMPARE(r.contributions.size(), std::size_t(3)); // a: 2 edges
    }

    void perEdgeGradientsAreRecordedBeforeSumming() {
        Graph g;
        Var x = g.leaf(tensor({2}, {3, -1}), "x");
        Var sq = (x * x).named("sq");
        Var y = (sq + x).named("y");
        g.backward(sum(y));
        const Node& mulNode = sq.node();
        QVERIFY(mulNode.edgeHasGrad[0] && mulNode.edgeHasGrad[1]);
        GS_COMPARE_TENSOR(mulNode.edgeGrads[0], {3, -1}); // d(x·x)/d(left) = right
        GS_COMPARE_TENSOR(mulNode.edgeGrads[1], {3, -1});
        GS_COMPARE_TENSOR(y.node().edgeGrads[1], {1, 1}); // the direct x edge
        const auto edges = g.edges();
        int intoX = 0;
        for (const Edge& e : edges)
            intoX += e.from == x.id();
        QCOMPARE(intoX, 3);
    }

    void broadcastGradientsReduceToInputShape() {
        Graph g;
        Var a = g.leaf(tensor({2, 3}, {1, 2, 3, 4, 5, 6}), "a");
        Var row = g.leaf(tensor({1, 3}, {1, 1, 1}), "row");
        Var column = g.leaf(tensor({2, 1}, {2, 3}), "column");
        Var scalar = g.leaf(Tensor::scalar(2), "s");
        g.backward(sum((a * row + column) * scalar));
        QCOMPARE(row.grad().shape(), (Shape{1, 3}));
        GS_COMPARE_TENSOR(row.grad(), {10, 14, 18}); // 2 · column sums of a
        QCOMPARE(column.grad().shape(), (Shape{2, 1}));
        GS_COMPARE_TENSOR(column.grad(), {6, 6});
        QCOMPARE(scalar.grad().shape(), Shape{});
        GS_COMPARE_TENSOR(scalar.grad(), {21 + 15});
        GS_EXPECT_THROW_MSG(a + g.leaf(tensor({2}, {1, 2}), "b"), ShapeError,
                            {"add", "'a' [2, 3]", "'b' [2]", "broadcast"});
    }

    void noGradRecordsNoGradient() {
        Graph g;
        Parameter w("w", tensor({1, 2}, {1, 2}));
        Var x = g.input(tensor({1, 2}, {3, 4}), "x");
        Var y;
        {
            NoGradGuard guard(g);
            y = sum(x * g.param(w));
            QVERIFY(!y.requiresGrad());
        }
        QVERIFY(g.gradEnabled());
        GS_COMPARE_TENSOR(y.value(), {11});
        GS_EXPECT_THROW_MSG(g.backward(y), GraphError, {"does not require a gradient"});
        Var z = sum(x * g.param(w));
        QVERIFY(z.requiresGrad());
    }

    void parameterGradientsAccumulateUntilZeroed() {
        Parameter w("w", tensor({2}, {1, 2}));
        Graph g;
        for (int pass = 0; pass < 2; ++pass) {
            g.reset();
            Var x = g.input(tensor({2}, {3, 4}));
            g.backward(sum(x * g.param(w)));
        }
        GS_COMPARE_TENSOR(w.grad, {6, 8});
        g.zeroGrad();
        GS_COMPARE_TENSOR(w.grad, {0, 0});
        w.grad.fill(5);
        w.zeroGrad();
        GS_COMPARE_TENSOR(w.grad, {0, 0});
    }

    // BackwardOptions::replaceGradients: the run's gradient replaces the last one, as zeroGrad()
    // and backward() would give, for a parameter used once (the edge's buffer is taken), used
    // twice (the two uses add up), reached while stepping, and not reached at all (zero). A
    // parameter not listed still accumulates.
    void replacedGradientsEqualZeroThenBackward() {
        Parameter once("once", tensor({2}, {1, 2}));
        Parameter twice("twice", tensor({2}, {-1, 3}));
        Parameter unused("unused", tensor({2}, {5, 5}));
        Parameter kept("kept", tensor({2}, {2, 2}));
        const std::vector<Parameter*> replaced{&once, &twice, &unused};
        for (Parameter* p : {&once, &twice, &unused, &kept})
            p->grad.fill(7); // what an earlier step left
        Graph g;
        for (int pass = 0; pass < 3; ++pass) {
            g.reset();
            Var x = g.input(tensor({2}, {3, 4}));
            Var t = g.param(twice);
            Var y = sum(x * g.param(once) + t * t + x * g.param(kept));
            BackwardOptions options;
            options.replaceGradients = &replaced;
            if (pass == 1) {
                BackwardRun run = g.beginBackward(y, options);
                while (!run.done())
                    (void)run.step();
            } else {
                g.backward(y, options);
            }
            GS_COMPARE_TENSOR(once.grad, {3, 4});
            GS_COMPARE_TENSOR(twice.grad, {-2, 6}); // 2t
            GS_COMPARE_TENSOR(unused.grad, {0, 0});
            GS_COMPARE_TENSOR(kept.grad, {Scalar(7 + 3 * (pass + 1)), Scalar(7 + 4 * (pass + 1))});
        }
    }

    void backwardTwiceNeedsRetainGraph() {
        Graph g;
        Var x = g.leaf(tensor({2}, {1, 2}), "x");
        Var loss = sum(x * x).named("loss");
        g.backward(loss);
        QVERIFY(g.released());
        GS_EXPECT_THROW_MSG(g.backward(loss), GraphError, {"second time", "retainGraph"});

        Graph h;
        Var y = h.leaf(tensor({2}, {1, 2}), "y");
        Var l2 = sum(y * y);
        h.backward(l2, {.retainGraph = true});
        h.backward(l2);
        GS_COMPARE_TENSOR(y.grad(), {4, 8}); // leaf gradients accumulate: 2 · 2y
        h.zeroGrad();
        GS_COMPARE_TENSOR(y.grad(), {0, 0});
    }

    void backwardNeedsScalar() {
        Graph g;
        Var x = g.leaf(tensor({2, 3}, {1, 2, 3, 4, 5, 6}), "x");
        Var y = (x * 2.0).named("scaled");
        GS_EXPECT_THROW_MSG(g.backward(y), GraphError, {"scalar", "'scaled'", "[2, 3]", "sum()"});
    }

    void staleAndForeignValuesAreRefused() {
        Graph g;
        Var x = g.leaf(tensor({2}, {1, 2}), "x");
        g.reset();
        GS_EXPECT_THROW_MSG(relu(x), GraphError, {"earlier forward pass"});
        Graph other;
        Var a = g.leaf(tensor({2}, {1, 2}));
        Var b = other.leaf(tensor({2}, {1, 2}));
        GS_EXPECT_THROW_MSG(a + b, GraphError, {"different graphs"});
        GS_EXPECT_THROW_MSG(g.node(99), GraphError, {"no node with id 99"});
        GS_EXPECT_THROW_MSG(relu(Var{}), GraphError, {"no value"});
    }

    void namesAndScopes() {
        Graph g;
        Parameter w("0.weight", tensor({3, 2}, {1, 2, 3, 4, 5, 6}));
        Var x = g.input(tensor({1, 2}, {1, 1}), "x");
        Var y;
        {
            NameScope scope(g, "linear1");
            y = linear(x, g.param(w));
        }
        QCOMPARE(y.name(), std::string("linear1.linear"));
        QCOMPARE(g.nodeName(1), std::string("0.weight"));
        Var r = relu(y);
        QCOMPARE(r.name(), "relu_" + std::to_string(r.id()));
        QCOMPARE(r.named("h1").name(), std::string("h1"));
    }

    void errorsNameOpNodeAndShapes() {
        Graph g;
        Var x = g.input(Tensor({64, 784}), "x");
        Var w = g.leaf(Tensor({128, 10}), "w");
        GS_EXPECT_THROW_MSG(matmul(x, w), ShapeError, {"matmul", "'x' [64, 784]", "'w' [128, 10]"});
        Var w1 = g.leaf(Tensor({10, 128}), "linear_2.weight");
        {
            NameScope scope(g, "linear_2");
            GS_EXPECT_THROW_MSG(
                linear(x, w1), ShapeError,
                {"linear_2.linear", "input has 784 features but the layer expects 128"});
        }
        Var logits = g.leaf(Tensor({2, 10}), "logits");
        GS_EXPECT_THROW_MSG(crossEntropy(logits, {3, 12}), InvalidArgument,
                            {"label 12 at row 1", "0..9"});
        GS_EXPECT_THROW_MSG(crossEntropy(logits, {3}), ShapeError, {"1 labels for a batch of 2"});
        Var image = g.input(Tensor({1, 3, 8, 8}), "image");
        GS_EXPECT_THROW_MSG(conv2d(image, g.leaf(Tensor({4, 1, 3, 3}), "k")), ShapeError,
                            {"conv2d", "3 channels", "expects 1"});
        GS_EXPECT_THROW_MSG(conv2d(image, g.leaf(Tensor({4, 3, 3, 3})), {}, 0), InvalidArgument,
                            {"stride"});
        GS_EXPECT_THROW_MSG(conv2d(image, g.leaf(Tensor({4, 3, 9, 9}))), ShapeError, {"larger"});
        GS_EXPECT_THROW_MSG(maxPool2d(image, 9), ShapeError, {"window is larger"});
        GS_EXPECT_THROW_MSG(maxPool2d(image, 0), InvalidArgument, {"kernel"});
        GS_EXPECT_THROW_MSG(reshape(x, {3, 3}), ShapeError,
                            {"reshape", "50176 elements", "[3, 3]"});
        GS_EXPECT_THROW_MSG(sum(x, 2), InvalidArgument, {"axis 2", "'x' [64, 784]"});
        GS_EXPECT_THROW_MSG(mseLoss(x, g.input(Tensor({64, 1}), "t")), ShapeError,
                            {"mse_loss", "same shape"});
        GS_EXPECT_THROW_MSG(transpose(image), ShapeError, {"transpose", "matrix"});
        GS_EXPECT_THROW_MSG(softmax(g.input(Tensor::scalar(1))), ShapeError, {"softmax"});
    }

    void resetReusesBuffers() {
        Parameter w("w", Tensor({16, 8}, 0.1f));
        Graph g;
        auto pass = [&] {
            g.reset();
            Var x = g.input(Tensor({4, 8}, 1.0f));
            Var loss = mean(relu(linear(x, g.param(w))));
            g.backward(loss);
            return loss;
        };
        // Gradients trade buffers with the edges they came along (a node's only edge is moved,
        // not copied), so those are compared as one set of buffers, from the second pass on:
        // the first leaves each such edge without a buffer, which the second allocates.
        auto gradBuffers = [&] {
            std::multiset<const Scalar*> out;
            for (int id = 0; id < g.size(); ++id) {
                const Node& n = g.node(id);
                if (!n.grad.empty()) out.insert(n.grad.data());
                for (const Tensor& e : n.edgeGrads)
                    if (!e.empty()) out.insert(e.data());
            }
            return out;
        };
        pass();
        pass();
        std::vector<const Scalar*> values;
        for (int id = 0; id < g.size(); ++id)
            values.push_back(g.node(id).value.data());
        const auto grads = gradBuffers();
        QVERIFY(grads.size() >= 4);
        pass();
        for (int id = 0; id < g.size(); ++id) {
            if (g.node(id).op == OpKind::Input) continue; // inputs are copied in by value
            QCOMPARE(g.node(id).value.data(), values[static_cast<std::size_t>(id)]);
        }
        QVERIFY(gradBuffers() == grads);
    }

    void opTableIsComplete() {
        for (int k = 0; k < kOpCount; ++k) {
            const OpInfo& info = opInfo(OpKind(k));
            QCOMPARE(int(info.kind), k);
            QVERIFY(info.name && *info.name);
            QVERIFY(info.symbol && *info.symbol);
            for (int slot = 0; slot < info.maxInputs; ++slot)
                QVERIFY2(info.backward[static_cast<std::size_t>(slot)], info.name);
        }
        QCOMPARE(fillFormula("dL/d{0} = dL/d{out} @ {1}ᵀ", "z", {"h", "W", ""}),
                 std::string("dL/dh = dL/dz @ Wᵀ"));
    }
};

QTEST_APPLESS_MAIN(TestGraph)
#include "tst_graph.moc"
