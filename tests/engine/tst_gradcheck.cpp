// Central finite differences against the engine's gradients, for every op, over random shapes.
//
// Links the float64 engine (gradscope_engine_f64) so that the tolerance can be 1e-6: a factor
// of 2, a wrong sign or a transposed gradient is off by far more (checkerCatchesWrongGradients
// shows the checker failing on exactly those). The loss is Σ(output ⊙ R) with a fixed random R,
// so every output element weighs differently and a permuted gradient cannot pass.
#include "TestUtil.h"
#include "core/Backward.h"
#include "ops/Custom.h"
#include "ops/Ops.h"

#include <functional>

using namespace gs;

static_assert(sizeof(Scalar) == sizeof(double), "gradient checks need the float64 engine");

namespace {

enum class Domain { Any, Positive, AwayFromZero, Probability };

struct Case {
    const char* name;
    std::vector<Domain> domains; // one per input
    std::function<std::vector<Shape>(std::mt19937_64&)> shapes;
    std::function<Var(const std::vector<Var>&, std::uint64_t seed)> build;
};

Index dim(std::mt19937_64& rng, Index lo = 2, Index hi = 5) {
    return std::uniform_int_distribution<Index>(lo, hi)(rng);
}

std::vector<int> labelsFor(Index rows, Index classes, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<int> labels;
    for (Index i = 0; i < rows; ++i)
        labels.push_back(
            static_cast<int>(std::uniform_int_distribution<Index>(0, classes - 1)(rng)));
    return labels;
}

using S = std::vector<Shape>;
using V = std::vector<Var>;
using D = std::vector<Domain>;
constexpr Domain kAny = Domain::Any;
constexpr Domain kPos = Domain::Positive;
constexpr Domain kAway = Domain::AwayFromZero;

// clang-format off
const std::vector<Case>& cases()
{
    static const std::vector<Case> all = {
        {"add", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {a, b}}; },
         [](const V& v, auto) { return v[0] + v[1]; }},
        {"add_row", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {b}}; },
         [](const V& v, auto) { return v[0] + v[1]; }},
        {"add_column", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {a, 1}}; },
         [](const V& v, auto) { return v[0] + v[1]; }},
        {"add_scalar", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {}}; },
         [](const V& v, auto) { return v[0] + v[1]; }},
        {"sub_row", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {1, b}}; },
         [](const V& v, auto) { return v[0] - v[1]; }},
        {"sub_scalar_left", D{kAny, kAny}, [](auto& r) { Index a = dim(r); return S{{}, {a, 3}}; },
         [](const V& v, auto) { return v[0] - v[1]; }},
        {"mul", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {a, b}}; },
         [](const V& v, auto) { return v[0] * v[1]; }},
        {"mul_row", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {b}}; },
         [](const V& v, auto) { return v[0] * v[1]; }},
        {"mul_column", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, 1}, {a, b}}; },
         [](const V& v, auto) { return v[0] * v[1]; }},
        {"div", D{kAny, kPos}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {a, b}}; },
         [](const V& v, auto) { return v[0] / v[1]; }},
        {"div_row", D{kAny, kPos}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {b}}; },
         [](const V& v, auto) { return v[0] / v[1]; }},
        {"div_scalar_numerator", D{kAny, kPos}, [](auto& r) { Index a = dim(r); return S{{}, {a, 2}}; },
         [](const V& v, auto) { return v[0] / v[1]; }},
        {"neg", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return -v[0]; }},
        {"abs", D{kAway}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return abs(v[0]); }},
        {"exp", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return exp(v[0]); }},
        {"log", D{kPos}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return log(v[0]); }},
        {"pow3", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return pow(v[0], 3); }},
        {"pow_half", D{kPos}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return pow(v[0], 0.5); }},
        {"dropout_train", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return dropout(v[0], 0.3, true); }},
        {"matmul", D{kAny, kAny}, [](auto& r) { Index n = dim(r), k = dim(r), m = dim(r); return S{{n, k}, {k, m}}; },
         [](const V& v, auto) { return matmul(v[0], v[1]); }},
        {"transpose", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return transpose(v[0]); }},
        {"linear", D{kAny, kAny, kAny}, [](auto& r) { Index n = dim(r), i = dim(r), o = dim(r); return S{{n, i}, {o, i}, {o}}; },
         [](const V& v, auto) { return linear(v[0], v[1], v[2]); }},
        {"linear_no_bias", D{kAny, kAny}, [](auto& r) { Index n = dim(r), i = dim(r), o = dim(r); return S{{n, i}, {o, i}}; },
         [](const V& v, auto) { return linear(v[0], v[1]); }},
        {"sum", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return sum(v[0]); }},
        {"mean", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return mean(v[0]); }},
        {"sum_axis0", D{kAny}, [](auto& r) { return S{{dim(r), dim(r), dim(r)}}; }, [](const V& v, auto) { return sum(v[0], 0); }},
        {"sum_axis1", D{kAny}, [](auto& r) { return S{{dim(r), dim(r), dim(r)}}; }, [](const V& v, auto) { return sum(v[0], 1); }},
        {"sum_last_keepdim", D{kAny}, [](auto& r) { return S{{dim(r), dim(r), dim(r)}}; }, [](const V& v, auto) { return sum(v[0], -1, true); }},
        {"mean_axis0", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return mean(v[0], 0); }},
        {"mean_axis2_keepdim", D{kAny}, [](auto& r) { return S{{2, dim(r), dim(r), 2}}; }, [](const V& v, auto) { return mean(v[0], 2, true); }},
        {"softmax", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return softmax(v[0]); }},
        {"log_softmax", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; }, [](const V& v, auto) { return logSoftmax(v[0]); }},
        {"reshape", D{kAny}, [](auto& r) { return S{{dim(r), dim(r), 2}}; },
         [](const V& v, auto) { const Shape& s = v[0].shape(); return reshape(v[0], {s[1], s[0] * 2}); }},
        {"flatten", D{kAny}, [](auto& r) { return S{{dim(r), 2, dim(r), dim(r)}}; }, [](const V& v, auto) { return flatten(v[0]); }},
        {"mse_loss", D{kAny, kAny}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {a, b}}; },
         [](const V& v, auto) { return mseLoss(v[0], v[1]); }},
        {"cross_entropy", D{kAny}, [](auto& r) { return S{{dim(r), dim(r)}}; },
         [](const V& v, std::uint64_t seed) { const Shape& s = v[0].shape(); return crossEntropy(v[0], labelsFor(s[0], s[1], seed)); }},
        {"bce_with_logits", D{kAny, Domain::Probability}, [](auto& r) { Index a = dim(r), b = dim(r); return S{{a, b}, {a, b}}; },
         [](const V& v, auto) { return bceWithLogits(v[0] * 3.0, v[1]); }},
        {"conv2d", D{kAny, kAny, kAny}, [](auto& r) { Index c = dim(r, 1, 3), o = dim(r, 1, 3); return S{{2, c, dim(r, 4, 6), dim(r, 4, 6)}, {o, c, 3, 3}, {o}}; },
         [](const V& v, auto) { return conv2d(v[0], v[1], v[2]); }},
        // stride 1, padding below the kernel: read straight from the padded image (Conv.cpp)
        {"conv2d_pad2_k5x3", D{kAny, kAny, kAny}, [](auto& r) { Index c = dim(r, 1, 3), o = dim(r, 1, 3); return S{{2, c, dim(r, 3, 7), dim(r, 3, 7)}, {o, c, 5, 3}, {o}}; },
         [](const V& v, auto) { return conv2d(v[0], v[1], v[2], 1, 2); }},
        // stride 1, padding as wide as the kernel: the column-matrix path
        {"conv2d_pad2_k2", D{kAny, kAny}, [](auto& r) { Index c = dim(r, 1, 3), o = dim(r, 1, 3); return S{{2, c, dim(r, 3, 5), dim(r, 3, 5)}, {o, c, 2, 2}}; },
         [](const V& v, auto) { return conv2d(v[0], v[1], {}, 1, 2); }},
        {"conv2d_stride2_pad1", D{kAny, kAny}, [](auto& r) { Index c = dim(r, 1, 3), o = dim(r, 1, 3); return S{{2, c, dim(r, 4, 7), dim(r, 4, 7)}, {o, c, 3, 2}}; },
         [](const V& v, auto) { return conv2d(v[0], v[1], {}, 2, 1); }},
        {"max_pool2d", D{kAny}, [](auto& r) { return S{{2, dim(r, 1, 3), 4, 6}}; }, [](const V& v, auto) { return maxPool2d(v[0], 2); }},
        {"max_pool2d_overlap", D{kAny}, [](auto& r) { return S{{1, 2, dim(r, 3, 6), dim(r, 3, 6)}}; }, [](const V& v, auto) { return maxPool2d(v[0], 3, 1); }},
        {"avg_pool2d", D{kAny}, [](auto& r) { return S{{2, dim(r, 1, 3), 4, 6}}; }, [](const V& v, auto) { return avgPool2d(v[0], 2); }},
        {"avg_pool2d_overlap", D{kAny}, [](auto& r) { return S{{1, 2, dim(r, 3, 6), dim(r, 3, 6)}}; }, [](const V& v, auto) { return avgPool2d(v[0], 3, 1); }},
        {"global_avg_pool2d", D{kAny}, [](auto& r) { return S{{2, dim(r, 1, 3), dim(r, 1, 4), dim(r, 1, 4)}}; }, [](const V& v, auto) { return globalAvgPool2d(v[0]); }},
        {"batch_norm1d_train", D{kAny, kAny, kAny}, [](auto& r) { Index c = dim(r); return S{{dim(r, 3, 6), c}, {c}, {c}}; },
         [](const V& v, auto) { return batchNorm(v[0], v[1], v[2], true); }},
        {"batch_norm2d_train", D{kAny, kAny, kAny}, [](auto& r) { Index c = dim(r, 1, 3); return S{{2, c, dim(r, 2, 4), dim(r, 2, 4)}, {c}, {c}}; },
         [](const V& v, auto) { return batchNorm(v[0], v[1], v[2], true); }},
        {"batch_norm2d_eval", D{kAny, kAny, kAny}, [](auto& r) { Index c = dim(r, 1, 3); return S{{2, c, dim(r, 2, 4), dim(r, 2, 4)}, {c}, {c}}; },
         [](const V& v, auto) {
             Tensor mean(v[1].shape()), var(v[1].shape()); // fixed running statistics
             for (Index c = 0; c < mean.numel(); ++c) { mean[c] = Scalar(0.1 * double(c) - 0.2); var[c] = Scalar(0.5 + 0.3 * double(c)); }
             return batchNorm(v[0], v[1], v[2], false, &mean, &var);
         }},
        {"layer_norm", D{kAny, kAny, kAny}, [](auto& r) { Index f = dim(r, 2, 6); return S{{dim(r), f}, {f}, {f}}; },
         [](const V& v, auto) { return layerNorm(v[0], v[1], v[2]); }},
        {"concat", D{kAny, kAny}, [](auto& r) { Index n = dim(r); return S{{n, dim(r)}, {n, dim(r)}}; },
         [](const V& v, auto) { return concat(v[0], v[1]); }},
        {"concat_images", D{kAny, kAny}, [](auto& r) { Index h = dim(r, 1, 3), w = dim(r, 1, 3); return S{{2, dim(r, 1, 3), h, w}, {2, dim(r, 1, 3), h, w}}; },
         [](const V& v, auto) { return concat(v[0], v[1]); }},
        // A residual block: the input reaches the output by two paths, so its gradient is the
        // sum of the skip path's (the identity) and the block's.
        {"residual_block", D{kAny, kAny, kAny}, [](auto& r) { Index n = dim(r), f = dim(r); return S{{n, f}, {f, f}, {f, f}}; },
         [](const V& v, auto) { return relu(v[0] + linear(tanh(linear(v[0], v[1])), v[2])); }},
        {"mlp_chain", D{kAny, kAny, kAny, kAny}, [](auto& r) { Index n = dim(r), i = dim(r), h = dim(r); return S{{n, i}, {h, i}, {h}, {3, h}}; },
         [](const V& v, std::uint64_t seed) {
             Var hidden = tanh(linear(v[0], v[1], v[2]));
             Var shared = hidden * hidden + hidden; // fan-out: hidden feeds three edges
             return crossEntropy(linear(shared, v[3]), labelsFor(v[0].shape()[0], 3, seed));
         }},
    };
    return all;
}
// clang-format on

// Two cases per activation of ops/Activations.h, so that a new activation is checked without a
// line here: inputs in ±[0.1, 1] (away from ReLU's kink at 0), and the same times 30, where
// sigmoid and tanh saturate, ELU and GELU flatten and softplus passes its threshold of 20.
const std::vector<Case>& allCases() {
    static const std::vector<std::string> wideNames = [] {
        std::vector<std::string> names;
        for (int i = 0; i < kActivationCount; ++i)
            names.push_back(std::string(activationInfo(Activation(i)).name) + "_wide");
        return names;
    }();
    static const std::vector<Case> all = [] {
        std::vector<Case> list = cases();
        const auto square = [](auto& r) { return S{{dim(r), dim(r)}}; };
        for (int i = 0; i < kActivationCount; ++i) {
            const auto a = Activation(i);
            list.push_back({activationInfo(a).name, D{kAway}, square,
                            [a](const V& v, auto) { return activation(v[0], a, 0.2); }});
            list.push_back({wideNames[std::size_t(i)].c_str(), D{kAway}, square,
                            [a](const V& v, auto) { return activation(v[0] * 30.0, a, 0.2); }});
        }
        return list;
    }();
    return all;
}

Tensor valuesFor(const Shape& shape, Domain domain, std::mt19937_64& rng) {
    switch (domain) {
    case Domain::Positive:
        return test::randomTensor(shape, rng, 0.5, 2.0);
    case Domain::Probability:
        return test::randomTensor(shape, rng, 0.0, 1.0);
    case Domain::AwayFromZero: {
        Tensor t = test::randomTensor(shape, rng, 0.1, 1.0);
        std::bernoulli_distribution sign(0.5);
        for (Index i = 0; i < t.numel(); ++i)
            t[i] = sign(rng) ? t[i] : -t[i];
        return t;
    }
    case Domain::Any:
        break;
    }
    return test::randomTensor(shape, rng);
}

// The check itself: loss(inputs) = Σ(build(inputs) ⊙ R), analytic vs central differences.
struct Checker {
    const Case& c;
    std::uint64_t seed;
    std::vector<Tensor> inputs;
    Tensor weights;
    Graph graph;

    Checker(const Case& cs, std::uint64_t s)
        : c(cs)
        , seed(s) {
        std::mt19937_64 rng(seed);
        const auto shapes = c.shapes(rng);
        for (std::size_t i = 0; i < shapes.size(); ++i)
            inputs.push_back(valuesFor(shapes[i], c.domains[i], rng));
        graph.reset();
        graph.seed(seed);
        V vars;
        for (const Tensor& t : inputs)
            vars.push_back(graph.leaf(t));
        weights = test::randomTensor(c.build(vars, seed).shape(), rng, 0.5, 1.5);
    }

    Var loss(V& vars) {
        graph.reset();
        graph.seed(seed); // the same dropout mask at every evaluation
        vars.clear();
        for (const Tensor& t : inputs)
            vars.push_back(graph.leaf(t));
        Var out = c.build(vars, seed);
        return sum(out * graph.input(weights));
    }

    std::vector<Tensor> analytic() {
        V vars;
        graph.backward(loss(vars));
        std::vector<Tensor> grads;
        for (const Var& v : vars)
            grads.push_back(v.grad());
        return grads;
    }

    std::vector<Tensor> numeric() {
        const double h = 1e-6;
        std::vector<Tensor> grads;
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            Tensor g(inputs[k].shape());
            for (Index i = 0; i < inputs[k].numel(); ++i) {
                const Scalar original = inputs[k][i];
                V vars;
                inputs[k][i] = original + h;
                const double up = loss(vars).value()[0];
                inputs[k][i] = original - h;
                const double down = loss(vars).value()[0];
                inputs[k][i] = original;
                g[i] = (up - down) / (2 * h);
            }
            grads.push_back(std::move(g));
        }
        return grads;
    }
};

// max over elements of |a - n| / max(1, |n|)
double worstError(const std::vector<Tensor>& analytic, const std::vector<Tensor>& numeric) {
    double worst = 0;
    for (std::size_t k = 0; k < analytic.size(); ++k) {
        if (analytic[k].shape() != numeric[k].shape()) return INFINITY;
        for (Index i = 0; i < analytic[k].numel(); ++i)
            worst = std::max(worst, std::abs(analytic[k][i] - numeric[k][i]) /
                                        std::max(1.0, std::abs(numeric[k][i])));
    }
    return worst;
}

constexpr double kTolerance = 1e-6;

} // namespace

class TestGradcheck : public QObject {
    Q_OBJECT
private slots:
    void everyOpMatchesFiniteDifferences_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<quint64>("seed");
        for (std::size_t i = 0; i < allCases().size(); ++i)
            for (quint64 seed : {11u, 23u, 37u})
                QTest::addRow("%s/seed%llu", allCases()[i].name, seed) << int(i) << seed;
    }

    void everyOpMatchesFiniteDifferences() {
        QFETCH(int, index);
        QFETCH(quint64, seed);
        Checker checker(allCases()[static_cast<std::size_t>(index)], seed);
        const double error = worstError(checker.analytic(), checker.numeric());
        QVERIFY2(error < kTolerance, qPrintable(QString("worst relative error %1").arg(error)));
    }

    void everyOpKindIsCovered() {
        std::vector<bool> seen(kOpCount, false);
        for (const Case& c : allCases()) {
            Checker checker(c, 5);
            V vars;
            checker.loss(vars);
            for (int id = 0; id < checker.graph.size(); ++id)
                seen[static_cast<std::size_t>(checker.graph.node(id).op)] = true;
        }
        for (int k = 0; k < kOpCount; ++k) {
            const OpKind op = OpKind(k);
            if (op == OpKind::Parameter) // a leaf: covered by the graph and PyTorch tests
                continue;
            if (op == OpKind::Custom) // its backward is the user's: the test below checks both
                continue;

            QVERIFY2(seen[static_cast<std::size_t>(k)], opName(op));
        }
    }

    // The checker must be able to fail: a doubled, negated or transposed gradient is caught.
    void checkerCatchesWrongGradients() {
        const Case square{"square_matmul", D{kAny, kAny},
                          [](auto&) {
                              return S{{4, 4}, {4, 4}};
                          },
                          [](const V& v, auto) { return matmul(v[0], v[1]); }};
        Checker checker(square, 11);
        const auto numeric = checker.numeric();
        QVERIFY(worstError(checker.analytic(), numeric) < kTolerance);
        auto doubled = checker.analytic();
        doubled[0].array() *= 2;
        QVERIFY(worstError(doubled, numeric) > 1e-2);
        auto negated = checker.analytic();
        negated[1].array() *= -1;
        QVERIFY(worstError(negated, numeric) > 1e-2);
        auto transposed = checker.analytic();
        transposed[0].matrix() = transposed[0].matrix().transpose().eval();
        QVERIFY(worstError(transposed, numeric) > 1e-2);
    }

    // A test-only op written as a custom op (autograd.Function): with the right backward,
    // x³ → 3x², the check passes; with a deliberately wrong one, 2x², it fails clearly. And a
    // two-input custom op, x ⊙ y², gets each input's gradient right.
    void checkerCatchesAWrongBackwardInATestOnlyOp() {
        const auto cube = [](double factor) {
            auto f = std::make_shared<CustomFunction>();
            f->name = "cube";
            f->backwardFormula[0] = "dL/d{0} = dL/d{out} ⊙ 3·{0}²";
            f->forward = [](const std::vector<const Tensor*>& in) {
                Tensor t = *in[0];
                t.array() = t.array().cube();
                return t;
            };
            f->backward = [factor](const std::vector<const Tensor*>& in, const Tensor&,
                                   const Tensor& g, int) {
                Tensor t = g;
                t.array() *= Scalar(factor) * in[0]->array().square();
                return t;
            };
            return std::shared_ptr<const CustomFunction>(f);
        };
        const auto errorOf = [](std::shared_ptr<const CustomFunction> f, int inputs) {
            const Case c{"custom", D(std::size_t(inputs), kAny),
                         [inputs](auto&) {
                             return S(std::size_t(inputs), Shape{3, 4});
                         },
                         [f, inputs](const V& v, auto) {
                             return inputs == 1 ? custom(f, {v[0]}) : custom(f, {v[0], v[1]});
                         }};
            Checker checker(c, 5);
            return worstError(checker.analytic(), checker.numeric());
        };
        QVERIFY(errorOf(cube(3), 1) < kTolerance);
        const double wrong = errorOf(cube(2), 1);
        QVERIFY2(wrong > 0.1, qPrintable(QString::number(wrong)));
        auto product = std::make_shared<CustomFunction>();
        product->name = "x_y2";
        product->forward = [](const std::vector<const Tensor*>& in) {
            Tensor t = *in[0];
            t.array() *= in[1]->array().square();
            return t;
        };
        product->backward = [](const std::vector<const Tensor*>& in, const Tensor&, const Tensor& g,
                               int slot) {
            Tensor t = g;
            if (slot == 0)
                t.array() *= in[1]->array().square();
            else
                t.array() *= 2 * in[0]->array() * in[1]->array();
            return t;
        };
        QVERIFY(errorOf(product, 2) < kTolerance);
        // The step-through shows the op's own formula.
        Graph g;
        Var x = g.leaf(test::tensor(Shape{2}, {1, 2}), "x");
        Var y = sum(custom(cube(3), {x}));
        BackwardRun run = g.beginBackward(y);
        run.step(); // the sum
        const StepRecord r = run.step();
        QCOMPARE(r.nodeName, std::string("cube"));
        QCOMPARE(r.edges.front().formula, std::string("dL/dx = dL/dcube ⊙ 3·x²"));
        run.run();
        QCOMPARE(double(x.grad()[1]), 12.0);
    }
};

QTEST_APPLESS_MAIN(TestGradcheck)
#include "tst_gradcheck.moc"
