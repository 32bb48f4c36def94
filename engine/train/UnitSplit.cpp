// Trainer's steps split by units (Trainer::setSplitByUnits; docs/engine.md, "Threads").
//
// A network that begins [Flatten] Linear(in → hidden), activation, Linear(hidden → out) is an
// MLP's head. Part p of the step takes units [u0, u1) of the hidden layer, the same for every
// step, and with them rows u0..u1 of the first weight (contiguous: weights are [out, in]),
// entries u0..u1 of its bias, and columns u0..u1 of the second weight. With the whole batch X,
// read where the dataset keeps it:
//
//   forward    Z[:, u] = X·W1[u]ᵀ + b1[u],  H[:, u] = f(Z[:, u]),  P_p = H[:, u]·W2[:, u]ᵀ
//   (caller)   Y = Σ_p P_p + b2, the rest of the network and the loss through the graph, dL/dY
//   backward   dW2[:, u] = dL/dYᵀ·H[:, u],  dZ[:, u] = (dL/dY·W2[:, u]) ⊙ f'(Z[:, u]),
//              dW1[u] = dZ[:, u]ᵀ·X,  db1[u] = Σ_rows dZ[:, u]
//   update     the optimizer's step over W1 in the same row ranges (Optimizer::step's align).
//
// Part p of each phase goes to thread p (core/Parallel.h), so it runs on the same thread step
// after step unless that thread is held up: its share of W1, of its gradient and of the
// optimizer's state stays in that core's caches, and so do its buffers of Z, H and their
// gradients, each on cache lines of its own. (The parts' columns of dL/dW2 and entries of
// dL/db1 still sit side by side in the parameters' gradients: out + 1 rows, not rows × 4.)
// What crosses between the cores is P_p and dL/dY (rows × out), the second weight and the
// biases, a few kilobytes, where a data-parallel step moves every weight and gradient. Each
// product is the graph's (linear's forward and backward) over a block of columns, so the
// hidden layer's numbers are the graph's; Y sums the parts' products, which rounds differently
// from one product over every unit.
#include "UnitSplit.h"

#include "core/Parallel.h"
#include "ops/Ops.h"

#include <atomic>
#include <cmath>
#include <utility>

namespace gs {

using namespace unitsplit;

void Trainer::findUnitSplit() {
    const std::vector<LayerSpec>& layers = m_model.layers();
    if (!m_shardable || !isChain(layers)) return;
    std::size_t i = 0;
    while (i < layers.size() && layers[i].kind == LayerKind::Flatten)
        ++i;
    if (i + 2 >= layers.size() || layers[i].kind != LayerKind::Linear ||
        layers[i + 1].kind != LayerKind::Activation || layers[i + 2].kind != LayerKind::Linear)
        return;
    const LayerSpec& a = layers[i];
    const LayerSpec& b = layers[i + 2];
    // (The input must be flat: Linear refuses images that were not flattened.)
    const bool flat = i > 0 || m_train.sampleShape().rank() == 1;
    if (!flat || a.in != m_train.sampleShape().numel() || a.out != b.in ||
        b.in * b.out >= kSmallSecondWeight)
        return;
    // Only where the head does most of the work: the layers after it run on one thread.
    if (double(a.in * a.out + b.in * b.out) < 0.5 * m_sampleWork) return;
    auto u = std::make_unique<UnitSplit>();
    u->first = int(i);
    u->activation = int(i + 1);
    u->second = int(i + 2);
    u->in = a.in;
    u->hidden = a.out;
    u->out = b.out;
    u->function = layers[i + 1].activation;
    u->slope = layers[i + 1].slope;
    u->w1 = m_model.weight(u->first);
    u->w2 = m_model.weight(u->second);
    u->b1 = m_model.bias(u->first);
    u->b2 = m_model.bias(u->second);
    const std::vector<Parameter*>& parameters = m_optimizer.parameters();
    u->align.assign(parameters.size(), 0);
    for (std::size_t k = 0; k < parameters.size(); ++k) {
        if (parameters[k] == u->w1) u->align[k] = kUnitAlign * u->in;
        const Parameter* p = parameters[k];
        if (p != u->w1 && p != u->w2 && p != u->b1 && p != u->b2) u->tail.push_back(parameters[k]);
    }
    m_units = std::move(u);
}

int Trainer::unitPartsFor(Index rows) const {
    if (!m_units || !m_splitByUnits || !splittable()) return 1;
    const UnitSplit& u = *m_units;
    const Index blocks = (u.hidden + kUnitAlign - 1) / kUnitAlign;
    int parts = int(std::min<Index>(threadCount(), blocks));
    while (parts > 1 && double(rows) * double(u.in) * double(u.hidden) / parts < kUnitWork)
        --parts;
    return std::max(parts, 1);
}

namespace {
// Whether the hidden layer's products read the batch's rows where the dataset keeps them
// (GemmOperand::rowOffsets; the engine's own GEMM): then no part copies the batch, where
// otherwise every part would copy all of it every step. Elsewhere each part gathers its copy.
bool readsRowsInPlace() {
#ifdef GRADSCOPE_OWN_GEMM
    return gemmKernels() != GemmKernels::Portable;
#else
    return false;
#endif
}

using Block = Eigen::Map<Matrix, 0, Eigen::OuterStride<>>;
using ConstBlock = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;
// Columns [offset, offset + cols) of `rows` rows of a row-major buffer whose rows are `stride`
// apart, and the like (the rows of a weight, a part's columns of the second weight).
Block block(Tensor& t, Index rows, Index cols, Index stride, Index offset) {
    return Block(t.data() + offset, rows, cols, Eigen::OuterStride<>(stride));
}
ConstBlock block(const Tensor& t, Index rows, Index cols, Index stride, Index offset) {
    return ConstBlock(t.data() + offset, rows, cols, Eigen::OuterStride<>(stride));
}
using Row = Eigen::Map<Eigen::Matrix<Scalar, 1, Eigen::Dynamic>>;
using ConstRow = Eigen::Map<const Eigen::Matrix<Scalar, 1, Eigen::Dynamic>>;
} // namespace

void Trainer::UnitSplit::forward(int p, int parts) {
    const auto [u0, u1] = units(p, parts);
    const Index n = u1 - u0;
    Buffers& own = buffers[std::size_t(p)];
    for (Tensor* t : {&own.z, &own.h, &own.dh, &own.dz})
        t->resize({rows, n});
    own.partial.resize({rows, out});
    Block zp = block(own.z, rows, n, n, 0);
    if (inPlace) {
        gemm(rows, n, in, x, {w1->value.data() + u0 * in, 1, in}, zp.data(), n, false);
    } else {
        product(zp, block(std::as_const(batch.inputs), rows, in, in, 0),
                block(std::as_const(w1->value), n, in, in, u0 * in).transpose());
    }
    if (b1) zp.rowwise() += ConstRow(b1->value.data() + u0, n);
    Block hp = block(own.h, rows, n, n, 0);
    for (Index r = 0; r < rows; ++r)
        activateRange(function, slope, &zp(r, 0), &hp(r, 0), n);
    product(own.partial.matrix(), block(std::as_const(own.h), rows, n, n, 0),
            block(std::as_const(w2->value), out, n, hidden, u0).transpose());
}

const Tensor& Trainer::UnitSplit::hiddenLayer() const {
    const int count = int(buffers.size());
    h.resize({rows, hidden});
    for (int p = 0; p < count; ++p) {
        const auto [u0, u1] = units(p, count);
        const Tensor& part = buffers[std::size_t(p)].h;
        block(h, rows, u1 - u0, hidden, u0) = block(part, rows, u1 - u0, u1 - u0, 0);
    }
    return h;
}

bool Trainer::UnitSplit::backward(int p, int parts, const Tensor& dy) {
    const auto [u0, u1] = units(p, parts);
    const Index n = u1 - u0;
    const auto g = dy.matrix();
    Buffers& own = buffers[std::size_t(p)];
    const ConstBlock hp = block(std::as_const(own.h), rows, n, n, 0);
    Block gw2 = block(w2->grad, out, n, hidden, u0);
    product(gw2, g.transpose(), hp);
    Block dhp = block(own.dh, rows, n, n, 0);
    product(dhp, g, block(std::as_const(w2->value), out, n, hidden, u0));
    const ConstBlock zp = block(std::as_const(own.z), rows, n, n, 0);
    Block dzp = block(own.dz, rows, n, n, 0);
    for (Index r = 0; r < rows; ++r)
        activateGradRange(function, slope, &zp.coeffRef(r, 0), &hp.coeffRef(r, 0), &dhp(r, 0),
                          &dzp(r, 0), n);
    Block gw1 = block(w1->grad, n, in, in, u0 * in);
    if (inPlace)
        gemm(n, in, rows, {dzp.data(), 1, n}, x, gw1.data(), in, false);
    else
        product(gw1, block(std::as_const(own.dz), rows, n, n, 0).transpose(),
                block(std::as_const(batch.inputs), rows, in, in, 0));
    // Each buffer tested on its own: std::max would drop a NaN after a finite value.
    bool finite = std::isfinite(largestMagnitude(gw1.data(), n * in));
    if (b1) {
        Row(b1->grad.data() + u0, n) = dzp.colwise().sum();
        finite = finite && std::isfinite(largestMagnitude(b1->grad.data() + u0, n));
    }
    for (Index r = 0; r < out; ++r)
        finite = finite && std::isfinite(largestMagnitude(gw2.data() + r * hidden, n));
    return finite;
}

bool Trainer::unitStep(int parts, double& lossValue, Index& correct, Index& rows) {
    toHost();
    UnitSplit& u = *m_units;
    rows = u.rows = m_loader.nextBatchRows();
    u.inPlace = readsRowsInPlace();
    double value = 0;
    Var output;
    // A throw leaves the batch behind, as the graph's step does (it takes the batch first). A
    // diverging loss is refused (checkLoss) before any gradient changes; after a loss or a
    // gradient that is not finite (false) the graph's step, which replaces every gradient,
    // takes the batch again and finds where the NaN began.
    try {
        u.buffers.resize(std::size_t(parts));
        // The labels, for the loss; the inputs too where the products cannot read them in place.
        m_loader.gather(0, rows, u.batch, !u.inPlace);
        m_loader.rowOffsets(u.offsets);
        u.x = {m_train.inputs.data(), 0, 1, u.offsets.data()};

        // Each part's units, and its share of the second layer's product.
        runParts(parts, [&](int p) { u.forward(p, parts); });
        // The head's output, then the rest of the network and the loss through the graph.
        u.y = u.buffers[0].partial;
        for (int p = 1; p < parts; ++p)
            u.y.matrix() += u.buffers[std::size_t(p)].partial.matrix();
        if (u.b2) u.y.matrix().rowwise() += ConstRow(u.b2->value.data(), u.out);
        m_graph.reset();
        Var head = m_graph.leaf(u.y, std::to_string(u.second) + ".output");
        output =
            m_model.forward(m_graph, head, true, nullptr, nullptr, u.second + 1).named("output");
        Var loss = recordLoss(m_graph, m_config.loss, m_encoding, output, u.batch, u.targetScratch);
        value = loss.value()[0];
        if (!std::isfinite(value)) return false;
        checkLoss(value, value, false);
        BackwardOptions options;
        options.replaceGradients = &u.tail;
        m_graph.backward(loss, options);
        const Tensor& dy = head.grad();
        bool finite = std::isfinite(dy.largestMagnitude());
        for (const Parameter* p : u.tail)
            finite = finite && std::isfinite(p->grad.largestMagnitude());
        if (!finite) return false;
        for (Parameter* p : {u.w1, u.w2, u.b1, u.b2})
            if (p) p->grad.resize(p->value.shape());
        if (u.b2) {
            Row(u.b2->grad.data(), u.out) = dy.matrix().colwise().sum();
            if (!std::isfinite(u.b2->grad.largestMagnitude())) return false;
        }
        // Each part's columns of the second weight's gradient and rows of the first's.
        std::atomic<bool> partsFinite = true;
        runParts(parts, [&](int p) {
            if (!u.backward(p, parts, dy)) partsFinite = false;
        });
        if (!partsFinite) return false;
    } catch (...) {
        m_loader.skip();
        m_lastUnitParts = 1;
        throw;
    }

    m_loader.skip();
    lossValue = value;
    if (m_firstLoss < 0) m_firstLoss = value;
    m_optimizer.step(kParallelElements, parts, u.align);
    ++m_steps;
    checkWeights();
    correct =
        m_train.isClassification() ? countCorrect(output.value(), u.batch.labels, m_encoding) : 0;
    return true;
}

std::vector<std::array<double, 3>> Trainer::unitNorms() const {
    const UnitSplit& u = *m_units;
    const std::vector<Parameter*>& parameters = m_optimizer.parameters();
    const auto squares = [](const Tensor& t, Index begin, Index end) {
        return double(ConstArrayMap(t.data() + begin, end - begin).matrix().squaredNorm());
    };
    std::vector<std::array<double, 3>> norms(parameters.size());
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const Parameter& p = *parameters[i];
        const Tensor& update = m_optimizer.state(i).lastUpdate;
        const Index n = p.value.numel();
        const int parts = u.align[i] > 0 ? m_lastUnitParts : 1;
        std::vector<std::array<double, 3>> sums(std::size_t(parts), {0, 0, 0});
        runParts(parts, [&](int k) {
            const auto [u0, u1] = u.units(k, parts);
            const Index begin = parts > 1 ? u0 * u.in : 0, end = parts > 1 ? u1 * u.in : n;
            sums[std::size_t(k)] = {squares(p.grad, begin, end), squares(update, begin, end),
                                    squares(p.value, begin, end)};
        });
        for (const auto& s : sums)
            for (std::size_t j = 0; j < 3; ++j)
                norms[i][j] += s[j];
        for (double& v : norms[i])
            v = std::sqrt(v);
    }
    return norms;
}

} // namespace gs
