#include "ForwardMode.h"

#include "BackwardContext.h"

#include <cmath>

namespace gs {

namespace {

bool zero(const Tensor& t) {
    return t.numel() == 0;
}

// `t` (of shape `from`) as the output's shape `to`: the same, a scalar, a row [1, C] or [C]
// repeated over the rows, or a column [N, 1] over the columns: the broadcasts the elementwise
// ops make.
Tensor broadcast(const Tensor& t, const Shape& to) {
    if (t.shape() == to) return t;
    Tensor out(to);
    const Index rows = to.rows(), cols = to.cols();
    for (Index r = 0; r < rows; ++r)
        for (Index c = 0; c < cols; ++c) {
            Index at = 0;
            if (t.numel() == 1)
                at = 0;
            else if (t.numel() == cols)
                at = c;
            else if (t.numel() == rows)
                at = r;
            else
                throw ShapeError(Engine::tr("forward mode: cannot broadcast {1} to {2}"),
                                 t.shape().str(), to.str());
            out[r * cols + c] = t[at];
        }
    return out;
}

// a + s·b, either of them possibly zero (empty).
Tensor addScaled(const Tensor& a, const Tensor& b, Scalar s, const Shape& shape) {
    if (zero(a) && zero(b)) return {};
    Tensor out = zero(a) ? Tensor::zeros(shape) : broadcast(a, shape);
    if (!zero(b)) out.array() += s * broadcast(b, shape).array();
    return out;
}

} // namespace

std::vector<Tensor> forwardTangents(const Graph& graph,
                                    const std::vector<std::pair<int, Tensor>>& seeds) {
    std::vector<Tensor> t(static_cast<std::size_t>(graph.size()));
    for (const auto& [id, tangent] : seeds) {
        const Shape& shape = graph.node(id).output().shape();
        if (tangent.shape() != shape)
            throw ShapeError(Engine::tr("forward mode: the tangent of {1} is {2}, not {3}"),
                             graph.nodeName(id), tangent.shape().str(), shape.str());
        t[static_cast<std::size_t>(id)] = tangent;
    }
    for (int id = 0; id < graph.size(); ++id) {
        const Node& n = graph.node(id);
        if (n.inputCount == 0) continue; // a leaf: seeded or zero
        const auto in = [&](int slot) -> const Tensor& {
            return t[static_cast<std::size_t>(n.inputs[static_cast<std::size_t>(slot)])];
        };
        const auto value = [&](int slot) -> const Tensor& {
            return graph.node(n.inputs[static_cast<std::size_t>(slot)]).output();
        };
        bool any = false;
        for (int slot = 0; slot < n.inputCount; ++slot)
            any = any || !zero(in(slot));
        if (!any) continue; // zero in, zero out
        const Shape& shape = n.output().shape();
        Tensor& out = t[static_cast<std::size_t>(id)];
        switch (n.op) {
        // d(a ± b) = ȧ ± ḃ
        case OpKind::Add:
            out = addScaled(in(0), in(1), 1, shape);
            break;
        case OpKind::Sub:
            out = addScaled(in(0), in(1), -1, shape);
            break;
        // d(a·b) = ȧ·b + a·ḃ
        case OpKind::Mul: {
            out = Tensor::zeros(shape);
            if (!zero(in(0)))
                out.array() += broadcast(in(0), shape).array() * broadcast(value(1), shape).array();
            if (!zero(in(1)))
                out.array() += broadcast(value(0), shape).array() * broadcast(in(1), shape).array();
            break;
        }
        // z = x Wᵀ + b: ż = ẋ Wᵀ + x Ẇᵀ + ḃ
        case OpKind::Linear: {
            out = Tensor::zeros(shape);
            auto z = out.matrix();
            if (!zero(in(0))) z.noalias() += in(0).matrix() * value(1).matrix().transpose();
            if (!zero(in(1))) z.noalias() += value(0).matrix() * in(1).matrix().transpose();
            if (n.inputCount > 2 && !zero(in(2))) out.array() += broadcast(in(2), shape).array();
            break;
        }
        // d(a @ b) = ȧ @ b + a @ ḃ
        case OpKind::MatMul: {
            out = Tensor::zeros(shape);
            auto z = out.matrix();
            if (!zero(in(0))) z.noalias() += in(0).matrix() * value(1).matrix();
            if (!zero(in(1))) z.noalias() += value(0).matrix() * in(1).matrix();
            break;
        }
        case OpKind::Flatten:
        case OpKind::Reshape:
            out = in(0);
            out.reshape(shape);
            break;
        case OpKind::Sum:
            out = Tensor::scalar(in(0).array().sum());
            out.reshape(shape);
            break;
        case OpKind::Mean:
            out = Tensor::scalar(in(0).array().mean());
            out.reshape(shape);
            break;
        // L = mean((p − y)²): L̇ = mean(2 (p − y)(ṗ − ẏ))
        case OpKind::MseLoss: {
            const Tensor d = addScaled(in(0), in(1), -1, value(0).shape());
            out = Tensor::scalar(Scalar(2) *
                                 ((value(0).array() - value(1).array()) * d.array()).mean());
            break;
        }
        // L = mean over rows of logsumexp(z) − z[label]: L̇ = mean over rows of Σ (p − y) ż
        case OpKind::CrossEntropy: {
            const Tensor& z = in(0);
            const Index rows = z.rows(), cols = z.cols();
            double total = 0;
            for (Index r = 0; r < rows; ++r)
                for (Index c = 0; c < cols; ++c) {
                    const double y = n.labels[static_cast<std::size_t>(r)] == c ? 1 : 0;
                    total += (double(n.saved[r * cols + c]) - y) * double(z[r * cols + c]);
                }
            out = Tensor::scalar(Scalar(total / double(rows)));
            break;
        }
        // L = mean(softplus(x) − x t): L̇ = mean((σ(x) − t) ẋ), the target constant
        case OpKind::BceWithLogits: {
            const auto x = value(0).array();
            const auto sigma = (Scalar(1) / (Scalar(1) + (-x).exp())).eval();
            out = Tensor::scalar(((sigma - value(1).array()) * in(0).array()).mean());
            break;
        }
        default: {
            // One input, elementwise: its local derivative (an activation's, exp's, …).
            Tensor local;
            const LocalDerivativeFn rule = localDerivativeRule(n.op);
            if (n.inputCount == 1 && rule && rule(graph, n, 0, local) &&
                local.numel() == in(0).numel()) {
                out = in(0);
                out.array() *= local.array();
                out.reshape(shape);
                break;
            }
            throw Unsupported(Engine::tr("forward mode does not cover the op {1} (node {2}) "
                                         "yet"),
                              std::string(opName(n.op)), graph.nodeName(id));
        }
        }
    }
    return t;
}

} // namespace gs
