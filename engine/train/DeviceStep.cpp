#include "DeviceStep.h"

#include <algorithm>
#include <cmath>

namespace gs {

using kernels::Activation;
using kernels::Reduction;

struct DeviceStep::Layer {
    LayerSpec spec;
    Index inSize = 0, outSize = 0; // elements per sample
    DeviceBuffer<Scalar> value, grad;
    int weight = -1, bias = -1; // into m_params
    bool needInputGrad = false; // a layer before this one has parameters
    kernels::ConvShape conv;    // batch set per step
    kernels::PoolShape pool;    // planes set per step
    DeviceBuffer<Scalar> columns, product, mask;
    DeviceBuffer<std::int64_t> where;
};

namespace {

kernels::Targets targetsOf(TargetEncoding e) {
    return static_cast<kernels::Targets>(static_cast<int>(e));
}

// Results slots: the data loss, the correct count, then one per parameter, then two per weight.
constexpr Index kLossSlot = 0;
constexpr Index kCorrectSlot = 1;
constexpr Index kFirstParamSlot = 2;
} // namespace

DeviceStep::DeviceStep(std::unique_ptr<Backend> backend, const Sequential& model,
                       const Shape& sampleShape, Index maxBatch, LossKind loss,
                       TargetEncoding encoding)
    : m_backend(std::move(backend))
    , m_loss(loss)
    , m_encoding(encoding)
    , m_maxBatch(std::max<Index>(1, maxBatch)) {
    Backend& b = *m_backend;
    std::vector<Index> dims = sampleShape.toVector();
    dims.insert(dims.begin(), 1);
    const Shape input = Shape::fromVector(dims);
    const std::vector<Shape> shapes = model.shapes(input);
    // The layers the device kernels have (backend/Kernels.h), in a chain; the others train on
    // the graph.
    if (!isChain(model.layers()))
        throw Unsupported(Engine::tr("this network has skip connections, which have no GPU "
                                     "kernels yet: it trains on the CPU"));
    for (std::size_t i = 0; i < model.layers().size(); ++i) {
        const LayerKind k = model.layers()[i].kind;
        if (isNormalisation(k) || k == LayerKind::AvgPool2d || k == LayerKind::GlobalAvgPool2d)
            throw Unsupported(Engine::tr("layer {1} ({2}) has no GPU kernels yet: this network "
                                         "trains on the CPU"),
                              i, describe(model.layers()[i]));
    }

    for (const Parameter* p : model.parameters()) {
        Param d;
        d.numel = p->value.numel();
        d.value = b.allocate<Scalar>(d.numel);
        d.grad = b.allocate<Scalar>(d.numel);
        d.update = b.allocate<Scalar>(d.numel);
        for (auto& slot : d.state)
            slot = b.allocate<Scalar>(d.numel);
        m_params.push_back(d);
    }
    const auto indexOf = [&](const Parameter* p) {
        const auto& all = model.parameters();
        return p ? static_cast<int>(std::find(all.begin(), all.end(), p) - all.begin()) : -1;
    };

    bool parametersBefore = false;
    for (std::size_t i = 0; i < model.layers().size(); ++i) {
        Layer l;
        l.spec = model.layers()[i];
        const Shape& in = i == 0 ? input : shapes[i - 1];
        const Shape& out = shapes[i];
        l.inSize = in.numel();
        l.outSize = out.numel();
        l.needInputGrad = parametersBefore;
        l.weight = indexOf(model.weight(static_cast<int>(i)));
        l.bias = indexOf(model.bias(static_cast<int>(i)));
        if (l.weight >= 0) m_params[static_cast<std::size_t>(l.weight)].isWeight = true;
        parametersBefore = parametersBefore || l.spec.hasParameters();
        if (l.spec.kind != LayerKind::Flatten) {
            l.value = b.allocate<Scalar>(m_maxBatch * l.outSize);
            l.grad = b.allocate<Scalar>(m_maxBatch * l.outSize);
        }
        if (l.spec.kind == LayerKind::Conv2d) {
            l.conv = {0,      in[1],         in[2],         in[3],
                      out[1], l.spec.kernel, l.spec.stride, l.spec.padding,
                      out[2], out[3]};
            l.conv.batch = m_maxBatch;
            l.columns = b.allocate<Scalar>(l.conv.columnRows() * l.conv.patch());
            l.product = b.allocate<Scalar>(l.conv.columnRows() * l.conv.outChannels);
        } else if (l.spec.kind == LayerKind::MaxPool2d) {
            l.pool = {
                0,      in[2], in[3], l.spec.kernel, l.spec.stride ? l.spec.stride : l.spec.kernel,
                out[2], out[3]};
            l.where = b.allocate<std::int64_t>(m_maxBatch * l.outSize);
        } else if (l.spec.kind == LayerKind::Dropout) {
            l.mask = b.allocate<Scalar>(m_maxBatch * l.outSize);
        }
        m_layers.push_back(std::move(l));
    }
    const Index inputs = input.numel();
    const Index outputs = shapes.empty() ? 0 : shapes.back().numel();
    m_input = b.allocate<Scalar>(m_maxBatch * inputs);
    m_targets = b.allocate<Scalar>(m_maxBatch * outputs);
    m_labels = b.allocate<Scalar>(m_maxBatch);
    m_terms = b.allocate<Scalar>(m_maxBatch * std::max<Index>(1, outputs));
    m_perRow = b.allocate<Scalar>(m_maxBatch);
    // Per parameter: a largest gradient or weight, two penalty sums, three norms.
    const Index slots = kFirstParamSlot + 6 * static_cast<Index>(m_params.size());
    m_results = b.allocate<Scalar>(slots);
    m_hostResults.resize(static_cast<std::size_t>(slots));
    m_values = b.allocate<StepValues>(1);
}

DeviceStep::~DeviceStep() = default;

const Scalar* DeviceStep::outputOf(int layer) const {
    while (layer >= 0 && m_layers[static_cast<std::size_t>(layer)].spec.kind == LayerKind::Flatten)
        --layer;
    return layer < 0 ? m_input.data : m_layers[static_cast<std::size_t>(layer)].value.data;
}

Scalar* DeviceStep::gradOf(int layer) const {
    while (layer >= 0 && m_layers[static_cast<std::size_t>(layer)].spec.kind == LayerKind::Flatten)
        --layer;
    return layer < 0 ? nullptr : m_layers[static_cast<std::size_t>(layer)].grad.data;
}

void DeviceStep::upload(const Sequential& model, const Optimizer& optimizer) {
    Backend& b = *m_backend;
    const auto buffers = optimizerBuffers(optimizer.config());
    m_first = true;
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        const Parameter& p = *model.parameters()[i];
        Param& d = m_params[i];
        b.upload(d.value, p.value.data(), d.numel);
        if (p.grad.numel() == d.numel)
            b.upload(d.grad, p.grad.data(), d.numel);
        else
            b.fill(d.grad.data, d.numel, 0);
        const OptimizerState& state = optimizer.state(i);
        if (!state.buffers.empty() || !state.lastUpdate.empty()) m_first = false;
        for (std::size_t slot = 0; slot < d.state.size(); ++slot) {
            if (slot < state.buffers.size())
                b.upload(d.state[slot], state.buffers[slot].second.data(), d.numel);
            else
                b.fill(d.state[slot].data, d.numel,
                       slot < buffers.size() ? buffers[slot].initial : Scalar(0));
        }
        if (state.lastUpdate.numel() == d.numel)
            b.upload(d.update, state.lastUpdate.data(), d.numel);
        else
            b.fill(d.update.data, d.numel, 0);
    }
    m_steps = optimizer.steps();
}

void DeviceStep::download(Sequential& model, Optimizer& optimizer, bool gradients) {
    // Everything is copied into new tensors first and put in place only once every copy has
    // succeeded: a copy that fails leaves the host's model and optimizer as they were.
    Backend& b = *m_backend;
    const auto buffers = optimizerBuffers(optimizer.config());
    std::vector<Tensor> values, grads;
    std::vector<OptimizerState> states(m_params.size());
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        const Shape& shape = model.parameters()[i]->value.shape();
        const Param& d = m_params[i];
        values.emplace_back(shape);
        b.download(values.back().data(), d.value, d.numel);
        if (gradients) {
            grads.emplace_back(shape);
            b.download(grads.back().data(), d.grad, d.numel);
        }
        if (m_first) continue; // no step has made the state yet
        OptimizerState& s = states[i];
        for (std::size_t slot = 0; slot < buffers.size(); ++slot) {
            Tensor t(shape);
            b.download(t.data(), d.state[slot], d.numel);
            s.buffers.emplace_back(buffers[slot].name, std::move(t));
        }
        s.lastUpdate.resize(shape);
        b.download(s.lastUpdate.data(), d.update, d.numel);
    }
    optimizer.setState(m_steps, std::move(states));
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        Parameter& p = *model.parameters()[i];
        p.value = std::move(values[i]);
        if (gradients) p.grad = std::move(grads[i]);
    }
}

DeviceStep::Result DeviceStep::forwardBackward(const Batch& batch, const Regularization& r,
                                               std::uint64_t dropoutSeed) {
    Backend& b = *m_backend;
    const Index rows = batch.size();
    if (rows < 1 || rows > m_maxBatch)
        throw InvalidArgument(Engine::tr("a batch of {1} samples does not fit the device's "
                                         "buffers (at most {2})"),
                              rows, m_maxBatch);
    m_rows = rows;
    const int last = static_cast<int>(m_layers.size()) - 1;
    const Index cols = last >= 0 ? m_layers.back().outSize : batch.inputs.cols();
    const Index outputs = rows * cols;
    const bool classes = m_encoding != TargetEncoding::Values;

    // What changes from step to step is copied in before the recorded work runs.
    b.upload(m_input, batch.inputs.data(), batch.inputs.numel());
    if (m_encoding == TargetEncoding::Values) {
        b.upload(m_targets, batch.targets.data(), outputs);
    } else if (m_encoding != TargetEncoding::ClassIndex) {
        encodeTargets(m_encoding, batch, Shape{rows, cols}, m_targetScratch);
        b.upload(m_targets, m_targetScratch.data(), outputs);
    }
    if (classes) {
        m_targetScratch.resize(Shape{rows});
        for (Index i = 0; i < rows; ++i)
            m_targetScratch[i] = static_cast<Scalar>(batch.labels[static_cast<std::size_t>(i)]);
        b.upload(m_labels, m_targetScratch.data(), rows);
    }
    m_hostValues.seed = kernels::mix64(dropoutSeed);
    m_hostValues.l1 = r.l1;
    m_hostValues.l2 = r.l2;
    b.upload(m_values, &m_hostValues, 1);
    const bool penalty = r.l1 != 0 || r.l2 != 0;
    const StepValues* values = m_values.data;

    b.run(static_cast<int>(rows * 4 + (penalty ? 1 : 0)), [&] {
        for (int i = 0; i <= last; ++i) {
            Layer& l = m_layers[static_cast<std::size_t>(i)];
            const Scalar* x = outputOf(i - 1);
            Scalar* y = l.value.data;
            const Index n = rows * l.outSize;
            const Scalar* w = l.weight >= 0 ? m_params[std::size_t(l.weight)].value.data : nullptr;
            const Scalar* bias = l.bias >= 0 ? m_params[std::size_t(l.bias)].value.data : nullptr;
            switch (l.spec.kind) {
            case LayerKind::Linear:
                b.gemm(false, true, rows, l.spec.out, l.spec.in, x, w, y, false);
                if (bias) b.addChannelBias(n, l.spec.out, 1, bias, y);
                break;
            case LayerKind::Conv2d: {
                kernels::ConvShape s = l.conv;
                s.batch = rows;
                b.im2col(s, x, l.columns.data);
                b.gemm(false, true, s.columnRows(), s.outChannels, s.patch(), l.columns.data, w,
                       l.product.data, false);
                b.productToPlanes(n, s.outChannels, s.positions(), l.product.data, y);
                if (bias) b.addChannelBias(n, s.outChannels, s.positions(), bias, y);
                break;
            }
            case LayerKind::MaxPool2d: {
                kernels::PoolShape s = l.pool;
                s.planes = rows * l.inSize / (s.height * s.width);
                b.maxPool(s, x, y, l.where.data);
                break;
            }
            case LayerKind::Activation:
                b.activation(l.spec.activation, n, l.spec.slope, x, y);
                break;
            case LayerKind::Softmax:
                b.softmax(rows, l.outSize, x, y);
                break;
            case LayerKind::Dropout:
                b.dropout(n, l.spec.p, values, kernels::mix64(std::uint64_t(i) + 1), x, l.mask.data,
                          y);
                break;
            default: // Flatten; the constructor refuses the layers without device kernels
                break;
            }
        }

        // The loss, its gradient, and how many rows were right.
        const Scalar* out = outputOf(last);
        Scalar* dOut = gradOf(last);
        Scalar* loss = m_results.data + kLossSlot;
        if (m_loss == LossKind::CrossEntropy) {
            b.crossEntropy(rows, cols, out, m_labels.data, m_terms.data, dOut);
            b.reduce(Reduction::Sum, rows, m_terms.data, 1.0 / double(rows), loss);
        } else {
            if (m_loss == LossKind::BCEWithLogits)
                b.bceWithLogits(outputs, out, m_targets.data, m_terms.data, dOut);
            else
                b.mse(outputs, out, m_targets.data, m_terms.data, dOut);
            b.reduce(Reduction::Sum, outputs, m_terms.data, 1.0 / double(outputs), loss);
        }
        if (classes) {
            b.correctRows(rows, cols, targetsOf(m_encoding), out, m_labels.data, m_perRow.data);
            b.reduce(Reduction::Sum, rows, m_perRow.data, 1, m_results.data + kCorrectSlot);
        }

        for (int i = last; i >= 0; --i) {
            Layer& l = m_layers[static_cast<std::size_t>(i)];
            const Scalar* x = outputOf(i - 1);
            const Scalar* y = l.value.data;
            const Scalar* dy = l.grad.data;
            Scalar* dx = l.needInputGrad ? gradOf(i - 1) : nullptr;
            const Index n = rows * l.outSize;
            Param* w = l.weight >= 0 ? &m_params[std::size_t(l.weight)] : nullptr;
            Param* bias = l.bias >= 0 ? &m_params[std::size_t(l.bias)] : nullptr;
            switch (l.spec.kind) {
            case LayerKind::Linear:
                // dW = dyᵀ·x, db = Σ_rows dy, dx = dy·W
                b.gemm(true, false, l.spec.out, l.spec.in, rows, dy, x, w->grad.data, false);
                if (bias) b.channelSums(rows, l.spec.out, 1, dy, bias->grad.data);
                if (dx)
                    b.gemm(false, false, rows, l.spec.in, l.spec.out, dy, w->value.data, dx, false);
                break;
            case LayerKind::Conv2d: {
                // With dP the output gradient in the product's layout: dW = dPᵀ·columns,
                // dcolumns = dP·W (into the columns' buffer, once dW has read it), dx = col2im.
                kernels::ConvShape s = l.conv;
                s.batch = rows;
                b.planesToProduct(n, s.outChannels, s.positions(), dy, l.product.data);
                b.gemm(true, false, s.outChannels, s.patch(), s.columnRows(), l.product.data,
                       l.columns.data, w->grad.data, false);
                if (bias) b.channelSums(rows, s.outChannels, s.positions(), dy, bias->grad.data);
                if (dx) {
                    b.gemm(false, false, s.columnRows(), s.patch(), s.outChannels, l.product.data,
                           w->value.data, l.columns.data, false);
                    b.col2im(s, l.columns.data, dx);
                }
                break;
            }
            case LayerKind::MaxPool2d:
                if (dx) {
                    kernels::PoolShape s = l.pool;
                    s.planes = rows * l.inSize / (s.height * s.width);
                    b.maxPoolGrad(s, dy, l.where.data, dx);
                }
                break;
            case LayerKind::Activation:
                if (dx) b.activationGrad(l.spec.activation, n, l.spec.slope, x, y, dy, dx);
                break;
            case LayerKind::Softmax:
                if (dx) b.softmaxGrad(rows, l.outSize, y, dy, dx);
                break;
            case LayerKind::Dropout:
                if (dx) b.multiply(n, dy, l.mask.data, dx);
                break;
            default: // Flatten; the constructor refuses the layers without device kernels
                break;
            }
        }

        Index weightSlot = kFirstParamSlot + static_cast<Index>(m_params.size());
        for (std::size_t p = 0; p < m_params.size(); ++p) {
            Param& d = m_params[p];
            if (penalty && d.isWeight) {
                b.addPenaltyGrad(d.numel, values, d.value.data, d.grad.data);
                b.reduce(Reduction::SumAbs, d.numel, d.value.data, 1, m_results.data + weightSlot);
                b.reduce(Reduction::SumSquares, d.numel, d.value.data, 1,
                         m_results.data + weightSlot + 1);
                weightSlot += 2;
            }
            b.reduce(Reduction::MaxAbs, d.numel, d.grad.data, 1,
                     m_results.data + kFirstParamSlot + static_cast<Index>(p));
        }
    });

    b.download(m_hostResults.data(), m_results, static_cast<Index>(m_hostResults.size()));
    Result result;
    result.dataLoss = m_hostResults[kLossSlot];
    result.correct = classes ? static_cast<Index>(m_hostResults[kCorrectSlot]) : 0;
    std::size_t weightSlot = kFirstParamSlot + m_params.size();
    for (std::size_t p = 0; p < m_params.size(); ++p) {
        result.largestGrad.push_back(m_hostResults[kFirstParamSlot + p]);
        if (penalty && m_params[p].isWeight) {
            result.penalty += double(r.l1) * m_hostResults[weightSlot] +
                              double(r.l2) * m_hostResults[weightSlot + 1];
            weightSlot += 2;
        }
    }
    return result;
}

DeviceStep::Update DeviceStep::update(const OptimizerConfig& c, bool norms) {
    Backend& b = *m_backend;
    ++m_steps;
    StepValues& v = m_hostValues;
    setStepValues(v, c, m_steps, m_first);
    b.upload(m_values, &v, 1);
    const StepValues* values = m_values.data;
    const Index count = static_cast<Index>(m_params.size());
    const Index normSlot = kFirstParamSlot + 3 * count;
    b.run(norms ? -2 : -1, [&] {
        for (Index p = 0; p < count; ++p) {
            Param& d = m_params[static_cast<std::size_t>(p)];
            b.optimizerStep(d.numel, values,
                            {d.value.data, d.grad.data, d.state[0].data, d.state[1].data,
                             d.state[2].data, d.update.data});
            b.reduce(Reduction::MaxAbs, d.numel, d.value.data, 1,
                     m_results.data + kFirstParamSlot + p);
            if (!norms) continue;
            Scalar* at = m_results.data + normSlot + 3 * p;
            b.reduce(Reduction::SumSquares, d.numel, d.grad.data, 1, at);
            b.reduce(Reduction::SumSquares, d.numel, d.update.data, 1, at + 1);
            b.reduce(Reduction::SumSquares, d.numel, d.value.data, 1, at + 2);
        }
    });
    m_first = false;
    b.download(m_hostResults.data(), m_results, static_cast<Index>(m_hostResults.size()));
    Update u;
    for (Index p = 0; p < count; ++p) {
        u.largestWeight.push_back(m_hostResults[std::size_t(kFirstParamSlot + p)]);
        if (!norms) continue;
        const auto norm = [&](Index k) {
            return std::sqrt(double(m_hostResults[std::size_t(normSlot + 3 * p + k)]));
        };
        u.gradNorm.push_back(norm(0));
        u.updateNorm.push_back(norm(1));
        u.weightNorm.push_back(norm(2));
    }
    return u;
}

Tensor DeviceStep::output() const {
    const Index cols = m_layers.empty() ? 0 : m_layers.back().outSize;
    Tensor out(Shape{m_rows, cols});
    const Scalar* from = outputOf(static_cast<int>(m_layers.size()) - 1);
    m_backend->downloadBytes(out.data(), from,
                             static_cast<std::size_t>(out.numel()) * sizeof(Scalar));
    return out;
}

} // namespace gs
