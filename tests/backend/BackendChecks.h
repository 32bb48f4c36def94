// Checks of a compute backend against the graph (ggml's test-backend-ops): every kernel family,
// forward and every input's gradient, on random shapes with odd sizes; and whole training steps
// of networks against the graph's Trainer. Shared by tst_device_step (the reference backend)
// and tst_cuda (the CUDA backend, where a GPU is). Each check returns "" or what differed.
#pragma once

#include "backend/Backend.h"
#include "data/Toy.h"
#include "ops/Ops.h"
#include "train/DeviceStep.h"
#include "train/Trainer.h"

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace gs::test {

// |a − b| ≤ tol·max(1, |b|) element by element; "" or the first difference.
inline std::string compareValues(const std::string& what, const Scalar* actual,
                                 const Scalar* expected, Index n, double tol) {
    for (Index i = 0; i < n; ++i) {
        const double a = actual[i], b = expected[i];
        if (!(std::abs(a - b) <= tol * std::max(1.0, std::abs(b))))
            return what + ": element " + std::to_string(i) + " is " + std::to_string(a) +
                   ", the graph's " + std::to_string(b);
    }
    return {};
}

// A tensor on the backend, filled from the host.
struct OnDevice {
    Backend& backend;
    DeviceBuffer<Scalar> buffer;
    Index n;
    OnDevice(Backend& b, const Tensor& t)
        : backend(b)
        , buffer(b.allocate<Scalar>(t.numel()))
        , n(t.numel()) {
        b.upload(buffer, t.data(), n);
    }
    OnDevice(Backend& b, Index count)
        : backend(b)
        , buffer(b.allocate<Scalar>(count))
        , n(count) {
        b.fill(buffer.data, count, 0);
    }
    Scalar* data() { return buffer.data; }
    std::vector<Scalar> host() {
        std::vector<Scalar> v(static_cast<std::size_t>(n));
        backend.download(v.data(), buffer, n);
        return v;
    }
    std::string compare(const std::string& what, const Tensor& expected, double tol = 1e-5) {
        if (expected.numel() != n)
            return what + ": " + std::to_string(n) + " elements, the graph has " +
                   std::to_string(expected.numel());
        const auto v = host();
        return compareValues(what, v.data(), expected.data(), n, tol);
    }
};

inline Tensor random(const Shape& shape, std::mt19937_64& rng, double lo = -1, double hi = 1) {
    std::uniform_real_distribution<double> dist(lo, hi);
    Tensor t(shape);
    for (Index i = 0; i < t.numel(); ++i)
        t[i] = static_cast<Scalar>(dist(rng));
    return t;
}

// A graph whose loss is Σ out ⊙ r for a random r, so that dL/dout = r: the gradients of every
// input can then be compared with a backward kernel fed r.
struct Probe {
    Graph graph{5};
    Tensor r;
    void backward(const Var& out, std::mt19937_64& rng) {
        r = random(out.shape(), rng);
        graph.backward(sum(out * graph.input(r)));
    }
};

// --- Kernel families -------------------------------------------------------------------------

inline std::string checkLinear(Backend& b, Index rows, Index in, Index out, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Probe p;
    const Tensor xv = random({rows, in}, rng), wv = random({out, in}, rng), bv = random({out}, rng);
    Var x = p.graph.leaf(xv), w = p.graph.leaf(wv), bias = p.graph.leaf(bv);
    Var y = linear(x, w, bias);
    p.backward(y, rng);
    OnDevice dx(b, xv), dw(b, wv), db(b, bv), dy(b, rows * out), r(b, p.r), gx(b, rows * in),
        gw(b, out * in), gb(b, out);
    b.gemm(false, true, rows, out, in, dx.data(), dw.data(), dy.data(), false);
    b.addChannelBias(rows * out, out, 1, db.data(), dy.data());
    b.gemm(true, false, out, in, rows, r.data(), dx.data(), gw.data(), false);
    b.channelSums(rows, out, 1, r.data(), gb.data());
    b.gemm(false, false, rows, in, out, r.data(), dw.data(), gx.data(), false);
    for (const auto& e :
         {dy.compare("linear forward", y.value()), gx.compare("linear dL/dx", x.grad()),
          gw.compare("linear dL/dW", w.grad()), gb.compare("linear dL/db", bias.grad())})
        if (!e.empty()) return e;
    // Accumulating products add to what is there.
    b.gemm(false, true, rows, out, in, dx.data(), dw.data(), dy.data(), true);
    Tensor twice = y.value();
    for (Index i = 0; i < twice.numel(); ++i)
        twice[i] = 2 * twice[i] - bv[i % out];
    return dy.compare("gemm accumulating", twice);
}

inline std::string checkConv(Backend& b, Index n, Index c, Index h, Index w, Index o, int k,
                             int stride, int pad, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Probe p;
    const Tensor xv = random({n, c, h, w}, rng), wv = random({o, c, k, k}, rng),
                 bv = random({o}, rng);
    Var x = p.graph.leaf(xv), wt = p.graph.leaf(wv), bias = p.graph.leaf(bv);
    Var y = conv2d(x, wt, bias, stride, pad);
    p.backward(y, rng);
    kernels::ConvShape s{n, c, h, w, o, k, stride, pad, y.shape()[2], y.shape()[3]};
    OnDevice dx(b, xv), dw(b, wv), db(b, bv), cols(b, s.columnRows() * s.patch()),
        prod(b, s.columnRows() * o), dy(b, y.value().numel()), r(b, p.r), gx(b, xv.numel()),
        gw(b, wv.numel()), gb(b, o);
    b.im2col(s, dx.data(), cols.data());
    b.gemm(false, true, s.columnRows(), o, s.patch(), cols.data(), dw.data(), prod.data(), false);
    b.productToPlanes(dy.n, o, s.positions(), prod.data(), dy.data());
    b.addChannelBias(dy.n, o, s.positions(), db.data(), dy.data());
    b.planesToProduct(dy.n, o, s.positions(), r.data(), prod.data());
    b.gemm(true, false, o, s.patch(), s.columnRows(), prod.data(), cols.data(), gw.data(), false);
    b.channelSums(n, o, s.positions(), r.data(), gb.data());
    b.gemm(false, false, s.columnRows(), s.patch(), o, prod.data(), dw.data(), cols.data(), false);
    b.col2im(s, cols.data(), gx.data());
    for (const auto& e :
         {dy.compare("conv2d forward", y.value()), gx.compare("conv2d dL/dx", x.grad()),
          gw.compare("conv2d dL/dW", wt.grad()), gb.compare("conv2d dL/db", bias.grad())})
        if (!e.empty()) return e;
    return {};
}

inline std::string checkMaxPool(Backend& b, Index planes, Index h, Index w, int k, int stride,
                                std::uint64_t seed, bool ties) {
    std::mt19937_64 rng(seed);
    Probe p;
    Tensor xv = random({planes, 1, h, w}, rng);
    if (ties) // few distinct values: the first largest in reading order must win on both
        for (Index i = 0; i < xv.numel(); ++i)
            xv[i] = std::round(xv[i] * 2);
    Var x = p.graph.leaf(xv);
    Var y = maxPool2d(x, k, stride);
    p.backward(y, rng);
    kernels::PoolShape s{planes, h, w, k, stride, y.shape()[2], y.shape()[3]};
    OnDevice dx(b, xv), dy(b, y.value().numel()), r(b, p.r), gx(b, xv.numel());
    const auto where = b.allocate<std::int64_t>(dy.n);
    b.maxPool(s, dx.data(), dy.data(), where.data);
    b.maxPoolGrad(s, r.data(), where.data, gx.data());
    for (const auto& e :
         {dy.compare("max-pool forward", y.value()), gx.compare("max-pool dL/dx", x.grad())})
        if (!e.empty()) return e;
    return {};
}

inline std::string checkActivation(Backend& b, Activation a, Index n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Probe p;
    Tensor xv = random({n}, rng, -4, 4);
    xv[0] = 0;             // the derivative at 0 is taken as the graph takes it
    if (n > 2) xv[1] = 30; // above softplus's threshold
    Var x = p.graph.leaf(xv);
    const Scalar slope = Scalar(0.07);
    Var y = activation(x, a, slope);
    p.backward(y, rng);
    OnDevice dx(b, xv), dy(b, n), r(b, p.r), gx(b, n);
    b.activation(a, n, slope, dx.data(), dy.data());
    b.activationGrad(a, n, slope, dx.data(), dy.data(), r.data(), gx.data());
    const std::string name = activationInfo(a).name;
    for (const auto& e :
         {dy.compare(name + " forward", y.value()), gx.compare(name + " dL/dx", x.grad())})
        if (!e.empty()) return e;
    return {};
}

inline std::string checkSoftmax(Backend& b, Index rows, Index cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Probe p;
    const Tensor xv = random({rows, cols}, rng, -30, 30); // large logits stay finite
    Var x = p.graph.leaf(xv);
    Var y = softmax(x);
    p.backward(y, rng);
    OnDevice dx(b, xv), dy(b, xv.numel()), r(b, p.r), gx(b, xv.numel());
    b.softmax(rows, cols, dx.data(), dy.data());
    b.softmaxGrad(rows, cols, dy.data(), r.data(), gx.data());
    for (const auto& e :
         {dy.compare("softmax forward", y.value()), gx.compare("softmax dL/dx", x.grad())})
        if (!e.empty()) return e;
    return {};
}

// The three losses: the mean of the terms is the graph's loss, and the gradient kernel's output
// is the graph's dL/d(prediction).
inline std::string checkLosses(Backend& b, Index rows, Index cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const Tensor xv = random({rows, cols}, rng, -20, 20);
    const Tensor tv = random({rows, cols}, rng, 0, 1);
    std::vector<int> labels(static_cast<std::size_t>(rows));
    Tensor lv({rows});
    for (Index i = 0; i < rows; ++i) {
        labels[std::size_t(i)] = static_cast<int>(rng() % std::uint64_t(cols));
        lv[i] = static_cast<Scalar>(labels[std::size_t(i)]);
    }
    for (int kind = 0; kind < 3; ++kind) {
        Graph g;
        Var x = g.leaf(xv);
        Var loss = kind == 0   ? crossEntropy(x, labels)
                   : kind == 1 ? mseLoss(x, g.input(tv))
                               : bceWithLogits(x, g.input(tv));
        g.backward(loss);
        const Index terms = kind == 0 ? rows : rows * cols;
        OnDevice dx(b, xv), dt(b, tv), dl(b, lv), t(b, terms), gx(b, xv.numel()), out(b, 1);
        if (kind == 0)
            b.crossEntropy(rows, cols, dx.data(), dl.data(), t.data(), gx.data());
        else if (kind == 1)
            b.mse(terms, dx.data(), dt.data(), t.data(), gx.data());
        else
            b.bceWithLogits(terms, dx.data(), dt.data(), t.data(), gx.data());
        b.reduce(kernels::Reduction::Sum, terms, t.data(), 1.0 / double(terms), out.data());
        const std::string name = kind == 0 ? "cross-entropy" : kind == 1 ? "mse" : "bce";
        for (const auto& e :
             {out.compare(name + " loss", loss.value()), gx.compare(name + " dL/dx", x.grad())})
            if (!e.empty()) return e;
    }
    return {};
}

// Reductions and the small kernels the step uses around the layers.
inline std::string checkReductions(Backend& b, Index n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Tensor xv = random({n}, rng, -3, 3);
    OnDevice dx(b, xv), out(b, 4);
    double sum = 0, squares = 0, absolute = 0, largest = 0;
    for (Index i = 0; i < n; ++i) {
        sum += xv[i];
        squares += double(xv[i]) * xv[i];
        absolute += std::abs(xv[i]);
        largest = std::max(largest, double(std::abs(xv[i])));
    }
    b.reduce(kernels::Reduction::Sum, n, dx.data(), 0.5, out.data());
    b.reduce(kernels::Reduction::SumSquares, n, dx.data(), 1, out.data() + 1);
    b.reduce(kernels::Reduction::SumAbs, n, dx.data(), 1, out.data() + 2);
    b.reduce(kernels::Reduction::MaxAbs, n, dx.data(), 1, out.data() + 3);
    const Tensor expected({4}, std::vector<Scalar>{Scalar(sum / 2), Scalar(squares),
                                                   Scalar(absolute), Scalar(largest)});
    if (auto e = out.compare("reductions", expected); !e.empty()) return e;
    // A NaN anywhere makes MaxAbs NaN: the divergence checks rely on it.
    xv[n / 2] = std::nanf("");
    OnDevice withNan(b, xv);
    b.reduce(kernels::Reduction::MaxAbs, n, withNan.data(), 1, out.data());
    if (!std::isnan(out.host()[0])) return "MaxAbs of a tensor holding a NaN is not NaN";
    return {};
}

// Dropout: masks of 0 and 1/(1 − p), about p of them 0, the same for the same seed, another
// for another seed; y = x ⊙ mask.
inline std::string checkDropout(Backend& b, Index n, Scalar p) {
    std::mt19937_64 rng(3);
    const Tensor xv = random({n}, rng);
    OnDevice dx(b, xv), mask(b, n), y(b, n), mask2(b, n), y2(b, n);
    StepValues v;
    v.seed = 12345;
    auto values = b.allocate<StepValues>(1);
    b.upload(values, &v, 1);
    b.dropout(n, p, values.data, 7, dx.data(), mask.data(), y.data());
    b.dropout(n, p, values.data, 7, dx.data(), mask2.data(), y2.data());
    const auto m = mask.host(), m2 = mask2.host(), out = y.host();
    Index zeros = 0;
    for (Index i = 0; i < n; ++i) {
        const Scalar keep = Scalar(1) / (Scalar(1) - p);
        if (m[std::size_t(i)] != 0 && m[std::size_t(i)] != keep)
            return "dropout mask holds " + std::to_string(m[std::size_t(i)]);
        if (m[std::size_t(i)] != m2[std::size_t(i)]) return "dropout masks differ for one seed";
        if (out[std::size_t(i)] != xv[i] * m[std::size_t(i)]) return "dropout y is not x ⊙ mask";
        zeros += m[std::size_t(i)] == 0;
    }
    const double expected = double(p) * double(n);
    const double sigma = std::sqrt(double(n) * double(p) * (1 - double(p)));
    if (std::abs(double(zeros) - expected) > 5 * sigma)
        return "dropout zeroed " + std::to_string(zeros) + " of " + std::to_string(n) +
               ", expected about " + std::to_string(expected);
    v.seed = 54321;
    b.upload(values, &v, 1);
    b.dropout(n, p, values.data, 7, dx.data(), mask2.data(), y2.data());
    if (mask2.host() == m) return "dropout masks are the same for two seeds";
    return {};
}

// Every kernel family on a handful of shapes, odd sizes included.
inline std::string checkAllKernels(Backend& b) {
    std::vector<std::string> errors = {
        checkLinear(b, 1, 1, 1, 1),
        checkLinear(b, 7, 13, 5, 2),
        checkLinear(b, 64, 784, 10, 3),
        checkLinear(b, 33, 70, 129, 4),
        checkConv(b, 2, 1, 7, 9, 3, 3, 1, 1, 5),
        checkConv(b, 3, 2, 11, 8, 5, 5, 2, 2, 6),
        checkConv(b, 1, 3, 6, 6, 4, 1, 1, 0, 7),
        checkConv(b, 2, 4, 9, 9, 2, 4, 3, 0, 8),
        checkMaxPool(b, 3, 8, 8, 2, 2, 9, false),
        checkMaxPool(b, 2, 7, 9, 3, 2, 10, false), // overlapping windows, odd sizes
        checkMaxPool(b, 4, 6, 6, 2, 2, 11, true),
        checkMaxPool(b, 2, 5, 5, 3, 1, 12, true),
        checkSoftmax(b, 9, 7, 17),
        checkSoftmax(b, 1, 1, 18),
        checkLosses(b, 13, 5, 19),
        checkLosses(b, 1, 1, 20),
        checkReductions(b, 10007, 21),
        checkReductions(b, 1, 22),
        checkDropout(b, 20000, Scalar(0.3)),
    };
    // Every activation, on sizes from 1 to over a thousand.
    const Index sizes[] = {1001, 257, 300, 31, 1, 64, 127, 9};
    for (int a = 0; a < kActivationCount; ++a)
        errors.push_back(checkActivation(b, Activation(a), sizes[a % 8], 13 + std::uint64_t(a)));
    for (const auto& e : errors)
        if (!e.empty()) return e;
    return {};
}

// --- Whole training steps ---------------------------------------------------------------------

// Trains `steps` steps twice from the same weights and seed, through the graph and on `backend`,
// and compares the losses, the weights, the gradients and the optimizer's state.
inline std::string compareTraining(std::unique_ptr<Backend> backend,
                                   const std::vector<LayerSpec>& layers, const Dataset& data,
                                   TrainConfig config, long steps, double tol) {
    Sequential onGraph(layers, 4), onDevice(layers, 4);
    Trainer graphTrainer(onGraph, data, nullptr, config);
    Trainer deviceTrainer(onDevice, data, nullptr, config);
    deviceTrainer.setBackend(std::move(backend));
    std::vector<double> graphLosses, deviceLosses;
    graphTrainer.setStepObserver([&](const StepReport& r) { graphLosses.push_back(r.batchLoss); });
    deviceTrainer.setStepObserver(
        [&](const StepReport& r) { deviceLosses.push_back(r.batchLoss); });
    try {
        graphTrainer.runSteps(steps);
        deviceTrainer.runSteps(steps);
    } catch (const Error& e) {
        return std::string("training stopped: ") + e.what();
    }
    if (graphLosses.size() != deviceLosses.size())
        return "the runs took different numbers of steps";
    for (std::size_t i = 0; i < graphLosses.size(); ++i)
        if (!(std::abs(graphLosses[i] - deviceLosses[i]) <= tol * std::max(1.0, graphLosses[i])))
            return "the loss of step " + std::to_string(i + 1) + " is " +
                   std::to_string(deviceLosses[i]) + ", the graph's " +
                   std::to_string(graphLosses[i]);
    for (std::size_t i = 0; i < onGraph.parameters().size(); ++i) {
        const Parameter& g = *onGraph.parameters()[i];
        const Parameter& d = *onDevice.parameters()[i];
        if (auto e = compareValues(g.name + " after the steps", d.value.data(), g.value.data(),
                                   g.value.numel(), tol);
            !e.empty())
            return e;
        if (auto e =
                compareValues("dL/d" + g.name, d.grad.data(), g.grad.data(), g.grad.numel(), tol);
            !e.empty())
            return e;
        const OptimizerState& gs = graphTrainer.optimizer().state(i);
        const OptimizerState& ds = deviceTrainer.optimizer().state(i);
        if (gs.buffers.size() != ds.buffers.size())
            return "the optimizer keeps " + std::to_string(ds.buffers.size()) +
                   " buffers on the device, " + std::to_string(gs.buffers.size()) + " on the graph";
        for (std::size_t k = 0; k < gs.buffers.size(); ++k) {
            if (gs.buffers[k].first != ds.buffers[k].first)
                return "optimizer buffer " + ds.buffers[k].first + " should be " +
                       gs.buffers[k].first;
            if (auto e =
                    compareValues(g.name + " " + gs.buffers[k].first, ds.buffers[k].second.data(),
                                  gs.buffers[k].second.data(), g.value.numel(), tol);
                !e.empty())
                return e;
        }
        if (auto e = compareValues(g.name + " last update", ds.lastUpdate.data(),
                                   gs.lastUpdate.data(), g.value.numel(), tol * 10);
            !e.empty())
            return e;
    }
    if (graphTrainer.optimizer().steps() != deviceTrainer.optimizer().steps())
        return "the optimizer counted " + std::to_string(deviceTrainer.optimizer().steps()) +
               " steps on the device";
    return {};
}

} // namespace gs::test
